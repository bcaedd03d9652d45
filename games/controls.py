"""The named controls every game reads (../shared/DESIGN.md, "contract: controls").

Digital controls are booleans; analog ones are floats:
``spinner`` relative steps per tick (Tempest), ``lever`` 0..1 (Lunar
Lander's thrust), ``left_tread`` / ``right_tread`` -1..1 (BattleZone),
``paddle`` / ``p2_paddle`` 0 (bottom) ..1 (top), the absolute position of
Pong's knob for each player.
Keyboard, gamepad, touch and input files all map onto these names.
"""

from __future__ import annotations

from typing import Any, Mapping

DIGITAL = ("left", "right", "up", "down", "fire", "thrust", "hyperspace", "start", "zap")
ANALOG = ("spinner", "lever", "left_tread", "right_tread", "paddle", "p2_paddle")
ANALOG_RANGE = {"spinner": (-64.0, 64.0), "lever": (0.0, 1.0),
                "left_tread": (-1.0, 1.0), "right_tread": (-1.0, 1.0),
                "paddle": (0.0, 1.0), "p2_paddle": (0.0, 1.0)}
NAMES = DIGITAL + ANALOG

# Two-player games read the second player's digital controls with a "p2_" prefix.
PLAYER2 = tuple("p2_" + n for n in DIGITAL)


def neutral() -> dict[str, Any]:
    """All controls released: digital False, analog 0.0."""
    d: dict[str, Any] = {n: False for n in DIGITAL + PLAYER2}
    d.update({n: 0.0 for n in ANALOG})
    return d


def normalise(controls: Mapping[str, Any] | None) -> dict[str, Any]:
    """A full control dict from a partial one.

    Raises ``ValueError`` naming an unknown control or a non-numeric analog
    value; analog values are clamped to their range."""
    out = neutral()
    if not controls:
        return out
    for name, value in controls.items():
        if name in out and name not in ANALOG:
            out[name] = bool(value)
        elif name in ANALOG:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
                shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
                raise ControlError(name, f"control {name!r} needs a number, got {shown}")
            lo, hi = ANALOG_RANGE[name]
            # Clamp before converting: an int of 400 digits has no float.
            out[name] = float(min(hi, max(lo, value)))
        else:
            raise ControlError(name, f"unknown control {name!r} (known: {', '.join(NAMES + PLAYER2)})")
    return out


class ControlError(ValueError):
    """A control the games do not know, or an analog control without a
    number; ``control`` is its name."""

    def __init__(self, control: str, message: str) -> None:
        super().__init__(message)
        self.control = control
