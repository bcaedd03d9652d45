"""Tempest's 16 wells: rim outlines, lanes, and where the eye sits.

The wave order, which wells are open (planar) and the 16 lines of each
well are the original's [S: ALWELG.MAC comment "SEQUENCE: CIRCLE, SQUARE,
CROSS, PEANUT, KEY, TRIANGLE, CLOVER, V, STAIRS, U, FLAT, HEART, STAR,
WAVES, TOPO, 8"; ../shared/reference/arcade.md 2.3].  The outlines
themselves are our own drawings of those shapes, not the ROM's tables.

A well is 16 rim points ``(x, y)`` in well units (about -1..1, y up, the
player's usual place at the bottom), ordered counter-clockwise for closed
wells and left to right for open ones, so lane numbers grow to the right
along the bottom.  Lane ``i`` lies between rim points ``i`` and ``i + 1``
(mod 16 when closed): 16 lanes closed, 15 open.  The far end is the same
outline, further away, its centre moved by ``far_offset``; ``eye`` is the
eye's height above the well's centre [arcade.md 2.3: "each well has its
own eye position and far-end centre offset"; our values, I].

The points are computed once at import with ``math``; the game logic only
uses lane numbers and depths, never these coordinates, so the simulation
stays bit-identical on every platform (drawing may differ in the last
bit, which nobody sees).
"""

from __future__ import annotations

import math
from typing import NamedTuple, Sequence

LINES = 16
"""Rim lines (points) per well [S: ALCOMN.MAC NLINES = 16]."""

Point = tuple[float, float]


class Well(NamedTuple):
    """One well shape.  ``points``: 16 rim points (well units, y up);
    ``closed``: a tube (16 lanes) or an open strip (15 lanes); ``eye``: eye
    height above the well's centre, well units; ``far_offset``: (dx, dy)
    of the far end's centre, well units."""

    name: str
    points: tuple[Point, ...]
    closed: bool
    eye: float
    far_offset: Point

    @property
    def lanes(self) -> int:
        """16 for a closed well, 15 for an open one."""
        return LINES if self.closed else LINES - 1

    def lane_ends(self, lane: int) -> tuple[Point, Point]:
        """The two rim points bounding ``lane`` (0 <= lane < lanes)."""
        return self.points[lane], self.points[(lane + 1) % LINES]


# ----------------------------------------------------------- construction
def _polygon(corners: Sequence[Point], divisions: Sequence[int], closed: bool) -> tuple[Point, ...]:
    """Points along a polygon: edge ``k`` (corner k to k+1) cut into
    ``divisions[k]`` equal parts, so corners are rim points.  The
    divisions add up to 16 (closed) or 15 (open)."""
    pts: list[Point] = []
    n = len(corners)
    edges = n if closed else n - 1
    for k in range(edges):
        (x0, y0), (x1, y1) = corners[k], corners[(k + 1) % n]
        d = divisions[k]
        for j in range(d):
            t = j / d
            pts.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
    if not closed:
        pts.append(corners[-1])
    assert len(pts) == LINES, (len(pts), corners)
    return tuple(pts)


def _polar(radius, start_deg: float = -90.0 - 360.0 / 32) -> tuple[Point, ...]:
    """16 points at equal angles from ``start_deg`` (counter-clockwise),
    at ``radius(k, angle)``; the default start puts a lane at the bottom."""
    pts = []
    for k in range(LINES):
        a = math.radians(start_deg + k * 360.0 / LINES)
        r = radius(k, a)
        pts.append((r * math.cos(a), r * math.sin(a)))
    return tuple(pts)


def _rotate_to_bottom(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """Renumber a closed outline so lane 0 is the lowest lane (the player's
    start, [S: ALWELG.MAC INICUR starts the cursor on a fixed line; we
    start at the bottom])."""
    best = min(range(LINES), key=lambda i: (points[i][1] + points[(i + 1) % LINES][1],
                                            abs(points[i][0] + points[(i + 1) % LINES][0])))
    return points[best:] + points[:best]


def _normalise(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """Centre on the bounding box and scale the larger half-extent to 1."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2
    return tuple(((x - cx) / half, (y - cy) / half) for x, y in points)


def _closed(points) -> tuple[Point, ...]:
    """A closed outline normalised, counter-clockwise, lane 0 at the bottom."""
    pts = _normalise(tuple(points))
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]))
    if area < 0:
        pts = pts[::-1]
    return _rotate_to_bottom(pts)


def _circle():
    return _closed(_polar(lambda k, a: 1.0))


def _square():
    c = ((-1, -1), (1, -1), (1, 1), (-1, 1))
    pts = _polygon(c, (4, 4, 4, 4), True)
    # Start half a side along so a lane sits at the bottom middle.
    return _closed(pts[2:] + pts[:2])


def _cross():
    # A plus: centre square 2 wide, arms 1 long and 2 wide, 16 unit edges.
    c = ((-1, -2), (1, -2), (1, -1), (2, -1), (2, 1), (1, 1), (1, 2), (-1, 2),
         (-1, 1), (-2, 1), (-2, -1), (-1, -1))
    return _closed(_polygon(c, (2, 1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1), True))


def _peanut():
    # A bow tie: two lobes left and right, pinched at top and bottom.
    return _closed(_polar(lambda k, a: 1.0 - 0.55 * math.sin(a) ** 2, -90.0))


def _key():
    # A stylised cross: broad arms with bevelled ends, notched between.
    radii = (0.55, 1.0, 1.0, 0.55)
    return _closed(_polar(lambda k, a: radii[k % 4], -90.0 - 360.0 / 32 - 22.5))


def _triangle():
    c = ((-1.0, -0.72), (1.0, -0.72), (0.0, 1.0))
    pts = _polygon(c, (6, 5, 5), True)
    return _closed(pts[3:] + pts[:3])


def _clover():
    # Four round leaves (one under the player), deeply pinched between.
    radii = (1.0, 0.93, 0.42, 0.93)
    return _closed(_polar(lambda k, a: radii[k % 4], -90.0))


def _v():
    return _normalise(_polygon(((-1.0, 1.0), (-0.07, -1.0), (0.07, -1.0), (1.0, 1.0)),
                               (7, 1, 7), False))


def _stairs():
    pts = []
    x, y = -1.0, 1.0
    pts.append((x, y))
    for i in range(15):
        if i % 2 == 0:
            y -= 2.0 / 7.5
        else:
            x += 2.0 / 7
        pts.append((x, y))
    return _normalise(tuple(pts))


def _u():
    pts = [(-1.0, 1.0 - 0.35 * i) for i in range(4)]
    for k in range(9):
        a = math.radians(180.0 + 180.0 * k / 8)
        pts.append((math.cos(a), -0.05 + 0.95 * math.sin(a)))
    pts += [(1.0, -0.05 + 0.35 * (i + 1)) for i in range(3)]
    return _normalise(tuple(pts))


def _flat():
    return tuple((-1.0 + 2.0 * i / 15, -0.6) for i in range(LINES))


def _heart():
    pts = []
    for k in range(LINES):
        t = 2 * math.pi * k / LINES
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        pts.append((x, y))
    return _closed(pts)


def _star():
    return _closed(_polar(lambda k, a: 1.0 if k % 2 else 0.5, -90.0))


def _waves():
    # Two and a half swells of a wave across the strip.
    return _normalise(tuple((-1.0 + 2.0 * i / 15, 0.5 * math.cos(2 * math.pi * i / 6))
                            for i in range(LINES)))


def _topo():
    # A broken V: two ragged slopes down to a step at the bottom.
    heights = (1.0, 0.72, 0.8, 0.45, 0.5, 0.15, 0.05, -0.4, -0.4, -0.05, 0.1, 0.45, 0.4,
               0.75, 0.7, 1.0)
    return _normalise(tuple((-1.0 + 2.0 * i / 15, heights[i]) for i in range(LINES)))


def _eight():
    # A lying 8: the outer contour of two round lobes side by side.
    pts = []
    for k in range(8):  # right lobe, from its inner bottom round to its inner top
        a = math.radians(-150.0 + 300.0 * k / 7)
        pts.append((1.0 + math.cos(a), math.sin(a)))
    for k in range(8):  # left lobe, from its inner top round to its inner bottom
        a = math.radians(30.0 + 300.0 * k / 7)
        pts.append((-1.0 + math.cos(a), math.sin(a)))
    return _closed(pts)


# name, builder, closed, eye height, far-end offset (well units) [I]
_TABLE = (
    ("circle", _circle, True, 0.55, (0.0, 0.15)),
    ("square", _square, True, 0.55, (0.0, 0.15)),
    ("cross", _cross, True, 0.55, (0.0, 0.15)),
    ("peanut", _peanut, True, 0.5, (0.0, 0.2)),
    ("key", _key, True, 0.55, (0.0, 0.15)),
    ("triangle", _triangle, True, 0.5, (0.0, 0.25)),
    ("clover", _clover, True, 0.55, (0.0, 0.15)),
    ("v", _v, False, 0.9, (0.0, 0.6)),
    ("stairs", _stairs, False, 0.9, (0.0, 0.6)),
    ("u", _u, False, 0.8, (0.0, 0.55)),
    ("flat", _flat, False, 1.0, (0.0, 0.9)),
    ("heart", _heart, True, 0.55, (0.0, 0.15)),
    ("star", _star, True, 0.55, (0.0, 0.15)),
    ("waves", _waves, False, 0.9, (0.0, 0.6)),
    ("topo", _topo, False, 0.9, (0.0, 0.6)),
    ("eight", _eight, True, 0.5, (0.0, 0.2)),
)

WELLS: tuple[Well, ...] = tuple(Well(name, build(), closed, eye, far)
                                for name, build, closed, eye, far in _TABLE)
"""The 16 wells in wave order: level n uses ``WELLS[(n - 1) % 16]``."""


def well_for_level(level: int) -> Well:
    """The well of level ``level`` (1-based; the 16 repeat) [S: WELSEQ]."""
    return WELLS[(level - 1) % len(WELLS)]
