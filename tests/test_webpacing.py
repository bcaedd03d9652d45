"""The page's pacing at maximum speed and its quiet when idle (issue 12,
items 2 and 3): a free-running frame is a share of wall time, not of
instructions, and a stopped machine sends no snapshot until something
changes.  Pure Python, so these also run inside Pyodide."""

from __future__ import annotations

import json

import pytest

from machines.ibm1130.web.bridge import Bridge
from machines.ibm1130.web.pacing import FAST_FRAME_MS, Pacing

ADD = "\tABS\n\tORG\t\t/100\nSTART\tLD\t\tA\n\tA\t\tB\n\tSTO\t\tC\n\tWAIT\nA\tDC\t\t5\nB\tDC\t\t7\nC\tDC\t\t0\n\tEND\t\tSTART\n"
LOOP = "\tABS\n\tORG\t\t/100\nSTART\tA\t\tONE\n\tB\t\tSTART\nONE\tDC\t\t1\n\tEND\t\tSTART\n"


def send(bridge, **msg):
    return json.loads(bridge.handle(json.dumps(msg)))


@pytest.fixture
def bridge():
    return Bridge()


def test_at_maximum_speed_a_frame_runs_for_its_wall_time_not_an_instruction_count(bridge):
    now = [0.0]

    def clock():                       # every look at the clock: 1 ms of wall time went by
        now[0] += 0.001
        return now[0]

    bridge.pacing = Pacing(clock=clock)
    assert send(bridge, cmd="speed", real=False)["ok"]
    send(bridge, cmd="load", source=LOOP)
    send(bridge, cmd="button", name="start")
    chunk = bridge.pacing.chunk_timer.count
    start = now[0]
    snap = json.loads(bridge.tick(5.0))            # the wall time since the last frame does not matter
    assert FAST_FRAME_MS / 1000 <= now[0] - start <= FAST_FRAME_MS / 1000 + 0.003
    assert snap["samples"] == 8 and snap["lamps"]["run"] and bridge.free_running
    # Each chunk took 1 ms, half the 2 ms aimed at: chunks grew to the cap,
    # and the frame ran chunk after chunk until its time was up.
    assert snap["executed"] > 10 * chunk
    assert bridge.pacing.chunk_timer.count == bridge.pacing.chunk_timer.high


def test_at_maximum_speed_a_frame_ends_when_the_program_stops(bridge):
    send(bridge, cmd="speed", real=False)
    send(bridge, cmd="load", source=ADD)
    send(bridge, cmd="button", name="start")
    snap = json.loads(bridge.tick(16))
    assert snap["stop"] == "wait" and snap["executed"] == 4 and snap["samples"] == 1
    assert snap["lamps"]["wait"] and not snap["lamps"]["run"]   # the lamps show the stop
    assert bridge.system.memory[0x106] == 12             # C = 5 + 7
    assert not bridge.free_running


def test_a_stopped_machine_sends_no_snapshot_until_something_changes(bridge):
    send(bridge, cmd="load", source=ADD)
    send(bridge, cmd="button", name="start")
    assert json.loads(bridge.tick(16))["stop"] == "wait"
    views = [bridge.tick(16) for _ in range(5)]
    assert views[0] and json.loads(views[0])["stop"] is None and json.loads(views[0])["ips"] == 0
    assert views[1:] == ["", "", "", ""]             # nothing changed: nothing to send
    send(bridge, cmd="switches", value=0x8000)
    assert json.loads(bridge.tick(16, force=True))["lamps"]["wait"]   # after a message: one view
    assert bridge.tick(16) == ""
    send(bridge, cmd="load", source=LOOP)
    send(bridge, cmd="button", name="start")
    assert all(bridge.tick(16) for _ in range(5))   # a running machine is always shown


def test_output_printed_while_stopped_is_never_held_back(bridge):
    send(bridge, cmd="load", source=ADD)
    send(bridge, cmd="button", name="start")
    bridge.tick(16)
    bridge.tick(16)
    assert bridge.tick(16) == ""
    bridge.room.machine.console.tear_off()         # the paper changed: the page must hear of it
    bridge.output.resend()
    assert "console" in json.loads(bridge.tick(16))
