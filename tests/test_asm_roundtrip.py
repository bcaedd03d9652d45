"""Round trips: assemble, disassemble, assemble again gives the same words."""


from machines.ibm1130.asm import disassembler
from machines.ibm1130.asm.assembler import assemble

import hypothesis  # a dev dependency, in Pyodide too: imported, never skipped
st = hypothesis.strategies

ORIGIN = 0x400


def _assemble_lines(lines):
    src = f"\tABS\n\tORG\t\t/{ORIGIN:X}\n" + "\n".join(lines) + "\n"
    asm = assemble(src, "rt.asm")
    assert not asm.errors, asm.error_text() + "\n" + src
    return asm


def _disassembled_source(asm) -> list[str]:
    """The program's words disassembled back into tab-form lines."""
    memory = [0] * 0x8000
    for address, word in asm.words.items():
        memory[address] = word
    end = max(asm.words) + 1
    lines, address = [], ORIGIN
    while address < end:
        text, length = disassembler.disassemble(memory[address], memory[address + 1], address)
        mnemonic, mods, operand = text[:5].strip(), text[5:8].strip(), text[8:].strip()
        lines.append(f"\t{mnemonic}\t{mods}\t{operand}")
        address += length
    return lines


def _round_trip(lines):
    first = _assemble_lines(lines)
    second = _assemble_lines(_disassembled_source(first))
    assert second.words == first.words


def test_round_trip_of_every_form():
    _round_trip([
        "\tLD\t\tNEXT", "NEXT\tLD\tL\t/0123", "\tLD\tI1\t/0123", "\tSTO\t2\t-5",
        "\tA\tL3\t/7FFF", "\tAD\tL\t/0200", "\tS\t\tNEXT", "\tSD\tI\t/0200", "\tM\t1\t1",
        "\tD\tL\t/0300", "\tAND\t\tNEXT", "\tOR\t3\t127", "\tEOR\t1\t-128",
        "\tLDD\tL\t/0200", "\tSTD\tL2\t/0200", "\tSTS\tL\t/0200", "\tXIO\tL\t/0200",
        "\tLDX\t1\t5", "\tLDX\tL2\t/0555", "\tLDX\tI3\t/0555", "\tLDX\t\t/20",
        "\tSTX\tL1\t/0555", "\tSTX\t\tNEXT",
        "\tLDS\t\t3", "\tWAIT", "\tNOP", "\tXCH",
        "\tSLA\t\t4", "\tSLCA\t1", "\tSLT\t\t16", "\tSLC\t2", "\tSRA\t\t15", "\tSRT\t\t63",
        "\tRTE\t\t16", "\tSRA\t3",
        "\tBSC\tL\t/0300,Z", "\tBSC\t\tZ-+", "\tSKP\t\tEC", "\tBOSC\tI\t/0300",
        "\tBOSC\tL\t/0300,O", "\tBSI\tL\t/0300", "\tBSI\tL\t/0300,C", "\tBSI\t\tNEXT",
        "\tBSI\t2\t8", "\tB\tL\t/0300", "\tB\tI1\t/0300", "\tB\t\tNEXT",
        "\tBZ\tL\t/0300", "\tBNZ\t\t/0300", "\tBP\t\t/0300", "\tBNP\t\t/0300",
        "\tBN\t\t/0300", "\tBNN\t\t/0300", "\tBC\t\t/0300", "\tBO\t\t/0300", "\tBOD\t\t/0300",
        "\tMDX\t1\t-1", "\tMDX\tL1\t/0300", "\tMDX\tL\t/0300,-1", "\tMDM\tL\t/0300,5",
        "\tMDX\t\tNEXT", "\tDC\t\t/0000", "\tDC\t\t/F800",
    ])


# Random instructions drawn from the assembler's own forms.
_MEMORY_OPS = ["A", "AD", "S", "SD", "M", "D", "LD", "LDD", "STO", "STD", "AND", "OR", "EOR",
               "STS", "XIO", "BSI"]
_SHIFTS = ["SLA", "SLCA", "SLT", "SLC", "SRA", "SRT", "RTE"]


@st.composite
def instructions(draw):
    kind = draw(st.sampled_from(["short", "indexed", "long", "shift", "bsc", "mdx", "ldx"]))
    address = f"/{draw(st.integers(0, 0x7FFF)):04X}"
    tag = draw(st.sampled_from(["1", "2", "3"]))
    if kind == "short":
        op = draw(st.sampled_from(_MEMORY_OPS))
        return f"\t{op}\t\t*+{draw(st.integers(-127, 126))}"
    if kind == "indexed":
        op = draw(st.sampled_from(_MEMORY_OPS))
        return f"\t{op}\t{tag}\t{draw(st.integers(-128, 127))}"
    if kind == "long":
        op = draw(st.sampled_from(_MEMORY_OPS + ["LDX", "STX", "MDX"]))
        mods = draw(st.sampled_from(["L", "I", "L" + tag, "I" + tag]))
        if op == "MDX" and mods in ("L", "I"):
            return f"\tMDX\tL\t{address},{draw(st.integers(-128, 127))}"
        return f"\t{op}\t{mods}\t{address}"
    if kind == "shift":
        op = draw(st.sampled_from(_SHIFTS))
        if draw(st.booleans()):
            return f"\t{op}\t{tag}\t"
        return f"\t{op}\t\t{draw(st.integers(0, 63))}"
    if kind == "bsc":
        op = draw(st.sampled_from(["BSC", "BOSC"]))
        conds = "".join(draw(st.lists(st.sampled_from("Z-+ECO"), unique=True)))
        if draw(st.booleans()):
            return f"\t{op}\t\t{conds}"
        mods = draw(st.sampled_from(["L", "I", "L" + tag]))
        return f"\t{op}\t{mods}\t{address}" + (f",{conds}" if conds else "")
    if kind == "mdx":
        return f"\tMDX\t{tag}\t{draw(st.integers(-128, 127))}"
    return f"\tLDX\t{tag}\t{draw(st.integers(-128, 127))}"


@hypothesis.settings(max_examples=150, deadline=None)
@hypothesis.given(st.lists(instructions(), min_size=1, max_size=12))
def test_round_trip_of_random_instructions(lines):
    _round_trip(lines)
