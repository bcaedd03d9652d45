"""IBM 1132 line printer (area 6, level 1, ILSW 1 bit 0x8000).

Reference: ../shared/reference/ibm1130.md sections 4.6 (1132) and 6; SIMH
``ibm1130_prt.c`` is the executable reference.

The 1132 prints with 120 print wheels turning through 48 characters.  While
the printer runs (Control 0x80), each time the next character comes round
the emitter raises a read-emitter response (DSW 0x8000, level 1).  The
program reads the character's EBCDIC code (XIO Read, high byte), sets a bit
in the scan field in core words 32-39 (word 32 bit 0 = column 1) for every
column that prints it, and sets bit 15 of word 39 to say the scan field is
ready; SIMH fires the hammers at the next emitter step, and without that bit
raises a print-scan check (DSW 0x0800) and stops the printer.  Control 0x40
stops printing, 0x01 spaces one line (space response 0x2000), 0x04 starts a
skip to the next carriage-tape punch (skip response 0x4000), 0x02 stops the
carriage.  The DSW low byte shows the carriage tape channels 1-6, 9 and 12
at the current line.

Carriage tape: 66 lines a page; SIMH's default tape has channel 1 at line 2
and channel 12 at line 62.  A tape is a dict ``{line: [channels]}``.

Timing in instructions (SIMH): each emitter step, space or skip 1,250
(``prt_cwait``).

Output: the paper as text the way SIMH writes its listing file (lines end
with a newline written lazily before the next line; a skip that crosses a
page boundary starts the next page with a form feed), so listings compare
line for line with the reference simulator's; ``pages()`` cuts the paper
into pages of 66 lines of 120 columns.
"""

from __future__ import annotations

from .. import codes
from .device import (BIT, DEC, LIST, ROWS, SENSE_RESET, TEXT, XIO_CONTROL, XIO_READ, XIO_SENSE_DEVICE,
                     Codec, Device, Field, Interrupt, Register)

COLUMNS = 120
PAGE_LINES = 66
MAX_OVERPRINT = 20
STEP_DELAY = 1250      # SIMH prt_cwait (character rotation), instructions

# The 48 characters of the 1132 print wheel in emitter order (SIMH
# ibm1130_prtwheel.h; reference section 4.6), kept with the other code tables.
WHEEL = codes.PRINTER_1132_WHEEL

DSW_READ_EMITTER_RESPONSE = 0x8000
DSW_SKIP_RESPONSE = 0x4000
DSW_SPACE_RESPONSE = 0x2000
DSW_CARRIAGE_BUSY = 0x1000
DSW_PRINT_SCAN_CHECK = 0x0800
DSW_NOT_READY = 0x0400
DSW_PRINTER_BUSY = 0x0200
DSW_CHANNEL_MASK = 0x00FF

CMD_START_PRINTER = 0x80
CMD_STOP_PRINTER = 0x40
CMD_START_CARRIAGE = 0x04
CMD_STOP_CARRIAGE = 0x02
CMD_SPACE = 0x01

DEFAULT_TAPE = {2: [1], 62: [12]}

# DSW low byte position of each channel the 1132 reports (7, 8, 10, 11 unused)
_DSW_CHANNEL_BITS = {1: 0x80, 2: 0x40, 3: 0x20, 4: 0x10, 5: 0x08, 6: 0x04, 9: 0x02, 12: 0x01}


# The paper in a saved state: one string (the printer keeps it in pieces).
PAPER = Codec(lambda pieces: "".join(pieces), lambda text: [text] if text else [])


def _wheel_ebcdic() -> list[int]:
    return [codes.ascii_to_ebcdic(char) for char in WHEEL]


class Printer1132(Device):
    """The 1132 line printer.

    ``carriage_tape`` maps page lines (1-66) to the channels (1-12) punched
    there; ``has_paper`` False makes the printer not ready (forms check).
    """

    name = "1132"
    area = 0x06
    interrupts = {"response": Interrupt(1, 0x8000)}   # read emitter, skip or space response
    STATE = (Field("tape_rows", codec=LIST), Field("has_paper"), Field("paper", codec=PAPER),
             Field("wheel_position"), Field("row"), Field("queued_newlines"), Field("printing"),
             Field("spacing"), Field("skipping"), Field("scan_check"),
             Field("line", codec=ROWS), Field("strikes", codec=LIST),       # the line being struck
             Field("row_length", codec=LIST), Field("overprints"), Field("dsw"))
    REGISTERS = (Register("DSW", "dsw"), Register("WHEEL", lambda d: WHEEL[d.wheel_position], TEXT),
                 Register("ROW", lambda d: d.row + 1, DEC), Register("PRINTING", "printing", BIT),
                 Register("SPACING", "spacing", BIT), Register("SKIPPING", "skipping", BIT),
                 Register("SCANCHECK", "scan_check", BIT))

    def __init__(self, carriage_tape: dict[int, list[int]] | None = None) -> None:
        super().__init__()
        self.wheel_ebcdic = _wheel_ebcdic()
        self.has_paper = True
        self.set_carriage_tape(carriage_tape or DEFAULT_TAPE)
        self.paper: list[str] = []
        self._clear_state()

    def set_carriage_tape(self, tape: dict[int, list[int]]) -> None:
        """Punch a carriage tape: ``{line (1-66): [channels 1-12]}``."""
        rows = [0] * PAGE_LINES
        for line, channels in tape.items():
            if not 1 <= int(line) <= PAGE_LINES:
                raise ValueError(f"carriage tape line {line} is not 1-{PAGE_LINES}")
            for channel in channels:
                if not 1 <= channel <= 12:
                    raise ValueError(f"carriage tape channel {channel} is not 1-12")
                rows[int(line) - 1] |= 0x800 >> (channel - 1)
        self.tape_rows = rows

    def _clear_state(self) -> None:
        self.wheel_position = 0
        self.row = 0               # current page row (0 = line 1)
        self.queued_newlines = 0
        self.printing = self.spacing = self.skipping = False
        self.scan_check = False
        self._reset_line()
        self.dsw = self._channel_bits()
        if not self.has_paper:
            self.dsw |= DSW_NOT_READY

    def _reset_line(self) -> None:
        self.line: list[list[str]] = []
        self.strikes = [0] * COLUMNS
        self.row_length = [0] * MAX_OVERPRINT
        self.overprints = 0

    def _channel_bits(self) -> int:
        bits = self.tape_rows[self.row]
        value = 0
        for channel, mask in _DSW_CHANNEL_BITS.items():
            if bits & (0x800 >> (channel - 1)):
                value |= mask
        return value

    # ------------------------------------------------------------ hammers
    def _fire_hammers(self, char: str) -> bool:
        """Strike ``char`` in every column whose scan-field bit is set; return
        whether bit 15 of word 39 (scan field ready) was set."""
        memory = self.system.memory
        strikes = self.strikes
        first = -16
        for word in memory[32:32 + (COLUMNS + 15) // 16]:
            first += 16
            if not word:                 # no hammer in these 16 columns (most words, most steps)
                continue
            if first + 16 > COLUMNS:     # the last word's low bits are not columns (bit 15: ready)
                word &= (0xFFFF << (first + 16 - COLUMNS)) & 0xFFFF
            while word:                  # the set bits only, column order (bit 0 first)
                top = word.bit_length() - 1
                word ^= 1 << top
                column = first + 15 - top
                strike = strikes[column]
                if strike < MAX_OVERPRINT:
                    while len(self.line) <= strike:
                        self.line.append([" "] * COLUMNS)
                    self.line[strike][column] = char
                    if self.row_length[strike] <= column:
                        self.row_length[strike] = column + 1
                    strikes[column] = strike + 1
                    if self.overprints <= strike:
                        self.overprints = strike + 1
        return bool(memory[32 + (COLUMNS - 1) // 16] & 1)

    def _flush_line(self, skipping: bool, spacing: bool) -> None:
        """Advance the paper one line, writing the line struck so far (SIMH
        ``flush_prt_line``)."""
        if not (spacing or skipping or self.overprints):
            return
        self.row = (self.row + 1) % PAGE_LINES
        if not self.overprints:
            if self.row == 0 and self.queued_newlines:
                self.paper.append("\n")
                if skipping:
                    self.paper.append("\f")
                self.queued_newlines = 0
            else:
                self.queued_newlines += 1
            return
        if self.queued_newlines:
            self.paper.append("\n" * self.queued_newlines)
            self.queued_newlines = 0
        parts = []
        for strike in range(self.overprints):
            parts.append("".join(self.line[strike][:self.row_length[strike]]))
        self.paper.append("\r".join(parts))
        self._reset_line()
        self.queued_newlines = 1

    # ----------------------------------------------------------------- XIO
    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        if function == XIO_SENSE_DEVICE:        # the most frequent: every emitter response
            value = self.dsw
            if modifier & SENSE_RESET:
                self.dsw = value & ~(DSW_READ_EMITTER_RESPONSE | DSW_SKIP_RESPONSE | DSW_SPACE_RESPONSE)
                self.clear("response")
            return value
        system = self.system
        if function == XIO_READ:                # read the emitter character
            system.store(address, self.wheel_ebcdic[self.wheel_position] << 8)
            if not self.printing:               # not printing: advances after every test
                self.wheel_position = (self.wheel_position + 1) % len(WHEEL)
            return None
        if function == XIO_CONTROL:
            if modifier & CMD_START_PRINTER:
                self.printing = True
            if modifier & CMD_STOP_PRINTER:
                self.printing = False
            if modifier & CMD_START_CARRIAGE:
                self.skipping = True
            if modifier & CMD_STOP_CARRIAGE:
                self.skipping = False
            if modifier & CMD_SPACE:
                self.spacing = True
            system.cancel(self, "step")
            if self.printing or self.spacing or self.skipping:
                self.dsw |= DSW_PRINTER_BUSY
                system.schedule(self, STEP_DELAY, "step")
            else:
                self.dsw &= ~DSW_PRINTER_BUSY
            if self.spacing or self.skipping:
                self.dsw |= DSW_CARRIAGE_BUSY
            else:
                self.dsw &= ~DSW_CARRIAGE_BUSY
            return None
        return None

    def event(self, event: str) -> None:
        system = self.system
        if self.dsw & DSW_NOT_READY:            # out of paper: forms check, operation cancelled
            self.printing = self.spacing = self.skipping = False
            return
        if self.spacing:
            self._flush_line(skipping=False, spacing=True)
            self.dsw &= ~(DSW_CHANNEL_MASK | DSW_PRINTER_BUSY | DSW_CARRIAGE_BUSY)
            self.dsw |= self._channel_bits() | DSW_SPACE_RESPONSE
            self.interrupt("response")
            self.spacing = False
        if self.skipping:
            while True:                         # slew to the next punch in the carriage tape
                self._flush_line(skipping=True, spacing=False)
                self.dsw = (self.dsw & ~DSW_CHANNEL_MASK) | self._channel_bits()
                if self.tape_rows[self.row] & 0xFFF & ~0x036:   # channels 7, 8, 10, 11 unused on the 1132
                    break
            self.dsw |= self._channel_bits() | DSW_SKIP_RESPONSE
            self.interrupt("response")
        if self.printing:
            if not self._fire_hammers(WHEEL[self.wheel_position]):
                self.scan_check = True           # scan field not ready in time
                self.dsw |= DSW_PRINT_SCAN_CHECK
                self.printing = self.spacing = self.skipping = False
                return
            self.wheel_position = (self.wheel_position + 1) % len(WHEEL)
            self.dsw |= DSW_READ_EMITTER_RESPONSE
            self.interrupt("response")
        if self.printing or self.spacing or self.skipping:
            self.dsw |= DSW_PRINTER_BUSY
            system.schedule(self, STEP_DELAY, "step")
        else:
            self.dsw &= ~DSW_PRINTER_BUSY

    def reset(self) -> None:
        if self.system is not None:
            self.system.cancel(self, "step")
        self.clear("response")
        self._clear_state()

    # -------------------------------------------------------------- paper
    @property
    def forms_check(self) -> bool:
        """The console's FORMS CHECK lamp: out of paper, or a scan check."""
        return not self.has_paper or self.scan_check

    def set_paper(self, present: bool) -> None:
        """Load paper (True) or run out of it (False: not ready)."""
        self.has_paper = present
        if present:
            self.dsw &= ~DSW_NOT_READY
        else:
            self.dsw |= DSW_NOT_READY

    def output_text(self) -> str:
        """Everything printed so far, exactly as SIMH's listing file reads
        when the printer is detached: the line whose hammers have fired but
        which has not been spaced yet is included; the newline owed to the
        last line is not written."""
        text = "".join(self.paper)
        self.paper = [text] if text else []      # front ends ask every frame: join once
        if self.overprints:
            parts = ["".join(self.line[s][:self.row_length[s]]) for s in range(self.overprints)]
            text += "\n" * self.queued_newlines + "\r".join(parts)
        return text

    def pages(self) -> list[list[str]]:
        """The paper cut into pages (form feeds), each a list of lines of at
        most 120 columns (trailing blanks removed)."""
        return [page.split("\n") for page in self.output_text().rstrip("\n").split("\f")]

    def tear_off(self) -> str:
        """Take the printed paper out of the printer (returns its text; a
        line struck but not yet spaced stays on the platen)."""
        text = "".join(self.paper)
        self.paper = []
        return text
