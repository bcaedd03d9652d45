"""The 1131 console: the panel's knob, buttons and switches, the keyboard,
and the machine's state.

Messages: ``state`` (the contract's: registers, lamps, mode, output...);
``reset`` (CHECK RESET) -> ``done``; ``switches {value}`` (0 to FFFF) ->
``switches``; ``mode {mode}`` (``panel.MODES``) -> ``mode``; ``button
{name, down?}`` (``ConsolePanel.press``; ``lamp_test`` with ``down`` true
holds LAMP TEST, false lets it go) -> ``done``, ``lamps`` and, when IMM
STOP ends a scripted run, ``run`` (that run's reply); ``console_keys {text}``
-> ``queued`` (keys typed ahead on the 1131 keyboard); ``int_req``.
"""

from __future__ import annotations

from typing import Any, Callable

from .messages import BridgeError


class Console:
    """The console of the ``room``'s machine.  ``tracing()`` tells whether
    the debugger traces (shown in ``state``); ``abort_run()`` ends a
    scripted run (its reply, or None); ``cancel_run()`` forgets it;
    ``new_page()`` sends all printed output again (after PROGRAM LOAD)."""

    def __init__(self, room, tracing: Callable[[], bool], abort_run: Callable[[], dict | None],
                 cancel_run: Callable[[], None], new_page: Callable[[], None]) -> None:
        self.room = room
        self.tracing = tracing
        self.abort_run = abort_run
        self.cancel_run = cancel_run
        self.new_page = new_page

    def state(self, msg: dict) -> dict:
        s, panel, machine = self.room.system, self.room.panel, self.room.machine
        return {"iar": s.iar, "acc": s.acc, "ext": s.ext, "carry": s.carry, "overflow": s.overflow,
                "xr": s.xr, "switches": s.switches, "instructions": s.instructions, "cycles": s.cycles,
                "wait": bool(s.wait), "level": s.level, "lamps": panel.lamps(),
                "mode": panel.mode, "running": panel.running, "powered": panel.powered,
                "stop_reason": panel.stop_reason, "stop_detail": panel.stop_detail(),
                "breakpoints": sorted(s.breakpoints),
                "tracing": self.tracing(), "console_printer": machine.console.output_text(),
                "printer": machine.printer.output_text()}

    def reset(self, msg: dict) -> dict:
        self.cancel_run()
        return {"done": self.room.panel.check_reset()}

    def switches(self, msg: dict) -> dict:
        self.room.panel.set_switches(msg["value"])
        return {"switches": self.room.system.switches}

    def mode(self, msg: dict) -> dict:
        panel = self.room.panel
        panel.set_mode(msg["mode"])
        return {"mode": panel.mode}

    def button(self, msg: dict) -> dict:
        name = msg["name"]
        reply: dict[str, Any] = {}
        if name == "imm_stop":
            run = self.abort_run()
            if run is not None:
                reply["run"] = run
        panel = self.room.panel
        if name == "lamp_test" and "down" in msg:
            return {"done": panel.hold_lamp_test(msg["down"]), "lamps": panel.lamps()}
        done = panel.press(name)
        if name == "program_load":
            self.new_page()
        return {**reply, "done": done, "lamps": panel.lamps()}

    def console_keys(self, msg: dict) -> dict:
        keys = msg["text"]
        console = self.room.machine.console
        try:
            console.type_ahead(keys.upper())
        except ValueError as error:
            raise BridgeError(str(error)) from None
        return {"queued": len(console.pending_keys)}

    def int_req(self, msg: dict) -> dict:
        self.room.machine.console.interrupt_request()
        return {}
