"""The IBM 2250's display orders: the regeneration of one frame from core.

Reference ../shared/reference/ibm1130.md section 5 and SIMH
``ibm1130_gdu.c`` (``generate_image``, ``draw``, ``draw_characters``); the
order formats as IBM's DMS assembler builds them (ptmasmbl.asm phase 13):

=========  ==============================================================
top bits   order
=========  ==============================================================
000        short branch (GSB): one word, the 13-bit address in bits 3-15;
           the revert register keeps the address after it.  In character
           mode the target is character stroke data.  (SIMH reads the
           address from a second word; IBM's assembler makes GSB one word.)
0010       long branch (GB, GBC, 0x0800) or order-controlled interrupt
           (GI, GIC): two words, the second the address (or interrupt
           code).  0x0400 makes it a no-op, 0x0080 indirect, condition
           0x0001 light-pen switch, 0x0002 detect (cleared when tested).
0011       control, sub-order in bits 4-7: 1 Set Pen Mode (0x000C detects
           8 on / 4 off; 0x0003 interrupts 1 deferred / 2 enabled, the IBM
           sense, SIMH issue #462), 2 Set Graphic Mode (bit 15: point),
           3 Set Character Mode (bit 15: large), 4 Start Timer, 5 Store
           Revert (into the next word), 6 Revert.
010b       long absolute (MBA, DBA b=1 beam on): X in bits 6-15, the next
           word's low 10 bits Y.
011bs      short absolute (MBAX/MBAY, DBAX/DBAY): s=1 Y else X, 10 bits.
1          relative vector (MBI, DBI): dx bits 1-7, dy bits 9-15, seven-bit
           two's complement each; beam on 0x0080.
=========  ==============================================================

Character stroke words (MBS/DBS, two strokes a word): x 0x7000, beam
0x0800, y 0x0700 for the first stroke, x 0x0070, beam 0x0008, y 0x0007 for
the second; 0x0080 ends the character (revert).  A first stroke with x = 7
is a control word: y 1 subscript, 4 superscript, 7 new line.  Strokes are
in a 7 x 8 grid from the character's origin (the beam position), scaled
to the basic or large size (SIMH's ``cx`` table); after its last word the
character advances the beam by its spacing.  (SIMH spaces after every
stroke word and starts the beam off the origin; its issue #166 says its
character rendering is wrong, so we space per character.)

Time (our model, deterministic, SIMH-like; the 2250 manual's figures were
not available): each word fetched costs one storage cycle stolen from the
CPU, each positioning or vector ``VECTOR_SETTLE_US`` plus
``VECTOR_US_PER_UNIT`` per raster unit of its longer axis, each character
stroke ``STROKE_US``.  About 1,000 basic characters fit in one 25 ms frame.
"""

from __future__ import annotations

from typing import Any

# The device (display2250.Display2250) is typed ``Any`` here: that module
# imports this one.
Display2250 = Any

DSW_ORDER_CONTROLLED_INTERRUPT = 0x8000
DSW_KEYBOARD_INTERRUPT = 0x4000
DSW_DETECT_INTERRUPT = 0x2000
DSW_CYCLE_STEAL_CHECK = 0x1000
DSW_DETECT_STATUS = 0x0800
DSW_LIGHT_PEN_SWITCH = 0x0100
DSW_BUSY = 0x0080
DSW_CHARACTER_MODE = 0x0040
DSW_POINT_MODE = 0x0020
DSW_ADDRESS_DISPLACEMENT = 0x0003

#: The 2250's refresh: Start Timer's interval, 25 ms (40 frames a second).
FRAME_US = 25_000.0
#: Storage cycles of a typical instruction (a short-format load or store,
#: Functional Characteristics Figure 15): converts display time into the
#: instruction clock the system schedules events in.
INSTRUCTION_CYCLES = 2

VECTOR_SETTLE_US = 4.0
VECTOR_US_PER_UNIT = 0.025
STROKE_US = 1.5
#: A list that uses Start Timer but has not reached it for this long is shown anyway.
MAX_FRAME_US = 1_000_000.0
#: A frame holds at most this many lit segments (the rest still cost time).
MAX_FRAME_SEGMENTS = 8192
#: Words of one character before SIMH raises a cycle-steal check.
MAX_CHARACTER_WORDS = 29


class CharacterSize:
    """One character size (SIMH ``cx``): spacing ``dx`` and line pitch
    ``dy`` in raster units, stroke-grid scale ``sx``/``sy``, sub/superscript
    offset ``shift`` in grid units."""

    def __init__(self, dx: int, dy: int, sx: float, sy: float, shift: int) -> None:
        self.dx, self.dy, self.sx, self.sy, self.shift = dx, dy, sx, sy, shift


BASIC = CharacterSize(14, 20, 1.7, 2.0, 6)
LARGE = CharacterSize(21, 30, 2.5, 3.0, 9)


def near_segment(px: float, py: float, x0: float, y0: float, x1: float, y1: float, limit: float) -> bool:
    """True when point (px, py) lies within ``limit`` of the segment
    (x0, y0)-(x1, y1) (a point when both ends are equal)."""
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - x0) * dx + (py - y0) * dy) / length2))
    ex, ey = x0 + t * dx - px, y0 + t * dy - py
    return ex * ex + ey * ey <= limit * limit


class _Regenerator:
    """One frame event's work on a ``Display2250``: fetch and execute
    orders, keeping the time they take."""

    def __init__(self, d: Display2250) -> None:
        self.d = d
        self.memory = d.system.memory
        self.mask = len(self.memory) - 1
        self.cycle_us = d.system.cycle_us
        self.us = 0.0
        self.start = d.ar

    def fetch(self) -> int:
        d = self.d
        word = self.memory[d.ar & self.mask]
        d.ar = (d.ar + 1) & 0xFFFF
        d.dsw = (d.dsw & ~DSW_ADDRESS_DISPLACEMENT) | ((d.ar - self.start) & DSW_ADDRESS_DISPLACEMENT)
        self.us += self.cycle_us
        return word

    def line(self, x0: int, y0: int, x1: int, y1: int) -> None:
        """A lit vector (or a point when the ends are equal): keep it and
        test the light pen against it."""
        d = self.d
        if len(d.drawing) < MAX_FRAME_SEGMENTS:
            d.drawing.append((x0, y0, x1, y1))
        pen = d.pen
        if pen is not None and d.detects_enabled and near_segment(pen[0], pen[1], x0, y0, x1, y1, d.pen_threshold):
            d.dsw |= DSW_DETECT_STATUS

    def beam(self, x: int, y: int, on: bool) -> None:
        """Move the beam to (x, y), drawing a vector (or, in point mode, a
        point at the end) when ``on``."""
        d = self.d
        self.us += VECTOR_SETTLE_US + VECTOR_US_PER_UNIT * max(abs(x - d.x), abs(y - d.y))
        if on:
            if d.dsw & DSW_POINT_MODE:
                self.line(x, y, x, y)
            else:
                self.line(d.x, d.y, x, y)
        d.x, d.y = x, y

    # ------------------------------------------------------------ characters
    def characters(self) -> bool:
        """Draw the character whose stroke data starts at AR; AR returns to
        the revert address.  False when a cycle-steal check stopped it."""
        d = self.d
        size = LARGE if d.large_characters else BASIC
        memory, mask = self.memory, self.mask
        address = d.ar
        bx, by = d.x, d.y            # the beam inside the character
        shift = 0
        spaced = False               # any stroke word: the character takes a place
        words = 0
        while True:
            words += 1
            if words > MAX_CHARACTER_WORDS:
                d.ar = d.revert
                d.raise_interrupt(DSW_CYCLE_STEAL_CHECK)
                return False
            word = memory[address & mask]
            address += 1
            self.us += self.cycle_us
            x1, y1 = (word >> 12) & 7, (word >> 8) & 7
            if x1 == 7:                               # a control word: no spacing
                if y1 == 1 and shift == 0:
                    shift = -size.shift
                elif y1 == 4:
                    shift = size.shift
                elif y1 == 7:                         # new line
                    d.x = 0
                    d.y -= size.dy
                    if d.y < 0 and d.last_absolute:
                        d.y = 1024 - size.dy
                    bx, by = d.x, d.y
            else:
                spaced = True
                for x, y, on in ((x1, y1, word & 0x0800), ((word >> 4) & 7, word & 7, word & 0x0008)):
                    px = d.x + int(x * size.sx + 0.5)
                    py = d.y + int((y + shift) * size.sy + 0.5)
                    self.us += STROKE_US
                    if on:
                        self.line(bx, by, px, py)
                    bx, by = px, py
            if word & 0x0080:
                break
        if spaced:
            d.x += size.dx
            if d.x > 1023 and d.last_absolute:        # line wrap
                d.x = 0
                d.y -= size.dy
        d.ar = d.revert
        return True

    # ---------------------------------------------------------------- orders
    def run(self, budget_us: float) -> str:
        """Execute orders until one stops the frame: ``"timer"`` (Start
        Timer), ``"interrupt"`` or ``"budget"`` (``budget_us`` of display
        time spent without a Start Timer)."""
        d = self.d
        while True:
            if d.dsw & DSW_DETECT_STATUS and not d.deferred:
                d.dsw &= ~DSW_DETECT_STATUS
                d.raise_interrupt(DSW_DETECT_INTERRUPT)
                return "interrupt"
            if self.us >= budget_us:
                return "budget"
            self.start = d.ar
            order = self.fetch()
            d.orders += 1
            top = order >> 12
            if top <= 1:                                   # short branch
                d.revert = d.ar
                d.ar = order & 0x1FFF
                if d.dsw & DSW_CHARACTER_MODE and not self.characters():
                    return "interrupt"
            elif top == 2:                                 # long branch / interrupt
                target = self.fetch()
                taken = ((not order & 0x0001 or d.dsw & DSW_LIGHT_PEN_SWITCH)
                         and (not order & 0x0002 or d.dsw & DSW_DETECT_STATUS))
                if order & 0x0002:
                    d.dsw &= ~DSW_DETECT_STATUS
                if taken and not order & 0x0400:
                    if not order & 0x0800:
                        d.raise_interrupt(DSW_ORDER_CONTROLLED_INTERRUPT)
                        return "interrupt"
                    d.revert = d.ar
                    if order & 0x0080:
                        target = self.memory[target & self.mask]
                    d.ar = target & 0xFFFF
                    if d.dsw & DSW_CHARACTER_MODE and not self.characters():
                        return "interrupt"
            elif top == 3:                                 # control
                d.dsw &= ~DSW_CHARACTER_MODE
                sub = (order >> 8) & 0xF
                if sub == 1:                               # Set Pen Mode
                    if order & 0x000C == 0x0008:
                        d.detects_enabled = True
                    elif order & 0x000C == 0x0004:
                        d.detects_enabled = False
                    if order & 0x0003 == 0x0001:
                        d.deferred = True
                    elif order & 0x0003 == 0x0002:
                        d.deferred = False
                elif sub == 2:                             # Set Graphic Mode
                    d.dsw = d.dsw | DSW_POINT_MODE if order & 1 else d.dsw & ~DSW_POINT_MODE
                elif sub == 3:                             # Set Character Mode
                    d.dsw |= DSW_CHARACTER_MODE
                    d.large_characters = bool(order & 1)
                elif sub == 4:                             # Start Timer
                    return "timer"
                elif sub == 5:                             # Store Revert
                    d.system.store(d.ar & self.mask, d.revert)
                    self.fetch()
                elif sub == 6:                             # Revert
                    d.ar = d.revert
            elif top <= 5:                                 # long absolute
                d.dsw &= ~DSW_CHARACTER_MODE
                y = self.fetch() & 0x3FF
                self.beam(order & 0x3FF, y, bool(order & 0x1000))
                d.last_absolute = True
            elif top <= 7:                                 # short absolute
                d.dsw &= ~DSW_CHARACTER_MODE
                if order & 0x0800:
                    self.beam(d.x, order & 0x3FF, bool(order & 0x1000))
                else:
                    self.beam(order & 0x3FF, d.y, bool(order & 0x1000))
                d.last_absolute = True
            else:                                          # relative vector
                d.dsw &= ~DSW_CHARACTER_MODE
                dx = (order >> 8) & 0x7F
                dy = order & 0x7F
                dx = dx - 0x80 if dx & 0x40 else dx
                dy = dy - 0x80 if dy & 0x40 else dy
                self.beam(d.x + dx, d.y + dy, bool(order & 0x0080))
                d.last_absolute = False


def regenerate(d: Display2250) -> None:
    """The "frame" event: run the display list from AR (reference section
    5) for at most ``FRAME_US`` of display time, then schedule the next
    event, or stop on an interrupt.

    Start Timer ends the frame (the picture shown): the next one starts
    when the 25 ms interval begun by the previous Start Timer has run out,
    or as soon as the orders' own time has passed if that is longer, so a
    list that takes 100 ms refreshes 10 times a second.  A list that never
    reaches a Start Timer is shown every ``FRAME_US`` of display time; one
    that has reached one is shown at the latest every ``MAX_FRAME_US``."""
    system = d.system
    work = _Regenerator(d)
    stop = work.run(FRAME_US)
    d.beam_us += work.us
    if stop == "interrupt":
        return
    us_per_instruction = system.cycle_us * INSTRUCTION_CYCLES
    now = system.clock + max(1, round(work.us / us_per_instruction))
    if stop == "timer":
        d.timer_seen = True
    elif d.timer_seen and d.beam_us < MAX_FRAME_US:
        system.schedule(d, now - system.clock, "frame")     # the frame goes on
        return
    same = d.end_frame()
    d.beam_us = 0.0
    if same and system.wait and not system.pending_events():
        # Nothing but the operator can change the picture now: park until
        # the pen moves, a key or an XIO comes, or core may change
        # (Display2250.park, wake).
        d.park()
        return
    if stop == "timer":
        start = max(now, d.timer_due)
        d.timer_due = start + round(FRAME_US / us_per_instruction)
    else:
        start = now
    system.schedule(d, start - system.clock, "frame")
