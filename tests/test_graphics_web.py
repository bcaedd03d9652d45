"""The 1130 page's graphics panes, Python side (machines/ibm1130/web/display.py):
snapshot deltas rebuild the plotter's drawing on the page exactly, the SVG
download, and the light pen and function key messages.  Pure Python, so
these run inside Pyodide too."""

from __future__ import annotations

import json

from machines.ibm1130.devices.plotter1627 import CARRIAGE_PLUS_Y, DRUM_PLUS_X, PEN_DOWN, PEN_UP
from machines.ibm1130.web.bridge import Bridge

from test_plotter1627 import plot_program, svg_paths


def send(bridge, **msg):
    return json.loads(bridge.handle(json.dumps(msg)))


class PaperOnThePage:
    """What web/js/ibm1130/plotter.js does with the ``plotter`` deltas."""

    def __init__(self) -> None:
        self.paths: list[list[tuple[int, int]]] = []

    def apply(self, delta: dict) -> None:
        if delta["reset"]:
            self.paths = []
        index, point = delta["start"]
        new = [[(p[i], p[i + 1]) for i in range(0, len(p), 2)] for p in delta["paths"]]
        if new and index < len(self.paths):
            self.paths[index][point:] = new.pop(0)
        self.paths.extend(new)


def test_frame_deltas_rebuild_the_drawing_exactly():
    bridge = Bridge()
    commands = ([PEN_DOWN] + [DRUM_PLUS_X] * 7 + [CARRIAGE_PLUS_Y] * 5 + [PEN_UP] + [DRUM_PLUS_X] * 3
                + [PEN_DOWN] + [DRUM_PLUS_X | CARRIAGE_PLUS_Y] * 4 + [PEN_UP])
    assert send(bridge, cmd="load", source=plot_program(commands))["ok"]
    page = PaperOnThePage()
    first = json.loads(bridge.frame(0))
    page.apply(first["plotter"])                  # the blank sheet is sent once
    assert first["plotter"]["reset"] and page.paths == []
    send(bridge, cmd="button", name="start")
    sent = 0
    for _ in range(400):                          # small frames: paths grow between them
        snap = json.loads(bridge.frame(10_000, 4000))     # throttled: a WAIT takes its time
        if "plotter" in snap:
            sent += 1
            page.apply(snap["plotter"])
            last = snap["plotter"]
        if snap["stop"] == "wait":
            break
    plotter = bridge.machine.plotter
    assert sent > 5 and page.paths == plotter.paths() and len(page.paths) == 2
    assert last["pen"] == list(plotter.pen()) and last["down"] is False
    assert "plotter" not in json.loads(bridge.frame(100))     # nothing new: nothing sent

    svg = send(bridge, cmd="plotter_tear_off")["svg"]
    assert svg_paths(svg)[1] == [[(x, 100 - y) for x, y in path] for path in page.paths]
    page.apply(json.loads(bridge.frame(0))["plotter"])
    assert page.paths == [] and svg_paths(send(bridge, cmd="plotter_svg")["svg"])[1] == []


def test_without_paper_the_program_waits_and_draws_nothing_until_paper_is_put_in():
    bridge = Bridge()
    square = [PEN_DOWN] + [DRUM_PLUS_X] * 5 + [PEN_UP]
    assert send(bridge, cmd="load", source=plot_program(square))["ok"]
    assert json.loads(bridge.frame(0))["plotter"]["paper"] is True
    assert send(bridge, cmd="plotter_paper", loaded=False) == {"ok": True, "loaded": False}
    assert json.loads(bridge.frame(0))["plotter"]["paper"] is False      # the page hears of it once
    assert "plotter" not in json.loads(bridge.frame(0))
    send(bridge, cmd="button", name="start")
    snap = json.loads(bridge.frame(100_000))
    # The write is ignored (SIMH), so no op-complete interrupt comes: the
    # program stops at its first WAIT with the pen where it was.
    assert snap["stop"] == "wait" and bridge.machine.plotter.paths() == []
    assert bridge.machine.plotter.status() & 0x0100                    # not ready
    assert send(bridge, cmd="plotter_paper", loaded=True)["loaded"] is True
    refused = send(bridge, cmd="plotter_paper")
    assert refused["ok"] is False and "loaded" in refused["error"], refused
    assert send(bridge, cmd="load", source=plot_program(square))["ok"]
    send(bridge, cmd="button", name="start")
    for _ in range(50):
        if json.loads(bridge.frame(100_000))["stop"] == "wait":
            break
    assert bridge.machine.plotter.paths() == [[(1099, 0), (1099, 5)]]


def test_light_pen_and_keys_refuse_bad_values_clearly():
    bridge = Bridge()
    assert send(bridge, cmd="light_pen", x=10)["ok"] is False
    assert "x must be a number" in send(bridge, cmd="light_pen", x="left", y=3)["error"]
    assert "out of range" in send(bridge, cmd="display_key", key=32)["error"]
    assert send(bridge, cmd="light_pen", x=None, y=None)["ok"]


def test_a_restored_machine_sends_its_drawing_again():
    bridge = Bridge()
    for command in [PEN_DOWN, DRUM_PLUS_X, DRUM_PLUS_X, CARRIAGE_PLUS_Y]:
        bridge.machine.plotter.operate(command)
    page = PaperOnThePage()
    page.apply(json.loads(bridge.frame(0))["plotter"])
    saved = send(bridge, cmd="save_state")
    assert saved["ok"]
    fresh = Bridge()
    assert send(fresh, cmd="load_state", state=saved["state"])["ok"]
    other = PaperOnThePage()
    other.apply(json.loads(fresh.frame(0))["plotter"])
    assert other.paths == page.paths == bridge.machine.plotter.paths() != []


# A 2250 program after the SIMH kit's gdu.asm: a triangle regenerated at 40
# frames a second; a light-pen detect on it interrupts (level 3), and the
# program counts the hit and moves the triangle up 10 raster units.
GDU = """|ABS
|ORG||/100
START|LD||INTAD
|STO|L|/B
|XIO||GO
LOOP|WAIT
|MDX||LOOP
INTAD|DC||INTSV
INTSV|DC||0
|XIO||SENS3
|MDX|L|HITS,1
|LD||TRI+1
|A||TEN
|STO||TRI+1
|XIO||GO
|BOSC|I|INTSV
|BSS|E|0
GO|DC||GDATA
|DC||/C900
SENS3|DC||0
|DC||/CF01
TEN|DC||10
HITS|DC||0
GDATA|SGMV
|SPM||/9
GLOOP|STMR
TRI|MBA||500,500
|DBI||30,0
|DBI||-15,30
|DBI||-15,-30
|GIC||,D
|GB||GLOOP
|END||START
""".replace("|", "\t")


def test_the_2250_picture_goes_to_the_page_once_and_the_light_pen_reaches_the_program():
    bridge = Bridge()
    assembly = send(bridge, cmd="load", source=GDU)
    assert assembly["ok"], assembly
    send(bridge, cmd="button", name="start")
    frames = [json.loads(bridge.frame(20_000)) for _ in range(6)]
    sent = [f["display"] for f in frames if "display" in f]
    assert len(sent) == 1                      # the same picture is not sent again
    records = sent[0]["segments"]
    lines = [tuple(records[i:i + 4]) for i in range(0, len(records), 6)]
    assert lines == [(500, 500, 530, 500), (530, 500, 515, 530), (515, 530, 500, 500)]
    assert bridge.machine.display.frames >= 1
    assert send(bridge, cmd="light_pen", x=515, y=500)["ok"]     # on the triangle's base
    for _ in range(6):
        snap = json.loads(bridge.frame(20_000))
        if "display" in snap:
            break
    assert snap["display"]["segments"][1] == 510                 # moved up: the program saw the pen
    assert send(bridge, cmd="display_key", key=5)["ok"]


def test_the_alphanumeric_keyboard_sends_ebcdic_and_control_keys():
    bridge = Bridge()
    display = bridge.machine.display
    assert send(bridge, cmd="display_alpha", key="a")["ok"]
    assert display.akey == 0x8000 | 0xC1                         # EBCDIC A, data available
    assert send(bridge, cmd="display_alpha", key="END")["ok"] and display.akey == 0x8000 | 0x1000
    bad = send(bridge, cmd="display_alpha", key="AB")
    assert not bad["ok"] and "'AB'" in bad["error"]
    assert not send(bridge, cmd="display_alpha")["ok"]
