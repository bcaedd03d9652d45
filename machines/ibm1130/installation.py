"""The standard IBM 1130 installation: which devices are on the bus, and the
operator's verbs for media (decks in the reader, a cartridge in the drive)
and PROGRAM LOAD.

The standard configuration is the one IBM's DMS R2V12 cartridge in
../shared/data was generated for and SIMH runs by default: the 1131 console
keyboard and printer (area 1), the 1442 card read punch (area 2), the 2501
card reader (area 9), the 1134 paper tape reader and 1055 punch (area 3),
the 1132 line printer (area 6), the 1131's internal disk drive (area 4) and
2310 drives 1-4 (areas 0x11-0x14; SIMH has all five, DMS probes them).

Media errors are ``cards.DeckError`` (deck file, card number, column) and
``disk2310.DiskImageError`` (file and expected size); both are
``ValueError``s whose message is ready for the operator.
"""

from __future__ import annotations

from typing import Any, Iterable

from .cards import DeckError, read_deck
from .coldstart import ProgramLoadError, program_load as _program_load
from .devices.console1131 import Console1131
from .devices.device import Device
from .devices.papertape1134 import Papertape1134
from .devices.disk2310 import Cartridge, Disk2310, DiskImageError
from .devices.printer1132 import Printer1132
from .devices.reader1442 import HopperCard, Reader1442
from .devices.reader2501 import Reader2501

__all__ = ["standard_devices", "install_standard_devices", "attach_media", "program_load",
           "device_at", "load_deck", "DeckError", "DiskImageError", "ProgramLoadError"]


def standard_devices(drives: int = 5) -> list[Device]:
    """New devices of the standard installation: console 1131, 1442, 1134/1055
    paper tape, 2501, 1132 and ``drives`` disk drives (1-5: the internal drive, then 2310
    drives 1-4)."""
    if not 0 <= drives <= 5:
        raise ValueError(f"an 1130 has 0 to 5 disk drives, not {drives}")
    devices: list[Device] = [Console1131(), Reader1442(), Papertape1134(), Reader2501(), Printer1132()]
    devices.extend(Disk2310(n) for n in range(drives))
    return devices


def install_standard_devices(system: Any, drives: int = 5) -> list[Device]:
    """Add the standard devices to ``system`` (``System.add_device``)."""
    devices = standard_devices(drives)
    for device in devices:
        system.add_device(device)
    return devices


def device_at(system: Any, area: int) -> Any:
    """The device answering IOCC area ``area`` (None if the slot is empty)."""
    if hasattr(system, "device"):
        return system.device(area)
    bus = getattr(system, "bus", None)
    if bus is None:
        bus = getattr(system, "devices", {})
    return bus.get(area) if isinstance(bus, dict) else None


def load_deck(path: str) -> list[HopperCard]:
    """Read a deck file (``.bin`` binary, else ASCII 029) into hopper cards
    that remember the file and card number.  Raises ``DeckError``."""
    cards = read_deck(path, layout="none")
    return [HopperCard(list(card.columns), str(path), n) for n, card in enumerate(cards, 1)]


def attach_media(system: Any, readers: Iterable[str] = (), disk: str | None = None,
                 disk_writable: bool = False, drive: int = 0,
                 reader2501: Iterable[str] = ()) -> None:
    """Stack decks in the 1442 hopper (first path first) and mount a cartridge.

    ``disk_writable`` False: the drive works on an in-memory copy and the
    file never changes; True: every sector written goes through to the file
    at once.  Every file is checked before anything is attached, so a bad
    file leaves the machine as it was.  Raises ``DeckError`` or
    ``DiskImageError``.
    """
    decks = [load_deck(path) for path in readers]
    decks2501 = [load_deck(path) for path in reader2501]
    cartridge = Cartridge.open(disk, writable=disk_writable) if disk is not None else None
    if decks:
        reader = device_at(system, 0x02)
        for cards in decks:
            reader.load_hopper(cards)
    if decks2501:
        reader = device_at(system, 0x09)
        for cards in decks2501:
            reader.load_hopper(cards)
    if cartridge is not None:
        area = 0x04 if drive == 0 else 0x10 + drive
        device_at(system, area).mount(cartridge)


def program_load(system: Any, source: str = "auto", drive: int | None = None) -> str:
    """PROGRAM LOAD (see ``coldstart.program_load``)."""
    return _program_load(system, source, drive)
