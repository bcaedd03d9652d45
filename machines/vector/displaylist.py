"""The beam-model display list: what a vector game draws each frame.

Coordinates live in a 1024 x 1024 space, origin bottom left, y up, like the
IBM 2250 and Atari's DVG/AVG (../shared/reference/arcade.md 2.6-2.7).  The
beam has a position; ``move`` repositions it with the beam off and ``draw``
sweeps a lit vector from it.  Every lit vector becomes one segment record.

**Contract** (../shared/DESIGN.md, "Vector display"): a frame is one
``array('f')`` of records ``x0, y0, x1, y1, intensity, colour_index``
(``RECORD`` floats each), a palette of RGB colours, and a count.  A dot is a
record whose two ends are equal.  The buffer is preallocated and never
resized while a renderer may hold a view of it; segments past ``capacity``
are dropped and counted in ``overflow``.

Transforms are 2D affine (translate, rotate, scale) kept on a stack, and
named shapes are lists of strokes drawn through the current transform, as
a vector generator's subroutines (JSRL) are.
"""

from __future__ import annotations

import math
from array import array
from typing import Iterable, Iterator, Sequence

from . import font

RECORD = 6
"""Floats per segment record: x0, y0, x1, y1, intensity, colour_index."""

DEFAULT_PALETTE: tuple[tuple[int, int, int], ...] = (
    (255, 255, 255),  # 0 white
    (80, 255, 120),   # 1 phosphor green
    (255, 60, 60),    # 2 red
    (255, 230, 60),   # 3 yellow
    (70, 120, 255),   # 4 blue
    (230, 70, 255),   # 5 purple
    (60, 240, 240),   # 6 turquoise / cyan
    (255, 150, 40),   # 7 orange
)

Stroke = Sequence[tuple[float, float]]


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)   # the 2D transform a, b, c, d, e, f of no change

class DisplayList:
    """A preallocated list of beam segments for one frame.

    ``capacity`` is the most segments a frame holds (default 8192).
    ``palette`` is a sequence of ``(r, g, b)`` tuples, 0-255 each.
    Intensity is 0.0-1.0 (clamped); colour is an index into the palette.
    """

    def __init__(self, capacity: int = 8192,
                 palette: Sequence[tuple[int, int, int]] = DEFAULT_PALETTE) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self.buffer = array("f", bytes(4 * RECORD * capacity))
        self.palette: list[tuple[int, int, int]] = list(palette)
        self.count = 0
        self.overflow = 0
        self.beam_x = 0.0
        self.beam_y = 0.0
        self._m = _IDENTITY  # a, b, c, d, e, f
        self._stack: list[tuple[float, ...]] = []
        self._shapes: dict[str, tuple[tuple[tuple[float, float], ...], ...]] = {}

    # ----------------------------------------------------------------- frame
    def clear(self) -> None:
        """Start a new frame: no segments, beam at the origin, identity transform."""
        self.count = 0
        self.overflow = 0
        self.beam_x = self.beam_y = 0.0
        self._m = _IDENTITY
        self._stack.clear()

    def set_palette(self, palette: Sequence[tuple[int, int, int]]) -> None:
        self.palette = list(palette)

    # ------------------------------------------------------------ transforms
    def push(self) -> None:
        """Save the current transform (pair with ``pop``)."""
        self._stack.append(self._m)

    def pop(self) -> None:
        """Restore the transform saved by the matching ``push``.

        Raises ``IndexError`` when there is nothing to pop."""
        self._m = self._stack.pop()

    def _concat(self, a2: float, b2: float, c2: float, d2: float, e2: float, f2: float) -> None:
        a, b, c, d, e, f = self._m
        self._m = (a * a2 + c * b2, b * a2 + d * b2,
                   a * c2 + c * d2, b * c2 + d * d2,
                   a * e2 + c * f2 + e, b * e2 + d * f2 + f)

    def translate(self, dx: float, dy: float) -> None:
        self._concat(1.0, 0.0, 0.0, 1.0, dx, dy)

    def rotate(self, radians: float) -> None:
        """Rotate counter-clockwise (y up) by ``radians``."""
        c, s = math.cos(radians), math.sin(radians)
        self._concat(c, s, -s, c, 0.0, 0.0)

    def rotate_cs(self, cos: float, sin: float) -> None:
        """Rotate by the angle whose cosine and sine are given, e.g. read from
        a game's own direction table (as the Atari math did), so drawing
        uses exactly the game's numbers."""
        self._concat(cos, sin, -sin, cos, 0.0, 0.0)

    def scale(self, sx: float, sy: float | None = None) -> None:
        self._concat(sx, 0.0, 0.0, sx if sy is None else sy, 0.0, 0.0)

    def transform_point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self._m
        return a * x + c * y + e, b * x + d * y + f

    @property
    def untransformed(self) -> bool:
        """True when no transform is in effect (points are display coordinates)."""
        return self._m == _IDENTITY

    # ------------------------------------------------------------- the beam
    def segment(self, x0: float, y0: float, x1: float, y1: float,
                intensity: float, colour: int) -> None:
        """Add one segment in display coordinates, bypassing the transform
        and the beam position (for renderers that project points themselves,
        such as the 3D camera); intensity clamped to 0-1, dark ones dropped."""
        n = self.count
        if n >= self.capacity:
            self.overflow += 1
            return
        if intensity <= 0.0:
            return
        if intensity > 1.0:
            intensity = 1.0
        i = n * RECORD
        buf = self.buffer
        buf[i] = x0
        buf[i + 1] = y0
        buf[i + 2] = x1
        buf[i + 3] = y1
        buf[i + 4] = intensity
        buf[i + 5] = colour
        self.count = n + 1

    def move(self, x: float, y: float) -> None:
        """Beam-off move to (x, y) in the current transform."""
        self.beam_x, self.beam_y = self.transform_point(x, y)

    def draw(self, x: float, y: float, intensity: float = 1.0, colour: int = 0) -> None:
        """Lit vector from the beam position to (x, y); the beam ends there."""
        tx, ty = self.transform_point(x, y)
        self.segment(self.beam_x, self.beam_y, tx, ty, intensity, colour)
        self.beam_x, self.beam_y = tx, ty

    def line(self, x0: float, y0: float, x1: float, y1: float,
             intensity: float = 1.0, colour: int = 0) -> None:
        """A lit vector from (x0, y0) to (x1, y1)."""
        self.move(x0, y0)
        self.draw(x1, y1, intensity, colour)

    def dot(self, x: float, y: float, intensity: float = 1.0, colour: int = 0) -> None:
        """A zero-length vector: the beam parked at one point (a star, a shot)."""
        tx, ty = self.transform_point(x, y)
        self.segment(tx, ty, tx, ty, intensity, colour)
        self.beam_x, self.beam_y = tx, ty

    def polyline(self, points: Iterable[tuple[float, float]], intensity: float = 1.0,
                 colour: int = 0, closed: bool = False) -> None:
        """Connected vectors through ``points``; ``closed`` returns to the first."""
        it = iter(points)
        try:
            first = next(it)
        except StopIteration:
            return
        self.move(*first)
        for p in it:
            self.draw(p[0], p[1], intensity, colour)
        if closed:
            self.draw(first[0], first[1], intensity, colour)

    def rect(self, x0: float, y0: float, x1: float, y1: float,
             intensity: float = 1.0, colour: int = 0) -> None:
        self.polyline(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), intensity, colour, closed=True)

    # ------------------------------------------------------------------ text
    def text(self, s: str, x: float, y: float, size: float = 24.0, intensity: float = 1.0,
             colour: int = 0, align: str = "left") -> None:
        """Draw ``s`` with the project's vector font.

        ``(x, y)`` is the baseline start (``align`` "left"), centre ("center")
        or end ("right"); ``size`` is the capital height in display units.
        Characters outside printable ASCII draw as "?".
        """
        k = size / font.CAP_HEIGHT
        width = font.text_width(s) * k
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        self.push()
        self.translate(x, y)
        self.scale(k)
        pen = 0.0
        for ch in s:
            for stroke in font.strokes(ch):
                if len(stroke) == 1:
                    px, py = stroke[0]
                    self.dot(pen + px, py, intensity, colour)
                else:
                    self.polyline(((pen + px, py) for px, py in stroke), intensity, colour)
            pen += font.ADVANCE
        self.pop()

    # ---------------------------------------------------------------- shapes
    def define_shape(self, name: str, strokes: Iterable[Stroke]) -> None:
        """Store a reusable shape: a list of strokes (point lists) in its own
        coordinates, drawn later by ``shape`` (a vector subroutine)."""
        self._shapes[name] = tuple(tuple((float(x), float(y)) for x, y in s) for s in strokes)

    def has_shape(self, name: str) -> bool:
        return name in self._shapes

    def shape(self, name: str, x: float = 0.0, y: float = 0.0, angle: float = 0.0,
              scale: float = 1.0, intensity: float = 1.0, colour: int = 0) -> None:
        """Draw the named shape at (x, y), rotated by ``angle`` radians and scaled.

        Raises ``KeyError`` for a shape never defined."""
        strokes = self._shapes[name]
        self.push()
        self.translate(x, y)
        if angle:
            self.rotate(angle)
        if scale != 1.0:
            self.scale(scale)
        for s in strokes:
            if len(s) == 1:
                self.dot(s[0][0], s[0][1], intensity, colour)
            else:
                self.polyline(s, intensity, colour)
        self.pop()

    # --------------------------------------------------------------- reading
    def segments(self) -> Iterator[tuple[float, float, float, float, float, int]]:
        """Yield each record as ``(x0, y0, x1, y1, intensity, colour_index)``."""
        buf = self.buffer
        for i in range(0, self.count * RECORD, RECORD):
            yield (buf[i], buf[i + 1], buf[i + 2], buf[i + 3], buf[i + 4], int(buf[i + 5]))

    def frame(self) -> tuple[array, list[tuple[int, int, int]], int]:
        """The contract triple ``(buffer, palette, count)``."""
        return self.buffer, self.palette, self.count

    def bounds(self) -> tuple[float, float, float, float] | None:
        """``(xmin, ymin, xmax, ymax)`` over every segment end, or None if empty."""
        if not self.count:
            return None
        xs: list[float] = []
        ys: list[float] = []
        for x0, y0, x1, y1, _, _ in self.segments():
            xs += (x0, x1)
            ys += (y0, y1)
        return min(xs), min(ys), max(xs), max(ys)
