"""Reading the page's messages: the operator's values, checked.

A message is a JSON object from the page (``{cmd: ..., ...}``).
``schemas.check`` checks every field of it against its command's schema
before a pane sees it, and turns hex text (:func:`parse_hex`) into numbers,
so the panes read the values as they are.  A bad value is refused the same
way everywhere: ``BridgeError`` with a sentence for the operator, which the
router turns into ``{ok: false, error}``, never a traceback.
:func:`integer` reads numbers inside a field the schema does not look into
(a run's ``dump`` pairs).
"""

from __future__ import annotations

import math
import re

#: The page's 1130 has 32K words of core.
MEMORY_WORDS = 32768

#: Hex as the operator types it: an optional ``/`` (IBM's) or ``0x``, then
#: hex digits (no sign, no ``_``), blanks around allowed.
_HEX = re.compile(r"\s*(?:/|0[xX])?([0-9A-Fa-f]+)\s*")


def parse_hex(text: str) -> int | None:
    """``"1A0"``, ``"/1A0"`` or ``"0x1A0"`` as a number (416), or None for
    any other text (a sign, ``_``, two prefixes, nothing)."""
    match = _HEX.fullmatch(text)
    return int(match.group(1), 16) if match else None


class BridgeError(ValueError):
    """A message the bridge cannot act on; the text goes to the operator."""


def integer(msg: dict, key: str, default: int | None = None, low: int = 0, high: int = 0xFFFF) -> int:
    """``msg[key]`` as an int in ``low..high`` (inclusive).  A number, or
    text in hex as the operator types it (:func:`parse_hex`).  ``default``
    when the key is absent; ``BridgeError`` naming the key when it is
    missing, not a whole number or out of range."""
    value = msg.get(key, default)
    if value is None:
        raise BridgeError(f"{key} is missing")
    if isinstance(value, str):
        number = parse_hex(value)
        if number is None:
            raise BridgeError(f"{key}: {value!r} is not a hex number")
        value = number
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value != int(value):
        raise BridgeError(f"{key}: {value!r} is not a whole number")
    value = int(value)
    if not low <= value <= high:
        raise BridgeError(f"{key}: {value} is out of range ({low} to {high})")
    return value
