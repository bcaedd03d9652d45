"""Rasterize a display list into an RGB image, the way a vector monitor glows.

Desktop only (numpy, Pillow): PNG output (``python -m games NAME --png``) and
image tests.  The browser draws the same contract with Canvas 2D.

The look follows MAME's vector renderer (../shared/reference/arcade.md 2.8):
every segment is an anti-aliased line added into the frame (``BLENDMODE_ADD``,
alpha = intensity), its width set by intensity through MAME's
``beam_width_min`` / ``beam_width_max`` / ``beam_intensity_weight`` sigmoid,
in units of 1/512 of the screen; a zero-length segment is a dot whose width
is scaled by ``beam_dot_size``.  On top of MAME's core we add a soft
Gaussian halo (a cheap stand-in for its bloom post-process) and optional
phosphor persistence (``phosphor_life``, kept as ``max(new, old * life)``).

Geometry: the game's ``window`` (x0, y0, x1, y1 in display units, y up) is
letterboxed into the image, centred, never stretched; what lies outside the
window is not drawn.  Pixel (0, 0) is the top-left corner of the image.

How it is vectorised: each segment is cut into pieces at most ``_PIECE``
pixels long; every piece gets a square patch of pixels (its bounding box
plus the glow reach) and all patches of a batch are evaluated at once
(distance from each pixel centre to the whole segment), then summed into the
frame with ``numpy.bincount``.  A pixel counts for a piece only if its
projection onto the segment falls within that piece, so each segment adds
each pixel exactly once.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
from PIL import Image

from .displaylist import RECORD

DEFAULT_LONG_SIDE = 768
"""Image size on the long side when neither width nor height is given."""
WIDTH_DENOM = 512.0
"""MAME's VECTOR_WIDTH_DENOM: beam widths are in 1/512 of the screen (long side here)."""

_PIECE = 16           # longest piece of a segment, in pixels
_BATCH_PIXELS = 1 << 21  # pixel evaluations per numpy batch (bounds memory)


def letterbox(window: Sequence[float], width: int | None = None,
              height: int | None = None) -> tuple[int, int, tuple[float, float, float]]:
    """Fit ``window`` (x0, y0, x1, y1, display units) into an image.

    With neither size given the long side is ``DEFAULT_LONG_SIDE`` and the
    other follows the window's aspect; with one given the other follows;
    with both, the window is scaled to fit and centred (black bars).
    Returns ``(width, height, (left, top, scale))``: the image size in
    pixels, the viewport's top-left corner in pixels and pixels per display
    unit.  Raises ``ValueError`` for an empty window or a size below 1."""
    x0, y0, x1, y1 = (float(v) for v in window)
    ww, wh = x1 - x0, y1 - y0
    if not (ww > 0 and wh > 0):
        raise ValueError(f"window {tuple(window)} must have x1 > x0 and y1 > y0")
    aspect = ww / wh
    if width is None and height is None:
        if aspect >= 1:
            width = DEFAULT_LONG_SIDE
        else:
            height = DEFAULT_LONG_SIDE
    if width is None:
        width = max(1, round(height * aspect))
    if height is None:
        height = max(1, round(width / aspect))
    width, height = int(width), int(height)
    if width < 1 or height < 1:
        raise ValueError(f"image size {width}x{height} must be at least 1x1")
    scale = min(width / ww, height / wh)
    left = (width - ww * scale) / 2
    top = (height - wh * scale) / 2
    return width, height, (left, top, scale)


def normalized_sigmoid(n: np.ndarray | float, k: float) -> np.ndarray | float:
    """MAME's ``normalized_sigmoid``: 0 -> 0, 1 -> 1; ``k`` in -1..1, 0 is linear,
    negative rises faster, positive slower (src/emu/video/vector.cpp)."""
    return (n - n * k) / (k - np.abs(n) * 2.0 * k + 1.0)


def _segments(dl) -> np.ndarray:
    """The frame's records as an (n, 6) float64 array (one copy)."""
    n = dl.count
    if n == 0:
        return np.zeros((0, RECORD))
    flat = np.frombuffer(dl.buffer, dtype=np.float32, count=n * RECORD)
    return flat.reshape(n, RECORD).astype(np.float64)


def rasterize(dl, window: Sequence[float], width: int | None = None, height: int | None = None,
              *, glow: bool = True, persistence=None,
              beam_width_min: float = 1.0, beam_width_max: float = 1.8,
              beam_intensity_weight: float = 0.0, beam_dot_size: float = 1.6,
              glow_radius: float = 1.6, glow_gain: float = 0.22) -> np.ndarray:
    """Render ``dl`` (a DisplayList, or anything with ``buffer``, ``count``,
    ``palette``) as an ``(height, width, 3)`` uint8 RGB array.

    ``window`` is the game's visible rectangle, letterboxed as ``letterbox``
    describes.  Beam widths (``beam_width_*``, MAME's option names) and
    ``glow_radius`` (the halo's Gaussian sigma) are in 1/512 of the image's
    long side; ``glow_gain`` is the halo's peak relative to the core.
    ``glow=False`` draws the bare anti-aliased beam.  As in MAME, when every
    segment of the frame has the same intensity the minimum width is used.
    ``persistence`` is None or ``(previous_image, phosphor_life)``: the
    previous frame (same shape, uint8) decays by ``phosphor_life`` (0..1)
    and the brighter of old and new is kept.

    A colour index outside the palette raises ``IndexError``."""
    w, h, (left, top, scale) = letterbox(window, width, height)
    wx0, wy0, wx1, wy1 = (float(v) for v in window)
    unit = max(w, h) / WIDTH_DENOM
    acc = np.zeros((3, h * w), dtype=np.float64)
    seg = _segments(dl)
    if len(seg):
        palette = np.asarray(dl.palette, dtype=np.float64).reshape(-1, 3) / 255.0
        colour_index = seg[:, 5].astype(np.int64)
        if colour_index.min() < 0 or colour_index.max() >= len(palette):
            bad = int(colour_index[(colour_index < 0) | (colour_index >= len(palette))][0])
            raise IndexError(f"colour index {bad} outside the palette of {len(palette)} colours")
        colours = palette[colour_index]
        _draw(acc, seg, colours, w, h, left, top, scale, wx0, wy1, unit,
              glow, beam_width_min, beam_width_max, beam_intensity_weight, beam_dot_size,
              glow_radius, glow_gain)
    img = acc.reshape(3, h, w).transpose(1, 2, 0)
    # A hot core overdrives the phosphor towards white, as on a real tube.
    spill = np.clip(img.max(axis=2, keepdims=True) - 1.0, 0.0, None) * 0.25
    img = np.clip(img + spill, 0.0, 1.0)
    if persistence is not None:
        previous, life = persistence
        previous = np.asarray(previous)
        if previous.shape != img.shape:
            raise ValueError(f"persistence image shape {previous.shape} != {img.shape}")
        img = np.maximum(img, previous.astype(np.float64) / 255.0 * float(life))
    return (img * 255.0 + 0.5).astype(np.uint8)


def _draw(acc, seg, colours, w, h, left, top, scale, wx0, wy1, unit, glow,
          wmin, wmax, weight, dot_size, glow_radius, glow_gain) -> None:
    ax = left + (seg[:, 0] - wx0) * scale
    ay = top + (wy1 - seg[:, 1]) * scale
    bx = left + (seg[:, 2] - wx0) * scale
    by = top + (wy1 - seg[:, 3]) * scale
    intensity = seg[:, 4]
    if intensity.min() == intensity.max():
        width = np.full(len(seg), wmin)
    else:
        width = wmin + normalized_sigmoid(intensity, weight) * (wmax - wmin)
    dx, dy = bx - ax, by - ay
    length = np.hypot(dx, dy)
    dot = length < 1e-6
    width = np.where(dot, width * dot_size, width)
    half = np.maximum(width * unit / 2.0, 0.5)  # at least a one-pixel core
    sigma = max(glow_radius * unit, 1.0)  # a visible halo even in small images
    reach = max(float(half.max()) + 1.0, 3.0 * sigma if glow else 0.0)
    rad = int(math.ceil(reach))
    # Cut into pieces; piece k of n owns projections t in [k/n, (k+1)/n).
    pieces = np.maximum(1, np.ceil(length / _PIECE)).astype(np.int64)
    sid = np.repeat(np.arange(len(seg)), pieces)
    first = np.cumsum(pieces) - pieces
    k = np.arange(len(sid)) - np.repeat(first, pieces)
    n = pieces[sid]
    # Where a segment continues the previous one (a polyline), the two split
    # the joint along the bisector of their directions, so a corner is lit
    # once, not twice: the previous segment keeps the pixels behind the
    # line through the joint with normal cut = u_prev + u_next, the next one
    # those in front.  (A full reversal, cut = 0, keeps both.)
    safe = np.where(dot, 1.0, length)
    ux, uy = dx / safe, dy / safe
    joined = np.zeros(len(seg), dtype=bool)
    joined[1:] = ((np.abs(ax[1:] - bx[:-1]) < 1e-3) & (np.abs(ay[1:] - by[:-1]) < 1e-3)
                  & ~dot[1:] & ~dot[:-1])
    scx = np.where(joined, ux + np.roll(ux, 1), 0.0)  # start cut of each segment
    scy = np.where(joined, uy + np.roll(uy, 1), 0.0)
    ecx = np.append(scx[1:], 0.0)                      # end cut = next one's start cut
    ecy = np.append(scy[1:], 0.0)
    end_cut = (ecx != 0.0) | (ecy != 0.0)
    t0 = np.where(k == 0, -np.inf, k / n)
    t1 = np.where(k == n - 1, np.inf, (k + 1) / n)
    px0 = ax[sid] + dx[sid] * np.clip(k / n, 0, 1)
    py0 = ay[sid] + dy[sid] * np.clip(k / n, 0, 1)
    px1 = ax[sid] + dx[sid] * np.clip((k + 1) / n, 0, 1)
    py1 = ay[sid] + dy[sid] * np.clip((k + 1) / n, 0, 1)
    ox = np.floor(np.minimum(px0, px1)).astype(np.int64) - rad
    oy = np.floor(np.minimum(py0, py1)).astype(np.int64) - rad
    size = _PIECE + 2 * rad + 2
    # Drop pieces whose patch misses the image entirely.
    keep = (ox + size > 0) & (oy + size > 0) & (ox < w) & (oy < h)
    idx = np.nonzero(keep)[0]
    grid = np.arange(size)
    vx0, vx1 = left, w - left
    vy0, vy1 = top, h - top
    len2 = np.where(dot, 1.0, length * length)
    batch = max(1, _BATCH_PIXELS // (size * size))
    for start in range(0, len(idx), batch):
        p = idx[start:start + batch]
        s = sid[p]
        X = ox[p][:, None, None] + grid[None, None, :]
        Y = oy[p][:, None, None] + grid[None, :, None]
        cx = X + 0.5 - ax[s][:, None, None]
        cy = Y + 0.5 - ay[s][:, None, None]
        sdx, sdy = dx[s][:, None, None], dy[s][:, None, None]
        traw = (cx * sdx + cy * sdy) / len2[s][:, None, None]
        traw = np.where(dot[s][:, None, None], 0.0, traw)
        own = (traw >= t0[p][:, None, None]) & (traw < t1[p][:, None, None])
        own &= cx * scx[s][:, None, None] + cy * scy[s][:, None, None] >= 0.0
        own &= (((cx - sdx) * ecx[s][:, None, None] + (cy - sdy) * ecy[s][:, None, None]) < 0.0) \
            | ~end_cut[s][:, None, None]
        t = np.clip(traw, 0.0, 1.0)
        dist = np.hypot(cx - t * sdx, cy - t * sdy)
        value = np.clip(half[s][:, None, None] + 0.5 - dist, 0.0, 1.0)
        if glow:
            value = value + glow_gain * np.exp(-0.5 * (dist / sigma) ** 2)
        value = value * intensity[s][:, None, None]
        inside = ((X >= 0) & (X < w) & (Y >= 0) & (Y < h)
                  & (X + 0.5 >= vx0) & (X + 0.5 < vx1) & (Y + 0.5 >= vy0) & (Y + 0.5 < vy1))
        mask = own & inside & (value > 1.0 / 1024)
        flat = (Y * w + X)[mask]
        vals = value[mask]
        rgb = np.broadcast_to(colours[s][:, None, None, :], value.shape + (3,))[mask]
        for c in range(3):
            if rgb[:, c].any():
                acc[c] += np.bincount(flat, weights=vals * rgb[:, c], minlength=h * w)


def write_png(dl, path, window: Sequence[float], width: int | None = None,
              height: int | None = None, **options) -> None:
    """Rasterize ``dl`` (see ``rasterize``; ``options`` pass through) and write
    an RGB PNG at ``path``.  An unwritable path raises ``OSError``."""
    Image.fromarray(rasterize(dl, window, width, height, **options), "RGB").save(path, format="PNG")


def lit_fraction(image: np.ndarray, threshold: int = 32) -> float:
    """Fraction of pixels whose brightest channel exceeds ``threshold`` (0-255)."""
    return float((np.asarray(image).max(axis=-1) > threshold).mean())
