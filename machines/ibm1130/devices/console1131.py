"""IBM 1131 console keyboard and console printer (area 1, level 4, ILSW 4 bit 0x4000).

Reference: ../shared/reference/ibm1130.md sections 4.6 (console
keyboard/printer), 4.7 (keyboard and Selectric printer codes) and 6; SIMH
``ibm1130_stddev.c`` is the executable reference.

Keyboard: XIO Control selects it (DSW 0x0200 keyboard busy, the K.B. SELECT
lamp lights, the keyboard unlocks).  A keystroke then stores its code, locks
the keyboard and raises a keyboard response (DSW 0x4000) on level 4; XIO
Read stores the code at the IOCC address and ends the selection.  Key codes
are the key's card code in bits 0-11, or 0x0008 EOF, 0x0004 backspace,
0x0002 erase field (``codes.KEY_*``).  INT REQ raises DSW 0x2000 on level 4
at any time.  The KEYBOARD/CONSOLE switch shows in DSW 0x1000.

Printer: XIO Write types the character whose Selectric code is in the high
byte of M[IOCC address]; the printer is busy (DSW 0x0800) and answers with a
printer response (DSW 0x8000) on level 4 when the character is typed.
Control codes (bit 7 set) shift the ribbon to black (0x04) or red (0x08),
backspace (0x10), space (0x20), tab (0x40), carriage return with line feed
(0x80) and line feed (0x02), and combine.

Timing: SIMH answers 200 instructions after the write (``tto_unit.wait``;
APL\\1130 needs at least that).  ``real_speed(instructions_per_second)``
paces it like the real Selectric instead: 15.5 characters a second.
"""

from __future__ import annotations

from .. import codes
from .device import (BIT, DEC, LIST, ROWS, SENSE_RESET, TEXT, XIO_CONTROL, XIO_READ, XIO_SENSE_DEVICE,
                     XIO_WRITE, Device, Field, Interrupt, Register)

PRINT_DELAY = 200            # SIMH, instructions per character
REAL_CHARACTERS_PER_SECOND = 15.5
KEY_DELAY = 200              # type-ahead: instructions from selection to the next keystroke
LINE_WIDTH = 120
TAB_EVERY = 8

DSW_PRINTER_RESPONSE = 0x8000
DSW_KEYBOARD_RESPONSE = 0x4000
DSW_INTERRUPT_REQUEST = 0x2000
DSW_KEYBOARD_CONSOLE = 0x1000
DSW_PRINTER_BUSY = 0x0800
DSW_PRINTER_NOT_READY = 0x0400
DSW_KEYBOARD_BUSY = 0x0200


class Console1131(Device):
    """The console keyboard and Selectric console printer.

    Operator verbs: ``press(code)`` types one key (returns False, a beep,
    when the keyboard is locked); ``type_ahead(text)`` queues keystrokes
    that are typed one at a time as the program selects the keyboard;
    ``interrupt_request()`` is the INT REQ key; ``console_switch`` is the
    KEYBOARD/CONSOLE switch.  The paper: ``output_text()`` (plain text),
    ``ribbon_lines()`` (the same lines with ``r``/``b`` per column).
    """

    name = "console"
    area = 0x01
    interrupts = {"keyboard": Interrupt(4, 0x4000), "printer": Interrupt(4, 0x4000)}
    STATE = (Field("print_delay"), Field("tab_stops", codec=LIST), Field("console_switch"),
             Field("keyboard_dsw"), Field("printer_dsw"), Field("key_buffer"), Field("locked"),
             Field("pending_keys", codec=LIST), Field("beeps"),
             Field("lines", codec=ROWS), Field("colours", codec=ROWS),      # the paper
             Field("column"), Field("red"), Field("characters_typed"))
    REGISTERS = (Register("DSW", lambda d: d.printer_dsw | d.keyboard_dsw), Register("KEY", "key_buffer"),
                 Register("KBSELECT", "keyboard_selected", BIT), Register("COLUMN", "column", DEC),
                 Register("RIBBON", lambda d: "red" if d.red else "black", TEXT))

    def __init__(self, tab_stops: list[int] | None = None) -> None:
        super().__init__()
        self.print_delay = PRINT_DELAY
        self.tab_stops = sorted(tab_stops) if tab_stops else list(range(TAB_EVERY, LINE_WIDTH, TAB_EVERY))
        self.console_switch = False
        self.keyboard_dsw = 0
        self.printer_dsw = 0
        self.key_buffer = 0
        self.locked = True
        self.pending_keys: list[int] = []
        self.beeps = 0
        self.lines: list[list[str]] = [[]]
        self.colours: list[list[str]] = [[]]
        self.column = 0
        self.red = False
        self.characters_typed = 0

    # ------------------------------------------------------------ operator
    def real_speed(self, instructions_per_second: float = 120_000) -> None:
        """Type at the Selectric's 15.5 characters a second for a CPU running
        ``instructions_per_second`` (reference 4.10); ``real_speed(0)``
        goes back to SIMH's 200 instructions."""
        if instructions_per_second <= 0:
            self.print_delay = PRINT_DELAY
        else:
            self.print_delay = max(1, round(instructions_per_second / REAL_CHARACTERS_PER_SECOND))

    @property
    def keyboard_selected(self) -> bool:
        """The K.B. SELECT lamp."""
        return bool(self.keyboard_dsw & DSW_KEYBOARD_BUSY)

    def press(self, code: int) -> bool:
        """Type one key with keyboard code ``code``; False (a beep) if the
        keyboard is not selected or is locked."""
        if self.locked or not self.keyboard_selected:
            self.beeps += 1
            return False
        self.key_buffer = code & 0xFFFE
        self.locked = True
        self.keyboard_dsw |= DSW_KEYBOARD_RESPONSE
        self.interrupt("keyboard")
        return True

    def press_char(self, char: str) -> bool:
        """Type the key for a character (``\\n`` = EOF, ``\\b`` = backspace)."""
        return self.press(codes.ascii_to_keyboard(char))

    def type_ahead(self, text: str | list[int]) -> None:
        """Queue keys (a string, or keyboard codes) to be typed whenever the
        program selects the keyboard.  Raises ``ValueError`` for a character
        with no key."""
        keys = [codes.ascii_to_keyboard(c) for c in text] if isinstance(text, str) else list(text)
        self.pending_keys.extend(keys)
        if self.keyboard_selected and not self.locked and self.system is not None:
            self.system.schedule(self, KEY_DELAY, "key")

    def interrupt_request(self) -> None:
        """The INT REQ key: DSW 0x2000 and a level-4 interrupt; unlocks the keyboard."""
        self.keyboard_dsw |= DSW_INTERRUPT_REQUEST
        self.interrupt("keyboard")
        self.locked = False
        self.key_buffer = 0

    # ----------------------------------------------------------------- XIO
    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        system = self.system
        if function == XIO_CONTROL:                    # select the keyboard
            self.keyboard_dsw |= DSW_KEYBOARD_BUSY
            self.locked = False
            self.key_buffer = 0
            if self.pending_keys:
                system.schedule(self, KEY_DELAY, "key")
            return None
        if function == XIO_READ:                       # read the key code
            system.store(address, self.key_buffer)
            self.keyboard_dsw &= ~DSW_KEYBOARD_BUSY
            self.locked = True
            self.key_buffer = 0
            return None
        if function == XIO_WRITE:                      # type one character
            code = (system.memory[address & (len(system.memory) - 1)] >> 8) & 0xFF
            self._type(code)
            self.printer_dsw |= DSW_PRINTER_BUSY
            system.schedule(self, self.print_delay, "print")
            return None
        if function == XIO_SENSE_DEVICE:
            value = self.printer_dsw | self.keyboard_dsw
            if self.console_switch:
                value |= DSW_KEYBOARD_CONSOLE
            if modifier & SENSE_RESET:
                self.printer_dsw &= ~DSW_PRINTER_RESPONSE
                self.keyboard_dsw &= ~(DSW_KEYBOARD_RESPONSE | DSW_INTERRUPT_REQUEST)
                self.clear("keyboard", "printer")
            return value
        return None

    def event(self, event: str) -> None:
        if event == "print":
            self.printer_dsw = (self.printer_dsw & ~DSW_PRINTER_BUSY) | DSW_PRINTER_RESPONSE
            self.interrupt("printer")
        elif event == "key" and self.pending_keys:
            if self.keyboard_selected and not self.locked:
                self.press(self.pending_keys.pop(0))

    def reset(self) -> None:
        if self.system is not None:
            self.system.cancel(self, "print")
            self.system.cancel(self, "key")
        self.clear("keyboard", "printer")
        self.keyboard_dsw = 0
        self.printer_dsw = 0
        self.key_buffer = 0
        self.locked = True

    # ---------------------------------------------------------- the paper
    def _type(self, code: int) -> None:
        self.characters_typed += 1
        char = codes.console_printer_to_ascii(code, "?")
        if char is not None:
            self._strike(char)
            return
        for action in codes.console_printer_controls(code):
            if action == "black":
                self.red = False
            elif action == "red":
                self.red = True
            elif action == "backspace":
                self.column = max(0, self.column - 1)
            elif action == "space":
                self._strike(" ")
            elif action == "tab":
                self.column = next((s for s in self.tab_stops if s > self.column), self.column)
            elif action == "return":
                self._new_line()
                self.column = 0
            elif action == "linefeed":
                self._new_line()

    def _strike(self, char: str) -> None:
        line, colours = self.lines[-1], self.colours[-1]
        while len(line) <= self.column:
            line.append(" ")
            colours.append("b")
        if char != " ":                      # a blank never erases what is printed
            line[self.column] = char
            colours[self.column] = "r" if self.red else "b"
        if self.column < LINE_WIDTH - 1:     # the carriage stops at the right margin
            self.column += 1

    def _new_line(self) -> None:
        self.lines.append([])
        self.colours.append([])

    def output_text(self) -> str:
        """The console printer's paper as text (lines end with ``\\n``; the
        line being typed has none)."""
        return "\n".join("".join(line).rstrip() for line in self.lines)

    def ribbon_lines(self) -> list[str]:
        """Per line, ``r`` or ``b`` for the ribbon colour of each column."""
        return ["".join(c) for c in self.colours]

    def tear_off(self) -> str:
        text = self.output_text()
        self.lines, self.colours = [[]], [[]]
        return text
