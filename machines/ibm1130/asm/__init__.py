"""The IBM 1130 assembler language tools.

``assembler`` (two passes over ``source`` lines, ``expressions``,
``constants``), its ``listing``, the decks it punches (``objectdeck``), the
SIMH load format reader (``loadformat``), the ``disassembler``, and the
``asm`` command line (``command``).
"""
