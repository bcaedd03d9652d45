"""The assembler directives: layout, constants, program kind, listing control, conditions.

The handlers of :class:`Directives` (``op_x_`` + the directive's name):
ABS, ORG, EQU; the constants DC, DEC, XFLC, EBC, DMES, DN and FILE; the
blocks BSS and BES; the program's kind and entry points (ENT, LIBR, ISS,
ILS, SPR, EPR) that the object deck's header carries; LORG and END (the
literal pools, the start address); the listing's HDNG, LIST, SPAC and
EJCT; asm1130's ``.CES`` (console switches) and TRAP; and conditional
assembly with AGO, AIF and ANOP.
"""

from __future__ import annotations

import bisect

from . import constants
from .assembly import ABSOLUTE
from .expressions import ExpressionError, Undefined, Value, evaluate, normalize_symbol
from .passes import AssemblerPasses, StatementStop
from .source import SourceLine

CARD_HEADING = 34     # HDNG text starts at card column 35 (index 34)


class Directives(AssemblerPasses):
    """The handlers of the directives."""

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
            # IBM's assembler flags it Q, a warning (DMS's psbmup has one)
            self.error("EQU without a label defines nothing", line.operation_column,
                       severity="warning")
            self.show_address()
            return
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
        self.entry_lines[name] = (line, line.operand_column)
        if r.program_type == "relocatable":
            r.program_type = "call"

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
                raise StatementStop from None
            self.layout[key] = {"EQ": left == right, "NE": left != right, "LT": left < right,
                                "LE": left <= right, "GT": left > right,
                                "GE": left >= right}[parts[1]]
        if self.layout[key]:
            self._skip(target, line)

    def _skip(self, target: str, line: SourceLine):
        """Skip to the next statement labelled ``target`` (a binary search in
        the label's line numbers, so thousands of AGOs stay linear)."""
        numbers = self.label_lines.get(target, ())
        if bisect.bisect_right(numbers, line.number) == len(numbers):
            self.stop(f"no later statement is labelled {target}", line.operand_column)
        self.skip_to = target
