"""Typing on the 1131 console keyboard from a script (``run --type``, ``--keyboard``).

A script is text typed key by key, each key when the program selects the
keyboard for it (``Console1131.type_ahead``).  Characters type their key
(lower case as the capitals: the 1131 keyboard has none); a line end is
the EOF key, as in ``codes.ascii_to_keyboard``.  The keys that are not
characters are written in braces:

==================  ==========================================
``{EOF}``           EOF (end of field), keyboard code /0008
``{BACKSPACE}``     backspace, /0004 (``{BS}`` for short)
``{ERASE FIELD}``   erase field, /0002 (``{ERASE}``)
``{INT REQ}``       the INT REQ key: a level-4 interrupt, pressed
                    once every key before it has been typed
==================  ==========================================

Braces have no key of their own on the 1131 (nor on the 029), so ``{``
always starts a key name.

Reference: ../shared/reference/ibm1130.md sections 4.6-4.7 (keyboard codes),
SIMH ``ibm1130_stddev.c`` (keyboard input from ``send``/``expect`` scripts,
which type keys as the program asks for them).
"""

from __future__ import annotations

from .. import codes
from ...textfile import NotUtf8Error, decode_utf8

INT_REQ = -1
"""The INT REQ key in a parsed script (not a keyboard code: it interrupts)."""
ESCAPES = {"EOF": codes.KEY_EOF, "BACKSPACE": codes.KEY_BACKSPACE, "BS": codes.KEY_BACKSPACE,
           "ERASE FIELD": codes.KEY_ERASE_FIELD, "ERASE": codes.KEY_ERASE_FIELD,
           "INT REQ": INT_REQ, "INTREQ": INT_REQ}
MAX_SCRIPT_KEYS = 1_000_000


class ScriptError(ValueError):
    """A script that cannot be typed; the message names where (``--type`` or
    FILE, line and column) and what."""


def parse(text: str, where: str = "--type") -> list[int]:
    """The keys of ``text``: keyboard codes, and :data:`INT_REQ`.  Raises
    ``ScriptError`` ("WHERE:LINE:COLUMN: ...") for an unknown or unclosed
    escape or a character with no key."""
    keys: list[int] = []
    line, line_start, i = 1, 0, 0
    while i < len(text):
        char = text[i]
        column = i - line_start + 1
        if char == "{":
            end = text.find("}", i)
            name = text[i + 1:end] if end >= 0 else ""
            if end < 0 or "\n" in name:
                raise ScriptError(f"{where}:{line}:{column}: '{{' opens a key name that is not closed by "
                                  "'}'")
            code = ESCAPES.get(" ".join(name.upper().split()))
            if code is None:
                raise ScriptError(f"{where}:{line}:{column}: unknown key {{{name}}}; the keys are "
                                  "{EOF}, {BACKSPACE} ({BS}), {ERASE FIELD} ({ERASE}), {INT REQ}")
            keys.append(code)
            i = end + 1
            continue
        if char == "\r" and text[i + 1:i + 2] == "\n":
            i += 1
            continue
        keys.append(_key(char, where, line, column))
        if char == "\n":
            line, line_start = line + 1, i + 1
        i += 1
        if len(keys) > MAX_SCRIPT_KEYS:
            raise ScriptError(f"{where}: more than {MAX_SCRIPT_KEYS:,} keys")
    return keys


def _key(char: str, where: str, line: int, column: int) -> int:
    try:
        return codes.ascii_to_keyboard(char)
    except ValueError:
        raise ScriptError(f"{where}:{line}:{column}: {char!r} has no key on the 1131 keyboard "
                          "(escapes: {EOF} {BACKSPACE} {ERASE FIELD} {INT REQ})") from None


def read_script(path: str) -> list[int]:
    """The keys of the script file ``path`` (ASCII/UTF-8 text).  Raises
    ``ScriptError`` naming the file (and line and column)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SCRIPT_KEYS * 4 + 1)
    except OSError as error:
        raise ScriptError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        text = decode_utf8(data, path)
    except NotUtf8Error as error:
        raise ScriptError(str(error)) from None
    return parse(text, path)


class Typist:
    """Types ``keys`` (from :func:`parse`) on ``console`` (a
    ``Console1131``): :meth:`feed` between two slices of a run queues the
    keys up to the next INT REQ, and presses INT REQ once all before it are
    typed.  ``left`` counts the keys not yet typed."""

    def __init__(self, console, keys: list[int]) -> None:
        self.console = console
        self.keys = list(keys)

    @property
    def left(self) -> int:
        return len(self.keys) + len(self.console.pending_keys)

    def feed(self) -> bool:
        """Hand the console what it can type now; True if anything was handed."""
        if self.console.pending_keys or not self.keys:
            return False
        if self.keys[0] == INT_REQ:
            self.keys.pop(0)
            self.console.interrupt_request()
            return True
        end = self.keys.index(INT_REQ) if INT_REQ in self.keys else len(self.keys)
        self.console.type_ahead(self.keys[:end])
        del self.keys[:end]
        return True

    def state(self) -> str:
        """``"waiting"``: the program waits for a key (K.B. SELECT lit) and
        nothing is left to type; ``"N keys left"``; ``"typed"``: all typed."""
        if self.left:
            return f"{self.left} keys left"
        return "waiting" if self.console.keyboard_selected and not self.console.locked else "typed"
