"""The page's FORTH messages (machines/ibm1130/web/forth.py): a bad
request gets one clear error; after ``forth_step`` is done the room holds
FORTH at the keyboard, and a phrase typed with ``console_keys`` is answered
as the page's frames run the machine."""

from __future__ import annotations

import json

import pytest

from forth_pair import DATA, page_state, readme_session


def send(bridge, **msg):
    return json.loads(bridge.handle(json.dumps(msg)))


def test_bad_forth_requests_get_one_clear_error():
    from machines.ibm1130.web.bridge import Bridge

    bridge = Bridge()
    assert send(bridge, cmd="forth_step") == {
        "ok": False, "error": "no FORTH preparation is in progress (send forth_prepare first)"}
    jobs = [{"name": f"job{n}", "text": "// JOB\n"} for n in range(3)]
    assert send(bridge, cmd="forth_prepare", jobs=jobs[:2])["error"].startswith("jobs must be the 3 job decks")
    assert send(bridge, cmd="forth_prepare", jobs=jobs) == {
        "ok": False, "error": "mount IBM's DMS cartridge (dms.dsk) on drive 0 first"}
    bridge.mount_disk(bytes(1_042_608), "blank.dsk", 0)
    error = send(bridge, cmd="forth_prepare", jobs=jobs)["error"]
    assert error == "dms.dsk: expected cartridge ID /1234 in sector 0 word 4 and DCOM words 51 and 56, " \
                    "found /0000 /0000 /0000"


@pytest.mark.native
@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "forth68").is_dir(), reason=f"IBM 1130 FORTH material not found at {DATA}")
def test_a_prepared_forth_in_the_room_answers_a_phrase_typed_on_the_page():
    from machines.ibm1130.web.bridge import Bridge

    bridge = Bridge()
    assert send(bridge, cmd="load_state", state=page_state(), name="forth")["ok"]
    machine = bridge.room.machine
    assert machine.console.output_text() == "\nHI THERE\n" and machine.console.keyboard_selected
    assert [d.cartridge.path if d.cartridge else None for d in machine.disks[:3]] == \
        ["forth68-drive0.dsk", "forth68-drive1.dsk", None]
    phrase, transcript = readme_session()
    assert send(bridge, cmd="console_keys", text=phrase + " ")["ok"]
    for _ in range(100):
        bridge.frame(50_000)
        if machine.console.output_text().strip("\n") == transcript:
            break
    assert machine.console.output_text().strip("\n") == transcript
    assert bridge.panel.stop_reason == "wait" and machine.console.keyboard_selected
