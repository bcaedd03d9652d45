"""Punched cards and card decks for the IBM 1130.

A :class:`Card` is 80 columns, each a card code word with the 12 rows in
bits 0-11 (row 12 = 0x8000 ... row 9 = 0x0010, bits 12-15 zero), as the
1442 and 2501 deliver them to core (reference section 4.7).

Deck files (DESIGN.md, contract: formats; reference 4.8):

* **binary** (``.bin``): 160 bytes per card, 80 little-endian 16-bit
  column words, SIMH's card image format;
* **ASCII** (anything else): one line per card, 029 code by default; tabs
  are expanded in assembler column layout (SIMH's ``-a``: label column 21,
  operation 27, format/tag 32, operand 35), or in Fortran layout, or at
  plain 8-column stops.  As SIMH's reader does, lower-case letters are read
  as the capitals (an 029 had no lower case; ``lowercase=True``, SIMH's
  ``-l``, keeps IBM's lower-case codes), and a line longer than 80 columns
  is read as its first 80 with one warning per deck naming the file and line.

:func:`read_deck` tells a binary deck by its name (``.bin``) or by its
content, as SIMH does: a first card image of 80 words with the low 4 bits
clear that is not plain text.  A deck file is at most ``MAX_DECK_BYTES``.

A :class:`HopperCard` is a ``Card`` in a reader's hopper that remembers
where it came from (the deck and its number there), so a bad card can be
named; :func:`hopper_cards` makes them from ``Card`` objects (or 80-word
column lists) and is what the 1442 and 2501 hoppers take.

:func:`coldstart_words` expands a Program Load (cold start) card into the
80 instruction words the 1130 stores in core words 0-79.

Errors in a deck raise :class:`DeckError` naming the file and card number.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

from . import codes
from ..textfile import decode_utf8_or_latin1

COLUMNS = 80
CARD_BYTES = 2 * COLUMNS
MAX_DECK_CARDS = 100_000
"""The most cards a deck file may hold (fifty 2,000-card boxes)."""
MAX_DECK_BYTES = MAX_DECK_CARDS * CARD_BYTES
"""The largest deck file read (16,000,000 bytes: MAX_DECK_CARDS binary cards)."""

_CAPITALS = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class DeckWarning(UserWarning):
    """Something read from a deck that SIMH accepts but a card cannot hold."""


def capitals(text: str) -> str:
    """``text`` with the ASCII lower-case letters as capitals (SIMH's reader
    without ``-l``); other characters unchanged."""
    return text.translate(_CAPITALS)

LAYOUTS = ("asm", "fortran", "plain", "none")
"""Tab expansion layouts for ASCII decks."""

# Tab stops (1-based columns) of the assembler layout: SIMH's
# ibm1130_fmt.c stops 7, 12, 15, 20 ... after the 20-column card prefix.
_ASM_TAB_STOPS = (27, 32, 35, 40, 45, 50, 55, 60, 65, 72)
_ASM_PREFIX = 20


class DeckError(ValueError):
    """A card deck could not be read or written.

    ``str()`` is ``FILE:CARD: message`` (the card number counts from 1);
    ``filename``, ``card`` and ``column`` (1-80 or None) are attributes.
    """

    def __init__(self, filename: str, card: int, message: str, column: int | None = None):
        self.filename = filename
        self.card = card
        self.column = column
        self.message = message
        where = f"{filename}:{card}" + (f":{column}" if column else "")
        super().__init__(f"{where}: {message}")


class CardError(ValueError):
    """One card's problem; ``column`` (1-80) names the column when there is one."""

    def __init__(self, message: str, column: int | None = None):
        super().__init__(message)
        self.column = column


def expand_tabs(line: str, layout: str = "asm") -> str:
    """Expand tabs of a typed line into card columns.

    ``asm``: a line ``label<TAB>op<TAB>mods<TAB>operand`` lands in
    columns 21, 27, 32, 35, with a format letter moved to column 32 and an
    index register digit to column 33 (a line starting with ``*`` is a comment at
    column 21; a line starting ``//`` is a job card and keeps column 1;
    ``!`` at the start escapes a line so it keeps column 1, as in SIMH).
    ``fortran``: ``label<TAB>statement`` puts the label in columns 1-5 and
    the statement at column 7, or at column 6 when it starts with a
    continuation character (a non-zero digit or non-letter).
    ``plain``: stops every 8 columns.  ``none``: tabs become one blank.
    A line without a tab is returned unchanged, except the ``!`` escape.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown tab layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    if layout == "asm" and line.startswith("!"):
        return _expand_stops(line[1:], _plain_stops(8))
    if "\t" not in line:
        return line
    if layout == "none":
        return line.replace("\t", " ")
    if layout == "plain" or (layout == "asm" and line.startswith("//")):
        return _expand_stops(line, _plain_stops(8))
    if layout == "asm":
        if line.startswith("*"):
            return " " * _ASM_PREFIX + _expand_stops(line, _plain_stops(8))
        body = _expand_stops(line, tuple(c - _ASM_PREFIX for c in _ASM_TAB_STOPS))
        card = " " * _ASM_PREFIX + body
        if len(card) > 32:
            # IBM's assembler wants the format (L, I, X...) in column 32 and
            # the index register in column 33, as SIMH's EditToAsm arranges
            fmt = next((ch for ch in card[31:33] if ch.isalpha()), " ")
            tag = next((ch for ch in card[31:33] if ch.isdigit()), " ")
            card = card[:31] + fmt + tag + card[33:]
        return card.rstrip()
    # fortran
    if line[:1] in ("C", "*"):
        return _expand_stops(line, _plain_stops(8))
    label, _, statement = line.partition("\t")
    label = label.strip()[:5]
    statement = statement.lstrip("\t")
    first = statement[:1]
    continuation = (first.isdigit() and first != "0") or (first != "" and not first.isspace()
                                                         and not first.isalpha())
    if continuation:
        return f"{label:<5}{statement}".rstrip()
    return f"{label:<5} {statement}".rstrip()


def _plain_stops(width: int) -> tuple[int, ...]:
    return tuple(range(width + 1, COLUMNS, width))


def _expand_stops(line: str, stops: tuple[int, ...]) -> str:
    out: list[str] = []
    for ch in line:
        if ch != "\t":
            out.append(ch)
            continue
        position = len(out) + 1          # 1-based column of the next character
        stop = next((s for s in stops if s > position), None)
        if stop is None:
            out.append(" ")
        else:
            out.extend(" " * (stop - position))
    return "".join(out)


class Card:
    """One punched card: 80 card code words (rows in bits 0-11).

    ``columns`` is a list of 80 ints; column 1 is ``columns[0]``.
    """

    __slots__ = ("columns",)

    def __init__(self, columns=None):
        if columns is None:
            columns = [0] * COLUMNS
        columns = [int(c) & 0xFFFF for c in columns]
        if len(columns) > COLUMNS:
            raise ValueError(f"a card has {COLUMNS} columns, not {len(columns)}")
        self.columns = columns + [0] * (COLUMNS - len(columns))

    def __eq__(self, other):
        return isinstance(other, Card) and self.columns == other.columns

    def __repr__(self):
        text = self.to_text(substitute="~")
        return f"Card({text!r})"

    @classmethod
    def from_text(cls, line: str, table: str = "029", layout: str = "asm") -> "Card":
        """Punch a line of text (tabs expanded in ``layout``); lower-case
        letters punch IBM's lower-case codes (decks read as capitals by
        default: :func:`deck_from_text`).

        Raises ``ValueError`` if the line is longer than 80 columns or
        holds a character the keypunch ``table`` cannot punch (the message
        names the column).
        """
        line = expand_tabs(line.rstrip("\r\n"), layout)
        if len(line.rstrip()) > COLUMNS:
            raise ValueError(f"line is {len(line.rstrip())} columns long; a card has {COLUMNS}")
        columns = []
        for number, ch in enumerate(line[:COLUMNS], start=1):
            try:
                columns.append(codes.ascii_to_hollerith(ch, table))
            except ValueError:
                raise CardError(f"character {ch!r} cannot be punched on the {table} keypunch",
                                column=number) from None
        return cls(columns)

    def to_text(self, table: str = "029", substitute: str | None = None) -> str:
        """The card as a line of text, trailing blanks removed.

        A column whose punches have no character raises ``ValueError`` (with
        its column number) unless ``substitute`` is given.
        """
        out = []
        for number, word in enumerate(self.columns, start=1):
            ch = codes.hollerith_to_ascii(word, table, codes.UNKNOWN_CHAR)
            if ch == codes.UNKNOWN_CHAR:
                if substitute is None:
                    raise ValueError(f"column {number}: punches "
                                     f"{codes.word_to_punches(word)} have no {table} character")
                ch = substitute
            out.append(ch)
        return "".join(out).rstrip()

    def is_text(self, table: str = "029") -> bool:
        """Whether every column is a character of the keypunch table."""
        return all(codes.hollerith_to_ascii(w, table, "") != "" for w in self.columns)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Card":
        """A card from its 160-byte binary image (80 little-endian words)."""
        if len(data) != CARD_BYTES:
            raise ValueError(f"a binary card image is {CARD_BYTES} bytes, not {len(data)}")
        return cls([data[i] | (data[i + 1] << 8) for i in range(0, CARD_BYTES, 2)])

    def to_bytes(self) -> bytes:
        """The 160-byte binary image (80 little-endian words)."""
        out = bytearray()
        for word in self.columns:
            out += bytes((word & 0xFF, word >> 8))
        return bytes(out)

    def ident(self) -> str:
        """Columns 73-80 as text (the deck identification field)."""
        return "".join(codes.hollerith_to_ascii(w, substitute="?") for w in self.columns[72:80])


class HopperCard(Card):
    """A card in a reader's hopper: a :class:`Card` with its provenance,
    the ``deck`` it came from (a file name or a deck's name) and its
    1-based ``number`` in that deck.  Equal to a ``Card`` with the same
    columns."""

    __slots__ = ("deck", "number")

    def __init__(self, columns=None, deck: str = "", number: int = 0):
        super().__init__(columns)
        self.deck = deck
        self.number = number

    def where(self) -> str:
        """``DECK: card N``, for messages."""
        return f"{self.deck or 'deck'}: card {self.number}"


def hopper_cards(cards: Iterable[Union[Card, Sequence[int]]], deck: str = "") -> list[HopperCard]:
    """Cards for a hopper (1442 or 2501), all checked before any is stacked.

    A ``HopperCard`` keeps its provenance; a ``Card`` or a list of 80
    column words becomes one from ``deck``, numbered from 1 in the order
    given.  Raises ``ValueError`` naming the deck and card that is not 80
    columns."""
    out = []
    for number, card in enumerate(cards, 1):
        if not isinstance(card, HopperCard):
            columns = card.columns if isinstance(card, Card) else list(card)
            if len(columns) != COLUMNS:
                raise ValueError(f"{deck or 'deck'}: card {number}: a card has {COLUMNS} columns, "
                                 f"not {len(columns)}")
            card = HopperCard(columns, deck, number)
        out.append(card)
    return out


def coldstart_words(card: Card) -> list[int]:
    """The 80 core words a Program Load (cold start) card stores at 0-79.

    Each column becomes a short, non-indexed instruction (reference 4.8):
    rows 12, 11, 0, 1, 2 give the operation code (bits 0-4), row 3 gives
    bits 8 and 9 (the displacement's sign) and rows 4-9 bits 10-15.
    """
    return [(col & 0xF800) | (0x00C0 if col & 0x0400 else 0) | ((col & 0x03F0) >> 4)
            for col in card.columns]


def coldstart_card(words) -> Card:
    """The cold start card whose expansion gives ``words`` (at most 80).

    Raises ``ValueError`` for a word that a card cannot carry: bits 5-7
    (format and tag) set, or bits 8 and 9 different.
    """
    words = list(words)
    if len(words) > COLUMNS:
        raise ValueError(f"a cold start card holds {COLUMNS} words, not {len(words)}")
    columns = []
    for address, word in enumerate(words):
        word &= 0xFFFF
        if word & 0x0700 or ((word >> 6) & 3) not in (0, 3):
            raise ValueError(f"word {address} ({word:04X}) cannot be punched on a cold "
                             "start card: format and tag must be 0 and bits 8-9 equal")
        columns.append((word & 0xF800) | (0x0400 if word & 0x00C0 else 0)
                       | ((word & 0x003F) << 4))
    return Card(columns)


# ------------------------------------------------------------------ decks

Warn = Optional[Callable[[str], None]]


def _warn(warn: Warn, message: str) -> None:
    if warn is None:
        warnings.warn(message, DeckWarning, stacklevel=3)
    else:
        warn(message)


def deck_from_text(text: str, filename: str = "<deck>", table: str = "029",
                   layout: str = "asm", lowercase: bool = False, warn: Warn = None) -> list[Card]:
    """Cards of an ASCII deck (one line per card); :class:`DeckError` on a bad line.

    Lower-case letters read as the capitals unless ``lowercase`` (SIMH's
    ``-l``).  A line longer than 80 columns (after tab expansion) is read as
    its first 80, as SIMH does, with one warning for the deck naming the
    file and first such line: ``warn(message)`` if given, else a
    :class:`DeckWarning`."""
    cards = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) > MAX_DECK_CARDS:
        raise DeckError(filename, MAX_DECK_CARDS + 1, f"a deck holds at most {MAX_DECK_CARDS:,} cards")
    long_lines: list[int] = []
    for number, line in enumerate(lines, start=1):
        try:
            if not lowercase:
                line = capitals(line)
            line = expand_tabs(line.rstrip("\r"), layout)
            if len(line.rstrip()) > COLUMNS:
                long_lines.append(number)
                line = line[:COLUMNS]
            cards.append(Card.from_text(line, table, "none"))
        except ValueError as exc:
            raise DeckError(filename, number, str(exc), getattr(exc, "column", None)) from None
    if long_lines:
        more = f" (and {len(long_lines) - 1} more)" if len(long_lines) > 1 else ""
        _warn(warn, f"{filename}:{long_lines[0]}: warning: line longer than {COLUMNS} columns{more}; "
                    f"read the first {COLUMNS}, as SIMH does")
    return cards


def deck_from_bytes(data: bytes, filename: str = "<deck>") -> list[Card]:
    """Cards of a binary deck (160 bytes per card); :class:`DeckError` if malformed."""
    if len(data) % CARD_BYTES:
        raise DeckError(filename, len(data) // CARD_BYTES + 1,
                        f"binary deck is {len(data)} bytes, not a multiple of {CARD_BYTES}")
    cards = []
    for number, start in enumerate(range(0, len(data), CARD_BYTES), start=1):
        card = Card.from_bytes(data[start:start + CARD_BYTES])
        for column, word in enumerate(card.columns, start=1):
            if word & 0x000F:
                raise DeckError(filename, number, f"column word {word:04X} has bits 12-15 set; "
                                "is this a binary card deck?", column)
        cards.append(card)
    return cards


def deck_to_text(cards, table: str = "029", filename: str = "<deck>") -> str:
    """An ASCII deck: one line per card, ``\\n`` after each.

    Raises :class:`DeckError` for a card that is not text in ``table``
    (write such decks in binary).
    """
    lines = []
    for number, card in enumerate(cards, start=1):
        try:
            lines.append(card.to_text(table) + "\n")
        except ValueError as exc:
            raise DeckError(filename, number, f"{exc}; write binary decks to a .bin file") from None
    return "".join(lines)


def deck_to_bytes(cards) -> bytes:
    """A binary deck: the 160-byte image of each card in order."""
    return b"".join(card.to_bytes() for card in cards)


def is_binary_name(path) -> bool:
    """Whether a deck file name means binary card images (``.bin``)."""
    return str(path).lower().endswith(".bin")


def looks_binary(data: bytes) -> bool:
    """Whether a deck's bytes are binary card images, as SIMH's reader
    guesses (``guess_cr_code``): the first 160 bytes are 80 words with the
    low 4 bits clear, and not all of them printable text (blanks, ``0``,
    ``@``, ``P`` also have those bits clear)."""
    if len(data) < CARD_BYTES:
        return False
    first = data[:CARD_BYTES]
    if any(first[i] & 0x0F for i in range(0, CARD_BYTES, 2)):
        return False
    return any(b not in b"\r\n\t\xa2\xac" and (b < 0x20 or b & 0x80) for b in first)


def read_file_capped(path, limit: int, what: str) -> bytes:
    """The bytes of ``path``, at most ``limit``; ``ValueError`` naming the
    file beyond that (so ``/dev/zero`` is refused, not read until memory
    runs out) and ``OSError`` as ``open`` raises it."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path}: {what} is larger than {limit:,} bytes")
    return data


def _deck_too_big(filename: str) -> DeckError:
    return DeckError(filename, MAX_DECK_CARDS + 1,
                     f"a deck file is at most {MAX_DECK_BYTES:,} bytes ({MAX_DECK_CARDS:,} binary cards)")


def read_deck(path, table: str = "029", layout: str = "asm", lowercase: bool = False,
              warn: Warn = None) -> list[Card]:
    """Read a deck file: binary card images if named ``.bin`` or if its
    content is (:func:`looks_binary`), else ASCII (see :func:`deck_from_text`
    for ``lowercase`` and ``warn``).

    Raises :class:`DeckError` for a malformed deck, a file larger than
    ``MAX_DECK_BYTES`` or an unreadable file.
    """
    path = Path(path)
    try:
        data = read_file_capped(path, MAX_DECK_BYTES, "deck")
    except OSError as exc:
        raise DeckError(str(path), 0, f"cannot read deck: {exc.strerror or exc}") from None
    except ValueError:
        raise _deck_too_big(str(path)) from None
    return deck_from_file_bytes(data, str(path), table, layout, lowercase, warn)


def deck_from_file_bytes(data: bytes, filename: str, table: str = "029", layout: str = "asm",
                         lowercase: bool = False, warn: Warn = None) -> list[Card]:
    """The cards of a deck file's bytes, as :func:`read_deck` reads them
    (binary by the name ``filename`` or by content, else ASCII: UTF-8, or
    Latin-1 as SIMH writes ¢ and ¬)."""
    if len(data) > MAX_DECK_BYTES:
        raise _deck_too_big(filename)
    if is_binary_name(filename) or looks_binary(data):
        return deck_from_bytes(data, filename)
    if b"\0" in data:                    # no text deck has NUL: a disk image, a program...
        at = data.index(b"\0")
        column = at - (data.rfind(b"\n", 0, at) + 1) + 1
        raise DeckError(filename, data.count(b"\n", 0, at) + 1,
                        "this is a binary file, not an ASCII deck (binary card images are "
                        f"{CARD_BYTES} bytes a card, or name the file .bin)",
                        column if column <= COLUMNS else None)
    return deck_from_text(decode_utf8_or_latin1(data), filename, table, layout, lowercase, warn)


def read_decks(paths, table: str = "029", layout: str = "asm", lowercase: bool = False,
               warn: Warn = None) -> list[Card]:
    """Several decks stacked in the hopper, first path first."""
    cards: list[Card] = []
    for path in paths:
        cards.extend(read_deck(path, table, layout, lowercase, warn))
    return cards


def write_deck(path, cards, table: str = "029") -> None:
    """Write a deck file: ``.bin`` as binary images, anything else ASCII."""
    path = Path(path)
    cards = list(cards)
    if is_binary_name(path):
        path.write_bytes(deck_to_bytes(cards))
    else:
        path.write_text(deck_to_text(cards, table, str(path)), encoding="utf-8")
