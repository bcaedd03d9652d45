"""The machine-instruction encoders, and the statements that assemble to calls.

The handlers of :class:`InstructionEncoders` assemble the 1130's
operations (reference 4.2): ``op_std`` the load, store, arithmetic,
logical, index and I/O operations and the branch mnemonics in short form
(8-bit displacement, IAR-relative or absolute) or long form (L, I),
``op_bsc``/``op_bsi``/``op_b`` the branches with their condition letters,
``op_mdx`` MDX and MDM, ``op_shift`` the shifts; then the statements that
assemble to subroutine linkage: CALL, LIBF, LINK, EXIT, PDMP, DUMP and DSA
(the names the DMS loader resolves are recorded as externals).
"""

from __future__ import annotations

from .. import isa
from . import constants
from .assembly import CALL_RELOC, LIBF_RELOC, RELOCATABLE
from .expressions import Value, normalize_symbol
from .operations import (DOLLAR_DUMP, DOLLAR_EXIT, DOLLAR_LINK, IS_ABS, IS_DBL, NO_ARGS,
                         NO_IDX, OPERATIONS, OpSpec)
from .passes import AssemblerPasses
from .source import SourceLine

# LDS and WAIT: the displacement byte is a code (0-255), not an address.
_CODE_BYTE = frozenset(isa.BY_CODE[op].base for op in (isa.OP_LDS, isa.OP_WAIT))


class InstructionEncoders(AssemblerPasses):
    """The handlers of the machine operations and the subroutine statements."""

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
        if spec.base in _CODE_BYTE and 0 <= target.value <= 0xFF:
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
            bit = isa.CONDITION_BITS.get(ch)
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

    # -------------------------------------------- subroutine statements
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
        try:
            n0, n1 = constants.name_code(self._name(line))
        except constants.ConstantError as exc:
            self.stop(str(exc), line.operand_column)
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
