"""IBM 2310 disk storage drive with its 2315 cartridge (the 1131's internal disk).

Reference: ../shared/reference/ibm1130.md section 4.6 (Disk) and section 6
(timing); SIMH ``ibm1130_disk.c`` is the executable reference.

* Drive 0 is the 1131's internal drive on area 0x04 (ILSW 2 bit 0x8000);
  drives 1-4 are 2310 drives on areas 0x11-0x14 (ILSW 2 bits 0x4000 ...
  0x0800).  All interrupt on level 2.
* A cartridge holds 203 cylinders x 8 sectors x 321 words (word 0 of each
  sector holds its sector address by DMS convention).  The image file is
  SIMH's raw format: 1,042,608 bytes, little-endian, sector index =
  cylinder*8 + sector (the **design contract**).
* Initiate Read/Write: M[IOCC address] = word count (1-321), data follows;
  modifier & 7 = sector on the current cylinder; Initiate Read with modifier
  0x80 is a read check (verify, no transfer).  Control = seek by the count
  in the IOCC address word's low 8 bits, modifier 0x04 = backward.
* Timing in instructions (SIMH): a seek or a sector operation completes 50
  instructions after the XIO.  As in SIMH the data of a read reaches core
  when the operation completes (IBM's APL boot card relies on the delay).
"""

from __future__ import annotations

import base64
import os
import sys
from array import array

from .device import (BIT, DEC, SENSE_RESET, TEXT, TUPLE, XIO_CONTROL, XIO_INITIATE_READ, XIO_INITIATE_WRITE,
                     XIO_SENSE_DEVICE, Codec, Device, Field, Interrupt, Register, optional)

CYLINDERS = 203
SECTORS_PER_CYLINDER = 8          # 2 surfaces x 4 sectors
WORDS_PER_SECTOR = 321
SECTOR_COUNT = CYLINDERS * SECTORS_PER_CYLINDER
IMAGE_WORDS = SECTOR_COUNT * WORDS_PER_SECTOR          # 521,304 words
IMAGE_BYTES = IMAGE_WORDS * 2                           # 1,042,608 bytes

SEEK_DELAY = 50        # SIMH dsk_swait, instructions
ROTATE_DELAY = 50      # SIMH dsk_rwait, instructions

DSW_DATA_ERROR = 0x8000
DSW_OP_COMPLETE = 0x4000
DSW_NOT_READY = 0x2000
DSW_BUSY = 0x1000
DSW_CARRIAGE_HOME = 0x0800
DSW_SECTOR_MASK = 0x0003

AREA_INTERNAL = 0x04
AREAS_2310 = (0x11, 0x12, 0x13, 0x14)
ILSW_BITS = (0x8000, 0x4000, 0x2000, 0x1000, 0x0800)

_IDLE, _READ, _VERIFY, _WRITE, _SEEK, _FAILED = "idle", "read", "verify", "write", "seek", "failed"


class DiskImageError(ValueError):
    """A cartridge image file that cannot be used (wrong size, unreadable)."""


def _to_le_bytes(words: array) -> bytes:
    if sys.byteorder == "big":
        words = array("H", words)
        words.byteswap()
    return words.tobytes()


def _from_le_bytes(data: bytes) -> array:
    words = array("H")
    words.frombytes(data)
    if sys.byteorder == "big":
        words.byteswap()
    return words


def _check_size(data: bytes, name: str, size: int | None = None) -> None:
    """``size``: the file's size when only part of it was read (0 for a
    device such as /dev/zero, which has no size)."""
    size = len(data) if size is None else size
    if len(data) != IMAGE_BYTES:
        raise DiskImageError(
            f"{name}: a 2310 cartridge image is {IMAGE_BYTES:,} bytes "
            f"({CYLINDERS} cylinders x {SECTORS_PER_CYLINDER} sectors x {WORDS_PER_SECTOR} words, "
            f"little-endian); this file has "
            + (f"{size:,} bytes" if size >= len(data) else "more"))


class Cartridge:
    """A 2315 disk cartridge: 1,624 sectors of 321 words.

    ``words`` is the whole image (``array('H')``, 521,304 words).  A
    cartridge made by ``open(path, writable=True)`` writes every sector
    through to its file at once (one seek, one write, one flush), so a crash
    loses nothing already written and the rest of the file is never touched;
    otherwise the cartridge is an in-memory copy and the file never changes.
    """

    def __init__(self, words: array | None = None, path: str | None = None,
                 writable: bool = False) -> None:
        if words is None:
            words = array("H", bytes(IMAGE_BYTES))
        if len(words) != IMAGE_WORDS:
            raise DiskImageError(f"a cartridge holds {IMAGE_WORDS} words, not {len(words)}")
        self.words = words
        self.path = path
        self.writable = writable
        self._file = None
        if writable and path is not None:
            self._file = open(path, "r+b")

    @classmethod
    def open(cls, path: str, writable: bool = False) -> "Cartridge":
        """Load a SIMH ``.dsk`` image.

        Raises ``DiskImageError`` naming the file and the expected size when
        the file is missing, unreadable or not exactly 1,042,608 bytes.
        """
        path = os.fspath(path)
        try:
            with open(path, "rb") as handle:
                data = handle.read(IMAGE_BYTES + 1)   # no more: /dev/zero is refused by size
                size = os.fstat(handle.fileno()).st_size if len(data) > IMAGE_BYTES else len(data)
        except OSError as exc:
            raise DiskImageError(f"{path}: cannot read the disk image: {exc.strerror or exc}") from None
        _check_size(data, path, size)
        if writable and not os.access(path, os.W_OK):
            raise DiskImageError(f"{path}: the disk image is not writable")
        return cls(_from_le_bytes(data), path=path, writable=writable)

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "cartridge") -> "Cartridge":
        """An in-memory cartridge from a SIMH image's bytes (an upload, a
        download); ``name`` names it in messages.  Raises ``DiskImageError``
        naming it and the expected size when the size is wrong."""
        _check_size(data, name)
        return cls(_from_le_bytes(data), path=name)

    def read_sector(self, index: int) -> array:
        """The 321 words of sector ``index`` (0-1623, cylinder*8 + sector)."""
        start = index * WORDS_PER_SECTOR
        return self.words[start:start + WORDS_PER_SECTOR]

    def write_sector(self, index: int, data: list[int]) -> None:
        """Replace sector ``index`` with ``data`` (321 words), writing through
        to the image file when the cartridge is writable."""
        start = index * WORDS_PER_SECTOR
        sector = array("H", data)
        self.words[start:start + WORDS_PER_SECTOR] = sector
        if self._file is not None:
            try:
                self._file.seek(start * 2)
                self._file.write(_to_le_bytes(sector))
                self._file.flush()
            except OSError as exc:
                raise DiskImageError(f"{self.path}: cannot write sector {index} of the disk image: "
                                     f"{exc.strerror or exc}; the sectors written before it "
                                     "are in the file") from None

    def replace_image(self, words: array) -> None:
        """Replace the whole image (restoring a saved state), writing it
        through to the file in place when the cartridge is writable."""
        if len(words) != IMAGE_WORDS:
            raise DiskImageError(f"a cartridge holds {IMAGE_WORDS} words, not {len(words)}")
        self.words[:] = words
        if self._file is not None:
            self._file.seek(0)
            self._file.write(_to_le_bytes(self.words))
            self._file.flush()

    def save(self, path: str) -> None:
        """Write the whole image to ``path`` safely (temporary file, then rename)."""
        path = os.fspath(path)
        temporary = path + ".tmp"
        with open(temporary, "wb") as handle:
            handle.write(_to_le_bytes(self.words))
        os.replace(temporary, path)

    def close(self) -> None:
        """Close the image file (a writable cartridge); every sector written
        is already in it."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def __del__(self) -> None:
        self.close()

    def image_bytes(self) -> bytes:
        return _to_le_bytes(self.words)


def _save_cartridge(cartridge: Cartridge) -> dict:
    return {"path": cartridge.path, "writable": cartridge.writable,
            "image": base64.b64encode(cartridge.image_bytes()).decode("ascii")}


def _load_cartridge(saved: dict) -> Cartridge:
    # An in-memory copy that keeps its name; ``Disk2310.mounted`` decides
    # whether it replaces the image of the cartridge already on the drive.
    return Cartridge(_from_le_bytes(base64.b64decode(saved["image"])), path=saved["path"])


# The cartridge in a saved state: its name, whether it was writable, and the
# whole image (base64 of SIMH's little-endian file); None: no cartridge.
CARTRIDGE = optional(Codec(_save_cartridge, _load_cartridge))


class Disk2310(Device):
    """One disk drive: drive 0 = the 1131 internal drive (area 0x04), drives
    1-4 = 2310 drives on areas 0x11-0x14.  Interrupt level 2.

    ``mount(cartridge)`` / ``unmount()`` are the operator's verbs; a drive
    without a cartridge answers not ready.  ``write_locked`` is the
    cartridge's hardware write lock: a write then sets data error for good
    (until the cartridge is mounted again), as SIMH does.
    """

    STATE = (Field("cylinder"), Field("dsw"), Field("next_sector"), Field("function"),
             Field("soft_error"), Field("hard_error"), Field("action", codec=TUPLE),
             Field("write_locked"), Field("cartridge", "mounted", CARTRIDGE))
    REGISTERS = (Register("DSW", "dsw"), Register("CYL", "cylinder", DEC), Register("FUNC", "function", TEXT),
                 Register("READY", "ready", BIT),
                 Register("FILE", lambda d: (d.cartridge.path or "(memory)") if d.cartridge else "", TEXT))

    def __init__(self, drive: int = 0) -> None:
        super().__init__()
        if not 0 <= drive <= 4:
            raise ValueError(f"disk drive number {drive} is not 0-4")
        self.drive = drive
        self.area = AREA_INTERNAL if drive == 0 else AREAS_2310[drive - 1]
        self.name = "disk" if drive == 0 else f"disk{drive}"
        self.interrupts = {"op_complete": Interrupt(2, ILSW_BITS[drive])}   # this drive's bit on level 2
        self.cartridge: Cartridge | None = None
        self.write_locked = False
        self.cylinder = 0
        self.dsw = DSW_NOT_READY
        self.next_sector = 0
        self.function = _IDLE
        self.soft_error = False      # bad word count: data error at op complete (one time)
        self.hard_error = False      # write to a locked cartridge
        self.action: tuple[int, int, int] = (0, 0, 0)   # core address, word count, sector index

    # ------------------------------------------------------------ operator
    @property
    def ready(self) -> bool:
        return self.cartridge is not None

    def mount(self, cartridge: Cartridge, write_locked: bool = False) -> None:
        """Load a cartridge and bring the drive ready (SIMH attach)."""
        self.unmount()
        self.cartridge = cartridge
        self.write_locked = write_locked
        self.cylinder = 0
        self.function = _IDLE
        self.soft_error = self.hard_error = False
        self.dsw = DSW_CARRIAGE_HOME
        self.clear("op_complete")

    def unmount(self) -> Cartridge | None:
        """Remove the cartridge; the drive becomes not ready."""
        cartridge = self.cartridge
        if self.system is not None:
            self.system.cancel(self, "op")
        self.clear("op_complete")
        self.cartridge = None
        self.cylinder = 0
        self.function = _IDLE
        self.soft_error = self.hard_error = False
        self.dsw = DSW_NOT_READY
        return cartridge

    def reset(self) -> None:
        if self.system is not None:
            self.system.cancel(self, "op")
        self.clear("op_complete")
        self.soft_error = self.hard_error = False
        self.cylinder = 0
        self.function = _IDLE
        self.dsw = DSW_CARRIAGE_HOME if self.ready else 0

    # ----------------------------------------------------------------- XIO
    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        self.soft_error = False
        if function == XIO_SENSE_DEVICE:    # DMS polls: the DSW kept in a local
            dsw = self.dsw & ~(DSW_CARRIAGE_HOME | DSW_NOT_READY)
            if self.hard_error or (dsw & DSW_BUSY) or self.cartridge is None:   # not ready
                dsw |= DSW_NOT_READY
            elif self.cylinder <= 0:
                dsw |= DSW_CARRIAGE_HOME
            # SIMH advances the "next sector" count on every sense
            sector = self.next_sector = (self.next_sector + 1) % 4
            if modifier & SENSE_RESET:
                self.dsw = dsw & ~(DSW_OP_COMPLETE | DSW_DATA_ERROR)
                self.clear("op_complete")
            else:
                self.dsw = dsw
            return (dsw | sector) & 0xFFFF
        system = self.system
        if function in (XIO_INITIATE_WRITE, XIO_INITIATE_READ, XIO_CONTROL) and not self.ready:
            # SIMH: no operation complete on an off-line drive
            system.cancel(self, "op")
            self.function = _FAILED
            return None
        memory = system.memory
        mask = len(memory) - 1
        if function == XIO_INITIATE_READ or function == XIO_INITIATE_WRITE:
            if function == XIO_INITIATE_WRITE and self.write_locked:
                system.cancel(self, "op")
                self.dsw |= DSW_DATA_ERROR
                self.hard_error = True
                self.function = _FAILED
                return None
            system.cancel(self, "op")
            self.dsw |= DSW_BUSY
            count = memory[address & mask]
            address = (address + 1) & 0xFFFF
            if count == 0:                         # hangs a real controller; SIMH ignores it
                return None
            if not 1 <= count <= WORDS_PER_SECTOR:
                self.soft_error = True
                count = WORDS_PER_SECTOR
            sector = self.cylinder * SECTORS_PER_CYLINDER + (modifier & 7)
            if function == XIO_INITIATE_READ:
                self.function = _VERIFY if modifier & 0x80 else _READ
                self.action = (address, count, sector)
            else:
                data = [memory[(address + i) & mask] for i in range(count)]
                data.extend([0] * (WORDS_PER_SECTOR - count))
                self.cartridge.write_sector(sector, data)
                self.function = _WRITE
            system.schedule(self, ROTATE_DELAY, "op")
            return None
        if function == XIO_CONTROL:                # seek
            system.cancel(self, "op")
            steps = address & 0x00FF
            if steps == 0:                         # no op-complete interrupt
                return None
            cylinder = self.cylinder - steps if modifier & 0x04 else self.cylinder + steps
            self.cylinder = min(max(cylinder, 0), CYLINDERS - 1)
            self.function = _SEEK
            self.dsw |= DSW_BUSY
            system.schedule(self, SEEK_DELAY, "op")
            return None
        return None                                # other functions: ignored

    def event(self, event: str) -> None:
        if self.function == _IDLE:
            return
        self.dsw = (self.dsw & ~DSW_BUSY) | DSW_OP_COMPLETE
        if self.soft_error or self.hard_error:
            self.dsw |= DSW_DATA_ERROR
            self.soft_error = False
        self.interrupt("op_complete")
        if self.function == _READ and self.cartridge is not None:
            address, count, sector = self.action
            self.system.load_words(address, self.cartridge.read_sector(sector)[:count])
        self.function = _IDLE

    # --------------------------------------------------------------- state
    @property
    def mounted(self) -> Cartridge | None:
        """The cartridge, as a state field.  Restoring a saved cartridge onto
        the drive that holds the same one (the same file) rewrites that
        cartridge in place, so its file follows; otherwise the drive gets
        the restored in-memory copy, under the saved name."""
        return self.cartridge

    @mounted.setter
    def mounted(self, cartridge: Cartridge | None) -> None:
        if cartridge is not None and self.cartridge is not None and self.cartridge.path == cartridge.path:
            self.cartridge.replace_image(cartridge.words)
        else:
            self.cartridge = cartridge
