"""``python -m machines.ibm1130 challenge list | show | check``: output,
--json, exit status, a teacher's challenge file, bad input, best scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from machines.ibm1130.challenges import progress
from machines.ibm1130.tools.cli import main

HERE = Path(__file__).resolve().parent / "challenges"
SOLUTIONS = HERE / "solutions"
WRONG = HERE / "wrong"


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list(capsys):
    status, out, _ = run(capsys, "challenge", "list")
    assert status == 0
    assert "load-store" in out and "printer-1132" in out and "0 of 28 solved" in out
    status, out, _ = run(capsys, "challenge", "list", "--json")
    rows = json.loads(out)
    assert len(rows) >= 24 and rows[0]["level"] == 1 and rows[0]["solved"] is False


def test_show_reveals_hints_one_at_a_time(capsys):
    status, out, _ = run(capsys, "challenge", "show", "array-sum")
    assert status == 0 and "Sum of an array" in out and "reference 4.2" in out
    assert "Hint 1" not in out and "(3 more hint(s): --hints 1)" in out
    _, out, _ = run(capsys, "challenge", "show", "6", "--hints", "2")
    assert "Hint 1" in out and "Hint 2" in out and "Hint 3" not in out
    _, out, _ = run(capsys, "challenge", "show", "array-sum", "--template")
    assert out.lstrip().startswith("*") and "END     START" in out
    _, out, _ = run(capsys, "challenge", "show", "array-sum", "--json")
    public = json.loads(out)
    assert public["hints"] == [] and public["hint_count"] == 3 and "visible_cases" in public


def test_check_a_solution_passes_and_records_the_best(capsys, data_home):
    status, out, _ = run(capsys, "challenge", "check", "array-sum", str(SOLUTIONS / "06-array-sum.asm"))
    assert status == 0
    assert "score: 59 instructions, 555.3 us, 12 words" in out and "par:   59 instructions" in out
    assert "new best" in out and "array-sum: solved" in out
    records = json.loads((data_home / "retro1130" / "challenges.json").read_text())
    assert records["array-sum"] == {"solved": True, "instructions": 59, "microseconds": 555.3, "words": 12}
    _, out, _ = run(capsys, "challenge", "list")
    assert "* " in out and "1 of 28 solved" in out


def test_check_json(capsys):
    status, out, _ = run(capsys, "challenge", "check", "saturate", str(WRONG / "no-overflow-saturate.asm"),
                         "--json", "--seed", "4")
    assert status == 1
    result = json.loads(out)
    assert result["ok"] is False and result["seed"] == 4 and result["score"] is None
    assert result["cases"][1]["mismatches"][0] == {"name": "S", "expected": 32767, "got": 60000,
                                                   "text": "S: expected /7FFF (32767), got /EA60 (60000 = -5536)"}
    assert result["par"]["instructions"] == 7 and result["total"] == len(result["cases"])


def test_failure_text_and_exit_status(capsys):
    status, out, _ = run(capsys, "challenge", "check", "sum-to-n", str(WRONG / "endless-loop-sum-to-n.asm"))
    assert status == 1
    assert "stopped by the budget of 3000 instructions" in out and "not solved yet" in out


def test_assembler_errors_on_stderr_with_line_and_column(capsys):
    bad = WRONG / "syntax-error.asm"
    status, out, err = run(capsys, "challenge", "check", "load-store", str(bad))
    assert status == 1
    assert f"{bad}:5:35: undefined symbol NOWHR" in err
    assert "does not assemble" in out


def test_a_challenge_file_in_place_of_the_id(capsys, tmp_path):
    path = tmp_path / "double.toml"
    path.write_text('id = "double"\ntitle = "Double"\nstatement = "Y = 2 X"\n[symbols]\nX = 0xE0\nY = 0xE1\n'
                    '[[generate]]\ncount = 3\nvars = { V = "randint(-100, 100)" }\nset = { X = "V" }\n'
                    'expect = { Y = "word(2 * V)" }\n')
    prog = tmp_path / "p.asm"
    prog.write_text("\n".join([" " * 26 + "ABS", " " * 26 + "ORG     /100", " " * 20 + "START LD      X",
                               " " * 26 + "SLA     1", " " * 26 + "STO     Y", " " * 26 + "WAIT",
                               " " * 20 + "X     EQU     /00E0", " " * 20 + "Y     EQU     /00E1",
                               " " * 26 + "END     START"]) + "\n")
    status, out, _ = run(capsys, "challenge", "check", str(path), str(prog))
    assert status == 0 and "3 of 3 cases passed" in out
    _, out, _ = run(capsys, "challenge", "show", str(path))
    assert "Double" in out


@pytest.mark.parametrize("argv, message", [
    (["challenge", "check", "no-such", "x.asm"], "no-such: no such challenge"),
    (["challenge", "show", "missing.toml"], "missing.toml: cannot read"),
    (["challenge", "check", "load-store", "missing.asm"], "missing.asm: cannot read"),
])
def test_bad_input_messages(capsys, argv, message):
    status, _, err = run(capsys, *argv)
    assert status == 1 and message in err and "Traceback" not in err


def test_damaged_challenge_file(capsys, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('id = "x"\ntitle = \n')
    status, _, err = run(capsys, "challenge", "show", str(path))
    assert status == 1 and err.startswith(f"{path}: not a valid challenge file") and "line 2" in err


def test_best_scores_keep_the_best_of_each(tmp_path):
    from machines.ibm1130.challenges.checker import Result, Score
    records = {}
    first = Result("x", "X", True, 1, 10, score=Score(10, 50.0, 8))
    second = Result("x", "X", True, 1, 10, score=Score(12, 40.0, 8))
    assert progress.merge(records, first) == {"instructions": True, "microseconds": True, "words": True}
    assert progress.merge(records, second) == {"microseconds": True}
    assert records["x"] == {"solved": True, "instructions": 10, "microseconds": 40.0, "words": 8}
    assert progress.merge(records, Result("x", "X", False, 1, 10)) is None
    damaged = tmp_path / "c.json"
    damaged.write_text("{not json")
    assert progress.load(damaged) == {} and damaged.with_suffix(".bad").exists()
