"""Recorded inputs: JSON lines ``{"frame": n, "controls": {...}}``.

From tick ``n`` on, each named control holds the given value until a later
line changes it (../shared/DESIGN.md, "contract: controls").
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable

from machines.textfile import NotUtf8Error, decode_utf8

from . import controls as ctl


class InputFileError(ValueError):
    """A malformed inputs file; ``str()`` is ``FILE:LINE:COL: message``, or
    ``FILE: message`` (line and column 0) for the file as a whole (cannot be
    read, too large)."""

    def __init__(self, filename: str, line: int, column: int, message: str) -> None:
        where = f"{filename}:{line}:{column}" if line else filename
        super().__init__(f"{where}: {message}")
        self.filename, self.line, self.column = filename, line, column


def parse(text: str, filename: str = "<inputs>") -> list[tuple[int, dict[str, Any]]]:
    """Parse an inputs file into ``[(frame, partial_controls), ...]`` sorted by frame.

    Raises ``InputFileError`` naming the file, line and column of the first problem."""
    changes: list[tuple[int, dict[str, Any]]] = []
    # Lines end at "\n" only, as editors and ``read`` count them (a JSON
    # string may hold U+2028, which ``str.splitlines`` would split on).
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        deep = too_deep(line)
        if deep:
            raise InputFileError(filename, lineno, deep, f"bad JSON: nested more than {MAX_DEPTH} deep")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputFileError(filename, lineno, e.colno, f"bad JSON: {e.msg}") from None
        except (ValueError, RecursionError) as e:   # an integer of thousands of digits, deep nesting
            raise InputFileError(filename, lineno, 1, f"bad JSON: {str(e).split(';')[0]}") from None
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
        except ctl.ControlError as e:
            raise InputFileError(filename, lineno, _key_column(line, e.control, col), str(e)) from None
        changes.append((frame, controls))
    changes.sort(key=lambda c: c[0])
    return changes


MAX_DEPTH = 100
"""The deepest nesting of JSON arrays and objects read (an inputs line
needs 2); deeper, ``json`` would recurse until Python's limit or, in
Pyodide, past the WebAssembly stack."""


def too_deep(text: str, limit: int = MAX_DEPTH) -> int:
    """The 1-based column where ``text``'s JSON nesting goes deeper than
    ``limit``, or 0 (brackets inside strings do not count)."""
    if text.count("[") + text.count("{") <= limit:
        return 0
    depth, in_string, escaped = 0, False, False
    for column, ch in enumerate(text, 1):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return column
        elif ch in "]}":
            depth -= 1
    return 0


def _key_column(line: str, key: str, default: int) -> int:
    """The 1-based column of the key ``"key":`` inside the line's
    ``"controls"`` object (``default`` if it cannot be found, e.g. written
    with escapes)."""
    start = max(line.find('"controls"'), 0)
    for spelling in (json.dumps(key, ensure_ascii=False), json.dumps(key)):
        found = re.compile(re.escape(spelling) + r"\s*:").search(line, start)
        if found:
            return found.start() + 1
    return default


MAX_INPUTS_BYTES = 64_000_000
"""The largest inputs file read (a change a tick for hours of play fits)."""


def read(path: str) -> list[tuple[int, dict[str, Any]]]:
    """Read and parse an inputs file; ``InputFileError`` (a ``ValueError``)
    naming the file when it cannot be read, is not UTF-8, is larger than
    ``MAX_INPUTS_BYTES`` or is malformed."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_INPUTS_BYTES + 1)
    except OSError as e:
        raise InputFileError(path, 0, 0, f"cannot read inputs: {e.strerror or e}") from None
    return parse_bytes(data, path)


def parse_bytes(data: bytes, filename: str = "<inputs>") -> list[tuple[int, dict[str, Any]]]:
    """Parse an inputs file's bytes as ``read`` does: ``InputFileError``
    when larger than ``MAX_INPUTS_BYTES``, not UTF-8 (at the line and
    column of the first bad byte) or malformed."""
    if len(data) > MAX_INPUTS_BYTES:
        raise InputFileError(filename, 0, 0, f"an inputs file is at most {MAX_INPUTS_BYTES:,} bytes")
    try:
        text = decode_utf8(data, filename)
    except NotUtf8Error as e:
        raise InputFileError(filename, e.line, e.column, e.message) from None
    return parse(text, filename)


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
