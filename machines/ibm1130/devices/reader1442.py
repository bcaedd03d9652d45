"""IBM 1442 card read punch (area 2; column responses on level 0, operation
complete on level 4).

Reference: ../shared/reference/ibm1130.md sections 4.6 (1442), 4.8 (card
images) and 6 (timing); SIMH ``ibm1130_cr.c`` is the executable reference.

The card path is hopper -> read station -> punch station -> stacker.  A feed
cycle moves every card one station on.  Start read (Control 0x04) reads the
card at the read station column by column: each column raises a read
response (DSW 0x8000, ILSW 0 bit 0x8000) and the program takes the column
with XIO Read; after column 80 comes operation complete (DSW 0x0800, ILSW 4
bit 0x2000).  Start punch (0x01) does the same with punch responses (DSW
0x4000) and XIO Write; bit 12 (0x0008) of the punch word marks the last
column to punch.  A read or punch without a preceding feed feeds first.  A
feed cycle (0x02) raises no operation complete (Carl Claunch's finding,
SIMH 2006-01-03).

Timing in instructions, exactly as SIMH schedules it (its delay names are
crossed: a feed waits the "punch" delay and a punch the "feed" delay):
start read and each column 35, feed 35, start punch and each column 25.

A card is a list of 80 column words (rows 12, 11, 0-9 in bits 0-11).  The
hopper holds ``HopperCard`` entries that remember the deck file and card
number, so a bad card can be named.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from ..cards import Card, HopperCard, hopper_cards
from .device import (DEC, LIST, LISTS, SENSE_RESET, TEXT, XIO_CONTROL, XIO_READ, XIO_SENSE_DEVICE, XIO_WRITE,
                     Codec, Device, Field, Interrupt, Register, optional)

READ_DELAY = 35       # SIMH cr_wait: start read, then each column
FEED_DELAY = 35       # SIMH feeds with cf_wait (= PUNCH_DELAY 35)
PUNCH_DELAY = 25      # SIMH punches with cp_wait (= FEED_DELAY 25)

DSW_READ_RESPONSE = 0x8000
DSW_PUNCH_RESPONSE = 0x4000
DSW_ERROR_CHECK = 0x2000
DSW_LAST_CARD = 0x1000
DSW_OP_COMPLETE = 0x0800
DSW_FEED_CHECK = 0x0100
DSW_BUSY = 0x0002
DSW_NOT_READY = 0x0001

SENSE_RESET_OP_COMPLETE = 0x02   # Sense Device modifier bit 14: reset operation complete

EMPTY, LOADED, READ, PUNCHED = "empty", "loaded", "read", "punched"
_IDLE, _FEEDING, _READING, _PUNCHING = "idle", "feeding", "reading", "punching"


def blank_card() -> list[int]:
    return [0] * 80


# A hopper card in a saved state: [columns, deck, number] (or None: no card).
CARD = optional(Codec(lambda c: [list(c.columns), c.deck, c.number],
                      lambda c: HopperCard(list(c[0]), c[1], c[2])))
CARDS = Codec(lambda cards: [CARD.save(c) for c in cards], lambda cards: [CARD.load(c) for c in cards])


class CardHopper:
    """The hopper of a card reader (the 1442's and the 2501's): ``hopper``
    holds the cards stacked so far, ``hopper_position`` the next to feed."""

    hopper: list[HopperCard]
    hopper_position: int

    @property
    def cards_in_hopper(self) -> int:
        return len(self.hopper) - self.hopper_position

    @property
    def cards_left(self) -> list[HopperCard]:
        """The cards still in the hopper; setting it stacks a fresh hopper
        (the saved state's form)."""
        return self.hopper[self.hopper_position:]

    @cards_left.setter
    def cards_left(self, cards: list[HopperCard]) -> None:
        self.hopper, self.hopper_position = list(cards), 0


class Reader1442(CardHopper, Device):
    """The 1442 card read punch.

    Operator verbs: ``load_hopper(cards)`` (stack cards behind what is
    already in the hopper; ``cards`` is an iterable of ``HopperCard`` or of
    80-word lists), ``empty_hopper()``, ``stacker`` (the cards that left the
    punch station, in order), ``punched_cards()``.  ``blank_cards=True``
    models a hopper of blank cards for punching (SIMH's reader-less punch).
    """

    name = "1442"
    area = 0x02
    interrupts = {"op_complete": Interrupt(4, 0x2000),   # after column 80 or the last punched
                  "column": Interrupt(0, 0x8000)}        # read or punch response, each column
    STATE = (Field("hopper", "cards_left", CARDS), Field("attached"), Field("blank_cards"),
             Field("read_station", codec=CARD), Field("punch_station", codec=optional(LIST)),
             Field("read_state"), Field("punch_state"),
             Field("stacker", codec=LISTS), Field("punched_stack", codec=LISTS),
             Field("operation"), Field("read_column"), Field("punch_column"), Field("last_punch"),
             Field("dsw"), Field("cards_read"))
    REGISTERS = (Register("DSW", "dsw"), Register("OP", "operation", TEXT),
                 Register("COLUMN", "read_column", DEC), Register("HOPPER", "cards_in_hopper", DEC),
                 Register("READ", "cards_read", DEC), Register("STACKER", lambda d: len(d.stacker), DEC),
                 Register("ERRORS", lambda d: len(d.errors), DEC))

    def __init__(self) -> None:
        super().__init__()
        self.hopper: list[HopperCard] = []
        self.hopper_position = 0
        self.attached = False        # a deck has been placed (even if now empty)
        self.blank_cards = False
        self.read_station: HopperCard | None = None
        self.punch_station: list[int] | None = None
        self.read_state = EMPTY
        self.punch_state = EMPTY
        self.stacker: list[list[int]] = []
        self.punched_stack: list[list[int]] = []
        self.operation = _IDLE
        self.read_column = -1
        self.punch_column = -1
        self.last_punch = False
        self.dsw = 0
        self.cards_read = 0
        self.errors: list[str] = []

    # ------------------------------------------------------------ operator
    def load_hopper(self, cards: Iterable[HopperCard | Sequence[int]], deck: str = "") -> int:
        """Stack cards at the back of the hopper; returns how many."""
        new = hopper_cards(cards, deck)
        self.hopper.extend(new)
        count = len(new)
        self.attached = True
        if self.operation in (_READING, _PUNCHING, _FEEDING) and self.read_state == EMPTY:
            self._feed_cycle(punching=self.operation == _PUNCHING)
            if self.operation == _READING and self.system is not None:
                self.system.schedule(self, READ_DELAY, "cycle")   # the hung read goes on
        return count

    def empty_hopper(self) -> None:
        """Take the remaining cards out of the hopper (detach the deck)."""
        self.hopper = []
        self.hopper_position = 0
        self.attached = False

    def punched_cards(self) -> list[list[int]]:
        """The cards punched so far (each 80 column words), in stacker order."""
        cards = list(self.punched_stack)
        if self.punch_state == PUNCHED and self.punch_station is not None:
            cards.append(list(self.punch_station))
        return cards

    def punched_deck(self) -> list[Card]:
        """The punched cards as ``cards.Card`` objects, ready for
        ``cards.write_deck`` (binary ``.bin`` or ASCII)."""
        return [Card(columns) for columns in self.punched_cards()]

    # ------------------------------------------------------------ mechanism
    def _next_from_hopper(self) -> HopperCard | None:
        if self.hopper_position < len(self.hopper):
            card = self.hopper[self.hopper_position]
            self.hopper_position += 1
            return card
        return None

    def _feed_cycle(self, punching: bool) -> None:
        """Move cards one station on: punch station -> stacker, read station
        -> punch station, hopper -> read station (SIMH ``feedcycle``)."""
        if self.punch_state != EMPTY and self.punch_station is not None:
            self.stacker.append(self.punch_station)
            if self.punch_state == PUNCHED:
                self.punched_stack.append(self.punch_station)
        if self.read_state == EMPTY or self.read_station is None:
            if punching:
                self.punch_station = blank_card()
                self.punch_state = LOADED
            else:
                self.punch_station = None
                self.punch_state = EMPTY
        else:
            self.punch_station = list(self.read_station.columns)
            self.punch_state = LOADED
        if self.attached or self.blank_cards:
            card = self._next_from_hopper()
            if card is None and (punching or self.blank_cards):
                card = HopperCard(blank_card(), "blank", 0)
            if card is None:
                self.read_station = None
                self.read_state = EMPTY
            else:
                self.read_station = card
                self.read_state = LOADED
                self.cards_read += 1
        self.read_column = -1
        self.punch_column = -1

    def program_load_card(self) -> list[int] | None:
        """Program Load: feed one card to the read station and return its
        columns (the card is consumed), or ``None`` when the hopper is empty."""
        self._feed_cycle(punching=False)
        if self.read_state != LOADED or self.read_station is None:
            return None
        self.read_state = READ
        return list(self.read_station.columns)

    def _last_card(self) -> bool:
        if self.blank_cards:
            return False
        if not self.attached:
            return True
        if self.read_state == LOADED:
            return False
        return self.cards_in_hopper == 0

    def _op_done(self, interrupt: bool) -> None:
        self.operation = _IDLE
        self.dsw &= ~DSW_BUSY
        if interrupt:
            self.dsw |= DSW_OP_COMPLETE
            self.interrupt("op_complete")

    # ----------------------------------------------------------------- XIO
    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        system = self.system
        if function == XIO_SENSE_DEVICE:
            last = self._last_card()
            self.dsw &= ~(DSW_LAST_CARD | DSW_BUSY | DSW_NOT_READY)
            if last:
                self.dsw |= DSW_LAST_CARD
            if self.operation != _IDLE:
                self.dsw |= DSW_BUSY | DSW_NOT_READY
            elif self.read_state == EMPTY and self.punch_state == EMPTY and last:
                self.dsw |= DSW_NOT_READY
            value = self.dsw
            if modifier & SENSE_RESET:
                self.dsw &= ~(DSW_READ_RESPONSE | DSW_PUNCH_RESPONSE)
                self.clear("column")
            if modifier & SENSE_RESET_OP_COMPLETE:
                self.dsw &= ~DSW_OP_COMPLETE
                self.clear("op_complete")
            return value
        if function == XIO_READ:                       # read one column
            # Ignored outside a read cycle: APL\1130 issues reads and writes on every interrupt.
            if self.operation == _READING and 0 <= self.read_column < 80 and self.read_station:
                system.store(address, self.read_station.columns[self.read_column])
            return None
        if function == XIO_WRITE:                      # punch one column
            if self.operation == _PUNCHING and 0 <= self.punch_column < 80 and not self.last_punch:
                word = system.memory[address & (len(system.memory) - 1)]
                if self.punch_station is not None:
                    self.punch_station[self.punch_column] = word & 0xFFF0
                if word & 0x0008:
                    self.last_punch = True
            return None
        if function == XIO_CONTROL:
            command = modifier & 7
            if command == 1:                           # start punch
                if self.punch_state != LOADED:
                    self._feed_cycle(punching=True)
                self.operation = _PUNCHING
                self.dsw |= DSW_BUSY
                self.punch_column = -1
                self.last_punch = False
                system.schedule(self, PUNCH_DELAY, "cycle")
            elif command == 2:                         # feed cycle
                self._feed_cycle(punching=False)
                self.operation = _FEEDING
                self.dsw |= DSW_BUSY
                system.schedule(self, FEED_DELAY, "cycle")
            elif command == 4:                         # start read
                self.read_column = -1
                if self.read_state != LOADED:
                    self._feed_cycle(punching=False)
                self.operation = _READING
                self.dsw |= DSW_BUSY
                system.schedule(self, READ_DELAY, "cycle")
            elif command != 0:
                self.errors.append(f"1442: more than one operation in XIO Control modifier {modifier:02X}")
            return None
        return None

    def event(self, event: str) -> None:
        system = self.system
        if self.operation == _FEEDING:
            self._op_done(False)
        elif self.operation == _READING:
            if self.read_state == EMPTY:
                # No card: the read hangs, busy and not ready, with no event
                # pending (SIMH's cr_svc keeps polling, and its CPU stops at
                # a WAIT with only that poll queued); load_hopper resumes it.
                return
            self.read_column += 1
            if self.read_column < 80:
                self.dsw |= DSW_READ_RESPONSE
                self.interrupt("column")
                system.schedule(self, READ_DELAY, "cycle")
            else:
                self.read_state = READ
                self._op_done(True)
        elif self.operation == _PUNCHING:
            if self.punch_state == EMPTY:
                system.schedule(self, FEED_DELAY, "cycle")
                return
            if self.last_punch:
                self.punch_state = PUNCHED
                self._op_done(True)
                return
            self.punch_column += 1
            if self.punch_column < 80:
                self.dsw |= DSW_PUNCH_RESPONSE
                self.interrupt("column")
                system.schedule(self, PUNCH_DELAY, "cycle")
            else:
                self.punch_state = PUNCHED
                self._op_done(True)

    def reset(self) -> None:
        # SIMH: reset does not touch the cards (no feed cycle)
        if self.system is not None:
            self.system.cancel(self, "cycle")
        self.clear("column", "op_complete")
        self.operation = _IDLE
        self.dsw = 0
        self.read_column = self.punch_column = -1

    # ------------------------------------------------------------- display
    def output_text(self) -> str:
        """The punched cards as ASCII (029 code), one line per card."""
        return "".join(card.to_text(substitute="?") + "\n" for card in self.punched_deck())
