"""IBM 1134 paper tape reader and 1055 paper tape punch (area 3, level 4,
ILSW 4 bit 0x8000; one DSW for both).

Reference: ../shared/reference/ibm1130.md sections 4.6 (1134/1055) and 6;
SIMH ``ibm1130_ptrp.c`` is the executable reference.

* XIO Control starts reading one character; 1,000 instructions later the
  reader raises a reader response (DSW 0x4000); XIO Read stores the last
  character read in the high byte of M[IOCC address].  At the end of the
  tape the response still comes, with reader not ready (0x0400).
* XIO Write punches the high byte of M[IOCC address]; 1,000 instructions
  later a punch response (0x1000).  Busy: reader 0x0800, punch 0x0200;
  punch not ready 0x0100 when no tape is on the punch.
* Sense device with modifier 0x01 resets both responses and the interrupt.

Tapes are bytes (one frame of 8 channels per byte).  The punch starts with
blank tape; ``punched_tape()`` returns what it punched.
"""

from __future__ import annotations

from .device import (BYTEARRAY, BYTES, DEC, SENSE_RESET, XIO_CONTROL, XIO_READ, XIO_SENSE_DEVICE, XIO_WRITE,
                     Device, Field, Interrupt, Register)

READ_DELAY = 1000      # SIMH ptr_wait, instructions per character
PUNCH_DELAY = 1000     # SIMH ptp_wait

DSW_READER_RESPONSE = 0x4000
DSW_PUNCH_RESPONSE = 0x1000
DSW_READER_BUSY = 0x0800
DSW_READER_NOT_READY = 0x0400
DSW_PUNCH_BUSY = 0x0200
DSW_PUNCH_NOT_READY = 0x0100


class Papertape1134(Device):
    """The 1134 reader and 1055 punch: ``load_tape(data)``, ``punched_tape()``,
    ``punch_has_tape`` (False: the punch is not ready)."""

    name = "1134"
    area = 0x03
    interrupts = {"reader": Interrupt(4, 0x8000), "punch": Interrupt(4, 0x8000)}
    STATE = (Field("tape", codec=BYTES), Field("position"), Field("last_character"),
             Field("punch_has_tape"), Field("punched", codec=BYTEARRAY), Field("dsw"))
    REGISTERS = (Register("DSW", "dsw"), Register("LASTCHAR", "last_character", width=8),
                 Register("TAPE", lambda d: len(d.tape) - d.position, DEC),
                 Register("PUNCHED", lambda d: len(d.punched), DEC))

    def __init__(self) -> None:
        super().__init__()
        self.tape = b""
        self.position = 0
        self.last_character = 0
        self.punch_has_tape = True
        self.punched = bytearray()
        self.dsw = DSW_READER_NOT_READY

    def load_tape(self, data: bytes) -> None:
        """Put a tape in the reader (replaces the one there)."""
        self.tape = bytes(data)
        self.position = 0
        if not self.dsw & DSW_READER_BUSY and self.tape:
            self.dsw &= ~DSW_READER_NOT_READY

    def punched_tape(self) -> bytes:
        return bytes(self.punched)

    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        system = self.system
        if function == XIO_READ:
            system.store(address, self.last_character << 8)
        elif function == XIO_WRITE:
            if not self.dsw & DSW_PUNCH_NOT_READY and self.punch_has_tape:
                self.punched.append((system.memory[address & (len(system.memory) - 1)] >> 8) & 0xFF)
            system.schedule(self, PUNCH_DELAY, "punch")
            self.dsw |= DSW_PUNCH_NOT_READY | DSW_PUNCH_BUSY
        elif function == XIO_CONTROL:
            system.schedule(self, READ_DELAY, "read")
            self.dsw |= DSW_READER_BUSY | DSW_READER_NOT_READY
        elif function == XIO_SENSE_DEVICE:
            value = self.dsw
            if modifier & SENSE_RESET:
                self.dsw &= ~(DSW_READER_RESPONSE | DSW_PUNCH_RESPONSE)
                self.clear("reader", "punch")
            return value
        return None

    def event(self, event: str) -> None:
        if event == "read":
            self.dsw = (self.dsw & ~DSW_READER_BUSY) | DSW_READER_NOT_READY
            if self.position < len(self.tape):
                self.last_character = self.tape[self.position]
                self.position += 1
                if self.position < len(self.tape):   # SIMH: ready while more tape is left
                    self.dsw &= ~DSW_READER_NOT_READY
            self.dsw |= DSW_READER_RESPONSE
            self.interrupt("reader")
        elif event == "punch":
            self.dsw &= ~DSW_PUNCH_BUSY
            if self.punch_has_tape:
                self.dsw &= ~DSW_PUNCH_NOT_READY
            else:
                self.dsw |= DSW_PUNCH_NOT_READY
            self.dsw |= DSW_PUNCH_RESPONSE
            self.interrupt("punch")

    def reset(self) -> None:
        if self.system is not None:
            self.system.cancel(self, "read")
            self.system.cancel(self, "punch")
        self.clear("reader", "punch")
        self.dsw = 0
        if self.position >= len(self.tape):
            self.dsw |= DSW_READER_NOT_READY
        if not self.punch_has_tape:
            self.dsw |= DSW_PUNCH_NOT_READY

    def output_text(self) -> str:
        return ""
