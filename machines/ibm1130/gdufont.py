"""The project's vector font as IBM 2250 character stroke data in 1130 assembler.

The 2250 Model 4 on the 1130 draws characters from stroke data in core: in
character mode a branch order goes to a character's strokes (MBS beam off,
DBS beam on, two to a word, on a 7 x 8 grid) and comes back at the one
marked R (reference section 5, devices/gduorders.py).  IBM's programs
carried such a table; ours is generated from machines/vector/font.py, whose
capitals, digits and punctuation lie on a 0-4 x 0-6 grid, so the example
programs' labels look like the rest of the project's text.

``stroke_table(characters, prefix)`` writes the assembler statements (card
columns, as the SIMH kit's sources are) that the example programs in
web/examples/ carry; tests check the shipped tables against it.
"""

from __future__ import annotations

from ..vector import font

#: Labels of the table: ``prefix`` + a name per character (5 columns at most).
NAMES = {" ": "SP", ".": "PT", "-": "MI", ":": "CO", "=": "EQ", "/": "SL", "?": "QU",
         "(": "LP", ")": "RP", "+": "PL", ",": "CM", "*": "ST", "'": "AP"}


def card(label: str, operation: str, modifiers: str = "", operand: str = "", remark: str = "") -> str:
    """One statement in IBM card columns: label 21-25, operation 27-30,
    modifiers 32-33, operand 35 on (columns 1-20 blank)."""
    line = " " * 20 + f"{label:<5} {operation:<4} {modifiers:<2} {operand}"
    if remark:
        line = f"{line:<55} {remark}"
    return line.rstrip()


def label(ch: str, prefix: str = "C") -> str:
    """The table label of character ``ch`` (``ValueError`` if it has none)."""
    name = ch if ch.isalnum() else NAMES.get(ch)
    if name is None or len(prefix + name) > 5:
        raise ValueError(f"no 2250 stroke-table label for {ch!r}")
    return prefix + name


def strokes(ch: str) -> list[tuple[bool, int, int]]:
    """Character ``ch`` as beam moves ``(beam_on, x, y)`` on the stroke
    grid; ``ValueError`` when it does not fit the grid (x 0-6, y 0-7)."""
    moves: list[tuple[bool, int, int]] = []
    for stroke in font.strokes(ch):
        points = [(int(x), int(y)) for x, y in stroke]
        if any(x != fx or y != fy for (x, y), (fx, fy) in zip(points, stroke)) or \
                any(not (0 <= x <= 6 and 0 <= y <= 7) for x, y in points):
            raise ValueError(f"{ch!r} does not fit the 2250's stroke grid")
        moves.append((False, *points[0]))
        moves.extend((True, x, y) for x, y in (points[1:] or points))   # a dot: draw in place
    return moves or [(False, 0, 0)]


def stroke_table(characters: str, prefix: str = "C") -> str:
    """Assembler statements defining each distinct character of
    ``characters`` (in order of first appearance) as 2250 stroke data,
    labelled ``label(ch, prefix)``; the last stroke of each is marked R."""
    lines = []
    for ch in dict.fromkeys(characters):
        moves = strokes(ch)
        for i, (on, x, y) in enumerate(moves):
            lines.append(card(label(ch, prefix) if i == 0 else "", "DBS" if on else "MBS",
                              "R" if i == len(moves) - 1 else "", f"{x},{y}",
                              f"* {ch!r}" if i == 0 else ""))
    return "\n".join(lines) + "\n"
