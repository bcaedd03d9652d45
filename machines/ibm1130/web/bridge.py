"""The Python side of the IBM 1130 web page: one object the worker drives.

DESIGN.md "Web front end" and "contract: the 1130 page's script hook": the
page's worker calls :meth:`Bridge.handle` with a message (a JSON object as
text) and returns the reply (JSON text); per animation frame it calls
:meth:`Bridge.frame` for a bounded slice of CPU time and gets a lamp
snapshot.  Every call is bounded: a running program advances only through
``frame`` and ``run_continue`` with an instruction budget, so a runaway
program never freezes the page and IMM STOP acts between two calls.

Messages (``cmd``), the contract's first:

* ``assemble {source, filename?}`` -> ``ok``, ``errors`` (``line``,
  ``column``, ``message``), ``warnings``, ``listing``, ``start``, ``size``;
* ``load {source, format?: "asm"|"out"}``: assemble (or read the SIMH load
  file), CHECK RESET, store the words, IAR <- start; errors as ``assemble``;
* ``run {max_instructions, dump}``: from the current IAR (after ``load``:
  the start address, registers reset, as ``run`` on the command line);
  answered by :meth:`run_begin` and :meth:`run_continue` (the worker
  slices it); the reply has the fields of ``run --json``
  (``Ibm1130.report``), ``stop`` is also ``stopped`` after IMM STOP;
* ``state``, ``reset``, ``switches {value}``, ``reader {deck}`` (ASCII deck
  text; or ``deck_b64`` for binary card images);
* the console: ``mode {mode}``, ``button {name}``, ``console_keys {text}``,
  ``int_req``; the debugger: ``breakpoint {address, on}``, ``run_to
  {address}``, ``memory {address, count}``, ``trace {on}``, ``step
  {instructions}``; the card room: ``keypunch {op, ...}``, ``reader_clear``,
  ``stacker``; output: ``tear_off {device}``, ``printer_text``; the disk:
  ``unmount``; state: ``save_state``, ``load_state {state}``; speed:
  ``speed {cycle_us, real}``; test hooks: ``fault``, ``stall``.

Replies always carry ``ok``; an operator error is ``ok: false`` with
``error`` (a message for the operator, never a traceback).
"""

from __future__ import annotations

import base64
import collections
import json
from typing import Any

from .. import codes
from ..cards import Card, DeckError, deck_from_bytes, deck_from_text, deck_to_bytes, deck_to_text
from ..asm.disassembler import disassemble
from ..devices.keypunch029 import Keypunch029, KeypunchError, ProgramCard, card_lines
from ..asm.loadformat import LoadFormatError, parse_out
from ..panel import REGISTERS, ConsolePanel, PanelError
from ..machine import STATE_FORMAT as MACHINE_STATE_FORMAT, Ibm1130
from ..system import System

STATE_FORMAT = "retro1130-ibm1130-state"
STATE_VERSION = 2   # 1: the system and panel at the top level (still read)
MEMORY_WORDS = 32768
TRACE_LENGTH = 64
MAX_MEMORY_ROWS = 256
#: Storage cycles per instruction of a typical mix (reference 4.10: 100,000
#: to 125,000 instructions a second on a 3.6 us machine): the real-speed
#: throttle charges this for each instruction time the CPU waits.
NOMINAL_CPI = 2.5
MAX_SHARE = 4096   # throttled slices (instructions); a burst of output is at most ~this/10 characters
_CODING_FORM_STOPS = (21, 27, 32, 35, 40, 45, 50, 55, 60, 65, 72)


class BridgeError(ValueError):
    """A message the bridge cannot act on; the text goes to the operator."""


def _int(msg: dict, key: str, default: int | None = None, low: int = 0, high: int = 0xFFFF) -> int:
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




class Bridge:
    """The machine behind the page: a 32K ``system`` with the standard
    devices, its console ``panel``, the 029 ``keypunch`` and the debugger's
    trace.  Construct it once per worker."""

    def __init__(self) -> None:
        self._use(Ibm1130(MEMORY_WORDS))
        self.keypunch = Keypunch029(auto_feed=True)
        self.keypunch.feed()
        self.trace: collections.deque = collections.deque(maxlen=TRACE_LENGTH)
        self.tracing = False
        self.run_to: int | None = None
        self._job: dict | None = None
        self._sent_console = ""
        self._sent_ribbon = ""
        self._sent_printer = ""
        self._debt = 0.0
        self._share = 1
        self.notice = ""

    def _use(self, machine: Ibm1130) -> None:
        self.machine = machine
        self.system, self.panel = machine.system, machine.panel

    # ------------------------------------------------------------ plumbing
    def handle(self, text: str) -> str:
        """Act on one message (JSON text); returns the reply as JSON text."""
        try:
            msg = json.loads(text)
            if not isinstance(msg, dict) or not isinstance(msg.get("cmd"), str):
                raise BridgeError("a message is an object with a cmd")
            method = getattr(self, "cmd_" + msg["cmd"], None)
            if method is None:
                raise BridgeError(f"unknown command {msg['cmd']!r}")
            reply = method(msg)
            reply.setdefault("ok", True)
        except (BridgeError, PanelError, DeckError, KeypunchError, LoadFormatError) as error:
            reply = {"ok": False, "error": str(error)}
        except ValueError as error:   # bad values from the operator, e.g. a mode name
            reply = {"ok": False, "error": str(error)}
        return json.dumps(reply)

    def cmd_fault(self, msg: dict) -> dict:
        """Test hook: fail like a bug would (the page must show it and live on)."""
        raise RuntimeError("injected fault (test hook)")

    def cmd_stall(self, msg: dict) -> dict:
        """Test hook: a call that does not return for ``seconds`` (at most
        30), as a bug could; the page's IMM STOP must still get through
        (the worker's interrupt buffer)."""
        import time
        seconds = min(30.0, float(msg.get("seconds", 5)))
        end = time.monotonic() + seconds
        spins = 0
        while time.monotonic() < end:
            spins += 1
        return {"spins": spins}

    # ------------------------------------------------------------ assembler
    def _assemble(self, msg: dict):
        from ..asm.assembler import assemble
        source = msg.get("source")
        if not isinstance(source, str):
            raise BridgeError("source must be text")
        return assemble(source, str(msg.get("filename") or "program.asm"))

    @staticmethod
    def _diagnostics(items) -> list[dict]:
        return [{"line": e.line, "column": e.column, "message": e.message, "text": str(e)} for e in items]

    def cmd_assemble(self, msg: dict) -> dict:
        asm = self._assemble(msg)
        return {"ok": asm.ok, "errors": self._diagnostics(asm.errors),
                "warnings": self._diagnostics(asm.warnings), "listing": asm.listing(),
                "start": asm.start, "size": len(asm.words),
                "externals": [f"{kind} {name}" for kind, name in asm.externals]}

    def cmd_load_file_text(self, msg: dict) -> dict:
        """The program in SIMH load format (``.out``) for download."""
        asm = self._assemble(msg)
        if not asm.ok:
            return {"ok": False, "errors": self._diagnostics(asm.errors),
                    "error": f"{len(asm.errors)} assembly error(s)"}
        return {"text": asm.to_out()}

    def cmd_object_deck(self, msg: dict) -> dict:
        """Assemble and punch the DMS relocatable object deck (``kind``
        ``object``, the default), the absolute core-image deck
        (``core_image``) or the Program Load card of a program in words
        0-79 (``coldstart``) at the back of the keypunch deck, to download,
        to feed DMS or to PROGRAM LOAD."""
        kind = msg.get("kind", "object")
        makers = {"object": "object_deck", "core_image": "core_image_deck", "coldstart": "coldstart_card"}
        if kind not in makers:
            raise BridgeError(f"kind must be one of {', '.join(makers)}, not {kind!r}")
        asm = self._assemble(msg)
        if not asm.ok:
            return {"ok": False, "errors": self._diagnostics(asm.errors),
                    "error": f"{len(asm.errors)} assembly error(s); nothing punched"}
        try:
            made = getattr(asm, makers[kind])()
        except ValueError as error:
            raise BridgeError(f"{kind} deck: {error}") from None
        cards = [made] if isinstance(made, Card) else list(made)
        deck = self._deck_out()
        deck.extend(Card(list(c.columns)) for c in cards)
        return {"cards": len(cards), "deck_size": len(deck)}

    def cmd_load(self, msg: dict) -> dict:
        fmt = msg.get("format", "asm")
        if fmt == "out":
            source = msg.get("source")
            if not isinstance(source, str):
                raise BridgeError("source must be text")
            image = parse_out(source, str(msg.get("filename") or "program.out"), MEMORY_WORDS)
            reply = {"errors": [], "listing": ""}
        elif fmt == "asm":
            asm = self._assemble(msg)
            reply = {"errors": self._diagnostics(asm.errors), "warnings": self._diagnostics(asm.warnings),
                     "listing": asm.listing()}
            if not asm.ok:
                return {"ok": False, **reply, "error": f"{len(asm.errors)} assembly error(s); nothing loaded"}
            if asm.externals:
                names = ", ".join(f"{kind} {name}" for kind, name in asm.externals)
                return {"ok": False, **reply,
                        "error": f"the program needs the DMS loader for {names}; run it under DMS instead"}
            image = asm.image
        else:
            raise BridgeError(f"format must be asm or out, not {fmt!r}")
        self._job = None
        self.panel.check_reset()
        self.machine.load_image(image)
        return {**reply, "ok": True, "start": image.start or 0, "size": len(image.words)}

    # ------------------------------------------------------------------ run
    def run_begin(self, text: str) -> str:
        """Start a ``run`` message (JSON text): returns "" (continue with
        :meth:`run_continue`) or an error reply."""
        try:
            msg = json.loads(text)
            limit = _int(msg, "max_instructions", 100_000_000, 0, 10**12)
            dumps = []
            for item in msg.get("dump") or []:
                if not isinstance(item, (list, tuple)) or len(item) != 2:
                    raise BridgeError(f"dump entries are [address, length], not {item!r}")
                dumps.append((_int({"a": item[0]}, "a", high=MEMORY_WORDS - 1),
                              _int({"n": item[1]}, "n", low=1, high=MEMORY_WORDS)))
        except (BridgeError, ValueError) as error:
            return json.dumps({"ok": False, "error": str(error)})
        if not self.panel.powered:
            return json.dumps({"ok": False, "error": "POWER is off"})
        self.system.program_start()
        self.panel.running = False
        self._job = {"left": limit, "dumps": dumps, "start": self.system.instructions}
        return ""

    def run_continue(self, budget: int) -> str:
        """Run at most ``budget`` instructions of the current ``run``
        message; returns "" while it goes on, else the reply (JSON text)."""
        job = self._job
        if job is None:
            return json.dumps({"ok": False, "error": "no run in progress"})
        chunk = max(1, min(int(budget), job["left"]))
        stop = self.system.run(chunk) if job["left"] > 0 else "limit"
        job["left"] -= chunk if stop == "limit" else 0
        if stop == "limit" and job["left"] > 0:
            return ""
        return self._finish_run(stop)

    def run_abort(self) -> str:
        """IMM STOP during a ``run`` message: its reply, ``stop: stopped``."""
        return self._finish_run("stopped") if self._job is not None else ""

    def _finish_run(self, stop: str) -> str:
        job, self._job = self._job, None
        if stop in ("wait", "invalid", "breakpoint", "stopped"):
            self.panel.stop_reason = stop
        self._breakpoint_hit(stop)
        result = self.machine.report(job["dumps"], stop=stop)
        result["ok"] = True
        return json.dumps(result)

    @property
    def job_active(self) -> bool:
        return self._job is not None

    # ------------------------------------------------------------- frames
    def frame(self, instructions: int, cycles: float = 0, samples: int = 8) -> str:
        """One animation frame: run the CPU if it is running, for at most
        ``instructions`` instructions and, if ``cycles`` > 0, about that many
        storage cycles of the real machine (the real-speed throttle).  Time
        the CPU spends in WAIT until a device answers counts too, at
        :data:`NOMINAL_CPI` cycles per instruction time it skips; what a
        frame overshoots is taken from the next one.  The lamps are sampled
        ``samples`` times in the slice, so a register that changes glows in
        proportion to the time each bit was lit.  Returns the snapshot
        (JSON text, see :meth:`snapshot`)."""
        s, panel = self.system, self.panel
        samples = max(1, min(int(samples), 32))
        counts = {r: [0] * 16 for r in REGISTERS}
        counts["levels"] = [0] * 6
        taken = 0
        stop = None
        start_i, start_c, start_clock = s.instructions, s.cycles, s.clock
        limit = max(0, int(instructions))
        budget = cycles - self._debt if cycles > 0 else None

        def spent() -> float:   # storage cycles used so far, waits included
            skipped = (s.clock - start_clock) - (s.instructions - start_i)
            return (s.cycles - start_c) + NOMINAL_CPI * skipped

        def sample() -> dict:
            lamps = panel.lamps()
            for r in REGISTERS:
                value, row = lamps[r], counts[r]
                for bit in range(16):
                    if value & (0x8000 >> bit):
                        row[bit] += 1
            for level, lit in enumerate(lamps["levels"]):
                counts["levels"][level] += lit
            return lamps

        if budget is None:
            for part in range(samples):
                if panel.running or panel.stop_reason == "wait":
                    share = (limit - (s.instructions - start_i)) // (samples - part)
                    if share > 0:
                        stop = panel.run_slice(share) or stop
                lamps = sample()
                taken += 1
                if not panel.running and part:
                    break
        else:
            # Throttled.  A slice cannot be stopped at a given clock, and a
            # WAIT may jump the clock to a slow device's event (the Selectric
            # is 7,000 instruction times a character), so slices grow by
            # doubling while they run without such a jump and fall back to
            # one instruction when one happened: I/O-bound code is paced
            # event by event, computing code runs in big slices.
            while taken < samples:
                remaining = budget - spent()
                room = limit - (s.instructions - start_i)
                if (panel.running or panel.stop_reason == "wait") and remaining > 0 and room > 0:
                    step_budget = remaining / (samples - taken) if taken < samples - 1 else remaining
                    share = max(1, min(room, self._share, int(step_budget / NOMINAL_CPI) + 1))
                    clock0, before = s.clock, s.instructions
                    stop = panel.run_slice(share) or stop
                    jumped = (s.clock - clock0) - (s.instructions - before)
                    self._share = 1 if jumped > 0 else min(self._share * 2, MAX_SHARE)
                    if spent() < budget * (taken + 1) / samples and panel.running:
                        continue
                lamps = sample()
                taken += 1
                if not panel.running:
                    break
        if not panel.running:
            self._share = 1                    # a new run starts with small slices
        if budget is not None:
            # Carry an overshoot (a long instruction, a jump to an event) to the next frame.
            self._debt = max(0.0, spent() - budget) if panel.running else 0.0
        if stop is not None:
            self._breakpoint_hit(stop)
        return json.dumps(self.snapshot(lamps, counts, taken, stop, s.instructions - start_i,
                                         s.cycles - start_c))

    def _breakpoint_hit(self, stop: str | None) -> None:
        if stop == "breakpoint" and self.run_to is not None and self.system.iar == self.run_to:
            self.system.breakpoints.discard(self.run_to)
            self.run_to = None

    def snapshot(self, lamps: dict | None = None, counts: dict | None = None, taken: int = 1,
                 stop: str | None = None, executed: int = 0, cycles: int = 0) -> dict:
        """The page's view: ``lamps`` (see ``ConsolePanel.lamps``), ``glow``
        (per register, 16 lit counts out of ``samples``), ``stop`` (the
        reason the CPU stopped in this frame, or None), ``executed`` and
        ``cycles`` in this frame, ``instructions`` in all, the output that
        appeared (``console``: ``{text, ribbon, reset}``, ``printer``:
        ``{text, reset}``) and the card room counts."""
        if lamps is None:
            lamps = self.panel.lamps()
        out: dict[str, Any] = {"lamps": lamps, "samples": taken, "stop": stop, "executed": executed,
                               "cycles": cycles, "instructions": self.system.instructions,
                               "stop_reason": self.panel.stop_reason, "job": self._job is not None,
                               "breakpoints": sorted(self.system.breakpoints)}
        if counts is not None:
            out["glow"] = counts
        console = self._output_delta()
        if console:
            out.update(console)
        reader = self.machine.reader
        out["reader"] = {"hopper": reader.cards_in_hopper, "stacker": len(reader.stacker),
                         "punched": len(reader.punched_cards()), "read": reader.cards_read}
        out["disk"] = {"ready": self.machine.disks[0].ready}
        if self.notice:
            out["notice"], self.notice = self.notice, ""
        return out

    def _output_delta(self) -> dict:
        out: dict[str, Any] = {}
        console = self.machine.console
        text = console.output_text()
        if text != self._sent_console:
            ribbon = "\n".join(console.ribbon_lines())
            if text.startswith(self._sent_console) and ribbon.startswith(self._sent_ribbon):
                out["console"] = {"text": text[len(self._sent_console):],
                                  "ribbon": ribbon[len(self._sent_ribbon):], "reset": False}
            else:
                out["console"] = {"text": text, "ribbon": ribbon, "reset": True}
            self._sent_console, self._sent_ribbon = text, ribbon
        text = self.machine.printer.output_text()
        if text != self._sent_printer:
            if text.startswith(self._sent_printer):
                out["printer"] = {"text": text[len(self._sent_printer):], "reset": False}
            else:
                out["printer"] = {"text": text, "reset": True}
            self._sent_printer = text
        return out

    def resend_output(self) -> None:
        """Send all printed output again with the next snapshot (a new page)."""
        self._sent_console = self._sent_ribbon = self._sent_printer = "\0"

    # ---------------------------------------------------------- the contract
    def cmd_state(self, msg: dict) -> dict:
        s = self.system
        return {"iar": s.iar, "acc": s.acc, "ext": s.ext, "carry": s.carry, "overflow": s.overflow,
                "xr": s.xr, "switches": s.switches, "instructions": s.instructions, "cycles": s.cycles,
                "wait": bool(s.wait), "level": s.level, "lamps": self.panel.lamps(),
                "mode": self.panel.mode, "running": self.panel.running, "powered": self.panel.powered,
                "stop_reason": self.panel.stop_reason, "breakpoints": sorted(s.breakpoints),
                "tracing": self.tracing, "console_printer": self.machine.console.output_text(),
                "printer": self.machine.printer.output_text()}

    def cmd_reset(self, msg: dict) -> dict:
        self._job = None
        return {"done": self.panel.check_reset()}

    def cmd_switches(self, msg: dict) -> dict:
        self.panel.set_switches(_int(msg, "value"))
        return {"switches": self.system.switches}

    def _cards_from(self, msg: dict, key: str = "deck") -> list[Card]:
        name = str(msg.get("name") or "deck")
        if isinstance(msg.get(key + "_b64"), str):
            try:
                data = base64.b64decode(msg[key + "_b64"], validate=True)
            except ValueError:
                raise BridgeError(f"{name}: the binary deck is not valid base64") from None
            return deck_from_bytes(data, name)
        text = msg.get(key)
        if not isinstance(text, str):
            raise BridgeError(f"{key} must be the deck's text")
        if "\0" in text:
            raise BridgeError(f"{name}: this is a binary file, not an ASCII deck "
                              "(binary card images must be a .bin file)")
        return deck_from_text(text.replace("\r\n", "\n"), name, layout=str(msg.get("layout", "none")))

    def cmd_reader(self, msg: dict) -> dict:
        cards = self._cards_from(msg)
        name = str(msg.get("name") or "deck")
        reader = self.machine.reader
        if msg.get("replace"):
            reader.empty_hopper()
        self.machine.attach_deck(cards, name=name)
        return {"cards": len(cards), "hopper": reader.cards_in_hopper}

    # --------------------------------------------------------------- console
    def cmd_mode(self, msg: dict) -> dict:
        self.panel.set_mode(str(msg.get("mode", "")))
        return {"mode": self.panel.mode}

    def cmd_button(self, msg: dict) -> dict:
        name = str(msg.get("name", ""))
        reply: dict[str, Any] = {}
        if name == "imm_stop" and self._job is not None:
            reply["run"] = json.loads(self.run_abort())
        done = self.panel.press(name)
        if name == "program_load":
            self.resend_output()
        return {**reply, "done": done, "lamps": self.panel.lamps()}

    def cmd_console_keys(self, msg: dict) -> dict:
        text = msg.get("text")
        if not isinstance(text, str):
            raise BridgeError("text must be a string")
        console = self.machine.console
        try:
            console.type_ahead(text.upper())
        except ValueError as error:
            raise BridgeError(str(error)) from None
        return {"queued": len(console.pending_keys)}

    def cmd_int_req(self, msg: dict) -> dict:
        self.machine.console.interrupt_request()
        return {}

    def cmd_speed(self, msg: dict) -> dict:
        console = self.machine.console
        if msg.get("real"):
            cycle = float(msg.get("cycle_us", 3.6))
            if cycle not in (3.6, 2.2):
                raise BridgeError(f"cycle_us must be 3.6 or 2.2, not {cycle}")
            # The Selectric's 15.5 characters a second at the throttle's pace.
            console.real_speed(1e6 / (cycle * NOMINAL_CPI))
        else:
            console.real_speed(0)
        return {}

    # -------------------------------------------------------------- debugger
    def cmd_breakpoint(self, msg: dict) -> dict:
        address = _int(msg, "address", high=MEMORY_WORDS - 1)
        if msg.get("on", True):
            self.system.breakpoints.add(address)
        else:
            self.system.breakpoints.discard(address)
        return {"breakpoints": sorted(self.system.breakpoints)}

    def cmd_run_to(self, msg: dict) -> dict:
        address = _int(msg, "address", high=MEMORY_WORDS - 1)
        if self.run_to is not None and self.run_to != address:
            self.system.breakpoints.discard(self.run_to)
        if address not in self.system.breakpoints:
            self.run_to = address
            self.system.breakpoints.add(address)
        self.panel.set_mode("RUN")
        self.panel.program_start()
        return {"running": True}

    def cmd_step(self, msg: dict) -> dict:
        """Execute N instructions now (SI; the test hook's instruction step)."""
        count = _int(msg, "instructions", 1, 1, 1_000_000)
        if not self.panel.powered:
            raise BridgeError("POWER is off")
        self.panel.running = False
        s = self.system
        last = None
        for _ in range(count):
            if s.wait:
                s.program_start()      # SI after a WAIT: PROGRAM START goes on
            last = s.step()
            if last in ("wait", "invalid"):
                break
        self.panel.stop_reason = last
        return {"iar": s.iar, "acc": s.acc, "stop": last, "lamps": self.panel.lamps()}

    def cmd_trace(self, msg: dict) -> dict:
        self.tracing = bool(msg.get("on", True))
        self.system.trace = self._record if self.tracing else None
        if msg.get("clear"):
            self.trace.clear()
        return {"trace": self._trace_rows()}

    def _record(self, system: System) -> None:
        iar = system.iar
        mem = system.memory
        self.trace.append((iar, mem[iar], mem[(iar + 1) & system.mask], system.acc, system.ext))

    def _trace_rows(self) -> list[dict]:
        return [{"address": a, "text": disassemble(w, n, a)[0], "acc": acc, "ext": ext}
                for a, w, n, acc, ext in self.trace]

    def cmd_trace_get(self, msg: dict) -> dict:
        return {"trace": self._trace_rows(), "tracing": self.tracing}

    def cmd_memory(self, msg: dict) -> dict:
        """Disassembly rows from ``address``: each with its words (hex), the
        instruction text, the EBCDIC characters of its words and whether a
        breakpoint is set there."""
        s = self.system
        address = _int(msg, "address", 0, 0, MEMORY_WORDS - 1)
        count = _int(msg, "count", 16, 1, MAX_MEMORY_ROWS)
        rows = []
        for _ in range(count):
            word, nxt = s.memory[address], s.memory[(address + 1) & s.mask]
            text, length = disassemble(word, nxt, address)
            words = s.memory[address:address + length] if address + length <= len(s.memory) else [word]
            ebcdic = "".join(codes.ebcdic_to_ascii(w >> 8, ".") + codes.ebcdic_to_ascii(w & 0xFF, ".")
                             for w in words)
            rows.append({"address": address, "words": words, "text": text,
                         "ebcdic": "".join(c if c.isprintable() else "." for c in ebcdic),
                         "breakpoint": address in s.breakpoints, "iar": address == s.iar})
            address = (address + length) & s.mask
        return {"rows": rows}

    def cmd_deposit(self, msg: dict) -> dict:
        address = _int(msg, "address", high=MEMORY_WORDS - 1)
        self.system.store(address, _int(msg, "value"))
        return {}

    # -------------------------------------------------------------- card room
    def cmd_keypunch(self, msg: dict) -> dict:
        kp = self.keypunch
        op = msg.get("op", "view")
        error = None
        try:
            if op == "key":
                for char in str(msg.get("text", "")):
                    self._key(char)
            elif op == "release":
                kp.release() if kp.card is not None else kp.feed()
            elif op == "feed":
                if kp.card is None:
                    kp.feed()
            elif op == "multi":
                keys = str(msg.get("text", "")).upper()
                if kp.card is None:
                    kp.feed()
                kp.multi_punch(keys)
            elif op == "backspace":
                kp.backspace()
            elif op == "skip":
                kp.skip()
            elif op == "dup":
                kp.dup(1)
            elif op == "dup_card":
                while kp.card is not None and kp.column <= 80:
                    kp.dup(1)
            elif op == "program":
                text = str(msg.get("text", ""))
                kp.program = ProgramCard.from_text(text) if text.strip() else None
            elif op == "new_deck":
                kp.stacker, kp.previous, kp.card = [], None, None
                kp.feed()
            elif op == "paste":
                self._paste(str(msg.get("text", "")), str(msg.get("name") or "pasted text"))
            elif op == "load_deck":
                cards = self._cards_from(msg)
                self._deck_out()
                kp.stacker.extend(cards)
            elif op == "delete_card":
                index = _int(msg, "index", 0, 0, 10**6)
                deck = self._deck_out()
                if index < len(deck):
                    deck.pop(index)
            elif op != "view":
                raise BridgeError(f"the keypunch has no operation {op!r}")
        except KeypunchError as exc:
            error = str(exc)
        reply = self._keypunch_view(msg.get("page"))
        if error:
            reply.update(ok=False, error=error)
        return reply

    def _key(self, char: str) -> None:
        kp = self.keypunch
        if char == "\n":
            kp.release() if kp.card is not None else kp.feed()
            return
        if char == "\r":
            return
        if kp.card is None:
            kp.feed()
        if kp.column > 80:
            kp.release()
        if char == "\t":
            kp.skip() if kp.program is not None else self._tab()
            return
        if char == " ":
            kp.space()
            return
        if char.islower() and codes.can_punch(char.upper()):
            char = char.upper()        # the 029 keyboard has capitals only
        kp.key(char)

    def _tab(self) -> None:
        """TAB without a program card: the next field of the IBM assembler
        coding form (label 21, operation 27, format/tag 32, operand 35, then
        the stops ``cards.expand_tabs`` uses)."""
        kp = self.keypunch
        stop = next((c for c in _CODING_FORM_STOPS if c > kp.column), 81)
        while kp.column < min(stop, 81):
            kp.space()

    def _deck_out(self) -> list[Card]:
        """The deck as one list in the stacker (the card at the read station joins it)."""
        kp = self.keypunch
        if kp.previous is not None:
            kp.stacker.append(kp.previous)
            kp.previous = None
        return kp.stacker

    def _paste(self, text: str, name: str) -> None:
        """Key a text (each line one card; tab-form assembler lines laid out
        in card columns by ``cards.expand_tabs``).  Every line is checked
        first, so a bad line punches nothing (DeckError names it)."""
        cards = card_lines(text, name, layout="asm")
        kp = self.keypunch
        if kp.card is not None and kp.column > 1:
            kp.release()               # the card being typed goes first
        for line in cards:
            if kp.card is None:
                kp.feed()
            for column, char in enumerate(line, 1):
                if kp.column == column:        # a program card may have skipped or duplicated
                    self._key(char)
            self._key("\n")

    def _keypunch_view(self, page: Any = None) -> dict:
        kp = self.keypunch
        deck = kp.deck()
        view: dict[str, Any] = {"column": kp.column, "deck_size": len(deck),
                                "card": kp.card.columns if kp.card is not None else None,
                                "printed": "".join(kp.printed),
                                "program": kp.program is not None}
        if kp.program is not None and kp.card is not None and kp.column <= 80:
            f = kp.program.field_at(kp.column)
            view["field"] = {"start": f.start, "end": f.end, "skip": f.skip,
                             "duplicate": f.duplicate, "alphabetic": f.alphabetic}
        if page is not None and deck:
            index = max(0, min(int(page), len(deck) - 1))
            card = deck[index]
            view["page"] = {"index": index, "columns": card.columns,
                            "text": card.to_text(substitute="?").ljust(80)}
        return view

    def cmd_deck_export(self, msg: dict) -> dict:
        """The keypunch deck (``source: keypunch``) or the 1442's punched
        cards (``source: stacker``) as ASCII text or base64 binary."""
        if msg.get("source") == "stacker":
            cards = [Card(c) for c in self.machine.reader.punched_cards()]
        else:
            cards = self.keypunch.deck()
        if msg.get("format") == "binary":
            return {"b64": base64.b64encode(deck_to_bytes(cards)).decode("ascii"), "cards": len(cards)}
        try:
            return {"text": deck_to_text(cards, filename="deck"), "cards": len(cards)}
        except DeckError as error:
            raise BridgeError(f"{error} (download it as binary)") from None

    def cmd_deck_to_reader(self, msg: dict) -> dict:
        cards = self.keypunch.deck()
        if not cards:
            raise BridgeError("the keypunch deck is empty: punch some cards first")
        self.machine.attach_deck(cards, name="keypunch deck")
        return {"cards": len(cards), "hopper": self.machine.reader.cards_in_hopper}

    def cmd_deck_source(self, msg: dict) -> dict:
        """The keypunch deck as source text (one line per card), for the editor."""
        return {"text": "".join(c.to_text(substitute="?") + "\n" for c in self.keypunch.deck())}

    def cmd_reader_clear(self, msg: dict) -> dict:
        self.machine.reader.empty_hopper()
        return {}

    # ------------------------------------------------------------------ output
    def cmd_tear_off(self, msg: dict) -> dict:
        device = self.machine.printer if msg.get("device") == "printer" else self.machine.console
        text = device.tear_off()
        self.resend_output()
        return {"text": text}

    def cmd_printer_text(self, msg: dict) -> dict:
        return {"console_printer": self.machine.console.output_text(),
                "printer": self.machine.printer.output_text()}

    # -------------------------------------------------------------------- disk
    def mount_disk(self, data: Any, name: str = "cartridge", drive: int = 0) -> str:
        """Mount a SIMH disk image (bytes, or a Pyodide buffer proxy) on
        ``drive`` as an in-memory cartridge; returns the reply JSON."""
        if hasattr(data, "to_bytes"):
            data = data.to_bytes()
        try:
            self.machine.mount(bytes(data), drive=drive, name=name)
        except ValueError as error:      # DiskImageError, or no such drive
            return json.dumps({"ok": False, "error": str(error)})
        return json.dumps({"ok": True, "mounted": name, "drive": drive})

    def cmd_unmount(self, msg: dict) -> dict:
        self.machine.unmount(0)
        return {}

    def disk_image(self) -> bytes:
        """The mounted cartridge's image (for download), or b""."""
        cartridge = self.machine.disks[0].cartridge
        return cartridge.image_bytes() if cartridge is not None else b""

    # ------------------------------------------------------------------ state
    def cmd_save_state(self, msg: dict) -> dict:
        state = {"format": STATE_FORMAT, "version": STATE_VERSION,
                 "machine": self.machine.save_state(),
                 "keypunch": {"deck": [c.columns for c in self.keypunch.deck()]},
                 "breakpoints": sorted(self.system.breakpoints)}
        if not msg.get("include_disk", True):
            for dev in state["machine"]["system"]["devices"].values():
                if isinstance(dev, dict) and dev.get("cartridge"):
                    dev["cartridge"] = None
        return {"state": json.dumps(state)}

    def cmd_load_state(self, msg: dict) -> dict:
        """Restore a saved state.  The new machine is built aside and only
        replaces the running one when the whole state loaded, so a bad file
        changes nothing."""
        text = msg.get("state")
        name = str(msg.get("name") or "state file")
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
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise BridgeError(f"{name}: the state is damaged ({type(error).__name__}: {error})") from None
        self._use(machine)
        self.panel.running = False          # the operator presses PROGRAM START to continue
        if self.tracing:
            self.system.trace = self._record
        self.keypunch = Keypunch029(auto_feed=True)
        self.keypunch.stacker = deck
        self.keypunch.feed()
        self._job = None
        self.resend_output()
        return {"iar": system.iar, "instructions": system.instructions}
