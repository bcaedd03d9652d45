"""Encoding IBM 1130 instruction words by mnemonic (the inverse of decoding).

A small helper for code that builds machine programs without the assembler:
the bench, tests and exercises.  Formats: ../shared/reference/ibm1130.md
sections 4.2-4.4; the operation codes, shifts and condition letters are
isa.py's.

>>> hex(short("LD", 5))
'0xc005'
>>> [hex(w) for w in long("BSC", 0x100, conditions="Z")]
['0x4c20', '0x100']
"""

from __future__ import annotations

from . import isa

#: 5-bit operation code by mnemonic (the shift groups SHL/SHR are in SHIFTS).
OPCODES: dict[str, int] = {row.mnemonic: row.code for row in isa.TABLE
                           if row.code not in (isa.OP_SHL, isa.OP_SHR)}
#: Shift mnemonics: (operation code, type bits 8-9).
SHIFTS = isa.SHIFTS


def condition_bits(conditions: str | int) -> int:
    """Bits 10-15 for condition letters ``Z - + E C O`` (or an int)."""
    if isinstance(conditions, int):
        return conditions & isa.CONDITION_MASK
    return isa.condition_bits(conditions)


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
        word = (word & ~0x7F) | condition_bits(conditions) | (isa.BOSC_BIT if bosc else 0)
    return word


def long(mnemonic: str, address: int, tag: int = 0, *, indirect: bool = False,
         conditions: str | int = 0, bosc: bool = False, modifier: int = 0) -> list[int]:
    """A two-word instruction: ``[word1, address]``.  ``modifier`` is the raw
    bits 8-15 (MDM's increment); ``conditions``/``bosc``/``indirect`` set
    bits 10-15, 9 and 8."""
    word = (_op(mnemonic) << 11) | isa.F_BIT | ((tag & 3) << 8) | (modifier & 0xFF)
    word |= (isa.I_BIT if indirect else 0) | condition_bits(conditions) | (isa.BOSC_BIT if bosc else 0)
    return [word & 0xFFFF, address & 0xFFFF]


def shift(mnemonic: str, count: int = 0, tag: int = 0) -> int:
    """A shift: count 0-63 (T=0) or the count taken from XR[tag]."""
    op, kind = SHIFTS[mnemonic.upper()]
    return (op << 11) | ((tag & 3) << 8) | (kind << isa.SHIFT_TYPE_SHIFT) | (0 if tag else count & 0x3F)
