"""Directions as the Atari games kept them: 256 steps a turn, read through a
sine table rounded to 1/16384 (as the 6502 code read its table).

Game physics uses only these tables, never the platform's ``sin``, so a
game is bit-identical on CPython and on Pyodide (DESIGN.md "Deterministic").
Direction 0 points right, 64 up (y up).
"""

from __future__ import annotations

import math

DIRECTIONS = 256


def sine_tables(directions: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """``(SIN, COS)`` for ``directions`` steps a turn (a multiple of 4),
    each value rounded to 1/16384."""
    sin = tuple(round(math.sin(2 * math.pi * i / directions) * 16384) / 16384 for i in range(directions))
    return sin, tuple(sin[(i + directions // 4) % directions] for i in range(directions))


def nearest_direction(y: float, x: float, directions: int = DIRECTIONS) -> int:
    """The direction (0..directions-1) nearest to the angle ``atan2(y, x)``."""
    return int(math.floor(math.atan2(y, x) * directions / (2 * math.pi) + 0.5)) % directions


SIN, COS = sine_tables(DIRECTIONS)
