"""The configured IBM 1130: the one front door every front end uses.

``Ibm1130`` is the machine on the computer-room floor (PyBoy's ``PyBoy``,
SIMH's operator verbs; ../shared/DESIGN.md "IBM 1130"): the ``System``
(core, CPU, interrupt levels, I/O bus) with the standard devices as named
fields, the console ``panel``, and the operator's verbs as methods::

    m = Ibm1130(memory_words=32768)
    m.mount("dms.dsk")                          # a cartridge on drive 0
    m.attach_deck("dms_coldstart.bin")          # the cold start card first
    m.attach_deck("job.txt")                    # then the job deck
    m.program_load("reader")                    # PROGRAM LOAD
    stop = m.run(max_instructions=50_000_000)
    m.report()["printer"]                       # what the 1132 printed

The standard installation is the one IBM's DMS R2V12 cartridge in
../shared/data was generated for and SIMH runs by default: the 1131 console
keyboard and printer (area 1), the 1442 card read punch (area 2), the 1134
paper tape reader and 1055 punch (area 3), the 2501 card reader (area 9),
the 1132 line printer (area 6), the internal disk drive (area 4) and 2310
drives 1-4 (areas 0x11-0x14), and the console entry switches (area 7).

Media errors are ``cards.DeckError`` (deck file, card number, column) and
``disk2310.DiskImageError`` (file and expected size); both are
``ValueError``s whose message is ready for the operator.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Sequence, Union

from . import timing
from .asm.coreimage import CoreImage
from .cards import Card, HopperCard, hopper_cards, read_deck
from .coldstart import ProgramLoadError, program_load as _program_load
from .devices.console1131 import Console1131
from .devices.device import Device
from .devices.disk2310 import Cartridge, Disk2310, DiskImageError
from .devices.display2250 import Display2250
from .devices.papertape1134 import Papertape1134
from .devices.plotter1627 import Plotter1627
from .devices.printer1132 import Printer1132
from .devices.reader1442 import Reader1442
from .devices.reader2501 import Reader2501
from .devices.switches import ConsoleSwitches
from .panel import ConsolePanel
from .system import MEMORY_SIZES, System

__all__ = ["Ibm1130", "MEMORY_SIZES", "ProgramLoadError", "DiskImageError", "STATE_FORMAT"]

STATE_FORMAT = "retro1130-ibm1130-machine"
STATE_VERSION = 1
HOPPERS = ("1442", "2501")

PathLike = Union[str, "os.PathLike[str]"]
Deck = Union[PathLike, Iterable[Union[Card, Sequence[int]]]]


def load_deck(path: PathLike, lowercase: bool = False,
              warn: Callable[[str], None] | None = None) -> list[HopperCard]:
    """Read a deck file (binary card images by name ``.bin`` or by content,
    else ASCII 029, lower case read as capitals unless ``lowercase``) into
    hopper cards that remember the file and card number.  A line longer
    than 80 columns is read as its first 80 with one warning (``warn``, else
    a ``cards.DeckWarning``).  Raises ``DeckError``."""
    return hopper_cards(read_deck(os.fspath(path), layout="none", lowercase=lowercase, warn=warn),
                        os.fspath(path))


class Ibm1130:
    """An IBM 1130 with the standard devices.

    ``memory_words``: 4096, 8192, 16384 or 32768 (else ``ValueError``);
    ``drives``: 0-5 disk drives (the internal drive, then 2310 drives 1-4);
    ``cycle_us``: 3.6 or 2.2, the storage cycle for the real-time figure;
    ``translate``: hot-block translation on or off (None: the default,
    system.py).

    Fields: ``system`` (the ``System``), ``switches`` (console entry
    switches, area 7), ``console`` (1131 keyboard and printer), ``reader``
    (1442), ``reader2501``, ``tape`` (1134/1055), ``printer`` (1132),
    ``disks`` (a tuple, drive 0 first), ``display`` (the 2250, area 0x19),
    ``plotter`` (1627, area 5) and ``panel`` (the console panel).
    """

    def __init__(self, memory_words: int = 32768, drives: int = 5,
                 cycle_us: float = timing.DEFAULT_CYCLE_US, translate: bool | None = None) -> None:
        if not 0 <= drives <= 5:
            raise ValueError(f"an 1130 has 0 to 5 disk drives, not {drives}")
        self.system = System(memory_words=memory_words, cycle_us=cycle_us, translate=translate)
        self.switches: ConsoleSwitches = self.system.console
        self.console = Console1131()
        self.reader = Reader1442()
        self.tape = Papertape1134()
        self.reader2501 = Reader2501()
        self.printer = Printer1132()
        self.disks: tuple[Disk2310, ...] = tuple(Disk2310(n) for n in range(drives))
        self.display = Display2250()
        for device in (self.console, self.reader, self.tape, self.reader2501, self.printer, *self.disks,
                       self.display):
            self.system.add_device(device)
        self.plotter = Plotter1627()            # area 5, level 3 (reference 4.6)
        self.system.add_device(self.plotter)
        self.panel = ConsolePanel(self)
        self.last_stop: str | None = None

    # ------------------------------------------------------------ devices
    @property
    def devices(self) -> list[Device]:
        """Every device on the bus, in the order they were attached."""
        return self.system.devices

    @property
    def memory(self) -> list[int]:
        """Core as a list of words (read freely; write through ``system.store``)."""
        return self.system.memory

    def disk(self, drive: int = 0) -> Disk2310:
        """Disk drive ``drive`` (0 the internal drive, 1-4 the 2310s);
        ``ValueError`` if this machine has no such drive."""
        if not 0 <= drive < len(self.disks):
            raise ValueError(f"there is no disk drive {drive} (this 1130 has {len(self.disks)})")
        return self.disks[drive]

    def hopper(self, name: str = "1442") -> Reader1442 | Reader2501:
        """The card reader whose hopper is ``name`` (``"1442"`` or ``"2501"``)."""
        if name == "1442":
            return self.reader
        if name == "2501":
            return self.reader2501
        raise ValueError(f"hopper must be one of {', '.join(HOPPERS)}, not {name!r}")

    # ------------------------------------------------------ operator verbs
    def mount(self, path_or_bytes: PathLike | bytes | bytearray | memoryview, drive: int = 0,
              writable: bool = False, name: str | None = None) -> Cartridge:
        """Mount a 2315 cartridge (SIMH's raw image, 1,042,608 bytes) on
        ``drive``: a file path, or the image's bytes (always an in-memory
        copy; ``name`` names it in messages).  ``writable`` False works on an
        in-memory copy of the file; True writes every sector through to it.
        The image is checked before the drive changes.  Raises
        ``DiskImageError`` (a ``ValueError``) naming the file."""
        disk = self.disk(drive)
        if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
            cartridge = Cartridge.from_bytes(bytes(path_or_bytes), name or "cartridge")
        else:
            cartridge = Cartridge.open(os.fspath(path_or_bytes), writable=writable)
        disk.mount(cartridge)
        return cartridge

    def unmount(self, drive: int = 0) -> Cartridge | None:
        """Take the cartridge out of ``drive``; returns it (or None)."""
        return self.disk(drive).unmount()

    def attach_deck(self, path_or_cards: Deck, hopper: str = "1442", name: str | None = None,
                    lowercase: bool = False) -> int:
        """Stack a deck at the back of a hopper (``"1442"`` or ``"2501"``),
        as an operator stacks a job behind a cold start card.  A path is a
        deck file (``.bin`` binary card images, else ASCII in 029 code, lower
        case as capitals unless ``lowercase``: ``load_deck``);
        otherwise an iterable of ``Card`` (a ``HopperCard`` keeps its
        deck and number) or 80-word column lists, ``name`` naming the deck
        in messages.  Every card is checked
        before any is stacked.  Returns the number of cards.  Raises
        ``DeckError`` or ``ValueError`` naming the deck and card."""
        reader = self.hopper(hopper)
        if isinstance(path_or_cards, (str, os.PathLike)):
            cards = load_deck(path_or_cards, lowercase)
        else:
            cards = hopper_cards(path_or_cards, name or "deck")
        return reader.load_hopper(cards)

    def program_load(self, source: str = "auto", drive: int | None = None) -> str:
        """PROGRAM LOAD (``coldstart.program_load``): ``"reader"`` reads the
        cold start card from the 1442, ``"disk"`` boots DMS from the drive
        named by the switches (``drive`` sets them first), ``"auto"`` the
        reader if it has a card, else the disk.  Returns the source used;
        raises ``ProgramLoadError`` when the hopper is empty."""
        return _program_load(self.system, self.reader, source, drive)

    def load_image(self, image: CoreImage, set_iar: bool = True) -> None:
        """Store a :class:`~machines.ibm1130.asm.coreimage.CoreImage` (a
        load file's, ``loadformat.parse_out``; an assembly's,
        ``Assembly.image``) into core through ``System.store``; preset the
        switches and, with ``set_iar``, set IAR to the start address (0 if
        it has none, as SIMH leaves IAR after a reset).  Raises
        ``ValueError`` naming the first address beyond this machine's core,
        before anything is stored."""
        words = image.words
        size = len(self.system.memory)
        beyond = [a for a in words if not 0 <= a < size]
        if beyond:
            raise ValueError(f"address {min(beyond):#06x} is beyond memory ({size} words)")
        for address, word in sorted(words.items()):
            self.system.store(address, word)
        if image.switches is not None:
            self.system.switches = image.switches
        if set_iar:
            self.system.iar = image.start or 0

    def reset(self) -> None:
        """CHECK RESET (``System.reset``): registers, levels and devices reset; core kept."""
        self.system.reset()

    def run(self, max_instructions: int) -> str:
        """Run from IAR until a stop (``System.run``): ``"wait"``,
        ``"limit"``, ``"invalid"`` or ``"breakpoint"``.  Bounded by
        ``max_instructions``; the reason is kept for :meth:`report`."""
        self.last_stop = self.system.run(max_instructions)
        return self.last_stop

    def report(self, dumps: Sequence[tuple[int, int]] = (), stop: str | None = None) -> dict[str, Any]:
        """The ``run --json`` object (DESIGN.md contract): ``iar acc ext
        carry overflow xr stop instructions console_printer printer
        memory``; ``memory`` maps each dump's hex address to ``length``
        words from ``address`` (wrapping).  ``stop`` defaults to the last
        ``run``'s reason."""
        s = self.system
        memory = {f"{address:04x}": [s.memory[(address + i) & s.mask] for i in range(length)]
                  for address, length in dumps}
        return {
            "iar": s.iar, "acc": s.acc, "ext": s.ext, "carry": s.carry, "overflow": s.overflow,
            "xr": s.xr, "stop": stop if stop is not None else self.last_stop,
            "instructions": s.instructions,
            "console_printer": self.console.output_text(), "printer": self.printer.output_text(),
            "memory": memory,
        }

    # ------------------------------------------------------------ state
    def save_state(self) -> dict[str, Any]:
        """The whole machine, JSON-safe: the system (core, registers,
        pending device events, every device with its media) and the panel
        (mode, running, power).  :meth:`load_state` continues exactly from
        here, in the middle of an I/O operation too."""
        return {"format": STATE_FORMAT, "version": STATE_VERSION,
                "system": self.system.save_state(), "panel": self.panel.save_state(),
                "last_stop": self.last_stop}

    def load_state(self, state: dict[str, Any]) -> None:
        """Restore :meth:`save_state`'s dict.  Raises ``ValueError`` when it
        is not a saved machine or does not fit this one (memory size, a
        device this machine lacks)."""
        if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
            raise ValueError("not a saved IBM 1130 machine state")
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"machine state version {state.get('version')!r} is not supported")
        self.system.load_state(state["system"])
        self.panel.load_state(state.get("panel", {}))
        self.last_stop = state.get("last_stop")
