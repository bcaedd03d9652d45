"""The card room: the 029 keypunch desk, the 1442's hopper and the decks.

The keypunch is the Python 029 (``devices.keypunch029.Keypunch029``): this
module only turns the page's keys and buttons into its operations and
describes the card at the punch station for the page to draw.  Pasted text
is punched by ``keypunch029.punch_text`` (each line checked first, so a bad
line punches nothing).

Messages: ``keypunch {op, text?, page?, ...}`` -> the desk's view
(``column``, ``deck_size``, ``card``, ``printed``, ``program``, ``field``,
``page``); ``reader {deck | deck_b64, name?, replace?, layout?}`` ->
``cards``, ``hopper`` (the contract's message: an ASCII deck, or binary
card images in base64); ``reader_clear``; ``deck_export {source:
"keypunch"|"stacker", format: "text"|"binary"}`` -> ``text`` or ``b64``,
``cards``; ``deck_to_reader`` -> ``cards``, ``hopper``; ``deck_source`` ->
``text`` (one line a card, for the editor).
"""

from __future__ import annotations

import base64
from typing import Any, Callable

from .. import codes
from ..cards import (COLUMNS, Card, DeckError, deck_from_file_bytes, deck_from_text,
                     deck_to_bytes, deck_to_text)
from ..devices.keypunch029 import Keypunch029, KeypunchError, ProgramCard, card_lines, punch_text
from .messages import BridgeError

#: TAB without a program card: the next field of the IBM assembler coding
#: form (label 21, operation 27, format/tag 32, operand 35, then the stops
#: ``cards.expand_tabs`` uses for the asm layout).
CODING_FORM_STOPS = (21, 27, 32, 35, 40, 45, 50, 55, 60, 65, 72)


def capitals(text: str) -> str:
    """``text`` as the 029's keyboard types it: it has capitals only, so a
    lower-case letter whose capital it can punch becomes that capital."""
    return "".join(c.upper() if c.islower() and codes.can_punch(c.upper()) else c for c in text)


class KeypunchDesk:
    """The 029 on the desk (``keypunch``, AUTO FEED on, a card fed).  The
    deck is every card that left the punch station."""

    def __init__(self, deck: list[Card] | None = None) -> None:
        self.keypunch = Keypunch029(auto_feed=True)
        self.keypunch.stacker = list(deck or [])
        self.keypunch.feed()

    def deck(self) -> list[Card]:
        return self.keypunch.deck()

    def deck_out(self) -> list[Card]:
        """The deck as one list in the stacker (the card at the read station
        joins it), to add cards to or take cards from."""
        kp = self.keypunch
        if kp.previous is not None:
            kp.stacker.append(kp.previous)
            kp.previous = None
        return kp.stacker

    # ------------------------------------------------------------ operations
    def act(self, msg: dict, cards_from: Callable[[dict], list[Card]]) -> dict:
        """The ``keypunch`` message (checked by ``schemas.check``: ``op`` one
        of ``schemas.KEYPUNCH_OPS``): do ``op`` and return the view (with
        ``ok: false`` and ``error`` when the 029 refused a key, the view
        still shown).  ``cards_from`` reads a deck from the message
        (``load_deck``).  Raises ``DeckError`` for a pasted line the 029
        cannot punch."""
        kp = self.keypunch
        op = msg.get("op", "view")
        error = None
        try:
            if op == "key":
                for char in msg.get("text", ""):
                    self.key(char)
            elif op == "release":
                kp.release() if kp.card is not None else kp.feed()
            elif op == "feed":
                if kp.card is None:
                    kp.feed()
            elif op == "multi":
                self._card_ready()
                kp.multi_punch(msg.get("text", "").upper())
            elif op == "backspace":
                kp.backspace()
            elif op == "skip":
                self._card_ready()
                kp.skip()
            elif op == "dup":
                self._card_ready()
                kp.dup(1)
            elif op == "dup_card":
                while kp.card is not None and kp.column <= COLUMNS:
                    kp.dup(1)
            elif op == "program":
                text = msg.get("text", "")
                kp.program = ProgramCard.from_text(text) if text.strip() else None
            elif op == "new_deck":
                kp.stacker, kp.previous, kp.card = [], None, None
                kp.feed()
            elif op == "paste":
                self.paste(msg.get("text", ""), msg.get("name") or "pasted text")
            elif op == "load_deck":
                cards = cards_from(msg)
                self.deck_out().extend(cards)
            elif op == "delete_card":
                index = msg.get("index", 0)
                deck = self.deck_out()
                if index < len(deck):
                    deck.pop(index)
        except KeypunchError as exc:
            error = str(exc)
        reply = self.view(msg.get("page"))
        if error:
            reply.update(ok=False, error=error)
        return reply

    def key(self, char: str) -> None:
        """One key from the page's keyboard: Enter releases (or feeds), Tab
        skips a field (the coding form's next field without a program
        card), a lower-case letter punches its capital; a full card is
        released first.  Raises ``KeypunchError`` for a key the 029 lacks."""
        kp = self.keypunch
        if char == "\n":
            kp.release() if kp.card is not None else kp.feed()
            return
        if char == "\r":
            return
        self._card_ready()
        if char == "\t":
            kp.skip() if kp.program is not None else self._tab()
        elif char == " ":
            kp.space()
        else:
            kp.key(capitals(char))

    def _card_ready(self) -> None:
        """A card under the punch with a column left: AUTO FEED feeds one,
        and a full card is released (the next is fed) before a key punches."""
        kp = self.keypunch
        if kp.card is None:
            kp.feed()
        if kp.column > COLUMNS:
            kp.release()

    def _tab(self) -> None:
        kp = self.keypunch
        stop = next((c for c in CODING_FORM_STOPS if c > kp.column), COLUMNS + 1)
        while kp.column < min(stop, COLUMNS + 1):
            kp.space()

    def paste(self, text: str, name: str) -> None:
        """Punch a text, one card a line (tab-form assembler lines laid out
        in card columns by ``cards.expand_tabs``), under the drum's program
        card, behind the deck; the card being typed is released first.
        Every line is checked before any is punched (``DeckError`` names
        the line and column).  ``punch_text`` starts with an empty read
        station, so a duplicate field of the first pasted card copies
        blank columns, not the card typed before the paste."""
        lines = card_lines(capitals(text), name, layout="asm")
        cards = punch_text("".join(line + "\n" for line in lines), name, self.keypunch.program)
        kp = self.keypunch
        if kp.card is not None and kp.column > 1:
            kp.release()
        if kp.card is None:
            kp.feed()
        deck = self.deck_out()
        deck.extend(cards)
        if deck:
            kp.previous = deck.pop()   # the last card typed sits at the read station, for DUP

    def view(self, page: Any = None) -> dict:
        """What the page draws: the card at the punch station (``card``
        column words or None, ``printed`` text, ``column`` 1-81), the
        program drum (``program``, and the ``field`` under the column), the
        deck's size, and with ``page`` (a card index) that card of the deck."""
        kp = self.keypunch
        deck = kp.deck()
        view: dict[str, Any] = {"column": kp.column, "deck_size": len(deck),
                                "card": kp.card.columns if kp.card is not None else None,
                                "printed": "".join(kp.printed),
                                "program": kp.program is not None}
        if kp.program is not None and kp.card is not None and kp.column <= COLUMNS:
            f = kp.program.field_at(kp.column)
            view["field"] = {"start": f.start, "end": f.end, "skip": f.skip,
                             "duplicate": f.duplicate, "alphabetic": f.alphabetic}
        if page is not None and deck:
            if isinstance(page, bool) or not isinstance(page, (int, float)):
                raise BridgeError(f"page: {page!r} is not a card number")
            index = max(0, min(int(page), len(deck) - 1))
            card = deck[index]
            view["page"] = {"index": index, "columns": card.columns,
                            "text": card.to_text(substitute="?").ljust(COLUMNS)}
        return view


class CardRoom:
    """The card room of the ``room``'s machine: the keypunch ``desk`` and
    the 1442's hopper and stacker."""

    def __init__(self, room) -> None:
        self.room = room
        self.desk = KeypunchDesk()
        self.warnings: list[str] = []   # the last deck read's warnings

    def keypunch(self, msg: dict) -> dict:
        return self.desk.act(msg, self.cards_from)

    def cards_from(self, msg: dict, key: str = "deck") -> list[Card]:
        """The deck a message carries: ``<key>_b64`` (a deck file's bytes,
        base64: binary card images by a ``.bin`` name or by content, else
        ASCII) or ``<key>`` (ASCII text in 029 code, tabs by ``layout``),
        named ``name``.  Lower case reads as capitals unless ``lowercase``
        (SIMH's ``-l``); a line longer than 80 columns is read as its first
        80 and noted in ``self.warnings``.  Raises ``BridgeError`` or
        ``DeckError`` naming it."""
        name = msg.get("name") or "deck"
        layout = msg.get("layout", "none")
        lowercase = msg.get("lowercase", False)
        self.warnings = []
        if msg.get(key + "_b64") is not None:
            try:
                data = base64.b64decode(msg[key + "_b64"], validate=True)
            except ValueError:
                raise BridgeError(f"{name}: the binary deck is not valid base64") from None
            return deck_from_file_bytes(data, name, layout=layout, lowercase=lowercase,
                                        warn=self.warnings.append)
        text = msg.get(key)
        if text is None:
            raise BridgeError(f"{key} is missing: give the deck's text (or {key}_b64, a deck file's bytes)")
        if "\0" in text:
            raise BridgeError(f"{name}: this is a binary file, not an ASCII deck "
                              "(binary card images must be a .bin file)")
        return deck_from_text(text, name, layout=layout, lowercase=lowercase,
                              warn=self.warnings.append)

    def reader(self, msg: dict) -> dict:
        cards = self.cards_from(msg)
        machine = self.room.machine
        if msg.get("replace"):
            machine.reader.empty_hopper()
        machine.attach_deck(cards, name=str(msg.get("name") or "deck"))
        reply = {"cards": len(cards), "hopper": machine.reader.cards_in_hopper}
        if self.warnings:
            reply["warnings"] = list(self.warnings)
        return reply

    def reader_clear(self, msg: dict) -> dict:
        self.room.machine.reader.empty_hopper()
        return {}

    def deck_export(self, msg: dict) -> dict:
        """The keypunch deck (``source: keypunch``) or the 1442's punched
        cards (``source: stacker``) as ASCII text or base64 binary."""
        if msg.get("source") == "stacker":
            cards = [Card(c) for c in self.room.machine.reader.punched_cards()]
        else:
            cards = self.desk.deck()
        if msg.get("format") == "binary":
            return {"b64": base64.b64encode(deck_to_bytes(cards)).decode("ascii"), "cards": len(cards)}
        try:
            return {"text": deck_to_text(cards, filename="deck"), "cards": len(cards)}
        except DeckError as error:
            raise BridgeError(f"{error} (download it as binary)") from None

    def deck_to_reader(self, msg: dict) -> dict:
        cards = self.desk.deck()
        if not cards:
            raise BridgeError("the keypunch deck is empty: punch some cards first")
        machine = self.room.machine
        machine.attach_deck(cards, name="keypunch deck")
        return {"cards": len(cards), "hopper": machine.reader.cards_in_hopper}

    def deck_source(self, msg: dict) -> dict:
        """The keypunch deck as source text (one line per card), for the editor."""
        return {"text": "".join(c.to_text(substitute="?") + "\n" for c in self.desk.deck())}
