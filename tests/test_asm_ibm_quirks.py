"""What IBM's assembler does with the constructs DMS R2V12's own sources use
and ours used to refuse.  Every expected word and flag here was measured
on IBM's assembler (DMS R2V12's, run on the emulator as in
test_asm_ibm_reference.py, on 2026-12-02): its listing gave the words, and
its flags decided error or warning (a Q flag is one of its warnings)."""

from machines.ibm1130.asm.assembler import assemble


def card(label="", op="", mods="  ", operand=""):
    return f"{'':20}{label:<5} {op:<4} {mods:<2} {operand}".rstrip()


def program(*cards: str) -> str:
    return "\n".join([card(op="ABS"), card(op="ORG", operand="/1000"), *cards,
                      card(op="END")]) + "\n"


def words(asm, first=0x1000, count=None):
    top = max(asm.words) + 1 if count is None else first + count
    return [asm.words.get(a) for a in range(first, top)]


def test_arithmetic_wraps_at_16_bits():
    # kforph01, kforph07, kforph22: .*-/8400 and /1000-/E000
    asm = assemble(program(card(op="DC", operand=".*-/8400"),
                           card(op="DC", operand="/1000-/E000"),
                           card(op="DC", operand="-40000"),
                           card(op="DC", operand="300*300"),
                           card(op="DC", operand="/FFFF+/FFFF+2"),
                           card(op="DC", operand="-/8000-1")), "w.asm")
    assert asm.errors == []
    assert words(asm) == [0x7C5C, 0x3000, 0x63C0, 0x5F90, 0x0000, 0x7FFF]


def test_wrapped_value_in_an_instruction_and_equ():
    asm = assemble(program(card("K", "EQU", operand="/1000-/E000"),
                           card(op="LDX", mods="L1", operand="/1000-/E000"),
                           card(op="DC", operand="K")), "w.asm")
    assert asm.errors == []
    assert asm.symbols["K"].value == 0x3000
    assert words(asm) == [0x6500, 0x3000, 0x3000]


def test_negative_binary_point():
    # r2fsin, s2eatn, s2eexp, s2eln, s2esin: DEC ...B-2
    asm = assemble(program(card("A1", "DEC", operand="0.33333327142E0B-1"),
                           card("A2", "DEC", operand="0.19999056792E0B-2"),
                           card("A5", "DEC", operand="1.333772937497065E-3B-9"),
                           card("A6", "DEC", operand="-0.2B-2")), "b.asm")
    assert asm.errors == []
    assert words(asm) == [0x5555, 0x544B, 0x6665, 0x29E9, 0x5768, 0xFF25, 0x9999, 0x999A]


def test_a_negative_binary_point_that_does_not_fit():
    asm = assemble(program(card(op="DEC", operand="0.5B-2")), "b.asm")
    assert [e.message for e in asm.errors] == ["0.5 does not fit with the binary point at B-2"]


def test_xflc_with_a_blank_operand_is_zero():
    # s2esqr: F XFLC (remarks only)
    asm = assemble(program(card("F", "XFLC", operand="          RANGED ARGUMENT."),
                           card(op="DC", operand="1")), "x.asm")
    assert asm.errors == []
    assert words(asm) == [0, 0, 0, 1]


def test_heading_text_may_start_in_column_32():
    # jfdmplet line 766: HDNG - DUMPLET/FLET; IBM's heading is columns 35-71
    hdng = "                          HDNG - DUMPLET/FLET - SINGLE ENTRY"
    assert hdng.index("- D") == 31
    asm = assemble(program(card(op="DC", operand="1"), hdng, card(op="DC", operand="2")),
                   "h.asm")
    assert asm.errors == [] and asm.warnings == []
    assert words(asm) == [1, 2]
    assert "\fUMPLET/FLET - SINGLE ENTRY\n" in asm.listing()


def test_columns_32_to_34_of_other_operations_are_still_checked():
    asm = assemble(program("                          DC   - D1"), "h.asm")
    assert [e.column for e in asm.errors] == [34]


def test_unlabelled_equ_is_a_warning():
    # psbmup line 4141: EQU * with no label (IBM: flag Q, "1 WARNING")
    asm = assemble(program(card(op="DC", operand="1"), card(op="EQU", operand="*"),
                           card(op="DC", operand="3")), "e.asm")
    assert asm.errors == []
    assert [(w.line, w.column) for w in asm.warnings] == [(4, 27)]
    assert "EQU without a label" in asm.warnings[0].message
    assert words(asm) == [1, 3]


def test_bss_with_a_stray_modifier_and_a_forward_reference():
    # u6disc, u6ident: LD IT908+3 before IT908 BSS  4  4 (the 4 in column 32)
    source = program(card("GO", "LD", operand="IT908+3"),
                     "                    IT908 BSS  4  4         DEF CYL,ID I/O AREA",
                     card(op="DC", operand="3"))
    asm = assemble(source, "u.asm")
    assert asm.errors == []
    assert asm.symbols["IT908"].value == 0x1001
    assert words(asm) == [0xC003, None, None, None, None, 3]
    [warning] = asm.warnings
    assert (warning.line, warning.column) == (4, 32) and "ignored" in warning.message


def test_a_stray_modifier_is_still_an_error_in_tab_form():
    asm = assemble("\tBSS\t4\n", "t.asm")
    assert [e.message.split(" (")[0] for e in asm.errors] == ["modifier '4' is not valid with BSS"]


def test_columns_1_to_20_are_not_read():
    # ptmasmbl line 8935: "         E3         S8AZ  DC      0"
    asm = assemble(program("         E3         S8AZ  DC      5",
                           card(op="DC", operand="S8AZ")), "p.asm")
    assert asm.errors == []
    assert words(asm) == [5, 0x1000]
    [warning] = asm.warnings
    assert (warning.line, warning.column) == (3, 10)


def test_text_typed_from_column_1_is_read_in_free_form():
    # IBM's assembler would not read these; ours reads them in free form
    # (freeform.py) exactly as the same statements in card columns
    free = ("START LD L VALUE", "         LD   X", "X     DC  1                 Q", "VALUE DC 2")
    cards = (card("START", "LD", "L", "VALUE"), card(op="LD", operand="X"),
             card("X", "DC", operand="1") + "       Q", card("VALUE", "DC", operand="2"))
    free_asm, card_asm = assemble(program(*free), "p.asm"), assemble(program(*cards), "p.asm")
    assert free_asm.errors == [] and free_asm.warnings == []
    assert words(free_asm) == words(card_asm) == [0xC400, 0x1004, 0xC000, 1, 2]


def test_a_continued_dmes_keeps_its_leading_blank():
    # csysldr2's message 31 (and zdcip's, fsysldr2's): IBM lists 29 characters
    # for the first card and 33 for the continuation (its leading blank
    # included), so MSG32 is at /101F; SIMH's asm1130 drops that text
    source = program(
        "                          DMES    'RE 31 MISSING PHASE ID DUE TO'       CP212260",
        "                          DMES     DEFECTIVE SLET OR RELOAD TABLE'R'E   CP212270",
        "                    MSG32 DC      MSG33-*   WORD COUNT OF MESSAGE E 32  CP212280",
        "                          DMES    'RE 32 MISSING SYSTEM I/O PHASE'R'E   CP212290",
        "                    MSG33 BSS     0                                     CP212300")
    asm = assemble(source, "d.asm")
    assert asm.errors == []
    assert asm.symbols["MSG32"].value == 0x101F
    assert asm.symbols["MSG33"].value == 0x1030
    assert asm.words[0x101F] == 0x0010


SYSTEM = "*SYSTEM SYMBOL TABLE\n"


def test_system_symbols_from_symbols_sys_beside_the_source(tmp_path):
    (tmp_path / "SYMBOLS.SYS").write_text("$PBSY 0036\n@1403 008c\nbad line\nTOOLONG 1\n")
    path = tmp_path / "p.asm"
    path.write_text(SYSTEM + program(card(op="DC", operand="$PBSY"),
                                     card(op="DC", operand="'1403"),
                                     card(op="DC", operand="@1403+1")))
    asm = assemble(path.read_text(), str(path))
    assert asm.errors == []
    assert words(asm) == [0x0036, 0x008C, 0x008D]


def test_system_symbols_given_by_the_caller():
    asm = assemble(SYSTEM + program(card(op="DC", operand="$PBSY")), "<source>",
                   system_symbols={"$PBSY": 0x36})
    assert asm.errors == [] and words(asm) == [0x36]


def test_a_programs_own_symbol_wins_over_the_system_table():
    asm = assemble(SYSTEM + program(card("$PBSY", "DC", operand="$PBSY")), "<source>",
                   system_symbols={"$PBSY": 0x36})
    assert asm.errors == [] and words(asm) == [0x1000]


def test_system_symbols_only_with_the_control_card():
    asm = assemble(program(card(op="DC", operand="$PBSY")), "<source>",
                   system_symbols={"$PBSY": 0x36})
    assert [e.message for e in asm.errors] == ["undefined symbol $PBSY"]


def test_missing_symbols_sys_is_an_error_on_the_control_card(tmp_path):
    path = tmp_path / "p.asm"
    path.write_text(SYSTEM + program(card(op="DC", operand="$PBSY")))
    asm = assemble(path.read_text(), str(path))
    first = asm.errors[0]
    assert (first.line, first.column) == (1, 1)
    assert "no SYMBOLS.SYS beside" in first.message and str(path) in first.message
    assert [e.message for e in asm.errors[1:]] == ["undefined symbol $PBSY"]
