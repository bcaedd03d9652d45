"""Assembler corpus: every operation and directive, word for word against
encodings computed by hand from reference sections 4.2-4.4, 4.9 and 7."""

import pytest

from machines.ibm1130.asm.assembler import assemble


def words(body: str, origin: int = 0x100) -> list[int]:
    """Assemble tab-form lines at ``origin`` (ABS) and return the words from there."""
    src = f"\tABS\n\tORG\t\t/{origin:X}\n" + body.strip("\n") + "\n"
    asm = assemble(src, "t.asm")
    assert not asm.errors, asm.error_text()
    end = max(asm.words) + 1 if asm.words else origin
    return [asm.words.get(a, 0) for a in range(origin, end)]


# (source lines, expected words from /100); X is usually the word after the code.
CASES = [
    # load/store, short IAR-relative: displacement = target - (location + 1)
    ("\tLD\t\tX\nX\tDC\t\t7", [0xC000, 0x0007]),
    ("X\tDC\t\t0\n\tSTO\t\tX", [0x0000, 0xD0FE]),
    ("\tLD\tL\tX\nX\tDC\t\t1", [0xC400, 0x0102, 0x0001]),
    ("\tLD\tI\tX\nX\tDC\t\t1", [0xC480, 0x0102, 0x0001]),
    ("\tLD\t1\t5", [0xC105]),
    ("\tLD\t3\t-1", [0xC3FF]),
    ("\tLD\tL2\t/0300", [0xC600, 0x0300]),
    ("\tLD\tI3\t/0300", [0xC780, 0x0300]),
    ("\tLD\tX\t/10", [0xC010]),
    # every arithmetic and logical operation, long form
    ("\tA\tL\t/200\n\tAD\tL\t/200\n\tS\tL\t/200\n\tSD\tL\t/200\n\tM\tL\t/200\n\tD\tL\t/200",
     [0x8400, 0x200, 0x8C00, 0x200, 0x9400, 0x200, 0x9C00, 0x200, 0xA400, 0x200, 0xAC00, 0x200]),
    ("\tAND\tL\t/200\n\tOR\tL\t/200\n\tEOR\tL\t/200\n\tLDD\tL\t/200\n\tSTD\tL\t/200\n"
     "\tSTS\tL\t/200\n\tXIO\tL\t/200",
     [0xE400, 0x200, 0xEC00, 0x200, 0xF400, 0x200, 0xCC00, 0x200, 0xDC00, 0x200,
      0x2C00, 0x200, 0x0C00, 0x200]),
    # index and status: LDX and LDS take the value as is, STX is IAR-relative
    ("\tLDX\t1\t5\n\tLDX\tL1\t/0300\n\tLDX\tI2\t/0300\n\tLDX\t\t/20",
     [0x6105, 0x6500, 0x0300, 0x6680, 0x0300, 0x6020]),
    ("\tSTX\t1\tY\nY\tDC\t\t0", [0x6900, 0x0000]),
    ("\tSTX\tL2\t/0300", [0x6E00, 0x0300]),
    ("\tLDS\t\t3\n\tWAIT\n\tNOP\n\tXCH", [0x2003, 0x3000, 0x1000, 0x18D0]),
    # shifts: count in bits 10-15, type in bits 8-9; a tag takes the count from the XR
    ("\tSLA\t\t4\n\tSLCA\t1\n\tSLT\t\t16\n\tSLC\t2\n\tSRA\t\t15\n\tSRT\t\t16\n\tRTE\t\t16\n"
     "\tSLA\t\t63",
     [0x1004, 0x1140, 0x1090, 0x12C0, 0x180F, 0x1890, 0x18D0, 0x103F]),
    # branches: conditions Z 20, - 10, + 08, E 04, C 02, O 01
    ("\tBSC\tL\t/0300,Z\n\tBSC\tL\t/0300,+-\n\tBSC\t\tZ\n\tSKP\t\tE\n\tBOSC\tI\t/0300\n"
     "\tBOSC\tL\t/0300,O",
     [0x4C20, 0x300, 0x4C18, 0x300, 0x4820, 0x4804, 0x4CC0, 0x300, 0x4C41, 0x300]),
    ("\tBSI\tL\t/0300\n\tBSI\tL\t/0300,C\n\tBSI\t\tT\n\tNOP\nT\tDC\t\t0",
     [0x4400, 0x300, 0x4402, 0x300, 0x4001, 0x1000, 0x0000]),
    # in an instruction * is the address after it (asm1130 and DMS listings)
    ("\tB\tL\t/0300\n\tB\tI\t/0300\n\tB\t\t*-1", [0x4C00, 0x300, 0x4C80, 0x300, 0x70FF]),
    ("\tBZ\tL\t/300\n\tBNZ\t\t/300\n\tBP\t\t/300\n\tBNP\t\t/300\n\tBN\t\t/300\n"
     "\tBNN\t\t/300\n\tBC\t\t/300\n\tBO\t\t/300\n\tBOD\t\t/300\n\tBZ\tI\t/300",
     [0x4C18, 0x300, 0x4C20, 0x300, 0x4C30, 0x300, 0x4C08, 0x300, 0x4C28, 0x300,
      0x4C10, 0x300, 0x4C02, 0x300, 0x4C01, 0x300, 0x4C04, 0x300, 0x4C98, 0x300]),
    # MDX: short untagged is a relative branch, tagged adds the displacement;
    # long untagged is MDM (memory += increment)
    ("\tMDX\t1\t-1\n\tMDX\tL1\t/0300\n\tMDX\tL\t/0300,-1\n\tMDM\tL\t/0300,5\n\tMDX\tX\t3\n"
     "\tMDX\t\t*-1",
     [0x71FF, 0x7500, 0x300, 0x74FF, 0x300, 0x7405, 0x300, 0x7003, 0x70FF]),
    ("\tMDX\tL0\t/0300,0", [0x7400, 0x0300]),
    ("\tXIO\t\tIOCC\n\tDC\t\t0\nIOCC\tDC\t\t0", [0x0801, 0, 0]),
    ("\tCALL\t\tSUB\nSUB\tDC\t\t0", [0x4400, 0x0102, 0x0000]),
    ("\tEXIT", [0x6038]),
    # constants
    ("\tDC\t\t5\n\tDC\t\t-1\n\tDC\t\t/ABCD\n\tDC\t\t.A\n\tDC\t\t*-*\n\tDC\t\t*\n\tDC\t\t3*4+2",
     [5, 0xFFFF, 0xABCD, 0x00C1, 0, 0x106, 14]),
    ("\tDEC\t\t1\n\tDEC\t\t-1\n\tDEC\t\t/12345", [0, 1, 0xFFFF, 0xFFFF, 0x0001, 0x2345]),
    ("\tDEC\t\t1.0\n\tDEC\t\t0.5\n\tDEC\t\t-1.0\n\tDEC\t\t3.0\n\tDEC\t\t-0.75",
     [0x4000, 0x0081, 0x4000, 0x0080, 0xC000, 0x0081, 0x6000, 0x0082, 0xA000, 0x0080]),
    ("\tDEC\t\t1.5B1\n\tDEC\t\t0.5B0\n\tDEC\t\t1E2", [0x6000, 0, 0x4000, 0, 0x6400, 0x0087]),
    ("\tDC\t\t1\n\tDEC\t\t2", [1, 0, 0, 2]),                # DEC aligns to an even address
    # IBM's assembler: truncated mantissas; a negative number keeps the positive
    # one's characteristic (DEC -1.0 = C000 0081, DEC 3.14159 = 6487 E782)
    ("\tDEC\t\t3.14159\n\tDEC\t\t-0.1\n\tDEC\t\t1.0E10",
     [0x6487, 0xE782, 0x9999, 0x9A7D, 0x4A81, 0x7CA2]),
    ("\tXFLC\t\t1.0,-2.0,0.1", [0x0081, 0x4000, 0x0000, 0x0082, 0xC000, 0x0000,
                                0x007D, 0x6666, 0x6666]),
    ("\tEBC\t\t.ABC.\n\tEBC\t\t.HI.", [0xC1C2, 0xC340, 0xC8C9]),
    ("\tDN\t\tABCDE\n\tDN\t\tA", [0x0108, 0x3105, 0x0100, 0x0000]),
    ("\tDMES\t\t'RAB'E\n\tDMES\t2\tAB\n\tDMES\t1\tAB",
     [0x813C, 0x1821, 0xC1C2, 0x6425]),
    ("\tDMES\t\tAB'\n\tDMES\t\tC", [0x3C18, 0x1C21]),
    ("\tDMES\t\t'3XA", [0x2121, 0x213C]),
    # storage: BSS, BSS E, BES (label after the block)
    ("\tDC\t\t1\n\tBSS\t\t2\nX\tDC\t\tX", [1, 0, 0, 0x103]),
    ("\tDC\t\t1\n\tBSS\tE\t2\nX\tDC\t\tX", [1, 0, 0, 0, 0x104]),
    ("Y\tBES\t\t3\n\tDC\t\tY", [0, 0, 0, 0x103]),
    # EQU, ORG with a label (defined before the origin moves), expressions
    ("X\tEQU\t\t/50\n\tLDX\t1\tX\n\tDC\t\tX*2-/10", [0x6150, 0x0090]),
    ("L\tORG\t\t*+2\n\tDC\t\tL", [0, 0, 0x100]),
    ("\tDC\t\tA-B\nA\tEQU\t\t10\nB\tEQU\t\t4", [6]),
    ("\tDC\t\tN'X\nN'X\tEQU\t\t3", [3]),
    ("\tDC\t\tN@X\nN'X\tEQU\t\t3", [3]),
    # literals, placed by LORG (single words) and aligned for double operations
    ("\tLD\tL\t=5\n\tLD\t\t=/FF\n\tLORG", [0xC400, 0x0103, 0xC001, 0x0005, 0x00FF]),
    ("\tLDD\tL\t=1\n\tLORG", [0xCC00, 0x0102, 0x0000, 0x0001]),
    ("\tLD\tL\t=5\n\tA\tL\t=5\n\tLORG", [0xC400, 0x0104, 0x8400, 0x0104, 5]),
]


@pytest.mark.parametrize("body,expected", CASES, ids=[c[0].split("\n")[0].strip() for c in CASES])
def test_corpus_word_for_word(body, expected):
    assert [f"{w:04X}" for w in words(body)] == [f"{w:04X}" for w in expected]


def test_card_form_assembles_like_tab_form():
    card = ("                          ABS\n"
            "                          ORG     /100\n"
            "                    START LD   L  VALUE     COMMENT\n"
            "                          A    1  5\n"
            "                          STO  I3 /0300\n"
            "                          BSC  L  START,+-\n"
            "                          MDX  2  -1\n"
            "                    *  A COMMENT CARD\n"
            "                    VALUE DC      7         MORE REMARKS          SEQ00001\n"
            "                          END     START\n")
    tab = ("\tABS\n\tORG\t\t/100\nSTART\tLD\tL\tVALUE\tCOMMENT\n\tA\t1\t5\n\tSTO\tI3\t/0300\n"
           "\tBSC\tL\tSTART,+-\n\tMDX\t2\t-1\n* A COMMENT\nVALUE\tDC\t\t7\n\tEND\t\tSTART\n")
    a, b = assemble(card, "c.asm"), assemble(tab, "t.asm")
    assert not a.errors and not b.errors, a.error_text() + b.error_text()
    assert a.words == b.words
    assert a.start == b.start == 0x100
    assert a.words[0x100] == 0xC400 and a.words[0x101] == 0x0108 and a.words[0x102] == 0x8105
    assert a.words[0x103] == 0xD780 and a.words[0x105] == 0x4C18 and a.words[0x107] == 0x72FF


def test_operand_ends_at_first_blank():
    # IBM's rule: the operand ends at the first blank; the rest is remarks
    assert words("\tDC\t\t1 +2") == [1]


def test_dc_star_is_own_address_plus_one_and_equ_star_is_current():
    assert words("X\tEQU\t\t*\n\tDC\t\tX\n\tDC\t\t*") == [0x100, 0x102]


def test_relocatable_program_marks_addresses():
    asm = assemble("START\tLD\tL\tX\nX\tDC\t\tX\n\tEND\t\tSTART\n", "r.asm")
    assert not asm.errors and asm.relocatable
    assert asm.words == {0: 0xC400, 1: 2, 2: 2}
    assert [r.relocation for r in asm.records] == [0, 1, 1]
    out = asm.to_out()
    assert "@0000R" in out and "0002R" in out


def test_external_call_and_libf_emit_name_codes():
    asm = assemble("\tCALL\t\tSQRT\n\tLIBF\t\tFSIN\n\tDC\t\t0\n", "x.asm")
    assert not asm.errors, asm.error_text()
    assert asm.externals == [("CALL", "SQRT"), ("LIBF", "FSIN")]
    # CALL takes two core words, LIBF one (its first name word does not advance)
    assert [(r.address, r.relocation, r.advances) for r in asm.records] == [
        (0, 3, True), (1, 0, True), (2, 2, False), (2, 0, True), (3, 0, True)]
