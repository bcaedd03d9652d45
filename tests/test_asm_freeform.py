"""Free-form source (machines/ibm1130/asm/freeform.py): what a newcomer types
(label, operation, modifiers, operand separated by blanks) assembles and
runs exactly as the same program in IBM card columns, in the assembler and
in the ``asm`` command; card_columns() rewrites it in card columns."""

import json
from pathlib import Path

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.asm.freeform import card_columns, parse_source_line, source_form
from machines.ibm1130.machine import Ibm1130
from machines.ibm1130.tools import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "web" / "examples"

# Sum 1..10 with XR1 counting down, typed the way people type today.
FREE = """* sum 1 to 10
      ABS
      ORG  /100
START LDX  1  10
      SLT  32
LOOP  STX  L1 T
      A    L  T
      MDX  1  -1
      B    LOOP
      STO  L  SUM    the total
      WAIT
T     DC   0
SUM   DC   0
      END  START
"""


def card(label="", op="", mods="  ", operand=""):
    return f"{'':20}{label:<5} {op:<4} {mods:<2} {operand}".rstrip()


CARDS = "\n".join(["* sum 1 to 10", card(op="ABS"), card(op="ORG", operand="/100"),
                   card("START", "LDX", " 1", "10"), card(op="SLT", operand="32"),
                   card("LOOP", "STX", "L1", "T"), card(op="A", mods="L", operand="T"),
                   card(op="MDX", mods=" 1", operand="-1"), card(op="B", operand="LOOP"),
                   card(op="STO", mods="L", operand="SUM    the total"), card(op="WAIT"),
                   card("T", "DC", operand="0"), card("SUM", "DC", operand="0"),
                   card(op="END", operand="START")]) + "\n"


def run(asm):
    machine = Ibm1130(memory_words=32768)
    machine.load_image(asm.image)
    assert machine.system.run(10_000) == "wait"
    return machine.system


def test_free_form_runs_as_the_card_form():
    free, cards = assemble(FREE, "free.asm"), assemble(CARDS, "cards.asm")
    assert free.errors == [] and free.warnings == [] and cards.errors == []
    assert free.words == cards.words
    system = run(free)
    assert system.acc == 55 and system.memory[free.symbols["SUM"].value] == 55


def test_the_fields_and_their_columns():
    line = parse_source_line("START LD   X", 1)
    assert (line.form, line.label, line.operation, line.operand) == ("free", "START", "LD", "X")
    assert (line.label_column, line.operation_column, line.operand_column) == (1, 7, 12)
    # typed from column 1 without a label: a known operation first
    for text, label, op, mods, operand in [
            ("LD X", "", "LD", "", "X"), ("END START", "", "END", "", "START"),
            ("B EQU 5", "B", "EQU", "", "5"), ("  STO L Z the sum", "", "STO", "L", "Z"),
            ("  LDX 1 COUNT", "", "LDX", "1", "COUNT"), ("  LD X", "", "LD", "", "X"),
            ("  SLA 16", "", "SLA", "", "16"), ("LOOP  MDX  L1 -1", "LOOP", "MDX", "L1", "-1"),
            ("   WAIT", "", "WAIT", "", "")]:
        line = parse_source_line(text, 1)
        assert (line.label, line.operation, line.modifiers, line.operand) == (label, op, mods, operand), text
    assert parse_source_line("   * a remark", 1).kind == "comment"


def test_errors_name_the_column_of_the_free_form_field():
    asm = assemble("START LX  X\nX DC 1\n", "e.asm")
    assert [str(e) for e in asm.errors] == ["e.asm:1:7: unknown operation 'LX'"]
    asm = assemble("START LD  L NOPE\n", "e.asm")
    assert [str(e) for e in asm.errors] == ["e.asm:1:13: undefined symbol NOPE"]


def test_the_card_form_is_read_as_before():
    # a card with something in columns 1-20 (DMS's ptmasmbl) is still a card
    line = parse_source_line("         E3         S8AZ  DC      0", 1)
    assert (line.form, line.label, line.operation) == ("card", "S8AZ", "DC")
    assert source_form(CARDS) == "card" and source_form(FREE) == "free"
    assert source_form("\tLD\t\tX\nSTART LD X\n") == "mixed"


def test_card_columns_keep_every_word_and_every_example():
    converted = card_columns(FREE)
    assert source_form(converted) == "card"
    assert converted.splitlines()[5] == "                    LOOP  STX  L1 T"
    assert assemble(converted, "c.asm").words == assemble(FREE, "f.asm").words
    tab = "GO\tLDX\t1\t3\n\tMDX\t1\t-1\n\tB\t\tGO+1\n\tEBC\t\t.A B.\n"
    assert assemble(card_columns(tab), "t.asm").words == assemble(tab, "t.asm").words
    for path in EXAMPLES.glob("*.asm"):             # card-form sources are left alone
        text = path.read_text()
        assert card_columns(text) == text, path.name


def test_the_asm_command_accepts_free_form(tmp_path, capsys):
    source = tmp_path / "sum.asm"
    source.write_text(FREE)
    out = tmp_path / "sum.out"
    assert cli.main(["asm", str(source), "-o", str(out)]) == 0
    capsys.readouterr()
    assert cli.main(["run", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["acc"] == 55 and result["stop"] == "wait"

