"""The whole page's machine saved and restored (the Machine menu).

A saved state is JSON text: ``format`` :data:`STATE_FORMAT`, ``version``
:data:`STATE_VERSION`, ``machine`` (``Ibm1130.save_state``: core,
registers, pending device events, every device with its media), the
keypunch ``deck`` and the debugger's ``breakpoints``.  The page adds its
own ``page`` field (the editor's source), which is kept but not read here.

Messages: ``save_state {include_disk?}`` -> ``state`` (text; without the
cartridge image when ``include_disk`` is false, for the browser's local
storage); ``load_state {state, name?}`` -> ``iar``, ``instructions``.
"""

from __future__ import annotations

import json
from typing import Callable

from ..cards import Card
from ..machine import STATE_FORMAT as MACHINE_STATE_FORMAT, Ibm1130
from .cardroom import KeypunchDesk
from .messages import MEMORY_WORDS, BridgeError

STATE_FORMAT = "retro1130-ibm1130-state"
STATE_VERSION = 2   # 1: the system and panel at the top level (still read)
#: What reading a damaged state raises: a field of the wrong JSON type (a
#: number where an object belongs: ``AttributeError``, ``TypeError``), a
#: missing one (``KeyError``), a bad value (``ValueError``, ``IndexError``,
#: ``OverflowError``) or a structure nested beyond the stack.
DAMAGE = (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError, RecursionError)


class MachineState:
    """Saves and restores the ``room``'s machine with the ``cardroom``'s
    keypunch deck.  ``restored()`` is called after a new machine is in the
    room (the other panes follow it)."""

    def __init__(self, room, cardroom, restored: Callable[[], None]) -> None:
        self.room = room
        self.cardroom = cardroom
        self.restored = restored

    def save(self, msg: dict) -> dict:
        state = {"format": STATE_FORMAT, "version": STATE_VERSION,
                 "machine": self.room.machine.save_state(),
                 "keypunch": {"deck": [c.columns for c in self.cardroom.desk.deck()]},
                 "breakpoints": sorted(self.room.system.breakpoints)}
        if not msg.get("include_disk", True):
            for dev in state["machine"]["system"]["devices"].values():
                if isinstance(dev, dict) and dev.get("cartridge"):
                    dev["cartridge"] = None
        return {"state": json.dumps(state)}

    def load(self, msg: dict) -> dict:
        """Restore a saved state.  The new machine is built aside and only
        replaces the running one when the whole state loaded, so a bad file
        changes nothing (``BridgeError`` naming the file and the damage)."""
        text = msg.get("state")
        name = msg.get("name") or "state file"
        try:
            state = json.loads(text) if isinstance(text, str) else text
        except ValueError as error:
            raise BridgeError(f"{name}: not a saved 1130 state (JSON error: {error})") from None
        if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
            raise BridgeError(f"{name}: not a saved IBM 1130 state")
        if state.get("version") == 1 and "system" in state:     # saved before the machine's own state
            state = {**state, "machine": {"format": MACHINE_STATE_FORMAT, "version": 1,
                                          "system": state["system"], "panel": state.get("panel", {})}}
        elif state.get("version") != STATE_VERSION:
            raise BridgeError(f"{name}: state version {state.get('version')!r} is not supported")
        machine = Ibm1130(MEMORY_WORDS)
        system = machine.system
        try:
            machine.load_state(state["machine"])
            deck = [Card(c) for c in state.get("keypunch", {}).get("deck", [])]
            system.breakpoints = {int(a) & (MEMORY_WORDS - 1) for a in state.get("breakpoints", [])}
        except DAMAGE as error:
            # Built aside: whatever broke, the running machine is untouched.
            raise BridgeError(f"{name}: the state is damaged ({_damage(error)}); "
                              "the machine is as it was") from None
        self.room.use(machine)
        self.room.panel.running = False          # the operator presses PROGRAM START to continue
        self.cardroom.desk = KeypunchDesk(deck)
        self.restored()
        return {"iar": system.iar, "instructions": system.instructions}


def _damage(error: Exception) -> str:
    """What was wrong with a saved state, in words (no exception names)."""
    if isinstance(error, KeyError):
        return f"{error.args[0]!r} is missing" if error.args else "a field is missing"
    if isinstance(error, (AttributeError, TypeError)):
        return f"a field holds the wrong kind of value: {error}"
    if isinstance(error, RecursionError):
        return "it is nested too deeply"
    return str(error)
