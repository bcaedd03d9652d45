"""Reading the page's messages: the operator's values, checked.

A message is a JSON object from the page (``{cmd: ..., ...}``).  Every pane
reads its fields through these helpers, so a bad value is refused the same
way everywhere: ``BridgeError`` with a sentence for the operator, which the
router turns into ``{ok: false, error}``, never a traceback.
"""

from __future__ import annotations

from typing import Any

#: The page's 1130 has 32K words of core.
MEMORY_WORDS = 32768


class BridgeError(ValueError):
    """A message the bridge cannot act on; the text goes to the operator."""


def integer(msg: dict, key: str, default: int | None = None, low: int = 0, high: int = 0xFFFF) -> int:
    """``msg[key]`` as an int in ``low..high`` (inclusive).  A number, or
    text in hex as the operator types it (``"1A0"``, ``"/1A0"``,
    ``"0x1A0"``).  ``default`` when the key is absent; ``BridgeError``
    naming the key when it is missing, not a whole number or out of range."""
    value = msg.get(key, default)
    if value is None:
        raise BridgeError(f"{key} is missing")
    if isinstance(value, str):
        text = value.strip().lstrip("/")
        try:
            value = int(text[2:], 16) if text[:2].lower() == "0x" else int(text, 16)
        except ValueError:
            raise BridgeError(f"{key}: {value!r} is not a hex number") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise BridgeError(f"{key}: {value!r} is not a whole number")
    value = int(value)
    if not low <= value <= high:
        raise BridgeError(f"{key}: {value} is out of range ({low} to {high})")
    return value


def address(msg: dict, key: str = "address", default: int | None = None) -> int:
    """A core address (0 to 32767) read like :func:`integer`."""
    return integer(msg, key, default, 0, MEMORY_WORDS - 1)


def text(msg: dict, key: str, what: str = "text") -> str:
    """``msg[key]``, which must be a string; ``BridgeError`` (``"<key> must
    be <what>"``) otherwise."""
    value: Any = msg.get(key)
    if not isinstance(value, str):
        raise BridgeError(f"{key} must be {what}")
    return value
