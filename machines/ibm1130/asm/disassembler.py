"""Disassembly of IBM 1130 instructions in asm1130 syntax.

One line per instruction: the mnemonic (5 wide), the format/tag field
(``L``, ``I``, ``1``-``3``, ``L1``, ``I2``...; 3 wide) and the operand, as
asm1130 reads them (reference ../shared/reference/ibm1130.md section 7):

* addresses are hex with IBM's ``/`` prefix (``/01E0``); a short
  non-indexed operand (and short STX's, which is never indexed) is shown as
  its target address (asm1130 turns it back
  into target - (location + 1)); short indexed displacements, LDX values and
  shift counts are signed decimal, used as is;
* conditions of BSC, BOSC and BSI follow the address after a comma, in the
  order ``Z - + E C O`` (short BSC shows the conditions alone);
* the assembler's aliases are used where they fit: ``BZ BNZ BP BNP BN BNN BC
  BO BOD`` and ``B`` for long BSC, ``B`` for short MDX without a tag (SIMH's
  JMP), ``MDM`` for long MDX without a tag, ``NOP`` for ``SLA 0`` and
  ``XCH`` for ``RTE 16``;
* an invalid operation code is shown as ``DC /xxxx``.

The mnemonics, formats, shift names, condition letters and aliases are
isa.py's table.
"""

from __future__ import annotations

from .. import isa
from ..isa import (MNEMONICS, OP_BSC, OP_BSI, OP_LDS, OP_LDX, OP_MDX, OP_SHL, OP_SHR, OP_STX,
                   OP_WAIT, SHORT_ONLY, shift_name)

#: Long BSC aliases by condition bits (isa.BRANCH_ALIASES inverted).
BRANCH_ALIASES = {bits: name for name, bits in isa.BRANCH_ALIASES.items()}
#: Words shown by their own name (NOP, XCH: isa.WORD_ALIASES inverted).
_WORD_NAMES = {word: name for name, word in isa.WORD_ALIASES.items()}

#: Condition letters for bits 10-15 (``0x18`` -> ``"-+"``), isa's order.
conditions_text = isa.condition_letters


def _line(mnemonic: str, mods: str = "", operand: str = "") -> str:
    return f"{mnemonic:<5}{mods:<3}{operand}".rstrip()


def _signed8(value: int) -> int:
    return value - 256 if value & 0x80 else value


def disassemble(word: int, next_word: int, address: int) -> tuple[str, int]:
    """Disassemble the instruction ``word`` at ``address`` (``next_word`` is
    the word after it, used by long instructions).  Returns ``(text,
    length)`` with ``length`` 1 or 2 words.  Never raises for any 16-bit
    inputs."""
    word &= 0xFFFF
    next_word &= 0xFFFF
    op = word >> 11
    tag = (word & isa.TAG_BITS) >> 8
    long = bool(word & isa.F_BIT) and op not in SHORT_ONLY
    indirect = long and bool(word & isa.I_BIT)
    disp = _signed8(word & 0xFF)
    target = (address + 1 + disp) & 0x7FFF
    name = MNEMONICS[op]
    t = str(tag) if tag else ""
    mods = (("I" if indirect else "L") + t) if long else t
    addr = f"/{next_word:04X}"
    if name is None:
        return _line("DC", "", f"/{word:04X}"), 1
    if op in (OP_SHL, OP_SHR):
        kind = shift_name(word)
        if kind is None:
            return _line("DC", "", f"/{word:04X}"), 1
        if tag:
            return _line(kind, t), 1
        if word in _WORD_NAMES:
            return _WORD_NAMES[word], 1
        return _line(kind, "", str(word & 0x3F)), 1
    if op == OP_LDS:
        return _line("LDS", "", str(word & 0xFF)), 1
    if op == OP_WAIT:
        return _line("WAIT", "", f"/{word & 0xFF:02X}" if word & 0xFF else ""), 1
    if op == OP_BSC:
        mnemonic = "BOSC" if word & isa.BOSC_BIT else "BSC"
        conds = conditions_text(word & isa.CONDITION_MASK)
        if not long:
            return _line(mnemonic, t, conds), 1
        alias = BRANCH_ALIASES.get(word & isa.CONDITION_MASK)
        if mnemonic == "BSC" and alias is not None:
            return _line(alias, mods, addr), 2
        return _line(mnemonic, mods, addr + ("," + conds if conds else "")), 2
    if op == OP_MDX:
        if not long:
            if tag:
                return _line("MDX", t, str(disp)), 1
            return _line("B", "", f"/{target:04X}"), 1
        if not tag:
            return _line("MDM", "L", f"{addr},{disp}"), 2
        return _line("MDX", mods, addr), 2
    if op == OP_LDX and not long:
        return _line("LDX", t, str(disp)), 1
    if op == OP_STX and not long:  # never indexed: T names the register stored
        return _line("STX", t, f"/{target:04X}"), 1
    if op == OP_BSI and long and word & isa.CONDITION_MASK:
        return _line("BSI", mods, f"{addr},{conditions_text(word & isa.CONDITION_MASK)}"), 2
    if long:
        return _line(name, mods, addr), 2
    if tag:
        return _line(name, t, str(disp)), 1
    return _line(name, "", f"/{target:04X}"), 1


def disassemble_memory(memory: list[int], start: int, count: int) -> list[tuple[int, str]]:
    """Disassemble ``count`` instructions from ``start`` in ``memory``:
    a list of ``(address, text)``; addresses wrap to the memory size."""
    mask = len(memory) - 1
    lines = []
    address = start & mask
    for _ in range(count):
        text, length = disassemble(memory[address], memory[(address + 1) & mask], address)
        lines.append((address, text))
        address = (address + length) & mask
    return lines
