"""Load a relocatable assembly at an origin, as the DMS loader places a program.

A relocatable program (no ABS) is assembled from address 0, but low core
is not free: the index registers are words 1-3 and the interrupt vectors
words 8-13 (reference ibm1130.md 4.1), so a program loaded at 0 is
overwritten by its own LDX or interrupt set-up (the SIMH kit's gdu.asm
stores its level-3 vector at /000B, inside its own code).  DMS's loader
puts a ``// XEQ`` mainline after the core image header, at
:data:`DMS_ORIGIN`; ``run`` and ``desktop`` load relocatable sources
there unless given ``--origin``.
"""

from __future__ import annotations

from .assembly import RELOCATABLE, Assembly
from .coreimage import CoreImage

DMS_ORIGIN = 0x01FE
"""Where DMS V2 (R2V12, the SIMH kit's) loads a ``// XEQ`` mainline: the
kit's gdu.job, run under DMS here, has gdu.asm's words at /01FE-/0237,
after the core image header at /01E0-/01FD (measured, word for word)."""


def check_origin(origin: int) -> None:
    """Raise ``ValueError`` unless ``origin`` can take a relocatable
    program: inside core (0-0x7FFF) and even, since the assembler's
    even-address words (``BSS E``, the operands of LDD/STD) must stay even
    (DMS loads at even addresses only)."""
    if not 0 <= origin <= 0x7FFF:
        raise ValueError(f"origin {origin:#06x} is outside core (0 to 0x7fff)")
    if origin % 2:
        raise ValueError(f"origin {origin:04X} is odd; a relocatable program loads at an even "
                         "address (its BSS E blocks and double words stay even)")


def relocated(assembly: Assembly, origin: int) -> CoreImage:
    """``assembly``'s core image loaded at ``origin`` (even, 0-0x7FFE):
    each relocatable program's addresses and its relocatable words move by
    ``origin``, and the image's ``origin`` says where it went; it starts
    at END's operand moved likewise, or at ``origin`` without one.  An
    absolute program (ABS) is returned unchanged.  Raises ``ValueError``
    for an origin :func:`check_origin` refuses or an assembly with errors."""
    if assembly.errors:
        raise ValueError(f"{assembly.filename}: the assembly has errors")
    check_origin(origin)
    if not assembly.relocatable:
        return assembly.image
    image = CoreImage(start=((assembly.start or 0) + origin) & 0xFFFF,
                      switches=assembly.switches, origin=origin)
    for record in assembly.records:
        if record.advances:
            word = record.word + origin if record.relocation == RELOCATABLE else record.word
            image.words[(record.address + origin) & 0xFFFF] = word & 0xFFFF
    return image
