"""Source lines of the IBM 1130 assembler language, split into fields.

Two forms are accepted, chosen per line (reference section 7):

* **IBM card columns**: label in columns 21-25, operation 27-30, format and
  tag ("modifiers") 32-33, operand from column 35; columns 72-80 are not
  read (72 is the continuation column, 73-80 the sequence field).  ``*`` in
  column 21 is a comment.
* **tab-separated**: ``label<TAB>operation<TAB>modifiers<TAB>operand``;
  the fields are positional, so ``<TAB>SRT<TAB><TAB>16`` has empty
  modifiers.  A line containing a tab is read in this form.  (asm1130 reads
  every line after the first tab in tab form; we decide per line, so card
  and tab lines can be mixed.)

In both forms ``*`` in column 1 is a comment (or an assembler control card
``*LIST``, ``*XREF``, ``*SBRK`` ...), ``//`` in column 1 a job control card,
and the operand ends at the first blank (IBM's rule: ``DC 1, 2`` assembles
only the 1), except that ``.c`` takes the next character whatever it is
and ``(`` runs to ``)``.  Everything after the operand is remarks.
"""

from __future__ import annotations

from dataclasses import dataclass

CARD_LABEL = (21, 25)
CARD_OPERATION = (27, 30)
CARD_MODIFIERS = (32, 33)
CARD_OPERAND = (35, 71)


@dataclass
class SourceLine:
    """One line of source, split into fields.

    ``kind`` is ``statement``, ``comment``, ``control`` (``*`` in column 1
    followed by a control word), ``job`` (``//``) or ``blank``.  Columns are
    1-based positions in the original line (a tab counts as one), for error
    messages.  ``label``, ``operation`` and ``modifiers`` are upper case;
    ``operand`` is the operand token (upper case except character
    constants); ``field`` is the whole operand field with its blanks and
    remarks, as typed (DMES, EBC and ISS read it).
    """

    filename: str
    number: int
    text: str
    kind: str = "blank"
    form: str = "card"
    label: str = ""
    operation: str = ""
    modifiers: str = ""
    operand: str = ""
    field: str = ""
    label_column: int = 1
    operation_column: int = 1
    modifiers_column: int = 1
    operand_column: int = 1
    problem: str = ""
    problem_column: int = 0
    notice: str = ""               # a warning about the line's form
    notice_column: int = 0
    card_modifiers: str = "  "     # card columns 32-33 as punched


def operand_token(text: str) -> str:
    """The operand: ``text`` up to the first blank, with ``.c`` and ``(...)``
    taken whole.  Letters become upper case, except a character after ``.``.
    """
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n and text[i] > " ":
        ch = text[i]
        if ch == ".":
            out.append(ch)
            i += 1
            if i < n:
                out.append(text[i])      # any character, even a blank
                i += 1
        elif ch == "(":
            close = text.find(")", i)
            close = n - 1 if close < 0 else close
            out.append(text[i:close + 1].upper())
            i = close + 1
        else:
            out.append(ch.upper())
            i += 1
    return "".join(out)


def _condense(text: str, first: int, last: int) -> str:
    """Non-blank characters of columns first..last (1-based), upper case."""
    return "".join(ch for ch in text[first - 1:last] if ch > " ").upper()


def parse_line(text: str, number: int, filename: str = "<source>") -> SourceLine:
    """Split one source line (without its newline) into a :class:`SourceLine`."""
    text = text.rstrip("\r\n")
    line = SourceLine(filename, number, text)
    stripped = text.strip()
    if not stripped:
        return line
    if text.startswith("//"):
        line.kind = "job"
        return line
    if text.startswith("*"):
        word = text[1:].split(None, 1)[0].upper() if len(text) > 1 and text[1] > " " else ""
        line.kind = "control" if word in CONTROL_WORDS else "comment"
        return line
    if "\t" in text:
        return _parse_tab_form(line)
    return _parse_card_form(line)


CONTROL_WORDS = frozenset({"LIST", "XREF", "SBRK", "PRINT", "SAVE", "SYSTEM",
                           "ONE", "TWO", "COMMON", "LEVEL", "OVERFLOW", "DELETE", "STORE"})


MARGIN_PROBLEM = ("card columns 1-20 must be blank: the label starts in column 21, "
                  "the operation in 27 (or separate the fields with tabs)")


def _parse_card_form(line: SourceLine) -> SourceLine:
    text = line.text
    line.form = "card"
    if len(text) > 20 and text[20] == "*":
        line.kind = "comment"
        return line
    margin = text[:20]
    body = text[:CARD_OPERAND[1]]
    line.kind = "statement"
    if margin.strip():
        # IBM's assembler does not read columns 1-20 (its listing prints the
        # address and object words there); DMS's ptmasmbl has a card with
        # E3 in columns 10-11.  A card whose statement fits columns 21-71 is
        # read with a warning; anything else is text typed from column 1
        # (so is a card whose operation is unknown: passes.py checks that).
        first = next((i for i, ch in enumerate(margin) if not ch.isspace()), 0)
        _parse_card_fields(line, body)
        if line.problem or not line.operation:
            line.kind, line.label, line.operation = "statement", "", ""
            line.problem = MARGIN_PROBLEM
            line.problem_column = first + 1
        else:
            line.notice = ("card columns 1-20 are not read (the label starts in column 21, "
                           "the operation in 27)")
            line.notice_column = first + 1
        return line
    return _parse_card_fields(line, body)


def _parse_card_fields(line: SourceLine, body: str) -> SourceLine:
    """The fields of card columns 21-71 (``body`` is columns 1-71)."""
    for column, field_name in ((26, "label"), (31, "operation"), (34, "format and tag")):
        if len(body) >= column and body[column - 1] > " ":
            if column == 34 and _condense(body, *CARD_OPERATION) == "HDNG":
                break             # IBM's heading is columns 35-71; 32-34 are not read
            line.problem = (f"card column {column} must be blank: it ends the {field_name} "
                            "field (label 21-25, operation 27-30, format/tag 32-33, "
                            "operand 35-71)")
            line.problem_column = column
            return line
    line.label = _condense(body, *CARD_LABEL)
    line.operation = _condense(body, *CARD_OPERATION)
    line.modifiers = _condense(body, *CARD_MODIFIERS)
    line.card_modifiers = (body[CARD_MODIFIERS[0] - 1:CARD_MODIFIERS[1]] + "  ")[:2]
    line.label_column, line.operation_column = CARD_LABEL[0], CARD_OPERATION[0]
    line.modifiers_column, line.operand_column = CARD_MODIFIERS[0], CARD_OPERAND[0]
    field = body[CARD_OPERAND[0] - 1:].rstrip()
    line.field = field
    line.operand = operand_token(field)
    if not line.label and not line.operation:
        line.kind = "blank" if not field.strip() else "statement"
        if field.strip():
            line.problem = "operand without an operation (the operation goes in columns 27-30)"
            line.problem_column = CARD_OPERAND[0]
    return line


def _parse_tab_form(line: SourceLine) -> SourceLine:
    text = line.text
    line.form = "tab"
    if text.lstrip().startswith("*"):
        line.kind = "comment"
        return line
    parts = text.split("\t", 3)
    while len(parts) < 4:
        parts.append("")
    starts = []
    position = 0
    for part in parts:
        starts.append(position)
        position += len(part) + 1
    line.kind = "statement"
    line.label = parts[0].strip().upper()
    line.operation = parts[1].strip().upper()
    line.modifiers = parts[2].strip().upper()
    raw = parts[3]
    lead = len(raw) - len(raw.lstrip(" "))
    line.field = raw.rstrip()
    line.operand = operand_token(raw.lstrip(" "))
    line.label_column = starts[0] + 1 + (len(parts[0]) - len(parts[0].lstrip()))
    line.operation_column = starts[1] + 1 + (len(parts[1]) - len(parts[1].lstrip()))
    line.modifiers_column = starts[2] + 1 + (len(parts[2]) - len(parts[2].lstrip()))
    line.operand_column = starts[3] + 1 + lead
    if " " in parts[0].strip():
        line.problem = "the label field holds a blank; separate label and operation with a tab"
        line.problem_column = line.label_column
    elif not line.label and not line.operation:
        line.kind = "blank" if not line.field.strip() else "statement"
        if line.field.strip():
            line.problem = "operand without an operation"
            line.problem_column = line.operand_column
    return line
