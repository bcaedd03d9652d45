"""Load a relocatable assembly at an origin, as the DMS loader places a program.

``run`` loads a relocatable program at address 0 (asm1130's load file
does the same); a program that also uses the low core words (the index
registers at 1-3, the interrupt vectors at 8-13), such as the SIMH kit's
gdu.asm, must be loaded higher, as DMS's loader does for ``// XEQ``.
"""

from __future__ import annotations

from .assembly import RELOCATABLE, Assembly
from .coreimage import CoreImage


def relocated(assembly: Assembly, origin: int) -> CoreImage:
    """``assembly``'s core image loaded at ``origin`` (0-0x7FFF): each
    relocatable program's addresses and its relocatable words move by
    ``origin``.  An absolute program (ABS) is returned unchanged.  Raises
    ``ValueError`` for an origin outside core or an assembly with errors."""
    if assembly.errors:
        raise ValueError(f"{assembly.filename}: the assembly has errors")
    if not 0 <= origin <= 0x7FFF:
        raise ValueError(f"origin {origin:#06x} is outside core")
    if not assembly.relocatable:
        return assembly.image
    image = CoreImage(start=None if assembly.start is None else (assembly.start + origin) & 0xFFFF,
                      switches=assembly.switches)
    for record in assembly.records:
        if record.advances:
            word = record.word + origin if record.relocation == RELOCATABLE else record.word
            image.words[(record.address + origin) & 0xFFFF] = word & 0xFFFF
    return image
