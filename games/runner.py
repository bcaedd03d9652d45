"""A game as a front end drives it: named controls in, a display list out.

The canvas worker (web/js/worker.js) holds one ``GameRunner``.  Each
animation frame it calls ``frame(ticks)``, which runs that many fixed ticks
and renders, then reads ``buffer`` (the display list's ``array('f')``,
contract in ../shared/DESIGN.md) with one zero-copy view.  Everything else
crosses as short JSON strings, so no Python objects leak into JavaScript.
"""

from __future__ import annotations

import json
from typing import Any

from machines.vector.displaylist import DisplayList

from . import GAMES, available, game_class
from .controls import ANALOG_RANGE, normalise
from .sound import to_json


def list_games_json() -> str:
    """``[{"name", "title"}, ...]`` for the games present, as JSON."""
    out = []
    for name in available():
        cls = game_class(name)
        out.append({"name": name, "title": cls.title})
    return json.dumps(out)


class GameRunner:
    """One running game.  ``name`` is a key of ``games.GAMES``; raises
    ``games.UnknownGame`` for other names and ``ValueError`` for bad
    settings."""

    def __init__(self, name: str, seed: int = 0, settings_json: str = "{}") -> None:
        self.game = game_class(name)(settings=json.loads(settings_json or "{}"), seed=seed)
        self.dl = DisplayList()
        self.buffer = self.dl.buffer
        self._held: dict[str, Any] = {}
        self._controls = normalise({})
        self._tapped: set[str] = set()  # pressed since the last tick
        self._spin = 0.0  # relative spinner steps not yet given to a tick
        self._events: list[str] = []
        self._loops: dict[str, float] = {}
        self._fault = False
        self.palette_version = 0
        self._palette: list | None = None
        self.game.render(self.dl)

    @property
    def count(self) -> int:
        """Segments in ``buffer`` for the last frame."""
        return self.dl.count

    # -------------------------------------------------------------- inputs
    def set_control(self, name: str, value: float) -> None:
        """Hold control ``name`` at ``value`` (bools as 0/1) until changed.

        Raises ``ValueError`` for an unknown control name."""
        held = dict(self._held)
        held[name] = value
        self._controls = normalise(held)
        self._held = held
        if value and isinstance(self._controls[name], bool):
            # A tap shorter than a frame (key down and up between two
            # ticks) still reaches the game for one tick.
            self._tapped.add(name)

    def spin(self, steps: float) -> None:
        """Add relative ``spinner`` steps (a mouse or touch drag, Tempest's
        knob) to the next ticks: they go to the game once, on top of the
        held spinner value, at most the control's range per tick."""
        self._spin += float(steps)

    def release_all(self) -> None:
        """Let go of every control (the page lost focus)."""
        self._held = {}
        self._controls = normalise({})
        self._tapped.clear()
        self._spin = 0.0

    # --------------------------------------------------------------- ticks
    def frame(self, ticks: int) -> int:
        """Advance ``ticks`` fixed ticks (0 just redraws), render; return the
        number of segments in ``buffer``."""
        if self._fault:
            self._fault = False
            raise RuntimeError("injected fault: the test hook asked Python to fail here")
        game = self.game
        for _ in range(ticks):
            controls = self._controls
            if self._tapped:
                controls = dict(controls)
                controls.update((name, True) for name in self._tapped)
                self._tapped.clear()
            if self._spin:
                lo, hi = ANALOG_RANGE["spinner"]
                take = min(hi, max(lo, self._spin))
                self._spin -= take
                controls = dict(controls)
                controls["spinner"] = min(hi, max(lo, controls["spinner"] + take))
            game.step(controls)
            if game.sound_events:
                self._events.extend(game.sound_events)
        game.render(self.dl)
        if self.dl.palette != self._palette:
            self._palette = list(self.dl.palette)
            self.palette_version += 1
        return self.dl.count

    def use_bench_scene(self, seed: int = 1) -> bool:
        """Benchmark hook: replace the game by its busiest scene (the class's
        ``bench_scene(seed)``) and render it; False if it has none."""
        maker = getattr(type(self.game), "bench_scene", None)
        if maker is None:
            return False
        self.game = maker(seed)
        self.game.render(self.dl)
        return True

    def inject_fault(self) -> None:
        """Test hook: the next ``frame`` raises, as a bug in a game would."""
        self._fault = True

    # ------------------------------------------------------------- outputs
    def palette_json(self) -> str:
        return json.dumps(self.dl.palette)

    def take_events_json(self) -> str:
        """Sound events since the last call and changed loop levels, as JSON
        ``{"sounds": [...], "loops": {...}}``, or "" when nothing changed."""
        loops = self.game.loops()
        changed = loops != self._loops
        if not self._events and not changed:
            return ""
        out = {"sounds": self._events, "loops": loops if changed else None}
        self._events = []
        self._loops = dict(loops)
        return json.dumps(out)

    def info_json(self) -> str:
        g = self.game
        return json.dumps({
            "name": g.name, "title": g.title, "window": list(g.window),
            "refresh_hz": g.refresh_hz, "controls": list(g.controls_used),
            "labels": dict(g.control_labels),
            "key_legend": [list(pair) for pair in g.key_legend],
            "paddle_travel": list(getattr(g, "paddle_travel", ()) or ()) or None,
            "help": g.help, "sounds": to_json(g.SOUNDS), "settings": g.settings,
            "games": [{"name": n, "title": game_class(n).title} for n in available()],
            "registry": sorted(GAMES),
        })

    def state_json(self) -> str:
        return json.dumps(self.game.state())

    def persistent_json(self) -> str:
        data = self.game.persistent_data()
        return "" if data is None else json.dumps(data)

    def load_persistent_json(self, text: str) -> None:
        """Restore saved data; malformed JSON is ignored (a fresh table)."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            return
        if isinstance(data, dict):
            self.game.load_persistent_data(data)
