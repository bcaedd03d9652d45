"""The IBM 1130 assembler: asm1130's language, two passes, every error collected.

``assemble(source, filename)`` returns an :class:`Assembly` with the words
(absolute load addresses), start address, symbols, errors and the outputs:
listing, SIMH load file (``.out``), the DMS relocatable object deck, a
core-image deck and a cold start card.

The language is the one of reference section 7 (IBM's 1130 Assembler as
accepted by SIMH's asm1130, which assembles IBM's own DMS sources):
machine operations with format and tag modifiers ``L I X 0-3``, the branch
mnemonics, and the directives ABS, ORG, EQU, DC, DEC, XFLC, BSS, BES, EBC,
DMES, DN, DSA, FILE, ENT, LIBR, ISS, ILS, SPR, EPR, CALL, LIBF, LINK, EXIT,
DUMP, PDMP, LORG, HDNG, LIST, SPAC, EJCT, END, the conditional assembly
directives AGO, AIF and ANOP, and asm1130's ``.CES``.  Differences from
asm1130, each following the IBM manual or the reference:

* literals (``LD L =5``) are accepted and placed by LORG or END;
* BOD is BSC L with the E (odd) test, 0x4804 (asm1130 writes 0x4840, BOSC);
* shift counts 0-63 are accepted (the hardware's range; asm1130 stops at 32);
* the source form (card columns or tabs) is chosen per line;
* a modifier an operation does not take is an error, not a warning.

IBM's own assembler (DMS R2V12, run on the emulator: tests/test_asm_ibm_reference.py)
agrees word for word on every operation, constant and directive both
have, and its DUP punches the same object decks.  Where it differs we
follow asm1130: IBM's CALL is always external (we branch to a label of the
program with BSI L, as asm1130 does), IBM has no FILE, literals or LORG,
and IBM wants the tag in card column 33 (we also accept it in 32, with a
warning).

Two passes: pass 1 sizes every statement and defines labels; pass 2
evaluates and emits.  Expressions that decide the layout (ORG, BSS, BES
sizes) must use symbols defined earlier in the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import constants
from .expressions import (ExpressionError, Undefined, Value, evaluate, is_symbol,
                              normalize_symbol)
from .source import SourceLine, parse_line

ABSOLUTE, RELOCATABLE, LIBF_RELOC, CALL_RELOC = 0, 1, 2, 3

# The machine operations come from the instruction-set table (isa.py): the
# operation flags (asm1130's names: IS_DBL double-word operand, IS_ABS short
# displacement used as is, NO_IDX the tag selects a register, NO_ARGS no
# operand), the modifiers, and each mnemonic's base word.
from .. import isa  # noqa: E402 - kept inside the operation table's block
from ..isa import ALL_MODS, IS_ABS, IS_DBL, NO_ARGS, NO_IDX  # noqa: E402,F401

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

IBM_1800_ONLY = {"CMP", "DCM", "DECS"}

PROGRAM_TYPES = {"absolute": 1, "relocatable": 2, "libf": 3, "call": 4,
                 "iss_libf": 5, "iss_call": 6, "ils": 7}
"""DMS program type codes of the object deck's header card (reference 4.8)."""


@dataclass
class AsmError:
    """One assembler diagnostic; ``str()`` is ``FILE:LINE:COL: message``."""

    filename: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.filename}:{self.line}:{self.column}: {prefix}{self.message}"


@dataclass
class Symbol:
    """A symbol: value (0-0xFFFF), relocatable flag, where it is defined and used."""

    name: str
    value: int
    relocatable: bool = False
    line: int = 0
    references: list[int] = field(default_factory=list)


@dataclass
class Emitted:
    """One object word: load address, value, relocation code (0 absolute,
    1 relocatable, 2 LIBF, 3 CALL) and whether it takes a core word (the
    first word of a LIBF name code does not)."""

    address: int
    word: int
    relocation: int = ABSOLUTE
    advances: bool = True


@dataclass
class ListedLine:
    """What the listing shows for one source line."""

    line: SourceLine
    address: int | None = None
    address_relocatable: bool = False
    words: list[Emitted] = field(default_factory=list)
    errors: list[AsmError] = field(default_factory=list)
    listed: bool = True
    before: str = ""          # heading / page eject / blank lines printed first
    note: str = ""            # e.g. generated literal pool


class AssemblyFailed(Exception):
    """Assembly had errors; ``str()`` is every error line."""


class _Stop(Exception):
    """A statement cannot go on (its error is already recorded)."""


class Assembly:
    """The result of :func:`assemble`.

    ``errors`` (list of :class:`AsmError`, empty when the assembly is
    good), ``warnings``, ``words`` (dict load address -> 16-bit word),
    ``start`` (END's address or None), ``symbols`` (dict name ->
    :class:`Symbol`), ``relocatable`` (no ABS), ``program_type`` (a key of
    :data:`PROGRAM_TYPES`), ``entries`` (ENT names), ``externals`` (list
    of (kind, name) for CALL/LIBF/DSA names the DMS loader must supply),
    ``switches`` (``.CES`` value or None), ``records`` (every
    :class:`Emitted` word in order) and ``lines`` (:class:`ListedLine`).
    """

    def __init__(self, filename: str):
        self.filename = filename
        self.errors: list[AsmError] = []
        self.warnings: list[AsmError] = []
        self.words: dict[int, int] = {}
        self.start: int | None = None
        self.symbols: dict[str, Symbol] = {}
        self.relocatable = True
        self.program_type = "relocatable"
        self.entries: list[str] = []
        self.externals: list[tuple[str, str]] = []
        self.switches: int | None = None
        self.records: list[Emitted] = []
        self.lines: list[ListedLine] = []
        self.sector_breaks: list[tuple[int, str]] = []
        self.real_mode = 0
        self.iss_number = 0
        self.interrupt_levels: list[int] = []
        self.files_defined = 0
        self.extent = 0
        self.program_name = _program_name(filename)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_text(self) -> str:
        """Every error as ``FILE:LINE:COL: message`` lines."""
        return "\n".join(str(e) for e in self.errors)

    def listing(self) -> str:
        """The listing: location, object words, source, symbols, cross reference."""
        from .listing import format_listing
        return format_listing(self)

    def to_out(self) -> str:
        """The program in SIMH load format (``.out``), DESIGN.md contract."""
        from .objectdeck import load_file_text
        return load_file_text(self)

    def object_deck(self):
        """The DMS card-loader relocatable binary object deck (list of Card)."""
        from .objectdeck import object_deck
        return object_deck(self)

    def core_image_deck(self):
        """An absolute core-image deck (list of Card), mkboot's format."""
        from .objectdeck import core_image_deck
        return core_image_deck(self)

    def coldstart_card(self):
        """The Program Load card for a program in words 0-79 (a Card)."""
        from .objectdeck import coldstart_program_card
        return coldstart_program_card(self)


def _program_name(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = base.split(".", 1)[0].upper()
    name = "".join(ch for ch in base if ch.isalnum())[:5]
    return name or "MAIN"


def assemble(source: str, filename: str = "<source>") -> Assembly:
    """Assemble 1130 source text; never raises for bad source (see ``.errors``)."""
    return _Assembler(source, filename).run()


# ---------------------------------------------------------------------------

class _Assembler:
    def __init__(self, source: str, filename: str):
        self.filename = filename
        text = source.replace("\r\n", "\n").replace("\r", "\n")
        raw = text.split("\n")
        if raw and raw[-1] == "":
            raw.pop()
        self.lines = [parse_line(t, n, filename) for n, t in enumerate(raw, start=1)]
        self.result = Assembly(filename)
        self.pass1_symbols: dict[str, Symbol] = {}
        self.label_names = {normalize_symbol(l.label) for l in self.lines if l.label}
        self.layout: dict[int, int] = {}           # line -> layout value fixed in pass 1
        self.literal_addresses: dict[tuple[int, str, bool], int] = {}

    # ----------------------------------------------------------- passes
    def run(self) -> Assembly:
        self._pass(1)
        self.pass1_symbols = self.symbols
        self._pass(2)
        r = self.result
        r.symbols = self.symbols
        for name, refs in self.references.items():
            if name in self.symbols:
                self.symbols[name].references = refs
        r.records = self.records
        for rec in self.records:
            if rec.advances:
                r.words[rec.address & 0xFFFF] = rec.word & 0xFFFF
        r.errors.sort(key=lambda e: (e.line, e.column))
        return r

    def _pass(self, number: int):
        self.pass_number = number
        self.symbols: dict[str, Symbol] = {}
        self.references: dict[str, list[int]] = {}
        self.location = 0
        self.relocation = RELOCATABLE
        self.any_code = False
        self.ended = False
        self.records: list[Emitted] = []
        self.pending_literals: list[tuple[str, bool, SourceLine, int]] = []
        self.pool_number = 0
        self.dmes = constants.DmesEncoder()
        self.dmes_line = None
        self.skip_to: str | None = None
        self.at_top = True
        self.listing_on = True
        self.heading = ""
        self.extent = 0
        self.control_levels: list[int] = []
        r = self.result
        r.entries, r.externals, r.program_type = [], [], "relocatable"
        r.relocatable, r.start, r.switches = True, None, None
        r.interrupt_levels, r.iss_number, r.real_mode, r.files_defined = [], 0, 0, 0
        r.sector_breaks = []
        r.lines = []
        for line in self.lines:
            if self.ended:
                break
            self.current = ListedLine(line, listed=self.listing_on)
            if number == 2:
                r.lines.append(self.current)
            self._statement(line)
            self.extent = max(self.extent, self.location)
        if not self.ended:
            self._flush_dmes()
        if self.pending_literals:
            self.current = ListedLine(SourceLine(self.filename, len(self.lines), ""),
                                      note="literal pool at end of program")
            if number == 2:
                r.lines.append(self.current)
            self._dump_literals()
        self.extent = max(self.extent, self.location)
        if number == 2:
            self._check_entries()
            r.extent = self.extent

    # ------------------------------------------------------------ errors
    def error(self, message: str, column: int | None = None, line: SourceLine | None = None,
              severity: str = "error"):
        if self.pass_number != 2:
            return
        line = line or self.current.line
        err = AsmError(self.filename, line.number, column or 1, message, severity)
        (self.result.errors if severity == "error" else self.result.warnings).append(err)
        self.current.errors.append(err)

    def stop(self, message: str, column: int | None = None):
        self.error(message, column)
        raise _Stop

    # ----------------------------------------------------------- symbols
    def define(self, name: str, value: int, relocatable: bool, line: SourceLine):
        name = normalize_symbol(name)
        if not is_symbol(name):
            self.error(f"bad label {name!r}: 1-5 letters, digits or $ # @ ', "
                       "not starting with a digit", line.label_column)
            return
        value &= 0xFFFF
        existing = self.symbols.get(name)
        if existing is not None:
            self.error(f"symbol {name} is already defined at line {existing.line}",
                       line.label_column)
            return
        if self.pass_number == 2:
            first = self.pass1_symbols.get(name)
            if first is not None and first.value != value and first.line == line.number:
                self.error(f"the value of {name} changed between passes "
                           f"({first.value:04X} then {value:04X}): a forward reference "
                           "decides the layout", line.label_column)
        self.symbols[name] = Symbol(name, value, relocatable, line.number)

    def lookup(self, name: str) -> Value:
        symbol = self.symbols.get(name)
        if symbol is None and self.pass_number == 2:
            symbol = self.pass1_symbols.get(name)
        if symbol is None:
            raise Undefined(name)
        if self.pass_number == 2:
            refs = self.references.setdefault(name, [])
            if self.current.line.number not in refs:
                refs.append(self.current.line.number)
        return Value(symbol.value if symbol.value < 0x8000 or symbol.relocatable
                     else symbol.value - 0x10000, 1 if symbol.relocatable else 0)

    def value(self, text: str, column: int, star: int, what: str = "operand",
              required: bool = True) -> Value:
        """Evaluate an expression; undefined in pass 1 gives 0."""
        if not text:
            if required:
                self.stop(f"missing {what}", column)
            return Value(0)
        try:
            return evaluate(text, self.lookup, star, self.relocation)
        except Undefined as exc:
            if self.pass_number == 1:
                return Value(0)
            if exc.name in self.label_names:
                self.stop(f"symbol {exc.name} is used before an EQU that two passes cannot "
                          "resolve defines it", column + exc.offset)
            self.stop(f"undefined symbol {exc.name}", column + exc.offset)
        except ExpressionError as exc:
            self.stop(exc.message, column + exc.offset)

    def layout_value(self, text: str, column: int, what: str) -> Value:
        """A value that decides the layout: fixed in pass 1, reused in pass 2."""
        key = self.current.line.number
        if self.pass_number == 2 and key in self.layout:
            if self.layout[key] is None:
                self.stop(f"{what} must use only symbols defined earlier in the source", column)
            if text:
                self.value(text, column, self.location, what)    # report syntax errors
            return Value(*self.layout[key])
        try:
            value = evaluate(text, self.lookup, self.location, self.relocation) if text \
                else Value(0)
        except (Undefined, ExpressionError):
            self.layout[key] = None
            if self.pass_number == 2:
                self.value(text, column, self.location, what)
            raise _Stop
        self.layout[key] = (value.value, value.relocation)
        return value

    # -------------------------------------------------------------- emit
    def emit(self, word: int, relocation: int = ABSOLUTE, advances: bool = True):
        rec = Emitted(self.location & 0xFFFF, word & 0xFFFF, relocation, advances)
        if self.pass_number == 2:
            self.records.append(rec)
            if self.current.address is None:
                self.current.address = rec.address
                self.current.address_relocatable = bool(self.relocation)
            self.current.words.append(rec)
        if advances:
            self.location += 1
        self.any_code = True

    def show_address(self, address: int | None = None, relocatable: bool | None = None):
        self.current.address = (self.location if address is None else address) & 0xFFFF
        self.current.address_relocatable = (bool(self.relocation) if relocatable is None
                                            else relocatable)

    def align_even(self):
        if self.location & 1:
            self.location += 1

    # ---------------------------------------------------------- statement
    def _statement(self, line: SourceLine):
        if self.skip_to is not None:
            if line.kind == "statement" and normalize_symbol(line.label) == self.skip_to:
                self.skip_to = None
            else:
                self.current.note = "skipped"
                return
        if line.kind == "control":
            self._control_card(line)
            return
        if line.kind != "statement":
            return
        self.at_top = False
        if line.problem:
            self.error(line.problem, line.problem_column)
            return
        op_name = line.operation
        if op_name != "DMES":
            self._flush_dmes()
        spec = OPERATIONS.get(op_name)
        self.size = None
        start = self.location
        try:
            if spec is None:
                if line.label:
                    self.define(line.label, self.location, bool(self.relocation), line)
                if not op_name:
                    self.show_address()
                    return
                if op_name in IBM_1800_ONLY:
                    self.stop(f"{op_name} is an IBM 1800 instruction, not on the 1130",
                              line.operation_column)
                self.stop(f"unknown operation {op_name!r}", line.operation_column)
            mods = self._modifiers(line, spec)
            getattr(self, "op_" + spec.handler)(line, spec, mods)
        except _Stop:
            # keep the statement's size so later addresses agree in both passes
            while self.size is not None and self.location - start < self.size:
                self.emit(0)

    def _control_card(self, line: SourceLine):
        """``*SBRK`` (anywhere) puts a sector break card in the object deck;
        ``*LIST``, ``*XREF`` and the rest change nothing here: the listing
        always has the symbol table and cross reference."""
        if line.text[1:5].upper() == "SBRK" and self.pass_number == 2:
            self.result.sector_breaks.append((len(self.records), line.text))
        if line.text[1:6].upper() == "LEVEL":
            # *LEVEL n[,m]: the interrupt levels of an ISS (IBM's control record)
            try:
                levels = [int(t) for t in line.text[6:].replace(",", " ").split()[:2]]
            except ValueError:
                levels = [-1]
            if not levels or any(not 0 <= lv <= 5 for lv in levels):
                self.error("*LEVEL takes one or two interrupt levels 0-5", 7, line)
            else:
                self.control_levels = levels

    def _modifiers(self, line: SourceLine, spec: OpSpec) -> str:
        mods = line.modifiers
        if spec.allowed != "*" and not spec.handler.startswith("x_"):
            tags = [ch for ch in mods if ch in "0123"]
            if len(tags) > 1:
                self.stop("more than one index register in the modifiers",
                          line.modifiers_column)
        if spec.allowed != "*":
            for i, ch in enumerate(mods):
                if ch not in spec.allowed:
                    allowed = " ".join(spec.allowed) if spec.allowed else "none"
                    hint = ""
                    if line.form == "tab" and not line.field.strip():
                        hint = ("; in tab form the operand is the fourth field: "
                                "label<TAB>operation<TAB>modifiers<TAB>operand")
                    self.stop(f"modifier {ch!r} is not valid with {line.operation} "
                              f"(allowed: {allowed}){hint}", line.modifiers_column + i)
        fmt, tag = line.card_modifiers
        if line.form == "card" and spec.allowed != "*" and (fmt.isdigit() or tag.isalpha()):
            self.error("IBM's assembler reads the format (L I X E) in column 32 and the index "
                       "register in column 33; this line has them the other way round",
                       line.modifiers_column, severity="warning")
        mods += spec.implied
        if "I" in mods and "L" not in mods:
            mods += "L"
        return mods

    def define_label_here(self, line: SourceLine):
        if line.label:
            self.define(line.label, self.location, bool(self.relocation), line)
        self.show_address()

    @staticmethod
    def tag_bits(mods: str) -> int:
        for ch in mods:
            if ch in "123":
                return int(ch) << 8
        return 0

    # ------------------------------------------------- address operands
    def address_operand(self, text: str, column: int, star: int, double: bool) -> Value:
        """An instruction's address: an expression or a literal ``=...``."""
        if text.startswith("="):
            return self.literal(text[1:], column, double)
        return self.value(text, column, star, "address", required=False)

    def literal(self, text: str, column: int, double: bool) -> Value:
        if not text:
            self.stop("literal value missing after =", column)
        key_text = text
        pool = self.pool_number
        for existing_text, existing_double, _, _ in self.pending_literals:
            if existing_text == key_text and existing_double == double:
                break
        else:
            self.pending_literals.append((key_text, double, self.current.line, column + 1))
        address = self.literal_addresses.get((pool, key_text, double))
        if address is None:
            if self.pass_number == 2:
                self.stop("literal has no place: internal error", column)
            return Value(0)
        return Value(address, self.relocation)

    def _dump_literals(self):
        pool = self.pool_number
        for text, double, line, column in self.pending_literals:
            if double:
                self.align_even()
            self.literal_addresses.setdefault((pool, text, double), self.location)
            if self.pass_number == 2 and self.literal_addresses[(pool, text, double)] \
                    != self.location:
                self.error("literal pool moved between passes", column, line)
            try:
                if double:
                    words = constants.dec_constant(text)
                else:
                    value = evaluate(text, self.lookup, self.location, self.relocation)
                    if value.relocation:
                        raise ExpressionError("a literal must be absolute", 0)
                    if not -0x8000 <= value.value <= 0xFFFF:
                        raise ExpressionError(f"literal {text} does not fit in 16 bits", 0)
                    words = (value.value,)
            except constants.ConstantError as exc:
                self.error(str(exc), column, line)
                words = (0, 0)
            except ExpressionError as exc:
                self.error(exc.message, column + exc.offset, line)
                words = (0,)
            except Undefined as exc:
                if self.pass_number == 2:
                    self.error(f"undefined symbol {exc.name} in literal", column + exc.offset,
                               line)
                words = (0, 0) if double else (0,)
            for w in words:
                self.emit(w)
        self.pending_literals = []
        self.pool_number += 1

    # ------------------------------------------------------- operations
    def op_std(self, line: SourceLine, spec: OpSpec, mods: str):
        self.define_label_here(line)
        long = "L" in mods
        opcode = spec.base | self.tag_bits(mods)
        self.size = 2 if long else 1
        star = self.location + (2 if long else 1)
        if spec.flags & NO_ARGS:
            self.emit(opcode)
            return
        target = self.address_operand(line.operand, line.operand_column, star,
                                      bool(spec.flags & IS_DBL))
        if long:
            opcode |= 0x0400 | (0x0080 if "I" in mods else 0)
            self.emit(opcode)
            self.emit(target.value, target.relocation)
            return
        indexed = bool(opcode & 0x0300) and not spec.flags & NO_IDX
        absolute = "X" in mods or spec.flags & IS_ABS or indexed
        if spec.base in (0x2000, 0x3000) and 0 <= target.value <= 0xFF:
            self.emit(opcode | target.value)     # LDS and WAIT: the byte is a code, 0-255
            return
        self.emit(opcode | self.displacement(target, absolute, line))

    def displacement(self, target: Value, absolute: bool, line: SourceLine) -> int:
        """The 8-bit displacement of a short instruction (reference 4.2)."""
        if self.pass_number == 1:
            return 0                      # values may still be forward references
        column = line.operand_column
        if absolute:
            if target.relocation and self.relocation:
                self.stop("a relocatable address cannot be an absolute displacement "
                          "(use the long form, L)", column)
            disp = target.value
            if 0x8000 <= disp <= 0xFFFF:
                disp -= 0x10000
        else:
            disp = target.value - (self.location + 1)
            if target.relocation != self.relocation and self.relocation:
                self.stop("an absolute address cannot be reached IAR-relative from "
                          "relocatable code (use the long form, L, or X)", column)
        if not -128 <= disp <= 127:
            if absolute:
                self.stop(f"displacement {disp} is outside -128..+127", column)
            self.stop(f"target {target.value & 0xFFFF:04X} is {disp:+d} words from the next "
                      "instruction; a short displacement must be -128..+127 (use the long "
                      "form, L)", column)
        return disp & 0xFF

    def _conditions(self, text: str, column: int) -> int:
        bits = 0
        for i, ch in enumerate(text):
            bit = {"Z": 0x20, "-": 0x10, "+": 0x08, "&": 0x08, "E": 0x04, "C": 0x02,
                   "O": 0x01}.get(ch)
            if bit is None:
                self.stop(f"bad condition {ch!r}: use Z - + E C O", column + i)
            bits |= bit
        return bits

    def op_bsc(self, line: SourceLine, spec: OpSpec, mods: str):
        self.define_label_here(line)
        opcode = spec.base | self.tag_bits(mods)
        text, column = line.operand, line.operand_column
        self.size = 2 if "L" in mods else 1
        if "L" in mods:
            address_text, _, tests = text.partition(",")
            if not address_text:
                self.stop("branch address missing", column)
            target = self.address_operand(address_text, column, self.location + 2, False)
            opcode |= 0x0400 | (0x0080 if "I" in mods else 0)
            opcode |= self._conditions(tests, column + len(address_text) + 1)
            self.emit(opcode)
            self.emit(target.value, target.relocation)
        else:
            self.emit(opcode | self._conditions(text, column))

    def op_bsi(self, line: SourceLine, spec: OpSpec, mods: str):
        if "L" in mods:
            self.op_bsc(line, spec, mods)
        else:
            self.op_std(line, spec, mods)

    def op_b(self, line: SourceLine, spec: OpSpec, mods: str):
        if "L" in mods:
            self.op_bsc(line, spec, mods)
        else:
            self.op_mdx(line, OPERATIONS["MDX"], mods)

    def op_mdx(self, line: SourceLine, spec: OpSpec, mods: str):
        self.define_label_here(line)
        opcode = spec.base | self.tag_bits(mods)
        text, column = line.operand, line.operand_column
        first, comma, second = text.partition(",")
        self.size = 2 if "L" in mods else 1
        if "L" in mods:
            star = self.location + 2
            dest = self.address_operand(first, column, star, False)
            if opcode & 0x0300:
                if comma:
                    self.stop("MDX L with an index register takes one operand",
                              column + len(first))
                opcode |= 0x0400 | (0x0080 if "I" in mods else 0)
            else:
                if "I" in mods:
                    self.stop("MDX L without an index register (MDM) cannot be indirect",
                              line.modifiers_column)
                increment = self.value(second, column + len(first) + 1, star, "increment",
                                       required=False)
                if increment.relocation:
                    self.stop("the increment must be absolute", column + len(first) + 1)
                if not -128 <= increment.value <= 127:
                    self.stop(f"increment {increment.value} is outside -128..+127",
                              column + len(first) + 1)
                opcode |= 0x0400 | (increment.value & 0xFF)
            self.emit(opcode)
            self.emit(dest.value, dest.relocation)
            return
        if comma:
            self.stop("a short MDX takes one operand (use MDX L address,increment)",
                      column + len(first))
        target = self.address_operand(first, column, self.location + 1, False)
        absolute = "X" in mods or bool(opcode & 0x0300)
        self.emit(opcode | self.displacement(target, absolute, line))

    def op_shift(self, line: SourceLine, spec: OpSpec, mods: str):
        self.define_label_here(line)
        self.size = 1
        opcode = spec.base | self.tag_bits(mods)
        if opcode & 0x0300:                         # count comes from the index register
            self.emit(opcode)
            return
        count = self.value(line.operand, line.operand_column, self.location + 1,
                           "shift count", required=False)
        if count.relocation:
            self.stop("a shift count cannot be a relocatable address", line.operand_column)
        if not 0 <= count.value <= 63:
            self.stop(f"shift count {count.value} is outside 0..63", line.operand_column)
        self.emit(opcode | count.value)

    def external(self, kind: str, name: str, column: int) -> tuple[int, int]:
        if not name:
            self.stop(f"{kind} needs a name", column)
        try:
            words = constants.name_code(name)
        except constants.ConstantError as exc:
            self.stop(str(exc), column)
        if self.pass_number == 2:
            self.result.externals.append((kind, name))
        return words

    def op_call(self, line: SourceLine, spec: OpSpec, mods: str):
        self.define_label_here(line)
        self.size = 2
        name = normalize_symbol(line.operand)
        known = name in self.symbols or name in self.pass1_symbols or \
            (self.pass_number == 1 and name in self.label_names)
        if known:
            target = self.value(line.operand, line.operand_column, self.location + 2)
            self.emit(0x4400 | self.tag_bits(mods) | (0x0080 if "I" in mods else 0))
            self.emit(target.value, target.relocation)
            return
        w0, w1 = self.external("CALL", name, line.operand_column)
        self.emit(w0, CALL_RELOC)
        self.emit(w1)

    def op_x_libf(self, line, spec, mods):
        self.define_label_here(line)
        self.size = 1
        w0, w1 = self.external("LIBF", line.operand, line.operand_column)
        self.emit(w0, LIBF_RELOC, advances=False)
        self.emit(w1)

    def op_x_link(self, line, spec, mods):
        # IBM's DMS V2 assembler (seen in its object code for FORTH, jobs/forth68_asm.job):
        # BSI L $LINK with $LINK absolute at /0039, then the program's name code.
        # (asm1130 writes CALL $LINK, an external the loader must resolve.)
        self.define_label_here(line)
        self.size = 4
        n0, n1 = constants.name_code(self._name(line))
        self.emit(0x4400)
        self.emit(DOLLAR_LINK)
        self.emit(n0)
        self.emit(n1)

    def op_x_exit(self, line, spec, mods):
        self.define_label_here(line)
        self.emit(0x6000 | DOLLAR_EXIT)

    def op_x_pdmp(self, line, spec, mods, then_exit=False):
        self.define_label_here(line)
        self.size = 6 if then_exit else 5
        parts = line.operand.split(",") if line.operand else []
        values = []
        column = line.operand_column
        for i in range(3):
            text = parts[i] if i < len(parts) else ""
            values.append(self.value(text, column, self.location, "dump limit", required=False)
                          if text else Value(0x3FFF if i == 1 else 0))
            column += len(text) + 1
        self.emit(0x4400)
        self.emit(DOLLAR_DUMP)
        self.emit(values[2].value)
        self.emit(values[0].value, values[0].relocation)
        self.emit(values[1].value, values[1].relocation)
        if then_exit:
            self.emit(0x6000 | DOLLAR_EXIT)

    def op_x_dump(self, line, spec, mods):
        self.op_x_pdmp(line, spec, mods, then_exit=True)

    def op_x_dsa(self, line, spec, mods):
        # IBM's assembler: the name code (flagged CALL, relocatable) and a third
        # word, left unpunched, that the core load builder fills in (DUP's decks)
        self.define_label_here(line)
        self.size = 2
        w0, w1 = self.external("DSA", line.operand, line.operand_column)
        self.emit(w0, CALL_RELOC)
        self.emit(w1, RELOCATABLE)
        self.location += 1

    def _name(self, line: SourceLine) -> str:
        name = line.operand
        if not name:
            self.stop(f"{line.operation} needs a name", line.operand_column)
        if len(name) > 5:
            self.stop(f"name {name!r} is longer than 5 characters", line.operand_column)
        return name

    # ------------------------------------------------------- directives
    def op_x_abs(self, line, spec, mods):
        if self.any_code:
            self.stop("ABS must come before any code or data", line.operation_column)
        if self.result.program_type not in ("relocatable", "absolute"):
            self.stop("ABS is not allowed in a subroutine (ENT, LIBR, ISS, ILS)",
                      line.operation_column)
        self.relocation = ABSOLUTE
        self.result.relocatable = False
        self.result.program_type = "absolute"

    def op_x_org(self, line, spec, mods):
        if line.label:
            self.define(line.label, self.location, bool(self.relocation), line)
        if not line.operand:
            self.stop("ORG needs an address", line.operand_column)
        value = self.layout_value(line.operand, line.operand_column, "ORG address")
        self.location = value.value & 0xFFFF
        self.show_address()

    def op_x_equ(self, line, spec, mods):
        if not line.label:
            self.stop("EQU needs a label", line.operation_column)
        value = self.value(line.operand, line.operand_column, self.location, "value")
        if self.pass_number == 1 and line.operand:
            try:
                evaluate(line.operand, self.lookup, self.location, self.relocation)
            except (Undefined, ExpressionError):
                return                               # defined in pass 2
        self.define(line.label, value.value, bool(value.relocation), line)
        self.show_address(value.value, bool(value.relocation))

    def op_x_dc(self, line, spec, mods):
        self.define_label_here(line)
        self.size = 1
        if line.operand.startswith("="):
            self.stop("a literal cannot be a DC operand", line.operand_column)
        value = self.value(line.operand, line.operand_column, self.location + 1, "constant",
                           required=False)
        if not -0x8000 <= value.value <= 0xFFFF:
            self.stop(f"constant {value.value} does not fit in 16 bits", line.operand_column)
        self.emit(value.value, value.relocation)

    def op_x_dec(self, line, spec, mods):
        self.align_even()
        self.define_label_here(line)
        self.size = 2
        try:
            words = constants.dec_constant(line.operand)
        except constants.ConstantError as exc:
            self.stop(str(exc), line.operand_column)
        for w in words:
            self.emit(w)

    def op_x_xflc(self, line, spec, mods):
        self.define_label_here(line)
        column = line.operand_column
        if not line.operand:
            self.stop("XFLC needs a constant", column)
        for text in line.operand.split(","):
            try:
                words = constants.xflc_constant(text)
            except constants.ConstantError as exc:
                self.error(str(exc), column)
                words = (0, 0, 0)
            for w in words:
                self.emit(w)
            column += len(text) + 1

    def _block(self, line, mods, what):
        if "E" in mods:
            self.align_even()
        size = self.layout_value(line.operand, line.operand_column, f"{what} size")
        if size.relocation:
            self.stop(f"{what} size must be absolute", line.operand_column)
        if size.value < 0:
            self.stop(f"{what} size {size.value} is negative", line.operand_column)
        return size.value

    def op_x_bss(self, line, spec, mods):
        if "E" in mods:
            self.align_even()
        self.define_label_here(line)
        size = self._block(line, "", "BSS")
        self.location += size

    def op_x_bes(self, line, spec, mods):
        size = self._block(line, mods, "BES")
        self.location += size
        self.define_label_here(line)        # the label is the address after the block

    def op_x_ebc(self, line, spec, mods):
        self.define_label_here(line)
        text = line.field
        if not text.startswith("."):
            self.stop("EBC text must start with a period: EBC .TEXT.", line.operand_column)
        end = text.find(".", 1)
        if end < 0:
            self.error("EBC text has no closing period", line.operand_column + len(text))
            end = len(text)
        body = text[1:end]
        for i, ch in enumerate(body):
            try:
                constants.codes.ascii_to_ebcdic(ch)
            except ValueError:
                self.stop(f"character {ch!r} has no EBCDIC code", line.operand_column + 1 + i)
        for w in constants.codes.text_to_ebcdic_words(body):
            self.emit(w)

    def op_x_dmes(self, line, spec, mods):
        self.define_label_here(line)
        codeset = constants.DMES_CODESETS.get(mods)
        if codeset is None:
            self.stop("DMES tag must be blank or 0 (console printer), 1 (1403) or 2 (1132)",
                      line.modifiers_column)
        # IBM's assembler reads a card's whole operand field, columns 35-71,
        # so a message without 'E ends in blanks up to column 71 (checked
        # against DMS R2V12's assembler); a tab-form line ends where it ends.
        field = line.field.ljust(37) if line.form == "card" else line.field.rstrip()
        words, errors = self.dmes.encode(field, codeset)
        for message in errors:
            self.error(message, line.operand_column)
        for w in words:
            self.emit(w)
        self.dmes_codeset = codeset
        self.dmes_line = line

    def _flush_dmes(self):
        if self.dmes.pending is not None:
            words, _ = self.dmes.encode("", getattr(self, "dmes_codeset", "console"))
            for w in words:
                self.emit(w)

    def op_x_dn(self, line, spec, mods):
        self.define_label_here(line)
        self.size = 2
        try:
            w0, w1 = constants.name_code(self._name(line))
        except constants.ConstantError as exc:
            self.stop(str(exc), line.operand_column)
        self.emit(w0)
        self.emit(w1)

    def op_x_file(self, line, spec, mods):
        self.define_label_here(line)
        self.size = 7
        parts = line.operand.split(",")
        if len(parts) != 5:
            self.stop("FILE needs 5 operands: file number, records, record size, U, "
                      "associated variable", line.operand_column)
        column = line.operand_column
        values = []
        for i, text in enumerate(parts):
            if i == 3:
                if text != "U":
                    self.stop("FILE's fourth operand must be U", column)
                values.append(Value(0))
            else:
                v = self.value(text, column, self.location, f"FILE operand {i + 1}")
                if i < 3 and v.relocation:
                    self.stop(f"FILE operand {i + 1} must be absolute", column)
                values.append(v)
            column += len(text) + 1
        records, size = values[1].value, max(1, values[2].value)
        per_sector = 320 // size
        self.emit(values[0].value)
        self.emit(records)
        self.emit(values[2].value)
        self.emit(values[4].value, values[4].relocation)
        self.emit(0)
        self.emit(per_sector)
        self.emit((16 * records) // max(1, per_sector))
        self.result.files_defined += 1

    def op_x_ent(self, line, spec, mods):
        name = normalize_symbol(line.operand)
        if not name:
            self.stop("ENT needs the entry point's label", line.operand_column)
        r = self.result
        if r.program_type == "absolute":
            self.stop("ENT is not allowed in an ABS program", line.operation_column)
        if r.program_type == "ils":
            self.stop("ENT cannot be mixed with ILS", line.operation_column)
        if len(r.entries) >= 14:
            self.stop("more than 14 entry points", line.operand_column)
        r.entries.append(name)
        self.entry_lines = getattr(self, "entry_lines", {})
        self.entry_lines[name] = (line, line.operand_column)
        if r.program_type == "relocatable":
            r.program_type = "call"

    def _check_entries(self):
        for name, (line, column) in getattr(self, "entry_lines", {}).items():
            if name not in self.symbols:
                self.error(f"entry point {name} is not defined", column, line)
            else:
                self.references.setdefault(name, []).append(line.number)

    def op_x_libr(self, line, spec, mods):
        r = self.result
        if r.program_type == "absolute":
            self.stop("LIBR is not allowed in an ABS program", line.operation_column)
        if r.program_type == "ils":
            self.stop("LIBR cannot be used in an ILS", line.operation_column)
        r.program_type = "iss_libf" if r.program_type.startswith("iss") else "libf"

    def op_x_iss(self, line, spec, mods):
        r = self.result
        if r.program_type in ("absolute", "ils"):
            self.stop(f"ISS is not allowed in an {r.program_type.upper()} program",
                      line.operation_column)
        r.program_type = "iss_libf" if r.program_type == "libf" else "iss_call"
        r.iss_number = int(mods or 0)
        words = line.field.split()
        if not words:
            self.stop("ISS needs the entry point's label", line.operand_column)
        try:
            r.interrupt_levels = [int(w) for w in words[1:3]] or list(self.control_levels)
        except ValueError:
            self.stop("ISS interrupt levels must be numbers 0-5", line.operand_column)
        if any(not 0 <= lv <= 5 for lv in r.interrupt_levels):
            self.stop("interrupt levels are 0-5", line.operand_column)
        r.entries.append(normalize_symbol(words[0]))
        self.entry_lines = getattr(self, "entry_lines", {})
        self.entry_lines[normalize_symbol(words[0])] = (line, line.operand_column)

    def op_x_ils(self, line, spec, mods):
        r = self.result
        if r.program_type in ("absolute", "libf", "call"):
            self.stop("ILS must be a program of its own (not ABS, LIBR or ENT)",
                      line.operation_column)
        level = int(mods or 0)
        if not 0 <= level <= 5:
            self.stop("interrupt levels are 0-5", line.modifiers_column)
        if not r.program_type.startswith("iss"):
            r.program_type = "ils"
        r.interrupt_levels = [level]

    def op_x_spr(self, line, spec, mods):
        self.result.real_mode = 1

    def op_x_epr(self, line, spec, mods):
        self.result.real_mode = 2

    def op_x_lorg(self, line, spec, mods):
        self.show_address()
        self._dump_literals()

    def op_x_end(self, line, spec, mods):
        if self.pending_literals:
            self._dump_literals()
        if line.label:
            self.define(line.label, self.location, bool(self.relocation), line)
        if line.operand:
            start = self.value(line.operand, line.operand_column, self.location,
                               "start address")
            self.result.start = start.value & 0xFFFF
        self.show_address()
        self.ended = True

    def op_x_hdng(self, line, spec, mods):
        self.current.listed = False
        self.heading = (line.text[CARD_HEADING:71].strip() if line.form == "card"
                        else line.field.strip())
        self.current.before = "\f" + self.heading + "\n"

    def op_x_list(self, line, spec, mods):
        self.current.listed = False
        if line.operand == "ON":
            self.listing_on = True
        elif line.operand == "OFF":
            self.listing_on = False
        else:
            self.stop("LIST takes ON or OFF", line.operand_column)

    def op_x_spac(self, line, spec, mods):
        self.current.listed = False
        count = self.value(line.operand, line.operand_column, self.location, "line count",
                           required=False)
        self.current.before = "\n" * max(0, min(count.value, 60))

    def op_x_ejct(self, line, spec, mods):
        self.current.listed = False
        self.current.before = "\f" + (self.heading + "\n" if self.heading else "")

    def op_x_ces(self, line, spec, mods):
        value = self.value(line.operand, line.operand_column, self.location, "switch value")
        self.result.switches = value.value & 0xFFFF

    def op_x_trap(self, line, spec, mods):
        pass

    def op_x_anop(self, line, spec, mods):
        self.show_address()

    def op_x_ago(self, line, spec, mods):
        target = normalize_symbol(line.operand)
        if not target:
            self.stop("AGO needs a target label", line.operand_column)
        self._skip(target, line)

    def op_x_aif(self, line, spec, mods):
        text, column = line.operand, line.operand_column
        if not text.startswith("(") or ")" not in text:
            self.stop("AIF operand is (expression OP expression),LABEL with OP one of "
                      "EQ NE LT LE GT GE", column)
        close = text.index(")")
        parts = text[1:close].split()
        target = normalize_symbol(text[close + 1:].lstrip(","))
        if len(parts) != 3 or parts[1] not in ("EQ", "NE", "LT", "LE", "GT", "GE"):
            self.stop("AIF condition is (expression OP expression), OP one of "
                      "EQ NE LT LE GT GE", column + 1)
        if not target:
            self.stop("AIF needs a target label after the condition", column + close + 1)
        key = ("AIF", line.number)
        if self.pass_number == 2 and self.layout.get(key) is None:
            self.stop("AIF may use only symbols defined earlier in the source (both passes "
                      "must take the same branch)", column + 1)
        if self.pass_number == 1:
            try:
                left = evaluate(parts[0], self.lookup, self.location, self.relocation).value
                right = evaluate(parts[2], self.lookup, self.location, self.relocation).value
            except (Undefined, ExpressionError):
                self.layout[key] = None
                raise _Stop from None
            self.layout[key] = {"EQ": left == right, "NE": left != right, "LT": left < right,
                                "LE": left <= right, "GT": left > right,
                                "GE": left >= right}[parts[1]]
        if self.layout[key]:
            self._skip(target, line)

    def _skip(self, target: str, line: SourceLine):
        later = [l for l in self.lines if l.number > line.number and l.kind == "statement"
                 and normalize_symbol(l.label) == target]
        if not later:
            self.stop(f"no later statement is labelled {target}", line.operand_column)
        self.skip_to = target


CARD_HEADING = 34     # HDNG text starts at card column 35 (index 34)
