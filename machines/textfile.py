"""A text file's bytes as text, with one error for a byte that is not UTF-8.

Every reader of the project's text files decodes through here, so a file
that is not UTF-8 is named the same way everywhere (the console keyboard's
scripts, the challenge files, the keypunch's text, the games' input files
and saved data): ``FILE:LINE:COLUMN: not UTF-8 text (byte 0xE9)``, the
line and column (counted in characters, from 1) of the first bad byte.
Assembler sources and card decks, which SIMH-era tools wrote in Latin-1,
fall back to it instead (:func:`decode_utf8_or_latin1`).
"""

from __future__ import annotations


class NotUtf8Error(ValueError):
    """A file that is not UTF-8: ``filename``, ``line``, ``column`` of the
    first bad byte and ``byte`` (its value); ``message`` is the phrase
    without the place, ``str()`` is ``FILE:LINE:COLUMN: message``."""

    def __init__(self, filename: str, line: int, column: int, byte: int) -> None:
        self.filename, self.line, self.column, self.byte = filename, line, column, byte
        self.message = f"not UTF-8 text (byte 0x{byte:02X})"
        super().__init__(f"{filename}:{line}:{column}: {self.message}")


def decode_utf8(data: bytes, filename: str) -> str:
    """``data`` decoded as UTF-8; :class:`NotUtf8Error` naming ``filename``
    and the place of the first byte that is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8")) + 1    # valid up to the bad byte
        raise NotUtf8Error(filename, data.count(b"\n", 0, start) + 1, column, data[start]) from None


def decode_utf8_or_latin1(data: bytes) -> str:
    """``data`` as UTF-8, or as Latin-1 when it is not (SIMH-era files write
    the 029's ¢ and ¬ in Latin-1); never fails."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
