"""Expressions of the IBM 1130 assembler language.

Terms (reference section 7):

* decimal numbers ``123``; hexadecimal ``/7F``; a character ``.A`` (its
  EBCDIC code, in the low byte);
* ``*``, the location counter (its exact value depends on the statement:
  the caller passes it in);
* symbols: up to 5 characters, letters, digits and ``$ # @ '`` (``@`` and
  ``'`` are the same character, as asm1130 reads 026-punched sources), not
  starting with a digit.

Operators: unary ``+ -``, binary ``+ - * /``.  ``*`` and ``/`` bind tighter
than ``+`` and ``-``: asm1130's rule, which DMS's own sources need (e.g.
``BA000+5*@SCNT-2``), and what IBM's DMS R2V12 assembler does when run on
the emulator (``DC 2+3*4`` is 14, ``DC 10-4/2`` is 8), although the
reference notes describe IBM's as strictly left to right.  Parentheses are
rejected, as by asm1130.  Division truncates toward zero.

Arithmetic is 16-bit, as in IBM's assembler: a sum, difference, product
or negation that leaves the range of a word (-32768 to 65535) wraps to
its low 16 bits, so ``.*-/8400`` is /7C5C and ``/1000-/E000`` is /3000
(both checked against DMS R2V12's assembler, which DMS's own sources
rely on).  A single number bigger than 65535 is still an error (IBM's
assembler silently keeps its low 16 bits).

Every value carries a relocation count: 0 for an absolute value, 1 for a
relocatable address.  Adding and subtracting add and subtract the counts; a
product or quotient may not involve a relocatable term; the result must be
absolute or relocatable (count 0 or 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import codes

SYMBOL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$#@'")
DIGITS = frozenset("0123456789")
HEX_DIGITS = frozenset("0123456789ABCDEF")
MAX_SYMBOL = 5


def wrap16(value: int) -> int:
    """A result of 16-bit arithmetic: ``value`` itself if a word can hold
    it (-32768 to 65535), else its low 16 bits."""
    return value if -0x8000 <= value <= 0xFFFF else value & 0xFFFF


def shown(text: str, limit: int = 24) -> str:
    """``text`` for an error message, cut short if it is long."""
    return text if len(text) <= limit else text[:limit] + "..."


class ExpressionError(Exception):
    """An error in an expression; ``offset`` is the 0-based position in it."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


class Undefined(Exception):
    """The expression uses a symbol that is not (yet) defined."""

    def __init__(self, name: str, offset: int = 0):
        super().__init__(name)
        self.name = name
        self.offset = offset


@dataclass(frozen=True)
class Value:
    """An expression's value: a Python int and its relocation count (0 or 1)."""

    value: int
    relocation: int = 0

    @property
    def relocatable(self) -> bool:
        return self.relocation == 1


def normalize_symbol(name: str) -> str:
    """Symbol spelling used in the table: upper case, ``@`` read as ``'``."""
    return name.upper().replace("@", "'")


def is_symbol(text: str) -> bool:
    """Whether ``text`` is a well-formed symbol (1-5 characters)."""
    return (0 < len(text) <= MAX_SYMBOL and not text[0].isdigit()
            and all(ch in SYMBOL_CHARS for ch in text.upper()))


def evaluate(text: str, lookup, location: int, location_relocation: int = 0) -> Value:
    """Evaluate an operand expression.

    ``lookup(name)`` returns a :class:`Value` for a defined symbol or raises
    :class:`Undefined`; ``location`` is what ``*`` stands for here, with
    ``location_relocation`` its relocation count.  Raises
    :class:`ExpressionError` (with the offset of the fault) for bad syntax,
    a number out of 16-bit range, division by zero or a relocation error.
    """
    parser = _Parser(text, lookup, location, location_relocation)
    value = parser.expression()
    if parser.pos < len(text):
        ch = text[parser.pos]
        if ch in "(),":
            raise ExpressionError(f"unexpected {ch!r} in expression (asm1130 has no parentheses)"
                                  if ch in "()" else f"unexpected {ch!r} in expression",
                                  parser.pos)
        raise ExpressionError(f"unexpected {ch!r} in expression", parser.pos)
    if value.relocation not in (0, 1):
        raise ExpressionError("relocation error: the expression must be absolute or a single "
                              "relocatable address", 0)
    return value


class _Parser:
    def __init__(self, text, lookup, location, location_relocation):
        self.text = text
        self.pos = 0
        self.lookup = lookup
        self.location = location
        self.location_relocation = location_relocation

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expression(self) -> Value:
        if not self.text:
            raise ExpressionError("missing expression", 0)
        left = self.product()
        while self.peek() in ("+", "-") and self.peek():
            op = self.peek()
            self.pos += 1
            right = self.product()
            value = left.value + right.value if op == "+" else left.value - right.value
            if not -0x8000 <= value <= 0xFFFF:
                value &= 0xFFFF                                    # wrap16, inline
            left = Value(value, left.relocation + right.relocation if op == "+"
                         else left.relocation - right.relocation)
        return left

    def product(self) -> Value:
        left = self.unary()
        while self.peek() in ("*", "/") and self.peek():
            op = self.peek()
            at = self.pos
            self.pos += 1
            right = self.unary()
            if left.relocation or right.relocation:
                raise ExpressionError(f"relocation error: a relocatable address cannot be "
                                      f"{'multiplied' if op == '*' else 'divided'}", at)
            if op == "*":
                left = Value(wrap16(left.value * right.value))
            else:
                if right.value == 0:
                    raise ExpressionError("division by zero", at)
                quotient = abs(left.value) // abs(right.value)
                left = Value(quotient if (left.value < 0) == (right.value < 0) else -quotient)
        return left

    def unary(self) -> Value:
        if self.peek() not in ("+", "-"):
            return self.term()
        negate = False
        while self.peek() in ("+", "-") and self.peek():      # a loop: any number of signs
            negate ^= self.peek() == "-"
            self.pos += 1
        value = self.term()
        return Value(wrap16(-value.value), -value.relocation) if negate else value

    def _scan(self, allowed) -> int:
        """Move past the characters in ``allowed``; the new position."""
        text, pos, n = self.text, self.pos, len(self.text)
        while pos < n and text[pos] in allowed:
            pos += 1
        self.pos = pos
        return pos

    def term(self) -> Value:
        start = self.pos
        ch = self.peek()
        if ch == "":
            raise ExpressionError("expression ends where a term is expected", start)
        if ch == "*":
            self.pos += 1
            return Value(self.location, self.location_relocation)
        if ch in DIGITS:
            end = self._scan(DIGITS)
            if self.peek() in SYMBOL_CHARS and end < len(self.text):
                raise ExpressionError(f"bad decimal number "
                                      f"{shown(self.text[start:end + 1])!r}...", start)
            digits = self.text[start:end]
            if len(digits) > 5:
                digits = digits.lstrip("0") or "0"
            if len(digits) > 5 or int(digits) > 0xFFFF:
                raise ExpressionError(f"decimal constant {shown(digits)} does not fit in 16 bits",
                                      start)
            return Value(int(digits))
        if ch == "/":
            self.pos += 1
            digits_start = self.pos
            end = self._scan(HEX_DIGITS)
            digits = self.text[digits_start:end]
            if not digits:
                raise ExpressionError("hexadecimal digits expected after /", start)
            if end < len(self.text) and self.text[end] in SYMBOL_CHARS:
                raise ExpressionError(f"bad hexadecimal digit {self.text[end]!r}", end)
            if len(digits) > 4:
                digits = digits.lstrip("0") or "0"
            if len(digits) > 4:
                raise ExpressionError(f"hexadecimal constant /{shown(digits)} does not fit in "
                                      "16 bits", start)
            return Value(int(digits, 16))
        if ch == ".":
            self.pos += 1
            if self.pos >= len(self.text):
                char = " "          # a blank after the period ends the operand
            else:
                char = self.text[self.pos]
                self.pos += 1
            try:
                return Value(codes.ascii_to_ebcdic(char))
            except ValueError:
                raise ExpressionError(f"character {char!r} has no EBCDIC code", start) from None
        if ch in SYMBOL_CHARS:
            name = self.text[start:self._scan(SYMBOL_CHARS)]
            if len(name) > MAX_SYMBOL:
                raise ExpressionError(f"symbol {shown(name)!r} is longer than {MAX_SYMBOL} "
                                      "characters", start)
            try:
                return self.lookup(normalize_symbol(name))
            except Undefined as exc:
                exc.offset = start
                raise
        if ch == "=":
            raise ExpressionError("a literal (=...) must be the whole operand", start)
        if ch in "()":
            raise ExpressionError("parentheses are not allowed in expressions", start)
        raise ExpressionError(f"unexpected {ch!r} in expression", start)
