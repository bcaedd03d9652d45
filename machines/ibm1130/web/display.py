"""The graphics panes of the 1130 page: the IBM 2250 screen and the 1627
plotter's paper (the worker side; web/js/ibm1130/display.js and plotter.js
draw them).

Snapshots carry what changed (:meth:`Graphics.delta`, merged into every
frame's snapshot by the bridge):

``display``
    ``{frames, segments, lamps, overflow}`` only when the 2250 regenerated
    a frame (``Ibm1130.display.frames`` changed) whose picture differs from
    the last one sent, or its lamps changed:
    ``segments`` is the frame as flat records ``x0, y0, x1, y1,
    intensity, colour`` in 2250 raster units (1024 x 1024, y up; the
    vector display's contract), ``lamps`` the 32 programmed function
    indicators (bit 31 = lamp 0), ``overflow`` the segments beyond
    :data:`DISPLAY_CAPACITY` left out.
``plotter``
    ``{start, paths, pen, down, reset, paper}`` only when the plotter
    operated or its paper was taken out or put in (``paper`` False: none;
    the 1627 then reads not ready and ignores writes, as SIMH's does):
    the page truncates its path ``start[0]`` to ``start[1]`` points and
    appends the points of ``paths[0]`` to it, then adds ``paths[1:]`` as
    new paths (``Plotter1627.paths`` coordinates: steps, x across the
    11-inch carriage, y along the paper); ``reset`` True: ``paths``
    replace everything (a new sheet, a restored machine).

Messages: ``light_pen {x, y, switch}`` (raster units, ``x``/``y`` null:
the pen is away from the screen), ``display_key {key}`` (a programmed
function key, 0-31), ``display_alpha {key}`` (the alphanumeric keyboard:
a character, or END, CANCEL, ADVANCE, BACKSPACE, JUMP), ``plotter_svg`` -> ``svg``, ``plotter_tear_off`` ->
``svg`` (the sheet taken off; the paper is blank after), ``plotter_paper
{loaded}`` -> ``loaded`` (the operator takes the paper out or puts it in;
what is drawn stays on the sheet).
"""

from __future__ import annotations

from typing import Any

from machines.vector.displaylist import RECORD, DisplayList

from .. import codes
from ..devices.display2250 import AKEY_ADVANCE, AKEY_BACKSPACE, AKEY_CANCEL, AKEY_END, AKEY_JUMP
from .messages import BridgeError

#: Segments in one 2250 frame sent to the page (more are dropped and counted).
DISPLAY_CAPACITY = 16384
#: The alphanumeric keyboard's control keys by name.
CONTROL_KEYS = {"END": AKEY_END, "CANCEL": AKEY_CANCEL, "ADVANCE": AKEY_ADVANCE,
                "BACKSPACE": AKEY_BACKSPACE, "JUMP": AKEY_JUMP}


class Graphics:
    """The 2250 and 1627 panes over the ``room``'s machine (read at each
    call, so a restored machine is followed)."""

    def __init__(self, room) -> None:
        self.room = room
        self.dl = DisplayList(capacity=DISPLAY_CAPACITY)
        self.resend()

    def resend(self) -> None:
        """Send everything again with the next snapshot (a new machine)."""
        self._frames: int | None = None
        self._lamps: int | None = None
        self._segments: list[float] | None = None
        self._operations: int | None = None
        self._paper: bool | None = None
        self._sent = (0, 0)          # (paths sent, points of the last one)
        self._plotter_reset = True

    # ------------------------------------------------------------ snapshots
    def delta(self) -> dict[str, Any]:
        """What changed since the last call (see the module docstring)."""
        out: dict[str, Any] = {}
        display = getattr(self.room.machine, "display", None)
        if display is not None and (display.frames != self._frames or display.lamps != self._lamps):
            self.dl.clear()
            display.render(self.dl)
            segments = [round(v, 2) for v in self.dl.buffer[:self.dl.count * RECORD]]
            # A regenerated frame with the same picture and lamps is not sent again.
            if segments != self._segments or display.lamps != self._lamps:
                out["display"] = {"frames": display.frames, "lamps": display.lamps,
                                  "segments": segments, "overflow": self.dl.overflow}
            self._frames, self._lamps, self._segments = display.frames, display.lamps, segments
        plotter = self.room.machine.plotter
        if plotter.operations != self._operations or self._plotter_reset or plotter.has_paper != self._paper:
            out["plotter"] = self._plotter_delta(plotter)
            self._operations = plotter.operations
            self._paper = plotter.has_paper
        return out

    def _plotter_delta(self, plotter) -> dict[str, Any]:
        count = len(plotter.drawing)
        sent_paths, sent_points = self._sent
        reset = self._plotter_reset or count < sent_paths
        if reset:
            sent_paths = sent_points = 0
        # The last path sent may have grown, and its last point moved (a
        # run of equal steps is one segment): resend from that point on.
        index = max(0, sent_paths - 1)
        point = max(0, sent_points - 1) if sent_paths else 0
        paths = plotter.paths(index)
        if paths and sent_paths:
            paths[0] = paths[0][point:]
        self._sent = (count, len(plotter.drawing[-1]) if count else 0)
        self._plotter_reset = False
        return {"start": [index, point], "paths": [[c for p in path for c in p] for path in paths],
                "pen": list(plotter.pen()), "down": plotter.pen_down, "reset": reset,
                "paper": plotter.has_paper}

    # ------------------------------------------------------------- messages
    def light_pen(self, msg: dict) -> dict:
        """``light_pen {x, y, switch}``: the pointer over the 2250 screen."""
        display = self._display()
        x, y = msg.get("x"), msg.get("y")       # numbers or null (schemas.py checked them)
        if (x is None) != (y is None):
            raise BridgeError("light_pen: give both x and y, or neither (the pen is away)")
        display.light_pen(None if x is None else float(x), None if y is None else float(y),
                          bool(msg.get("switch", False)))
        return {}

    def function_key(self, msg: dict) -> dict:
        """``display_key {key}``: press programmed function key 0-31."""
        self._display().press_function_key(msg["key"])
        return {}

    def alpha_key(self, msg: dict) -> dict:
        """``display_alpha {key}``: a key of the 2250's alphanumeric
        keyboard: one character (sent in EBCDIC, as the 1130 reads it) or a
        control key by name (END, CANCEL, ADVANCE, BACKSPACE, JUMP)."""
        key = msg["key"]
        if key.upper() in CONTROL_KEYS:
            code = CONTROL_KEYS[key.upper()]
        elif len(key) == 1:
            code = codes.ascii_to_ebcdic(key.upper())
        else:
            raise BridgeError(f"key: {key!r} is not one character or a 2250 control key")
        self._display().press_alpha_key(code)
        return {}

    def plotter_svg(self, msg: dict) -> dict:
        return {"svg": self.room.machine.plotter.svg()}

    def plotter_tear_off(self, msg: dict) -> dict:
        svg = self.room.machine.plotter.tear_off()
        self._plotter_reset = True
        return {"svg": svg}

    def plotter_paper(self, msg: dict) -> dict:
        """``plotter_paper {loaded}``: take the paper out of the 1627
        (``loaded`` False: a program reads not ready, DSW /0100) or put it
        back in."""
        plotter = self.room.machine.plotter
        plotter.has_paper = bool(msg["loaded"])
        return {"loaded": plotter.has_paper}

    def _display(self):
        display = getattr(self.room.machine, "display", None)
        if display is None:
            raise BridgeError("this 1130 has no 2250 display")
        return display
