"""The debugger pane: breakpoints, run to, single steps, the trace, the
memory view, deposits and the devices' registers.

Messages: ``breakpoint {address, on}`` -> ``breakpoints``; ``run_to
{address}`` (a breakpoint that removes itself when reached, then PROGRAM
START in RUN mode); ``step {instructions}`` (1 to 1,000,000, at once) ->
``iar``, ``acc``, ``stop``, ``lamps``; ``trace {on, clear?}`` and
``trace_get`` -> ``trace`` (the last :data:`TRACE_LENGTH` instructions:
``address``, ``text``, ``acc``, ``ext`` before each); ``memory {address,
count}`` -> ``rows``; ``deposit {address, value}``; ``devices`` ->
``devices`` (each device on the bus with its registers).  Addresses are
0 to 32767, given as numbers or hex text.
"""

from __future__ import annotations

import collections
from typing import Any

from .. import codes
from ..asm.disassembler import disassemble
from .messages import BridgeError

TRACE_LENGTH = 64
MAX_MEMORY_ROWS = 256


class Debugger:
    """The debugger of the ``room``'s machine.  ``run_to`` is the pending
    run-to address or None; ``tracing`` whether each instruction is
    recorded (the last :data:`TRACE_LENGTH` are kept in ``trace``)."""

    def __init__(self, room) -> None:
        self.room = room
        self.trace: collections.deque = collections.deque(maxlen=TRACE_LENGTH)
        self.tracing = False
        self.run_to: int | None = None

    def attach(self) -> None:
        """Hook the trace into the machine in the room (after a restore)."""
        self.room.system.trace = self._record if self.tracing else None

    def stopped(self, stop: str | None) -> None:
        """The CPU stopped for ``stop``: a reached run-to address is removed."""
        system = self.room.system
        if stop == "breakpoint" and self.run_to is not None and system.iar == self.run_to:
            system.breakpoints.discard(self.run_to)
            self.run_to = None

    # ------------------------------------------------------------ messages
    def breakpoint(self, msg: dict) -> dict:
        at = msg["address"]
        breakpoints = self.room.system.breakpoints
        if msg.get("on", True):
            breakpoints.add(at)
        else:
            breakpoints.discard(at)
        return {"breakpoints": sorted(breakpoints)}

    def run_to_address(self, msg: dict) -> dict:
        at = msg["address"]
        breakpoints = self.room.system.breakpoints
        if self.run_to is not None and self.run_to != at:
            breakpoints.discard(self.run_to)
        if at not in breakpoints:       # an operator's own breakpoint stays when reached
            self.run_to = at
            breakpoints.add(at)
        self.room.panel.set_mode("RUN")
        self.room.panel.program_start()
        return {"running": True}

    def step(self, msg: dict) -> dict:
        """Execute N instructions now (SI; the test hook's instruction step)."""
        count = msg.get("instructions", 1)
        panel, s = self.room.panel, self.room.system
        if not panel.powered:
            raise BridgeError("POWER is off")
        panel.running = False
        last = None
        for _ in range(count):
            if s.wait:
                s.program_start()      # SI after a WAIT: PROGRAM START goes on
            last = s.step()
            if last in ("wait", "invalid"):
                break
        panel.stop_reason = last
        return {"iar": s.iar, "acc": s.acc, "stop": last, "lamps": panel.lamps()}

    def set_trace(self, msg: dict) -> dict:
        self.tracing = msg.get("on", True)
        self.attach()
        if msg.get("clear"):
            self.trace.clear()
        return {"trace": self._trace_rows()}

    def trace_get(self, msg: dict) -> dict:
        return {"trace": self._trace_rows(), "tracing": self.tracing}

    def memory(self, msg: dict) -> dict:
        """Disassembly rows from ``address`` (``count`` 1 to
        :data:`MAX_MEMORY_ROWS`): each with its words, the instruction
        text, the EBCDIC characters of its words, whether a breakpoint is
        set there and whether IAR points at it."""
        s = self.room.system
        at = msg.get("address", 0)
        count = msg.get("count", 16)
        rows = []
        for _ in range(count):
            word, nxt = s.memory[at], s.memory[(at + 1) & s.mask]
            text, length = disassemble(word, nxt, at)
            words = s.memory[at:at + length] if at + length <= len(s.memory) else [word]
            ebcdic = "".join(codes.ebcdic_to_ascii(w >> 8, ".") + codes.ebcdic_to_ascii(w & 0xFF, ".")
                             for w in words)
            rows.append({"address": at, "words": words, "text": text,
                         "ebcdic": "".join(c if c.isprintable() else "." for c in ebcdic),
                         "breakpoint": at in s.breakpoints, "iar": at == s.iar})
            at = (at + length) & s.mask
        return {"rows": rows}

    def deposit(self, msg: dict) -> dict:
        self.room.system.store(msg["address"], msg["value"])
        return {}

    def devices(self, msg: dict) -> dict:
        """Every device on the bus, in the order attached: ``name``,
        ``areas`` (IOCC area codes), ``level`` (interrupt level 0-5 or
        None), ``ilsw_bit`` (its bit in that level's ILSW, a mask) and
        ``registers`` (the device's ``registers()``, name to an int, bool
        or text; anything else is shown as text)."""
        return {"devices": [{"name": d.name, "areas": list(d.areas), "level": d.level,
                             "ilsw_bit": d.ilsw_bit,
                             "registers": {str(k): _shown(v) for k, v in d.registers().items()}}
                            for d in self.room.machine.devices]}

    # ---------------------------------------------------------------- trace
    def _record(self, system) -> None:
        iar = system.iar
        mem = system.memory
        self.trace.append((iar, mem[iar], mem[(iar + 1) & system.mask], system.acc, system.ext))

    def _trace_rows(self) -> list[dict]:
        return [{"address": a, "text": disassemble(w, n, a)[0], "acc": acc, "ext": ext}
                for a, w, n, acc, ext in self.trace]


def _shown(value: Any) -> int | bool | str | None:
    """A register value as JSON shows it: ints, bools, text and None as
    they are, anything else as its text."""
    return value if value is None or isinstance(value, (bool, int, str)) else str(value)
