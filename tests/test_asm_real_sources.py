"""IBM 1130 sources from ../shared/data: IBM's DMS V2M9 paper-tape system
loader phase 2 and Charles Moore's 1968 FORTH assemble with no errors, and
their words match encodings worked out by hand from the listings."""

from pathlib import Path

import pytest

from machines.ibm1130.asm.command import read_source
from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.cards import deck_from_bytes, deck_to_bytes
from machines.ibm1130.asm.objectdeck import load_core_image_deck, load_object_deck

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason="../shared/data/ibm1130 is absent")


@pytest.fixture(scope="module")
def dms():
    path = DATA / "src" / "dms_v2m9_pt_loader_phase2.asm"
    return assemble(read_source(path), str(path))


@pytest.fixture(scope="module")
def forth():
    path = DATA / "src" / "forth68.asm"
    return assemble(read_source(path), str(path))


def test_dms_phase2_assembles_without_errors(dms):
    assert dms.errors == [], dms.error_text()
    assert not dms.relocatable and len(dms.words) > 1900
    assert dms.symbols["$CILA"].value == 0x5A          # $CILA EQU /5A
    # ORG BA000+5*@SCNT-2: multiplication before addition (asm1130's rule)
    assert dms.symbols["OVLAY"].value == (dms.symbols["BA000"].value
                                          + 5 * dms.symbols["@SCNT".replace("@", "'")].value - 2)


def test_dms_messages_and_their_word_counts(dms):
    # MSG18 DC MSG20-* counts the words of the DMES after it; * in DC is its address + 1
    s = {n: dms.symbols[n].value for n in ("MSG18", "MSG20", "MSG31", "MSG32")}
    assert dms.words[s["MSG18"]] == s["MSG20"] - s["MSG18"] - 1
    # DMES 'RE 18 PAPER TAPE ERROR'R'E on the console printer: 'R is 81, E 34, 1 FC, 8 E4
    assert [dms.words[s["MSG18"] + i] for i in range(1, 4)] == [0x8134, 0x21FC, 0xE421]
    body = [dms.words[a] for a in range(s["MSG18"] + 1, s["MSG20"])]
    # 23 printer codes (return, 21 characters, return), padded with a blank (21)
    assert len(body) == 12 and body[-1] == 0x8121
    # a message continued over two DMES lines ('  at the end) is one message
    assert dms.words[s["MSG31"]] == s["MSG32"] - s["MSG31"] - 1


def test_dms_outputs_round_trip(dms):
    deck = dms.object_deck()
    words, start = load_object_deck(deck_from_bytes(deck_to_bytes(deck)))
    assert words == dms.words and start == dms.start
    core, start = load_core_image_deck(dms.core_image_deck())
    assert all(core[a] == w for a, w in dms.words.items()) and start == dms.start
    assert "SYMBOL TABLE" in dms.listing()


def test_forth68_assembles_without_errors(forth):
    assert forth.errors == [], forth.error_text()
    assert forth.start == forth.symbols["START"].value - 1      # END START-1
    # CONVE DC / LD 1 -1 / STO CV1+1 / LDX 3 -63 / CV1 LD L3 / S 1 / BZ CV2 /
    # MDX 3 1 / B CV1 / CV2 MDX 3 63 / NOP, from ORG /900
    assert [forth.words[a] for a in range(0x900, 0x90D)] == [
        0x0000, 0xC1FF, 0xD002, 0x63C1, 0xC700, 0x0000, 0x9100, 0x4C18, 0x090B,
        0x7301, 0x70F9, 0x733F, 0x1000]
    assert ("LIBF", "DISK1") in forth.externals
    # LINK BALO: BSI L $LINK (/0039) and the name, as IBM's assembler writes it
    link = forth.symbols["FORTH"].value - 4
    assert [forth.words[link + i] for i in range(4)] == [0x4400, 0x0039, 0x0205, 0x3580]


def test_forth68_job_deck_assembles_to_the_same_words(forth):
    # the job deck wraps the same source in // JOB and // ASM cards
    job = (DATA / "jobs" / "forth68_asm.job").read_text(encoding="latin-1")
    asm = assemble(job, "forth68_asm.job")
    assert asm.errors == [], asm.error_text()
    assert asm.words == forth.words
