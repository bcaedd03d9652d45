"""The IBM 1130 desktop window without its pixels: what a click or a key does.

``DesktopModel`` drives one :class:`~machines.ibm1130.machine.Ibm1130`
through its console panel (``machine.panel``, machines/ibm1130/panel.py:
every button, the mode switch and the entry switches go through it), runs
the CPU a slice per frame with the page's pacing (machines/ibm1130/web/pacing.py:
as fast as the frame allows, or the real machine's speed), routes typed keys
to the 1131 keyboard while the program waits for one, and gives the
painter what it shows (the lamps, the printers' tails, the 2250's frame).
No pyxel here: tests drive it by clicking at :mod:`.layout`'s places.
"""

from __future__ import annotations

import os
import time
from typing import Any, Callable

from .. import codes
from ..devices.display2250 import AKEY_BACKSPACE, AKEY_DATA_AVAILABLE, AKEY_END
from ..devices.gduorders import DSW_KEYBOARD_INTERRUPT
from ..panel import MODES, PanelError
from ..web.messages import BridgeError
from ..web.pacing import Pacing
from ..web.snapshot import Glow
from . import layout

#: The keyboard shortcuts: (key name, what it does, verb).  The window maps
#: pyxel's keys to these names; the legend in the window is this table.
SHORTCUTS = (("F1", "mode switch left", "mode_left"), ("F2", "mode switch right", "mode_right"),
             ("F3", "INT REQ (console keyboard)", "int_req"), ("F4", "real speed / max speed", "speed"),
             ("F5", "PROGRAM START", "start"), ("F6", "PROGRAM STOP", "stop"),
             ("F7", "IMM STOP", "imm_stop"), ("F8", "CHECK RESET", "reset"),
             ("F9", "LOAD IAR (from the switches)", "load_iar"), ("F10", "PROGRAM LOAD", "program_load"),
             ("F11", "FORTH (prepare and start)", "forth"), ("F12", "lamp test", "lamp_test"),
             ("Delete", "entry switches to 0000 (1131: ERASE FIELD)", "clear_switches"))
TYPING_HELP = ("0-9 A-F: shift a hex digit into the entry switches",
               "when K.B. SELECT is lit, keys go to the 1131 keyboard:",
               "  Enter = EOF, Backspace = backspace",
               "mouse over the 2250: keys go to its keyboard (Enter = END)",
               "mouse: switches, knob, buttons; 2250 face = light pen",
               "Esc: quit")
PANEL_BUTTONS = ("start", "stop", "imm_stop", "reset", "load_iar", "program_load", "power", "lamp_test")
HEX_DIGITS = "0123456789ABCDEF"
FRAME_MS = 14.0
"""Wall time a max-speed frame may spend running the CPU (of a 60 Hz frame's 16.7 ms)."""
GLOW_SAMPLES = 8
"""Lamp samples a real-speed frame takes (the page's resolution, web/bridge.py)."""


def _nothing() -> None:
    """The pacing's per-sample hook: the window samples nothing mid-frame."""


class DesktopModel:
    """The window's state around ``machine``.

    ``message`` is the last operator-visible result (a button's answer, an
    error); ``forth`` (optional) is a callable ``forth(model)`` behind the
    FORTH key; while ``busy`` (its progress text) a worker owns the machine:
    the CPU is not run and the buttons wait.  ``glow`` holds the lamp
    samples of the last frame in which the CPU ran.  ``clock`` returns
    seconds (injectable for tests).  Raises nothing for operator mistakes:
    they become ``message``."""

    def __init__(self, machine: Any, *, forth: Callable[["DesktopModel"], None] | None = None,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.machine = machine
        self.panel = machine.panel
        self.pacing = Pacing(clock)
        self.forth = forth
        self.message = "ready"
        self.busy: str | None = None    # a preset's worker owns the machine (its progress)
        self._printer_tail: list[str] = []
        self._alpha_keys: list[int] = []    # typed for the 2250, given as the program takes them
        self.glow: Glow | None = None       # the lamps sampled over the last frame that ran
        self.controls = layout.controls(forth=forth is not None)
        self._pen: tuple = (None, False)        # the light pen last told to the 2250
        self.set_real_speed(False)

    # ------------------------------------------------------------- speed
    def set_real_speed(self, real: bool) -> None:
        """Max speed (the default: as many instructions as a frame allows)
        or the real 1130's (its storage cycle, the Selectric's 15.5
        characters a second)."""
        try:
            self.pacing.set_speed({"real": real, "cycle_us": self.machine.system.cycle_us},
                                  self.machine.console)
        except BridgeError:          # a cycle the real-speed throttle does not know
            self.pacing.set_speed({"real": real, "cycle_us": 3.6}, self.machine.console)

    @property
    def real_speed(self) -> bool:
        return self.pacing.real

    # ------------------------------------------------------------ running
    def frame(self, ms: float) -> int:
        """Run the CPU for one frame covering ``ms`` of wall time (if it
        runs); returns the instructions executed.  A stop shows in
        ``message``; a cartridge that cannot be written stops the CPU.

        The page's pacing runs it (``web.pacing.Pacing.run_frame``): at real
        speed its throttle bounds the frame; at max speed the CPU runs in
        adaptive chunks until :data:`FRAME_MS` of wall time are spent (a
        program that waits costs no instructions while device events fire,
        so an instruction budget alone would not bound the frame)."""
        s, panel = self.machine.system, self.panel
        if self.busy is not None:
            return 0
        self._give_alpha_key()
        instructions, cycles, wall_ms = self.pacing.budget(ms)
        before = s.instructions
        glow = self.glow = Glow(panel) if panel.running or panel.stop_reason == "wait" else None
        try:
            stop = self.pacing.run_frame(s, panel, instructions, cycles, GLOW_SAMPLES if glow else 1,
                                         glow.sample if glow else _nothing, min(wall_ms, FRAME_MS))
        except ValueError as error:       # disk2310.DiskImageError: a sector could not be written
            panel.running = False
            self.message = str(error)
            return s.instructions - before
        executed = s.instructions - before
        if executed == 0:
            self.glow = None
        self.pacing.count(executed, panel.running)
        if stop is not None and not panel.running:
            self.message = f"stop: {stop} at IAR {s.iar:04X}"
        return executed

    # ------------------------------------------------------------- verbs
    def press(self, name: str) -> str:
        """A button by name: the panel's (``PANEL_BUTTONS``), ``int_req``,
        ``speed``, ``forth``; or a shortcut verb (``mode_left``,
        ``mode_right``, ``clear_switches``).  Returns and shows the answer."""
        if self.busy is not None:
            self.message = f"wait: {self.busy}"
            return self.message
        try:
            if name in PANEL_BUTTONS:
                self.message = self.panel.press(name)
            elif name == "int_req":
                self.machine.console.interrupt_request()
                self.message = "INT REQ"
            elif name == "speed":
                self.set_real_speed(not self.real_speed)
                self.message = "real speed" if self.real_speed else "max speed"
            elif name in ("mode_left", "mode_right"):
                k = MODES.index(self.panel.mode) + (1 if name == "mode_right" else -1)
                self.set_mode(MODES[max(0, min(len(MODES) - 1, k))])
            elif name == "clear_switches" and self.keys_go_to == "1131":
                self.machine.console.type_ahead([codes.KEY_ERASE_FIELD])   # Delete: ERASE FIELD
                self.message = "ERASE FIELD"
            elif name == "clear_switches":
                self.set_switches(0)
            elif name == "forth":
                if self.forth is None:
                    self.message = "FORTH is not available in this build"
                else:
                    self.forth(self)
            else:
                raise ValueError(f"no button {name!r}")
        except PanelError as error:
            self.message = str(error)
        return self.message

    def set_mode(self, mode: str) -> None:
        self.panel.set_mode(mode)
        self.message = f"mode {self.panel.mode}"

    def set_switches(self, value: int) -> None:
        self.panel.set_switches(value)
        self.message = f"switches {self.machine.system.switches:04X}"

    def toggle_switch(self, bit: int) -> None:
        """Flip entry switch ``bit`` (0 = the leftmost, the word's high-order bit)."""
        self.set_switches(self.machine.system.switches ^ (0x8000 >> bit))

    def hex_digit(self, digit: str) -> None:
        """Shift one hex digit into the entry switches from the right."""
        self.set_switches(((self.machine.system.switches << 4) | HEX_DIGITS.index(digit.upper())) & 0xFFFF)

    @property
    def display(self) -> Any:
        """The 2250 (``Ibm1130.display``), or None on a machine without one."""
        return getattr(self.machine, "display", None)

    def click(self, px: float, py: float) -> layout.Control | None:
        """A mouse click at window pixel (px, py): flips a switch, turns the
        knob, presses a button or a 2250 function key.  Returns the control."""
        control = layout.hit(self.controls, px, py)
        if control is None or (self.busy is not None and control.kind != "button"):
            return None
        if control.kind == "button":
            self.press(str(control.arg))
        elif control.kind == "mode":
            self.set_mode(str(control.arg))
        elif control.kind == "switch":
            self.toggle_switch(int(control.arg))
        elif control.kind == "function_key" and self.display is not None:
            self.display.press_function_key(int(control.arg))
            self.message = f"2250 function key {control.arg}"
        return control

    def pointer(self, px: float, py: float, down: bool) -> None:
        """The mouse as the 2250's light pen: at raster (x, y) over the
        screen's face (``down`` = the pen's tip switch), away elsewhere.
        The 2250 hears of it only when the pen moves or the switch changes
        (a still pen lets a parked regeneration stay parked)."""
        display = self.display
        if self.busy is not None:
            return
        point = layout.screen_to_raster(px, py)
        pen = (point, bool(down and point is not None))
        if display is None or pen == self._pen:
            return
        self._pen = pen
        if point is None:
            display.light_pen(None, None)
        else:
            display.light_pen(point[0], point[1], pen[1])

    def drop(self, path: str) -> None:
        """A file dropped on the window: a ``.dsk`` cartridge is mounted on
        drive 0 (an in-memory copy), anything else is a card deck stacked in
        the 1442 hopper.  A bad file only sets ``message`` (file and card)."""
        try:
            if path.lower().endswith(".dsk"):
                self.machine.mount(path)
                self.message = f"mounted {os.path.basename(path)} on drive 0"
            else:
                cards = self.machine.attach_deck(path)
                self.message = f"{cards} cards of {os.path.basename(path)} in the 1442 hopper"
        except (OSError, ValueError) as error:
            self.message = str(error)

    # ---------------------------------------------------------- keyboard
    @property
    def keyboard_active(self) -> bool:
        """Typed keys go to the 1131 keyboard: the program has selected it
        (K.B. SELECT), or keys typed for it are still queued."""
        console = self.machine.console
        return console.keyboard_selected or bool(console.pending_keys)

    @property
    def keys_go_to(self) -> str:
        """Where typed keys go: ``"1131"`` (the console keyboard is active),
        ``"2250"`` (the mouse is over the 2250's face: its alphanumeric
        keyboard), else ``"switches"`` (hex digits into the entry switches)."""
        if self.keyboard_active:
            return "1131"
        if self.display is not None and self._pen[0] is not None:
            return "2250"
        return "switches"

    def type_text(self, text: str) -> None:
        """Keys typed in the window, to :attr:`keys_go_to`: the 1131
        keyboard (``\n`` = EOF, ``\b`` = backspace; queued, typed as the
        program asks), the 2250's alphanumeric keyboard (EBCDIC, ``\n`` =
        END, ``\b`` = BACKSPACE; queued, each an interrupt once the program
        has taken the one before, at most one a frame), or
        hex digits into the entry switches (other keys are ignored).  A
        character with no key only sets ``message``."""
        if not text or self.busy is not None:
            return
        target = self.keys_go_to
        try:
            if target == "1131":
                self.machine.console.type_ahead(text.upper())
            elif target == "2250":
                special = {"\n": AKEY_END, "\r": AKEY_END, "\b": AKEY_BACKSPACE}
                self._alpha_keys += [special[c] if c in special else codes.ascii_to_ebcdic(c.upper())
                                     for c in text]
            else:
                for char in text:
                    if char.upper() in HEX_DIGITS:
                        self.hex_digit(char)
        except ValueError as error:
            self.message = str(error)

    def _give_alpha_key(self) -> None:
        """Press the next queued 2250 key once the program has taken the
        last one, so keys typed faster than it reads them wait instead of
        overwriting the key register.  Taken: the register is clear (XIO
        Write restarting regeneration clears it, SIMH ``gdu``), or the
        key's interrupt was reset (XIO Read, Sense with reset) and the CPU
        waits for the next one (a program that reads keys without
        regenerating).  At most one key a frame."""
        display = self.display
        if not self._alpha_keys or display is None:
            return
        read = not display.dsw & DSW_KEYBOARD_INTERRUPT and self.machine.system.wait
        if not display.akey & AKEY_DATA_AVAILABLE or read:
            display.press_alpha_key(self._alpha_keys.pop(0))

    # ----------------------------------------------------------- showing
    def lamp_levels(self) -> list[tuple[layout.Lamp, float]]:
        """Every lamp with its brightness 0.0-1.0: while the CPU ran in the
        last frame, the registers' and interrupt levels' lamps glow by the
        share of the frame's samples they were lit in (``web.snapshot.Glow``,
        as the page's panel); otherwise, and for the other lamps, 0 or 1
        from ``panel.lamps()``."""
        lamps = self.panel.lamps()
        glow = self.glow if self.glow is not None and self.glow.taken and not self.panel.lamp_test else None
        out = []
        for lamp in layout.lamp_positions():
            if glow is not None and lamp.key in glow.counts:
                out.append((lamp, glow.counts[lamp.key][lamp.bit] / glow.taken))
            else:
                out.append((lamp, 1.0 if layout.lamp_lit(lamps, lamp) else 0.0))
        return out

    def console_tail(self, lines: int) -> list[tuple[str, str]]:
        """The console printer's last ``lines`` lines as (text, ribbon)
        pairs, ``ribbon`` one ``r``/``b`` per column (red or black)."""
        console = self.machine.console
        return [("".join(text), "".join(ribbon))
                for text, ribbon in zip(console.lines[-lines:], console.colours[-lines:])]

    def printer_tail(self, lines: int) -> list[str]:
        """The 1132's last ``lines`` lines (a form feed starts a line; an
        overprinted line shows its first strike).  While a worker owns the
        machine, the tail shown before (the printer is not read under it)."""
        if self.busy is not None:
            return self._printer_tail[-lines:]
        text = self.machine.printer.output_text()
        tail = text[-lines * 122 - 1:].replace("\f", "").split("\n")[-lines:]
        self._printer_tail = [line.split("\r")[0] for line in tail]
        return self._printer_tail

    def status(self) -> list[str]:
        """The status lines under the buttons."""
        s, panel, m = self.machine.system, self.panel, self.machine
        state = "RUNNING" if panel.running else ("WAIT" if s.wait else "STOPPED")
        speed = (f"real speed ({self.pacing.cycle_us} us)" if self.real_speed else "max speed")
        lines = [f"{state}  {speed}  {self.pacing.ips:,} instructions/s  "
                 f"{s.instructions:,} executed",
                 f"IAR {s.iar:04X}  ACC {s.acc:04X}  EXT {s.ext:04X}  switches {s.switches:04X}  "
                 f"mode {panel.mode}",
                 f"1442 hopper {m.reader.cards_in_hopper} cards   drive 0: {self._cartridge()}",
                 self.busy or self.message]
        return lines

    def _cartridge(self) -> str:
        disk = self.machine.disks[0] if self.machine.disks else None
        cartridge = disk.cartridge if disk is not None else None
        if cartridge is None:
            return "empty"
        name = os.path.basename(cartridge.path) if cartridge.path else "cartridge"
        return name + (" (writable)" if cartridge.writable else "")
