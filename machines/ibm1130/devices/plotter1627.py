"""IBM 1627 plotter (area 5, level 3, ILSW 3 bit 0x8000): a CalComp drum
plotter sold by IBM.

Reference: ../shared/reference/ibm1130.md sections 4.6 (1627), 4.10 and 6;
SIMH ``ibm1130_plot.c`` is the executable reference.

* XIO Write: one operation, the command in the top six bits of
  M[IOCC address] (``word >> 10``): 0x8000 pen down, 0x4000 drum +X,
  0x2000 drum -X, 0x1000 carriage -Y, 0x0800 carriage +Y, 0x0400 pen up.
  The eight step directions are +X, -X, +Y, -Y and the four diagonals
  (one X bit with one Y bit); each step is 0.01 inch.  Any other
  combination moves nothing (SIMH ignores it too), but the plotter still
  goes busy and completes.
* The plotter is busy (DSW 0x0200) for :data:`STEP_DELAY` instructions
  (SIMH's ``plot_wait``), then op complete (DSW 0x8000) and a level-3
  interrupt.  A Write while busy is carried out at once, as in SIMH.
* XIO Sense Device returns the DSW; modifier 0x01 resets op complete and
  the interrupt.  Not ready (0x0100) when there is no paper
  (``has_paper`` False), the 1627's not-ready bit (reference 4.6); SIMH's
  plotter without paper (detached) returns before setting ACC, so its
  Sense reads 0, ready.  Running the drum off the end of the roll is not
  "no paper": the 1627 has no way to signal it (SIMH ``process_cmd``).
* Read and Control do nothing: the real 1627 has neither (SIMH's Control
  for pen colour and width is a simulator extension, reference 4.6).

Geometry (SIMH): the carriage (Y) travels 11 inches, positions 0-1099,
and stops at its ends: a step beyond them leaves the pen where it is.
The drum (X) carries a roll of up to 120 feet (positions 0 to
:data:`ROLL_STEPS` - 1); the drum may turn the pen off the paper, and a
step that ends off the paper draws nothing.  The pen starts up at X = 0,
Y = 0.

The drawing is seen as SIMH pictures it: the paper laid out with the
carriage across (picture x = 1099 - Y, so +Y runs to the left and Y = 0
is the right edge) and the drum along it (picture y = X, +X upward).
:meth:`Plotter1627.paths` returns the pen-down polylines in those picture
coordinates, in steps; :meth:`Plotter1627.svg` writes them as an SVG
document at 100 steps per inch; :meth:`Plotter1627.render` draws the paper
on the project's vector display.
"""

from __future__ import annotations

from typing import Any

from .device import (BIT, DEC, FLAG, SENSE_RESET, XIO_SENSE_DEVICE, XIO_WRITE, Codec, Device, Field,
                     Interrupt, Register)

STEP_DELAY = 1000          # SIMH plot_wait: instructions per pen or step operation
CARRIAGE_STEPS = 1100      # 11 inches at 0.01 inch: Y is 0..1099 (SIMH plot_ymax = 1099)
ROLL_STEPS = 1_440_000     # 120 feet of paper at 0.01 inch (SIMH LONGEST_ROLL)
STEPS_PER_INCH = 100

DSW_OP_COMPLETE = 0x8000
DSW_BUSY = 0x0200
DSW_NOT_READY = 0x0100

PEN_DOWN = 0x8000
DRUM_PLUS_X = 0x4000
DRUM_MINUS_X = 0x2000
CARRIAGE_MINUS_Y = 0x1000
CARRIAGE_PLUS_Y = 0x0800
PEN_UP = 0x0400

#: The eight steps: command bits -> (dX, dY).  Every other combination of
#: the movement bits, or movement with a pen bit, does nothing (SIMH).
STEPS = {
    DRUM_PLUS_X: (1, 0), DRUM_MINUS_X: (-1, 0),
    CARRIAGE_PLUS_Y: (0, 1), CARRIAGE_MINUS_Y: (0, -1),
    DRUM_PLUS_X | CARRIAGE_PLUS_Y: (1, 1), DRUM_PLUS_X | CARRIAGE_MINUS_Y: (1, -1),
    DRUM_MINUS_X | CARRIAGE_PLUS_Y: (-1, 1), DRUM_MINUS_X | CARRIAGE_MINUS_Y: (-1, -1),
}
COMMAND_MASK = 0xFC00


# Paths are saved as flat lists x0, y0, x1, y1, ... (compact JSON).
PATHS = Codec(lambda paths: [[c for point in path for c in point] for path in paths],
              lambda flat: [[[int(p[i]), int(p[i + 1])] for i in range(0, len(p) - 1, 2)] for p in flat])


def _sign(v: int) -> int:
    return (v > 0) - (v < 0)


class Plotter1627(Device):
    """The 1627: ``paths()``, ``svg()``, ``render(dl)``, ``tear_off()``;
    ``x`` (drum) and ``y`` (carriage) are the pen's position in steps,
    ``pen_down`` whether it is on the paper, ``has_paper`` False makes
    the plotter not ready."""

    name = "1627"
    area = 0x05
    interrupts = {"op_complete": Interrupt(3, 0x8000)}
    STATE = (Field("dsw"), Field("x"), Field("y"), Field("pen_down", codec=FLAG),
             Field("has_paper", codec=FLAG), Field("drawing", codec=PATHS), Field("operations"))
    REGISTERS = (Register("DSW", lambda d: d.status()), Register("XPOS", "x", DEC), Register("YPOS", "y", DEC),
                 Register("PENDOWN", "pen_down", BIT), Register("OPS", "operations", DEC))

    def __init__(self) -> None:
        super().__init__()
        self.dsw = 0
        self.x = 0
        self.y = 0
        self.pen_down = False
        self.has_paper = True
        #: Pen-down polylines in plotter coordinates ``[X, Y]``; a run of
        #: equal steps is kept as one segment (lossless: every step is one
        #: of eight unit moves, so the run's length gives its steps).
        self.drawing: list[list[list[int]]] = []
        #: Write operations carried out (a UI redraws when it changes).
        self.operations = 0
        self._open = False      # the last path continues at the pen's position

    # ------------------------------------------------------------------ XIO
    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        if function == XIO_WRITE:
            if not self.has_paper:          # SIMH: a write to a plotter without paper is ignored
                return None
            self.operate(self.system.memory[address & (len(self.system.memory) - 1)])
            self.system.schedule(self, STEP_DELAY, "done")
            self.dsw |= DSW_BUSY
        elif function == XIO_SENSE_DEVICE:
            value = self.status()
            if modifier & SENSE_RESET:
                self.dsw &= ~DSW_OP_COMPLETE
                self.clear("op_complete")
            return value
        return None

    def status(self) -> int:
        """The DSW: op complete and busy as they stand, not ready without paper."""
        return self.dsw | (0 if self.has_paper else DSW_NOT_READY)

    def event(self, event: str) -> None:
        if event == "done":
            self.dsw = (self.dsw & ~DSW_BUSY) | DSW_OP_COMPLETE
            self.interrupt("op_complete")

    def reset(self) -> None:
        if self.system is not None:
            self.system.cancel(self, "done")
        self.clear("op_complete")
        self.dsw &= ~(DSW_BUSY | DSW_OP_COMPLETE)

    # ------------------------------------------------------------ mechanics
    def operate(self, word: int) -> None:
        """Carry out one command word (the top six bits, see the module
        docstring) at once, without the busy time: what XIO Write does."""
        command = word & COMMAND_MASK
        self.operations += 1
        if command == PEN_UP:
            self.pen_down = False
            self._open = False
        elif command == PEN_DOWN:
            if not self.pen_down and self._on_paper(self.x):
                self.drawing.append([[self.x, self.y]])    # the pen leaves a dot where it lands
                self._open = True
            self.pen_down = True
        elif command in STEPS:
            dx, dy = STEPS[command]
            old = [self.x, self.y]
            self.x += dx
            # The carriage stops at its ends (SIMH clips Y); the drum turns on.
            self.y = min(max(self.y + dy, 0), CARRIAGE_STEPS - 1)
            if self.pen_down and self._on_paper(self.x):
                self._ink(old, [self.x, self.y])
            else:
                self._open = False

    def _on_paper(self, x: int) -> bool:
        return 0 <= x < ROLL_STEPS

    def _ink(self, old: list[int], new: list[int]) -> None:
        if new == old:                  # against a carriage stop
            return
        path = self.drawing[-1] if self._open and self.drawing else None
        if path is None or path[-1] != old:
            self.drawing.append([old, new])
            self._open = True
            return
        if len(path) >= 2:
            a, b = path[-2], path[-1]
            if (_sign(b[0] - a[0]), _sign(b[1] - a[1])) == (new[0] - old[0], new[1] - old[1]):
                path[-1] = new          # the same direction again: the segment grows
                return
        path.append(new)

    def load_state(self, state: dict[str, Any]) -> None:
        super().load_state(state)
        # A pen down at the end of the last path continues it.
        self._open = bool(self.pen_down and self.drawing and self.drawing[-1][-1] == [self.x, self.y])

    # -------------------------------------------------------------- drawing
    def paths(self, start: int = 0) -> list[list[tuple[int, int]]]:
        """The pen-down polylines in steps (0.01 inch) as SIMH pictures the
        paper: ``(x, y)`` with x across the carriage, 0-1099 from the left
        edge (x = 1099 - Y), and y along the paper, upward (y = X, 0 to
        120 feet).  A pen lowered and raised without moving leaves a
        one-point path (a dot).  Runs of equal steps are one segment.
        ``start``: only the paths from that index on (a UI's delta)."""
        top = CARRIAGE_STEPS - 1
        return [[(top - y, x) for x, y in path] for path in self.drawing[start:]]

    def pen(self) -> tuple[int, int]:
        """The pen's position in the coordinates of :meth:`paths`."""
        return (CARRIAGE_STEPS - 1 - self.y, self.x)

    def extent(self) -> tuple[int, int]:
        """The part of the paper inked, along it (picture y = X, in
        steps): ``(low, high)``; (0, 0) when blank."""
        ys = [x for path in self.drawing for x, _ in path]
        if not ys:
            return (0, 0)
        return (min(ys), max(ys))

    def svg(self) -> str:
        """The drawing as a standalone SVG 1.1 document: the paper 11
        inches wide (``width="11in"``) and as long as the drawing needs,
        in whole inches (at least one), from the start of the roll; one
        user unit is one step (``viewBox`` in steps), black ink 0.01 inch
        wide with round ends, a ``<path>`` per pen-down polyline (``M`` then
        absolute ``L``, in picture coordinates flipped so the roll's start
        is at the bottom)."""
        low, high = self.extent()
        length = max(1, -(-(high + 1) // STEPS_PER_INCH)) * STEPS_PER_INCH
        parts = [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{CARRIAGE_STEPS / STEPS_PER_INCH:g}in" '
            f'height="{length / STEPS_PER_INCH:g}in" viewBox="0 0 {CARRIAGE_STEPS} {length}">\n',
            '<title>IBM 1627 plot</title>\n',
            f'<rect x="0" y="0" width="{CARRIAGE_STEPS}" height="{length}" fill="#ffffff"/>\n',
            '<g fill="none" stroke="#000000" stroke-width="1" stroke-linecap="round" stroke-linejoin="round">\n',
        ]
        for path in self.paths():
            points = [(x, length - y) for x, y in path]
            if len(points) == 1:
                points.append(points[0])          # a dot: a zero-length segment with round ends
            d = "M" + " L".join(f"{x} {y}" for x, y in points)
            parts.append(f'<path d="{d}"/>\n')
        parts.append("</g>\n</svg>\n")
        return "".join(parts)

    def tear_off(self) -> str:
        """Take the drawing off the plotter: returns its SVG and leaves
        blank paper (the pen stays where it is)."""
        text = self.svg()
        self.drawing = []
        self._open = False
        return text

    def render(self, dl: Any) -> None:
        """Draw the paper on a :class:`machines.vector.displaylist.DisplayList`
        (1024 x 1024, y up): the used part of the paper and the pen,
        centred and scaled to fit with at least one carriage width along
        it, the paper's two edges dim, the ink bright and the pen a dot
        (bright when down)."""
        low, high = self.extent()
        low, high = min(low, self.x), max(high, self.x)
        scale = 1024 / max(CARRIAGE_STEPS, high - low + 1)
        left = (1024 - CARRIAGE_STEPS * scale) / 2
        base = (1024 - (high - low) * scale) / 2 - low * scale
        top = CARRIAGE_STEPS - 1

        def at(x: int, y: int) -> tuple[float, float]:
            return left + (top - y) * scale, base + x * scale

        for edge in (left, left + top * scale):
            dl.line(edge, 0.0, edge, 1023.0, 0.25)
        for path in self.drawing:
            if len(path) == 1:
                dl.dot(*at(*path[0]), 1.0)
            else:
                dl.polyline([at(x, y) for x, y in path], 1.0)
        dl.dot(*at(self.x, self.y), 1.0 if self.pen_down else 0.5)
