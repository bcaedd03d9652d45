"""Asteroids' playfield and what moves on it: the wrapping 1024 x 768
field [arcade.md 2.1] and the bodies (rocks, shots, the ship's debris,
the saucer), shared by the game (games/asteroids.py) and its saucers'
rules (asteroids_saucer)."""

from __future__ import annotations

# The playfield's size in display units: a 4:3 window of the 1024 x 1024
# space [arcade.md 2.1]; positions wrap at its edges.
W = 1024.0
H = 768.0


class _Body:
    """A moving object: position, velocity and a countdown."""

    __slots__ = ("x", "y", "vx", "vy", "life", "size", "shape")

    def __init__(self, x: float, y: float, vx: float, vy: float,
                 life: int = 0, size: int = 0, shape: int = 0) -> None:
        self.x, self.y, self.vx, self.vy = x, y, vx, vy
        self.life, self.size, self.shape = life, size, shape


class _Saucer(_Body):
    __slots__ = ("fire_timer", "turn_timer", "travelled")


class _Debris(_Body):
    """A broken line of the ship: its ends relative to the moving centre."""
    __slots__ = ("x0", "y0", "x1", "y1")


def _wrap_delta(d: float, span: float) -> float:
    """The shortest signed distance along a wrapping axis."""
    if d > span / 2:
        return d - span
    if d < -span / 2:
        return d + span
    return d


def _near(a: _Body, b: _Body, r: float) -> bool:
    dx = _wrap_delta(a.x - b.x, W)
    dy = _wrap_delta(a.y - b.y, H)
    return dx * dx + dy * dy < r * r
