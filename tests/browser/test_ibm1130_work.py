"""Issue 12, sections 1 and 5, in Chromium, done as the user does it: what
is typed (editor, keypunch deck, switches) survives a reload at any moment,
a shared link, an example, "Deck to the editor"; a replaced program is one
Ctrl+Z or one "Earlier programs" away; a newcomer's free-form program
assembles, runs and is shown in card columns; Tab leaves the editor.

Screenshots go to tests/artifacts/ (kept out of git) to be looked at."""

from __future__ import annotations

from test_ibm1130 import ARTIFACTS, boot1130, lamps, send, shot

MINE = "* MY OWN PROGRAM\n          LD   A\n"
LAMPS_ACC = "[...document.querySelectorAll('#lamps-acc .lamp')].reduce((v, l) => (v << 1) | (l.dataset.on === '1' ? 1 : 0), 0)"
STOPPED = "() => window.retro.snapshot && !window.retro.snapshot.lamps.run"


def source(page):
    return page.locator("#source").input_value()


def type_in_editor(page, text, at_end=True):
    page.click("#source")
    if at_end:
        page.keyboard.press("Control+End")
    page.keyboard.type(text)


def notice_with(page, words):
    page.wait_for_function("(w) => window.retro.notices.some((n) => n.includes(w))", arg=words)


def test_reload_shared_link_example_and_deck_never_lose_what_was_typed(browser, site):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    boot1130(page, site)
    # The machine is saved in this browser with one program ...
    page.fill("#source", MINE)
    page.dispatch_event("#source", "input")
    page.click(".menu summary")
    page.click("#state-save-local")
    notice_with(page, "saved in this browser")
    page.click(".menu summary")
    # ... then more is typed, a switch flipped, the keypunch used, and the
    # page reloaded at once: the newest typing wins over the saved machine.
    type_in_editor(page, "          A    B\n")
    page.click("#ces-3")
    page.click("#tab-cards")
    page.click("#card-box")
    page.keyboard.type("// JOB")
    page.keyboard.press("Enter")
    page.wait_for_function("window.retro.keypunch && window.retro.keypunch.deck_size === 1")
    page.keyboard.type("// XEQ")         # at the punch station, not released
    page.wait_for_function("window.retro.keypunch.column === 7")
    page.wait_for_timeout(1600)          # the keypunch is kept within a second
    typed = source(page)
    page.reload()
    page.wait_for_function("window.retro && window.retro.ready", timeout=60000)
    notice_with(page, "your last visit")
    assert source(page) == typed == MINE + "          A    B\n"
    page.wait_for_function("document.querySelector('#ces-hex').value === '1000'")
    assert send(page, {"cmd": "state"})["switches"] == 0x1000
    desk = send(page, {"cmd": "keypunch", "op": "view"})
    assert (desk["deck_size"], desk["column"], desk["printed"].rstrip()) == (1, 7, "// XEQ")

    # Copy a link: the address bar stays clean, so a reload keeps the editor.
    page.click(".menu summary")
    page.click("#share")
    notice_with(page, "in the clipboard")
    page.click(".menu summary")
    assert "#" not in page.evaluate("location.href")
    link = page.evaluate("navigator.clipboard.readText()")
    assert "#asm=" in link
    type_in_editor(page, "* AFTER SHARING\n")
    mine = source(page)
    # Opening the link: its program in the editor, mine one Ctrl+Z away and
    # under Earlier programs; the link leaves the address bar.
    page.goto(link)
    page.wait_for_function("window.retro && window.retro.ready", timeout=60000)
    page.wait_for_function("(t) => document.querySelector('#source').value === t", arg=typed)
    notice_with(page, "Ctrl+Z")
    assert page.evaluate("location.hash") == ""       # a reload will not load it again
    assert page.locator("#asm-earlier option").nth(1).text_content().startswith("add.asm: 5 lines, ")
    page.click("#source")
    page.keyboard.press("Control+z")
    assert source(page) == mine
    page.keyboard.press("Control+Shift+z")
    assert source(page) == typed

    # An example replaces the editor: Ctrl+Z, or Earlier programs, brings it back.
    type_in_editor(page, "* EDITED\n")
    edited = source(page)
    page.select_option("#examples", "walk.asm")
    page.wait_for_function("document.querySelector('#source').value.includes('RTE')")
    notice_with(page, "walk.asm (example) is in the editor")
    shot(page, "ibm1130-work-example-replaced.png")
    page.click("#source")
    page.keyboard.press("Control+z")
    assert source(page) == edited
    page.select_option("#examples", "add.asm")
    page.wait_for_function("document.querySelector('#source').value.includes('1130 + 2026')")
    page.select_option("#asm-earlier", "0")
    page.wait_for_function("(t) => document.querySelector('#source').value === t", arg=edited)
    # "Deck to the editor": the keypunch's deck replaces it, undoably.
    page.click("#tab-cards")
    page.click("#kp-to-editor")
    page.wait_for_function("document.querySelector('#source').value.startsWith('// JOB')")
    page.click("#source")
    page.keyboard.press("Control+z")
    assert source(page) == edited
    # Restoring the machine saved in this browser: the keypunch deck punched
    # since joins the earlier programs, the program in the editor is undoable.
    send(page, {"cmd": "keypunch", "op": "paste", "text": "// FOR\n", "name": "typed"})
    page.click(".menu summary")
    page.click("#state-load-local")
    notice_with(page, "Restored the machine from this browser")
    assert "the keypunch deck you had is under" in page.evaluate("window.retro.notices.at(-1)")
    options = page.locator("#asm-earlier option").all_text_contents()
    assert any(o.startswith("keypunch deck before the restore (3 cards)") for o in options), options
    assert errors == []
    context.close()


def test_a_newcomers_free_form_program_runs_and_shows_in_card_columns(page, site):
    boot1130(page, site, "?fresh=1")
    page.fill("#source", "")
    page.dispatch_event("#source", "input")
    page.click("#source")
    # Typed as people type it today: fields separated by blanks.
    page.keyboard.type("START LD X\n      A    Y\n      WAIT\nX     DC   1130\nY     DC   2026\n      END  START")
    page.keyboard.press("Control+Home")
    page.wait_for_function("document.querySelector('#ruler').dataset.form === 'free'")
    assert "free form" in page.locator("#ruler").text_content()
    page.click("#asm-assemble")
    page.wait_for_function("document.querySelector('#asm-status').textContent.startsWith('Assembled')")
    assert page.locator("#errors li").count() == 0
    shot(page, "ibm1130-work-free-form.png", "#pane-program")
    page.click("#asm-cards")
    page.wait_for_function("document.querySelector('#source').value.startsWith(' '.repeat(20) + 'START LD')")
    assert source(page).splitlines()[1] == " " * 26 + "A       Y"
    page.click("#source")
    page.keyboard.press("Control+Home")
    page.wait_for_function("document.querySelector('#ruler').dataset.form === 'card'")
    shot(page, "ibm1130-work-card-columns.png", "#pane-program")
    page.click("#asm-run")
    page.wait_for_function("document.querySelector('#asm-status').textContent.startsWith('Stopped by WAIT')",
                           timeout=10000)
    assert send(page, {"cmd": "state"})["acc"] == 3156
    page.wait_for_function(f"() => ({LAMPS_ACC}) === 3156")
    assert lamps(page, "acc") == 3156
    # Ctrl+Z gives back the free form as typed, Ctrl+Shift+Z the card columns.
    page.click("#source")
    page.keyboard.press("Control+z")
    assert source(page).startswith("START LD X\n")
    page.keyboard.press("Control+Shift+z")
    assert source(page).startswith(" " * 20 + "START LD")
    # Tab moves to the next field of IBM's coding form: label 21, operation 27.
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Z")
    page.keyboard.press("Tab")
    page.keyboard.type("DC")
    assert source(page).splitlines()[-1] == " " * 20 + "Z     DC"
    # and Esc then Tab leaves the editor (keyboard users).
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "source"
    assert ARTIFACTS.exists()


def test_the_speed_chosen_survives_a_reload_and_the_worker_starts_with_it(page, site):
    # The worker is started before the panes are built (web/js/ibm1130/boot.js),
    # so the saved speed must be read there, not by the console pane.
    boot1130(page, site)
    page.select_option("#speed", "max")
    page.reload()
    page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)", timeout=60000)
    assert page.evaluate("window.retro.error") is None
    assert page.input_value("#speed") == "max"
    # At maximum speed these million instructions take well under the ~7 s
    # a real 1130 needs (two 3.6 us storage cycles each).
    page.fill("#source", "\n".join(["\tABS", "\tORG\t\t/100", "START\tLDX\tL2\t16", "OUTER\tLDX\tL1\t/7FFF",
                                    "LOOP\tMDX\t1\t-1", "\tB\t\tLOOP", "\tMDX\t2\t-1", "\tB\t\tOUTER",
                                    "\tWAIT", "\tEND\t\tSTART", ""]))
    page.dispatch_event("#source", "input")
    assert send(page, {"cmd": "load", "source": page.input_value("#source")})["ok"]
    send(page, {"cmd": "mode", "mode": "RUN"})
    started = page.evaluate("performance.now()")
    send(page, {"cmd": "button", "name": "start"})
    page.wait_for_function("window.retro.snapshot && !window.retro.snapshot.lamps.run && window.retro.snapshot.lamps.wait",
                           timeout=30000)
    assert page.evaluate("performance.now()") - started < 3000
