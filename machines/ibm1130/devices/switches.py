"""Console entry switches, PROGRAM STOP key and INT RUN mode (area 7).

Reference ../shared/reference/ibm1130.md sections 4.5, 4.6 and 8 (SIMH's
``ibm1130_cpu.c`` console DSW):

* XIO Read (function 2): M[IOCC address] <- the 16 console entry switches.
* XIO Sense Device (function 7): DSW 0x8000 = PROGRAM STOP key pressed,
  0x4000 = INT RUN interrupt; modifier bit 15 (0x01) resets both and drops
  the level-5 request.
* PROGRAM STOP and INT RUN both request interrupt level 5 with ILSW bit
  0x8000.  INT RUN raises it after every instruction executed at mainline
  level (no interrupt level active); the system calls :meth:`int_run_tick`.
"""

from __future__ import annotations

from .device import (BIT, FLAG, SENSE_RESET, WORD, XIO_READ, XIO_SENSE_DEVICE, Device, Field, Interrupt,
                     Register)

DSW_PROGRAM_STOP = 0x8000
DSW_INT_RUN = 0x4000


class ConsoleSwitches(Device):
    """The console's area-7 device: entry switches (``value``, 16 bits),
    the PROGRAM STOP key (:meth:`press_program_stop`) and the INT RUN mode
    (``int_run``, a bool set by the mode switch)."""

    name = "console switches"
    area = 0x07
    interrupts = {"program_stop": Interrupt(5, 0x8000), "int_run": Interrupt(5, 0x8000)}
    STATE = (Field("value", codec=WORD), Field("int_run", codec=FLAG), Field("dsw", codec=WORD))
    REGISTERS = (Register("CES", "value"), Register("DSW", "dsw"), Register("INTRUN", "int_run", BIT))

    def __init__(self) -> None:
        super().__init__()
        self.value = 0
        self.int_run = False
        self.dsw = 0

    def reset(self) -> None:
        """CHECK RESET clears the key and INT RUN responses; the switches
        stay where the operator set them."""
        self.dsw = 0

    def press_program_stop(self) -> None:
        """PROGRAM STOP key: level-5 request with DSW bit 0x8000."""
        self.dsw |= DSW_PROGRAM_STOP
        self.interrupt("program_stop")

    def int_run_tick(self) -> None:
        """INT RUN: an instruction finished at mainline level."""
        self.dsw |= DSW_INT_RUN
        self.interrupt("int_run")

    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        if function == XIO_READ:  # the entry switches into core
            self.system.store(address, self.value)
        elif function == XIO_SENSE_DEVICE:
            dsw = self.dsw
            if modifier & SENSE_RESET:
                self.dsw = 0
                self.clear("program_stop", "int_run")
            return dsw
        return None
