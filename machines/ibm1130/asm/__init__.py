"""The IBM 1130 assembler language tools.

``assembler`` (``assemble()``) puts together the two passes: ``source``
splits lines into fields, ``expressions`` and ``constants`` evaluate
operands, ``operations`` is the table of mnemonics and directives,
``passes`` the pass machinery, ``instructions`` the machine-instruction
encoders, ``directives`` the directives; the result is an ``assembly``
whose ``image`` is a ``coreimage.CoreImage``, the same type the SIMH load
format reader (``loadformat``) returns and ``Ibm1130.load_image`` loads.
From a result come its ``listing`` and the decks it punches
(``objectdeck``); then the ``disassembler`` and the ``asm`` command line
(``command``).  Dependencies go one way (tests/test_package_structure.py
checks that no modules import each other): the result, its outputs and the
operation table know nothing of the passes.
"""
