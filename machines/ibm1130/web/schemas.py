"""The shape of every message the page's worker (or a script through the
page's hook) may send the bridge, checked in one place before any pane acts.

Each command has a small schema: its fields and what each may hold.
:func:`check` refuses a message that does not fit with a ``BridgeError``
naming the command and the field, so a pane never sees a list where it
expects a name, ``null`` where it expects a number, ``Infinity`` where it
expects a switch setting or a drive the machine lacks.  Fields a schema
does not list (the worker's ``id``) are passed through unread.  What
:func:`check` returns is what the panes read: every listed field of the
type and range its schema gives, hex text already a number, so a pane
checks again only what a schema cannot say (a light pen's x without its
y, the FORTH jobs' decks, a run's dump pairs).  The ranges are the panes'
own constants, so the schema and the pane cannot disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..cards import LAYOUTS
from .assembly import DECK_MAKERS
from .debugger import MAX_MEMORY_ROWS
from .forth import MAX_STEP_BUDGET, MIN_STEP_BUDGET
from .messages import MEMORY_WORDS, BridgeError, parse_hex
from .pacing import CYCLES_US
from .runs import MAX_LIMIT
from .testhooks import MAX_STALL_SECONDS


@dataclass(frozen=True)
class Field:
    """What one field may hold.  ``kind`` is ``"str"``, ``"bool"``,
    ``"number"`` (finite, ``low``..``high``), ``"int"`` (whole, ``low``..``high``),
    ``"hex"`` (an ``int`` or hex text as the operator types it, ``"/1A0"``),
    ``"list"``, ``"state"`` (JSON text or an object) or ``"choice"`` (one of
    ``choices``).  ``required`` fields must be present; ``nullable`` fields
    may be ``null`` (read as absent)."""

    kind: str
    low: float = -math.inf
    high: float = math.inf
    choices: tuple = ()
    required: bool = False
    nullable: bool = False


def _s(required: bool = False) -> Field:
    return Field("str", required=required)


def _b() -> Field:
    return Field("bool")


def _int(low: int, high: int, required: bool = False, nullable: bool = False) -> Field:
    return Field("int", low, high, required=required, nullable=nullable)


def _hex(low: int, high: int, required: bool = False) -> Field:
    return Field("hex", low, high, required=required)


def _one_of(*choices: Any) -> Field:
    return Field("choice", choices=tuple(choices))


ADDRESS = _hex(0, MEMORY_WORDS - 1, required=True)
WORD = _hex(0, 0xFFFF, required=True)
PROGRAM = {"source": _s(required=True), "filename": _s()}
DECK = {"deck": _s(), "deck_b64": _s(), "name": _s(), "layout": _one_of(*LAYOUTS),
        "lowercase": _b()}
#: The keypunch's operations (``cardroom.KeypunchDesk.act``).
KEYPUNCH_OPS = ("view", "key", "release", "feed", "multi", "backspace", "skip", "dup",
                "dup_card", "program", "new_deck", "paste", "load_deck", "delete_card")
#: The 1130 of the page: drive 0 (the CPU's own) and the four 2310 drives.
DRIVES = 5

#: Every command's fields.  ``run`` and ``mount`` are the worker's own calls
#: (``Bridge.run_begin``, ``Bridge.mount_disk``), checked the same way.
SCHEMAS: dict[str, dict[str, Field]] = {
    "assemble": PROGRAM,
    "load": {**PROGRAM, "format": _one_of("asm", "out")},
    "load_file_text": PROGRAM,
    "object_deck": {**PROGRAM, "kind": _one_of(*DECK_MAKERS)},
    "state": {}, "reset": {}, "int_req": {}, "devices": {}, "trace_get": {},
    "reader_clear": {}, "deck_to_reader": {}, "deck_source": {}, "unmount": {}, "disks": {},
    "printer_text": {},
    "switches": {"value": WORD},
    "mode": {"mode": _s(required=True)},        # the panel names its positions when refusing one
    "button": {"name": _s(required=True), "down": _b()},
    "console_keys": {"text": _s(required=True)},
    "speed": {"real": _b(), "cycle_us": _one_of(*CYCLES_US)},
    "breakpoint": {"address": ADDRESS, "on": _b()},
    "run_to": {"address": ADDRESS},
    "step": {"instructions": _int(1, 1_000_000)},
    "trace": {"on": _b(), "clear": _b()},
    "memory": {"address": _hex(0, MEMORY_WORDS - 1), "count": _int(1, MAX_MEMORY_ROWS)},
    "deposit": {"address": ADDRESS, "value": WORD},
    "reader": {**DECK, "replace": _b()},
    "keypunch": {**DECK, "op": _one_of(*KEYPUNCH_OPS), "text": _s(),
                 "page": _int(-(10**9), 10**9, nullable=True), "index": _int(0, 10**6)},
    "deck_export": {"source": _one_of("keypunch", "stacker"), "format": _one_of("text", "binary")},
    "tear_off": {"device": _one_of("console", "printer")},
    "save_state": {"include_disk": _b()},
    "load_state": {"state": Field("state", required=True), "name": _s()},
    "fault": {},
    "stall": {"seconds": Field("number", 0, MAX_STALL_SECONDS)},
    "run": {"max_instructions": _int(0, MAX_LIMIT), "dump": Field("list", nullable=True)},
    "mount": {"drive": _int(0, DRIVES - 1), "name": _s()},
    "forth_prepare": {"jobs": Field("list", required=True)},     # each job's shape: ForthPreset.prepare
    "forth_step": {"budget": _int(MIN_STEP_BUDGET, MAX_STEP_BUDGET)},
    "forth_cancel": {},
    # The 2250 and 1627 panes (web/display.py); the pen may wander off the
    # screen's edge by a screen's width, null x and y is the pen away.
    "light_pen": {"x": Field("number", -1024, 2048, nullable=True),
                  "y": Field("number", -1024, 2048, nullable=True), "switch": _b()},
    "display_key": {"key": _int(0, 31, required=True)},
    "display_alpha": {"key": _s(required=True)},
    "plotter_svg": {}, "plotter_tear_off": {}, "plotter_paper": {"loaded": Field("bool", required=True)},
}


def check(msg: Any) -> dict:
    """``msg`` as the panes read it, if it is an object with a known
    ``cmd`` whose fields fit its schema (:data:`SCHEMAS`): a copy with each
    ``hex`` field's text turned into its number; else ``BridgeError``
    naming the command and the first field that does not fit."""
    if not isinstance(msg, dict) or not isinstance(msg.get("cmd"), str):
        raise BridgeError("a message is an object with a cmd")
    cmd = msg["cmd"]
    schema = SCHEMAS.get(cmd)
    if schema is None:       # a command added to the bridge must be given its schema here
        raise BridgeError(f"unknown command {cmd!r}")
    checked = dict(msg)
    for key, field in schema.items():
        if key not in msg or (msg[key] is None and field.nullable):
            if field.required:
                raise BridgeError(f"{cmd}: {key} is missing")
            continue
        problem = _problem(msg[key], field)
        if problem:
            raise BridgeError(f"{cmd}: {key} {problem}")
        if field.kind in ("int", "hex"):     # hex text, or a whole number sent as 5.0
            checked[key] = parse_hex(msg[key]) if isinstance(msg[key], str) else int(msg[key])
    return checked


def _problem(value: Any, field: Field) -> str | None:
    """Why ``value`` does not fit ``field`` (a phrase), or None."""
    kind = field.kind
    if kind == "str":
        return None if isinstance(value, str) else f"must be text, not {_shown(value)}"
    if kind == "bool":
        return None if isinstance(value, bool) else f"must be true or false, not {_shown(value)}"
    if kind == "list":
        return None if isinstance(value, list) else f"must be a list, not {_shown(value)}"
    if kind == "state":
        return None if isinstance(value, (str, dict)) else f"must be a saved state's text, not {_shown(value)}"
    if kind == "choice":
        if isinstance(value, bool) or not _hashable(value) or value not in field.choices:
            names = [str(c) for c in field.choices]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            return f"must be {'one of ' if len(names) > 2 else ''}{listed}, not {_shown(value)}"
        return None
    if kind == "hex" and isinstance(value, str):
        number = parse_hex(value)
        if number is None:
            return f"must be a hex number, not {_shown(value)}"
        value = number
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"must be a number, not {_shown(value)}"
    if not math.isfinite(value):
        return f"must be a finite number, not {value}"
    if kind in ("int", "hex") and value != int(value):
        return f"must be a whole number, not {value}"
    if not field.low <= value <= field.high:
        low, high = (int(field.low), int(field.high)) if kind != "number" else (field.low, field.high)
        return f"{value} is out of range ({low:X} to {high:X} hex)" if kind == "hex" \
            else f"{value} is out of range ({low} to {high})"
    return None


def _hashable(value: Any) -> bool:
    return isinstance(value, (str, int, float, type(None)))


def _shown(value: Any) -> str:
    """A value as the operator would recognise it from JSON (short)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
