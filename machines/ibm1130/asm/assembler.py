"""The IBM 1130 assembler: asm1130's language, two passes, every error collected.

``assemble(source, filename)`` returns an :class:`Assembly` with the
program's core image (``image``: words by absolute load address, start
address, switches), symbols, errors and the outputs: listing, SIMH load
file (``.out``), the DMS relocatable object deck, a core-image deck and a
cold start card.

The language is the one of reference section 7 (IBM's 1130 Assembler as
accepted by SIMH's asm1130, which assembles IBM's own DMS sources):
machine operations with format and tag modifiers ``L I X 0-3``, the branch
mnemonics, and the directives ABS, ORG, EQU, DC, DEC, XFLC, BSS, BES, EBC,
DMES, DN, DSA, FILE, ENT, LIBR, ISS, ILS, SPR, EPR, CALL, LIBF, LINK, EXIT,
DUMP, PDMP, LORG, HDNG, LIST, SPAC, EJCT, END, the conditional assembly
directives AGO, AIF and ANOP, and asm1130's ``.CES``, and the IBM 2250's display orders (graphics.py).  Differences from
asm1130, each following the IBM manual or the reference:

* literals (``LD L =5``) are accepted and placed by LORG or END;
* BOD is BSC L with the E (odd) test, 0x4804 (asm1130 writes 0x4840, BOSC);
* shift counts 0-63 are accepted (the hardware's range; asm1130 stops at 32);
* the source form (card columns or tabs) is chosen per line;
* a modifier an operation does not take is an error, not a warning
  (except BSS and BES on a card, where IBM's assembler ignores it: a warning).

What IBM's assembler accepts in its own DMS sources, ours accepts too
(tests/test_asm_dms_sources.py assembles all 256 of DMS R2V12's):
16-bit arithmetic that wraps, negative binary points, a blank XFLC, an
unlabelled EQU (a warning), HDNG text from column 32, anything in columns
1-20 of a card (a warning), and ``*SYSTEM SYMBOL TABLE``, which reads the
monitor's symbols from SYMBOLS.SYS beside the source (systemsymbols.py).

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

The parts, one idea a module: source.py splits a line into fields,
expressions.py and constants.py evaluate operands and constants,
operations.py is the table of mnemonics and directives, passes.py the pass
machinery, instructions.py the machine-instruction encoders, directives.py
the directives, assembly.py the result and coreimage.py the core image it
carries; listing.py and objectdeck.py turn a result into text and cards.
"""

from __future__ import annotations

from .assembly import Assembly, AssemblyFailed, AsmError, Symbol
from .coreimage import CoreImage
from .directives import Directives
from .graphics import GraphicOrders
from .instructions import InstructionEncoders
from .operations import OPERATIONS

__all__ = ["assemble", "Assembly", "AssemblyFailed", "AsmError", "Symbol", "CoreImage",
           "OPERATIONS"]


class _Assembler(InstructionEncoders, Directives, GraphicOrders):
    """The assembler: the pass machinery with both kinds of handler."""


def assemble(source: str, filename: str = "<source>",
             system_symbols: dict[str, int] | None = None) -> Assembly:
    """Assemble 1130 source text; never raises for bad source (see ``.errors``).

    ``system_symbols`` (name -> value) is the table ``*SYSTEM SYMBOL TABLE``
    reads; without it, SYMBOLS.SYS beside ``filename`` (systemsymbols.py).
    """
    return _Assembler(source, filename, system_symbols).run()
