"""Vector games: logic that writes display lists, plus the desktop launcher.

``GAMES`` maps each game name of the command-line contract to the module
and class that implement it; modules are imported on demand.
"""

from __future__ import annotations

import importlib
import importlib.util

GAMES: dict[str, str] = {
    "pong": "games.pong:Pong",
    "asteroids": "games.asteroids:Asteroids",
    "lunar_lander": "games.lunar_lander:LunarLander",
    "battlezone": "games.battlezone:BattleZone",
    "tempest": "games.tempest:Tempest",
}


class UnknownGame(LookupError):
    pass


def available() -> list[str]:
    """Names of the games whose module is present."""
    names = []
    for name, target in GAMES.items():
        if importlib.util.find_spec(target.split(":")[0]) is not None:
            names.append(name)
    return names


def game_class(name: str):
    """The class for game ``name``; raises ``UnknownGame`` with the known names."""
    if name not in available():
        raise UnknownGame(f"unknown game {name!r}; choose one of: {', '.join(available())}")
    module, cls = GAMES[name].split(":")
    return getattr(importlib.import_module(module), cls)
