"""SIMH's IBM 1130 load format (``.out``), read and written.

The format of SIMH's ``load`` command and asm1130's output (reference
../shared/reference/ibm1130.md section 6, DESIGN.md "contract: formats"),
one item per line, leading blanks allowed:

* ``@addr``   set the load address (hex);
* ``hhhh ...`` one or more hex words, stored at consecutive addresses;
* ``Znnnn``   store ``nnnn`` (hex) zero words;
* ``=addr``   the start address (IAR);
* ``Sxxxx``   preset the console entry switches;
* blank lines and comments after ``;`` or ``#`` are ignored.

asm1130 marks relocatable addresses and words with a trailing ``R``
(``@0500R``, `` 053FR``); the mark is accepted and the value loaded as is.
"""

from __future__ import annotations

import re

from .coreimage import CoreImage

MAX_MEMORY = 32768


class LoadFormatError(ValueError):
    """A malformed load file; ``str()`` is ``FILE:LINE:COL: message``
    (``FILE:LINE: message`` when no column applies)."""

    def __init__(self, filename: str, line: int, message: str, column: int | None = None) -> None:
        super().__init__(f"{filename}:{line}:" + (f"{column}:" if column else "") + f" {message}")
        self.filename = filename
        self.line = line
        self.column = column
        self.message = message


def _hex(token: str, filename: str, line: int, column: int, what: str, limit: int) -> int:
    text = token[:-1] if token[-1:] in ("R", "r") else token
    try:
        if not text or text.startswith(("+", "-", "0x", "0X")) or "_" in text:
            raise ValueError
        value = int(text, 16)
    except ValueError:
        raise LoadFormatError(filename, line, f"bad hex {what} {token!r}", column=column) from None
    if value >= limit:
        raise LoadFormatError(filename, line, f"{what} {token!r} is out of range (limit {limit - 1:#x})", column=column)
    return value


def parse_out(text: str, filename: str = "<load file>", memory_words: int = MAX_MEMORY) -> CoreImage:
    """Parse load-format ``text`` into a :class:`CoreImage` (``words`` by
    address, values 0-65535; the ``start`` address and preset ``switches``,
    or None); ``Ibm1130.load_image`` loads it.  ``memory_words`` bounds the
    addresses (an address or a word stored beyond the memory is an error).

    Raises :class:`LoadFormatError` naming ``filename`` and the line for bad
    hex, an address beyond memory, a word over 16 bits or an unknown line."""
    image = CoreImage()
    address = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        body = raw
        for mark in (";", "#"):
            if mark in body:
                body = body[:body.index(mark)]
        stripped = body.lstrip()
        if not stripped.strip():
            continue
        column = len(body) - len(stripped) + 1
        tag = stripped[0]
        if tag in "@=ZzSs":
            rest = stripped[1:].strip()
            if not rest or len(rest.split()) != 1:
                raise LoadFormatError(filename, number, f"{tag!r} needs one hex value", column=column)
            if tag == "@":
                address = _hex(rest, filename, number, column + 1, "address", memory_words)
            elif tag == "=":
                image.start = _hex(rest, filename, number, column + 1, "start address", memory_words)
            elif tag in "Zz":
                count = _hex(rest, filename, number, column + 1, "zero count", memory_words + 1)
                if address + count > memory_words:
                    raise LoadFormatError(filename, number, f"zero fill runs past the end of memory ({memory_words} words)", column=column)
                for offset in range(count):
                    image.words[address + offset] = 0
                address += count
            else:
                image.switches = _hex(rest, filename, number, column + 1, "switch setting", 0x10000)
            continue
        if tag not in "0123456789abcdefABCDEF":
            raise LoadFormatError(filename, number, f"unknown line {raw.strip()!r}", column=column)
        for match in re.finditer(r"\S+", body):
            position = match.start() + 1
            if address >= memory_words:
                raise LoadFormatError(filename, number, f"address {address:#06x} is beyond memory ({memory_words} words)", column=position)
            image.words[address] = _hex(match.group(), filename, number, position, "word", 0x10000)
            address += 1
    return image


def write_out(words: dict[int, int], start: int | None = None, switches: int | None = None,
              comment: str | None = None) -> str:
    """Load-format text for ``words`` (address -> word): one ``@addr`` per
    run of consecutive addresses, 8 words a line, then ``Sxxxx`` and
    ``=addr`` if given.  ``parse_out`` reads it back to the same image."""
    lines = []
    if comment:
        lines.extend(f"; {line}" for line in comment.splitlines())
    run: list[int] = []
    run_start = 0

    def flush() -> None:
        if run:
            lines.append(f"@{run_start:04X}")
            for i in range(0, len(run), 8):
                lines.append(" ".join(f"{w:04X}" for w in run[i:i + 8]))

    previous = None
    for address in sorted(words):
        if previous is None or address != previous + 1:
            flush()
            run = []
            run_start = address
        run.append(words[address] & 0xFFFF)
        previous = address
    flush()
    if switches is not None:
        lines.append(f"S{switches & 0xFFFF:04X}")
    if start is not None:
        lines.append(f"={start:04X}")
    return "\n".join(lines) + "\n"
