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


def test_run_checks_the_plotter_svg_folder_before_the_machine_is_set_up(tmp_path, capsys):
    # The 2250 and the 1627 are emulated now: nothing is refused as missing,
    # but an SVG that could not be written is refused before the run.
    assert cli.main(["run", "--boot", "disk", "--plotter-svg", str(tmp_path / "no" / "s.svg")]) == 1
    err = capsys.readouterr().err
    assert "--plotter-svg" in err and "does not exist" in err and "not emulated" not in err
