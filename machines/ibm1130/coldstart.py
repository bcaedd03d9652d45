"""PROGRAM LOAD (cold start): one card from the 1442 into core 0-79, or the
DMS cold start program for the disk named by the console switches.

Reference: ../shared/reference/ibm1130.md sections 4.8 (cold-start card)
and 8 (PROGRAM LOAD); SIMH ``cr_boot`` / ``dsk_boot`` / ``load_cr_boot``.

PROGRAM LOAD on the real machine resets the system, reads one card from
the 1442 in the cold-start format (each column becomes a short, non-indexed
instruction word: ``cards.coldstart_words``), stores the 80 words at 0-79
and starts at 0.  SIMH's PROGRAM LOAD boots the disk when no deck is in the
reader: it stores IBM's DMS V2M12 cold start card (below) and starts it; the
card reads the console switches (& 7) to choose the drive.
"""

from __future__ import annotations

from typing import Any

from .cards import Card, coldstart_words

# IBM's DMS V2M12 cold start card as the 80 words it leaves in core 0-79
# (SIMH ibm1130_cr.c ``dms_boot_data``, "already expanded to 16 bits").
DMS_COLDSTART_WORDS = (
    0xC80A, 0x18C2, 0xD008, 0xC019, 0x8007, 0xD017, 0xC033, 0x100A,
    0xD031, 0x7015, 0x000C, 0xE800, 0x0020, 0x08F8, 0x4828, 0x7035,
    0x70FA, 0x4814, 0xF026, 0x2000, 0x8800, 0x9000, 0x9800, 0xA000,
    0xB000, 0xB800, 0xB810, 0xB820, 0xB830, 0xB820, 0x3000, 0x08EA,
    0xC0EB, 0x4828, 0x70FB, 0x9027, 0x4830, 0x70F8, 0x8001, 0xD000,
    0xC0F4, 0xD0D9, 0xC01D, 0x1804, 0xE8D6, 0xD0D9, 0xC8E3, 0x18D3,
    0xD017, 0x18C4, 0xD0D8, 0x9016, 0xD815, 0x90DB, 0xE8CC, 0xD0EF,
    0xC016, 0x1807, 0x0035, 0x00D0, 0xC008, 0x1803, 0xE8C4, 0xD00F,
    0x080D, 0x08C4, 0x1003, 0x4810, 0x70D9, 0x3000, 0x08DF, 0x3000,
    0x7010, 0x00D1, 0x0028, 0x000A, 0x70F3, 0x0000, 0x00D0, 0xA0C0,
)

SOURCES = ("reader", "disk", "auto")


class ProgramLoadError(RuntimeError):
    """PROGRAM LOAD could not start (no card in the reader, no reader)."""


def program_load(system: Any, reader: Any, source: str = "auto", drive: int | None = None) -> str:
    """Press PROGRAM LOAD on ``system``: reset, load core 0-79 and leave IAR = 0.

    ``reader`` is the 1442 (``Reader1442``) or None if the machine has none.
    ``source``: ``reader`` reads one card from the 1442 hopper in the cold
    start format; ``disk`` stores the DMS cold start card's words (the disk
    is chosen by the console switches & 7; ``drive`` sets the switches to a
    drive number first, as SIMH's ``boot dsk N`` does); ``auto`` is SIMH's
    button: the reader if it has a card, else the disk.  Returns the source
    used.  Raises ``ProgramLoadError`` when the reader has no card.
    """
    if source not in SOURCES:
        raise ValueError(f"PROGRAM LOAD source {source!r} is not one of {', '.join(SOURCES)}")
    if source == "auto":
        source = "reader" if reader is not None and reader.cards_in_hopper > 0 else "disk"
    system.reset()
    if source == "reader":
        if reader is None:
            raise ProgramLoadError("PROGRAM LOAD: there is no 1442 card reader")
        columns = reader.program_load_card()
        if columns is None:
            raise ProgramLoadError("PROGRAM LOAD: the 1442 hopper is empty (put the cold start card first)")
        words = coldstart_words(Card(columns))
    else:
        if drive is not None:
            system.switches = drive & 0xFFFF
        words = list(DMS_COLDSTART_WORDS)
    for address, word in enumerate(words):
        system.store(address, word)
    system.iar = 0
    return source
