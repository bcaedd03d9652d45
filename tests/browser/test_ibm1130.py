"""The IBM 1130 page in Chromium (issue 6): the console panel toggled by
hand, the keypunch feeding an assembly, errors marked, the debugger, state
across a reload, the script hook, bad input and runaway programs.

Screenshots of the console, the keypunch and the printout are written to
tests/artifacts/ (kept out of git) to be looked at."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from conftest import ROOT, animation_frames, build

ARTIFACTS = ROOT / "tests" / "artifacts"
DATA = ROOT.parent / "shared" / "data"

LAMP_VALUE = """(reg) => [...document.querySelectorAll(`#lamps-${reg} .lamp`)]
    .reduce((v, l) => (v << 1) | (l.dataset.on === "1" ? 1 : 0), 0)"""
STOPPED = "() => window.retro.snapshot && !window.retro.snapshot.lamps.run"


def boot1130(page, site, query="", timeout=60000):
    """Open the 1130 page and wait until Python is ready (or failed)."""
    page.goto(site + "ibm1130.html" + query)
    page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)", timeout=timeout)
    assert page.evaluate("window.retro.error") is None, page.evaluate("window.retro.error")
    page.wait_for_function("window.retro.snapshot !== null", timeout=10000)
    # and the page's own start-up (keypunch shown, last visit restored)
    page.wait_for_function("window.retro.started === true", timeout=30000)
    return page


def send(page, message):
    return page.evaluate("(m) => window.retro.send(m)", message)


def lamps(page, register):
    return page.evaluate(LAMP_VALUE, register)


def shot(page, name, selector=None):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = page.locator(selector) if selector else page
    target.screenshot(path=str(ARTIFACTS / name))


def set_switches(page, value):
    """Flip the entry switches one by one (clicks) to ``value``."""
    now = int(page.locator("#ces-hex").text_content(), 16)
    for bit in range(16):
        mask = 0x8000 >> bit
        if (now ^ value) & mask:
            page.click(f"#ces-{bit}")
    page.wait_for_function(f"document.querySelector('#ces-hex').textContent === '{value:04X}'")


# The snapshot count when the reply came: the worker posts replies and
# snapshots in order, and a handled message is followed by a snapshot.
SNAPSHOTS_AT_REPLY = """async (m) => { await window.retro.send(m); return window.retro.snapshots; }"""


def settle(page):
    """Wait until the worker answered everything sent so far and a snapshot followed."""
    # Counted in the page as the reply arrives (answered after everything
    # sent before it): read later, the snapshot may already be in the count.
    count = page.evaluate(SNAPSHOTS_AT_REPLY, {"cmd": "state"})
    page.wait_for_function(f"window.retro.snapshots > {count}", timeout=10000)


@pytest.fixture(scope="module")
def site_with_data():
    """The site with ../shared/data served under /data/ (never copied)."""
    if not (DATA / "ibm1130" / "dms.dsk").exists():
        pytest.skip(f"IBM 1130 DMS material not found at {DATA}")
    server = build.make_server(0, data_dir=DATA)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# A program toggled in word by word: ACC = 5 + 7, stored at 0106, then WAIT.
TOGGLED = [0xC003, 0x8003, 0xD003, 0x3000, 0x0005, 0x0007]


def test_program_toggled_in_through_the_switches_runs_and_shows_acc_on_the_lamps(page, site):
    boot1130(page, site)
    set_switches(page, 0x0100)
    page.click("#btn-load_iar")
    page.click(".knob-pos[data-mode='LOAD']")
    settle(page)
    assert lamps(page, "iar") == 0x0100
    for word in TOGGLED:
        set_switches(page, word)
        settle(page)
        assert lamps(page, "sbr") == word          # in LOAD mode SBR follows the switches
        page.click("#btn-start")
    settle(page)
    assert lamps(page, "iar") == 0x0106
    # DISP: examine 0104 and 0105 through the lamps
    set_switches(page, 0x0104)
    page.keyboard.press("i")                        # LOAD IAR by its key
    page.click(".knob-pos[data-mode='DISP']")
    page.click("#btn-start")
    settle(page)
    assert (lamps(page, "sar"), lamps(page, "sbr"), lamps(page, "iar")) == (0x0104, 0x0005, 0x0105)
    # RUN from 0100
    set_switches(page, 0x0100)
    page.click("#btn-load_iar")
    page.click(".knob-pos[data-mode='RUN']")
    page.click("#btn-start")
    page.wait_for_function(STOPPED + " && window.retro.snapshot.lamps.wait", timeout=10000)
    assert lamps(page, "acc") == 12
    assert lamps(page, "iar") == 0x0104
    assert page.locator("#ind-cond .lamp").nth(2).get_attribute("class") == "lamp on"   # W lamp
    state = send(page, {"cmd": "state"})
    assert state["acc"] == 12 and state["mode"] == "RUN"
    shot(page, "ibm1130-console.png", ".console")
    assert page.console_errors == []


def test_single_instruction_and_storage_cycle_modes(page, site):
    boot1130(page, site)
    assert send(page, {"cmd": "load", "source": (ROOT / "web" / "examples" / "add.asm").read_text()})["ok"]
    page.click(".knob-pos[data-mode='SI']")
    page.click("#btn-start")
    settle(page)
    assert lamps(page, "iar") == 0x0101 and lamps(page, "acc") == 1130
    page.click(".knob-pos[data-mode='SMC']")
    page.click("#btn-start")                        # I1 of A B: the instruction word
    settle(page)
    assert (lamps(page, "sar"), lamps(page, "sbr")) == (0x0101, 0x8003)
    assert lamps(page, "iar") == 0x0101 and page.locator("#cycle-name").text_content() == "I1"
    page.click("#btn-start")                        # E1: executed, the operand shown
    settle(page)
    assert lamps(page, "iar") == 0x0102 and lamps(page, "acc") == 1130 + 2026
    assert (lamps(page, "sar"), lamps(page, "sbr")) == (0x0105, 2026)
    page.locator("#btn-lamp_test").hover()
    page.mouse.down()                               # LAMP TEST is held...
    settle(page)
    assert lamps(page, "ext") == 0xFFFF
    assert page.locator("#status-parity_check").get_attribute("class").endswith("on")
    page.mouse.up()                                 # ...and let go
    settle(page)
    assert lamps(page, "ext") == 0


def test_program_typed_on_the_keypunch_is_assembled_run_and_prints(page, site):
    boot1130(page, site)
    page.click("#tab-cards")
    page.click("#card-box")
    # Tab form on the keypunch: TAB goes to the coding form's next field
    # (21 label, 27 operation, 32 modifiers, 35 operand).
    cards = [
        ["", "ABS"], ["", "ORG", "", "/0C"], ["", "DC", "", "TYPED"],
        ["", "ORG", "", "/100"],
        ["START", "XIO", "", "PRT"], ["", "WAIT"], ["", "WAIT"],
        ["TYPED", "DC", "", "0"], ["", "XIO", "", "SNS"], ["", "BOSC", "I", "TYPED"],
        ["CH", "DC", "", "/2400"],
        ["", "BSS", "E", "0"],
        ["PRT", "DC", "", "CH"], ["", "DC", "", "/0900"],
        ["SNS", "DC", "", "0"], ["", "DC", "", "/0F01"],
        ["", "END", "", "START"],
    ]
    for number, fields in enumerate(cards):
        page.keyboard.press("Tab")
        page.keyboard.type(fields[0])
        for field in fields[1:]:
            page.keyboard.press("Tab")
            page.keyboard.type(field)
        if number == len(cards) - 1:
            settle(page)
            shot(page, "ibm1130-keypunch.png", "#keypunch")   # the END card, punched
        page.keyboard.press("Enter")               # release: the next card feeds
    settle(page)
    view = page.evaluate("window.retro.keypunch")
    assert view["deck_size"] == len(cards)
    page.click("#kp-prev")                          # page back through the deck
    page.wait_for_function("window.retro.keypunch.page !== undefined")
    page.click("#kp-next")
    page.wait_for_function("window.retro.keypunch.page && window.retro.keypunch.page.index === 1")
    assert page.locator("#kp-page-text").text_content().startswith(" " * 26 + "ORG     /0C")
    shot(page, "ibm1130-deck.png", "#keypunch")
    # The deck goes to the editor, is assembled, loaded and run.
    page.click("#kp-to-editor")
    page.wait_for_function("document.querySelector('#source').value.includes('BOSC')")
    assert page.locator("#source").input_value().splitlines()[4] == " " * 20 + "START XIO     PRT"
    page.click("#asm-run")
    page.wait_for_function(STOPPED + " && window.retro.snapshot.lamps.wait", timeout=15000)
    page.wait_for_function("document.querySelector('#console-text').textContent === 'H'", timeout=5000)
    assert send(page, {"cmd": "printer_text"})["console_printer"] == "H"


def test_assembly_errors_are_marked_on_their_lines_and_in_the_listing(page, site):
    boot1130(page, site)
    source = "\tABS\n\tORG\t\t/100\nSTART\tLD\t\tNOWHERE\n\tWAIT\n\tEND\t\tSTART\n"
    page.fill("#source", source)
    page.click("#asm-assemble")
    page.wait_for_selector("#errors li")
    errors = page.locator("#errors li")
    assert errors.count() == 1
    assert "line 3" in errors.first.text_content() and "NOWHERE" in errors.first.text_content()
    assert page.locator("#marks .line.err").get_attribute("data-line") == "3"
    assert page.locator("#gutter .err").text_content() == "✖ 3"
    assert "E " in page.locator("#listing .err").first.text_content()
    errors.first.click()                             # the caret goes to the line
    assert page.evaluate("document.querySelector('#source').selectionStart") == source.index("NOWHERE")
    reply = send(page, {"cmd": "assemble", "source": source})
    assert reply["ok"] is False and reply["errors"][0]["line"] == 3 and reply["errors"][0]["column"] > 0
    assert send(page, {"cmd": "load", "source": source})["ok"] is False
    shot(page, "ibm1130-errors.png", "#pane-program")


def test_breakpoint_stops_the_program_and_step_executes_one_instruction(page, site):
    boot1130(page, site)
    assert send(page, {"cmd": "load", "source": (ROOT / "web" / "examples" / "add.asm").read_text()})["ok"]
    page.click("#tab-debug")
    page.fill("#dbg-bp", "102")
    page.click("#dbg-bp-add")
    page.wait_for_selector(".bp-list button")
    page.click("#dbg-run")
    page.wait_for_function(STOPPED + " && window.retro.snapshot.stop_reason === 'breakpoint'", timeout=10000)
    assert lamps(page, "iar") == 0x0102 and lamps(page, "acc") == 3156
    page.wait_for_function("document.querySelector('#mem tr.iar') !== null")
    assert page.locator("#mem tr.bp").count() == 1
    page.click("#dbg-step")
    settle(page)
    assert lamps(page, "iar") == 0x0103
    page.wait_for_function("document.querySelector('#reg-iar td:last-child').textContent === '0103'")
    state = send(page, {"cmd": "state"})
    assert state["iar"] == 0x0103
    mem = send(page, {"cmd": "memory", "address": 0x106, "count": 1})["rows"][0]
    assert mem["words"][0] == 3156          # 0C54 reads as a long XIO: two words
    # run to: the trace records the instructions
    page.check("#trace-on")
    send(page, {"cmd": "breakpoint", "address": 0x102, "on": False})
    send(page, {"cmd": "reset"})
    send(page, {"cmd": "load", "source": (ROOT / "web" / "examples" / "add.asm").read_text()})
    page.fill("#dbg-runto", "103")
    page.click("#dbg-runto-go")
    page.wait_for_function(STOPPED + " && window.retro.snapshot.lamps.iar === 0x103", timeout=10000)
    trace = send(page, {"cmd": "trace_get"})["trace"]
    assert [row["address"] for row in trace[-3:]] == [0x100, 0x101, 0x102]
    assert trace[-3]["text"].startswith("LD")


DEVICE_REGISTER = """([device, name]) => {
    const span = document.querySelector(`#dbg-devices tr[data-device="${device}"] [data-register="${name}"]`);
    return span ? span.textContent : null;
}"""


def test_the_debugger_shows_the_devices_registers_and_refreshes_them(page, site):
    boot1130(page, site)
    page.click("#tab-debug")
    page.wait_for_function(f"({DEVICE_REGISTER})(['1442', 'HOPPER']) === 'HOPPER 0000'")
    row = page.locator('#dbg-devices tr[data-device="1442"] td')
    assert [row.nth(i).text_content() for i in range(4)] == ["1442", "02", "4", "bit 2"]
    assert page.locator("#dbg-devices tr[data-device]").count() == len(send(page, {"cmd": "devices"})["devices"])
    assert send(page, {"cmd": "reader", "deck": "ONE\nTWO\nTHREE\n"})["ok"]
    page.click("#dbg-devices-refresh")
    page.wait_for_function(f"({DEVICE_REGISTER})(['1442', 'HOPPER']) === 'HOPPER 0003'")
    set_switches(page, 0x00A5)                 # the switches' register follows the console's switches
    page.click("#dbg-step")                    # a step refreshes the pane
    page.wait_for_function(f"({DEVICE_REGISTER})(['console switches', 'CES']) === 'CES 00A5'")
    shot(page, "ibm1130-debugger-devices.png", "#pane-debug")


def test_state_saved_in_the_browser_survives_a_reload_and_continues(page, site):
    boot1130(page, site)
    source = (ROOT / "web" / "examples" / "add.asm").read_text()
    assert send(page, {"cmd": "load", "source": source})["ok"]
    send(page, {"cmd": "breakpoint", "address": 0x102, "on": True})
    send(page, {"cmd": "switches", "value": 0x1130})
    stop = send(page, {"cmd": "run", "max_instructions": 1000})
    assert stop["stop"] == "breakpoint" and stop["iar"] == 0x102
    page.click(".menu summary")
    page.click("#state-save-local")
    page.wait_for_function("window.retro.notices.some((n) => n.includes('saved in this browser'))")
    page.reload()
    page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)", timeout=60000)
    page.wait_for_function("window.retro.notices.some((n) => n.startsWith('Restored the machine'))", timeout=10000)
    state = send(page, {"cmd": "state"})
    assert (state["iar"], state["acc"], state["switches"]) == (0x102, 3156, 0x1130)
    assert page.locator("#ces-hex").text_content() == "1130"
    page.click("#btn-start")
    page.wait_for_function(STOPPED + " && window.retro.snapshot.lamps.wait", timeout=10000)
    result = send(page, {"cmd": "run", "max_instructions": 10, "dump": [[0x106, 1]]})
    assert result["memory"] == {"0106": [3156]}
    # The same through a file: download, change the machine, upload.
    page.click(".menu summary")
    with page.expect_download() as download:
        page.click("#state-save-file")
    saved = Path(download.value.path()).read_text()
    assert json.loads(saved)["format"] == "retro1130-ibm1130-state"
    send(page, {"cmd": "reset"})
    assert send(page, {"cmd": "state"})["acc"] == 0
    page.set_input_files("#state-load-file", files=[{"name": "ibm1130-state.json", "mimeType": "application/json",
                                                     "buffer": saved.encode()}])
    page.wait_for_function("window.retro.notices.some((n) => n.includes('ibm1130-state.json'))")
    assert send(page, {"cmd": "state"})["acc"] == 3156
    # A saved state file with damage is refused and nothing changes.
    bad = send(page, {"cmd": "load_state", "state": "{\"format\": \"retro1130-ibm1130-state\", \"version\": 1}",
                      "name": "broken.json"})
    assert bad["ok"] is False and "broken.json" in bad["error"]
    assert send(page, {"cmd": "state"})["acc"] == 3156


def test_script_hook_contract(page, site):
    boot1130(page, site, "?paused=1")
    source = (ROOT / "web" / "examples" / "hello.asm").read_text()
    assembled = send(page, {"cmd": "assemble", "source": source})
    assert assembled["ok"] and assembled["errors"] == [] and "HELLO" in assembled["listing"]
    assert send(page, {"cmd": "load", "source": source})["ok"]
    result = send(page, {"cmd": "run", "max_instructions": 100000, "dump": [[0x0C, 1]]})
    assert set(result) >= {"iar", "acc", "ext", "carry", "overflow", "xr", "stop", "instructions",
                           "console_printer", "printer", "memory"}
    assert result["stop"] == "wait" and result["console_printer"] == "HELLO, WORLD\n"
    assert result["memory"]["000c"][0] > 0x100
    # the ribbon shifts to red (console printer control 0x09) for the next character
    red = ("\tABS\n\tORG\t\t/0C\n\tDC\t\tINT4\n\tORG\t\t/100\n"
           "START\tXIO\t\tP1\n\tWAIT\n\tXIO\t\tP2\n\tWAIT\n\tWAIT\n"
           "INT4\tDC\t\t0\n\tXIO\t\tSNS\n\tBOSC\tI\tINT4\n"
           "RED\tDC\t\t/0900\nA\tDC\t\t/3C00\n\tBSS\tE\t0\n"
           "P1\tDC\t\tRED\n\tDC\t\t/0900\nP2\tDC\t\tA\n\tDC\t\t/0900\n"
           "SNS\tDC\t\t0\n\tDC\t\t/0F01\n\tEND\t\tSTART\n")
    assert send(page, {"cmd": "load", "source": red})["ok"]
    assert send(page, {"cmd": "run", "max_instructions": 10000})["console_printer"] == "HELLO, WORLD\nA"
    page.wait_for_function("document.querySelector('#console-text .red') !== null", timeout=5000)
    assert page.locator("#console-text .red").text_content() == "A"
    assert send(page, {"cmd": "switches", "value": 0xBEEF})["switches"] == 0xBEEF
    assert send(page, {"cmd": "reset"})["ok"]
    assert send(page, {"cmd": "state"})["iar"] == 0
    reader = send(page, {"cmd": "reader", "deck": "// JOB\n// XEQ\n"})
    assert reader["ok"] and reader["cards"] == 2
    limit = send(page, {"cmd": "run", "max_instructions": 7})
    assert limit["instructions"] >= 0 and "stop" in limit
    # paused page: lamps move only through the step hook
    frames = page.evaluate("window.retro.frames")
    instructions = send(page, {"cmd": "state"})["instructions"]
    send(page, {"cmd": "mode", "mode": "RUN"})
    send(page, {"cmd": "button", "name": "start"})
    animation_frames(page, 18)                      # 0.3 s of frames at 60 Hz
    assert page.evaluate("window.retro.frames") == frames
    assert send(page, {"cmd": "state"})["instructions"] == instructions
    stepped = page.evaluate("window.retro.step(3)")
    assert stepped["frames"] == frames + 3
    one = send(page, {"cmd": "step", "instructions": 1})
    assert one["ok"] and "iar" in one


def test_runaway_program_is_stopped_at_once_and_the_page_stays_responsive(page, site):
    boot1130(page, site)
    page.select_option("#speed", "max")
    page.select_option("#examples", "walk.asm")
    page.wait_for_function("document.querySelector('#source').value.includes('RTE')")
    page.click("#asm-run")
    page.wait_for_function("window.retro.snapshot.lamps.run && window.retro.snapshot.ips > 10000", timeout=10000)
    # The page answers while the program runs.
    for _ in range(3):
        assert page.evaluate("1 + 1") == 2
        page.wait_for_timeout(100)
    page.keyboard.press("Escape")
    page.wait_for_function(STOPPED, timeout=1000)
    assert send(page, {"cmd": "state"})["stop_reason"] == "stopped"
    # A scripted run of a runaway program is sliced too: IMM STOP ends it.
    page.evaluate("() => { window.pending = window.retro.send({cmd: 'run', max_instructions: 1e11}); }")
    page.wait_for_timeout(500)
    page.click("#btn-imm_stop")
    reply = page.evaluate("window.pending")
    assert reply["stop"] == "stopped" and reply["instructions"] > 0


def test_bad_input_gets_a_clear_message_and_nothing_is_lost(page, site):
    # A corrupted program link: a message, and the editor keeps its program.
    boot1130(page, site)
    page.fill("#source", "* MY OWN PROGRAM\n")
    page.dispatch_event("#source", "input")
    page.goto(site + "ibm1130.html?fresh=1#asm=AAAA_not-deflate")
    page.wait_for_function("window.retro && window.retro.ready", timeout=60000)
    page.wait_for_function("window.retro.notices.some((n) => n.includes('damaged'))")
    assert page.locator("#source").input_value() == "* MY OWN PROGRAM\n"
    # malformed decks
    bad = send(page, {"cmd": "reader", "deck": "OK CARD\nBAD { CARD\n", "name": "job.txt"})
    assert bad["ok"] is False and bad["error"].startswith("job.txt:2:")
    bad = send(page, {"cmd": "reader", "deck_b64": "AAEC", "name": "cards.bin"})
    assert bad["ok"] is False and "cards.bin" in bad["error"]
    assert send(page, {"cmd": "state"})["ok"]
    # a wrong file dropped on the disk drive
    page.click("#tab-cards")
    page.set_input_files("#disk-file", files=[{"name": "notes.txt", "mimeType": "text/plain",
                                               "buffer": b"not a cartridge"}])
    page.wait_for_function("window.retro.notices.some((n) => n.includes('notes.txt') && n.includes('1,042,608'))")
    # a binary file given to the reader as a deck
    page.set_input_files("#reader-file", files=[{"name": "image.dsk", "mimeType": "application/octet-stream",
                                                 "buffer": b"\x00\x01\x02" * 100}])
    page.wait_for_function("window.retro.notices.some((n) => n.includes('image.dsk') && n.includes('binary'))")
    # program text is shown as text, never as HTML
    page.click("#tab-program")
    evil = '<img src=x onerror="window.pwned=1">\n\tWAIT\n'
    page.fill("#source", evil)
    page.click("#asm-assemble")
    page.wait_for_selector("#errors li")
    page.locator("#listing-box summary").click()
    assert page.locator("#listing img").count() == 0 and page.locator("#errors img").count() == 0
    assert "<img" in page.locator("#listing").text_content()
    assert page.evaluate("window.pwned") is None
    assert page.console_errors == []


def test_operators_day_dms_boots_from_the_served_cartridge_and_runs_a_job(page, site_with_data):
    boot1130(page, site_with_data)
    page.select_option("#speed", "max")
    page.click("#tab-cards")
    page.wait_for_function("(window.retro.serverDisks || []).includes('ibm1130/dms.dsk')")
    page.select_option("#disk-list", "data/ibm1130/dms.dsk")
    page.click("#disk-mount")
    page.wait_for_function("window.retro.snapshot.lamps.file_ready", timeout=10000)
    page.set_input_files("#reader-file", str(DATA / "ibm1130" / "dms_coldstart.bin"))
    page.wait_for_function("window.retro.snapshot.reader.hopper === 1")
    page.set_input_files("#reader-file", str(DATA / "ibm1130" / "jobs" / "fortran_iterations.job"))
    page.wait_for_function("window.retro.snapshot.reader.hopper > 1")
    page.click("#btn-reset")
    page.click("#btn-program_load")
    page.wait_for_function(STOPPED + " && window.retro.snapshot.lamps.wait && window.retro.snapshot.instructions > 10000",
                           timeout=60000)
    state = send(page, {"cmd": "state"})
    assert (state["iar"], state["acc"]) == (0x002A, 0x1000)   # DMS waits for the next job
    # The FORTRAN job's listing is the reference simulator's, line for line.
    printed = send(page, {"cmd": "printer_text"})["printer"]
    expected = (DATA / "ibm1130" / "jobs" / "fortran_iterations.expected.lst").read_text()
    assert [line.rstrip() for line in printed.rstrip("\n").split("\n")] == \
        [line.rstrip() for line in expected.rstrip("\n").split("\n")]
    # The next job is typed on the keypunch, put in the hopper, PROGRAM START.
    page.click("#card-box")
    for line in ("// JOB", "// DUP", "*DUMPLET"):
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    page.wait_for_function("window.retro.keypunch.deck_size === 3")
    page.click("#kp-to-reader")
    page.wait_for_function("window.retro.snapshot.reader.hopper === 3")
    page.click("#btn-start")
    page.wait_for_function(STOPPED + " && window.retro.snapshot.lamps.wait && window.retro.snapshot.reader.hopper === 0",
                           timeout=60000)
    again = send(page, {"cmd": "printer_text"})["printer"]
    assert again.startswith(printed) and "*DUMPLET" in again[len(printed):]
    page.click("#tab-printout")
    page.wait_for_function("document.querySelector('#greenbar').textContent.length > 100")
    shot(page, "ibm1130-printout.png", "#pane-printout")


def test_a_shared_link_carries_the_program_into_the_editor(page, site):
    boot1130(page, site)
    source = (ROOT / "web" / "examples" / "hello.asm").read_text()
    page.fill("#source", source)
    page.dispatch_event("#source", "input")
    page.click(".menu summary")
    page.click("#share")
    page.wait_for_function("window.retro.sharedLink")        # the clipboard's link (issue 12)
    url = page.evaluate("window.retro.sharedLink")
    page.fill("#source", "* SOMETHING ELSE\n")
    page.dispatch_event("#source", "input")
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_function("window.retro && window.retro.ready", timeout=60000)
    page.wait_for_function("document.querySelector('#source').value.startsWith('                    * HELLO')")
    assert page.locator("#source").input_value() == source
    page.click("#asm-run")
    page.wait_for_function("document.querySelector('#console-text').textContent === 'HELLO, WORLD\\n'", timeout=10000)


def test_the_console_fits_a_phone_screen(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1,
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        boot1130(page, site)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width} px wide on a 390 px phone"
        page.tap("#ces-15")
        page.wait_for_function("document.querySelector('#ces-hex').textContent === '0001'")
        box = page.locator("#btn-start").bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44      # big enough for a finger
        shot(page, "ibm1130-phone.png")
    finally:
        context.close()


def test_a_python_error_is_shown_and_the_machine_lives_on_or_restarts(page, site):
    boot1130(page, site)
    assert send(page, {"cmd": "load", "source": (ROOT / "web" / "examples" / "add.asm").read_text()})["ok"]
    reply = send(page, {"cmd": "fault"})
    assert reply["ok"] is False and "injected fault" in reply["error"]
    page.wait_for_selector("#error:not([hidden])")
    assert "RuntimeError" in page.locator("#error .error-text").text_content()
    page.click("#error .error-close")
    assert send(page, {"cmd": "run", "max_instructions": 100})["acc"] == 3156      # still alive
    send(page, {"cmd": "fault"})
    page.click("#error .error-restart")                                          # a fresh worker
    page.wait_for_function("window.retro.ready && window.retro.error === null", timeout=60000)
    page.wait_for_function("window.retro.notices.some((n) => n.startsWith('Restored the machine'))", timeout=10000)
    assert send(page, {"cmd": "state"})["acc"] == 3156


def test_a_simh_load_file_opened_from_disk_loads_and_runs(page, site):
    boot1130(page, site)
    page.set_input_files("#asm-open", files=[{"name": "prog.out", "mimeType": "text/plain",
                                              "buffer": b"; a load file\n@0200\nC001\n3000\n0777\n=0200\n"}])
    page.wait_for_function("document.querySelector('#asm-status').textContent.startsWith('prog.out')")
    page.click("#asm-run")
    page.wait_for_function(STOPPED + " && window.retro.snapshot.lamps.wait", timeout=10000)
    assert lamps(page, "acc") == 0x0777
    page.click("#asm-assemble")
    page.wait_for_function("window.retro.notices.some((n) => n.includes('is a load file'))")


def test_imm_stop_interrupts_python_stuck_in_one_call(page, site):
    boot1130(page, site)
    assert page.evaluate("window.crossOriginIsolated") and page.evaluate("window.retro.interruptBuffer !== null")
    page.evaluate("() => { window.stalled = window.retro.send({cmd: 'stall', seconds: 25}); }")
    page.wait_for_timeout(300)
    started = page.evaluate("performance.now()")
    page.click("#btn-imm_stop")                    # the worker is busy: the buffer interrupts Python
    stalled = page.evaluate("window.stalled")
    assert stalled["ok"] is False and "KeyboardInterrupt" in stalled["error"]
    assert page.evaluate("performance.now()") - started < 6000
    page.wait_for_function("window.retro.notices.some((n) => n.includes('interrupted'))")
    assert send(page, {"cmd": "state"})["ok"]      # the machine answers again
    assert page.evaluate("window.retro.error") is None


def test_a_program_reads_the_console_keyboard(page, site):
    from machines.ibm1130 import codes
    boot1130(page, site)
    source = ("\tABS\n\tORG\t\t/0C\n\tDC\t\tKBINT\n\tORG\t\t/100\n"
              "START\tXIO\t\tKSEL\n\tWAIT\n\tXIO\t\tKRD\n\tWAIT\n"
              "KBINT\tDC\t\t0\n\tXIO\t\tSNS\n\tBOSC\tI\tKBINT\n"
              "KEY\tDC\t\t0\n\tBSS\tE\t0\nKSEL\tDC\t\t0\n\tDC\t\t/0C00\n"
              "KRD\tDC\t\tKEY\n\tDC\t\t/0A00\nSNS\tDC\t\t0\n\tDC\t\t/0F01\n\tEND\t\tSTART\n")
    page.fill("#source", source)
    page.click("#asm-run")
    page.wait_for_function("document.querySelector('#status-kb_select').classList.contains('on')", timeout=10000)
    page.fill("#console-keys", "q")
    page.press("#console-keys", "Enter")
    page.wait_for_function("!document.querySelector('#status-kb_select').classList.contains('on')", timeout=10000)
    page.wait_for_function(STOPPED + " && window.retro.snapshot.lamps.wait", timeout=10000)
    listing = send(page, {"cmd": "assemble", "source": source})["listing"]
    address = int([line for line in listing.splitlines() if " KEY " in line][0].split()[0], 16)
    assert send(page, {"cmd": "memory", "address": address, "count": 1})["rows"][0]["words"][0] == \
        codes.ascii_to_hollerith("Q")
