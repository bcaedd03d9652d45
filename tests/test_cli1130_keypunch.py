"""`python -m machines.ibm1130 keypunch` punches a text file into a deck (issue 5)."""

from machines.ibm1130.tools import cli
from machines.ibm1130.cards import read_deck


def test_keypunch_subcommand_punches_each_line_into_a_card(tmp_path, capsys):
    text = tmp_path / "prog.txt"
    text.write_text("// JOB\n      LD   X\n")
    deck = tmp_path / "prog.bin"
    assert cli.main(["keypunch", str(text), "-o", str(deck)]) == 0
    assert "2 cards" in capsys.readouterr().out
    cards = read_deck(str(deck))
    assert len(cards) == 2 and cards[0].to_text().rstrip() == "// JOB"


def test_keypunch_subcommand_reports_an_unreadable_file(tmp_path, capsys):
    assert cli.main(["keypunch", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "d.bin")]) == 1
    assert "missing.txt: cannot read" in capsys.readouterr().err


def test_run_refuses_devices_that_are_not_emulated(tmp_path, capsys):
    assert cli.main(["run", "--boot", "disk", "--plotter-svg", str(tmp_path / "s.svg")]) == 1
    assert "1627 plotter" in capsys.readouterr().err
