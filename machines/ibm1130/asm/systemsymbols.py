"""The system symbol table, ``SYMBOLS.SYS``: what ``*SYSTEM SYMBOL TABLE`` reads.

A DMS program assembled with the ``*SYSTEM SYMBOL TABLE`` control card
(before its first statement) may use the resident monitor's symbols
(``$PBSY``, ``$IOCT``, ``@1403`` ...) without defining them.  IBM's
assembler reads them from the cartridge; the SIMH kit's asm1130 reads
them from ``SYMBOLS.SYS`` in the current directory, a text file of
``NAME hex-value`` lines (``$1403 0080``), which the kit keeps beside
DMS's sources.  Ours reads the file beside the source file (or takes the
table from the caller: ``assemble(..., system_symbols=...)``).  The
symbols are absolute; a program's own definition of a name wins.
"""

from __future__ import annotations

from pathlib import Path

from .expressions import is_symbol, normalize_symbol

SYSTEM_TABLE = "SYMBOLS.SYS"
CONTROL_CARD = "*SYSTEM SYMBOL TABLE"


def parse_system_symbols(text: str) -> dict[str, int]:
    """The symbols of a ``SYMBOLS.SYS`` text: ``NAME value`` lines, the
    value in hex (asm1130's ``%s %x``); other lines are ignored."""
    table: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2 or not is_symbol(parts[0]):
            continue
        try:
            value = int(parts[1], 16)
        except ValueError:
            continue
        if 0 <= value <= 0xFFFF:
            table[normalize_symbol(parts[0])] = value
    return table


def system_symbols_beside(filename: str) -> dict[str, int] | None:
    """The table in ``SYMBOLS.SYS`` in the source file's folder, or None
    when there is no such file (or ``filename`` is not a file's path)."""
    try:
        source = Path(filename)
        if not source.is_file():
            return None
        folder = source.parent
        for name in (SYSTEM_TABLE, SYSTEM_TABLE.lower()):
            path = folder / name
            if path.is_file():
                return parse_system_symbols(path.read_bytes().decode("latin-1"))
    except (OSError, ValueError):
        return None
    return None
