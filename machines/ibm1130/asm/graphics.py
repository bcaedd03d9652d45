"""The assembler's IBM 2250 display orders (SGMV, MBA, DBI, GB, GIC, CS, DBS ...).

The table is machines/ibm1130/gduisa.py (IBM's DMS assembler, phase 13);
each order is assembled by ``op_graphic`` according to its form.  The
modifiers are IBM's letters from card columns 32-33 (or the tab form's
modifiers field): ``I`` indirect and ``N`` no-op on GB/GBC, ``N`` on
GI/GIC, ``R`` end of character on CS/MBS/DBS, ``D`` on MBS/DBS (the first
stroke's flag bit off).  Two successive stroke statements (MBS/DBS) share
one word, as in IBM's assembler; an ``R`` stroke, a label or any other
statement in between starts a new word.
"""

from __future__ import annotations

from .. import gduisa
from .operations import OpSpec
from .passes import AssemblerPasses
from .source import SourceLine


class GraphicOrders(AssemblerPasses):
    """``op_graphic``: the 2250 order handler (mixed into the assembler)."""

    # An open stroke word: (pass, location after it, its record or None).
    _stroke_open: tuple[int, int, object] | None = None

    def _graphic_operands(self, line: SourceLine, count: int) -> list[tuple[str, int]]:
        """The operand field split at commas into ``count`` parts with columns."""
        parts, column = [], line.operand_column
        for text in line.operand.split(",") if line.operand else []:
            parts.append((text, column))
            column += len(text) + 1
        if len(parts) > count:
            self.stop(f"{line.operation} takes {count} operand{'s' if count > 1 else ''}",
                      parts[count][1] - 1)
        while len(parts) < count:
            parts.append(("", column))
        return parts

    def _graphic_number(self, part: tuple[str, int], low: int, high: int, what: str,
                        required: bool = True) -> int:
        text, column = part
        value = self.value(text, column, self.location, what, required)
        if value.relocation and self.relocation:
            self.stop(f"the {what} must be absolute", column)
        number = value.value - 0x10000 if value.value >= 0x8000 and low < 0 else value.value
        if self.pass_number == 2 and not low <= number <= high:
            self.stop(f"{what} {number} is outside {low}..{high}", column)
        return number

    def _graphic_condition(self, part: tuple[str, int]) -> int:
        text, column = part
        bits = gduisa.CONDITIONS.get(text.upper())
        if bits is None:
            self.stop(f"bad condition {text!r}: use S (light-pen switch), D (detect) or SD", column)
        return bits

    def op_graphic(self, line: SourceLine, spec: OpSpec, mods: str):
        order = gduisa.ORDERS[line.operation]
        letters = line.modifiers.replace(" ", "")
        if line.form == "card":
            letters = line.card_modifiers.replace(" ", "")
        for i, ch in enumerate(letters):
            if ch not in order.modifiers:
                allowed = " ".join(order.modifiers) or "none"
                self.stop(f"modifier {ch!r} is not valid with {line.operation} (allowed: {allowed})",
                          line.modifiers_column + i)
        form = order.form
        if form == "stroke":
            self._stroke(line, order, letters)
            return
        self._stroke_open = None
        self.define_label_here(line)
        word = order.base
        if form in ("none", "srvt"):
            self.size = 2 if form == "srvt" else 1
            if line.operand:
                self.stop(f"{line.operation} takes no operand", line.operand_column)
            self.emit(word)
            if form == "srvt":
                self.emit(0)              # where the revert address is stored
        elif form == "spm":
            self.size = 1
            (flags,) = self._graphic_operands(line, 1)
            self.emit(word | self._graphic_number(flags, 0, 15, "pen mode"))
        elif form == "absolute":
            self.size = 2
            x, y = self._graphic_operands(line, 2)
            self.emit(word | self._graphic_number(x, 0, 1023, "x"))
            self.emit(self._graphic_number(y, 0, 1023, "y"))
        elif form == "short":
            self.size = 1
            (v,) = self._graphic_operands(line, 1)
            self.emit(word | self._graphic_number(v, 0, 1023, "coordinate"))
        elif form == "relative":
            self.size = 1
            dx, dy = self._graphic_operands(line, 2)
            self.emit(word | (self._graphic_number(dx, -64, 63, "dx") & 0x7F) << 8
                      | self._graphic_number(dy, -64, 63, "dy") & 0x7F)
        elif form == "gsb":
            self.size = 1
            (target,) = self._graphic_operands(line, 1)
            value = self.value(target[0], target[1], self.location, "branch address")
            if self.pass_number == 2 and not 0 <= value.value <= 0x1FFF:
                self.stop(f"GSB reaches addresses 0-8191, not {value.value}", target[1])
            self.emit(word | value.value & 0x1FFF)
        elif form in ("branch", "branch_if", "interrupt", "interrupt_if"):
            self._branch(line, word, form, letters)
        elif form == "control":
            self.size = 1
            (code,) = self._graphic_operands(line, 1)
            number = self._graphic_number(code, 0, 7, "control code")
            if number not in gduisa.CONTROL_CODES:
                self.stop("CS takes 1 (subscript), 2 (null), 4 (superscript) or 7 (new line)", code[1])
            self.emit(word | gduisa.CONTROL_CODES[number]
                      | (gduisa.END_OF_CHARACTER if "R" in letters else 0))

    def _branch(self, line: SourceLine, word: int, form: str, letters: str) -> None:
        self.size = 2
        conditional = form.endswith("_if")
        target, *rest = self._graphic_operands(line, 2 if conditional else 1)
        if "I" in letters:
            word |= gduisa.INDIRECT
        if "N" in letters:
            word |= gduisa.NO_OP
        if conditional:
            if not rest[0][0]:
                self.stop(f"{line.operation} needs a condition: S, D or SD", rest[0][1])
            word |= self._graphic_condition(rest[0])
        interrupt = form.startswith("interrupt")
        what = "interrupt code" if interrupt else "branch address"
        value = self.value(target[0], target[1], self.location + 2, what, required=not interrupt)
        self.emit(word)
        self.emit(value.value, value.relocation)

    def _stroke(self, line: SourceLine, order: gduisa.Order, letters: str) -> None:
        """MBS/DBS: the first stroke of a word, or the second of an open one."""
        x, y = self._graphic_operands(line, 2)
        xs = self._graphic_number(x, 0, 7, "stroke x")
        ys = self._graphic_number(y, 0, 7, "stroke y")
        beam = order.base
        opened = self._stroke_open
        if opened is not None and opened[:2] == (self.pass_number, self.location) and not line.label:
            # the second stroke of the word: the low byte of the previous word
            self.size = 0
            self.show_address(self.location - 1)
            record = opened[2]
            if record is not None:
                record.word |= (xs << 4 | beam >> 8 | ys
                                | (gduisa.END_OF_CHARACTER if "R" in letters else 0))
            self._stroke_open = None
            return
        self.define_label_here(line)
        self.size = 1
        if xs == 7:
            self.stop("a first stroke with x = 7 is a control word: use CS", x[1])
        word = ((0 if "D" in letters else gduisa.FIRST_STROKE_FLAG) | xs << 12 | beam | ys << 8
                | (gduisa.END_OF_CHARACTER if "R" in letters else 0))
        self.emit(word)
        record = self.records[-1] if self.pass_number == 2 else None
        self._stroke_open = None if "R" in letters else (self.pass_number, self.location, record)

