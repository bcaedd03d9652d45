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

Every value carries a relocation count: 0 for an absolute value, 1 for a
relocatable address.  Adding and subtracting add and subtract the counts; a
product or quotient may not involve a relocatable term; the result must be
absolute or relocatable (count 0 or 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import codes

SYMBOL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$#@'")
MAX_SYMBOL = 5


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
            if op == "+":
                left = Value(left.value + right.value, left.relocation + right.relocation)
            else:
                left = Value(left.value - right.value, left.relocation - right.relocation)
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
                left = Value(left.value * right.value)
            else:
                if right.value == 0:
                    raise ExpressionError("division by zero", at)
                quotient = abs(left.value) // abs(right.value)
                left = Value(quotient if (left.value < 0) == (right.value < 0) else -quotient)
        return left

    def unary(self) -> Value:
        ch = self.peek()
        if ch == "+":
            self.pos += 1
            return self.unary()
        if ch == "-":
            self.pos += 1
            value = self.unary()
            return Value(-value.value, -value.relocation)
        return self.term()

    def term(self) -> Value:
        start = self.pos
        ch = self.peek()
        if ch == "":
            raise ExpressionError("expression ends where a term is expected", start)
        if ch == "*":
            self.pos += 1
            return Value(self.location, self.location_relocation)
        if ch.isdigit():
            while self.peek().isdigit():
                self.pos += 1
            if self.peek() and self.peek() in SYMBOL_CHARS:
                raise ExpressionError(f"bad decimal number {self.text[start:self.pos + 1]!r}...",
                                      start)
            value = int(self.text[start:self.pos])
            if value > 0xFFFF:
                raise ExpressionError(f"decimal constant {value} does not fit in 16 bits", start)
            return Value(value)
        if ch == "/":
            self.pos += 1
            digits_start = self.pos
            while self.peek() and self.peek() in "0123456789ABCDEF":
                self.pos += 1
            digits = self.text[digits_start:self.pos]
            if not digits:
                raise ExpressionError("hexadecimal digits expected after /", start)
            if self.peek() and self.peek() in SYMBOL_CHARS:
                raise ExpressionError(f"bad hexadecimal digit {self.peek()!r}", self.pos)
            value = int(digits, 16)
            if value > 0xFFFF:
                raise ExpressionError(f"hexadecimal constant /{digits} does not fit in 16 bits",
                                      start)
            return Value(value)
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
            while self.peek() and self.peek() in SYMBOL_CHARS:
                self.pos += 1
            name = self.text[start:self.pos]
            if len(name) > MAX_SYMBOL:
                raise ExpressionError(f"symbol {name!r} is longer than {MAX_SYMBOL} characters",
                                      start)
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
