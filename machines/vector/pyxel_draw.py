"""The vector display drawn in a pyxel window: palette ramps, phosphor trail, lines.

Shared by the desktop front ends: the games' window (games/desktop.py) and
the IBM 1130's (machines/ibm1130/desktop/, which draws the 2250 screen in a
part of its window through ``viewport``).

pyxel has a 256-colour indexed framebuffer and one-pixel aliased lines
without blending (../shared/reference/arcade.md 3.2, 3.4), so the vector
look is built from what it has: every palette colour becomes a ramp of
``levels`` brightness steps in ``pyxel.colors`` (intensity picks the step),
and each vector is drawn twice, a dim halo of offset lines first and the
bright one-pixel core over it; dots are a bright pixel or small disc
over a dim disc.  Phosphor persistence is a trail: the last frames'
vectors are drawn again first, each older one a ramp step or two dimmer
(``PhosphorTrail``).

Desktop only: imports pyxel (and numpy through the rasterizer's ``letterbox``).
"""

from __future__ import annotations

import math
from typing import Sequence

import pyxel

from .displaylist import RECORD, DisplayList
from .rasterizer import letterbox

LEVELS = 8
"""Brightness steps per palette colour in the pyxel palette."""
HALO = 0.3
"""Brightness of the halo relative to the core."""
TRAIL_FRAMES = 3
"""Frames of phosphor trail kept."""
TRAIL_DECAY = 0.5
"""Brightness left in the trail per frame of age (phosphor_life, per frame)."""


class PhosphorTrail:
    """The last ``frames`` frames' vectors, newest first, in screen pixels
    (intensity, x0, y0, x1, y1, colour), for ``render_to_pyxel`` to draw
    again at ``decay ** age`` of their brightness."""

    def __init__(self, frames: int = TRAIL_FRAMES, decay: float = TRAIL_DECAY) -> None:
        if frames < 0 or not 0.0 <= decay < 1.0:
            raise ValueError("PhosphorTrail needs frames >= 0 and 0 <= decay < 1")
        self.frames, self.decay = frames, decay
        self.history: list[list[tuple]] = []

    def push(self, segs: list[tuple]) -> None:
        self.history.insert(0, segs)
        del self.history[self.frames:]


# ------------------------------------------------------------------ palette
def palette_ramps(palette: Sequence[tuple[int, int, int]], levels: int = LEVELS) -> list[int]:
    """The pyxel colour list for ``palette``: index 0 black, then ``levels``
    steps of each colour from dim to full (24-bit ints, 0xRRGGBB).

    Raises ``ValueError`` when the ramps would not fit pyxel's 256 colours."""
    if 1 + len(palette) * levels > 256:
        raise ValueError(f"{len(palette)} colours x {levels} levels exceed pyxel's 256 colours")
    out = [0x000000]
    for r, g, b in palette:
        for step in range(1, levels + 1):
            k = step / levels
            out.append((round(r * k) << 16) | (round(g * k) << 8) | round(b * k))
    return out


def ramp_index(colour: int, intensity: float, levels: int = LEVELS) -> int:
    """pyxel colour number for palette ``colour`` at ``intensity`` 0..1
    (0 only for intensity 0; any lit beam gets at least the dimmest step)."""
    if intensity <= 0.0:
        return 0
    step = min(levels, max(1, math.ceil(intensity * levels - 1e-9)))
    return 1 + colour * levels + step - 1


# ----------------------------------------------------------------- drawing
def render_to_pyxel(dl: DisplayList, window: Sequence[float], *, levels: int = LEVELS,
                    halo: bool = True, clear: bool = True,
                    trail: PhosphorTrail | None = None,
                    viewport: Sequence[int] | None = None) -> None:
    """Draw ``dl`` on the pyxel screen (pyxel must be initialised and its
    colours set with ``palette_ramps(dl.palette, levels)``).

    ``window`` (x0, y0, x1, y1, display units, y up) is letterboxed into the
    screen, or into ``viewport`` (x, y, width, height in screen pixels)
    when given, centred, never stretched, and drawing is clipped to it
    (``clear`` then clears only the viewport).
    ``halo`` adds the dim offset-line halo under each core.  Cores are drawn
    dimmest first so where vectors cross the brighter one shows.  With a
    ``trail``, its frames are drawn first, dimmed by their age (a step is
    dropped once dimmer than the ramp's first step), and this frame joins it."""
    vx, vy, vw, vh = viewport if viewport is not None else (0, 0, pyxel.width, pyxel.height)
    w, h, (left, top, scale) = letterbox(window, vw, vh)
    left, top = left + vx, top + vy
    wx0, wy1 = float(window[0]), float(window[3])
    if clear and viewport is None:
        pyxel.cls(0)
    elif clear:
        pyxel.rect(vx, vy, vw, vh, 0)
    pyxel.clip(math.floor(left), math.floor(top),
               round(w - 2 * (left - vx)), round(h - 2 * (top - vy)))
    buf, n = dl.buffer, dl.count
    segs = []
    for i in range(0, n * RECORD, RECORD):
        segs.append((buf[i + 4],
                     left + (buf[i] - wx0) * scale, top + (wy1 - buf[i + 1]) * scale,
                     left + (buf[i + 2] - wx0) * scale, top + (wy1 - buf[i + 3]) * scale,
                     int(buf[i + 5])))
    segs.sort(key=lambda s: s[0])
    if segs and max(s[5] for s in segs) >= len(dl.palette):
        bad = max(s[5] for s in segs)
        raise IndexError(f"colour index {bad} outside the palette of {len(dl.palette)} colours")
    line, circ = pyxel.line, pyxel.circ
    if trail is not None:
        floor = 1.0 / levels
        for age in range(len(trail.history) - 1, -1, -1):
            k = trail.decay ** (age + 1)
            for intensity, x0, y0, x1, y1, c in trail.history[age]:
                if intensity * k >= floor:
                    line(x0, y0, x1, y1, ramp_index(c, intensity * k, levels))
        trail.push(segs)
    if halo:
        for intensity, x0, y0, x1, y1, c in segs:
            col = ramp_index(c, intensity * HALO, levels)
            if x0 == x1 and y0 == y1:
                circ(x0, y0, 1, col)
                continue
            # Offset across the line's minor axis: a halo two pixels wider.
            if abs(x1 - x0) >= abs(y1 - y0):
                line(x0, y0 - 1, x1, y1 - 1, col)
                line(x0, y0 + 1, x1, y1 + 1, col)
            else:
                line(x0 - 1, y0, x1 - 1, y1, col)
                line(x0 + 1, y0, x1 + 1, y1, col)
    for intensity, x0, y0, x1, y1, c in segs:
        col = ramp_index(c, intensity, levels)
        if x0 == x1 and y0 == y1:
            # A bright dot: a one-pixel core, widened to a small disc when
            # bright (a parked beam blooms) or when the halo is off.
            if intensity > 0.75 or not halo:
                circ(x0, y0, 1, col)
            else:
                pyxel.pset(x0, y0, col)
        else:
            line(x0, y0, x1, y1, col)
    pyxel.clip()
