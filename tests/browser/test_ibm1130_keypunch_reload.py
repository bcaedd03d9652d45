"""A card punched on the 029 and the page reloaded at once, before the
machine is saved: the card is in the deck after the reload, the card left
at the punch station too, whether a machine had been saved in this
browser before or not, and nothing is punched twice.

A program runs meanwhile: the page does not save a running machine (the
keypunch's save about a second after a change waits for it to stop), so
only the keypunch work kept when the page goes away can bring the cards
back, whatever the timing of the reload."""

from __future__ import annotations

from test_ibm1130 import boot1130, send

DESK = "window.retro.keypunch"
SAVED = "localStorage.getItem('retro1130.ibm1130.state') !== null"
LOOP = "\tABS\n\tORG\t\t/100\nSTART\tA\t\tONE\n\tB\t\tSTART\nONE\tDC\t\t1\n\tEND\t\tSTART\n"


def run_a_program(page):
    assert send(page, {"cmd": "load", "source": LOOP})["ok"]
    send(page, {"cmd": "button", "name": "start"})
    page.wait_for_function("window.retro.snapshot.lamps.run")


def punch(page, text, release=True):
    """Type ``text`` on the card box (Enter releases the card) and wait
    until the page has the 029's answer to the last key."""
    page.click("#tab-cards")
    page.click("#card-box")
    before = page.evaluate(f"{DESK} ? {DESK}.deck_size : 0")
    page.keyboard.type(text)
    if release:
        page.keyboard.press("Enter")
        page.wait_for_function(f"{DESK}.deck_size === {before + 1}")
    else:
        page.wait_for_function(f"{DESK}.column === {len(text) + 1}")


def reload_now(page):
    page.reload()
    page.wait_for_function("window.retro && window.retro.ready", timeout=60000)
    page.wait_for_function("window.retro.snapshot !== null", timeout=10000)


def deck(page, expected):
    """The keypunch deck's cards (text) once they are ``expected``, or after
    ten seconds (at once for ``[]``); and the desk's view."""
    for _ in range(50):
        cards = [line.rstrip() for line in send(page, {"cmd": "deck_source"})["text"].splitlines()]
        if cards == expected or not expected:
            break
        page.wait_for_timeout(200)
    return cards, send(page, {"cmd": "keypunch", "op": "view"})


def notices(page):
    return page.evaluate("window.retro.notices")


def test_a_card_punched_just_before_a_reload_is_still_there(browser, site):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    boot1130(page, site)
    # Nothing saved in this browser yet: the card follows a fresh machine.
    run_a_program(page)
    punch(page, "// JOB")
    reload_now(page)
    cards, desk = deck(page, ["// JOB"])
    assert cards == ["// JOB"] and desk["deck_size"] == 1
    assert any("keypunch work done after the last save is back" in n for n in notices(page))
    page.click("#tab-cards")
    page.wait_for_function("document.querySelector('#kp-deck-size').textContent === '1 card'")
    # The machine is saved with it; then more is punched while a program
    # runs, a card left at the punch station, and a reload at once.
    page.wait_for_function(SAVED, timeout=10000)
    run_a_program(page)
    punch(page, "// XEQ")
    punch(page, "AB", release=False)
    reload_now(page)
    cards, desk = deck(page, ["// JOB", "// XEQ"])
    assert cards == ["// JOB", "// XEQ"]
    assert (desk["column"], desk["printed"].rstrip()) == (3, "AB")
    assert any("your last visit" in n for n in notices(page))
    # Reloaded again at once: the same deck, nothing punched twice.
    reload_now(page)
    page.wait_for_function("window.retro.notices.some((n) => n.includes('your last visit'))")
    page.wait_for_timeout(1500)                 # anything punched again is punched by now
    cards, desk = deck(page, [])
    assert cards == ["// JOB", "// XEQ"]
    assert (desk["column"], desk["printed"].rstrip()) == (3, "AB")
    assert errors == []
    context.close()
