"""The 1130 page on a phone (issue 12, section 6): 390 x 844 with touch.
Every pane fits the screen (what does not fit scrolls inside its own box),
the keypunch is typed on with the on-screen keyboard, and the help dialog
closes.  Screenshots of every pane go to tests/artifacts/ to be looked at."""

from __future__ import annotations

import pytest

from test_ibm1130 import ARTIFACTS, boot1130, send

WIDTH, HEIGHT = 390, 844
# Boxes whose content may be wider than the screen: they scroll sideways
# themselves (card-column source, the card, a printout line, the memory view).
SCROLLERS = ".editor-wrap, .card-scroll, .deck-page, .greenbar, .listing, .memview, .dbg-grid, .devices-box"
OFF_SCREEN = """([width, scrollers]) => [...document.querySelectorAll(
    '.pane:not([hidden]) :is(button, input, select, textarea, .file-button, output)')]
  .filter((e) => e.getClientRects().length && !e.closest(scrollers) && !e.closest('[hidden]'))
  .filter((e) => { const r = e.getBoundingClientRect(); return r.width && (r.right > width + 0.5 || r.left < -0.5); })
  .map((e) => e.id || e.textContent.trim() || e.className)"""


@pytest.fixture(scope="module")
def phone(browser, site):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1,
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    boot1130(page, site, "?fresh=1")
    yield page
    context.close()


def test_every_pane_fits_the_phone_and_scrolls_only_inside_its_own_boxes(phone):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "ibm1130-phone-console.png"), full_page=True)
    for tab in ("program", "debug", "cards", "printout"):
        phone.tap(f"#tab-{tab}")
        phone.wait_for_function(f"!document.querySelector('#pane-{tab}').hidden")
        assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH, tab
        assert phone.evaluate(OFF_SCREEN, [WIDTH, SCROLLERS]) == [], tab
        phone.locator(f"#pane-{tab}").screenshot(path=str(ARTIFACTS / f"ibm1130-phone-{tab}.png"))
    # Card-column source: the editor keeps to the screen and scrolls sideways itself.
    phone.tap("#tab-program")
    wrap = phone.locator(".editor-wrap").bounding_box()
    assert wrap["x"] >= 0 and wrap["x"] + wrap["width"] <= WIDTH
    assert phone.evaluate("(e) => e.scrollWidth > e.clientWidth", phone.locator(".editor-wrap").element_handle())


def test_the_keypunch_is_typed_on_with_the_on_screen_keyboard(phone):
    phone.tap("#tab-cards")
    phone.tap("#card-box")
    # The punch station is a text field, so the phone opens its keyboard.
    assert phone.evaluate("document.activeElement.tagName + '#' + document.activeElement.id") == "TEXTAREA#kp-type"
    # An on-screen keyboard sends text input, not key codes.
    phone.keyboard.insert_text("// JOB")
    phone.wait_for_function("window.retro.keypunch.column === 7")
    phone.keyboard.insert_text("      *  A LONG COMMENT THAT RUNS PAST THE MIDDLE OF THE CARD")
    phone.wait_for_function("window.retro.keypunch.column > 60")
    box = phone.locator("#card-scroll")
    assert phone.evaluate("(e) => e.scrollWidth > e.clientWidth && e.scrollLeft > 0", box.element_handle())
    phone.locator("#card-box").screenshot(path=str(ARTIFACTS / "ibm1130-phone-keypunch.png"))
    phone.keyboard.press("Enter")
    phone.wait_for_function("window.retro.keypunch.deck_size === 1")
    assert send(phone, {"cmd": "deck_source"})["text"].startswith("// JOB      *  A LONG COMMENT")


def test_the_help_dialog_fits_and_closes_with_a_tap(phone):
    phone.tap(".menu summary")
    phone.tap("#help-open")
    dialog = phone.locator("#help").bounding_box()
    assert dialog["x"] >= 0 and dialog["x"] + dialog["width"] <= WIDTH
    close = phone.locator("#help-close").bounding_box()
    assert close["x"] + close["width"] <= WIDTH and 0 <= close["y"] and close["y"] + close["height"] <= HEIGHT
    assert close["height"] >= 44
    phone.screenshot(path=str(ARTIFACTS / "ibm1130-phone-help.png"))
    phone.tap("#help-close")
    phone.wait_for_function("!document.querySelector('#help').open")
