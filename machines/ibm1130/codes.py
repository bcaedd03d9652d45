"""IBM 1130 character codes, all in one place.

Every table the system needs to turn characters into punches, bytes or
typewriter codes and back lives here, built once at import (reference
../shared/reference/ibm1130.md section 4.7):

* **Card code word** (1442, 2501, 029 keypunch, console keyboard): the 12
  card rows in bits 0-11 of a 16-bit word, row 12 = 0x8000, row 11 = 0x4000,
  row 0 = 0x2000, rows 1..9 = 0x1000 ... 0x0010; bits 12-15 are zero.
  Three keypunch tables: ``"029"`` (IBM 029, the default, with SIMH's lower
  case a-z and APL control punches), ``"026F"`` (026 Fortran) and ``"026C"``
  (026 Commercial), after SIMH ``ibm1130_cr.c``.
* **EBCDIC**: one byte per character (two per word in core, first character in
  the high byte), after SIMH ``ibm1130_sys.c``; ``{ } \\ ~`` follow code page 037.
* **Console printer** (1131 Selectric): an 8-bit code sent in the high byte
  of the word (SIMH ``ibm1130_conout.h``); control codes have bit 7 (0x01) set.
* **Console keyboard**: the key's card code, plus EOF / backspace / erase
  field bits 12-14 (SIMH ``ascii_to_conin``).

Characters outside ASCII are the Unicode characters themselves: ``¢``
(U+00A2) and ``¬`` (U+00AC), the same code points SIMH writes in Latin-1.
On input ``^`` is accepted for ``¬`` and ``[`` for ``¢`` (keyboards without
them).  Conversions of codes that have no character return
:data:`UNKNOWN_CHAR` (U+FFFD) unless a ``substitute`` is given.
"""

from __future__ import annotations

UNKNOWN_CHAR = "\ufffd"
"""What ``*_to_ascii`` functions return for a code with no character."""

CENT = "\u00a2"
NOT = "\u00ac"

# Input aliases for characters missing from ordinary keyboards.
_ASCII_ALIASES = {"^": NOT, "[": CENT}

# ---------------------------------------------------------------- card codes

ROW_BITS = {12: 0x8000, 11: 0x4000, 0: 0x2000, 1: 0x1000, 2: 0x0800, 3: 0x0400,
            4: 0x0200, 5: 0x0100, 6: 0x0080, 7: 0x0040, 8: 0x0020, 9: 0x0010}
"""Card row -> bit in the card code word (section 4.7)."""

CARD_ROWS = (12, 11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
"""Rows in the order they appear in the word, bit 0 first."""

CARD_DATA_MASK = 0xFFF0
"""Bits of a card code word that hold punches."""


def punches_to_word(punches: str) -> int:
    """Card code word of a punch list written as IBM does: ``"12-3-8"``.

    An empty string is a blank column.  Raises ``ValueError`` on a row that
    is not 12, 11 or 0-9.
    """
    word = 0
    for part in punches.split("-") if punches else ():
        row = int(part)
        if row not in ROW_BITS:
            raise ValueError(f"no card row {row}")
        word |= ROW_BITS[row]
    return word


def word_to_punches(word: int) -> str:
    """The punches of a card code word as ``"12-3-8"`` ("" for blank)."""
    return "-".join(str(row) for row in CARD_ROWS if word & ROW_BITS[row])


def _zone_rows(zone: str, letters: str, first_row: int) -> list[tuple[str, str]]:
    """Pairs (char, punches) for a run of letters under one zone."""
    return [(ch, f"{zone}-{first_row + i}" if zone else str(first_row + i))
            for i, ch in enumerate(letters)]


# The 029 keypunch: section 4.7's table, SIMH's cardcode_029.
_029 = (
    [(" ", ""), ("&", "12"), ("-", "11"), ("0", "0"), ("/", "0-1")]
    + _zone_rows("", "123456789", 1)
    + _zone_rows("12", "ABCDEFGHI", 1)
    + _zone_rows("11", "JKLMNOPQR", 1)
    + _zone_rows("0", "STUVWXYZ", 2)
    + [(CENT, "12-2-8"), (".", "12-3-8"), ("<", "12-4-8"), ("(", "12-5-8"),
       ("+", "12-6-8"), ("|", "12-7-8"), ("!", "11-2-8"), ("$", "11-3-8"),
       ("*", "11-4-8"), (")", "11-5-8"), (";", "11-6-8"), (NOT, "11-7-8"),
       (",", "0-3-8"), ("%", "0-4-8"), ("_", "0-5-8"), (">", "0-6-8"),
       ("?", "0-7-8"), (":", "2-8"), ("#", "3-8"), ("@", "4-8"), ("'", "5-8"),
       ("=", "6-8"), ('"', "7-8")]
    # Lower case, used by APL\1130 save decks (SIMH).
    + _zone_rows("12-0", "abcdefghi", 1)
    + _zone_rows("12-11", "jklmnopqr", 1)
    + _zone_rows("11-0", "stuvwxyz", 2)
    # APL's odd punches, which SIMH carries as ASCII control characters.
    + [("\x01", "1-9"), ("\x02", "2-9"), ("\x03", "3-9"), ("\x04", "4-9"),
       ("\x05", "5-9"), ("\x06", "6-9"), ("\x0b", "7-9"), ("\x0e", "8-9"),
       ("\x0f", "1-8-9"), ("\x10", "2-8-9")]
)

_026_COMMON = (
    [(" ", ""), ("+", "12"), ("-", "11"), ("0", "0"), ("/", "0-1")]
    + _zone_rows("", "123456789", 1)
    + _zone_rows("12", "ABCDEFGHI", 1)
    + _zone_rows("11", "JKLMNOPQR", 1)
    + _zone_rows("0", "STUVWXYZ", 2)
    + [("=", "3-8"), ("'", "4-8"), (".", "12-3-8"), ("$", "11-3-8"),
       ("*", "11-4-8"), (",", "0-3-8")]
)
# 026 Fortran: 12-4-8 is ')' and 0-4-8 is '('; the Commercial keypunch
# prints '<' and '%' there.  Each table also reads the other's character
# into the same punches, as SIMH does.
_026F = _026_COMMON + [(")", "12-4-8"), ("(", "0-4-8")]
_026C = _026_COMMON + [("<", "12-4-8"), ("%", "0-4-8")]
_026F_EXTRA = [("<", "12-4-8"), ("%", "0-4-8"), ("&", "12")]
_026C_EXTRA = [(")", "12-4-8"), ("(", "0-4-8"), ("&", "12")]

KEYPUNCH_TABLES = ("029", "026F", "026C")
"""Names of the keypunch tables accepted by the ``table`` arguments."""


def _build(pairs, extra=()):
    to_word: dict[str, int] = {}
    to_char: dict[int, str] = {}
    for ch, punches in pairs:
        word = punches_to_word(punches)
        to_word.setdefault(ch, word)
        to_char.setdefault(word, ch)
    for ch, punches in extra:
        to_word.setdefault(ch, punches_to_word(punches))
    return to_word, to_char


_TABLES = {
    "029": _build(_029),
    "026F": _build(_026F, _026F_EXTRA),
    "026C": _build(_026C, _026C_EXTRA),
}


def _table(table: str):
    try:
        return _TABLES[table]
    except KeyError:
        raise ValueError(f"unknown keypunch table {table!r}; "
                         f"use one of {', '.join(KEYPUNCH_TABLES)}") from None


def keypunch_characters(table: str = "029") -> str:
    """Every character the keypunch ``table`` punches, in code order."""
    _, to_char = _table(table)
    return "".join(to_char[word] for word in sorted(to_char))


def ascii_to_hollerith(ch: str, table: str = "029") -> int:
    """Card code word (bits 0-11) for one character on the given keypunch.

    Lower case is kept (the 029 table punches it as APL does); the 026
    tables punch lower case as upper case.  ``^`` reads as ``¬`` and ``[``
    as ``¢``.  Raises ``ValueError`` for a character the keypunch cannot
    punch or an unknown table.
    """
    to_word, _ = _table(table)
    ch = _ASCII_ALIASES.get(ch, ch)
    word = to_word.get(ch)
    if word is None and table != "029":
        word = to_word.get(ch.upper())
    if word is None:
        raise ValueError(f"character {ch!r} has no {table} card code")
    return word


def can_punch(ch: str, table: str = "029") -> bool:
    """Whether ``ascii_to_hollerith(ch, table)`` would succeed."""
    to_word, _ = _table(table)
    ch = _ASCII_ALIASES.get(ch, ch)
    return ch in to_word or (table != "029" and ch.upper() in to_word)


def hollerith_to_ascii(word: int, table: str = "029",
                       substitute: str = UNKNOWN_CHAR) -> str:
    """Character of a card code word (bits 12-15 are ignored).

    A punch combination the keypunch has no key for gives ``substitute``
    (U+FFFD by default).
    """
    _, to_char = _table(table)
    return to_char.get(word & CARD_DATA_MASK, substitute)


# ------------------------------------------------------------------- EBCDIC

_EBCDIC_PAIRS = (
    [(" ", 0x40), (CENT, 0x4A), (".", 0x4B), ("<", 0x4C), ("(", 0x4D),
     ("+", 0x4E), ("|", 0x4F), ("&", 0x50), ("!", 0x5A), ("$", 0x5B),
     ("*", 0x5C), (")", 0x5D), (";", 0x5E), (NOT, 0x5F), ("-", 0x60),
     ("/", 0x61), (",", 0x6B), ("%", 0x6C), ("_", 0x6D), (">", 0x6E),
     ("?", 0x6F), ("`", 0x79), (":", 0x7A), ("#", 0x7B), ("@", 0x7C),
     ("'", 0x7D), ("=", 0x7E), ('"', 0x7F),
     # code page 037 for the characters the 1130 tables leave out
     ("{", 0xC0), ("}", 0xD0), ("\\", 0xE0), ("~", 0xA1),
     # the control characters a text file carries
     ("\x00", 0x00), ("\t", 0x05), ("\n", 0x25), ("\r", 0x0D)]
    + [(str(d), 0xF0 + d) for d in range(10)]
    + [(ch, 0xC1 + i) for i, ch in enumerate("ABCDEFGHI")]
    + [(ch, 0xD1 + i) for i, ch in enumerate("JKLMNOPQR")]
    + [(ch, 0xE2 + i) for i, ch in enumerate("STUVWXYZ")]
    + [(ch, 0x81 + i) for i, ch in enumerate("abcdefghi")]
    + [(ch, 0x91 + i) for i, ch in enumerate("jklmnopqr")]
    + [(ch, 0xA2 + i) for i, ch in enumerate("stuvwxyz")]
)
_ASCII_TO_EBCDIC = dict(_EBCDIC_PAIRS)
_EBCDIC_TO_ASCII = {code: ch for ch, code in _EBCDIC_PAIRS}


def ascii_to_ebcdic(ch: str) -> int:
    """EBCDIC byte (0-255) of one character; raises ``ValueError`` if none."""
    ch = _ASCII_ALIASES.get(ch, ch)
    try:
        return _ASCII_TO_EBCDIC[ch]
    except KeyError:
        raise ValueError(f"character {ch!r} has no EBCDIC code") from None


def ebcdic_to_ascii(code: int, substitute: str = UNKNOWN_CHAR) -> str:
    """Character of an EBCDIC byte (``substitute`` if it has none)."""
    return _EBCDIC_TO_ASCII.get(code & 0xFF, substitute)


def text_to_ebcdic_words(text: str, pad: str = " ") -> list[int]:
    """Pack text two EBCDIC characters per word, first in the high byte.

    An odd length is padded with ``pad`` (the EBC directive's rule).
    """
    if len(text) % 2:
        text += pad
    return [(ascii_to_ebcdic(text[i]) << 8) | ascii_to_ebcdic(text[i + 1])
            for i in range(0, len(text), 2)]


def ebcdic_words_to_text(words, substitute: str = UNKNOWN_CHAR) -> str:
    """Unpack words of two EBCDIC characters (high byte first) to text."""
    return "".join(ebcdic_to_ascii(w >> 8, substitute) + ebcdic_to_ascii(w, substitute)
                   for w in words)


# The card code <-> EBCDIC correspondence for the characters of the 029
# graphic set (the code DMS converts with); other punches have no EBCDIC
# character in this table.
_HOLLERITH_TO_EBCDIC = {}
_EBCDIC_TO_HOLLERITH = {}
for _ch, _word in _TABLES["029"][0].items():
    if _ch in _ASCII_TO_EBCDIC:
        _HOLLERITH_TO_EBCDIC[_word] = _ASCII_TO_EBCDIC[_ch]
        _EBCDIC_TO_HOLLERITH[_ASCII_TO_EBCDIC[_ch]] = _word


def hollerith_to_ebcdic(word: int) -> int:
    """EBCDIC byte of a card code word (029 graphics and lower case).

    Raises ``ValueError`` for a punch combination with no character.
    """
    try:
        return _HOLLERITH_TO_EBCDIC[word & CARD_DATA_MASK]
    except KeyError:
        raise ValueError(f"card code {word:04X} ({word_to_punches(word) or 'blank'}) "
                         "has no EBCDIC character") from None


def ebcdic_to_hollerith(code: int) -> int:
    """Card code word of an EBCDIC byte; raises ``ValueError`` if none."""
    try:
        return _EBCDIC_TO_HOLLERITH[code & 0xFF]
    except KeyError:
        raise ValueError(f"EBCDIC {code:02X} has no card code in the 029 table") from None


# ----------------------------------------------------- console printer (1131)

_CONSOLE_PRINTER_PAIRS = [
    ("A", 0x3C), ("B", 0x18), ("C", 0x1C), ("D", 0x30), ("E", 0x34), ("F", 0x10),
    ("G", 0x14), ("H", 0x24), ("I", 0x20), ("J", 0x7C), ("K", 0x58), ("L", 0x5C),
    ("M", 0x70), ("N", 0x74), ("O", 0x50), ("P", 0x54), ("Q", 0x64), ("R", 0x60),
    ("S", 0x98), ("T", 0x9C), ("U", 0xB0), ("V", 0xB4), ("W", 0x90), ("X", 0x94),
    ("Y", 0xA4), ("Z", 0xA0), ("0", 0xC4), ("1", 0xFC), ("2", 0xD8), ("3", 0xDC),
    ("4", 0xF0), ("5", 0xF4), ("6", 0xD0), ("7", 0xD4), ("8", 0xE4), ("9", 0xE0),
    (".", 0x00), (CENT, 0x02), ("@", 0x04), ("%", 0x06), ("$", 0x40), ("!", 0x42),
    ("&", 0x44), (">", 0x46), (",", 0x80), (":", 0x82), ("-", 0x84), ("?", 0x86),
    ("/", 0xBC), ("_", 0xBE), ("#", 0xC0), ("=", 0xC2), ("|", 0xC6), (";", 0xD2),
    ("*", 0xD6), ("+", 0xDA), ("<", 0xDE), ('"', 0xE2), ("'", 0xE6), (NOT, 0xF2),
    (")", 0xF6), ("(", 0xFE),
]
# Lower case is the other hemisphere of the golf ball: code + 2 (SIMH; its
# table has 0x56 as 'o', a slip for 'p', which we correct).
_CONSOLE_PRINTER_PAIRS += [(ch.lower(), code + 2) for ch, code in _CONSOLE_PRINTER_PAIRS
                           if ch.isalpha() and ch.isupper()]

CONSOLE_LINE_FEED = 0x02
CONSOLE_BLACK_RIBBON = 0x04
CONSOLE_RED_RIBBON = 0x08
CONSOLE_BACKSPACE = 0x10
CONSOLE_SPACE = 0x20
CONSOLE_TAB = 0x40
CONSOLE_CARRIAGE_RETURN = 0x80
CONSOLE_CONTROL = 0x01
"""Bit 7 of the console printer byte: the code is a control function."""

_CONSOLE_CONTROL_ORDER = (
    (CONSOLE_BLACK_RIBBON, "black"), (CONSOLE_RED_RIBBON, "red"),
    (CONSOLE_BACKSPACE, "backspace"), (CONSOLE_SPACE, "space"),
    (CONSOLE_TAB, "tab"), (CONSOLE_CARRIAGE_RETURN, "return"),
    (CONSOLE_LINE_FEED, "linefeed"),
)
_ASCII_TO_CONSOLE = dict(_CONSOLE_PRINTER_PAIRS)
_ASCII_TO_CONSOLE.update({" ": 0x21, "\n": 0x81, "\t": 0x41, "\b": 0x11})
_CONSOLE_TO_ASCII = {code: ch for ch, code in _CONSOLE_PRINTER_PAIRS}


def ascii_to_console_printer(ch: str) -> int:
    """Console printer byte (0-255) for a character.

    Space, newline (carriage return with line feed, 0x81), tab and
    backspace give their control codes.  Raises ``ValueError`` if the
    Selectric element has no such character.
    """
    ch = _ASCII_ALIASES.get(ch, ch)
    try:
        return _ASCII_TO_CONSOLE[ch]
    except KeyError:
        raise ValueError(f"character {ch!r} is not on the console printer") from None


def console_printer_to_ascii(code: int, substitute: str = UNKNOWN_CHAR) -> str | None:
    """Character printed by a console printer byte.

    Returns ``None`` for a control code (bit 7, 0x01, set: see
    :func:`console_printer_controls`) and ``substitute`` for a printing code
    with no known character.
    """
    code &= 0xFF
    if code & CONSOLE_CONTROL:
        return None
    return _CONSOLE_TO_ASCII.get(code, substitute)


def console_printer_controls(code: int) -> tuple[str, ...]:
    """The control functions of a control byte, in the order they act.

    Names: ``black``, ``red``, ``backspace``, ``space``, ``tab``,
    ``return`` (carriage return, which on the 1131 also feeds a line) and
    ``linefeed``.  A printing code gives ``()``.
    """
    if not code & CONSOLE_CONTROL:
        return ()
    return tuple(name for bit, name in _CONSOLE_CONTROL_ORDER if code & bit)


# ------------------------------------------------------- console keyboard

KEY_EOF = 0x0008
"""Console keyboard code of the EOF (end of field) key."""
KEY_BACKSPACE = 0x0004
"""Console keyboard code of the backspace key."""
KEY_ERASE_FIELD = 0x0002
"""Console keyboard code of the erase field key."""


def ascii_to_keyboard(ch: str) -> int:
    """Console keyboard code of a typed character (section 4.7).

    The key's 029 card code in bits 0-11; lower case types as upper case;
    ``\\n`` / ``\\r`` is the EOF key and ``\\b`` backspace.  Raises
    ``ValueError`` for a character with no key.
    """
    if ch in "\r\n":
        return KEY_EOF
    if ch == "\b":
        return KEY_BACKSPACE
    if len(ch) != 1 or not ch.isprintable():
        raise ValueError(f"character {ch!r} has no console key")
    return ascii_to_hollerith(ch.upper())


# ------------------------------------------------------- 1132 print wheel

PRINTER_1132_WHEEL = "ABCDFHISTUV1234567890=$.',)-(+/*&JKLMNOPQREGWXYZ"
"""The 48 characters of the 1132 print wheel, in the order they pass the
hammers (section 4.6); the printer's emitter gives their EBCDIC codes."""


# ------------------------------------------------------- 1403 print code

_1403_PAIRS = [
    (" ", 0x7F), ("$", 0x62), ("&", 0x15), ("'", 0x0B), ("(", 0x57), (")", 0x2F),
    ("*", 0x23), ("+", 0x6D), (",", 0x16), ("-", 0x61), (".", 0x6E), ("/", 0x4C),
    ("0", 0x49), ("1", 0x40), ("2", 0x01), ("3", 0x02), ("4", 0x43), ("5", 0x04),
    ("6", 0x45), ("7", 0x46), ("8", 0x07), ("9", 0x08), ("=", 0x4A),
    ("A", 0x64), ("B", 0x25), ("C", 0x26), ("D", 0x67), ("E", 0x68), ("F", 0x29),
    ("G", 0x2A), ("H", 0x6B), ("I", 0x2C), ("J", 0x58), ("K", 0x19), ("L", 0x1A),
    ("M", 0x5B), ("N", 0x1C), ("O", 0x5D), ("P", 0x5E), ("Q", 0x1F), ("R", 0x20),
    ("S", 0x0D), ("T", 0x0E), ("U", 0x4F), ("V", 0x10), ("W", 0x51), ("X", 0x52),
    ("Y", 0x13), ("Z", 0x54),
]
_ASCII_TO_1403 = dict(_1403_PAIRS)
_1403_TO_ASCII = {code: ch for ch, code in _1403_PAIRS}
PRINTER_1403_BLANK = 0x7F


def ascii_to_1403(ch: str) -> int:
    """1403 print code (6 bits + odd parity, 7 bits) of a character.

    Lower case prints as upper case; a character the 1403's chain lacks
    gives the blank code 0x7F (SIMH asm1130's ``ascii_to_1403_table``).
    """
    return _ASCII_TO_1403.get(ch.upper(), PRINTER_1403_BLANK)


def printer1403_to_ascii(code: int, substitute: str = UNKNOWN_CHAR) -> str:
    """Character of a 1403 print code (``substitute`` if none)."""
    return _1403_TO_ASCII.get(code & 0x7F, substitute)
