"""The card room and the console where the operator is (issue 12, section 4),
in Chromium, doing what the operator did: results and errors shown at the
1442, the disk and the keypunch without moving the page; paste into the
029 whatever is selected; the cartridge named after a restore; LAMP TEST
held, not latched; PROGRAM STOP and IMM STOP explained; the knob turned
both ways; entry switches that look on; "1 card"."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from test_ibm1130 import ARTIFACTS, boot1130, lamps, send, shot

CARTRIDGE_BYTES = 1_042_608
VISIBLE_NOTICE = """(sel) => { const n = document.querySelector(sel + ' .local-notice');
  return n && !n.hidden ? n.textContent : null; }"""


def wait_notice(page, where, text):
    """Wait until the notice floating at ``where`` says ``text``."""
    page.wait_for_function(f"({VISIBLE_NOTICE})({json.dumps(where)}) === {json.dumps(text)}", timeout=10000)


@pytest.fixture(scope="module")
def desk(browser, site):
    """One booted page for the whole operator's session (a boot costs
    seconds), with the clipboard the paste test needs."""
    context = browser.new_context(viewport={"width": 1000, "height": 800}, device_scale_factor=1)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page = context.new_page()
    boot1130(page, site, "?fresh=1")
    yield page
    context.close()


def in_view(page, selector):
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_card_room_results_and_errors_show_at_the_device_without_moving_the_page(desk, tmp_path):
    page = desk
    page.click("#tab-cards")
    page.locator("#disk-2310").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#reader-1442').scrollIntoView({block: 'start'})")
    scroll = page.evaluate("window.scrollY")
    disk_box = page.locator("#disk-2310").bounding_box()
    deck = tmp_path / "one.txt"
    deck.write_text("// JOB\n")
    page.set_input_files("#reader-file", str(deck))
    wait_notice(page, "#reader-1442 .toolbar", "one.txt: 1 card in the 1442 hopper")
    assert in_view(page, "#reader-1442 .local-notice")
    bad = tmp_path / "bad.txt"
    bad.write_text("// JOB\nA{B\n")
    page.set_input_files("#reader-file", str(bad))
    page.wait_for_function(f"(({VISIBLE_NOTICE})('#reader-1442 .toolbar') || '').startsWith('bad.txt:2:')")
    assert page.locator("#reader-1442 .local-notice").get_attribute("class").endswith("bad")
    image = tmp_path / "mine.dsk"
    image.write_bytes(bytes(CARTRIDGE_BYTES - 1))
    page.set_input_files("#disk-file", str(image))
    page.wait_for_function(f"(({VISIBLE_NOTICE})('#disk-2310 .toolbar') || '').startsWith('mine.dsk: a 2310 cartridge image is')")
    image.write_bytes(bytes(CARTRIDGE_BYTES))
    page.set_input_files("#disk-file", str(image))
    page.wait_for_function(f"(({VISIBLE_NOTICE})('#disk-2310 .toolbar') || '') === 'mine.dsk is mounted on drive 0: FILE READY'")
    assert in_view(page, "#disk-2310 .local-notice")
    assert page.locator("#disk-name").text_content() == "mine.dsk"
    # Nothing moved, and nothing went to the top of the page.
    assert page.evaluate("window.scrollY") == scroll
    assert page.locator("#disk-2310").bounding_box() == disk_box
    assert page.locator("#notice").is_hidden()
    shot(page, "ibm1130-notice-at-the-disk.png")


def test_the_keypunch_deck_goes_to_the_hopper_with_its_count_in_words(desk):
    page = desk
    page.click("#tab-cards")
    page.click("#reader-clear")
    wait_notice(page, "#reader-1442 .toolbar", "The 1442 hopper is empty")
    page.click("#card-box")
    page.keyboard.type("// JOB")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#kp-deck-size').textContent === '1 card'")
    page.click("#kp-to-reader")
    wait_notice(page, "#keypunch .deck-row", "1 card in the 1442 hopper (1 in all)")
    page.click("#kp-delete")       # no card shown yet: nothing removed
    page.click("#kp-next")
    # The card is shown once the worker has answered: remove it only then.
    page.wait_for_function("document.querySelector('#kp-page').textContent.startsWith('card')")
    page.click("#kp-delete")
    page.wait_for_function("document.querySelector('#kp-deck-size').textContent === '0 cards'")
    page.click("#kp-to-reader")
    page.wait_for_function(f"(({VISIBLE_NOTICE})('#keypunch .deck-row') || '').startsWith('the keypunch deck is empty')")


def test_paste_punches_into_the_keypunch_whatever_is_selected_on_the_page(desk):
    page = desk
    page.click("#tab-cards")
    page.click("[data-kp='new_deck']")
    page.wait_for_function("window.retro.keypunch.deck_size === 0")
    page.evaluate("navigator.clipboard.writeText('// JOB\\n// XEQ\\n')")
    # The punch station focused, text selected elsewhere on the page (the drop hint).
    page.evaluate("""() => { const r = document.createRange();
        r.selectNodeContents(document.querySelector('#keypunch .hint'));
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
    assert page.evaluate("getSelection().toString()").startswith("Drop a text file")
    assert page.evaluate("document.activeElement.id") == "kp-type"
    page.keyboard.press("Control+V")
    page.wait_for_function("window.retro.keypunch.deck_size === 2")
    wait_notice(page, "#card-box", "Punched 2 cards from the clipboard")
    assert send(page, {"cmd": "deck_source"})["text"] == "// JOB\n// XEQ\n"
    # A clipboard without text: the page says why nothing was punched.
    page.evaluate("""async () => {
        const c = document.createElement('canvas'); c.width = c.height = 4;
        const png = await new Promise((r) => c.toBlob(r, 'image/png'));
        await navigator.clipboard.write([new ClipboardItem({'image/png': png})]); }""")
    page.focus("#kp-type")
    page.keyboard.press("Control+V")
    page.wait_for_function(f"(({VISIBLE_NOTICE})('#card-box') || '') === 'Nothing to punch: the clipboard holds no text'")
    assert page.evaluate("window.retro.keypunch.deck_size") == 2


def test_a_restored_state_names_its_mounted_cartridge(desk, tmp_path):
    page = desk
    image = tmp_path / "dms.dsk"
    image.write_bytes(bytes(CARTRIDGE_BYTES))
    page.click("#tab-cards")
    page.set_input_files("#disk-file", str(image))
    page.wait_for_function("document.querySelector('#disk-name').textContent === 'dms.dsk'")
    page.click(".menu summary")
    with page.expect_download() as download:
        page.click("#state-save-file")
    saved = tmp_path / "state.json"
    download.value.save_as(saved)
    page.click("#disk-unmount")
    page.wait_for_function("!window.retro.snapshot.lamps.file_ready && "
                           "document.querySelector('#disk-name').textContent === 'none'")
    page.set_input_files("#state-load-file", str(saved))
    page.wait_for_function("window.retro.snapshot.lamps.file_ready", timeout=20000)
    page.wait_for_function("document.querySelector('#disk-name').textContent === 'dms.dsk'")
    page.click(".menu summary")


def test_lamp_test_lights_the_lamps_only_while_it_is_held(desk):
    page = desk
    button = page.locator("#btn-lamp_test")
    button.hover()
    page.mouse.down()
    page.wait_for_function("window.retro.snapshot.lamps.parity_check")
    assert lamps(page, "ext") == 0xFFFF and button.get_attribute("aria-pressed") == "true"
    assert "held" in button.get_attribute("class")
    page.mouse.up()
    page.wait_for_function("!window.retro.snapshot.lamps.parity_check")
    assert lamps(page, "ext") == 0 and button.get_attribute("aria-pressed") == "false"
    assert "held" not in button.get_attribute("class")
    page.keyboard.down("t")
    page.wait_for_function("window.retro.snapshot.lamps.forms_check")
    page.keyboard.up("t")
    page.wait_for_function("!window.retro.snapshot.lamps.forms_check")
    # Nothing latched: POWER off and on, CHECK RESET leave it dark.
    page.click("#btn-power")
    page.wait_for_function("!window.retro.snapshot.lamps.power_on")
    page.click("#btn-power")
    page.click("#btn-reset")
    page.wait_for_function("window.retro.snapshot.lamps.power_on")
    state = send(page, {"cmd": "state"})
    assert not state["lamps"]["parity_check"] and not state["lamps"]["forms_check"]


def test_program_stop_and_imm_stop_are_explained_on_the_status_lines(desk):
    page = desk
    page.click("#tab-program")
    page.select_option("#speed", "max")
    walk = (ROOT / "web" / "examples" / "walk.asm").read_text()
    assert send(page, {"cmd": "load", "source": walk})["ok"]
    page.click("#btn-start")
    page.wait_for_function("window.retro.snapshot.lamps.run")
    page.click("#btn-stop")        # PROGRAM STOP: a level-5 interrupt this program has no routine for
    page.wait_for_function("document.querySelector('#console-status').textContent.includes('interrupt level 5')",
                           timeout=10000)
    status = page.locator("#console-status").text_content()
    assert status.startswith("Stopped: invalid instruction") and "(word /000D) is 0000" in status
    assert "IMM STOP halts any program" in status
    assert send(page, {"cmd": "load", "source": walk})["ok"]
    page.click("#btn-start")
    page.wait_for_function("window.retro.snapshot.lamps.run")
    page.keyboard.press("Escape")  # IMM STOP
    page.wait_for_function("document.querySelector('#console-status').textContent.startsWith('Stopped: IMM STOP at IAR')")
    page.wait_for_function("document.querySelector('#asm-status').textContent.includes('IMM STOP')")


def test_the_mode_knob_turns_both_ways_and_entry_switches_look_on(desk):
    page = desk
    assert send(page, {"cmd": "mode", "mode": "RUN"})["ok"]
    dial = page.locator(".knob-dial")
    box = dial.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.2, box["y"] + box["height"] / 2)     # left half
    page.wait_for_function("window.retro.snapshot.lamps.mode === 'INT RUN'")
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2)     # right half
    page.wait_for_function("window.retro.snapshot.lamps.mode === 'RUN'")
    dial.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("window.retro.snapshot.lamps.mode === 'SI'")
    page.click("#ces-0")
    look = """(id) => { const s = document.querySelector(id), l = s.querySelector('.lever');
        const cs = getComputedStyle(s), ls = getComputedStyle(l);
        return [cs.color, ls.backgroundImage, ls.borderColor, ls.boxShadow]; }"""
    on, off = page.evaluate(look, "#ces-0"), page.evaluate(look, "#ces-1")
    assert all(a != b for a, b in zip(on, off)), (on, off)      # colour, lever, rim and glow differ
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#ces").screenshot(path=str(ARTIFACTS / "ibm1130-entry-switches.png"))
