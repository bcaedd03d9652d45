"""The assembler listing: location, object words, source, symbols, cross reference.

Layout of a line (words flagged ``R`` relocatable, ``L`` LIBF, ``$`` CALL)::

    LOC   OBJECT                      LINE  SOURCE
    0100  C400 0105R                    12  START LD   L  VALUE

A line with an error has ``E`` in column 1 and its messages below it
(``***** FILE:LINE:COL: message``).  HDNG starts a page (form feed) with the
heading, EJCT starts a page, SPAC prints blank lines, LIST OFF stops
listing (lines with errors are always listed).
"""

from __future__ import annotations

from .freeform import card_line

_FLAGS = {0: " ", 1: "R", 2: "L", 3: "$"}
WORDS_PER_LINE = 4


def _source_text(line) -> str:
    if line.form == "free":               # shown in card columns, as it would be punched
        text = card_line(line)
        if text is not None:
            return text[20:]
    text = line.text.expandtabs(8)
    if line.form == "card" and not text[:20].strip():
        return text[20:].rstrip()          # card columns 21-80, as IBM's listings show them
    return text.rstrip()


def format_listing(asm) -> str:
    """The listing of an :class:`~machines.ibm1130.asm.assembly.Assembly` as text."""
    out = [f"IBM 1130 ASSEMBLY LISTING  {asm.filename}",
           "",
           "E LOC   OBJECT                      LINE  SOURCE"]
    for entry in asm.lines:
        if entry.before.strip("\n"):                     # HDNG, EJCT: a new page
            out.append(entry.before.rstrip("\n"))
        elif entry.before:                               # SPAC n: n blank lines
            out.extend([""] * entry.before.count("\n"))
        if not entry.listed and not entry.errors:
            continue
        flag = "E" if entry.errors else " "
        loc = ""
        if entry.address is not None:
            loc = f"{entry.address:04X}" + ("R" if entry.address_relocatable and asm.relocatable
                                            else " ")
        words = [f"{w.word:04X}{_FLAGS[w.relocation]}" for w in entry.words]
        first, rest = words[:WORDS_PER_LINE], words[WORDS_PER_LINE:]
        source = _source_text(entry.line)
        if entry.note:
            source = f"{source}   * {entry.note}" if source else f"* {entry.note}"
        number = entry.line.number if entry.line.text or not entry.note else ""
        out.append(f"{flag} {loc:<5} {' '.join(first):<27} {number!s:>5}  {source}".rstrip())
        while rest:
            chunk, rest = rest[:WORDS_PER_LINE], rest[WORDS_PER_LINE:]
            out.append(f"  {'':<5} {' '.join(chunk)}".rstrip())
        for err in entry.errors:
            out.append(f"***** {err}")
    out.append("")
    count = len(asm.errors)
    out.append(f"{count if count else 'NO'} ERROR{'S' if count != 1 else ''} "
               f"IN THIS ASSEMBLY" + (f", {len(asm.warnings)} WARNING(S)" if asm.warnings else ""))
    if asm.start is not None:
        out.append(f"PROGRAM TRANSFER ADDRESS {asm.start:04X}")
    out.append("")
    out += symbol_table(asm)
    out.append("")
    out += cross_reference(asm)
    return "\n".join(out) + "\n"


def symbol_table(asm) -> list[str]:
    """Sorted symbol table, five symbols a line (``R`` marks relocatable)."""
    lines = ["SYMBOL TABLE"]
    names = sorted(asm.symbols)
    row = []
    for name in names:
        s = asm.symbols[name]
        row.append(f"{name:<5} {s.value:04X}{'R' if s.relocatable else ' '}")
        if len(row) == 5:
            lines.append("   ".join(row))
            row = []
    if row:
        lines.append("   ".join(row))
    if not names:
        lines.append("(no symbols)")
    return lines


def cross_reference(asm) -> list[str]:
    """Name, value, defining line and the lines that use each symbol."""
    lines = ["CROSS REFERENCE", "NAME  VALUE  DEFN  REFERENCES"]
    for name in sorted(asm.symbols):
        s = asm.symbols[name]
        refs = sorted(set(r for r in s.references if r != s.line))
        head = f"{name:<5} {s.value:04X}{'R' if s.relocatable else ' '} {s.line:5d} "
        if not refs:
            lines.append(head + " (not referenced)")
            continue
        for i in range(0, len(refs), 12):
            chunk = " ".join(f"{r:5d}" for r in refs[i:i + 12])
            lines.append((head if i == 0 else " " * len(head)) + chunk)
    return lines
