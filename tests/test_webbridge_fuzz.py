"""Fuzzing the page's worker bridge: whatever a script sends through the
page's hook (``window.retro.send``), every message kind gets a reply with
``ok`` and, when refused, an error for the operator; no exception escapes
to the worker (issue 12, section 7).  Runs natively and inside Pyodide."""

from __future__ import annotations

import json
import math
import random

from machines.ibm1130.web.bridge import Bridge
from machines.ibm1130.web.schemas import SCHEMAS

#: The test hooks misbehave on purpose (``fault`` raises, ``stall`` spins).
HOOKS = {"fault", "stall"}
#: Values of every JSON type, and the edges a script reaches by accident.
ODD_VALUES = [None, True, False, 0, -1, 5, 2.5, 1e300, math.inf, -math.inf, math.nan, 10**30,
              "", "x", "FFFF", "/8000", "Infinity", [], [1, 2], [[0, 4]], {}, {"a": 1}]


def valid_samples(field) -> list:
    """A few values ``field`` accepts, so the fuzz reaches the panes too."""
    if field.kind == "choice":
        return list(field.choices)
    if field.kind in ("int", "hex", "number"):
        return [max(field.low, min(field.high, v)) for v in (0, 1, 3)]
    if field.kind == "str":
        return ["A", " LD  X\n"]
    if field.kind == "bool":
        return [True, False]
    return []


def reply_of(bridge: Bridge, msg: dict) -> dict:
    """The bridge's reply to ``msg`` (a ``run`` as the worker drives it)."""
    text = json.dumps(msg)
    if msg["cmd"] == "mount":
        return json.loads(bridge.mount_disk(b"\0" * 16, msg.get("name", "c"), msg.get("drive", 0)))
    if msg["cmd"] == "run":
        started = bridge.run_begin(text)
        if started:
            return json.loads(started)
        out = bridge.run_continue(500)
        return json.loads(out or bridge.run_abort())
    return json.loads(bridge.handle(text))


def assert_answered(reply: dict, msg: dict) -> None:
    assert isinstance(reply, dict) and isinstance(reply.get("ok"), bool), (msg, reply)
    if not reply["ok"] and "errors" not in reply:
        assert isinstance(reply.get("error"), str) and reply["error"], (msg, reply)
        assert "Traceback" not in reply["error"], (msg, reply)


def test_the_messages_the_issue_names_get_clear_error_replies():
    bridge = Bridge()
    damaged = json.dumps({"format": "retro1130-ibm1130-state", "version": 1, "system": 1})
    cases = [({"cmd": "load_state", "state": damaged, "name": "s.json"}, "s.json: the state is damaged"),
             ({"cmd": "object_deck", "kind": [], "source": " END"}, "object_deck: kind must be one of"),
             ({"cmd": "speed", "real": True, "cycle_us": None}, "speed: cycle_us must be 3.6 or 2.2, not null"),
             ({"cmd": "switches", "value": math.inf}, "switches: value must be a finite number"),
             ({"cmd": "mount", "drive": 5}, "mount: drive 5 is out of range (0 to 4)")]
    bridge.handle(json.dumps({"cmd": "switches", "value": 0x1234}))
    for msg, words in cases:
        reply = reply_of(bridge, msg)
        assert reply["ok"] is False and reply["error"].startswith(words), reply
    assert bridge.system.switches == 0x1234          # the machine was kept


def test_every_message_kind_has_its_schema():
    assert set(SCHEMAS) == set(Bridge().commands) | {"run", "mount"}   # the worker's own two


def test_no_exception_escapes_from_any_message_kind():
    bridge = Bridge()
    rng = random.Random(1130)
    sent = 0
    for cmd, schema in sorted(SCHEMAS.items()):
        if cmd in HOOKS:
            continue
        fields = list(schema) + ["junk"]
        for key in fields:
            field = schema.get(key)
            for value in ODD_VALUES + (valid_samples(field) if field else []):
                msg = {"cmd": cmd, key: value}
                assert_answered(reply_of(bridge, msg), msg)
                sent += 1
        for _ in range(12):                            # mixtures of good and odd fields
            msg = {"cmd": cmd}
            for key, field in schema.items():
                if rng.random() < 0.7:
                    pool = valid_samples(field) if rng.random() < 0.7 else ODD_VALUES
                    if pool:
                        msg[key] = rng.choice(pool)
            assert_answered(reply_of(bridge, msg), msg)
            sent += 1
    for text in ("", "[]", "3", "null", '{"cmd": 5}', '{"cmd": "fly"}', "{", "[" * 5000 + "]" * 5000):
        assert_answered(json.loads(bridge.handle(text)), text)
    assert sent > 1000
    assert json.loads(bridge.handle('{"cmd": "state"}'))["ok"]


def test_a_damaged_saved_state_is_refused_and_the_machine_kept():
    """Saved states with one field replaced by a value of another type."""
    bridge = Bridge()
    bridge.handle(json.dumps({"cmd": "deposit", "address": 0x100, "value": 0xBEEF}))
    saved = json.loads(json.loads(bridge.handle('{"cmd": "save_state"}'))["state"])
    rng = random.Random(12)
    refused = 0
    paths = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                paths.append(path + [k])
                walk(v, path + [k])
    walk(saved, [])
    for path in rng.sample(paths, min(24, len(paths))):
        state = json.loads(json.dumps(saved))
        node = state
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = rng.choice([1, "x", None, [], {}, -5, 10**20])
        reply = json.loads(bridge.handle(json.dumps({"cmd": "load_state", "state": json.dumps(state),
                                                     "name": "s.json"})))
        assert_answered(reply, path)
        if not reply["ok"]:
            refused += 1
            assert reply["error"].startswith("s.json: "), reply
            assert bridge.system.memory[0x100] == 0xBEEF
    assert refused >= 5
