"""Encoding IBM 1130 instruction words by mnemonic (the inverse of decoding).

A small helper for code that builds machine programs without the assembler:
the bench, tests and exercises.  Formats: ../shared/reference/ibm1130.md
sections 4.2-4.4.

>>> hex(short("LD", 5))
'0xc005'
>>> [hex(w) for w in long("BSC", 0x100, conditions="Z")]
['0x4c20', '0x100']
"""

from __future__ import annotations

from .cpu import MNEMONICS

#: 5-bit operation code by mnemonic.
OPCODES: dict[str, int] = {name: op for op, name in enumerate(MNEMONICS) if name and name not in ("SHL", "SHR")}
#: Shift mnemonics: (operation code, type bits 8-9).
SHIFTS = {"SLA": (0x02, 0), "SLCA": (0x02, 1), "SLT": (0x02, 2), "SLC": (0x02, 3),
          "SRA": (0x03, 0), "SRT": (0x03, 2), "RTE": (0x03, 3)}
_CONDITION_BITS = {"Z": 0x20, "-": 0x10, "+": 0x08, "&": 0x08, "E": 0x04, "C": 0x02, "O": 0x01}


def condition_bits(conditions: str | int) -> int:
    """Bits 10-15 for condition letters ``Z - + E C O`` (or an int)."""
    if isinstance(conditions, int):
        return conditions & 0x3F
    bits = 0
    for letter in conditions.upper():
        if letter not in _CONDITION_BITS:
            raise ValueError(f"unknown condition {letter!r} (use Z - + E C O)")
        bits |= _CONDITION_BITS[letter]
    return bits


def _op(mnemonic: str) -> int:
    try:
        return OPCODES[mnemonic.upper()]
    except KeyError:
        raise ValueError(f"unknown mnemonic {mnemonic!r}") from None


def short(mnemonic: str, displacement: int = 0, tag: int = 0, *, conditions: str | int = 0,
          bosc: bool = False) -> int:
    """A one-word instruction: displacement -128..255 (low 8 bits kept), tag
    0-3; for BSC/BOSC the ``conditions`` replace bits 10-15 and ``bosc`` sets
    bit 9."""
    word = (_op(mnemonic) << 11) | ((tag & 3) << 8) | (displacement & 0xFF)
    if conditions or bosc:
        word = (word & ~0x7F) | condition_bits(conditions) | (0x40 if bosc else 0)
    return word


def long(mnemonic: str, address: int, tag: int = 0, *, indirect: bool = False,
         conditions: str | int = 0, bosc: bool = False, modifier: int = 0) -> list[int]:
    """A two-word instruction: ``[word1, address]``.  ``modifier`` is the raw
    bits 8-15 (MDM's increment); ``conditions``/``bosc``/``indirect`` set
    bits 10-15, 9 and 8."""
    word = (_op(mnemonic) << 11) | 0x0400 | ((tag & 3) << 8) | (modifier & 0xFF)
    word |= (0x80 if indirect else 0) | condition_bits(conditions) | (0x40 if bosc else 0)
    return [word & 0xFFFF, address & 0xFFFF]


def shift(mnemonic: str, count: int = 0, tag: int = 0) -> int:
    """A shift: count 0-63 (T=0) or the count taken from XR[tag]."""
    op, kind = SHIFTS[mnemonic.upper()]
    return (op << 11) | ((tag & 3) << 8) | (kind << 6) | (0 if tag else count & 0x3F)
