"""The assembler's pass machinery: two passes over the source, statement by statement.

:class:`AssemblerPasses` holds what both passes share: the source lines,
the location counter and relocation mode, the symbol table (pass 1's kept
for pass 2), the object words emitted, the literal pools, the errors, and
the listing line of the statement being assembled.  Pass 1 sizes every
statement and defines labels; pass 2 evaluates and emits.  Each statement
goes to the handler its :data:`~machines.ibm1130.asm.operations.OPERATIONS`
entry names (``op_`` + handler): the machine-instruction encoders
(instructions.py) and the directives (directives.py) are the two halves
that ``assembler._Assembler`` puts on top of this class.

A handler that cannot go on records its error and raises
:class:`StatementStop`; the statement still takes the size it declared, so
later addresses agree in both passes.
"""

from __future__ import annotations

from . import constants, systemsymbols
from .assembly import ABSOLUTE, RELOCATABLE, Assembly, AsmError, Emitted, ListedLine, Symbol
from .expressions import (ExpressionError, Undefined, Value, evaluate, is_symbol,
                          normalize_symbol, shown)
from .operations import IBM_1800_ONLY, LENIENT_MODIFIERS, OPERATIONS, OpSpec
from .freeform import parse_source_line
from .source import MARGIN_PROBLEM, SourceLine


class StatementStop(Exception):
    """A statement cannot go on (its error is already recorded)."""


class AssemblerPasses:
    def __init__(self, source: str, filename: str,
                 system_symbols: dict[str, int] | None = None):
        self.filename = filename
        text = source.replace("\r\n", "\n").replace("\r", "\n")
        raw = text.split("\n")
        if raw and raw[-1] == "":
            raw.pop()
        self.lines = [parse_source_line(t, n, filename) for n, t in enumerate(raw, start=1)]
        self.result = Assembly(filename)
        self.pass1_symbols: dict[str, Symbol] = {}
        self.label_lines: dict[str, list[int]] = {}   # label -> its statements' line numbers
        for l in self.lines:
            if l.label and l.kind == "statement":
                self.label_lines.setdefault(normalize_symbol(l.label), []).append(l.number)
        self.label_names = set(self.label_lines)
        self.layout: dict[int, int] = {}           # line -> layout value fixed in pass 1
        self.literal_addresses: dict[tuple[int, str, bool], int] = {}
        self.entry_lines: dict[str, tuple[SourceLine, int]] = {}   # ENT/ISS name -> where
        self.dmes_codeset = "console"              # of the last DMES, for its continuation
        self.system_symbols: dict[str, Symbol] = {}
        self.system_card: SourceLine | None = None   # *SYSTEM SYMBOL TABLE without a table
        self._read_system_symbols(system_symbols)

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

    def _read_system_symbols(self, table: dict[str, int] | None):
        """``*SYSTEM SYMBOL TABLE`` among the control cards before the first
        statement: the system symbols, from ``table`` or SYMBOLS.SYS beside
        the source (systemsymbols.py)."""
        for line in self.lines:
            if line.kind == "statement":
                return
            if line.kind == "control" and line.text.upper().startswith(
                    systemsymbols.CONTROL_CARD):
                break
        else:
            return
        if table is None:
            table = systemsymbols.system_symbols_beside(self.filename)
        if table is None:
            self.system_card = line
            return
        self.system_symbols = {normalize_symbol(name): Symbol(normalize_symbol(name),
                                                              value & 0xFFFF, False, 0)
                               for name, value in table.items()}

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
        raise StatementStop

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
            symbol = self.system_symbols.get(name)
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
                if text:
                    self.value(text, column, self.location, what)   # a syntax error first
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
            raise StatementStop
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
        if line.notice:
            if line.operation not in OPERATIONS:
                self.error(MARGIN_PROBLEM, line.notice_column)
                return
            self.error(line.notice, line.notice_column, severity="warning")
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
        except StatementStop:
            # keep the statement's size so later addresses agree in both passes
            while self.size is not None and self.location - start < self.size:
                self.emit(0)

    def _control_card(self, line: SourceLine):
        """``*SBRK`` (anywhere) puts a sector break card in the object deck;
        ``*LIST``, ``*XREF`` and the rest change nothing here: the listing
        always has the symbol table and cross reference."""
        if line is self.system_card:
            self.error(f"*SYSTEM SYMBOL TABLE: no {systemsymbols.SYSTEM_TABLE} beside "
                       f"{self.filename} (the kit keeps it beside DMS's sources)", 1, line)
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
        if (line.form == "card" and line.operation in LENIENT_MODIFIERS
                and any(ch not in spec.allowed for ch in mods)):
            self.error(f"modifiers {shown(mods)!r} ignored: {line.operation} takes only "
                       f"{spec.allowed} (IBM's assembler ignores the others)",
                       line.modifiers_column, severity="warning")
            return "".join(ch for ch in mods if ch in spec.allowed)
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

    # ---------------------------------------- across statements and passes
    def _flush_dmes(self):
        """End a DMES message that a continuation could still have extended
        (another statement, or the end of the source, follows it)."""
        if self.dmes.pending is not None:
            words, _ = self.dmes.encode("", self.dmes_codeset)
            for w in words:
                self.emit(w)

    def _check_entries(self):
        """At the end of pass 2: every ENT or ISS entry point is a label."""
        for name, (line, column) in self.entry_lines.items():
            if name not in self.symbols:
                self.error(f"entry point {name} is not defined", column, line)
            else:
                self.references.setdefault(name, []).append(line.number)

    def _name(self, line: SourceLine) -> str:
        """The operand as a program or subroutine name (1-5 characters)."""
        name = line.operand
        if not name:
            self.stop(f"{line.operation} needs a name", line.operand_column)
        if len(name) > 5:
            self.stop(f"name {name!r} is longer than 5 characters", line.operand_column)
        return name
