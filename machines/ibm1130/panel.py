"""The IBM 1130 console panel: mode switch, push buttons and the lamps.

Reference ../shared/reference/ibm1130.md sections 4.11 and 8 (SIMH's
console, IBM 1130 Functional Characteristics "Console"): what the operator's
controls do to the machine (:class:`~machines.ibm1130.machine.Ibm1130`), and
what the display panel shows.  Front ends (the web page, a desktop window) draw the
lamps of :meth:`ConsolePanel.lamps` and call the verbs; nothing here draws.

Mode switch (seven positions, left to right on the knob): SS, SMC, INT RUN,
RUN, SI, DISP, LOAD.

* RUN / INT RUN: PROGRAM START lets the CPU run (``run_slice`` executes
  it in bounded slices); INT RUN also requests level 5 after every mainline
  instruction (``ConsoleSwitches.int_run``).
* SI: PROGRAM START executes one instruction.
* SMC / SS: PROGRAM START advances one storage cycle: the fetch cycles (I1,
  I2, IX, IA) show their address in SAR and the word read in SBR; the last
  press executes the instruction, whose execute cycle leaves the operand in
  SAR/SBR (a double-word operand shows its second word in one more press,
  E2).  The CPU core executes whole instructions, so SS (the single
  clock step of the real knob) steps by storage cycle too, like SMC; the
  T-clock inside a cycle is not modelled (neither is it by SIMH).
* DISP: PROGRAM START shows M[IAR] in SBR (SAR = IAR) and advances IAR.
* LOAD: PROGRAM START stores the console entry switches in M[IAR] and
  advances IAR; the SBR lamps follow the switches.

Buttons: PROGRAM START, PROGRAM STOP (level-5 request), IMM STOP, CHECK
RESET, LOAD IAR (IAR <- switches), PROGRAM LOAD (cold start from the 1442,
else the disk named by switches & 7, then run), POWER (off: lamps dark and
buttons dead; on: CHECK RESET, core kept as in a core memory), LAMP TEST
(a momentary switch: every lamp lights while it is held, none after).
"""

from __future__ import annotations

from typing import Any

from .coldstart import ProgramLoadError

MODES = ("SS", "SMC", "INT RUN", "RUN", "SI", "DISP", "LOAD")
"""Mode switch positions, in order around the knob."""

REGISTERS = ("iar", "sar", "sbr", "afr", "acc", "ext")
"""The six 16-lamp rows of the display panel, top to bottom."""

# By the decoded instruction's name (cpu.Decoded.name, isa.py's mnemonics):
# operations whose tag reads no index register (LDX and STX name the
# register they load or store; LDS and WAIT ignore it), and those whose
# operand is an even/odd pair of words (a second execute cycle, E2).
_NO_INDEX_READ = {"LDX", "STX", "LDS", "WAIT"}
_DOUBLE_WORD = {"LDD", "STD", "AD", "SD"}


class PanelError(RuntimeError):
    """An operator action the console refuses (POWER is off, PROGRAM LOAD
    with nothing to load); the message is for the operator."""


class ConsolePanel:
    """The 1131 console of ``machine`` (an ``Ibm1130``, whose ``system``,
    ``console``, ``printer`` and ``disks`` it shows): ``mode`` (one of :data:`MODES`),
    ``running`` (the CPU runs between frames), ``powered``, ``lamp_test``
    (LAMP TEST is held down).

    ``stop_reason`` is the last reason the CPU stopped (``wait``,
    ``invalid``, ``breakpoint``, ``stopped`` for IMM STOP, or None)."""

    def __init__(self, machine: Any) -> None:
        self.machine = machine
        self.system = machine.system
        self.mode = "RUN"
        self.running = False
        self.powered = True
        self.lamp_test = False
        self.stop_reason: str | None = None
        self._cycles: list[tuple[str, int, int]] = []    # pending SMC fetch cycles
        self._shown: tuple[int, int, int] | None = None  # (instructions, SAR, SBR) set by the console
        self._cycle_name = ""
        self._fetch_done = False
        self._after: list[tuple[str, int, int]] = []

    def _clear_cycles(self) -> None:
        self._after: list[tuple[str, int, int]] = []   # execute cycles still to show
        self._cycles = []
        self._fetch_done = False
        self._cycle_name = ""

    # ------------------------------------------------------------ switches
    def set_mode(self, mode: str) -> None:
        """Turn the mode knob (ValueError for an unknown position)."""
        mode = mode.upper().replace("_", " ")
        if mode not in MODES:
            raise ValueError(f"mode switch has no position {mode!r} (positions: {', '.join(MODES)})")
        self.mode = mode
        self.system.console.int_run = mode == "INT RUN"
        if mode not in ("SS", "SMC"):
            self._clear_cycles()
        if mode in ("SI", "SS", "SMC", "DISP", "LOAD"):
            self.running = False

    def set_switches(self, value: int) -> None:
        self.system.switches = int(value) & 0xFFFF

    # ------------------------------------------------------------- buttons
    def _need_power(self) -> None:
        if not self.powered:
            raise PanelError("POWER is off")

    def press(self, button: str) -> str:
        """Press a console button by name: ``start``, ``stop``, ``imm_stop``,
        ``reset``, ``load_iar``, ``program_load``, ``power``, ``lamp_test``.
        Returns a short description of what happened."""
        verbs = {"start": self.program_start, "stop": self.program_stop, "imm_stop": self.imm_stop,
                 "reset": self.check_reset, "load_iar": self.load_iar,
                 "program_load": self.program_load, "power": self.power,
                 "lamp_test": self.press_lamp_test}
        verb = verbs.get(button)
        if verb is None:
            raise ValueError(f"the console has no button {button!r} (buttons: {', '.join(verbs)})")
        return verb()

    def program_start(self) -> str:
        """PROGRAM START in the current mode (see the module docstring)."""
        self._need_power()
        s = self.system
        mode = self.mode
        if mode in ("LOAD", "DISP"):
            self._clear_cycles()
        if mode == "LOAD":
            address = s.iar
            s.store(address, s.switches)
            self._show(address, s.switches)
            s.iar = address + 1
            return f"stored {s.switches:04X} at {address:04X}"
        if mode == "DISP":
            address = s.iar
            self._show(address, s.memory[address])
            s.iar = address + 1
            return f"{address:04X}: {s.memory[address]:04X}"
        s.program_start()
        self.stop_reason = None
        if mode == "SI":
            self._clear_cycles()
            return self._execute_one()
        if mode in ("SS", "SMC"):
            return self.storage_cycle()
        self._clear_cycles()
        self.running = True
        return "run"

    def _show(self, sar: int, sbr: int) -> None:
        self._shown = (self.system.instructions, sar & self.system.mask, sbr & 0xFFFF)

    def _execute_one(self) -> str:
        s = self.system
        result = s.step()
        self._shown = None
        if result in ("wait", "invalid"):
            self.stop_reason = result
        return f"executed; IAR {s.iar:04X}" + (f" ({result})" if result else "")

    def pending_cycles(self) -> list[str]:
        """Names of the fetch cycles still to come in SMC/SS mode."""
        return [name for name, _, _ in self._cycles]

    def storage_cycle(self) -> str:
        """One storage cycle (SMC/SS): the next fetch cycle of the
        instruction at IAR; once its fetch cycles are shown, the next press
        executes it (the E cycles)."""
        s = self.system
        if self._fetch_done:
            self._fetch_done = False
            self._cycle_name = "E1"
            name = s.decoded(s.iar).name
            done = self._execute_one()
            if name in _DOUBLE_WORD:
                # The even operand word in E1, the odd one in its own cycle E2.
                even = s.sar & ~1
                self._show(even, s.memory[even])
                self._after = [("E2", even | 1, s.memory[even | 1])]
            return "E1 cycle: " + done
        if self._after:
            name, sar, sbr = self._after.pop(0)
            self._show(sar, sbr)
            self._cycle_name = name
            return f"{name} cycle: SAR {sar:04X} SBR {sbr:04X}"
        if not self._cycles:
            self._cycles = self._fetch_cycles(s.iar)
        name, sar, sbr = self._cycles.pop(0)
        self._show(sar, sbr)
        self._cycle_name = name
        self._fetch_done = not self._cycles
        return f"{name} cycle: SAR {sar:04X} SBR {sbr:04X}"

    def _fetch_cycles(self, iar: int) -> list[tuple[str, int, int]]:
        """The fetch storage cycles of the instruction at ``iar`` (reference
        4.10's cost model: I1, I2 for a long instruction, IX for an index
        register read, IA for an indirect address word)."""
        s = self.system
        mem, mask = s.memory, s.mask
        d = s.decoded(iar)
        word, nxt, name, tag = d.word1, d.word2, d.name, d.tag
        cycles = [("I1", iar, word)]
        if nxt is not None:                        # long: the address word
            cycles.append(("I2", (iar + 1) & mask, nxt))
        if tag and name not in _NO_INDEX_READ:     # XR1-3 are core words 1-3
            cycles.append(("IX", tag, mem[tag]))
        if nxt is not None and word & 0x80 and name != "MDM":   # MDM's bit 8 is its increment
            base = nxt + (mem[tag] if tag else 0)
            cycles.append(("IA", base & mask, mem[base & mask]))
        return cycles

    def program_stop(self) -> str:
        """PROGRAM STOP: a level-5 interrupt request (the program decides)."""
        self._need_power()
        self.system.program_stop()
        return "program stop requested (interrupt level 5)"

    def imm_stop(self) -> str:
        """IMM STOP: the CPU stops at once, between instructions."""
        self._need_power()
        was = self.running
        self.running = False
        self._clear_cycles()
        if was:
            self.stop_reason = "stopped"
        return f"stopped at IAR {self.system.iar:04X}"

    def check_reset(self) -> str:
        """CHECK RESET: CPU and devices reset (core and switches kept)."""
        self._need_power()
        self.lamp_test = False
        self.running = False
        self.stop_reason = None
        self._clear_cycles()
        self._shown = None
        self.system.reset()
        self.system.console.int_run = self.mode == "INT RUN"
        return "reset"

    def load_iar(self) -> str:
        """LOAD IAR: IAR <- the console entry switches."""
        self._need_power()
        self.system.iar = self.system.switches
        self._clear_cycles()
        return f"IAR {self.system.iar:04X}"

    def program_load(self) -> str:
        """PROGRAM LOAD: cold start (reader card, else disk), then run.
        Raises PanelError when there is nothing to load."""
        self._need_power()
        try:
            source = self.machine.program_load("auto")
        except ProgramLoadError as error:
            raise PanelError(str(error)) from None
        self.system.console.int_run = self.mode == "INT RUN"
        self._clear_cycles()
        self._shown = None
        self.stop_reason = None
        self.running = self.mode in ("RUN", "INT RUN")
        return f"program load from the {source}"

    def power(self) -> str:
        """POWER: toggles; power on resets the CPU and devices."""
        self.powered = not self.powered
        self.running = False
        self.lamp_test = False
        self._clear_cycles()
        if self.powered:
            self.system.reset()
            self.system.console.int_run = self.mode == "INT RUN"
            self._shown = None
            return "power on"
        return "power off"

    def hold_lamp_test(self, down: bool) -> str:
        """LAMP TEST held down (``down`` True) or let go: a momentary
        switch, so the lamps show the machine again when it is released."""
        self.lamp_test = bool(down) and self.powered
        return "lamp test " + ("held" if self.lamp_test else "released")

    def press_lamp_test(self) -> str:
        """LAMP TEST pressed and let go at once: nothing stays lit."""
        self._need_power()
        self.lamp_test = False
        return "lamp test: every lamp lights while it is held down"

    def stop_detail(self) -> str:
        """Why the CPU is stopped, in the operator's words (empty while it
        runs or before it first stopped): the reason with the IAR, and for
        an invalid instruction met while an interrupt level is in service,
        the vector it came through (PROGRAM STOP and INT RUN interrupt on
        level 5 through word /000D: a program without a level-5 routine
        there runs into the low words of core)."""
        s = self.system
        reason = self.stop_reason
        if self.running or reason is None:
            return ""
        at = f"IAR {s.iar:04X}"
        if reason == "wait":
            return f"WAIT at {at}: PROGRAM START continues after it"
        if reason == "breakpoint":
            return f"breakpoint at {at}"
        if reason == "stopped":
            return f"IMM STOP at {at}: PROGRAM START continues from there"
        if reason != "invalid":
            return f"stopped ({reason}) at {at}"
        text = f"invalid instruction {s.memory[s.iar]:04X} at {at}"
        levels = [level for level, on in enumerate(s.levels) if on]
        if levels:
            level = levels[-1]
            vector = 8 + level
            text += (f" during interrupt level {level}, whose routine address (word /{vector:04X}) "
                     f"is {s.memory[vector]:04X}")
            if level == 5:
                text += (": PROGRAM STOP and INT RUN interrupt on level 5, so a program without a "
                         "level-5 routine ends here. IMM STOP halts any program at once")
            text += "; CHECK RESET clears the level"
        return text

    # ------------------------------------------------------------ running
    def run_slice(self, budget: int) -> str | None:
        """Run the CPU for at most ``budget`` instructions if it is running
        (RUN/INT RUN).  Returns the stop reason when it stopped (wait,
        invalid, breakpoint), else None.  A WAIT with an interrupt request
        pending, or a device event that may bring one (a key typed ahead),
        goes on waiting for it, as the hardware does."""
        s = self.system
        if not self.powered:
            return None
        if (not self.running and self.stop_reason == "wait" and s.wait
                and (any(s.ilsw) or s.pending_events()) and self.mode in ("RUN", "INT RUN")):
            # A WAIT is not a stop for a device: a key typed, cards loaded,
            # PROGRAM STOP bring an interrupt that ends it (the CPU goes on
            # from the WAIT; PROGRAM START is not needed).
            self.running = True
        if not self.running or budget <= 0:
            return None
        reason = s.run(int(budget))
        if reason == "limit":
            return None
        self.running = False
        self.stop_reason = reason
        self._shown = None
        return reason

    # -------------------------------------------------------------- lamps
    def lamps(self) -> dict[str, Any]:
        """What the display panel shows now: the six registers (ints),
        ``op`` (5 bits), ``tag`` (2), ``ccc`` (6), ``levels`` (list of 6
        bools), ``carry``, ``overflow``, ``wait`` and the status lamps
        ``run``, ``kb_select``, ``disk_unlock``, ``file_ready``,
        ``parity_check``, ``forms_check``, ``power_on``; ``mode`` and
        ``cycle`` (SMC cycle name) for the knob.  Dark when POWER is off;
        every lamp lit during lamp test."""
        s = self.system
        if self.lamp_test and self.powered:
            return {**{r: 0xFFFF for r in REGISTERS}, "op": 0x1F, "tag": 3, "ccc": 0x3F,
                    "levels": [True] * 6, "carry": True, "overflow": True, "wait": True,
                    "run": True, "kb_select": True, "disk_unlock": True, "file_ready": True,
                    "parity_check": True, "forms_check": True, "power_on": True,
                    "mode": self.mode, "cycle": self._cycle_name}
        if not self.powered:
            return {**{r: 0 for r in REGISTERS}, "op": 0, "tag": 0, "ccc": 0, "levels": [False] * 6,
                    "carry": False, "overflow": False, "wait": False, "run": False,
                    "kb_select": False, "disk_unlock": False, "file_ready": False,
                    "parity_check": False, "forms_check": False, "power_on": False,
                    "mode": self.mode, "cycle": ""}
        sar, sbr = s.sar, s.sbr
        if self._shown is not None and self._shown[0] == s.instructions:
            sar, sbr = self._shown[1], self._shown[2]
        if self.mode == "LOAD" and not self.running:
            sbr = s.switches
        m = self.machine
        disk = m.disks[0] if m.disks else None
        disk_ready = disk is not None and disk.ready
        return {"iar": s.iar, "sar": sar, "sbr": sbr, "afr": s.afr, "acc": s.acc, "ext": s.ext,
                "op": s.op_register, "tag": s.tag, "ccc": s.ccc, "levels": s.levels,
                "carry": s.carry, "overflow": s.overflow, "wait": bool(s.wait),
                "run": self.running, "kb_select": m.console.keyboard_selected,
                "disk_unlock": disk is not None and not disk_ready, "file_ready": disk_ready,
                "parity_check": False, "forms_check": m.printer.forms_check, "power_on": True,
                "mode": self.mode, "cycle": self._cycle_name}

    # --------------------------------------------------------- save/load
    def save_state(self) -> dict[str, Any]:
        return {"mode": self.mode, "running": self.running, "powered": self.powered,
                "stop_reason": self.stop_reason}

    def load_state(self, state: dict[str, Any]) -> None:
        self.set_mode(state.get("mode", "RUN"))
        self.running = bool(state.get("running", False))
        self.powered = bool(state.get("powered", True))
        self.stop_reason = state.get("stop_reason")
        self._clear_cycles()
        self._shown = None
