"""The Python side of the IBM 1130 web page: the router the worker drives.

DESIGN.md "Web front end" and "contract: the 1130 page's script hook": the
page's worker calls :meth:`Bridge.handle` with a message (a JSON object as
text) and posts the reply (JSON text); per animation frame it calls
:meth:`Bridge.tick` for a bounded slice of CPU time and posts the snapshot.
Every call is bounded: a running program advances only through ``tick``,
``frame`` and ``run_continue`` with an instruction budget, so a runaway
program never freezes the page and IMM STOP acts between two calls.

This module only routes.  Each pane's work is a module of its own, which
reads the one machine from the :class:`~.room.Room`:

=====================  ==================================================
``assembly``           ``assemble``, ``load``, ``load_file_text``, ``object_deck``
``runs``               the contract's ``run {max_instructions, dump}``
``console``            ``state``, ``reset``, ``switches``, ``mode``, ``button``,
                       ``console_keys``, ``int_req``
``debugger``           ``breakpoint``, ``run_to``, ``step``, ``trace``,
                       ``trace_get``, ``memory``, ``deposit``, ``devices``
``cardroom``           ``keypunch``, ``reader``, ``reader_clear``, ``deck_export``,
                       ``deck_to_reader``, ``deck_source``
``output``             ``tear_off``, ``printer_text``; the snapshots' output
``disks``              ``unmount``, ``disks``; mounting and the image (worker calls)
``machine_state``      ``save_state``, ``load_state``
``pacing``             ``speed {real, cycle_us}``; every frame's budget
``forth``              ``forth_prepare``, ``forth_step``, ``forth_cancel``
``testhooks``          ``fault``, ``stall``
``display``            ``light_pen``, ``display_key``, ``display_alpha``, ``plotter_svg``,
                       ``plotter_tear_off``, ``plotter_paper``; the snapshots' 2250 and 1627
=====================  ==================================================

Replies always carry ``ok``; an operator error is ``ok: false`` with
``error`` (a message for the operator, never a traceback).
"""

from __future__ import annotations

import json
from typing import Any, Callable

from ..cards import DeckError
from ..devices.keypunch029 import KeypunchError
from ..panel import PanelError
from . import testhooks
from .assembly import AssemblyService
from .cardroom import CardRoom
from .console import Console
from .debugger import Debugger
from .forth import ForthPreset     # (before .disks: keeps other branches' imports after it mergeable)
from .disks import DiskDrives
from .display import Graphics
from .machine_state import MachineState
from .messages import BridgeError
from .output import Output
from .pacing import STEP_FRAME_INSTRUCTIONS, Pacing
from .room import Room
from .runs import ScriptedRun
from .schemas import check
from .snapshot import Glow, Quiet, snapshot

__all__ = ["Bridge", "BridgeError"]

#: Errors whose text is for the operator (bad input, a refused action).
OPERATOR_ERRORS = (BridgeError, PanelError, DeckError, KeypunchError, ValueError)   # (and LoadFormatError, a ValueError)
#: Lamp samples in a frame (the glow's resolution).
SAMPLES = 8


class Bridge:
    """The machine behind the page and its panes.  Construct it once per
    worker.  ``machine``, ``system`` and ``panel`` are the room's (a
    restored state replaces them)."""

    def __init__(self) -> None:
        self.room = Room()
        self.pacing = Pacing()
        self.quiet = Quiet()
        self.output = Output(self.room)
        self.debugger = Debugger(self.room)
        self.cardroom = CardRoom(self.room)
        self.disks = DiskDrives(self.room)
        self.runs = ScriptedRun(self.room, stopped=self.debugger.stopped,
                                chunk=lambda: self.pacing.run_timer.count)
        self.assembly = AssemblyService(self.room, loaded=self.runs.cancel,
                                        punch_deck=lambda: self.cardroom.desk.deck_out())
        self.console = Console(self.room, tracing=lambda: self.debugger.tracing,
                               abort_run=self.runs.abort, cancel_run=self.runs.cancel,
                               new_page=self.output.resend)
        self.graphics = Graphics(self.room)
        self.machine_state = MachineState(self.room, self.cardroom, restored=self._restored)
        self.forth = ForthPreset(self.room, restored=self._restored)
        self.commands: dict[str, Callable[[dict], dict]] = {
            # the contract
            "assemble": self.assembly.assemble, "load": self.assembly.load,
            "state": self.console.state, "reset": self.console.reset,
            "switches": self.console.switches, "reader": self.cardroom.reader,
            # the program pane
            "load_file_text": self.assembly.load_file_text, "object_deck": self.assembly.object_deck,
            # the console
            "mode": self.console.mode, "button": self.console.button,
            "console_keys": self.console.console_keys, "int_req": self.console.int_req,
            "speed": self._speed,
            # Moore's FORTH (1968)
            "forth_prepare": self.forth.prepare, "forth_step": self.forth.step,
            "forth_cancel": self.forth.cancel,
            # the debugger
            "breakpoint": self.debugger.breakpoint, "run_to": self.debugger.run_to_address,
            "step": self.debugger.step, "trace": self.debugger.set_trace,
            "trace_get": self.debugger.trace_get, "memory": self.debugger.memory,
            "deposit": self.debugger.deposit, "devices": self.debugger.devices,
            # the card room
            "keypunch": self.cardroom.keypunch, "reader_clear": self.cardroom.reader_clear,
            "deck_export": self.cardroom.deck_export, "deck_to_reader": self.cardroom.deck_to_reader,
            "deck_source": self.cardroom.deck_source, "unmount": self.disks.unmount,
            "disks": self.disks.drives,
            # output and state
            "tear_off": self.output.tear_off, "printer_text": self.output.printer_text,
            "save_state": self.machine_state.save, "load_state": self.machine_state.load,
            # the 2250 and the 1627
            "light_pen": self.graphics.light_pen, "display_key": self.graphics.function_key,
            "display_alpha": self.graphics.alpha_key,
            "plotter_svg": self.graphics.plotter_svg, "plotter_tear_off": self.graphics.plotter_tear_off,
            "plotter_paper": self.graphics.plotter_paper,
            # test hooks
            "fault": testhooks.fault, "stall": testhooks.stall,
        }

    @property
    def machine(self):
        return self.room.machine

    @property
    def system(self):
        return self.room.system

    @property
    def panel(self):
        return self.room.panel

    def _speed(self, msg: dict) -> dict:
        return self.pacing.set_speed(msg, self.room.machine.console)

    def _restored(self) -> None:
        """A saved state put a new machine in the room: the panes follow."""
        self.debugger.attach()
        self.runs.cancel()
        self.output.resend()
        self.graphics.resend()

    # ------------------------------------------------------------ messages
    def handle(self, text: str) -> str:
        """Act on one message (JSON text); returns the reply as JSON text."""
        try:
            msg = check(json.loads(text))   # every field checked against the message's schema
            command = self.commands.get(msg["cmd"])
            if command is None:             # run and mount: the worker's own calls, not messages
                raise BridgeError(f"unknown command {msg['cmd']!r}")
            reply = command(msg)
            reply.setdefault("ok", True)
        except OPERATOR_ERRORS as error:     # bad values from the operator, e.g. a mode name
            reply = {"ok": False, "error": str(error)}
        except RecursionError:               # JSON nested beyond Python's stack
            reply = {"ok": False, "error": "the message is nested too deeply"}
        return json.dumps(reply)

    # ----------------------------------------------------------------- run
    def run_begin(self, text: str) -> str:
        """Start a ``run`` message (JSON text): returns "" (continue with
        :meth:`run_continue`) or an error reply (JSON text)."""
        try:
            msg = json.loads(text)
        except ValueError as error:
            return json.dumps({"ok": False, "error": f"the run message is not JSON: {error}"})
        try:
            msg = check({**msg, "cmd": "run"} if isinstance(msg, dict) else msg)
        except BridgeError as error:
            return json.dumps({"ok": False, "error": str(error)})
        refused = self.runs.begin(msg)
        return json.dumps(refused) if refused is not None else ""

    def run_continue(self, budget: int | None = None) -> str:
        """Run at most ``budget`` instructions of the current ``run``
        message (default: the chunk pacing sizes to a few milliseconds);
        returns "" while it goes on, else the reply (JSON text)."""
        started = self.pacing.clock()
        reply = self.runs.advance(budget)
        if budget is None:
            self.pacing.run_timer.measured((self.pacing.clock() - started) * 1000)
        return json.dumps(reply) if reply is not None else ""

    def run_abort(self) -> str:
        """IMM STOP during a ``run`` message: its reply, ``stop: stopped``
        (JSON text), or "" when no run is in progress."""
        reply = self.runs.abort()
        return json.dumps(reply) if reply is not None else ""

    @property
    def job_active(self) -> bool:
        """A ``run`` message is waiting for its reply."""
        return self.runs.active

    # -------------------------------------------------------------- frames
    def tick(self, ms: float, force: bool = False) -> str:
        """One animation frame of the free-running machine covering ``ms``
        of wall time, paced by :class:`~.pacing.Pacing` (real speed, or at
        maximum speed a fixed share of wall time).  Returns the snapshot
        (JSON text), or "" when the machine is idle and nothing changed
        since the last one (``snapshot.Quiet``; ``force`` returns it anyway)."""
        instructions, cycles, wall_ms = self.pacing.budget(ms)
        view = self._frame(instructions, cycles, SAMPLES, wall_ms)
        idle = not self.room.panel.running and not self.runs.active
        return self.quiet.pass_on(json.dumps(view), idle, force)

    @property
    def free_running(self) -> bool:
        """The CPU runs at maximum speed: the worker chains frames."""
        return not self.pacing.real and self.room.panel.running

    def step_frame(self) -> str:
        """The ``step`` hook's frame: a fixed slice of
        :data:`~.pacing.STEP_FRAME_INSTRUCTIONS` instructions, whatever the speed."""
        return self.frame(STEP_FRAME_INSTRUCTIONS)

    def frame(self, instructions: int, cycles: float = 0, samples: int = SAMPLES) -> str:
        """One frame of at most ``instructions`` instructions and, if
        ``cycles`` > 0, about that many storage cycles
        (``Pacing.run_frame``), the lamps sampled ``samples`` (1 to 32)
        times.  Returns the snapshot (JSON text, ``snapshot.snapshot``)."""
        return json.dumps(self._frame(instructions, cycles, samples))

    def _frame(self, instructions: int, cycles: float, samples: int, wall_ms: float = 0.0) -> dict[str, Any]:
        system = self.room.system
        glow = Glow(self.room.panel)
        start_i, start_c = system.instructions, system.cycles
        stop = self.pacing.run_frame(system, self.room.panel, instructions, cycles,
                                     max(1, min(int(samples), 32)), glow.sample, wall_ms)
        if stop is not None:
            self.debugger.stopped(stop)
        executed = system.instructions - start_i
        self.pacing.count(executed, self.room.panel.running)
        view = snapshot(self.room, self.output, self.runs.active, self.pacing.ips, glow, stop,
                        executed, system.cycles - start_c)
        view.update(self.graphics.delta())      # the 2250 and 1627 panes, when they changed
        return view

    # ---------------------------------------------------------------- disk
    def mount_disk(self, data: Any, name: str = "cartridge", drive: int = 0) -> str:
        """Mount a SIMH disk image (bytes, or a Pyodide buffer proxy) on
        ``drive`` (0 to 4) as an in-memory cartridge; returns the reply
        JSON (``ok: false`` with the reason for a bad drive, name or image)."""
        try:
            msg = check({"cmd": "mount", "drive": drive, "name": name})
        except BridgeError as error:
            return json.dumps({"ok": False, "error": str(error)})
        return json.dumps(self.disks.mount(data, msg["name"], msg["drive"]))

    def disk_image(self) -> bytes:
        """The mounted cartridge's image (for download), or b""."""
        return self.disks.image()
