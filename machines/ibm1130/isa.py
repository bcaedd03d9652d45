"""The IBM 1130 instruction set, described once.

One table (py65's habit, ../shared/STYLE.md: the table next to the
semantics) read by the CPU's decoder (cpu.py), the assembler
(asm/assembler.py), the disassembler (asm/disassembler.py), the word
encoder (encode.py), the console panel and the system's display registers
(through the decoded instruction, cpu.Decoded), and the timing:

* :data:`TABLE`: one :class:`Operation` row per valid 5-bit operation code
  (reference ../shared/reference/ibm1130.md section 4.3): mnemonic, name,
  whether the F bit is used (4.2: the shifts, LDS and WAIT are short only),
  whether the operand uses the general effective-address modes (4.2), the
  assembler's flags (asm1130's, reference section 7), and the storage cycles
  (4.10);
* the shift sub-operations (4.3, type in bits 8-9), the condition bits and
  their letters ``Z - + E C O`` (4.4), the long-BSC branch aliases (4.4,
  asm1130) and the aliased words NOP and XCH (4.4);
* :func:`assembler_operations`: the assembler's per-mnemonic encoding facts
  (base word, modifiers allowed and implied, flags), derived from the rows.

The semantics of each operation are the templates of cpu.py, which name the
operations by these mnemonics.  Nothing here imports from the package.
"""

from __future__ import annotations

from typing import NamedTuple

# ------------------------------------------------------------------ word fields
# First instruction word (reference 4.2): |OP 0-4|F 5|T 6-7|I 8 (long)|9-15|.
F_BIT = 0x0400          # long format (second word = address)
TAG_BITS = 0x0300       # 00 none, 01-11 XR1-XR3
I_BIT = 0x0080          # indirect (long only)
BOSC_BIT = 0x0040       # bit 9 of BSC: BOSC (reset the interrupt level)
CONDITION_MASK = 0x3F   # bits 10-15: conditions of BSC/BOSC/BSI
SHIFT_TYPE_SHIFT = 6    # bits 8-9: the shift type

# ------------------------------------------------------- assembler's flags
# asm1130's names (reference section 7); the assembler reads them per mnemonic.
IS_DBL = 0x01      # double-word operand: literal is a DEC constant
IS_ABS = 0x02      # short displacement is used as is (LDS, LDX, WAIT)
NO_IDX = 0x04      # the tag selects a register, not indexing (LDX, STX)
NO_ARGS = 0x08     # the operand field is ignored (NOP, XCH)

#: Every modifier a machine operation can take: format L (long), I
#: (indirect), X (absolute displacement), tags 0-3.
ALL_MODS = "LIX0123"

# --------------------------------------------------------- operation codes
OP_XIO, OP_SHL, OP_SHR, OP_LDS, OP_STS, OP_WAIT = 0x01, 0x02, 0x03, 0x04, 0x05, 0x06
OP_BSI, OP_BSC, OP_LDX, OP_STX, OP_MDX = 0x08, 0x09, 0x0C, 0x0D, 0x0E
OP_A, OP_AD, OP_S, OP_SD, OP_M, OP_D = 0x10, 0x11, 0x12, 0x13, 0x14, 0x15
OP_LD, OP_LDD, OP_STO, OP_STD, OP_AND, OP_OR, OP_EOR = 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E


class Operation(NamedTuple):
    """One 5-bit operation code of the 1130 (reference 4.3)."""

    code: int           # the 5-bit OP field (bits 0-4)
    mnemonic: str       # asm1130's mnemonic (SHL/SHR: the shift group, see SHIFTS)
    title: str          # the operation's name (reference 4.3)
    long_form: bool     # the F bit is used (False: F ignored, one word; SIMH F_bit_used)
    general_ea: bool    # the operand is an effective address in the modes of 4.2
    flags: int          # asm1130's flags: IS_DBL, IS_ABS, NO_IDX
    cycles: tuple[int, int, int, int]   # storage cycles: short T=00, short T!=00, long T=00, long T!=00

    @property
    def base(self) -> int:
        """The first word with F = T = 0 and the low byte clear (OP << 11)."""
        return self.code << 11


# Storage cycles (reference 4.10; IBM 1130 Functional Characteristics,
# Figure 15: execution times for 1131 Models 1 and 2, 3.6 us core cycle).
# The figure lists microseconds; the machine works in whole storage cycles
# (I1, I2, IX, IA, E1, E2, E3), so each entry is the listed average time
# divided by 3.6 us and rounded, which reproduces the figure to within one
# cycle's rounding:
#
# * LD, STO, AND, OR, EOR, STS: 7.6 / 11.2 / 10.8 / 14.8 us -> 2 / 3 / 3 / 4
# * LDD, STD: 11.2 / 14.9 / 14.4 / 18.0 us -> 3 / 4 / 4 / 5
# * LDX: 4.5 / 7.2 / 7.2 / 11.8 us -> 1 / 2 / 2 / 3
# * STX: 7.6 / 11.2 / 11.8 / 15.4 us -> 2 / 3 / 3 / 4
# * LDS: 3.6 us -> 1
# * A, S (average): 8.0 / 11.7 / 11.2 / 15.3 us -> 2 / 3 / 3 / 4
# * AD, SD (average): 12.2 / 15.8 / 15.3 / 19.3 us -> 3 / 4 / 4 / 5
# * M (average): 25.7 / 29.3 / 29.3 / 32.9 us -> 7 / 8 / 8 / 9
# * D (average): 76.0 / 79.6 / 79.6 / 83.2 us -> 21 / 22 / 22 / 23
#
# An indirect long instruction adds one IA cycle (see cycles()).  The shift,
# branch, MDX, WAIT and XIO rows of Figure 15 were not available; their
# entries follow the same cost model (one cycle per storage reference:
# instruction words, index register read, indirect word, operand reads and
# writes) and are marked [INF] in the reference's sense.
_LONG, _SHORT = True, False
_EA, _NO_EA = True, False

#: The valid operation codes, in code order (reference 4.3).
TABLE: tuple[Operation, ...] = (
    #         code     mnemonic title (4.3)                   F used  general EA flags             cycles
    Operation(OP_XIO,  "XIO",  "Execute I/O",                 _LONG,  _EA,    IS_DBL,          (4, 5, 5, 6)),     # [INF] I1 + IOCC E1 E2 + E3
    Operation(OP_SHL,  "SHL",  "Shift Left",                  _SHORT, _NO_EA, 0,               (2, 3, 2, 3)),     # [INF] I1 + E1 (+IX count)
    Operation(OP_SHR,  "SHR",  "Shift Right",                 _SHORT, _NO_EA, 0,               (2, 3, 2, 3)),     # [INF] as SHL
    Operation(OP_LDS,  "LDS",  "Load Status",                 _SHORT, _NO_EA, IS_ABS,          (1, 1, 1, 1)),
    Operation(OP_STS,  "STS",  "Store Status",                _LONG,  _EA,    0,               (2, 3, 3, 4)),
    Operation(OP_WAIT, "WAIT", "Wait",                        _SHORT, _NO_EA, IS_ABS,          (1, 1, 1, 1)),     # [INF]
    Operation(OP_BSI,  "BSI",  "Branch and Store IAR",        _LONG,  _EA,    0,               (2, 3, 3, 4)),     # [INF] I1 + E1 (store)
    # BSC: short is a skip (no address); long branches to an address in the
    # modes of 4.2 (the decoder treats it so).  [INF] I1 (+I2, +IX).
    Operation(OP_BSC,  "BSC",  "Branch or Skip on Condition", _LONG,  _NO_EA, 0,               (1, 1, 2, 3)),
    # LDX, STX, MDX: their own addressing (4.4): T names the register.
    Operation(OP_LDX,  "LDX",  "Load Index",                  _LONG,  _NO_EA, IS_ABS | NO_IDX, (1, 2, 2, 3)),
    Operation(OP_STX,  "STX",  "Store Index",                 _LONG,  _NO_EA, NO_IDX,          (2, 3, 3, 4)),
    Operation(OP_MDX,  "MDX",  "Modify Index and Skip",       _LONG,  _NO_EA, 0,               (1, 3, 4, 4)),     # [INF] XR/memory read + write
    Operation(OP_A,    "A",    "Add",                         _LONG,  _EA,    0,               (2, 3, 3, 4)),
    Operation(OP_AD,   "AD",   "Add Double",                  _LONG,  _EA,    IS_DBL,          (3, 4, 4, 5)),
    Operation(OP_S,    "S",    "Subtract",                    _LONG,  _EA,    0,               (2, 3, 3, 4)),
    Operation(OP_SD,   "SD",   "Subtract Double",             _LONG,  _EA,    IS_DBL,          (3, 4, 4, 5)),
    Operation(OP_M,    "M",    "Multiply",                    _LONG,  _EA,    0,               (7, 8, 8, 9)),
    Operation(OP_D,    "D",    "Divide",                      _LONG,  _EA,    0,               (21, 22, 22, 23)),
    Operation(OP_LD,   "LD",   "Load ACC",                    _LONG,  _EA,    0,               (2, 3, 3, 4)),
    Operation(OP_LDD,  "LDD",  "Load Double",                 _LONG,  _EA,    IS_DBL,          (3, 4, 4, 5)),
    Operation(OP_STO,  "STO",  "Store ACC",                   _LONG,  _EA,    0,               (2, 3, 3, 4)),
    Operation(OP_STD,  "STD",  "Store Double",                _LONG,  _EA,    IS_DBL,          (3, 4, 4, 5)),
    Operation(OP_AND,  "AND",  "Boolean AND",                 _LONG,  _EA,    0,               (2, 3, 3, 4)),
    Operation(OP_OR,   "OR",   "Boolean OR",                  _LONG,  _EA,    0,               (2, 3, 3, 4)),
    Operation(OP_EOR,  "EOR",  "Boolean Exclusive OR",        _LONG,  _EA,    0,               (2, 3, 3, 4)),
)

#: Cycles of an invalid operation (00000, 00111, 01010, 01011, 01111, 10110,
#: 10111, 11111 and shift right type 01; reference 4.2): I1, then the wait
#: state [INF].
INVALID_CYCLES = (1, 1, 1, 1)

#: Cycles charged for the forced BSI of an interrupt (read vector, store IAR; 4.5).
INTERRUPT_CYCLES = 2

#: The row of each 5-bit code, ``None`` where the code is invalid on the 1130.
BY_CODE: tuple[Operation | None, ...] = tuple(
    next((row for row in TABLE if row.code == code), None) for code in range(32))
#: The row of each mnemonic.
BY_MNEMONIC: dict[str, Operation] = {row.mnemonic: row for row in TABLE}

#: Mnemonic of each 5-bit operation code; ``None`` = invalid on the 1130.
MNEMONICS: tuple[str | None, ...] = tuple(row.mnemonic if row else None for row in BY_CODE)

#: Operations whose F bit is ignored (no second word; SIMH ``F_bit_used``):
#: the shifts, LDS, WAIT and the invalid codes.
SHORT_ONLY: frozenset[int] = frozenset(code for code, row in enumerate(BY_CODE)
                                       if row is None or not row.long_form)

#: Operations whose operand uses the general effective-address modes of 4.2.
GENERAL_EA: frozenset[int] = frozenset(row.code for row in TABLE if row.general_ea)

#: Storage cycles of each 5-bit code (INVALID_CYCLES where invalid).
CYCLES: tuple[tuple[int, int, int, int], ...] = tuple(
    row.cycles if row else INVALID_CYCLES for row in BY_CODE)


def cycles(code: int | None, long: bool, tag: int, indirect: bool = False) -> int:
    """Storage cycles of one instruction (reference 4.10): ``code`` the
    5-bit operation code, or ``None`` for an invalid operation (including
    shift right type 01); ``long`` the F bit as used; ``tag`` 0-3;
    ``indirect`` the I bit of a long instruction (adds an IA cycle).
    BOSC counts as BSC, MDM as MDX."""
    row = INVALID_CYCLES if code is None else CYCLES[code]
    value = row[(2 if long else 0) + (1 if tag else 0)]
    if long and indirect:
        value += 1
    return value


# --------------------------------------------------------------- shifts
#: Shift mnemonics: (operation code, type in bits 8-9) (reference 4.3, 4.4).
#: SLCA and SLC normalise with an index register; with T = 0 they act as
#: SLA and SLT.  Shift right type 01 is invalid.
SHIFTS: dict[str, tuple[int, int]] = {
    "SLA": (OP_SHL, 0), "SLCA": (OP_SHL, 1), "SLT": (OP_SHL, 2), "SLC": (OP_SHL, 3),
    "SRA": (OP_SHR, 0), "SRT": (OP_SHR, 2), "RTE": (OP_SHR, 3),
}
#: Shift name by (operation code, type bits 8-9); ``None`` = invalid.
SHIFT_NAMES: dict[tuple[int, int], str | None] = {
    (op, kind): next((name for name, key in SHIFTS.items() if key == (op, kind)), None)
    for op in (OP_SHL, OP_SHR) for kind in range(4)}


def shift_name(word: int) -> str | None:
    """The shift mnemonic of a shift word (None if invalid or not a shift)."""
    return SHIFT_NAMES.get((word >> 11, (word >> SHIFT_TYPE_SHIFT) & 3))


# ----------------------------------------------------------- conditions
#: Condition bits 10-15 of BSC, BOSC and long BSI, with their letters, in
#: the order asm1130 writes them (reference 4.4).  A condition is TRUE when:
#: Z the ACC is 0; - the ACC is negative; + the ACC is positive (not 0);
#: E the ACC is even; C the carry indicator is OFF; O the overflow
#: indicator is OFF (testing O resets it).
CONDITIONS: tuple[tuple[str, int], ...] = (
    ("Z", 0x20), ("-", 0x10), ("+", 0x08), ("E", 0x04), ("C", 0x02), ("O", 0x01))
#: Bit of each condition letter; asm1130 also reads ``&`` as ``+``.
CONDITION_BITS: dict[str, int] = {**dict(CONDITIONS), "&": 0x08}


def condition_bits(letters: str) -> int:
    """Bits 10-15 for condition letters (``"Z+"`` -> ``0x28``).  Raises
    ValueError naming an unknown letter."""
    bits = 0
    for letter in letters.upper():
        bit = CONDITION_BITS.get(letter)
        if bit is None:
            raise ValueError(f"unknown condition {letter!r} (use Z - + E C O)")
        bits |= bit
    return bits


def condition_letters(bits: int) -> str:
    """Condition letters for bits 10-15 (``0x18`` -> ``"-+"``)."""
    return "".join(letter for letter, mask in CONDITIONS if bits & mask)


#: The assembler's branch mnemonics: BSC with these condition bits, long
#: form implied (reference 4.4, asm1130).  The branch is taken when none of
#: the conditions holds: BZ branches on zero (tests + and -), BO on
#: overflow (tests O: "overflow off"), BOD on odd (tests E).  ``B`` is also
#: the short MDX (a relative jump) when written without L.
BRANCH_ALIASES: dict[str, int] = {
    "B": 0x00, "BZ": 0x18, "BNZ": 0x20, "BP": 0x30, "BNP": 0x08, "BN": 0x28,
    "BNN": 0x10, "BC": 0x02, "BO": 0x01, "BOD": 0x04}

#: Whole words with a name of their own (reference 4.4): NOP = SLA 0,
#: XCH = RTE 16 (swaps ACC and EXT).
WORD_ALIASES: dict[str, int] = {"NOP": 0x1000, "XCH": 0x18D0}


# ------------------------------------------------------------ assembler
class AsmOperation(NamedTuple):
    """How the assembler encodes one mnemonic (reference section 7)."""

    form: str       # the assembler's handler: std, bsc, bsi, b, mdx, shift
    base: int       # the first word before tag, format and operand bits
    allowed: str    # modifiers accepted (of ALL_MODS)
    implied: str    # modifiers always added
    flags: int      # IS_DBL, IS_ABS, NO_IDX, NO_ARGS


# The assembler's handler of each operation with its own syntax; the rest
# ("std") take an address (or, for LDX, a value) and the usual modifiers.
_ASM_FORMS = {OP_BSI: "bsi", OP_BSC: "bsc", OP_MDX: "mdx"}


def assembler_operations() -> dict[str, AsmOperation]:
    """The machine operations the assembler knows, by mnemonic, in the
    order: the operation codes (the shift groups as their sub-operations),
    then BOSC, SKP, the branch aliases, MDM, NOP and XCH."""
    ops: dict[str, AsmOperation] = {}
    for row in TABLE:
        if row.code in (OP_SHL, OP_SHR):
            for name, (code, kind) in SHIFTS.items():
                if code == row.code:
                    # the count is in the word, or in XR[T]: X and tags only
                    ops[name] = AsmOperation("shift", row.base | kind << SHIFT_TYPE_SHIFT,
                                             "0123X", "X", 0)
            continue
        allowed = ALL_MODS if row.long_form else ""   # LDS, WAIT: no modifiers
        ops[row.mnemonic] = AsmOperation(_ASM_FORMS.get(row.code, "std"), row.base, allowed, "",
                                         row.flags)
    bsc = BY_CODE[OP_BSC].base
    ops["BOSC"] = AsmOperation("bsc", bsc | BOSC_BIT, ALL_MODS, "", 0)
    ops["SKP"] = AsmOperation("bsc", bsc, "", "", 0)          # short BSC: a skip
    for name, bits in BRANCH_ALIASES.items():
        if name == "B":   # short: MDX (relative jump), long: BSC L
            ops[name] = AsmOperation("b", bsc, ALL_MODS, "", 0)
        else:
            ops[name] = AsmOperation("std", bsc | bits, ALL_MODS, "L", 0)
    ops["MDM"] = AsmOperation("mdx", BY_CODE[OP_MDX].base, "L", "L", 0)   # MDX L, T = 0
    for name, word in WORD_ALIASES.items():
        ops[name] = AsmOperation("std", word, "", "", NO_ARGS)
    return ops
