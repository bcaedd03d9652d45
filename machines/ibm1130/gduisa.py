"""The IBM 2250 Model 4's display orders as the 1130 assembler writes them.

One table, read by the assembler (asm/graphics.py); the device's decoder
is devices/gduorders.py.  The mnemonics, base words, sizes and operand forms
are those of IBM's DMS R2V12 assembler, phase 13 "ASM GRAPHIC ORDER PHASE"
(../shared/data/ibm1130/dms-r2v12-src/ptmasmbl.asm, table TBLE1 and its
processing routines):

========  ======  =====  ==================================================
mnemonic  base    words  operand
========  ======  =====  ==================================================
SGMV      3200    1      none: Set Graphic Mode, vector
SGMP      3201    1      none: Set Graphic Mode, point
SCMB      3300    1      none: Set Character Mode, basic size
SCML      3301    1      none: Set Character Mode, large size
STMR      3400    1      none: Start Timer
SRVT      3500    2      none: Store Revert (into its second word)
RVT       3600    1      none: Revert
GNOP      3100    1      none: Set Pen Mode changing nothing (a no-op)
SPM       3100    1      n (0-15): Set Pen Mode flags
MBA/DBA   4000/5000 2    x,y (0-1023): long absolute, beam off/on
MBAX/MBAY 6000/6800 1    x or y (0-1023): short absolute, beam off
DBAX/DBAY 7000/7800 1    x or y: short absolute, beam on
MBI/DBI   8000/8080 1    dx,dy (-64..63): relative, beam off/on
GSB       0000    1      address (0-8191): short branch
GB        2800    2      address; modifier I indirect (0x0080), N no-op (0x0400)
GBC       2800    2      address,cond: cond S (pen switch, 1), D (detect, 2), SD
GI        2000    2      [code]: order-controlled interrupt
GIC       2000    2      [code],cond: conditional interrupt
CS        7000    1      1, 2, 4 or 7: character control (subscript, null,
                         superscript, new line); modifier R ends the character
MBS/DBS   8000    1/2    x,y (0-7): a character stroke, beam off/on; two
                         strokes share a word; R ends the character
========  ======  =====  ==================================================

IBM's GBE and GBCE (branch to an external name, resolved by the loader) are
not assembled: our programs are absolute or relocatable single modules.
"""

from __future__ import annotations

from typing import NamedTuple


class Order(NamedTuple):
    """One display-order mnemonic: its base word, its operand ``form`` (the
    assembler handler's case) and the modifier letters it takes."""

    base: int
    form: str
    modifiers: str = ""


#: Order mnemonic -> Order.  Forms: ``none`` (no operand, one word),
#: ``srvt`` (no operand, two words), ``spm`` (0-15), ``absolute`` (x,y),
#: ``short`` (one coordinate), ``relative`` (dx,dy), ``gsb`` (13-bit
#: address), ``branch`` (address), ``branch_if`` (address,cond),
#: ``interrupt`` ([code]), ``interrupt_if`` ([code],cond), ``control``
#: (CS), ``stroke`` (MBS/DBS).
ORDERS: dict[str, Order] = {
    "SGMV": Order(0x3200, "none"),
    "SGMP": Order(0x3201, "none"),
    "SCMB": Order(0x3300, "none"),
    "SCML": Order(0x3301, "none"),
    "STMR": Order(0x3400, "none"),
    "SRVT": Order(0x3500, "srvt"),
    "RVT": Order(0x3600, "none"),
    "GNOP": Order(0x3100, "none"),
    "SPM": Order(0x3100, "spm"),
    "MBA": Order(0x4000, "absolute"),
    "DBA": Order(0x5000, "absolute"),
    "MBAX": Order(0x6000, "short"),
    "MBAY": Order(0x6800, "short"),
    "DBAX": Order(0x7000, "short"),
    "DBAY": Order(0x7800, "short"),
    "MBI": Order(0x8000, "relative"),
    "DBI": Order(0x8080, "relative"),
    "GSB": Order(0x0000, "gsb"),
    "GB": Order(0x2800, "branch", "IN"),
    "GBC": Order(0x2800, "branch_if", "IN"),
    "GI": Order(0x2000, "interrupt", "N"),
    "GIC": Order(0x2000, "interrupt_if", "N"),
    "CS": Order(0x7000, "control", "R"),
    "MBS": Order(0x0000, "stroke", "RD"),
    "DBS": Order(0x0800, "stroke", "RD"),
}

#: Modifier bits of the branch and interrupt orders.
INDIRECT = 0x0080
NO_OP = 0x0400
#: Conditions of GBC and GIC: the light-pen switch and detect.
CONDITIONS = {"S": 0x0001, "D": 0x0002, "SD": 0x0003, "DS": 0x0003}
#: CS operands: the y field of a control stroke word.
CONTROL_CODES = {1: 0x0100, 2: 0x0200, 4: 0x0400, 7: 0x0700}
#: Stroke words: the revert bit that ends a character, and the first
#: stroke's flag bit (IBM's assembler sets it unless D is given).
END_OF_CHARACTER = 0x0080
FIRST_STROKE_FLAG = 0x8000
