"""Benchmark the numpy rasterizer and the pyxel renderer; prints figures.

``python -m machines.vector.bench`` times a 500-segment frame at 640x480
(short vectors as in a game, and long ones across the screen), against a
baseline in the same process: the obvious numpy approach that evaluates
every segment over the whole frame.
"""

from __future__ import annotations

import random
import sys
import time

import numpy as np

from machines.vector.displaylist import DisplayList
from machines.vector.rasterizer import rasterize

WINDOW = (0.0, 0.0, 1024.0, 768.0)


def frame(long: bool, n: int = 500, seed: int = 1) -> DisplayList:
    r = random.Random(seed)
    dl = DisplayList()
    for _ in range(n):
        x, y = r.uniform(0, 1024), r.uniform(0, 768)
        if long:
            x1, y1 = r.uniform(0, 1024), r.uniform(0, 768)
        else:
            x1, y1 = x + r.uniform(-60, 60), y + r.uniform(-60, 60)
        dl.line(x, y, x1, y1, r.uniform(0.3, 1.0), r.randrange(8))
    return dl


def naive(dl: DisplayList, w: int = 640, h: int = 480) -> np.ndarray:
    """Baseline: distance from every pixel to every segment, one segment at a time."""
    s = w / 1024
    yy, xx = np.mgrid[0:h, 0:w] + 0.5
    acc = np.zeros((h, w))
    for x0, y0, x1, y1, inten, _ in dl.segments():
        ax, ay, bx, by = x0 * s, h - y0 * s, x1 * s, h - y1 * s
        dx, dy = bx - ax, by - ay
        t = np.clip(((xx - ax) * dx + (yy - ay) * dy) / max(dx * dx + dy * dy, 1e-9), 0, 1)
        d = np.hypot(xx - ax - t * dx, yy - ay - t * dy)
        acc += inten * np.clip(1.5 - d, 0, 1)
    return acc


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    for long in (False, True):
        dl = frame(long)
        kind = "long (across the screen)" if long else "short (game-like, <= 85 units)"
        base = best(lambda: naive(dl), 1)
        glow = best(lambda: rasterize(dl, WINDOW, 640, 480))
        bare = best(lambda: rasterize(dl, WINDOW, 640, 480, glow=False))
        print(f"500 {kind} segments at 640x480: rasterize {glow * 1000:.0f} ms with glow, "
              f"{bare * 1000:.0f} ms without; naive full-frame baseline {base * 1000:.0f} ms "
              f"({base / glow:.1f}x slower)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
