"""A core image: what a program puts into the 1130's core before it runs.

The one shape of a program ready to load, whoever made it: the assembler
(``Assembly.image``) and the SIMH load-format reader
(``loadformat.parse_out``) both return a :class:`CoreImage`, and the one
way to put it into a machine is ``machine.Ibm1130.load_image(image)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CoreImage:
    """Words by core address, and how the operator starts the program.

    ``words``: load address -> 16-bit word (only the words the program
    loads; core elsewhere is left as it is).  ``start``: the address IAR is
    set to (a load file's ``=addr``, END's operand), or None.
    ``switches``: the console entry switches to preset (a load file's
    ``Sxxxx``, ``.CES``), or None to leave them.  ``origin``: where a
    relocatable program was placed (``relocate.relocated``), or None for
    words at the addresses they were assembled or written for.
    """

    words: dict[int, int] = field(default_factory=dict)
    start: int | None = None
    switches: int | None = None
    origin: int | None = None
