"""Directions as the Atari games kept them: 256 steps a turn, read through a
sine table rounded to 1/16384 (as the 6502 code read its table).

Game physics uses only these tables, never the platform's ``sin``, so a
game is bit-identical on CPython and on Pyodide (DESIGN.md "Deterministic").
Direction 0 points right, 64 up (y up).
"""

from __future__ import annotations

import math

DIRECTIONS = 256
SIN: tuple[float, ...] = tuple(round(math.sin(2 * math.pi * i / DIRECTIONS) * 16384) / 16384
                               for i in range(DIRECTIONS))
COS: tuple[float, ...] = tuple(SIN[(i + DIRECTIONS // 4) % DIRECTIONS] for i in range(DIRECTIONS))
