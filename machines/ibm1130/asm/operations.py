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

The block below, from the flags through ``IBM_1800_ONLY``, is kept as it
stood in assembler.py, one unit, so a table of the machine's operations
read from elsewhere can replace it in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

# operation flags (asm1130's names)
IS_DBL = 0x01      # double-word operand: literal is a DEC constant
IS_ABS = 0x02      # short displacement is used as is (LDS, LDX, WAIT)
NO_IDX = 0x04      # the tag selects a register, not indexing (LDX, STX)
NO_ARGS = 0x08     # the operand field is ignored (NOP, XCH)

ALL_MODS = "LIX0123"

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
    ops = {}
    for name, base, flags in (("A", 0x8000, 0), ("AD", 0x8800, IS_DBL), ("AND", 0xE000, 0),
                              ("D", 0xA800, 0), ("EOR", 0xF000, 0), ("LD", 0xC000, 0),
                              ("LDD", 0xC800, IS_DBL), ("M", 0xA000, 0), ("OR", 0xE800, 0),
                              ("S", 0x9000, 0), ("SD", 0x9800, IS_DBL), ("STD", 0xD800, IS_DBL),
                              ("STO", 0xD000, 0), ("STS", 0x2800, 0),
                              ("LDX", 0x6000, IS_ABS | NO_IDX), ("STX", 0x6800, NO_IDX),
                              ("XIO", 0x0800, IS_DBL)):
        ops[name] = OpSpec("std", base, ALL_MODS, "", flags)
    ops["LDS"] = OpSpec("std", 0x2000, "", "", IS_ABS)
    ops["WAIT"] = OpSpec("std", 0x3000, "", "", IS_ABS)
    ops["NOP"] = OpSpec("std", 0x1000, "", "", NO_ARGS)
    ops["XCH"] = OpSpec("std", 0x18D0, "", "", NO_ARGS)
    ops["BSI"] = OpSpec("bsi", 0x4000, ALL_MODS)
    ops["BSC"] = OpSpec("bsc", 0x4800, ALL_MODS)
    ops["BOSC"] = OpSpec("bsc", 0x4840, ALL_MODS)
    ops["SKP"] = OpSpec("bsc", 0x4800, "")
    ops["B"] = OpSpec("b", 0x4800, ALL_MODS)
    for name, base in (("BC", 0x4802), ("BN", 0x4828), ("BNN", 0x4810), ("BNP", 0x4808),
                       ("BNZ", 0x4820), ("BO", 0x4801), ("BOD", 0x4804), ("BP", 0x4830),
                       ("BZ", 0x4818)):
        ops[name] = OpSpec("std", base, ALL_MODS, "L")
    ops["MDX"] = OpSpec("mdx", 0x7000, ALL_MODS)
    ops["MDM"] = OpSpec("mdx", 0x7000, "L", "L")
    for name, base in (("SLA", 0x1000), ("SLCA", 0x1040), ("SLT", 0x1080), ("SLC", 0x10C0),
                       ("SRA", 0x1800), ("SRT", 0x1880), ("RTE", 0x18C0)):
        ops[name] = OpSpec("shift", base, "0123X", "X")
    ops["CALL"] = OpSpec("call", 0x4000, ALL_MODS)
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

IBM_1800_ONLY = {"CMP", "DCM", "DECS"}
