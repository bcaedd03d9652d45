"""Recorded inputs: JSON lines ``{"frame": n, "controls": {...}}``.

From tick ``n`` on, each named control holds the given value until a later
line changes it (../shared/DESIGN.md, "contract: controls").
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from . import controls as ctl


class InputFileError(ValueError):
    """A malformed inputs file; ``str()`` is ``FILE:LINE:COL: message``."""

    def __init__(self, filename: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{filename}:{line}:{column}: {message}")
        self.filename, self.line, self.column = filename, line, column


def parse(text: str, filename: str = "<inputs>") -> list[tuple[int, dict[str, Any]]]:
    """Parse an inputs file into ``[(frame, partial_controls), ...]`` sorted by frame.

    Raises ``InputFileError`` naming the file, line and column of the first problem."""
    changes: list[tuple[int, dict[str, Any]]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputFileError(filename, lineno, e.colno, f"bad JSON: {e.msg}") from None
        col = len(line) - len(line.lstrip()) + 1
        if not isinstance(obj, dict):
            raise InputFileError(filename, lineno, col, "each line must be an object")
        frame = obj.get("frame")
        if isinstance(frame, bool) or not isinstance(frame, int) or frame < 0:
            raise InputFileError(filename, lineno, col, '"frame" must be a non-negative integer')
        controls = obj.get("controls", {})
        if not isinstance(controls, dict):
            raise InputFileError(filename, lineno, col, '"controls" must be an object')
        extra = set(obj) - {"frame", "controls"}
        if extra:
            raise InputFileError(filename, lineno, col, f"unknown key {sorted(extra)[0]!r}")
        try:
            ctl.normalise(controls)
        except ValueError as e:
            raise InputFileError(filename, lineno, line.find(next(iter(controls))) if controls else col, str(e)) from None
        changes.append((frame, controls))
    changes.sort(key=lambda c: c[0])
    return changes


class Player:
    """Turns parsed changes into the full control dict for each tick."""

    def __init__(self, changes: Iterable[tuple[int, dict[str, Any]]] = ()) -> None:
        self._changes = list(changes)
        self._next = 0
        self._held: dict[str, Any] = {}

    def controls(self, frame: int) -> dict[str, Any]:
        while self._next < len(self._changes) and self._changes[self._next][0] <= frame:
            self._held.update(self._changes[self._next][1])
            self._next += 1
        return ctl.normalise(self._held)
