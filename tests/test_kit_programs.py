"""IBM's stand-alone programs from the SIMH IBM 1130 kit (../shared/data/ibm1130/kit)
stop where the reference simulator stops."""

from pathlib import Path

import pytest

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.machine import Ibm1130

KIT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ibm1130" / "kit"
needs_kit = pytest.mark.skipif(not KIT.is_dir(), reason=f"the SIMH kit is not in {KIT}")


def _program(words, at=0x100):
    m = Ibm1130()
    m.system.load_words(at, words)
    m.system.iar = at
    return m


def test_2501_read_with_an_empty_hopper_goes_not_ready_and_the_wait_stops():
    # Before the fix the read rescheduled a card event every 500 instructions
    # forever, so the WAIT never stopped the run.  IOCC at 0x200: address
    # 0x210 (the column count), area 9, initiate read.
    m = _program([0x0C00, 0x0200, 0x3000])                  # XIO L /0200; WAIT
    m.system.load_words(0x200, [0x0210, (9 << 11) | (6 << 8)])
    m.system.store(0x210, 80)
    assert m.run(100_000) == "wait"
    assert m.system.instructions == 2
    assert m.system.pending_events() == []
    m.system.load_words(0x104, [0x0C00, 0x0206, 0x3000])   # sense the DSW
    m.system.load_words(0x206, [0, (9 << 11) | (7 << 8)])
    m.system.iar, m.system.wait = 0x104, False
    m.run(10)
    assert m.system.acc & 0x1003 == 0x1003                 # last card, busy, not ready
    # Cards stacked later: the hung read goes on and interrupts on level 4.
    m.reader2501.load_hopper([[0x8000] * 80])
    m.system.iar, m.system.wait = 0x102, False
    m.run(100_000)
    assert m.memory[0x211] == 0x8000 and m.system.ilsw[4] & 0x1000


@needs_kit
def test_dbootcd_with_empty_readers_leaves_no_event_pending():
    # IBM's system-loader bootstrap started at 0 with nothing in either reader:
    # both reads hang, not ready, with no event pending (it then loops at CLINT,
    # MDX *-1, waiting for an interrupt that cannot come).
    assembly = assemble((KIT / "dbootcd.asm").read_text(), "dbootcd.asm")
    assert not assembly.errors
    m = Ibm1130()
    m.load_image(assembly.image)
    m.system.iar = 0
    assert m.run(20_000) == "limit"
    assert m.system.iar in (0x29, 0x2A) and m.system.pending_events() == []


@needs_kit
def test_one_card_core_dump_types_core():
    # zcrdumpc uses /0010 after each XIO write as "wait for the interrupt".  Its
    # ".IPL 1130" line (binary output for SIMH's asm1130) waits for the assembler
    # branch that accepts it; without it the program is the same words.
    source = (KIT / "zcrdumpc.asm").read_text()
    source = "\n".join(line for line in source.split("\n")
                       if not line.strip().lower().startswith(".ipl"))
    assembly = assemble(source, "zcrdumpc.asm")
    assert not assembly.errors
    m = Ibm1130()
    m.load_image(assembly.image)
    m.system.load_words(0x200, [0x1234, 0xABCD, 0x0000, 0xFFFF])
    m.system.switches = 0x0200
    assert m.run(100_000) == "limit"
    assert m.system.instructions == 100_000
    assert m.report()["console_printer"].startswith("0200 1234 ABCD 0000 FFFF 0000")


@needs_kit
def test_the_published_ipl_line_is_refused_as_asm1130_refuses_it():
    # ".IPL 1130" asked early versions of SIMH's asm1130 for a bootable card;
    # asm1130 dropped the directive (its history, versions 1.04 and 1.12:
    # "use -b ... and post-process with mkboot") and now says "Unknown
    # opcode".  Ours refuses it too, at that line, and assembles the rest.
    assembly = assemble((KIT / "zcrdumpc.asm").read_text(), "zcrdumpc.asm")
    assert [(e.line, "'.IPL'" in e.message) for e in assembly.errors] == [(79, True)]


def _ipl_1800_card(words):
    """A card in 1800 IPL format (8-8), as dbootcd reads it: word k in
    columns 2k+1 (its low byte) and 2k+2 (its high byte), each in rows
    12-5 (the column word's bits 0-7)."""
    from machines.ibm1130.cards import Card

    columns = []
    for word in words:
        columns += [(word & 0xFF) << 8, word & 0xFF00]
    return Card(columns + [0] * (80 - len(columns)))


@needs_kit
def test_2501_bootstrap_loads_a_deck_and_ends_at_its_wait():
    # IBM's two-card bootstrap (dbootcd.asm) from the 2501: card 1, in the
    # 1130 IPL format, punched from the columns IBM's listing gives in the
    # source (what PROGRAM LOAD leaves in core 0-71); card 2, its second
    # part in the 1800 IPL format, with the card count; then the program's
    # cards, 36 words each from 0x74, and a branch to 0xF6, here a WAIT.
    import re

    from machines.ibm1130.cards import Card, coldstart_words

    source = (KIT / "dbootcd.asm").read_text()
    assembly = assemble(source, "dbootcd.asm")
    assert not assembly.errors
    punched = {}
    for line in source.split("\n"):
        listed = re.search(r"\s\d+ ([0-9A-F]{2}) ([0-9A-F]{3})\s+DBTC", line)
        if listed:
            punched[int(listed.group(1), 16)] = int(listed.group(2), 16) << 4
    card1 = coldstart_words(Card([punched.get(column, 0) for column in range(80)]))
    words = assembly.image.words
    # The card's words are the assembler's, but for BOSC at 0x2F: IBM punched
    # 4F8 (bit 8 set, which a short BSC ignores), as 4878 cannot be punched.
    assert {a for a in range(0x48) if card1[a] != words.get(a, 0)} == {0x2F}
    assert (card1[0x2F], words[0x2F]) == (0x48F8, 0x4878)

    program_cards = 4
    second = [words.get(address, 0) for address in range(0x4F, 0x4F + 40)]
    second[0x6D - 0x4F] = program_cards + 1           # NOCDX: the cards after the first
    program = [(0x1234 + 7 * i) & 0xFFFF for i in range(36 * program_cards)]
    program[0xF6 - 0x74] = 0x3000                     # WAIT where the bootstrap branches
    m = Ibm1130()
    for address, word in enumerate(card1):
        m.system.store(address, word)
    m.reader2501.load_hopper([_ipl_1800_card(second)] +
                             [_ipl_1800_card(program[36 * k:36 * k + 36]) for k in range(program_cards)])
    m.system.iar = 0
    assert m.run(1_000_000) == "wait"
    assert m.system.iar == 0xF7 and m.reader2501.cards_in_hopper == 0
    assert m.memory[0x74:0x74 + len(program)] == program
