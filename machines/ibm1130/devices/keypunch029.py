"""IBM 029 card punch (keypunch): the operator's machine for making decks.

Behaviour from the IBM 29 Card Punch Reference Manual (A24-3332), as far as
a deck for the 1130 needs it:

* Cards feed from the **hopper** to the punch station, where REG
  (register) lines column 1 up under the punch dies.  Typing a key punches
  its code in the current column (029 code, ``codes.ascii_to_hollerith``),
  prints the character along the top edge above the column, and advances.
  REL (release) moves the card on to the read station; the card that was
  at the read station goes to the **stacker**.  With AUTO FEED on, REL also
  feeds and registers the next card.
* **Multi-punch** (MULT PCH held): several keys punch into one column, which
  advances only when the key is released (``multi_punch``).
* **Duplicate**: DUP copies the column of the card at the read station (the
  previous card) into the current column.
* The **program card** on the drum defines fields (row punches, one column
  each): row 12 = field definition (this column continues the field that
  starts to its left), row 11 = start automatic skip, row 0 = start
  automatic duplicate (both in a field's first column), row 1 = alphabetic
  shift.  Entering a skip field skips it; entering a duplicate field copies
  it from the previous card; SKIP skips the rest of the current field.
  ``ProgramCard.from_text`` reads a program card punched as text, e.g.
  ``"1AAAAAAA-&&&&0&&&"`` (an alphabetic field of 8, a skip field of 5, a
  duplicate field of 4).
* **Left-zero fill** (the 029's left-zero insertion feature): the digits
  keyed for a numeric field go in right-justified, the field's left
  columns punched with zeros.

A deck is saved and loaded in the design's formats (``cards.write_deck``:
``.bin`` binary card images, anything else ASCII 029).

Command line: ``python -m machines.ibm1130.devices.keypunch029 TEXT -o DECK
[--program LINE]`` punches each line of the text file into a card.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from .. import codes
from ..cards import COLUMNS, Card, DeckError, expand_tabs, read_deck, write_deck
from ...textfile import NotUtf8Error, decode_utf8

ROW_12, ROW_11, ROW_0, ROW_1 = 0x8000, 0x4000, 0x2000, 0x1000


class KeypunchError(ValueError):
    """An operator action the keypunch refuses (no card, a key with no code)."""


@dataclass
class Field:
    """One program-card field: columns ``start``..``end`` (1-based, inclusive)."""

    start: int
    end: int
    skip: bool = False
    duplicate: bool = False
    alphabetic: bool = False

    @property
    def width(self) -> int:
        return self.end - self.start + 1


@dataclass
class ProgramCard:
    """The program card on the 029's drum: 80 columns of control punches."""

    columns: list[int] = field(default_factory=lambda: [0] * COLUMNS)

    @classmethod
    def from_text(cls, line: str) -> "ProgramCard":
        """A program card punched from text (each character's 029 punches
        are read as control rows).  Raises ``KeypunchError`` naming the column."""
        if len(line) > COLUMNS:
            raise KeypunchError(f"a program card has {COLUMNS} columns, not {len(line)}")
        columns = []
        for number, char in enumerate(line, 1):
            try:
                columns.append(codes.ascii_to_hollerith(char))
            except ValueError:
                raise KeypunchError(f"column {number}: {char!r} cannot be punched "
                                    "in a program card") from None
        return cls(columns + [0] * (COLUMNS - len(columns)))

    def fields(self) -> list[Field]:
        """The fields it defines, left to right (each column not continuing a
        field with row 12 starts a new one)."""
        result: list[Field] = []
        for number, word in enumerate(self.columns, 1):
            if result and word & ROW_12 and number > 1:
                result[-1].end = number
                result[-1].alphabetic = result[-1].alphabetic or bool(word & ROW_1)
            else:
                result.append(Field(number, number, bool(word & ROW_11), bool(word & ROW_0),
                                    bool(word & ROW_1)))
        return result

    def field_at(self, column: int) -> Field:
        for f in self.fields():
            if f.start <= column <= f.end:
                return f
        raise KeypunchError(f"column {column} is not on the card")


class Keypunch029:
    """The 029: ``hopper`` (cards to punch, blank unless loaded), the card at
    the punch station (``card``, ``printed``, ``column`` 1-80 or 81 past the
    end), the card at the read station (``previous``), the ``stacker``.

    ``program`` is the drum's program card or ``None`` (PROG SEL off: one
    field of 80 columns, no automatic functions).
    """

    def __init__(self, auto_feed: bool = True, program: ProgramCard | None = None) -> None:
        self.auto_feed = auto_feed
        self.program = program
        self.hopper: list[Card] = []
        self.card: Card | None = None
        self.printed: list[str] = [" "] * COLUMNS
        self.column = 1
        self.previous: Card | None = None
        self.stacker: list[Card] = []
        self.multi_punching = False

    # ------------------------------------------------------------ card path
    def feed(self) -> None:
        """FEED: the next card from the hopper (a blank card when the hopper
        is empty) to the punch station, registered at column 1."""
        if self.card is not None:
            raise KeypunchError("there is already a card at the punch station; release it first")
        self.card = self.hopper.pop(0) if self.hopper else Card()
        self.printed = [" "] * COLUMNS
        self.register()

    def register(self) -> None:
        """REG: line the card at the punch station up at column 1 (then the
        program's automatic skip and duplicate act on the first field)."""
        self.column = 1
        self._automatic()

    def release(self) -> Card:
        """REL: the punched card moves to the read station (the one there
        goes to the stacker); with AUTO FEED a new card is fed and registered.
        Returns the released card."""
        card = self._need_card()
        if self.previous is not None:
            self.stacker.append(self.previous)
        self.previous = card
        self.card = None
        if self.auto_feed:
            self.feed()
        return card

    def clear(self) -> None:
        """CLEAR: run every card out to the stacker."""
        if self.previous is not None:
            self.stacker.append(self.previous)
            self.previous = None
        if self.card is not None:
            self.stacker.append(self.card)
            self.card = None

    def _need_card(self) -> Card:
        if self.card is None:
            raise KeypunchError("no card at the punch station (press FEED)")
        return self.card

    # -------------------------------------------------------------- keying
    def _field(self) -> Field:
        if self.program is None:
            return Field(1, COLUMNS)
        return self.program.field_at(min(self.column, COLUMNS))

    def _automatic(self) -> None:
        """Automatic skip and duplicate when a field begins at the current column."""
        while self.program is not None and self.column <= COLUMNS:
            f = self._field()
            if f.start != self.column:
                return
            if f.skip:
                self.column = f.end + 1
            elif f.duplicate:
                for _ in range(f.width):
                    self._duplicate_column()
            else:
                return

    def _punch(self, word: int, char: str) -> None:
        card = self._need_card()
        if self.column > COLUMNS:
            raise KeypunchError("the card is at column 80: release it")
        card.columns[self.column - 1] |= word
        if word:                                   # a space prints nothing
            self.printed[self.column - 1] = char if self.printed[self.column - 1] == " " else "?"

    def _advance(self) -> None:
        self.column += 1
        if self.column <= COLUMNS and self.program is not None and self._field().start == self.column:
            self._automatic()

    def key(self, char: str) -> None:
        """Press a character key: punch and print it in the current column and
        advance (space advances without punching).  Raises ``KeypunchError``
        for a character the 029 has no key for."""
        if len(char) != 1:
            raise KeypunchError(f"one key at a time, not {char!r}")
        try:
            word = codes.ascii_to_hollerith(char)
        except ValueError:
            raise KeypunchError(f"the 029 has no key for {char!r}") from None
        self._punch(word, char)
        if not self.multi_punching:
            self._advance()

    def type(self, text: str) -> None:
        """Key each character of ``text`` in turn."""
        for char in text:
            self.key(char)

    def multi_punch(self, keys: str) -> None:
        """MULT PCH: punch every key of ``keys`` into the current column, then advance."""
        self.multi_punching = True
        try:
            for char in keys:
                self.key(char)
        finally:
            self.multi_punching = False
        if self.printed[self.column - 1] != " " and len(keys) > 1:
            word = self._need_card().columns[self.column - 1]
            self.printed[self.column - 1] = codes.hollerith_to_ascii(word, substitute="?")
        self._advance()

    def punch_rows(self, rows: list[int]) -> None:
        """Multi-punch by row numbers (12, 11, 0-9) into the current column."""
        word = 0
        for row in rows:
            if row not in codes.ROW_BITS:
                raise KeypunchError(f"there is no card row {row}")
            word |= codes.ROW_BITS[row]
        self._punch(word, codes.hollerith_to_ascii(word, substitute="?"))
        self._advance()

    def space(self) -> None:
        self._need_card()
        self._advance()

    def backspace(self) -> None:
        """BACKSPACE: back one column (the holes stay)."""
        self.column = max(1, self.column - 1)

    def _duplicate_column(self) -> None:
        word = self.previous.columns[self.column - 1] if self.previous is not None else 0
        char = codes.hollerith_to_ascii(word, substitute="?") if word else " "
        self._punch(word, char)
        self.column += 1

    def dup(self, columns: int = 1) -> None:
        """DUP: copy ``columns`` columns from the card at the read station."""
        for _ in range(columns):
            self._duplicate_column()
            if self.column <= COLUMNS and self.program is not None and self._field().start == self.column:
                self._automatic()

    def skip(self) -> None:
        """SKIP: to the first column of the next field (program on) or past column 80."""
        self._need_card()
        self.column = self._field().end + 1 if self.program is not None else COLUMNS + 1
        self._automatic()

    def left_zero(self, digits: str) -> None:
        """Left-zero insert: the digits keyed for the current field go in
        right-justified, zeros to their left; the card moves past the field."""
        f = self._field()
        if self.column != f.start:
            raise KeypunchError(f"left-zero fill starts at a field's first column ({f.start})")
        if not digits.isdigit() or len(digits) > f.width:
            raise KeypunchError(f"{digits!r} is not a number of at most {f.width} digits")
        for char in digits.rjust(f.width, "0"):
            self._punch(codes.ascii_to_hollerith(char), char)
            self.column += 1
        self._automatic()

    # ---------------------------------------------------------------- decks
    def load_hopper(self, cards: list[Card]) -> None:
        """Put cards in the hopper (to add punches to, or to duplicate)."""
        self.hopper.extend(Card(list(c.columns)) for c in cards)

    def deck(self) -> list[Card]:
        """Every card that has left the punch station, stacker order."""
        cards = list(self.stacker)
        if self.previous is not None:
            cards.append(self.previous)
        return cards

    def save_deck(self, path: str) -> None:
        """Write the punched deck (``.bin`` binary, else ASCII 029)."""
        write_deck(path, self.deck())

    def load_deck(self, path: str) -> None:
        """Load a deck file into the hopper.  Raises ``cards.DeckError``."""
        self.load_hopper(read_deck(path, layout="none"))

    # ------------------------------------------------------------- front end
    def snapshot(self) -> dict:
        """What a front end draws: the card at the punch station (columns and
        the printing along its top edge), the column, the field, the counts."""
        f = self._field() if self.card is not None and self.column <= COLUMNS else None
        return {
            "column": self.column,
            "card": list(self.card.columns) if self.card is not None else None,
            "printed": "".join(self.printed) if self.card is not None else "",
            "previous": list(self.previous.columns) if self.previous is not None else None,
            "field": None if f is None else {"start": f.start, "end": f.end, "skip": f.skip,
                                             "duplicate": f.duplicate, "alphabetic": f.alphabetic},
            "hopper": len(self.hopper), "stacker": len(self.stacker),
            "auto_feed": self.auto_feed, "program": self.program is not None,
        }

    def save_state(self) -> dict:
        """JSON-serialisable state (cards as column word lists)."""
        def card(c: Card | None):
            return None if c is None else list(c.columns)
        return {"auto_feed": self.auto_feed,
                "program": None if self.program is None else list(self.program.columns),
                "hopper": [card(c) for c in self.hopper], "card": card(self.card),
                "printed": "".join(self.printed), "column": self.column,
                "previous": card(self.previous), "stacker": [card(c) for c in self.stacker]}

    def load_state(self, state: dict) -> None:
        def card(c):
            return None if c is None else Card(c)
        self.auto_feed = state["auto_feed"]
        self.program = None if state["program"] is None else ProgramCard(list(state["program"]))
        self.hopper = [card(c) for c in state["hopper"]]
        self.card = card(state["card"])
        self.printed = list(state["printed"])
        self.column = state["column"]
        self.previous = card(state["previous"])
        self.stacker = [card(c) for c in state["stacker"]]


def card_lines(text: str, filename: str = "<text>", layout: str | None = None) -> list[str]:
    """The lines of ``text`` as they will be keyed, one card each, every one
    checked before any is punched: tabs laid out by ``cards.expand_tabs`` when
    ``layout`` is given (e.g. "asm"), trailing blanks dropped.

    Raises ``DeckError`` naming the line and column of a line longer than 80
    columns or a character the 029 has no key for (its keyboard types
    capitals, so a lower-case letter counts as its capital)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if layout is not None:
            try:
                line = expand_tabs(line.rstrip(), layout)
            except ValueError as error:
                raise DeckError(filename, number, str(error)) from None
        line = line.rstrip()
        if len(line) > COLUMNS:
            raise DeckError(filename, number, f"line is {len(line)} columns long; "
                                              f"a card has {COLUMNS}", COLUMNS + 1)
        for column, char in enumerate(line, 1):
            if not (char == " " or codes.can_punch(char) or codes.can_punch(char.upper())):
                raise DeckError(filename, number, f"the 029 has no key for {char!r}", column)
        out.append(line)
    return out


def punch_text(text: str, filename: str = "<text>", program: ProgramCard | None = None) -> list[Card]:
    """Key each line of ``text`` into a card (release after each line).

    Raises ``DeckError`` naming the line and column of a character the 029
    cannot punch or a line longer than 80 columns (``card_lines`` checks
    every line before the first is punched).
    """
    lines = card_lines(text, filename)
    machine = Keypunch029(auto_feed=True, program=program)
    machine.feed()
    for number, line in enumerate(lines, 1):
        for column, char in enumerate(line, 1):
            if machine.column != column:       # the program skipped or duplicated here
                continue
            try:
                machine.key(char)
            except KeypunchError as exc:
                raise DeckError(filename, number, str(exc), column) from None
        machine.release()
    machine.card = None
    machine.clear()
    return machine.stacker


def main(argv: list[str] | None = None) -> int:
    """``keypunch029 TEXT -o DECK [--program LINE]``: punch a text file into a deck."""
    import argparse   # (here: the web page imports this module and never parses arguments)

    parser = argparse.ArgumentParser(prog="python -m machines.ibm1130.devices.keypunch029",
                                     description="Punch each line of a text file into a card "
                                                 "on a model IBM 029 keypunch.")
    parser.add_argument("text", help="text file, one card per line")
    parser.add_argument("-o", "--output", required=True,
                        help="deck to write (.bin binary card images, else ASCII)")
    parser.add_argument("--program", help="program card (drum) as text, e.g. '1AAA-&&&'")
    args = parser.parse_args(argv)
    try:
        program = ProgramCard.from_text(args.program) if args.program else None
    except KeypunchError as exc:
        print(f"--program: {exc}", file=sys.stderr)
        return 2
    try:
        with open(args.text, "rb") as handle:
            text = decode_utf8(handle.read(), args.text)
    except OSError as exc:
        print(f"{args.text}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except NotUtf8Error as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        cards = punch_text(text, args.text, program)
        write_deck(args.output, cards)
    except DeckError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{len(cards)} cards punched to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
