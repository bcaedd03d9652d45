"""The 1130 page quiet when idle and smooth when busy (issue 12, item 3):
a stopped machine posts no snapshots until the operator does something,
and a printout of thousands of lines opens at its latest lines with only
about a screenful of them in the page.

A screenshot of the long printout is written to tests/artifacts/."""

from __future__ import annotations

import json

from test_ibm1130 import boot1130, send, shot

# A counting loop (a bare `B *` would be counted at once by the translator).
LOOP = "\tABS\n\tORG\t\t/100\nSTART\tA\t\tONE\n\tB\t\tSTART\nONE\tDC\t\t1\n\tEND\t\tSTART\n"
SNAPSHOTS = "window.retro.snapshots"


def quiet_count(page, ms=1000):
    """Snapshots posted over ``ms`` of a machine left alone."""
    before = page.evaluate(SNAPSHOTS)
    page.wait_for_timeout(ms)
    return page.evaluate(SNAPSHOTS) - before


def test_a_stopped_machine_posts_nothing_until_the_operator_acts(page, site):
    boot1130(page, site)
    # The page's first autosave (about a second after loading) is a message,
    # answered by one snapshot: wait for it, then the lamps' afterglow (0.6 s).
    page.wait_for_function("window.retro.snapshots > 0")
    page.wait_for_timeout(2000)
    assert quiet_count(page) == 0                   # stopped: not one snapshot in a second
    before = page.evaluate(SNAPSHOTS)
    page.click("#ces-0")                            # flipping a switch is answered at once
    page.wait_for_function("document.querySelector('#ces-hex').textContent === '8000'")
    page.wait_for_function(f"{SNAPSHOTS} > {before}", timeout=2000)
    # A running program is shown all the time, at most ~30 snapshots a second.
    page.select_option("#speed", "max")
    assert send(page, {"cmd": "load", "source": LOOP})["ok"]
    page.click("#btn-start")
    page.wait_for_function("window.retro.snapshot.lamps.run")
    running = quiet_count(page, 1000)
    assert 5 <= running <= 40
    page.click("#btn-imm_stop")
    page.wait_for_function("!window.retro.snapshot.lamps.run")
    page.wait_for_timeout(700)
    assert quiet_count(page) == 0
    assert page.console_errors == []


def test_a_long_printout_opens_at_its_latest_lines_and_holds_a_screenful(page, site):
    boot1130(page, site)
    # A saved state whose 1132 has printed 3,000 lines on 50 pages.
    state = json.loads(send(page, {"cmd": "save_state", "include_disk": False})["state"])
    lines = [f"LINE {n:5d}" for n in range(1, 3001)]
    pages = ["\n".join(lines[i:i + 60]) + "\n" for i in range(0, 3000, 60)]
    state["machine"]["system"]["devices"]["6"]["paper"] = "\f".join(pages)
    assert send(page, {"cmd": "load_state", "state": json.dumps(state), "name": "long.json"})["ok"]
    page.click("#tab-printout")
    box = page.locator("#greenbar")
    page.wait_for_function("document.querySelector('#greenbar').textContent.includes('LINE  3000')")
    assert page.locator("#printer-pages").text_content() == "50 pages"
    rows = box.locator("[data-line]")
    shown = rows.count()
    assert 20 <= shown <= 80                           # a screenful (640 px of 20 px lines) and a margin
    assert "LINE     1" not in box.text_content()
    shot(page, "ibm1130-printout-long.png", "#pane-printout")
    # Scrolling back to the top shows the first lines, still a screenful.
    box.evaluate("b => { b.scrollTop = 0; }")
    page.wait_for_function("document.querySelector('#greenbar').textContent.includes('LINE     1')")
    assert rows.count() <= 80 and "LINE  3000" not in box.text_content()
    # The middle of the printout: a page's perforation is drawn above its first line.
    box.evaluate("b => { b.scrollTop = b.scrollHeight / 2; }")
    page.wait_for_function("document.querySelector('#greenbar').textContent.includes('LINE  15')")
    assert rows.count() <= 80
    assert box.locator("[data-line][style*='dashed']").count() >= 1
    shot(page, "ibm1130-printout-middle.png", "#pane-printout")
    assert page.console_errors == []
