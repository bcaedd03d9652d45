"""The device protocol every IBM 1130 I/O device follows (SIMH style).

Each device is one module named by its IBM model (``printer1132.py``,
``reader1442.py``, ``disk2310.py`` ...) holding one ``Device`` subclass.
The ``System`` (``system.py``) keeps a bus keyed by area code and gives each
attached device these services (reference ../shared/reference/ibm1130.md
sections 4.5, 4.6 and 6):

``system.memory``
    the core as a list of ints (read freely).
``system.store(address, word)``
    write one core word; devices must write core only through this call
    (cycle steal, Read functions) so CPU caches stay valid.  The address is
    masked to the memory size.
``system.load_words(address, words)``
    ``store`` of each word in turn at consecutive addresses (wrapping), in
    one call: a block transfer such as a disk sector.
``system.schedule(device, delay, event="")``
    call ``device.event(event)`` after ``delay`` more instructions
    (SIMH counts device time in instructions).  One pending event per
    (device, event) pair: scheduling again replaces it.
``system.cancel(device, event="")``
    drop a pending event.
``system.request_interrupt(level, ilsw_bit)`` / ``system.clear_interrupt(level, ilsw_bit)``
    set or clear a bit in the ILSW of ``level`` (0-5); a level with a
    non-zero ILSW is pending.  Devices do not call these with numbers:
    they declare their interrupts once by name (``interrupts``, below)
    and call ``self.interrupt(name)`` / ``self.clear(name)``.
``system.instructions``
    the count of instructions executed so far (device clocks use it).

Events are stored as plain data ``(due, area, event)`` so ``save_state`` can
write them; callbacks are never stored.

Each device is described once, as SIMH describes its devices with tables:

* ``interrupts``: its interrupts by name, ``Interrupt(level, ilsw_bit)``;
* ``STATE``: the fields of its saved state, ``Field(key, attribute,
  codec)``, media included (hopper cards, stacker, paper, tape, the disk
  cartridge); ``save_state``/``load_state`` are derived from it, and a
  field whose value is not plain JSON names a ``Codec``;
* ``REGISTERS``: what the operator sees (SIMH's REG table),
  ``Register(name, attribute or getter, kind, width)``; ``registers()``
  is derived from it.

For example, the console switches::

    interrupts = {"program_stop": Interrupt(5, 0x8000), "int_run": Interrupt(5, 0x8000)}
    STATE = (Field("value", codec=WORD), Field("int_run", codec=FLAG), Field("dsw", codec=WORD))
    REGISTERS = (Register("CES", "value"), Register("DSW", "dsw"), Register("INTRUN", "int_run", BIT))
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Callable


class Xio(IntEnum):
    """The IOCC function codes (reference 4.6); 0 is unused."""

    WRITE = 1             # one word, program-controlled, from M[IOCC address]
    READ = 2              # one word into M[IOCC address]
    SENSE_INTERRUPT = 3   # ACC <- the current level's ILSW (the CPU answers it)
    CONTROL = 4           # start, stop, seek, select ... by the modifier
    INITIATE_WRITE = 5    # cycle-steal block from core
    INITIATE_READ = 6     # cycle-steal block into core
    SENSE_DEVICE = 7      # ACC <- the DSW; modifier SENSE_RESET resets the responses


# The functions as module names: ``function == XIO_READ`` costs what
# ``function == 2`` costs, while ``Xio.READ`` is an enum class attribute
# look-up (measured 0.35 us more per comparison on CPython 3.11).
XIO_WRITE = Xio.WRITE
XIO_READ = Xio.READ
XIO_SENSE_INTERRUPT = Xio.SENSE_INTERRUPT
XIO_CONTROL = Xio.CONTROL
XIO_INITIATE_WRITE = Xio.INITIATE_WRITE
XIO_INITIATE_READ = Xio.INITIATE_READ
XIO_SENSE_DEVICE = Xio.SENSE_DEVICE

#: Sense Device modifier bit 15: reset the device's responses and its interrupt.
SENSE_RESET = 0x01


@dataclass(frozen=True)
class Interrupt:
    """One interrupt a device raises: its level (0-5, reference 4.5) and its
    bit in that level's ILSW."""

    level: int
    bit: int


# ------------------------------------------------------------ state fields

@dataclass(frozen=True)
class Codec:
    """How one field's value becomes JSON (``save``) and comes back
    (``load``).  Lists are copied both ways: a saved state never shares
    a list with the device."""

    save: Callable[[Any], Any]
    load: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _b64(data: bytes) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def optional(codec: Codec) -> Codec:
    """``codec`` for a value that may be ``None``."""
    return Codec(lambda v: None if v is None else codec.save(v),
                 lambda v: None if v is None else codec.load(v))


PLAIN = Codec(_same, _same)                                       # int, bool, str or None
WORD = Codec(_same, lambda v: int(v) & 0xFFFF)                    # a 16-bit word
FLAG = Codec(_same, bool)
LIST = Codec(list, list)                                          # a list of plain values
LISTS = Codec(lambda v: [list(x) for x in v], lambda v: [list(x) for x in v])   # e.g. cards
ROWS = Codec(lambda v: ["".join(x) for x in v], lambda v: [list(x) for x in v])  # lists of characters
TUPLE = Codec(list, tuple)
BYTES = Codec(_b64, base64.b64decode)                             # base64 text
BYTEARRAY = Codec(_b64, lambda v: bytearray(base64.b64decode(v)))


@dataclass(frozen=True)
class Field:
    """One field of a device's saved state: ``key`` in the state dict, the
    device ``attribute`` holding it (default: the key; a property when the
    saved form is computed) and its ``codec``.  A key missing from a
    state is a ``KeyError``."""

    key: str
    attribute: str = ""
    codec: Codec = PLAIN

    def __post_init__(self) -> None:
        if not self.attribute:
            object.__setattr__(self, "attribute", self.key)


# ------------------------------------------------------------- registers

HEX = "hex"          # a word or a field shown in hex (SIMH ORDATA)
DEC = "dec"          # a count or a position, in decimal (SIMH DRDATA)
BIT = "flag"         # one bit (SIMH FLDATA)
TEXT = "text"        # a state or a name


@dataclass(frozen=True)
class Register:
    """One register the operator sees (SIMH's REG table): its ``name``,
    where its value comes from (a device attribute or a getter taking the
    device), its ``kind`` (``HEX``, ``DEC``, ``BIT`` or ``TEXT``) and,
    for ``HEX``, its ``width`` in bits."""

    name: str
    source: str | Callable[[Any], Any]
    kind: str = HEX
    width: int = 16

    def read(self, device: Any) -> int | str | bool:
        value = getattr(device, self.source) if isinstance(self.source, str) else self.source(device)
        if self.kind == BIT:
            return bool(value)
        if self.kind == TEXT:
            return str(value)
        return int(value)


class Device:
    """Base class of a device on the 1130's I/O bus.

    Subclasses set the class attributes and override ``xio``.  ``area`` is
    the primary IOCC area code (5 bits); ``areas`` lists every area code the
    device answers (the 2310 drives answer 0x04 or 0x11-0x14).

    ``interrupts`` declares, once, every interrupt the device raises, by
    name: ``{"op_complete": Interrupt(4, 0x2000), "column": Interrupt(0,
    0x8000)}`` for the 1442.  Two names may share a level and bit (the 1131
    keyboard and printer both answer on level 4, bit 0x4000).  The first
    one is the device's main interrupt: ``level`` (0-5, ``None`` without
    interrupts) and ``ilsw_bit`` read it.  A device whose bit depends on the
    unit (the disk drives) declares ``interrupts`` per instance.
    """

    name: str = "device"
    area: int = 0
    interrupts: dict[str, Interrupt] = {}
    #: The fields of the saved state, in order (see the module docstring).
    STATE: tuple[Field, ...] = ()
    #: The registers the console and debugger show, in order.
    REGISTERS: tuple[Register, ...] = ()

    def __init__(self) -> None:
        self.system: Any = None

    @property
    def areas(self) -> tuple[int, ...]:
        return (self.area,)

    # ---------------------------------------------------------- interrupts
    @property
    def level(self) -> int | None:
        """The main interrupt's level (the first declared), or ``None``."""
        for line in self.interrupts.values():
            return line.level
        return None

    @property
    def ilsw_bit(self) -> int:
        """The main interrupt's ILSW bit (the first declared), or 0."""
        for line in self.interrupts.values():
            return line.bit
        return 0

    def interrupt(self, name: str) -> None:
        """Request the interrupt declared as ``name``: set its ILSW bit."""
        line = self.interrupts[name]
        self.system.request_interrupt(line.level, line.bit)

    def clear(self, *names: str) -> None:
        """Clear the interrupts declared as ``names`` (their ILSW bits); a
        device not yet on a bus has none to clear.  A name not declared is
        a KeyError, raised before any bit is cleared."""
        interrupts = self.interrupts
        # One name (the sense-with-reset of every poll): no list comprehension.
        lines = (interrupts[names[0]],) if len(names) == 1 else [interrupts[name] for name in names]
        system = self.system
        if system is not None:
            for line in lines:
                system.clear_interrupt(line.level, line.bit)

    def attach_to(self, system: Any) -> None:
        """Called by ``System.add_device``; keep the system for its services."""
        self.system = system

    def reset(self) -> None:
        """CHECK RESET / power on: clear responses and busy states (not media)."""

    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        """Carry out one XIO.

        ``function`` is the IOCC function (``Xio``: write, read, control,
        initiate write, initiate read, sense device; sense interrupt is
        answered by the CPU), ``modifier`` the 8-bit modifier,
        ``address`` the IOCC word 1 (a core address or a parameter),
        ``area`` the area code used (for multi-area devices).
        Return the DSW for sense device, else ``None``.
        """
        return None

    def event(self, event: str) -> None:
        """A scheduled event is due (see ``system.schedule``)."""

    def output_text(self) -> str:
        """What the device has printed or punched so far as text ("" if none).

        The 1131 console printer and the 1132 line printer return their
        paper; ``run --json`` reports these as ``console_printer``/``printer``."""
        return ""

    # ------------------------------------------------ registers and state
    def registers(self) -> dict[str, int | str | bool]:
        """The registers the console and debugger show, by SIMH-like name,
        read through ``REGISTERS``."""
        return {register.name: register.read(self) for register in self.REGISTERS}

    def register_table(self) -> list[dict[str, Any]]:
        """``registers()`` with how to show each one: ``name``, ``value``,
        ``kind`` (hex, dec, flag, text) and ``width`` in bits."""
        return [{"name": r.name, "value": r.read(self), "kind": r.kind, "width": r.width}
                for r in self.REGISTERS]

    def save_state(self) -> dict[str, Any]:
        """The device's state as JSON-safe data (media included), one key
        per ``STATE`` field."""
        return {field.key: field.codec.save(getattr(self, field.attribute)) for field in self.STATE}

    def load_state(self, state: dict[str, Any]) -> None:
        """Restore what ``save_state`` returned.  Every field is decoded
        before any is set, so a damaged state (``KeyError``, ``ValueError``,
        ``TypeError``) leaves the device as it was."""
        values = [(field.attribute, field.codec.load(state[field.key])) for field in self.STATE]
        for attribute, value in values:
            setattr(self, attribute, value)
