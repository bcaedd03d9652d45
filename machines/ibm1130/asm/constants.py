"""Constant formats of the IBM 1130 assembler: DEC, XFLC, DN names, DMES text.

Data formats from reference section 4.9:

* **integer (DEC without a point, B or E)**: 32-bit two's complement, high
  word first;
* **standard floating point** (DEC): 24-bit two's complement mantissa with
  the binary point after the sign, then the 8-bit characteristic
  (exponent + 128) in the low byte of the second word, normalised;
* **extended floating point** (XFLC): characteristic in the low byte of word
  0, 32-bit two's complement mantissa in words 1 and 2;
* **fixed point** (``nnn.nnBbb``): 32-bit two's complement, ``bb`` bits to
  the left of the binary point (not counting the sign).  ``bb`` may be
  negative: ``0.2B-2`` puts the binary point two places left of the sign,
  the number times 2**33 (DMS's function library does this:
  ``DEC 0.19999056792E0B-2`` is 666529E9 on DMS R2V12's assembler; SIMH's
  asm1130 shifts the wrong way there).

Mantissas are truncated toward zero and negative numbers are the two's
complement of the positive mantissa, with the same characteristic (so -1.0
is C000 0081): exactly what IBM's DMS R2V12 assembler writes, checked by
running it on the emulator (tests/test_asm_ibm_reference.py).
"""

from __future__ import annotations

import math

from .. import codes
from .expressions import shown

MAX_BINARY_POINT = 1000
"""|B| beyond this is refused before any arithmetic (any |B| over 64 gives
zero or does not fit anyway)."""


class ConstantError(ValueError):
    """A constant that cannot be converted; the message says why."""


def name_code(name: str) -> tuple[int, int]:
    """The two-word name code of DN, CALL, LIBF, ENT: 5 characters padded
    with blanks, 6 low bits of each EBCDIC code, packed into 30 bits."""
    value = 0
    for ch in (name.upper() + "     ")[:5]:
        try:
            code = codes.ascii_to_ebcdic(ch)
        except ValueError:
            raise ConstantError(f"character {ch!r} cannot be in a name") from None
        value = (value << 6) | (code & 0x3F)
    return (value >> 16) & 0xFFFF, value & 0xFFFF


def _truncate(x: float) -> int:
    return math.trunc(x)


def standard_float(x: float) -> tuple[int, int]:
    """Standard precision words (word 0, word 1) of a number."""
    if x == 0:
        return 0, 0
    mantissa, exponent = math.frexp(abs(x))           # 0.5 <= mantissa < 1
    m = _truncate(mantissa * (1 << 23))
    if x < 0:
        m = -m
    characteristic = exponent + 128
    if not 0 <= characteristic <= 255:
        raise ConstantError(f"{x!r} is out of the floating point range")
    m &= 0xFFFFFF
    return m >> 8, ((m & 0xFF) << 8) | characteristic


def extended_float(x: float) -> tuple[int, int, int]:
    """Extended precision words (characteristic, mantissa high, mantissa low)."""
    if x == 0:
        return 0, 0, 0
    mantissa, exponent = math.frexp(abs(x))
    m = _truncate(mantissa * (1 << 31))
    if x < 0:
        m = -m
    characteristic = exponent + 128
    if not 0 <= characteristic <= 255:
        raise ConstantError(f"{x!r} is out of the floating point range")
    m &= 0xFFFFFFFF
    return characteristic, m >> 16, m & 0xFFFF


def fixed_point(x: float, binary_point: int) -> tuple[int, int]:
    """32-bit fixed point with ``binary_point`` integer bits after the sign."""
    if not -MAX_BINARY_POINT <= binary_point <= MAX_BINARY_POINT:
        raise ConstantError(f"binary point B{shown(str(binary_point))} is out of range")
    scaled = math.ldexp(x, 31 - binary_point)
    if not math.isfinite(scaled):
        raise ConstantError(f"{x!r} does not fit with the binary point at B{binary_point}")
    value = _truncate(scaled)
    if not -(1 << 31) <= value < (1 << 31):
        raise ConstantError(f"{x!r} does not fit with the binary point at B{binary_point}")
    value &= 0xFFFFFFFF
    return value >> 16, value & 0xFFFF


def _parse_number(text: str) -> float:
    """A decimal number (digits, point, exponent): never inf or nan."""
    if not text or text[-1] in "+-" or text.strip(_NUMBER_CHARS):
        raise ConstantError(f"bad number {shown(text)!r}")
    try:
        value = float(text)
    except ValueError:
        raise ConstantError(f"bad number {shown(text)!r}") from None
    if not math.isfinite(value):
        raise ConstantError(f"{shown(text)} is out of the floating point range")
    return value


_NUMBER_CHARS = "0123456789.+-Ee"
_DECIMAL = frozenset("0123456789")


def _integer(digits: str, base: int, what: str, text: str) -> int:
    """``digits`` (ASCII, no sign) as an int; at most 32 bits' worth."""
    if not digits or digits.strip("0123456789" if base == 10 else "0123456789ABCDEF"):
        raise ConstantError(f"bad {what} {shown(text)!r}")
    significant = digits.lstrip("0") or "0"
    if len(significant) > (10 if base == 10 else 8):
        raise ConstantError(f"{shown(text)} does not fit in 32 bits")
    return int(significant, base)


def dec_constant(text: str) -> tuple[int, int]:
    """The two words of a DEC operand.

    An integer (no ``.``, ``E`` or ``B``; ``/hex`` accepted) gives a 32-bit
    integer; ``nnn.nnEee`` standard floating point; ``...Bbb`` fixed point.
    Raises :class:`ConstantError`.
    """
    text = text.strip().upper()
    if not text:
        raise ConstantError("DEC needs a constant")
    sign = -1 if text.startswith("-") else 1
    unsigned = text[1:] if text[:1] in ("+", "-") else text
    if unsigned.startswith("/"):
        return _integer_words(sign * _integer(unsigned[1:], 16, "hexadecimal constant", text),
                              text)
    if not any(c in text for c in ".EB"):
        return _integer_words(sign * _integer(unsigned, 10, "integer", text), text)
    if "B" in text:
        number, _, point = text.rpartition("B")
        point_sign = -1 if point.startswith("-") else 1
        digits = point[1:] if point[:1] in ("+", "-") else point
        if not digits or digits.strip("0123456789") or len(digits) > 4:
            raise ConstantError(f"bad binary point in {shown(text)!r}")
        return fixed_point(_parse_number(number), point_sign * int(digits))
    return standard_float(_parse_number(text))


def _integer_words(value: int, text: str) -> tuple[int, int]:
    if not -(1 << 31) <= value < (1 << 32):
        raise ConstantError(f"{shown(text)} does not fit in 32 bits")
    value &= 0xFFFFFFFF
    return value >> 16, value & 0xFFFF


def xflc_constant(text: str) -> tuple[int, int, int]:
    """The three words of an XFLC (extended floating) operand."""
    text = text.strip().upper()
    if not text:
        return 0, 0, 0                     # IBM's assembler: a blank operand is zero
    if "B" in text:
        raise ConstantError("XFLC takes floating point numbers, not fixed point (B)")
    return extended_float(_parse_number(text))


# ---------------------------------------------------------------- DMES

DMES_CODESETS = {"": "console", "0": "console", "1": "1403", "2": "1132"}
"""DMES tag digit -> printer code (IBM: 0 or blank console, 1 = 1403, 2 = 1132)."""

_DMES_CONTROLS = {"T": 0x41, "D": 0x11, "B": 0x05, "A": 0x09, "R": 0x81, "L": 0x03}


class DmesEncoder:
    """Packs DMES text into words, two printer codes per word (high byte first).

    ``'`` starts a control: ``'R`` carriage return, ``'L`` line feed,
    ``'T`` tab, ``'D`` backspace, ``'B`` black and ``'A`` red ribbon (console
    printer only), ``'X``/``'S`` blank, ``'Fc`` the character c, ``''`` a
    quote, ``'E`` end of message; a count may come between, ``'5X``.  A
    quote at the end of the field (or before a blank) continues the message
    in the next DMES, carrying an odd character over.  Otherwise an odd
    count is padded with a blank.  After asm1130's ``x_dmes``; the caller
    passes the field as IBM reads it (a card's whole operand field, blanks
    included, up to column 71).
    """

    def __init__(self):
        self.pending: int | None = None      # high byte waiting for its partner

    def encode(self, field: str, codeset: str) -> tuple[list[int], list[str]]:
        """Words for one DMES field and a list of error messages."""
        words: list[int] = []
        errors: list[str] = []
        blank = self._code(" ", codeset)

        def put(code: int, count: int = 1):
            for _ in range(count):
                if self.pending is None:
                    self.pending = code & 0xFF
                else:
                    words.append((self.pending << 8) | (code & 0xFF))
                    self.pending = None

        text = field
        i = 0
        cont = False
        while i < len(text):
            ch = text[i]
            if ch != "'":
                put(self._code(ch, codeset))
                i += 1
                continue
            i += 1
            start = i
            while i < len(text) and text[i] in _DECIMAL:
                i += 1
            digits = text[start:i].lstrip("0")
            if len(digits) > 3:
                errors.append(f"DMES count {shown(text[start:i])} is more than 999")
                break
            count = max(int(digits or "1"), 1)
            escape = text[i].upper() if i < len(text) else ""
            if escape in ("", " "):
                cont = True
                break
            i += 1
            if escape == "E":
                break
            if escape == "'":
                put(self._code("'", codeset))
            elif escape in "XS":
                put(blank, count)
            elif escape == "F":
                if i >= len(text):
                    errors.append("'F needs the character to repeat")
                    break
                put(self._code(text[i], codeset), count)
                i += 1
            elif escape in _DMES_CONTROLS:
                if codeset != "console":
                    errors.append(f"'{escape} is a console printer control; not valid "
                                  f"for the {codeset} printer")
                else:
                    put(_DMES_CONTROLS[escape], count)
            else:
                errors.append(f"unknown DMES control '{escape}")
                break
        if self.pending is not None and not cont:
            put(blank)
        return words, errors

    @staticmethod
    def _code(ch: str, codeset: str) -> int:
        if codeset == "console":
            try:
                return codes.ascii_to_console_printer(ch)
            except ValueError:
                return 0x21                                   # a space
        if codeset == "1403":
            return codes.ascii_to_1403(ch)
        if ch.upper() in codes.PRINTER_1132_WHEEL:
            return codes.ascii_to_ebcdic(ch.upper())
        return 0x40
