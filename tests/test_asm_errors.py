"""Assembler errors: every error collected, FILE:LINE:COL, listing marks, command line."""

import argparse

import pytest

from machines.ibm1130.asm import command as asm_command
from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.asm.coreimage import CoreImage


def errors_of(source: str) -> list[str]:
    return [str(e) for e in assemble(source, "e.asm").errors]


def test_every_error_is_collected_with_line_and_column():
    src = ("\tABS\n"
           "\tORG\t\t/100\n"
           "\tLD\t\tNOPE\n"            # 3: undefined symbol at column 6
           "\tFOO\t\t1\n"              # 4: unknown operation at column 2
           "\tSLA\t\t64\n"             # 5: shift count
           "\tLD\tQ\t1\n"              # 6: bad modifier at column 5
           "X\tDC\t\t1\n"
           "X\tDC\t\t2\n"              # 8: multiply defined
           "\tBSC\tL\tX,ZQ\n"          # 9: bad condition letter at column 12
           "\tDC\t\t70000\n")          # 10: decimal out of range
    errs = errors_of(src)
    assert errs == [
        "e.asm:3:6: undefined symbol NOPE",
        "e.asm:4:2: unknown operation 'FOO'",
        "e.asm:5:7: shift count 64 is outside 0..63",
        "e.asm:6:5: modifier 'Q' is not valid with LD (allowed: L I X 0 1 2 3)",
        "e.asm:8:1: symbol X is already defined at line 7",
        "e.asm:9:11: bad condition 'Q': use Z - + E C O",
        "e.asm:10:6: decimal constant 70000 does not fit in 16 bits",
    ]


def test_card_form_columns_are_card_columns():
    src = ("                          ABS\n"
           "                          LD      MISS\n"
           "                          LD   L  1+BAD\n")
    assert errors_of(src) == ["e.asm:2:35: undefined symbol MISS",
                              "e.asm:3:37: undefined symbol BAD"]


def test_short_displacement_out_of_range():
    src = "\tABS\n\tORG\t\t/100\n\tLD\t\tFAR\n\tBSS\t\t200\nFAR\tDC\t\t0\n"
    [err] = errors_of(src)
    assert err.startswith("e.asm:3:6: target 01C9 is +200 words from the next instruction")
    assert "long form" in err


def test_layout_needs_earlier_symbols():
    src = "\tBSS\t\tN\nN\tEQU\t\t5\n"
    assert errors_of(src) == ["e.asm:1:7: BSS size must use only symbols defined earlier in "
                              "the source"]


def test_misc_errors():
    assert errors_of("\tDC\t\t1\n\tABS\n") == ["e.asm:2:2: ABS must come before any code or data"]
    assert errors_of("\tEBC\t\tABC\n")[0].startswith("e.asm:1:7: EBC text must start")
    assert errors_of("TOOLONG\tDC\t\t1\n")[0].startswith("e.asm:1:1: bad label 'TOOLONG'")
    assert errors_of("\tLDS\tI\t1\n")[0].startswith("e.asm:1:6: modifier 'I' is not valid")
    assert errors_of("\tDC\t\t1/0\n") == ["e.asm:1:7: division by zero"]
    assert errors_of("\tDEC\t\t1.2.3\n") == ["e.asm:1:7: bad number '1.2.3'"]
    assert errors_of("\tCMP\t\t1\n") == ["e.asm:1:2: CMP is an IBM 1800 instruction, not on the 1130"]
    # typed from column 1 it is free form (freeform.py): the operand is looked up
    assert errors_of("LOOP LD X\n") == ["e.asm:1:9: undefined symbol X"]


def test_errors_keep_addresses_in_step():
    # a bad statement still takes its room, so the words after it do not move
    asm = assemble("\tABS\n\tLD\tL\tNOPE\nX\tDC\t\tX\n", "e.asm")
    assert len(asm.errors) == 1 and asm.words[2] == 2


def test_listing_marks_error_lines():
    asm = assemble("\tABS\n\tLD\t\tNOPE\nX\tDC\t\tX\n\tEND\n", "e.asm")
    listing = asm.listing()
    lines = listing.splitlines()
    bad = next(i for i, l in enumerate(lines) if "NOPE" in l and not l.startswith("*"))
    assert lines[bad].startswith("E ")
    assert lines[bad + 1] == "***** e.asm:2:6: undefined symbol NOPE"
    assert "1 ERROR IN THIS ASSEMBLY" in listing
    assert "SYMBOL TABLE" in listing and "CROSS REFERENCE" in listing


def _args(tmp_path, source, **extra):
    parser = argparse.ArgumentParser()
    asm_command.add_arguments(parser)
    argv = [str(source)]
    for key, value in extra.items():
        argv += [f"--{key.replace('_', '-')}", str(tmp_path / value)]
    return parser.parse_args(argv)


def test_command_prints_every_error_and_exits_nonzero(tmp_path, capsys):
    src = tmp_path / "bad.asm"
    src.write_text("\tLD\t\tNOPE\n\tFOO\n")
    status = asm_command.main(_args(tmp_path, src, listing="bad.lst"))
    err = capsys.readouterr().err
    assert status == 1
    assert f"{src}:1:6: undefined symbol NOPE" in err
    assert f"{src}:2:2: unknown operation 'FOO'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "bad.out").exists()
    assert (tmp_path / "bad.lst").read_text().count("*****") == 2


def test_command_writes_outputs(tmp_path, capsys):
    src = tmp_path / "good.asm"
    src.write_text("\tABS\n\tORG\t\t/100\nGO\tLD\tL\tV\n\tWAIT\nV\tDC\t\t5\n\tEND\t\tGO\n")
    status = asm_command.main(_args(tmp_path, src, deck="good.bin", listing="good.lst",
                                    core_image="core.bin"))
    assert status == 0, capsys.readouterr().err
    assert (tmp_path / "good.out").read_text().endswith("=0100\n")
    assert (tmp_path / "good.bin").stat().st_size % 160 == 0
    assert (tmp_path / "core.bin").stat().st_size == 2 * 160
    assert "GO    0100" in (tmp_path / "good.lst").read_text()


def test_command_missing_file(tmp_path, capsys):
    status = asm_command.main(_args(tmp_path, tmp_path / "none.asm"))
    assert status == 1 and "cannot read" in capsys.readouterr().err


def test_assemble_for_run(tmp_path):
    src = tmp_path / "p.asm"
    src.write_text("\tABS\n\tORG\t\t/200\nGO\tWAIT\n\tEND\t\tGO\n")
    assert asm_command.assemble_for_run(src) == CoreImage({0x200: 0x3000}, 0x200)
    src.write_text("\tLD\t\tNOPE\n")
    with pytest.raises(asm_command.AssemblyFailed, match=r"p.asm:1:6: undefined symbol NOPE"):
        asm_command.assemble_for_run(src)
    src.write_text("\tCALL\t\tSQRT\n")
    with pytest.raises(asm_command.AssemblyFailed, match="DMS loader for CALL SQRT"):
        asm_command.assemble_for_run(src)


def test_tab_form_fields_are_positional():
    # <TAB>SRT<TAB>16 puts 16 in the modifiers field: an error with a hint
    [err] = errors_of("\tSRT\t16\n")
    assert err.startswith("e.asm:1:7: modifier '6' is not valid with SRT")
    assert "operand is the fourth field" in err
    assert errors_of("\tSRT\t\t16\n") == []


def test_card_separator_columns_must_be_blank():
    [err] = errors_of("                          LD  LL  X\n")
    assert err.startswith("e.asm:1:31: card column 31 must be blank")


def test_tag_in_the_format_column_is_a_warning():
    asm = assemble("                          LD   1  5\n", "w.asm")
    assert not asm.errors and asm.words == {0: 0xC105}
    [warning] = asm.warnings
    assert str(warning).startswith("w.asm:1:32: warning: IBM's assembler reads the format")
