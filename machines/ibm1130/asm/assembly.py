"""The result of an assembly: the core image, symbols, diagnostics and outputs.

:class:`Assembly` is what ``assembler.assemble`` returns: the program's
:class:`~machines.ibm1130.asm.coreimage.CoreImage` (``image``: words by
load address, start address, ``.CES`` switches), its symbols, errors and
warnings, the object words in order (:class:`Emitted`, with their
relocation codes) and a :class:`ListedLine` per source line, and the
outputs made from them: the listing (listing.py), the SIMH load file and
the decks (objectdeck.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .coreimage import CoreImage
from .listing import format_listing
from .objectdeck import coldstart_program_card, core_image_deck, load_file_text, object_deck
from .source import SourceLine

ABSOLUTE, RELOCATABLE, LIBF_RELOC, CALL_RELOC = 0, 1, 2, 3
"""Relocation codes of an object word (the object deck's two-bit indicators)."""


@dataclass
class AsmError:
    """One assembler diagnostic; ``str()`` is ``FILE:LINE:COL: message``."""

    filename: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.filename}:{self.line}:{self.column}: {prefix}{self.message}"

    def to_dict(self) -> dict:
        """``line``, ``column``, ``message`` and ``text`` (``str()``), as the pages show it."""
        return {"line": self.line, "column": self.column, "message": self.message, "text": str(self)}


@dataclass
class Symbol:
    """A symbol: value (0-0xFFFF), relocatable flag, where it is defined and used."""

    name: str
    value: int
    relocatable: bool = False
    line: int = 0
    references: list[int] = field(default_factory=list)


@dataclass
class Emitted:
    """One object word: load address, value, relocation code (0 absolute,
    1 relocatable, 2 LIBF, 3 CALL) and whether it takes a core word (the
    first word of a LIBF name code does not)."""

    address: int
    word: int
    relocation: int = ABSOLUTE
    advances: bool = True


@dataclass
class ListedLine:
    """What the listing shows for one source line."""

    line: SourceLine
    address: int | None = None
    address_relocatable: bool = False
    words: list[Emitted] = field(default_factory=list)
    errors: list[AsmError] = field(default_factory=list)
    listed: bool = True
    before: str = ""          # heading / page eject / blank lines printed first
    note: str = ""            # e.g. generated literal pool


class AssemblyFailed(Exception):
    """Assembly had errors; ``str()`` is every error line."""


class Assembly:
    """The result of :func:`~machines.ibm1130.asm.assembler.assemble`.

    ``image``: the :class:`CoreImage` to load, whose ``words`` (load
    address -> 16-bit word), ``start`` (END's address or None) and
    ``switches`` (``.CES`` value or None) read here too.  ``errors`` (list
    of :class:`AsmError`, empty when the assembly is good), ``warnings``,
    ``symbols`` (dict name -> :class:`Symbol`), ``relocatable`` (no ABS),
    ``program_type`` (a key of ``objectdeck.PROGRAM_TYPES``), ``entries``
    (ENT names), ``externals`` (list of (kind, name) for CALL/LIBF/DSA
    names the DMS loader must supply), ``records`` (every :class:`Emitted`
    word in order) and ``lines`` (:class:`ListedLine`).
    """

    def __init__(self, filename: str):
        self.filename = filename
        self.errors: list[AsmError] = []
        self.warnings: list[AsmError] = []
        self.image = CoreImage()
        self.symbols: dict[str, Symbol] = {}
        self.relocatable = True
        self.program_type = "relocatable"
        self.entries: list[str] = []
        self.externals: list[tuple[str, str]] = []
        self.records: list[Emitted] = []
        self.lines: list[ListedLine] = []
        self.sector_breaks: list[tuple[int, str]] = []
        self.real_mode = 0
        self.iss_number = 0
        self.interrupt_levels: list[int] = []
        self.files_defined = 0
        self.extent = 0
        self.program_name = _program_name(filename)

    @property
    def words(self) -> dict[int, int]:
        """The image's words: load address -> 16-bit word."""
        return self.image.words

    @property
    def start(self) -> int | None:
        """The image's start address (END's operand), or None."""
        return self.image.start

    @start.setter
    def start(self, value: int | None) -> None:
        self.image.start = value

    @property
    def switches(self) -> int | None:
        """The image's console switches (``.CES``), or None."""
        return self.image.switches

    @switches.setter
    def switches(self, value: int | None) -> None:
        self.image.switches = value

    @property
    def ok(self) -> bool:
        return not self.errors

    def external_names(self) -> list[str]:
        """The names the DMS loader must resolve, as ``"CALL SQRT"``, in order."""
        return [f"{kind} {name}" for kind, name in self.externals]

    def error_text(self) -> str:
        """Every error as ``FILE:LINE:COL: message`` lines."""
        return "\n".join(str(e) for e in self.errors)

    def listing(self) -> str:
        """The listing: location, object words, source, symbols, cross reference."""
        return format_listing(self)

    def to_out(self) -> str:
        """The program in SIMH load format (``.out``), DESIGN.md contract."""
        return load_file_text(self)

    def object_deck(self):
        """The DMS card-loader relocatable binary object deck (list of Card)."""
        return object_deck(self)

    def core_image_deck(self):
        """An absolute core-image deck (list of Card), mkboot's format."""
        return core_image_deck(self)

    def coldstart_card(self):
        """The Program Load card for a program in words 0-79 (a Card)."""
        return coldstart_program_card(self)


def _program_name(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = base.split(".", 1)[0].upper()
    name = "".join(ch for ch in base if ch.isalnum())[:5]
    return name or "MAIN"

