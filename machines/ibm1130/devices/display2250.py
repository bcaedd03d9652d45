"""IBM 2250 Model 4 Graphic Display Unit (area 0x19, level 3, ILSW 3 bit 0x0800).

Reference: ../shared/reference/ibm1130.md section 5; SIMH ``ibm1130_gdu.c``
is the executable reference for the XIOs, the DSW and the orders; IBM's own
DMS R2V12 assembler (../shared/data/ibm1130/dms-r2v12-src/ptmasmbl.asm,
phase 13 "ASM GRAPHIC ORDER PHASE") for the order formats.

XIO (the 1130 side):

* Write, modifier bit 8 (0x80) clear: start regeneration at the IOCC
  address (AR); the function- and alpha-key registers and the interrupts
  are cleared.  Ignored while busy (regenerating), as in SIMH.
* Write, modifier 0x80: the 32 programmed function indicator lamps from the
  two words at the IOCC address (``lamps``, bit 31 = lamp 0).
* Read: six status words at the IOCC address: AR, DSW, X, Y (11 bits each),
  the function-key register, the alpha-key register; clears the
  interrupts.  Ignored while busy.
* Control, modifier 0x80: reset the display; SIMH then loads the lamps with
  the IOCC address word in both halves.
* Sense device: ACC <- DSW, only the BUSY bit while busy; modifier bit 15
  (0x01) clears the interrupts.

The orders (display list in core, fetched by cycle stealing; ``gduorders``
decodes them): short branch (one word, 13-bit address), long branch and
order-controlled interrupt (two words, conditional on the light-pen switch
and detect), control orders (Set Pen Mode, Set Graphic Mode point/vector,
Set Character Mode basic/large, Start Timer, Store Revert, Revert), long
and short absolute positioning, relative vectors, beam on or off; character
mode draws stroke data reached by a branch (``gduchars``).

Regeneration is a device event, SIMH-like and deterministic: each "frame"
event runs the orders from AR until Start Timer (end of the frame), an
interrupt, or one frame period of display time (gduorders.regenerate); the orders' time (one storage
cycle per word fetched, plus beam time per vector and stroke, ``gduorders``)
is converted to instructions and the next frame is due when the 25 ms
Start Timer interval (40 frames a second, the 2250's refresh) has run out,
or later when the list took longer: a long list refreshes more slowly.
Any interrupt halts regeneration (SIMH ``gdu_interrupt``); the program
restarts it with XIO Write.

Light pen: ``light_pen(x, y, switch)``.  With detects enabled (Set Pen
Mode), a beam-on vector, point or character stroke passing within
``pen_threshold`` raster units of the pen sets detect status (DSW 0x0800);
unless detect interrupts are deferred this raises the light-pen detect
interrupt (DSW 0x2000) before the next order.  Set Pen Mode's interrupt
flags follow the IBM documentation, not SIMH (SIMH issue #462: 0x0001
defers, 0x0002 enables; gdu.asm's ``SPM /9`` is "detect and defer").

Parking.  A regenerating 2250 is a device that never stops, so a program
waiting for the light pen would make the system skip from frame to frame
forever (SIMH runs its 2250 on the host's timer, outside its event queue).
When a frame ends while the CPU is in the WAIT state, no other event is
pending and the picture is the same as the one before, regeneration parks:
the picture stays (BUSY stays on) and no event is scheduled, so ``run``
stops with ``"wait"``.  Moving the pen, a key, or any XIO to the 2250
resumes it, and so does anything that may change core while it is parked
(``System.core_watch``): a store from outside the CPU (the console's LOAD
mode, the debugger, a device's DMA, a loader) or the CPU leaving WAIT (an
interrupt handler may store into the list).  Any word wakes it, not only
the list's: the words a frame reads are scattered by branches and stroke
tables, and a wake costs two frames before it parks again.

Keyboards: ``press_function_key(n)`` puts key n (0-31) in the function-key
register (0x8000 data available, key in bits 3-7) and
``press_alpha_key(code)`` a character code (low byte) or one of the
``AKEY_*`` control keys in the alpha-key register; both raise the keyboard
interrupt (DSW 0x4000).  SIMH leaves the keyboards unimplemented; the
register formats are its ``GDU_FKEY_*``/``GDU_AKEY_*`` masks.
"""

from __future__ import annotations

from typing import Any

from . import gduorders
from .device import (BIT, DEC, SENSE_RESET, XIO_CONTROL, XIO_READ, XIO_SENSE_DEVICE, XIO_WRITE,
                     Codec, Device, Field, Interrupt, Register, optional)
from .gduorders import (DSW_BUSY, DSW_CYCLE_STEAL_CHECK, DSW_DETECT_INTERRUPT, DSW_KEYBOARD_INTERRUPT,
                        DSW_LIGHT_PEN_SWITCH, DSW_ORDER_CONTROLLED_INTERRUPT, FRAME_US, INSTRUCTION_CYCLES)

#: The interrupt bits of the DSW, cleared together (SIMH ``clear_interrupts``).
DSW_INTERRUPTS = DSW_ORDER_CONTROLLED_INTERRUPT | DSW_KEYBOARD_INTERRUPT | DSW_DETECT_INTERRUPT | DSW_CYCLE_STEAL_CHECK

#: Function-key register: data available, key code field (SIMH GDU_FKEY_*).
FKEY_DATA_AVAILABLE = 0x8000
#: Alpha-key register: data available and the control keys (SIMH GDU_AKEY_*).
AKEY_DATA_AVAILABLE = 0x8000
AKEY_END = 0x1000
AKEY_CANCEL = 0x0800
AKEY_ADVANCE = 0x0400
AKEY_BACKSPACE = 0x0200
AKEY_JUMP = 0x0100
_AKEY_CONTROLS = (AKEY_END, AKEY_CANCEL, AKEY_ADVANCE, AKEY_BACKSPACE, AKEY_JUMP)

#: Modifier bit 8: Write sets the lamps, Control resets.
MOD_LAMPS_OR_RESET = 0x80

#: Instructions between the XIO that starts regeneration and the first order.
START_DELAY = 1

_SEGMENTS = Codec(lambda v: [list(s) for s in v], lambda v: [tuple(int(c) for c in s) for s in v])
_PEN = optional(Codec(list, lambda v: (float(v[0]), float(v[1]))))


class Display2250(Device):
    """The 2250 on the 1130.  For the front ends:

    * ``render(dl)``: the last regenerated frame into a
      ``machines.vector.displaylist.DisplayList``, in raster units (0-1023,
      origin bottom left, y up), beam-on vectors and points only;
    * ``frames``: frames regenerated so far (redraw when it changes);
    * ``segments()``: that frame as ``(x0, y0, x1, y1)`` tuples (a point
      has equal ends);
    * ``light_pen(x, y, switch=False)``; ``press_function_key(n)``;
      ``press_alpha_key(code)``; ``lamps`` (32 bits, bit 31 = lamp 0);
    * ``registers()``: DSW, AR, X, Y, FKEY, AKEY, REVERT, LAMPS, BUSY, FRAMES.
    """

    name = "2250"
    area = 0x19
    interrupts = {"display": Interrupt(3, 0x0800)}
    STATE = (Field("dsw"), Field("ar"), Field("x"), Field("y"), Field("fkey"), Field("akey"),
             Field("revert"), Field("lamps"), Field("detects_enabled"), Field("deferred"),
             Field("large_characters"), Field("last_absolute"), Field("frames"),
             Field("frame", codec=_SEGMENTS), Field("drawing", codec=_SEGMENTS),
             Field("beam_us"), Field("timer_due"), Field("pen", codec=_PEN), Field("pen_threshold"),
             Field("orders"), Field("parked"), Field("run_frames"), Field("timer_seen"))
    REGISTERS = (Register("DSW", "dsw"), Register("AR", "ar"), Register("X", lambda d: d.x & 0x7FF, width=11),
                 Register("Y", lambda d: d.y & 0x7FF, width=11),
                 Register("FKEY", "fkey"), Register("AKEY", "akey"), Register("REVERT", "revert"),
                 Register("LAMPS", "lamps", width=32),
                 Register("BUSY", lambda d: d.dsw & DSW_BUSY, BIT),
                 Register("FRAMES", "frames", DEC))

    def __init__(self) -> None:
        super().__init__()
        self.dsw = 0
        self.ar = 0
        self.x = 512
        self.y = 512
        self.fkey = 0
        self.akey = 0
        self.revert = 0
        self.lamps = 0
        self.detects_enabled = False
        self.deferred = False
        self.large_characters = False
        self.last_absolute = True
        #: Frames regenerated (Start Timer orders reached) since power on.
        self.frames = 0
        #: The last complete frame's beam-on segments, raster units.
        self.frame: list[tuple[int, int, int, int]] = []
        #: The frame being regenerated now.
        self.drawing: list[tuple[int, int, int, int]] = []
        #: Beam and cycle-steal time spent in the current frame, microseconds.
        self.beam_us = 0.0
        #: Clock (instructions) when the running Start Timer interval ends.
        self.timer_due = 0
        #: The light pen on the screen (raster units) or None.
        self.pen: tuple[float, float] | None = None
        #: How close (raster units) the pen must be to a lit vector to detect
        #: it: SIMH's 3 pixels in its initial 512-pixel window.
        self.pen_threshold = 6.0
        #: Orders executed since power on (a figure for benchmarks and tests).
        self.orders = 0
        #: Regeneration parked: the CPU waits, nothing else is pending and the
        #: last two frames were the same picture.
        self.parked = False
        #: Frames since regeneration last started or resumed.
        self.run_frames = 0
        #: A Start Timer order has been reached since regeneration started.
        self.timer_seen = False

    # ------------------------------------------------------------ the 1130 side
    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        self.wake()
        if function == XIO_SENSE_DEVICE:
            value = DSW_BUSY if self.dsw & DSW_BUSY else self.dsw
            if modifier & SENSE_RESET:
                self._clear_interrupts()
            return value
        if function == XIO_READ:
            if not self.dsw & DSW_BUSY:
                store = self.system.store
                for i, word in enumerate((self.ar, self.dsw, self.x & 0x7FF, self.y & 0x7FF, self.fkey, self.akey)):
                    store(address + i, word & 0xFFFF)
                self._clear_interrupts()
        elif function == XIO_WRITE:
            if not self.dsw & DSW_BUSY:
                if modifier & MOD_LAMPS_OR_RESET:
                    memory, mask = self.system.memory, len(self.system.memory) - 1
                    self.lamps = (memory[address & mask] << 16) | memory[(address + 1) & mask]
                else:
                    self.ar = address & 0xFFFF
                    self.fkey = self.akey = 0
                    self._clear_interrupts()
                    self.dsw |= DSW_BUSY
                    self.run_frames = 0
                    self.timer_seen = False
                    self.system.schedule(self, START_DELAY, "frame")
        elif function == XIO_CONTROL:
            if modifier & MOD_LAMPS_OR_RESET:
                self.reset()
                self.lamps = ((address << 16) | address) & 0xFFFFFFFF
        return None

    def event(self, event: str) -> None:
        if event == "frame" and self.dsw & DSW_BUSY:
            gduorders.regenerate(self)

    def reset(self) -> None:
        """CHECK RESET or XIO Control reset: regeneration stops, interrupts
        and lamps clear, the beam goes to the centre, the screen goes dark."""
        if self.system is not None:
            self.system.cancel(self, "frame")
        self._clear_interrupts()
        self.dsw = 0
        self.lamps = 0
        self.x = self.y = 512
        self.detects_enabled = self.deferred = self.large_characters = False
        self.frame = []
        self.drawing = []
        self.beam_us = 0.0
        self.wake()
        self.run_frames = 0

    def load_state(self, state: dict[str, Any]) -> None:
        super().load_state(state)
        if self.parked and self.system is not None:
            self.system.core_watch = self.wake

    # --------------------------------------------------------- device services
    def _clear_interrupts(self) -> None:
        self.dsw &= ~DSW_INTERRUPTS
        self.clear("display")

    def raise_interrupt(self, dsw_bit: int) -> None:
        """Set ``dsw_bit`` (one of the DSW interrupt bits), request level 3
        and halt regeneration (SIMH ``gdu_interrupt``)."""
        self.dsw = (self.dsw | dsw_bit) & ~DSW_BUSY
        self.interrupt("display")
        if self.system is not None:
            self.system.cancel(self, "frame")

    def end_frame(self) -> bool:
        """The frame being drawn becomes the displayed one; True when it is
        the same picture as the one before."""
        same = self.drawing == self.frame and self.run_frames > 0
        self.frame = self.drawing
        self.drawing = []
        self.frames += 1
        self.run_frames += 1
        return same

    def park(self) -> None:
        """Stop regenerating until :meth:`wake` (see the module docstring):
        watch core for changes while parked."""
        self.parked = True
        self.system.core_watch = self.wake

    def wake(self) -> None:
        """Resume a parked regeneration (see the module docstring)."""
        if self.parked:
            self.parked = False
            if self.system is not None and self.system.core_watch == self.wake:
                self.system.core_watch = None
            self.run_frames = 0
            if self.dsw & DSW_BUSY and self.system is not None:
                self.system.schedule(self, START_DELAY, "frame")

    # ------------------------------------------------------------- front ends
    @property
    def busy(self) -> bool:
        """True while regenerating."""
        return bool(self.dsw & DSW_BUSY)

    def segments(self) -> list[tuple[int, int, int, int]]:
        """The screen: the last complete frame's beam-on segments (raster
        units, ``(x0, y0, x1, y1)``, a point has equal ends), or the frame
        being drawn when none has completed yet."""
        return list(self.frame if self.frames else self.drawing)

    def render(self, dl: Any, colour: int = 1, intensity: float = 1.0) -> None:
        """Draw the screen (``segments()``) into ``dl``, a
        ``machines.vector.displaylist.DisplayList``, in raster units; colour
        index ``colour`` (default 1, the palette's phosphor green)."""
        for x0, y0, x1, y1 in self.segments():
            dl.segment(x0, y0, x1, y1, intensity, colour)

    def light_pen(self, x: float | None, y: float | None, switch: bool = False) -> None:
        """Hold the light pen at raster (x, y) (0-1023, y up), or take it
        away with ``None``; ``switch`` is its tip switch (DSW 0x0100, tested
        by the conditional branch and interrupt orders)."""
        self.pen = None if x is None or y is None else (float(x), float(y))
        self.wake()
        if switch and self.pen is not None:
            self.dsw |= DSW_LIGHT_PEN_SWITCH
        else:
            self.dsw &= ~DSW_LIGHT_PEN_SWITCH

    def press_function_key(self, n: int) -> None:
        """Press programmed function key ``n`` (0-31; else ``ValueError``)."""
        if not 0 <= int(n) <= 31:
            raise ValueError(f"the 2250 has function keys 0-31, not {n}")
        self.wake()
        self.fkey = FKEY_DATA_AVAILABLE | (int(n) << 8)
        self.raise_interrupt(DSW_KEYBOARD_INTERRUPT)

    def press_alpha_key(self, code: int) -> None:
        """Press an alphanumeric key: ``code`` is its character code
        (0-255, EBCDIC as the 1130 uses) or one of ``AKEY_END``,
        ``AKEY_CANCEL``, ``AKEY_ADVANCE``, ``AKEY_BACKSPACE``, ``AKEY_JUMP``;
        else ``ValueError``."""
        code = int(code)
        if not (0 <= code <= 0xFF or code in _AKEY_CONTROLS):
            raise ValueError(f"alpha key code must be 0-255 or a control key, not {code:#x}")
        self.wake()
        self.akey = AKEY_DATA_AVAILABLE | code
        self.raise_interrupt(DSW_KEYBOARD_INTERRUPT)

    def lamp(self, n: int) -> bool:
        """Programmed function indicator lamp ``n`` (0-31) lit?"""
        return bool(self.lamps >> (31 - n) & 1)


__all__ = ["Display2250", "AKEY_END", "AKEY_CANCEL", "AKEY_ADVANCE", "AKEY_BACKSPACE", "AKEY_JUMP",
           "DSW_CYCLE_STEAL_CHECK", "FRAME_US", "INSTRUCTION_CYCLES"]
