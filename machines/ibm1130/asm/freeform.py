"""Free-form source lines, and any source shown in IBM card columns.

What a newcomer types today is neither IBM's card columns nor asm1130's
strict tab form but the fields in order, separated by blanks or tabs::

    START LD   X
          A    Y
          STO  L  Z      the sum
          LDX  1  COUNT
    X     DC   5

The fields are those of the tab form (reference ibm1130.md section 7):
label, operation, modifiers, operand, then remarks.

* A line that starts with a blank has no label.  A line that starts with a
  known operation followed by something that is not one (``LD X``,
  ``END START``) has none either, so typing from column 1 works; ``B EQU
  5`` is still the label B.
* The token after the operation is the modifiers (format L I X E and index
  register 1-3, at most two characters, each one the operation allows)
  when another token follows it: ``LD L X`` is long, ``LDX 1 COUNT`` loads
  XR1, but ``LD X`` loads X.  So a one-letter operand that is also a
  modifier (``LD X``) must not be followed by a remark.
* The operand ends at the first blank (IBM's rule, as in every form); the
  rest is remarks.

A line is read in free form only where the card-column reading fails: the
card form keeps working exactly as before (columns 1-20 blank, or a card
whose statement fits columns 21-71 with something in 1-20, which IBM's
assembler reads past).  Tab lines stay asm1130's positional tab form.

:func:`parse_source_line` is the assembler's reader (passes.py);
:func:`card_columns` rewrites a whole source in card columns (the page's
"Card columns" button and the listing); :func:`source_form` names the form
a source is written in.
"""

from __future__ import annotations

from .operations import IBM_1800_ONLY, OPERATIONS
from .source import (CARD_LABEL, CARD_MODIFIERS, CARD_OPERAND, CARD_OPERATION, MARGIN_PROBLEM,
                     SourceLine, operand_token, parse_line)

FORMAT_MODIFIERS = "LIXE"     # card column 32
TAG_MODIFIERS = "0123"        # card column 33
_KNOWN = set(OPERATIONS) | set(IBM_1800_ONLY)
_WHOLE_FIELD = {"EBC", "DMES", "HDNG"}    # they read the operand field past its first blank


def _tokens(text: str) -> list[tuple[int, str]]:
    """The blank- or tab-separated tokens of ``text`` with their 0-based starts."""
    out: list[tuple[int, str]] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            break
        start = i
        while i < n and text[i] not in " \t":
            i += 1
        out.append((start, text[start:i]))
    return out


def _is_modifiers(token: str, operation: str) -> bool:
    """True when ``token`` can only be the modifiers field of ``operation``."""
    spec = OPERATIONS.get(operation)
    if spec is None or spec.allowed in ("", "*") or not 1 <= len(token) <= 2:
        return False
    token = token.upper()
    return (all(ch in spec.allowed for ch in token)
            and sum(ch in FORMAT_MODIFIERS for ch in token) <= 1
            and sum(ch in TAG_MODIFIERS for ch in token) <= 1)


def parse_free_form(text: str, number: int, filename: str = "<source>") -> SourceLine | None:
    """The free-form reading of one line (no tab in it), or None when it
    has no operation to read (then the card reading's error stands)."""
    line = SourceLine(filename, number, text, kind="statement", form="free")
    tokens = _tokens(text)
    if not tokens:
        return None
    if tokens[0][1].startswith("*"):
        line.kind = "comment"
        return line
    has_label = text[0] not in " \t"
    if has_label and tokens[0][1].upper() in _KNOWN and (
            len(tokens) == 1 or tokens[1][1].upper() not in _KNOWN):
        has_label = False               # "LD X" typed from column 1
    if has_label:
        (start, label), tokens = tokens[0], tokens[1:]
        line.label, line.label_column = label.upper(), start + 1
    if not tokens:
        return line if line.label else None
    (start, operation), tokens = tokens[0], tokens[1:]
    line.operation, line.operation_column = operation.upper(), start + 1
    line.modifiers_column = line.operation_column + len(operation) + 1
    if len(tokens) >= 2 and _is_modifiers(tokens[0][1], line.operation):
        (start, modifiers), tokens = tokens[0], tokens[1:]
        line.modifiers, line.modifiers_column = modifiers.upper(), start + 1
    if tokens:
        start = tokens[0][0]
        line.field = text[start:].rstrip()
        line.operand = operand_token(line.field)
        line.operand_column = start + 1
    else:
        line.operand_column = len(text.rstrip()) + 2
    return line


def _card_reading_failed(line: SourceLine) -> bool:
    """True for a card-form line that is no card: text typed in columns 1-20."""
    return line.form == "card" and line.kind == "statement" and (
        line.problem == MARGIN_PROBLEM or (bool(line.notice) and line.operation not in _KNOWN))


def parse_source_line(text: str, number: int, filename: str = "<source>") -> SourceLine:
    """One source line in whichever form it is written: IBM card columns,
    asm1130's tab form (source.parse_line), or free form where the card
    reading fails.  Never raises; problems are in the line's ``problem``."""
    line = parse_line(text, number, filename)
    if _card_reading_failed(line):
        free = parse_free_form(line.text, number, filename)
        if free is not None:
            return free
    return line


def _card_modifiers(modifiers: str) -> str | None:
    """Columns 32-33 for the modifiers, or None when they do not fit."""
    fmt = "".join(ch for ch in modifiers if ch in FORMAT_MODIFIERS)
    tag = "".join(ch for ch in modifiers if ch in TAG_MODIFIERS)
    rest = "".join(ch for ch in modifiers if ch not in FORMAT_MODIFIERS + TAG_MODIFIERS)
    if rest:      # DMES's code set digit or ILS's level: as typed
        return modifiers.ljust(2) if len(modifiers) <= 2 else None
    if len(fmt) > 1 or len(tag) > 1:
        return None
    return (fmt or " ") + (tag or " ")


def card_line(line: SourceLine) -> str | None:
    """The card-column text of a free-form or tab-form statement or comment
    (label 21-25, operation 27-30, modifiers 32-33, operand and remarks
    from 35), or None when its fields do not fit their columns (a long
    label, a five-letter operation), so the line is kept as typed."""
    if line.kind == "comment":
        return "*" + line.text.strip()[1:].rstrip()
    if line.kind != "statement" or line.problem:
        return None
    modifiers = _card_modifiers(line.modifiers)
    widths = (CARD_LABEL[1] - CARD_LABEL[0] + 1, CARD_OPERATION[1] - CARD_OPERATION[0] + 1)
    if modifiers is None or len(line.label) > widths[0] or len(line.operation) > widths[1]:
        return None
    room = CARD_OPERAND[1] - CARD_OPERAND[0] + 1
    if len(line.operand) > room or (len(line.field) > room and line.operation in _WHOLE_FIELD):
        return None
    text = (" " * (CARD_LABEL[0] - 1) + line.label.ljust(widths[0] + 1)
            + line.operation.ljust(widths[1] + 1)
            + modifiers.ljust(CARD_OPERAND[0] - CARD_MODIFIERS[0]) + line.field)
    return text.rstrip()


def card_columns(source: str) -> str:
    """``source`` with every free-form and tab-form line rewritten in IBM
    card columns; card lines, job cards, control cards and lines that do not
    fit are kept exactly as they are.  The result assembles to the same
    words as ``source``."""
    out = []
    lines = source.replace("\r\n", "\n").split("\n")
    for number, text in enumerate(lines, start=1):
        line = parse_source_line(text, number)
        converted = card_line(line) if line.form in ("free", "tab") else None
        out.append(text if converted is None else converted)
    return "\n".join(out)


def source_form(source: str) -> str:
    """The form the statements of ``source`` are written in: ``card``,
    ``free``, ``tab``, ``mixed`` (more than one) or ``card`` when it has no
    statements."""
    forms = set()
    for number, text in enumerate(source.replace("\r\n", "\n").split("\n"), start=1):
        line = parse_source_line(text, number)
        if line.kind == "statement":
            forms.add(line.form)
    if len(forms) > 1:
        return "mixed"
    return forms.pop() if forms else "card"
