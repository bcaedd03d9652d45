"""What every game is: the front door the canvas worker, pyxel and the command line use.

A game (../shared/DESIGN.md, "Games") has a ``name``, a refresh rate, a
visible window and aspect, settings (the operator switches of the
original), ``reset(seed)``, ``step(controls)`` advancing one fixed tick,
``render(display_list)`` that only draws, and ``state()`` with at least
``mode`` (attract, play, game_over), ``score``, ``lives``, ``level``.
Randomness comes only from ``self.rng``, seeded by ``reset``.
"""

from __future__ import annotations

import random
from typing import Any, Mapping

from machines.vector.displaylist import DEFAULT_PALETTE, DisplayList

from .sound import Tone


SETTING_MAX = 1_000_000_000
"""The largest number an operator setting takes (lives, bonus scores)."""


def check_setting(game: str, key: str, value: Any, default: Any) -> None:
    """An operator setting must be of its default's kind: a whole number
    0..SETTING_MAX for a number, a list of them for a list, text for text.
    Raises ``ValueError`` naming the game and setting (``--set ships=1e999``,
    ``--set bonus_ship=null``)."""
    def whole(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= SETTING_MAX

    if isinstance(default, bool):
        ok, kind = isinstance(value, bool), "true or false"
    elif isinstance(default, int):
        ok, kind = whole(value), f"a whole number from 0 to {SETTING_MAX:,}"
    elif isinstance(default, float):
        ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
              and 0 <= value <= SETTING_MAX)
        kind = f"a number from 0 to {SETTING_MAX:,}"
    elif isinstance(default, (list, tuple)):
        ok = isinstance(value, (list, tuple)) and len(value) <= 100 and all(whole(v) for v in value)
        kind = f"a list of whole numbers from 0 to {SETTING_MAX:,} (at most 100)"
    elif isinstance(default, str):
        ok, kind = isinstance(value, str), "text"
    else:
        ok, kind = True, ""
    if not ok:
        raise ValueError(f"{game}: setting {key!r} must be {kind}, not {shown(value)}")


def shown(value: Any) -> str:
    """``repr(value)`` for a message: at most 40 characters."""
    try:
        text = repr(value)
    except ValueError:                             # an int too long to print
        return "a number of thousands of digits"
    return text if len(text) <= 40 else text[:37] + "..."


def _either(choices: tuple[Any, ...]) -> str:
    """``1 or 2``, ``one of 2, 3, 4, 5``."""
    words = [str(c) for c in choices]
    return " or ".join(words) if len(words) == 2 else "one of " + ", ".join(words)


class Game:
    """Base class.  Subclasses set the class attributes and implement
    ``reset``, ``step``, ``render`` and ``state``."""

    name = "game"
    title = "Game"
    refresh_hz = 60.0
    # Visible window in display units (x0, y0, x1, y1); renderers letterbox
    # this rectangle to its own aspect, never stretching it.
    window: tuple[float, float, float, float] = (0.0, 0.0, 1024.0, 1024.0)
    palette: tuple[tuple[int, int, int], ...] = DEFAULT_PALETTE
    controls_used: tuple[str, ...] = ()
    # What the cabinet called a control where it differs from its name
    # (Lunar Lander's fire button is ABORT); front ends label buttons so.
    control_labels: dict[str, str] = {}
    # This game's keys for the page and the desktop help: (keys, action)
    # pairs, e.g. (("← →", "rotate"), ("Space", "fire")).
    key_legend: tuple[tuple[str, str], ...] = ()
    default_settings: dict[str, Any] = {}
    # The values a setting may take where the cabinet offered a few (its
    # DIP switches): checked by ``check_settings`` before the kind.
    setting_choices: dict[str, tuple[Any, ...]] = {}
    SOUNDS: dict[str, tuple[Tone, ...]] = {}
    help = ""

    @classmethod
    def check_settings(cls, settings: Mapping[str, Any] | None) -> None:
        """``ValueError`` for an unknown setting, one outside its
        ``setting_choices`` or one not of its default's kind
        (``check_setting``); the message names the game, the setting and
        what it may be."""
        unknown = set(settings or {}) - set(cls.default_settings)
        if unknown:
            raise ValueError(f"{cls.name}: unknown settings {sorted(unknown)}")
        for key, value in (settings or {}).items():
            choices = cls.setting_choices.get(key)
            if choices is not None:
                # True == 1, but a switch is not a count: no bools among numbers.
                if isinstance(value, bool) or value not in choices:
                    raise ValueError(f"{cls.name}: {key} must be {_either(choices)}, not {shown(value)}")
            check_setting(cls.name, key, value, cls.default_settings[key])

    def __init__(self, settings: Mapping[str, Any] | None = None, seed: int = 0) -> None:
        self.check_settings(settings)
        self.settings = {**self.default_settings, **(settings or {})}
        self.rng = random.Random(seed)
        self.sound_events: list[str] = []
        self.tick = 0
        self._held: dict[str, bool] = {}
        self.reset(seed)

    @property
    def aspect(self) -> float:
        x0, y0, x1, y1 = self.window
        return (x1 - x0) / (y1 - y0)

    def pressed(self, controls: Mapping[str, Any], name: str) -> bool:
        """True on the tick digital control ``name`` goes down, as a
        cabinet's button edge; needs ``remember(controls)`` each tick."""
        return bool(controls.get(name)) and not self._held.get(name, False)

    def remember(self, controls: Mapping[str, Any]) -> None:
        """Keep this tick's digital controls for ``pressed`` on the next
        (an empty mapping forgets them, e.g. on reset)."""
        self._held = {k: bool(v) for k, v in controls.items() if isinstance(v, bool)}

    def reset(self, seed: int = 0) -> None:
        raise NotImplementedError

    def step(self, controls: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def render(self, dl: DisplayList) -> None:
        raise NotImplementedError

    def state(self) -> dict[str, Any]:
        raise NotImplementedError

    def persistent_data(self) -> dict[str, Any] | None:
        """JSON-able data that outlives a game (a high-score table), or None.

        Front ends keep it: localStorage in the browser, a file on the desktop."""
        return None

    def load_persistent_data(self, data: dict[str, Any]) -> None:
        """Restore what ``persistent_data`` returned (ignore what is malformed)."""

    def loops(self) -> dict[str, float]:
        """Continuous sounds now playing: name -> level 0..1."""
        return {}
