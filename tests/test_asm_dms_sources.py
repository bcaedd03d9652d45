"""Every one of IBM's DMS R2V12 sources (../shared/data/ibm1130/dms-r2v12-src,
256 files, all accepted by IBM's assembler and by SIMH's asm1130) assembles
with no errors; IBM's warnings stay warnings; and where asm1130 writes an
absolute load file, our core image holds the same words.

The absolute load files: the shared data's ``dms_coldstart.out`` (the cold
start card, zcldstrt.asm), and for every ABS source the digest of the core
image asm1130 (simh/simh, Ibm1130/utils/asm1130.c, built and run on these
files on 2026-12-02) loads from its ``.out``.  Two kinds of words are left
out of the digests, both asm1130's departures from IBM: a LIBF or CALL of
an external routine, and LINK, where asm1130 writes WAIT (3000) into a
load file and IBM's assembler the name code (and for LINK, BSI L $LINK).
Three ABS sources are not in the table because asm1130 drops DMES text
that starts with a blank (a continued message, or a blank first
character): csysldr2, fsysldr2 and zdcip; IBM's assembler keeps it
(test_asm_ibm_quirks.py, measured on DMS R2V12's own assembler).
"""

import hashlib
from pathlib import Path

import pytest

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.asm.command import read_source
from machines.ibm1130.asm.loadformat import parse_out

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"
SOURCES = DATA / "dms-r2v12-src"
pytestmark = pytest.mark.skipif(not SOURCES.exists(),
                                reason="../shared/data/ibm1130/dms-r2v12-src is absent")

NAMES = sorted(p.stem for p in SOURCES.glob("*.asm")) if SOURCES.exists() else []

# The warnings IBM's assembler gives (or, for columns 1-20 and BSS's
# column 32, the things it reads past) stay warnings: (file, line, text).
WARNINGS = [
    ("psbmup", 4141, "EQU without a label"),
    ("ptmasmbl", 8935, "card columns 1-20 are not read"),
    ("u6disc", 927, "modifiers '4' ignored"),
    ("u6ident", 342, "modifiers '4' ignored"),
]

# sha1 of "AAAA:WWWW," (address:word, in address order) of asm1130's core
# image, first 16 hex digits, without the LIBF/CALL/LINK words.
ASM1130_IMAGES = {
    "abootpt": "7d9501484b88102e", "asysldr1": "19555b20062ffa4d", "dbootcd": "8ee75c20cdcf5a39",
    "dciloadr": "b1174b698689bdd4", "dsysldr1": "9984c6fcd7ee42ec", "emonitor": "f968d83c13ab478a",
    "jadupco": "829325eb7b089e7b", "jbdupctl": "54ef385923ce6423", "jcstore": "07314ea5e06baf0e",
    "jdfileq": "4cfe717f93655e2f", "jedupdmp": "05f089eb1b355eb3", "jfdmplet": "24583edc5a281db2",
    "jgdelete": "ed1f2fea47f308a6", "jhdefine": "84818adb1c6129c2", "jidexit": "0e79851d47e59b74",
    "jjcdface": "2c2cda6e663cdc15", "jkkbface": "9af25797dfc66549", "jlptface": "cd83638a3cfdbefc",
    "jqpreci": "8406cebac4c24449", "kforph01": "57f8bbafd559fe10", "kforph02": "7c13d6f7056ac839",
    "kforph03": "6c66f96178a4b7a3", "kforph04": "eb79410733a40f82", "kforph05": "e416b30939a98de6",
    "kforph06": "0112c0e8c17d54a4", "kforph07": "ce19f11f3fbdcc29", "kforph08": "162d9fde82023565",
    "kforph09": "b0713c50f5924288", "kforph10": "f7e08b83b3b51343", "kforph11": "fbd8d82e55b66817",
    "kforph12": "b1644513ad50360d", "kforph13": "0465457f2ba350ad", "kforph14": "82a11177015cc6aa",
    "kforph15": "67ea5901819e5fc6", "kforph16": "694a04be61c2372e", "kforph17": "b5dbd016349d7860",
    "kforph18": "b56aba3415151de8", "kforph19": "be0f43599e69639e", "kforph20": "2f8ddc9daa8fdc55",
    "kforph21": "6c1f78f4b2430c46", "kforph22": "d658fda48b1f3c6e", "kforph23": "23893a3ed75860ba",
    "kforph24": "137e359366f84ed2", "kforph25": "cc2c6b8ec64e0006", "kforph26": "fbc1780498c67543",
    "kforph27": "f9b78f0ce873c780", "namcra": "e99b67066e0a6899", "nbsysdmp": "de28bccd7a6b78ec",
    "ncauxsup": "a2ca740c5d8fe75f", "ocldbldr": "3bb0ce5b22887fa8", "pmndkrpq": "94704df102b537db",
    "pmondevs": "8810f03b3cb0a5d3", "pmonitor": "8810f03b3cb0a5d3", "psadctl2": "920bb1356b177c9b",
    "psbmup": "199afb5a926dfb26", "ptmasmbl": "82dfd6863b3b9f9a", "u6ptutl": "fa700bbcea2f007f",
    "zcldstrt": "993ffa3ae99c4332", "zcpdumpc": "4b746ec06ced22a0", "zcpdumpp": "45212378d05e7596",
    "zdumpcd1": "acbc7d7080a61600", "zdumpcd2": "1b5562a5aab7c00c", "zdumppt1": "446e85f6d48a9243",
    "zdumppt2": "6376a03403e779e1",
}

_cache: dict[str, object] = {}


def assembled(name: str):
    if name not in _cache:
        path = SOURCES / f"{name}.asm"
        _cache[name] = assemble(read_source(path), str(path))
    return _cache[name]


def test_all_256_sources_are_here():
    assert len(NAMES) == 256
    assert (SOURCES / "SYMBOLS.SYS").exists()


@pytest.mark.parametrize("name", NAMES)
def test_source_assembles_without_errors(name):
    asm = assembled(name)
    assert asm.errors == [], asm.error_text()


def test_ibms_warnings_stay_warnings():
    for name, line, text in WARNINGS:
        asm = assembled(name)
        assert any(w.line == line and text in w.message for w in asm.warnings), name


def unresolved(asm) -> set[int]:
    """Addresses of LIBF/CALL name codes and LINK words (asm1130 writes WAITs there)."""
    out = set()
    for listed in asm.lines:
        op = listed.line.operation
        if op == "LINK" or (op in ("LIBF", "CALL") and listed.words
                            and listed.words[0].relocation in (2, 3)):
            out.update(w.address for w in listed.words)
    return out


def image_digest(words: dict[int, int], skip: set[int]) -> str:
    text = ",".join(f"{a:04X}:{w:04X}" for a, w in sorted(words.items()) if a not in skip)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


@pytest.mark.parametrize("name", sorted(ASM1130_IMAGES))
def test_absolute_program_words_match_asm1130(name):
    asm = assembled(name)
    assert not asm.relocatable
    assert image_digest(asm.words, unresolved(asm)) == ASM1130_IMAGES[name]


def test_every_absolute_source_is_compared():
    absolute = {n for n in NAMES if not assembled(n).relocatable}
    assert absolute - set(ASM1130_IMAGES) == {"csysldr2", "fsysldr2", "zdcip"}


def test_cold_start_card_is_the_shared_load_file():
    # dms_coldstart.out: the 80 words the cold start card leaves in 0-79;
    # zcldstrt's one BSS word is the zero there
    card = parse_out((DATA / "dms_coldstart.out").read_text()).words
    asm = assembled("zcldstrt")
    assert sorted(card) == list(range(80))
    assert {a: asm.words.get(a, 0) for a in range(80)} == card
    assert set(asm.words) == set(range(80)) - {0x4D}


def test_system_symbol_table_is_read_beside_the_source():
    # pmondevs starts with *SYSTEM SYMBOL TABLE and uses the monitor's symbols
    asm = assembled("pmondevs")
    assert asm.errors == []
    [listed] = [l for l in asm.lines if l.line.number == 76]
    assert "@1403" in listed.line.text
    assert [w.word for w in listed.words] == [0x008C]     # SYMBOLS.SYS: '1403 008c
