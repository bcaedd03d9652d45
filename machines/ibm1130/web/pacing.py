"""Pacing: the one owner of the page's speed.

The page runs the 1130 either at the real machine's speed (a 3.6 or 2.2 us
storage cycle) or as fast as the browser allows.  Everything that decides
how much the CPU does in a turn of the worker lives here: the speed setting
(``speed`` message), the real-speed throttle with its carried overshoot,
the wall time a free-running frame fills at maximum speed, the chunk size of
a scripted ``run``, and the instructions a second the page shows.  The
worker only reports the milliseconds since the last frame
(``Pacing.budget``) and relays.

At maximum speed nothing here paces the 1130: a frame is a share of wall
time, not of instructions, so emulated time that costs no wall time (a WAIT
skipped to a device's next event, a busy loop the translator counts at once
while the 1132's mechanism turns) is as free as on the command line.  The
devices keep their timing in emulated instructions (reference section 6);
only wall time is given away.

Units: time in milliseconds of wall clock (``clock`` returns seconds),
emulated time in storage cycles (``System.cycles``) and instructions.
"""

from __future__ import annotations

import math
import time
from typing import Callable

from .messages import BridgeError

#: Storage cycles per instruction of a typical mix (reference 4.10: 100,000
#: to 125,000 instructions a second on a 3.6 us machine): the real-speed
#: throttle charges this for each instruction time the CPU waits.
NOMINAL_CPI = 2.5
#: Throttled slices (instructions): a burst of output is at most ~this/10 characters.
MAX_SHARE = 4096
#: A long pause (a hidden tab) is not made up for: a frame covers at most this.
MAX_FRAME_MS = 100.0
#: At maximum speed a frame is this much wall time of Python: a snapshot a
#: frame (about 30 a second) and IMM STOP answered within one frame.
FAST_FRAME_MS = 30.0
#: The ``step`` hook's frame: 1/60 s of a 120,000 instructions a second 1130.
STEP_FRAME_INSTRUCTIONS = 2000
#: A frame's instruction cap when only wall time limits it.
UNLIMITED = 10**12
#: The two storage cycles IBM built (us).
CYCLES_US = (3.6, 2.2)


class SliceTimer:
    """An instruction count that adapts so one slice takes about
    ``target_ms`` of wall time: after a slice that used its whole count,
    the count is scaled by target/spent (at most doubled, at least
    ``low``, at most ``high``; a spent time under ``floor_ms`` counts as
    ``floor_ms``, so a timer's coarse tick does not blow it up; at least
    ``shrink``, so one slice the system held up does not collapse it)."""

    def __init__(self, target_ms: float, count: int, low: int, high: int, floor_ms: float,
                 shrink: float = 0.0) -> None:
        self.target_ms, self.count, self.low, self.high, self.floor_ms = target_ms, count, low, high, floor_ms
        self.shrink = shrink

    def measured(self, spent_ms: float) -> None:
        """One slice of ``count`` instructions took ``spent_ms``."""
        scale = max(self.shrink, min(2.0, self.target_ms / max(self.floor_ms, spent_ms)))
        self.count = max(self.low, min(self.high, round(self.count * scale)))


class Pacing:
    """The speed of the page's 1130.

    ``real`` True paces the CPU at ``cycle_us`` per storage cycle; False
    runs free, :data:`FAST_FRAME_MS` of wall time a frame, in chunks of
    ``chunk_timer.count`` instructions (about 2 ms of Python each, so the
    frame ends near its time).  ``run_timer`` slices scripted runs
    (about 8 ms a chunk, so IMM STOP gets in between).  ``ips`` is the
    instructions a second over the last second of wall time.
    ``clock`` returns seconds (injectable for tests)."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.real = True
        self.cycle_us = 3.6
        # A chunk that only skips emulated time takes no wall time and doubles
        # the count; the cap keeps a chunk of real work after it near 2 ms.
        self.chunk_timer = SliceTimer(2.0, 2000, 100, 20000, 0.25, shrink=0.5)
        self.run_timer = SliceTimer(8.0, 20000, 1000, 500000, 0.5)
        self.clock = clock
        self.ips = 0
        self._window: tuple[float, int] | None = None   # (start, instructions) of the ips second
        self._debt = 0.0       # storage cycles a throttled frame overshot, taken from the next
        self._share = 1        # the throttle's slice, doubled while no WAIT jumps the clock

    # -------------------------------------------------------------- setting
    def set_speed(self, msg: dict, console) -> dict:
        """The ``speed`` message: ``real`` (bool), ``cycle_us`` (one of
        :data:`CYCLES_US`, else ``BridgeError``: the page's messages are
        checked by their schema first, the desktop's by this).  The console
        printer is paced with it (the Selectric's 15.5 characters a second
        at the throttle's pace)."""
        real = bool(msg.get("real"))
        cycle = 3.6
        if real:
            cycle = msg.get("cycle_us", 3.6)
            if cycle not in CYCLES_US:
                raise BridgeError(f"cycle_us must be 3.6 or 2.2, not {cycle!r}")
        self.real, self.cycle_us = real, cycle
        self._debt = 0.0
        console.real_speed(1e6 / (cycle * NOMINAL_CPI) if real else 0)
        return {"real": self.real, "cycle_us": self.cycle_us}

    def budget(self, ms: float) -> tuple[int, float, float]:
        """The ``(instructions, cycles, wall_ms)`` of a free-running frame
        covering ``ms`` of wall time (at most :data:`MAX_FRAME_MS`): at real
        speed the storage cycles the 1130 would have taken (``wall_ms`` 0);
        at maximum speed no instruction or cycle limit and
        :data:`FAST_FRAME_MS` of wall time, whatever ``ms`` was."""
        ms = max(0.0, min(MAX_FRAME_MS, float(ms)))
        if self.real:
            cycles = ms * 1000 / self.cycle_us
            return math.ceil(cycles), cycles, 0.0
        return UNLIMITED, 0.0, FAST_FRAME_MS

    def count(self, executed: int, running: bool = True) -> None:
        """Instructions executed in a frame, for :attr:`ips`; a CPU not
        ``running`` shows 0 at once (a stopped machine's view stays still)."""
        if not running and not executed:
            self.ips, self._window = 0, None
            return
        now = self.clock()
        start, n = self._window if self._window is not None else (now, 0)
        n += executed
        if now - start >= 1.0:
            self.ips = round(n / (now - start))
            start, n = now, 0
        self._window = (start, n)

    # ------------------------------------------------------------ the slice
    def run_frame(self, system, panel, instructions: int, cycles: float, samples: int,
                  sample: Callable[[], None], wall_ms: float = 0.0) -> str | None:
        """Run the CPU if it is running, for at most ``instructions``
        instructions and, if ``wall_ms`` > 0, until about that many
        milliseconds of wall time have passed (see :meth:`run_for`), or if
        ``cycles`` > 0, about that many storage cycles of the real machine
        (the throttle).  Time the CPU spends in WAIT
        until a device answers counts too, at :data:`NOMINAL_CPI` cycles per
        instruction time it skips; what a frame overshoots is taken from the
        next one.  ``sample()`` is called ``samples`` times spread over the
        slice (fewer when the CPU stops).  Returns the last stop reason of
        the slice, or None."""
        s = system
        stop = None
        taken = 0
        start_i, start_c, start_clock = s.instructions, s.cycles, s.clock
        limit = max(0, int(instructions))
        budget = cycles - self._debt if cycles > 0 else None

        def spent() -> float:   # storage cycles used so far, waits included
            skipped = (s.clock - start_clock) - (s.instructions - start_i)
            return (s.cycles - start_c) + NOMINAL_CPI * skipped

        if wall_ms > 0:
            return self.run_for(system, panel, limit, wall_ms, samples, sample)
        if budget is None:
            for part in range(samples):
                if panel.running or panel.stop_reason == "wait":
                    share = (limit - (s.instructions - start_i)) // (samples - part)
                    if share > 0:
                        stop = panel.run_slice(share) or stop
                sample()
                if not panel.running and part:
                    break
        else:
            # Throttled.  A slice cannot be stopped at a given clock, and a
            # WAIT may jump the clock to a slow device's event (the Selectric
            # is 7,000 instruction times a character), so slices grow by
            # doubling while they run without such a jump and fall back to
            # one instruction when one happened: I/O-bound code is paced
            # event by event, computing code runs in big slices.
            while taken < samples:
                remaining = budget - spent()
                room = limit - (s.instructions - start_i)
                if (panel.running or panel.stop_reason == "wait") and remaining > 0 and room > 0:
                    step_budget = remaining / (samples - taken) if taken < samples - 1 else remaining
                    share = max(1, min(room, self._share, int(step_budget / NOMINAL_CPI) + 1))
                    clock0, before = s.clock, s.instructions
                    stop = panel.run_slice(share) or stop
                    jumped = (s.clock - clock0) - (s.instructions - before)
                    self._share = 1 if jumped > 0 else min(self._share * 2, MAX_SHARE)
                    if spent() < budget * (taken + 1) / samples and panel.running:
                        continue
                sample()
                taken += 1
                if not panel.running:
                    break
        if not panel.running:
            self._share = 1                    # a new run starts with small slices
        if budget is not None:
            # Carry an overshoot (a long instruction, a jump to an event) to the next frame.
            self._debt = max(0.0, spent() - budget) if panel.running else 0.0
        return stop

    def run_for(self, system, panel, limit: int, wall_ms: float, samples: int,
                sample: Callable[[], None]) -> str | None:
        """Maximum speed: run the CPU in chunks (``chunk_timer``) until
        ``wall_ms`` of wall time have passed, ``limit`` instructions ran or
        it stops; ``sample()`` is called ``samples`` times spread over the
        wall time (fewer when the CPU stops early, the last one after the
        stop, so the lamps show where it stopped).  Returns the last stop
        reason, or None."""
        s, clock, timer = system, self.clock, self.chunk_timer
        start = clock()
        step = wall_ms / 1000 / samples
        stop = None
        taken = 0
        first = s.instructions
        while True:
            now = clock()
            if panel.running or panel.stop_reason == "wait":
                share = min(timer.count, limit - (s.instructions - first))
                if share > 0:
                    before = s.instructions
                    stop = panel.run_slice(share) or stop
                    then = clock()
                    if s.instructions - before >= share:
                        timer.measured((then - now) * 1000)
                    now = then
            done = not panel.running or s.instructions - first >= limit
            due = min(samples, int((now - start) / step))
            if done:
                due = min(samples, max(due, taken + 1))
            while taken < due:
                sample()
                taken += 1
            if done or now - start >= wall_ms / 1000:
                return stop
