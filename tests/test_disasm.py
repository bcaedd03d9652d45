"""IBM 1130 disassembler: asm1130 syntax, aliases, and agreement with the
reference simulator's trace of the DMS cold start."""

from pathlib import Path

import pytest

from machines.ibm1130.asm import command as asm_command
from machines.ibm1130.asm.disassembler import disassemble, disassemble_memory
from machines.ibm1130.encode import long, short, shift

REPO = Path(__file__).resolve().parents[1]
TRACE = REPO.parent / "shared" / "data" / "ibm1130" / "traces" / "dms_coldstart.trace"


def text(words, address=0x100):
    words = list(words) + [0]
    return disassemble(words[0], words[1], address)


@pytest.mark.parametrize("words, expected, length", [
    ([short("LD", 2)], "LD      /0103", 1),
    ([short("LD", -2)], "LD      /00FF", 1),
    ([short("STO", 5, tag=1)], "STO  1  5", 1),
    ([short("A", -1, tag=3)], "A    3  -1", 1),
    (long("LDD", 0x1234), "LDD  L  /1234", 2),
    (long("LD", 0x0200, tag=2), "LD   L2 /0200", 2),
    (long("STO", 0x0200, indirect=True), "STO  I  /0200", 2),
    (long("M", 0x0200, tag=3, indirect=True), "M    I3 /0200", 2),
    ([0x1000], "NOP", 1),
    ([0x18D0], "XCH", 1),
    ([shift("SLA", 4)], "SLA     4", 1),
    ([shift("SRT", 16)], "SRT     16", 1),
    ([shift("SLCA", tag=1)], "SLCA 1", 1),
    ([shift("RTE", 3)], "RTE     3", 1),
    ([0x1840], "DC      /1840", 1),              # shift right type 01: invalid
    ([0x0000], "DC      /0000", 1),
    ([0xB000], "DC      /B000", 1),              # CMP exists only on the 1800
    ([0x3000], "WAIT", 1),
    ([0x2003], "LDS     3", 1),
    ([short("BSC", conditions="Z+")], "BSC     Z+", 1),
    ([short("BSC", conditions="O", bosc=True)], "BOSC    O", 1),
    (long("BSC", 0x0300, conditions="+-"), "BZ   L  /0300", 2),
    (long("BSC", 0x0300, conditions="Z"), "BNZ  L  /0300", 2),
    (long("BSC", 0x0300, conditions="-Z"), "BP   L  /0300", 2),
    (long("BSC", 0x0300, conditions="+"), "BNP  L  /0300", 2),
    (long("BSC", 0x0300, conditions="+Z"), "BN   L  /0300", 2),
    (long("BSC", 0x0300, conditions="-"), "BNN  L  /0300", 2),
    (long("BSC", 0x0300, conditions="C"), "BC   L  /0300", 2),
    (long("BSC", 0x0300, conditions="O"), "BO   L  /0300", 2),
    (long("BSC", 0x0300, conditions="E"), "BOD  L  /0300", 2),
    (long("BSC", 0x0300), "B    L  /0300", 2),
    (long("BSC", 0x0300, indirect=True), "B    I  /0300", 2),
    (long("BSC", 0x0300, conditions="ZE"), "BSC  L  /0300,ZE", 2),
    (long("BSC", 0x000C, bosc=True), "BOSC L  /000C", 2),
    (long("BSI", 0x0400), "BSI  L  /0400", 2),
    (long("BSI", 0x0400, conditions="Z"), "BSI  L  /0400,Z", 2),
    ([short("BSI", 4)], "BSI     /0105", 1),
    ([short("MDX", -3)], "B       /00FE", 1),
    ([short("MDX", 1, tag=1)], "MDX  1  1", 1),
    (long("MDX", 0x0020, tag=2), "MDX  L2 /0020", 2),
    (long("MDX", 0x0200, modifier=0xFF), "MDM  L  /0200,-1", 2),
    ([short("LDX", -5, tag=1)], "LDX  1  -5", 1),
    (long("LDX", 0x1234, tag=3), "LDX  L3 /1234", 2),
    ([short("STX", 2, tag=2)], "STX  2  /0103", 1),        # short STX is IAR-relative, T = the source
    (long("XIO", 0x0340), "XIO  L  /0340", 2),
])
def test_asm1130_syntax(words, expected, length):
    assert text(words) == (expected, length)


def test_every_word_disassembles():
    for word in range(0x10000):
        line, length = disassemble(word, 0xFFFF, 0x7FFF)
        assert line and length in (1, 2)


def test_disassemble_memory_walks_long_instructions_and_wraps():
    memory = [0] * 4096
    memory[0xFFE:0x1000] = long("LD", 0x0123)
    memory[0] = 0x3000
    assert disassemble_memory(memory, 0xFFE, 2) == [(0xFFE, "LD   L  /0123"), (0, "WAIT")]


# SIMH's trace names: its JMP is asm1130's short B; long BSC aliases are BSC.
_SIMH_NAMES = {"B": {"JMP", "BSC"}, "NOP": {"SLA"}, "XCH": {"RTE"}}


@pytest.mark.skipif(not TRACE.exists(), reason="shared IBM 1130 data not found at ../shared/data")
def test_mnemonics_and_short_targets_agree_with_the_simh_trace():
    checked = 0
    for line in TRACE.read_text().splitlines():
        if len(line) < 46 or line.startswith(("[", " IAR", "-")):
            continue
        try:
            iar, word = int(line[0:4], 16), int(line[34:38], 16)
        except ValueError:
            continue
        simh = line[39:].split()
        ours, _ = disassemble(word, 0, iar)
        name = ours.split()[0]
        assert simh[0] in _SIMH_NAMES.get(name, {name}) or (name.startswith("B") and simh[0] == "BSC"), line
        short_direct = not word & 0x0400 and not word & 0x0300 and simh[0] in (
            "LD", "STO", "A", "S", "AND", "OR", "EOR", "LDD", "STD", "AD", "SD", "M", "D", "BSI", "STS", "JMP", "XIO")
        if short_direct:
            assert ours.split()[-1] == "/" + simh[1].upper(), line
        checked += 1
    assert checked > 9000


def _canonical(word):
    """Drop the bits asm1130 syntax cannot express (unused modifier bits of
    long non-branch instructions, bit 8 of short BSC, F/T of WAIT and LDS,
    shift counts with a tag)."""
    from machines.ibm1130.isa import MNEMONICS, SHORT_ONLY
    op = word >> 11
    if MNEMONICS[op] is None:
        return word
    long_form = bool(word & 0x0400) and op not in SHORT_ONLY
    if op in (0x02, 0x03):
        word &= ~0x0400
        return word & 0xFFC0 if word & 0x0300 else word
    if op in (0x04, 0x06):
        return word & 0xF8FF
    if long_form and op == 0x0E and word & 0x0300:
        return word & 0xFF80
    if long_form and op == 0x08:
        return word & 0xFFBF
    if op == 0x09 and not long_form:
        return word & 0xFF7F
    if long_form and op not in (0x09, 0x0E):
        return word & 0xFF80
    return word


def test_disassembly_reassembles_to_the_same_words(tmp_path):
    import random
    rng = random.Random(1130)
    source = tmp_path / "round.asm"
    for _ in range(400):
        word, word2 = _canonical(rng.randrange(0x10000)), rng.randrange(0x8000)
        line, length = disassemble(word, word2, 0x100)
        mnemonic, mods, operand = line[:5].strip(), line[5:8].strip(), line[8:].strip()
        source.write_text(f"\tABS\n\tORG\t\t/100\n\t{mnemonic}\t{mods}\t{operand}\n\tEND\n")
        words = asm_command.assemble_for_run(str(source)).words
        assert [words.get(0x100), words.get(0x101)][:length] == [word, word2][:length], line
