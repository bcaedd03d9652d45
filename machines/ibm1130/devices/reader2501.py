"""IBM 2501 card reader (area 9, level 4, ILSW 4 bit 0x1000).

Reference: ../shared/reference/ibm1130.md sections 4.6 (2501) and 6; SIMH
``ibm1130_cr.c`` (``xio_2501_card``) is the executable reference.

Initiate Read: M[IOCC address] = number of columns to read (at most 80; a
bad count reads 80), the columns go to the following words by cycle
stealing.  The whole card moves in one 500-instruction delay, then the
reader raises operation complete (DSW 0x0800) on level 4.  Sense device
shows last card (0x1000) and not ready (0x0001) when the hopper is empty
after the card in the read station, busy (0x0002) during a read; modifier
0x01 resets operation complete and last card.  A read started with no
card hangs, busy and not ready, with no event pending, until cards are
stacked in the hopper (SIMH's CPU stops at a WAIT then).

The hopper holds the same ``HopperCard`` entries as the 1442's.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from .device import (BIT, DEC, LISTS, SENSE_RESET, XIO_INITIATE_READ, XIO_SENSE_DEVICE, Device, Field,
                     Interrupt, Register)
from .reader1442 import CARD, CARDS, CardHopper, HopperCard, hopper_cards

CARD_DELAY = 500      # SIMH cr_wait2501, instructions per card

DSW_ERROR_CHECK = 0x2000
DSW_LAST_CARD = 0x1000
DSW_OP_COMPLETE = 0x0800
DSW_BUSY = 0x0002
DSW_NOT_READY = 0x0001


class Reader2501(CardHopper, Device):
    """The 2501 reader: ``load_hopper(cards)``, ``empty_hopper()``, ``stacker``."""

    name = "2501"
    area = 0x09
    interrupts = {"op_complete": Interrupt(4, 0x1000)}
    STATE = (Field("hopper", "cards_left", CARDS), Field("read_station", codec=CARD),
             Field("loaded", "_loaded"), Field("stacker", codec=LISTS), Field("reading"),
             Field("columns"), Field("address"), Field("dsw"), Field("cards_read"))
    REGISTERS = (Register("DSW", "dsw"), Register("HOPPER", "cards_in_hopper", DEC),
                 Register("READ", "cards_read", DEC), Register("BUSY", "reading", BIT))

    def __init__(self) -> None:
        super().__init__()
        self.hopper: list[HopperCard] = []
        self.hopper_position = 0
        self.read_station: HopperCard | None = None
        self.stacker: list[list[int]] = []
        self.reading = False
        self.columns = 0
        self.address = 0
        self.dsw = 0
        self.cards_read = 0
        self._loaded = False         # the read station card has not been read yet

    # ------------------------------------------------------------ operator
    def load_hopper(self, cards: Iterable[HopperCard | Sequence[int]], deck: str = "") -> int:
        """Stack cards behind those in the hopper; returns how many."""
        new = hopper_cards(cards, deck)
        self.hopper.extend(new)
        if self.reading and self.read_station is None and new and self.system is not None:
            self.system.schedule(self, CARD_DELAY, "card")     # the hung read goes on
        return len(new)

    def empty_hopper(self) -> None:
        self.hopper = []
        self.hopper_position = 0

    def _feed(self) -> None:
        if self.read_station is not None:
            self.stacker.append(self.read_station.columns)
        self.read_station = None
        if self.hopper_position < len(self.hopper):
            self.read_station = self.hopper[self.hopper_position]
            self.hopper_position += 1
            self.cards_read += 1

    # ----------------------------------------------------------------- XIO
    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        system = self.system
        if function == XIO_SENSE_DEVICE:
            self.dsw &= ~(DSW_LAST_CARD | DSW_BUSY | DSW_NOT_READY)
            if self.cards_in_hopper == 0 and not self._station_loaded():
                self.dsw |= DSW_LAST_CARD | DSW_NOT_READY
            if self.reading:
                self.dsw |= DSW_BUSY | DSW_NOT_READY
            value = self.dsw
            if modifier & SENSE_RESET:
                self.dsw &= ~(DSW_LAST_CARD | DSW_OP_COMPLETE)
                self.clear("op_complete")
            return value
        if function == XIO_INITIATE_READ:              # initiate read
            count = system.memory[address & (len(system.memory) - 1)]
            self.columns = count if 0 <= count <= 80 else 80
            self.address = (address + 1) & 0xFFFF
            if not self._station_loaded():
                self._feed()
                self._loaded = True
            self.reading = True
            system.cancel(self, "card")
            system.schedule(self, CARD_DELAY, "card")
            return None
        return None

    def _station_loaded(self) -> bool:
        return self.read_station is not None and self._loaded

    def event(self, event: str) -> None:
        if not self.reading:
            return
        if self.read_station is None:
            if not self.cards_in_hopper:
                # No card: the reader is not ready and the read hangs (busy,
                # not ready) with no event pending, so a program waiting for
                # it stops at its WAIT; load_hopper resumes the read.
                return
            self._feed()
            self._loaded = True
            self.system.schedule(self, CARD_DELAY, "card")
            return
        store = self.system.store
        for i in range(self.columns):
            store((self.address + i) & 0xFFFF, self.read_station.columns[i])
        self._loaded = False                           # the card has been read
        self.reading = False
        self.dsw |= DSW_OP_COMPLETE
        self.interrupt("op_complete")

    def reset(self) -> None:
        if self.system is not None:
            self.system.cancel(self, "card")
        self.clear("op_complete")
        self.reading = False
        self.dsw = 0
