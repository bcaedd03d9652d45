"""The bundled challenges, in order, and finding one by id, level or file.

The catalogue is the ``catalogue/*.toml`` package data of this package
(``pyproject.toml`` puts it in the wheel, so it reaches dist/ and Pyodide),
read with ``importlib.resources``.  Challenges are ordered by ``level``;
each unlocks the next on the site.
"""

from __future__ import annotations

import os
from importlib import resources

from .model import Challenge, ChallengeError, load_challenge, parse_challenge

_CACHE: list[Challenge] | None = None


def catalogue() -> list[Challenge]:
    """Every bundled challenge, ordered by level then id (read once)."""
    global _CACHE
    if _CACHE is None:
        folder = resources.files(__package__) / "catalogue"
        found = []
        for entry in folder.iterdir():
            if entry.name.endswith(".toml"):
                found.append(parse_challenge(entry.read_text(encoding="utf-8"), f"catalogue/{entry.name}"))
        found.sort(key=lambda c: (c.level, c.id))
        ids = [c.id for c in found]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ChallengeError(f"catalogue: the id {sorted(duplicates)[0]!r} is used twice")
        _CACHE = found
    return list(_CACHE)


def find(name: str) -> Challenge:
    """A challenge by bundled id (``array-sum``), level number (``6``) or
    the path of a challenge file (anything ending in ``.toml`` or naming an
    existing file).  Raises ChallengeError with the known ids."""
    if name.endswith(".toml") or os.sep in name or "/" in name:
        return load_challenge(name)
    for challenge in catalogue():
        if challenge.id == name or (name.isdigit() and challenge.level == int(name)):
            return challenge
    if os.path.isfile(name):
        return load_challenge(name)
    ids = ", ".join(c.id for c in catalogue())
    raise ChallengeError(f"{name}: no such challenge (bundled: {ids}; or give a .toml file)")
