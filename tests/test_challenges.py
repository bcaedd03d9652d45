"""The assembler challenges: the catalogue, the checker, the reference
solutions (kept here, never in the package), wrong solutions that must fail
with the right message, the budget, bad challenge files, the expression
language.  Runs natively and inside Pyodide (tests/pyodide/run.py); the
golden file makes both give identical results."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from machines.ibm1130.challenges import ChallengeError, catalogue, check, find, parse_challenge
from machines.ibm1130.challenges import expressions, webapi
from machines.ibm1130.challenges.cases import build_cases
from machines.ibm1130.challenges.checker import format_word

HERE = Path(__file__).resolve().parent / "challenges"
SOLUTIONS = HERE / "solutions"
WRONG = HERE / "wrong"
GOLDEN = HERE / "golden.json"
GOLDEN_SEED = 1130


def solution(challenge) -> str:
    return (SOLUTIONS / f"{challenge.level:02d}-{challenge.id}.asm").read_text()


ALL = catalogue()


# ------------------------------------------------------------ the catalogue
def test_catalogue_is_a_progression_of_at_least_24():
    assert len(ALL) >= 24
    assert [c.level for c in ALL] == list(range(1, len(ALL) + 1))
    assert len({c.id for c in ALL}) == len(ALL)
    topics = {c.topic for c in ALL}
    for needed in ("load and store", "add and subtract", "carry and overflow", "index registers and MDX loops",
                   "arrays", "shifts and rotates", "long branches and skips", "subroutines", "double precision",
                   "multiply and divide", "EBCDIC strings", "console printer", "card reader", "line printer",
                   "interrupts"):
        assert needed in topics, needed


@pytest.mark.parametrize("challenge", ALL, ids=[c.id for c in ALL])
def test_each_challenge_is_complete(challenge):
    assert "reference" in challenge.reference or "GA26-5881" in challenge.reference
    assert "reference 4." in challenge.statement          # the facts cite their section
    assert challenge.template.strip() and len(challenge.hints) >= 3
    assert challenge.par is not None
    assert any(c.hidden for c in challenge.cases) and any(not c.hidden for c in challenge.cases)
    assert challenge.generators, "cases generated from a seed"
    assert (SOLUTIONS / f"{challenge.level:02d}-{challenge.id}.asm").exists()


@pytest.mark.parametrize("challenge", ALL, ids=[c.id for c in ALL])
def test_reference_solution_passes_at_par(challenge):
    for seed in (1, 2):
        result = check(challenge, solution(challenge), seed=seed)
        assert result.ok, result.failures() or result.errors
        assert not result.warnings
        assert result.score.to_dict() == challenge.par.to_dict()


@pytest.mark.parametrize("challenge", ALL, ids=[c.id for c in ALL])
def test_template_does_not_pass(challenge):
    result = check(challenge, challenge.template, seed=3)
    assert not result.ok and result.score is None


def test_reference_solutions_are_not_in_the_package():
    package = Path(expressions.__file__).parent
    assert not list(package.rglob("*.asm"))
    shipped = "".join(p.read_text() for p in package.rglob("*") if p.suffix in (".toml", ".md", ".py"))
    for challenge in ALL:
        body = [line for line in solution(challenge).splitlines() if line.strip() and "EQU" not in line]
        assert "\n".join(body) not in shipped, challenge.id


# ------------------------------------------------------------ wrong solutions
def wrong(name: str, challenge: str, seed: int = 5):
    return check(find(challenge), (WRONG / name).read_text(), seed=seed, filename=name)


def test_off_by_one_fails_a_visible_case_with_expected_and_got():
    result = wrong("off-by-one-array-sum.asm", "array-sum")
    assert not result.ok
    first = result.cases[0]
    assert not first.passed and not first.hidden
    # ARR(2) + ARR(3) + the word after the array (the fill of nothing: 0)
    assert first.message == "SUM: expected /0006 (6), got /0005 (5)"
    assert result.failures()[0].startswith("case 1 'three numbers': SUM: expected /0006 (6)")


def test_wrong_register_fails():
    result = wrong("wrong-register-array-copy.asm", "array-copy")
    assert not result.cases[0].passed
    assert "DST+0: expected /0007 (7), got /0000 (0)" in result.cases[0].message


def test_missing_overflow_handling_fails_on_overflow_only():
    result = wrong("no-overflow-saturate.asm", "saturate")
    assert result.cases[0].passed                     # in range: fine
    assert result.cases[1].message == "S: expected /7FFF (32767), got /EA60 (60000 = -5536)"
    hidden = [c for c in result.cases if c.hidden and not c.passed]
    assert hidden and all("hidden case" in c.message for c in hidden)


def test_endless_loop_is_stopped_by_the_budget_and_told_so():
    result = wrong("endless-loop-sum-to-n.asm", "sum-to-n")
    failed = [c for c in result.cases if not c.passed]
    assert failed and all(c.stop == "limit" for c in failed)
    assert all(c.instructions == 3000 for c in failed)
    assert "stopped by the budget of 3000 instructions" in failed[0].message
    assert result.score is None


def test_program_fitted_to_the_visible_cases_fails_hidden_and_generated_cases():
    result = wrong("fitted-count-bits.asm", "count-bits")
    visible = [c for c in result.cases if not c.hidden]
    assert visible and all(c.passed for c in visible)
    assert not result.ok
    generated = [c for c in result.cases if c.generated]
    assert any(not c.passed for c in generated)
    for c in result.cases:
        if c.hidden and not c.passed:
            assert "0x" not in c.message and "expected" not in c.message   # nothing of the data leaks
    dumped = json.dumps(result.to_dict())
    assert all(c["mismatches"] == [] for c in result.to_dict()["cases"] if c["hidden"])
    assert "hidden case gave a wrong answer" in dumped


def test_assembler_errors_with_line_and_column():
    result = wrong("syntax-error.asm", "load-store")
    assert not result.ok and not result.cases
    assert result.errors[0]["line"] == 5 and result.errors[0]["column"] == 35
    assert "undefined symbol NOWHR" in result.errors[0]["message"]
    assert result.errors[0]["text"].startswith("syntax-error.asm:5:35:")


def test_program_that_runs_into_data_stops_on_the_invalid_instruction():
    src = "\n".join([" " * 26 + "ABS", " " * 26 + "ORG     /100", " " * 20 + "START DC      0",
                     " " * 26 + "END     START"]) + "\n"
    result = check(find("load-store"), src, seed=1)
    assert not result.ok
    assert result.cases[0].stop == "invalid"
    assert "invalid instruction at /0100" in result.cases[0].message


def test_empty_program():
    result = check(find("load-store"), "", seed=1)
    assert result.errors and "empty" in result.errors[0]["message"]


# ------------------------------------------------------------ seeds and scores
def test_generated_cases_depend_on_the_seed_and_only_on_it():
    challenge = find("array-sum")
    a, b, c = (build_cases(challenge, s) for s in (7, 7, 8))
    assert [x.inputs for x in a] == [x.inputs for x in b]
    assert [x.inputs for x in a if x.generated] != [x.inputs for x in c if x.generated]
    assert [x.inputs for x in a if not x.generated] == [x.inputs for x in c if not x.generated]


def test_fresh_seed_each_check_but_the_same_score():
    challenge = find("array-max")
    r1, r2 = check(challenge, solution(challenge)), check(challenge, solution(challenge))
    assert r1.ok and r2.ok and r1.score == r2.score
    assert 0 <= r1.seed < 2 ** 31


def test_scores_are_instructions_time_and_size():
    challenge = find("load-store")
    result = check(challenge, solution(challenge), seed=1)
    # LD, STO, WAIT: 3 instructions, 3 words; 2 + 2 + 1 storage cycles of 3.6 us
    assert result.score.to_dict() == {"instructions": 3, "microseconds": 18.0, "words": 3}
    assert result.cases[0].cycles == 5


def test_identical_results_natively_and_in_pyodide():
    """Every reference solution with one seed, compared with the golden file
    written natively: the same test inside Pyodide must agree exactly."""
    got = {}
    for challenge in ALL:
        result = check(challenge, solution(challenge), seed=GOLDEN_SEED)
        got[challenge.id] = [[c.number, c.passed, c.stop, c.instructions, c.cycles] for c in result.cases]
    wrongs = {name: check(find(ch), (WRONG / name).read_text(), seed=GOLDEN_SEED).to_dict()["cases"]
              for name, ch in (("fitted-count-bits.asm", "count-bits"), ("no-overflow-saturate.asm", "saturate"))}
    got["wrong"] = {k: [[c["number"], c["passed"], c["message"]] for c in v] for k, v in wrongs.items()}
    golden = json.loads(GOLDEN.read_text())
    assert got == golden


# ------------------------------------------------------------ bad challenge files
GOOD = """
id = "tiny"
title = "Tiny"
statement = "Copy X to Y."
budget = 50
[symbols]
X = 0x00E0
Y = 0x00E1
[[case]]
set = { X = 5 }
expect = { Y = 5 }
"""


def test_a_teachers_file_works():
    challenge = parse_challenge(GOOD, "tiny.toml")
    assert check(challenge, solution(find("load-store")), seed=1).ok


@pytest.mark.parametrize("text, message", [
    ("id = 'x\ntitle = 'T'", "bad.toml: not a valid challenge file"),
    (GOOD.replace('title = "Tiny"\n', ""), "bad.toml: missing field 'title'"),
    (GOOD.replace("budget = 50", "budget = -1"), "bad.toml: field 'budget' must be an integer"),
    (GOOD.replace("set = { X = 5 }", "set = { Z = 5 }"), "bad.toml: [[case]] 1: set Z: not a symbol"),
    (GOOD.replace("expect = { Y = 5 }", "expect = { Y = \"1 +\" }"), "syntax error"),
    (GOOD.replace("expect = { Y = 5 }", "expect = {}"), "'expect' is empty"),
    (GOOD.replace("X = 0x00E0", "X = 0x9000"), "is not an address in 4096 words"),
    (GOOD + "colour = 1\n", "unknown field 'colour'"),
    (GOOD.replace("statement", "statemnt"), "unknown field 'statemnt'"),
])
def test_damaged_files_are_refused_naming_the_file(text, message):
    with pytest.raises(ChallengeError) as error:
        parse_challenge(text, "bad.toml")
    assert message in str(error.value)
    assert str(error.value).startswith("bad.toml")


def test_toml_error_gives_line_and_column():
    with pytest.raises(ChallengeError) as error:
        parse_challenge(GOOD.replace("budget = 50", "budget = = 50"), "bad.toml")
    assert "line 5" in str(error.value) and "column" in str(error.value)


def test_expression_failing_at_check_time_names_the_case():
    text = GOOD.replace("expect = { Y = 5 }", "expect = { Y = \"[1, 2][5]\" }")
    challenge = parse_challenge(text, "bad.toml")
    with pytest.raises(ChallengeError, match=r"bad.toml: \[\[case\]\] 'case 1': Y: .*index out of range"):
        check(challenge, solution(find("load-store")), seed=1)


def test_value_too_big_for_a_word():
    challenge = parse_challenge(GOOD.replace("set = { X = 5 }", "set = { X = 70000 }"), "bad.toml")
    with pytest.raises(ChallengeError, match="does not fit in a 16-bit word"):
        check(challenge, "", seed=1)


# ------------------------------------------------------------ expressions
@pytest.mark.parametrize("text", ["__import__('os')", "().__class__", "(lambda: 1)()", "[x for x in range(3)]",
                                  "open('f')", "1 << 100", "'a' * 100000", "range(0, 10 ** 9)"])
def test_expressions_refuse_anything_but_the_language(text):
    with pytest.raises(expressions.ExpressionError):
        expressions.evaluate(text, {}, None)


def test_expression_functions():
    ev = expressions.evaluate
    assert ev("word(-1)", {}) == 0xFFFF and ev("signed(0x8000)", {}) == -32768
    assert ev("dword(-2)", {}) == [0xFFFF, 0xFFFE] and ev("dsigned(0xFFFF, 0xFFFE)", {}) == -2
    assert ev("ebcdic('AB C')", {}) == [0xC1C2, 0x40C3] and ev("ebcdic('A')", {}) == [0xC140]
    assert ev("conout('A\\n')", {}) == [0x3C00, 0x8100]
    assert ev("hollerith('A1')", {}) == [0x9000, 0x1000]
    assert ev("digits(1130, 10)", {}) == [0, 3, 1, 1] and ev("rotl(0x8001, 1)", {}) == 3
    assert ev("randint(1, 6)", {}, random.Random(1)) in range(1, 7)
    with pytest.raises(expressions.ExpressionError, match="needs a generator"):
        ev("randint(1, 6)", {}, None)


def test_format_word():
    assert format_word(0xFFFE) == "/FFFE (65534 = -2)" and format_word(5) == "/0005 (5)"


# ------------------------------------------------------------ the page's API
def test_web_api_runs_a_check_case_by_case():
    listing = json.loads(webapi.list_challenges())["challenges"]
    assert listing[0]["id"] == "load-store" and listing[0]["par"]["words"] == 3
    public = json.loads(webapi.get_challenge("array-sum"))["challenge"]
    assert "statement" in public and "hidden_count" in public
    assert all(not c.get("hidden") for c in public["visible_cases"])
    start = json.loads(webapi.check_start("array-sum", solution(find("array-sum")), 9))
    assert start["total"] == 10 and start["errors"] == []
    steps = 0
    while True:
        reply = json.loads(webapi.check_step())
        steps += 1
        if reply["done"]:
            break
    assert steps == 10
    result = reply["result"]
    assert result["ok"] and result["score"] == result["par"]
    assert result["lamps"]["wait"] is True and result["lamps"]["iar"] > 0x100


def test_web_api_opens_a_file_and_reports_damage():
    reply = json.loads(webapi.open_challenge(GOOD, "tiny.toml"))
    assert reply["challenge"]["id"] == "tiny"
    bad = json.loads(webapi.open_challenge("id = = 1\n", "broken.toml"))
    assert bad["error"].startswith("broken.toml: not a valid challenge file") and "line 1" in bad["error"]
    errors = json.loads(webapi.check_start("tiny", "  BAD", 1))["errors"]
    assert errors and {"line", "column", "message"} <= set(errors[0])


# ------------------------------------------------------------ nothing crashes
def test_mangled_programs_never_crash_the_checker():
    """Reference solutions with lines dropped, doubled, swapped and
    characters changed: every check returns a Result (errors, failures or
    a pass), never an exception."""
    rng = random.Random(1130)
    sources = [solution(c) for c in ALL]
    for _ in range(150):
        index = rng.randrange(len(ALL))
        lines = sources[index].splitlines()
        for _ in range(rng.randint(1, 4)):
            k = rng.randrange(len(lines))
            kind = rng.randrange(4)
            if kind == 0:
                del lines[k]
            elif kind == 1:
                lines.insert(k, lines[k])
            elif kind == 2:
                j = rng.randrange(len(lines))
                lines[k], lines[j] = lines[j], lines[k]
            else:
                line = lines[k].ljust(40)
                col = rng.randrange(len(line))
                lines[k] = line[:col] + rng.choice("0123456789LIX/*+-,' \t") + line[col + 1:]
            if not lines:
                lines = [""]
        result = check(ALL[index], "\n".join(lines) + "\n", seed=rng.randrange(1000))
        assert result.ok in (True, False)
        assert result.errors or result.cases


def test_truncated_challenge_files_fail_cleanly():
    package = Path(expressions.__file__).parent / "catalogue"
    text = (package / "06-array-sum.toml").read_text()
    for cut in range(0, len(text), 97):
        try:
            challenge = parse_challenge(text[:cut], "cut.toml")
        except ChallengeError as error:
            assert str(error).startswith("cut.toml")
            continue
        check(challenge, solution(find("array-sum")), seed=1)
