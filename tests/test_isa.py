"""The instruction-set table (machines/ibm1130/isa.py) against the reference
(../shared/reference/ibm1130.md sections 4.2-4.4 and 4.10), and the
agreement of its readers: the assembler, the disassembler, the CPU's
decoder, the timing and the console panel."""

import ast
from pathlib import Path

import pytest

from machines.ibm1130 import isa
from machines.ibm1130 import panel as panel_module
from machines.ibm1130.asm import disassembler
from machines.ibm1130.asm.assembler import OPERATIONS, assemble
from machines.ibm1130.cpu import Decoded, named
from machines.ibm1130.encode import long, shift, short
from machines.ibm1130.machine import Ibm1130
from machines.ibm1130.system import System

PACKAGE = Path(__file__).resolve().parents[1] / "machines" / "ibm1130"
ORIGIN = 0x400

# Reference 4.3: base word of every valid operation code.
BASE_WORDS = {"XIO": 0x0800, "SHL": 0x1000, "SHR": 0x1800, "LDS": 0x2000, "STS": 0x2800,
              "WAIT": 0x3000, "BSI": 0x4000, "BSC": 0x4800, "LDX": 0x6000, "STX": 0x6800,
              "MDX": 0x7000, "A": 0x8000, "AD": 0x8800, "S": 0x9000, "SD": 0x9800, "M": 0xA000,
              "D": 0xA800, "LD": 0xC000, "LDD": 0xC800, "STO": 0xD000, "STD": 0xD800,
              "AND": 0xE000, "OR": 0xE800, "EOR": 0xF000}


def test_operation_codes_match_reference_4_2_and_4_3():
    assert {row.mnemonic: row.base for row in isa.TABLE} == BASE_WORDS
    invalid = {0b00000, 0b00111, 0b01010, 0b01011, 0b01111, 0b10110, 0b10111, 0b11111}
    assert {code for code, name in enumerate(isa.MNEMONICS) if name is None} == invalid
    # F ignored: the shifts, LDS, WAIT and the invalid codes (SIMH F_bit_used).
    assert isa.SHORT_ONLY == invalid | {0b00010, 0b00011, 0b00100, 0b00110}
    assert {isa.MNEMONICS[c] for c in isa.GENERAL_EA} == {
        "LD", "LDD", "STO", "STD", "A", "AD", "S", "SD", "M", "D", "AND", "OR", "EOR", "STS",
        "BSI", "XIO"}
    assert isa.SHIFT_NAMES == {(2, 0): "SLA", (2, 1): "SLCA", (2, 2): "SLT", (2, 3): "SLC",
                               (3, 0): "SRA", (3, 1): None, (3, 2): "SRT", (3, 3): "RTE"}
    assert isa.shift_name(0x18D0) == "RTE" and isa.shift_name(0x1840) is None
    assert isa.WORD_ALIASES == {"NOP": shift("SLA", 0), "XCH": shift("RTE", 16)}


def test_condition_letters_and_branch_aliases_match_reference_4_4():
    assert isa.CONDITIONS == (("Z", 0x20), ("-", 0x10), ("+", 0x08), ("E", 0x04), ("C", 0x02),
                              ("O", 0x01))
    assert isa.condition_bits("z+&") == 0x28
    assert isa.condition_letters(0x3F) == "Z-+ECO"
    for bits in range(64):
        assert isa.condition_bits(isa.condition_letters(bits)) == bits
    with pytest.raises(ValueError, match="'X'"):
        isa.condition_bits("ZX")
    letters = {"B": "", "BZ": "+-", "BNZ": "Z", "BP": "-Z", "BNP": "+", "BN": "+Z", "BNN": "-",
               "BC": "C", "BO": "O", "BOD": "E"}
    assert {name: isa.condition_bits(text) for name, text in letters.items()} == isa.BRANCH_ALIASES


# Reference 4.10 (FC Figure 15, 3.6 us, average times): short T=00, short
# T!=00, long T=00, long T!=00 in microseconds.
FIGURE_15 = {
    "LD": (7.6, 11.2, 10.8, 14.8), "STO": (7.6, 11.2, 10.8, 14.8), "AND": (7.6, 11.2, 10.8, 14.8),
    "OR": (7.6, 11.2, 10.8, 14.8), "EOR": (7.6, 11.2, 10.8, 14.8), "STS": (7.6, 11.2, 10.8, 14.8),
    "LDD": (11.2, 14.9, 14.4, 18.0), "STD": (11.2, 14.9, 14.4, 18.0),
    "LDX": (4.5, 7.2, 7.2, 11.8), "STX": (7.6, 11.2, 11.8, 15.4),
    "A": (8.0, 11.7, 11.2, 15.3), "S": (8.0, 11.7, 11.2, 15.3),
    "AD": (12.2, 15.8, 15.3, 19.3), "SD": (12.2, 15.8, 15.3, 19.3),
    "M": (25.7, 29.3, 29.3, 32.9), "D": (76.0, 79.6, 79.6, 83.2),
}


@pytest.mark.parametrize("name", sorted(FIGURE_15))
def test_cycles_are_figure_15_in_storage_cycles(name):
    code = isa.BY_MNEMONIC[name].code
    got = [isa.cycles(code, lng, tag) for lng in (False, True) for tag in (0, 1)]
    assert got == [round(us / 3.6) for us in FIGURE_15[name]]
    assert isa.cycles(code, True, 0, indirect=True) == got[2] + 1     # the IA cycle
    assert isa.cycles(isa.BY_MNEMONIC["LDS"].code, False, 0) == 1      # 3.6 us


@pytest.mark.parametrize("words, expected", [
    ([short("LD", 5)], 2), ([short("LD", 5, tag=2)], 3), (long("LD", 0x300), 3),
    (long("LD", 0x300, tag=1, indirect=True), 5), (long("D", 0x300), 22), ([shift("SLA", 3)], 2),
    ([0x1840], 1),                                      # shift right type 01: invalid
    (long("MDX", 0x300, modifier=1), 4),                # MDM counts as MDX
    (long("BSC", 0x300, bosc=True), 2),                 # BOSC counts as BSC
])
def test_the_machine_charges_the_table_cycles(words, expected):
    s = System(4096)
    s.load_words(0x100, words)
    s.iar = 0x100
    d = s.decoded(0x100)
    s.step()
    assert s.cycles == d.cycles == expected


def _statements(name, spec):
    """Statements using ``name`` in each form its modifiers allow."""
    target = f"/{ORIGIN + 0x10:04X}"
    if spec.flags & isa.NO_ARGS:
        return [f"\t{name}"]
    if spec.form == "shift":
        return [f"\t{name}\t\t5", f"\t{name}\t2\t", f"\t{name}\tX\t7"]
    if spec.form in ("bsc", "bsi") or name == "B":
        out = [f"\t{name}\tL\t{target},Z-" if spec.form != "b" else f"\t{name}\tL\t{target}",
               f"\t{name}\tI2\t{target}"] if "L" in spec.allowed else []
        if spec.form == "bsc":
            out.append(f"\t{name}\t\tZ+")                        # short: a skip
        else:
            out.append(f"\t{name}\t\t{target}")                  # BSI short, B as MDX
        return out
    if spec.form == "mdx":
        if "1" not in spec.allowed:                              # MDM: long, no tag
            return [f"\t{name}\t\t{target},-3"]
        return [f"\t{name}\t1\t-2", f"\t{name}\tL2\t{target}", f"\t{name}\tI1\t{target}",
                f"\t{name}\t\t{target}", f"\t{name}\tL\t{target},5"]
    if not spec.allowed:                                         # LDS, WAIT: a code
        return [f"\t{name}\t\t3"]
    if "L" in spec.implied:                                      # branch aliases
        return [f"\t{name}\t\t{target}", f"\t{name}\tI3\t{target}"]
    value = "-5" if spec.flags & isa.IS_ABS else target          # LDX: a value
    indexed = target if spec.flags & isa.NO_IDX and not spec.flags & isa.IS_ABS else "7"  # STX 1: IAR-relative
    return [f"\t{name}\t\t{value}", f"\t{name}\t1\t{indexed}", f"\t{name}\tL\t{target}",
            f"\t{name}\tI3\t{target}"]


# The decoder's name for an assembler mnemonic that is an alias.
_DECODED_AS = {**{name: "BSC" for name in isa.BRANCH_ALIASES}, "B": ("MDX", "BSC"),
               "SKP": "BSC", "NOP": "SLA", "XCH": "RTE", "MDX": ("MDX", "MDM")}


@pytest.mark.parametrize("name", sorted(isa.assembler_operations()))
def test_every_assembler_mnemonic_encodes_decodes_and_disassembles_back(name):
    spec = isa.assembler_operations()[name]
    op = OPERATIONS[name]
    assert (op.handler, op.base, op.allowed, op.implied, op.flags) == tuple(spec)
    for statement in _statements(name, spec):
        source = f"\tABS\n\tORG\t\t/{ORIGIN:X}\n{statement}\n\tEND\n"
        first = assemble(source, "isa.asm")
        assert first.ok, first.error_text() + "\n" + statement
        words = [first.words[a] for a in sorted(first.words)]
        # the operation field and the bits the mnemonic fixes are the table's
        first_word = words[0]
        if spec.flags & isa.NO_ARGS:
            assert first_word == spec.base
        elif spec.form == "b" and len(words) == 1:               # short B is MDX
            assert first_word >> 11 == isa.OP_MDX
        else:
            assert first_word >> 11 == spec.base >> 11, statement
            if spec.form == "shift":
                assert (first_word >> 6) & 3 == (spec.base >> 6) & 3, statement
            else:
                assert first_word & spec.base == spec.base, statement   # BOSC bit, alias conditions
        # the CPU decodes it as the table's operation, of the same length
        s = System(4096)
        s.load_words(ORIGIN, words + [0])
        d = s.decoded(ORIGIN)
        assert (d.word2 is not None) == (len(words) == 2), statement
        expected = _DECODED_AS.get(name, name)
        assert d.name in (expected if isinstance(expected, tuple) else (expected,)), statement
        # the disassembly assembles back to the same words
        text, length = disassembler.disassemble(words[0], (words + [0])[1], ORIGIN)
        assert length == len(words)
        line = f"\t{text[:5].strip()}\t{text[5:8].strip()}\t{text[8:].strip()}"
        second = assemble(f"\tABS\n\tORG\t\t/{ORIGIN:X}\n{line}\n\tEND\n", "again.asm")
        assert second.ok, second.error_text() + "\n" + line
        assert [second.words[a] for a in sorted(second.words)] == words, (statement, text)


def test_decoded_instruction_is_a_named_tuple_of_the_cache_entry():
    s = System(4096)
    s.load_words(0x100, long("LD", 0x200, tag=1, indirect=True) + [0x1840])
    d = s.decoded(0x100)
    assert isinstance(d, Decoded)
    assert (d.name, d.mode, d.tag, d.word1, d.word2, d.next_iar, d.a) == (
        "LD", "XI", 1, 0xC580, 0x200, 0x102, 0x200)
    assert tuple(d) == s._core.dec[0x100]              # the run loop's plain form
    assert s.decoded(0x102).name == "INVALID" and s.decoded(0x102).slow is not None
    s.load_words(0x100, long("BSC", 0x10, bosc=True) + long("MDX", 0x20, modifier=0xFF))
    assert s.decoded(0x100).name == "BOSC" and s.decoded(0x102).name == "MDM"
    assert s.decoded(0x102).aux == -1
    s.load_words(0x100, [short("LD", 1), short("A", 1), 0x3000, 5])
    s.iar = 0x100
    done, _, _, last = s._core.run(2, 0x100)
    assert done == 2 and type(last) is tuple and named(last).name == "A"   # the loop's form
    s.run(2)                                                  # the display registers name it
    assert (s.acc, s.sar, s.afr, s.op_register) == (0x3005, 0x103, 5, isa.OP_A)


def test_panel_reads_the_operation_from_the_decoded_instruction(monkeypatch):
    # The panel never parses disassembly: break the disassembler and it still
    # finds LDD's second operand cycle and LDX's missing index read.
    monkeypatch.setattr(disassembler, "disassemble", None)
    m = Ibm1130(4096, drives=0)
    s, panel = m.system, m.panel
    s.load_words(0x100, long("LDX", 2, tag=1) + long("LDD", 0x200) + [0x3000])
    s.load_words(0x200, [0x1111, 0x2222])
    s.iar = 0x100
    panel.set_mode("SMC")
    cycles = []
    for _ in range(7):
        panel.program_start()
        cycles.append(panel.lamps()["cycle"])
    assert cycles == ["I1", "I2", "E1", "I1", "I2", "E1", "E2"]
    assert (s.acc, s.ext) == (0x1111, 0x2222)
    assert not hasattr(panel_module, "disassemble")


def _imports(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            yield node.level, node.module or "", [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield 0, alias.name, []


def test_isa_imports_nothing_from_the_package_and_its_readers_import_it():
    assert all(level == 0 and not module.startswith("machines")
               for level, module, _ in _imports(PACKAGE / "isa.py"))
    for reader in ("cpu.py", "encode.py", "timing.py", "asm/operations.py", "asm/disassembler.py"):
        found = {(module, tuple(names)) for _, module, names in _imports(PACKAGE / reader)}
        assert any(module == "isa" or "isa" in names for module, names in found), reader
