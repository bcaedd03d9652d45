"""The challenge page in Chromium: solve a challenge through the page's UI
and see the scores and par, reload and find the progress kept; assembler
errors with line and column; a runaway program stopped by the budget; a
teacher's challenge file opened from the file picker and from a link; a
damaged file; the same results in the browser as natively.

Screenshots go to tests/artifacts/ (kept out of git) to be looked at."""

from __future__ import annotations

import base64

from conftest import ROOT

from machines.ibm1130.challenges import check, find

ARTIFACTS = ROOT / "tests" / "artifacts"
SOLUTIONS = ROOT / "tests" / "challenges" / "solutions"
WRONG = ROOT / "tests" / "challenges" / "wrong"

TINY = """id = "tiny-double"
title = "Double it"
statement = "Store 2 * X in Y (reference 4.4, SLA)."
hints = ["SLA 1 doubles ACC."]
budget = 500
par = { instructions = 4, microseconds = 25.2, words = 4 }
[symbols]
X = 0x00E0
Y = 0x00E1
[[case]]
name = "three"
set = { X = 3 }
expect = { Y = 6 }
[[generate]]
count = 3
vars = { V = "randint(-1000, 1000)" }
set = { X = "V" }
expect = { Y = "word(2 * V)" }
"""


LAMP_VALUE = """(reg) => [...document.querySelectorAll(`#lamps-${reg} .lamp`)]
    .reduce((v, l) => (v << 1) | (l.dataset.on === "1" ? 1 : 0), 0)"""


def lamps(page, register):
    return page.evaluate(LAMP_VALUE, register)


def open_page(page, site, suffix=""):
    page.goto(site + "challenge.html" + suffix)
    page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)", timeout=60000)
    assert page.evaluate("window.retro.error") is None, page.evaluate("window.retro.error")
    return page


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def run_check(page):
    page.evaluate("window.retro.lastResult = null")
    page.click("#check")
    page.wait_for_function("window.retro.lastResult !== null", timeout=60000)
    return page.evaluate("window.retro.lastResult")


def cells(page, row):
    return [c.strip() for c in page.locator(f"#{row} td").all_text_contents()]


def test_solve_a_challenge_see_scores_and_par_and_keep_progress(page, site):
    open_page(page, site)
    items = page.locator("#list button")
    assert items.count() >= 24
    assert "locked" in items.nth(1).get_attribute("class")
    assert page.locator("#progress").text_content().startswith("0 of")
    assert page.locator("#title").text_content() == "1. Load and store"
    # the student reveals a hint, then types the program into the template
    page.click("#hint")
    assert page.locator("#hints li").count() == 1
    page.fill("#source", "")
    page.click("#source")
    for line in (SOLUTIONS / "01-load-store.asm").read_text().splitlines():
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    result = run_check(page)
    assert result["ok"] and result["passed"] == result["total"] >= 8
    page.wait_for_selector(".solved-banner")
    assert page.locator("#cases li.pass").count() == result["total"]
    assert cells(page, "score-you") == ["3", "18", "3"]
    assert cells(page, "score-par") == ["3", "18", "3"]
    assert page.locator("#lamp-wait").get_attribute("data-on") == "1"
    assert lamps(page, "acc") == 0xFFFE            # the last visible case: X = -2
    page.click("#cases li >> nth=0")                # the first case's lamps: X = 1130
    assert lamps(page, "acc") == 1130
    assert "case #1" in page.locator("#lamps").text_content()
    assert "locked" not in (items.nth(1).get_attribute("class") or "")
    shot(page, "challenge-solved.png")
    # reload: the progress, the best score, the hint and the program are kept
    page.reload()
    page.wait_for_function("window.retro.ready")
    assert page.locator("#progress").text_content().startswith("1 of")
    assert "solved" in page.locator("#list button").nth(0).get_attribute("class")
    assert cells(page, "score-best") == ["3", "18", "3"]
    assert page.locator("#hints li").count() == 1
    assert "STO" in page.locator("#source").input_value()
    page.click("#list button >> nth=1")
    page.wait_for_function("document.querySelector('#title').textContent === '2. Add and subtract'")
    page.click("#list button >> nth=3")      # still locked
    page.wait_for_selector("#locked:not([hidden])")
    assert "unlocks when you have solved" in page.locator("#locked").text_content()
    assert not page.console_errors


def test_assembler_errors_name_line_and_column(page, site):
    open_page(page, site)
    page.fill("#source", (WRONG / "syntax-error.asm").read_text())
    result = run_check(page)
    assert result["errors"][0]["line"] == 5 and result["errors"][0]["column"] == 35
    error = page.locator("#errors button").first
    assert error.text_content() == "line 5, column 35: undefined symbol NOWHR"
    error.click()
    selected = page.evaluate("(() => { const t = document.querySelector('#source'); "
                             "return t.value.slice(t.selectionStart, t.selectionEnd); })()")
    assert selected.startswith("NOWHR")
    shot(page, "challenge-errors.png")


def test_teacher_file_runaway_program_and_damaged_file(page, site, tmp_path):
    open_page(page, site)
    good = tmp_path / "double.toml"
    good.write_text(TINY)
    page.set_input_files("#open-file", str(good))
    page.wait_for_function("document.querySelector('#title').textContent === 'Double it'")
    assert page.locator("#opened button").count() == 1
    loop = "\n".join([" " * 26 + "ABS", " " * 26 + "ORG     /100", " " * 20 + "START B       START",
                      " " * 26 + "END     START"]) + "\n"
    page.fill("#source", loop)
    result = run_check(page)
    assert not result["ok"] and all(c["stop"] == "limit" for c in result["cases"])
    assert "stopped by the budget of 500 instructions" in page.locator("#cases .why").first.text_content()
    shot(page, "challenge-budget.png")
    bad = tmp_path / "broken.toml"
    bad.write_text('id = "x"\ntitle = = 1\n')
    page.set_input_files("#open-file", str(bad))
    page.wait_for_function("!document.querySelector('#notice').hidden")
    notice = page.locator("#notice").text_content()
    assert notice.startswith("broken.toml: not a valid challenge file") and "line 2" in notice
    assert not page.console_errors


def test_a_link_carries_a_challenge_file(page, site):
    encoded = base64.urlsafe_b64encode(TINY.encode()).decode().rstrip("=")
    open_page(page, site, f"#toml={encoded}&name=double.toml")
    assert page.locator("#title").text_content() == "Double it"
    page.fill("#source", "\n".join([" " * 26 + "ABS", " " * 26 + "ORG     /100", " " * 20 + "START LD      X",
                                    " " * 26 + "SLA     1", " " * 26 + "STO     Y", " " * 26 + "WAIT",
                                    " " * 20 + "X     EQU     /00E0", " " * 20 + "Y     EQU     /00E1",
                                    " " * 26 + "END     START"]) + "\n")
    result = run_check(page)
    assert result["ok"] and result["score"] == {"instructions": 4, "microseconds": 25.2, "words": 4}
    # a link to a file that is not there says so and leaves the page usable
    open_page(page, site, "?url=no-such.toml")
    page.wait_for_function("!document.querySelector('#notice').hidden")
    assert page.locator("#notice").text_content() == "no-such.toml: cannot open: the server answered 404"
    assert page.locator("#title").is_visible()


def test_the_browser_checks_exactly_as_natively(page, site):
    open_page(page, site)
    for challenge_id, path in (("array-sum", SOLUTIONS / "06-array-sum.asm"),
                               ("saturate", WRONG / "no-overflow-saturate.asm")):
        source = path.read_text()
        got = page.evaluate("(m) => window.retro.send(m)", {"cmd": "check", "challenge": challenge_id,
                                                              "source": source, "seed": 77})
        native = check(find(challenge_id), source, seed=77, filename="program.asm", lamps=True).to_dict()
        for key in ("ok", "seed", "score", "passed", "total", "words"):
            assert got[key] == native[key], key
        assert got["cases"] == native["cases"]     # (1224.0 comes back from JavaScript as 1224: == not text)


def test_stop_ends_a_long_check_and_the_page_recovers(page, site):
    long_budget = TINY.replace("budget = 500", "budget = 10000000")
    encoded = base64.urlsafe_b64encode(long_budget.encode()).decode().rstrip("=")
    open_page(page, site, f"#toml={encoded}&name=long.toml")
    # A loop that works (a counter in core): the translator would count a
    # bare "B *" away at once and the check would end before Stop.
    page.fill("#source", "\n".join([" " * 26 + "ABS", " " * 26 + "ORG     /100",
                                    " " * 20 + "START LD   L  /200", " " * 26 + "A    L  /201",
                                    " " * 26 + "STO  L  /200", " " * 26 + "B       START",
                                    " " * 26 + "END     START"]) + "\n")
    page.click("#check")
    page.wait_for_selector("#stop:not([hidden])")
    page.click("#stop")
    page.wait_for_function("document.querySelector('#check-status').textContent === 'Check stopped.'")
    page.wait_for_function("window.retro.ready", timeout=60000)
    assert page.locator("#title").text_content() == "Double it"    # the opened file is remembered
    assert not page.locator("#check").is_disabled()
    assert not page.console_errors
