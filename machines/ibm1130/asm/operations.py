"""The assembler's operation table: every mnemonic and directive it knows.

``OPERATIONS`` maps a mnemonic to its :class:`OpSpec`: the name of the
handler that assembles it (``std``, ``bsc``, ``bsi``, ``b``, ``mdx``,
``shift``, ``call`` for the machine operations in instructions.py, ``x_``
and the directive's name for the directives in directives.py and the
subroutine statements), the base operation word, the modifiers it allows
(``*`` for any text, e.g. DMES's codeset digit), the modifiers it implies
and asm1130's flags.  ``IBM_1800_ONLY`` names the 1800's operations, which
get their own error message.  Also the DMS R2 fixed addresses that EXIT,
DUMP and LINK assemble to.

The machine operations are built from the instruction-set table
(machines/ibm1130/isa.py), the 2250's display orders from its order table
(machines/ibm1130/gduisa.py); the directives are listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

# The machine operations come from the instruction-set table (isa.py): the
# operation flags (asm1130's names: IS_DBL double-word operand, IS_ABS short
# displacement used as is, NO_IDX the tag selects a register, NO_ARGS no
# operand), the modifiers, and each mnemonic's base word.
from .. import gduisa, isa
from ..isa import ALL_MODS, IS_ABS, IS_DBL, NO_ARGS, NO_IDX  # noqa: F401 - the flags' home for the assembler

DOLLAR_EXIT = 0x38   # DMS R2 $EXIT; EXIT assembles LDX X /38 as asm1130 does
DOLLAR_DUMP = 0x3F   # DMS R2 $DUMP
DOLLAR_LINK = 0x39   # DMS R2 $LINK; IBM's assembler writes LINK as BSI L /0039 + name


@dataclass(frozen=True)
class OpSpec:
    handler: str
    base: int = 0
    allowed: str = ""
    implied: str = ""
    flags: int = 0


def _machine_ops() -> dict[str, OpSpec]:
    """The machine operations, by mnemonic: isa.py's (the operation codes,
    shifts, BOSC, SKP, the branch aliases, MDM, NOP, XCH), and CALL, which
    assembles BSI L to a label of the program or an external name."""
    ops = {name: OpSpec(*spec) for name, spec in isa.assembler_operations().items()}
    ops["CALL"] = OpSpec("call", isa.BY_CODE[isa.OP_BSI].base, ALL_MODS)
    return ops


OPERATIONS: dict[str, OpSpec] = _machine_ops()
for _name, _allowed in (("ABS", ""), ("BES", "E"), ("BSS", "E"), ("DC", ""), ("DEC", "E"),
                        ("DMES", None), ("DN", ""), ("DSA", ""), ("DUMP", ""), ("EBC", ""),
                        ("EJCT", ""), ("END", ""), ("ENT", ""), ("EPR", ""), ("EQU", ""),
                        ("EXIT", ""), ("FILE", ""), ("HDNG", None), ("ILS", "0123456789"),
                        ("ISS", "0123456789"), ("LIBF", ""), ("LIBR", ""), ("LINK", ""),
                        ("LIST", ""), ("LORG", ""), ("ORG", ""), ("PDMP", ""), ("SPAC", ""),
                        ("SPR", ""), ("XFLC", ""), ("AGO", ""), ("AIF", ""), ("ANOP", ""),
                        (".CES", ""), ("TRAP", "")):
    OPERATIONS[_name] = OpSpec("x_" + _name.lstrip(".").lower(), 0,
                               _allowed if _allowed is not None else "*")

# The IBM 2250's display orders (gduisa.py), assembled by graphics.py; their
# modifiers are IBM's letters, checked there.
for _name, _order in gduisa.ORDERS.items():
    OPERATIONS[_name] = OpSpec("graphic", _order.base, "*")

IBM_1800_ONLY = {"CMP", "DCM", "DECS"}

LENIENT_MODIFIERS = frozenset({"BSS", "BES"})
"""Directives whose other modifiers IBM's assembler ignores without a flag
(DMS R2V12, measured: ``IT908 BSS  4  4`` in DMS's u6disc and u6ident);
ours warns and ignores them on a card-column line (in tab form a stray
modifier is more likely a misplaced operand, still an error)."""
