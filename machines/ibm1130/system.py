"""The IBM 1130 system frame: core, CPU, interrupt levels, I/O bus, events.

Reference ../shared/reference/ibm1130.md sections 4.1-4.6, 6 and 8; SIMH's
``ibm1130_cpu.c`` is the executable reference.  ``System`` is the front door
of the machine: the command line, the console panel, the web worker and the
tests all drive it through ``run``/``step`` and the registers below.

Time.  Device time is counted in instructions, as SIMH does: ``clock``
advances by one per instruction executed, and an event scheduled with
``schedule(device, delay)`` fires between instructions when ``clock``
reaches ``clock + delay``, before the next interrupt check and fetch.  While
the CPU is in the WAIT state and an event is pending, the clock jumps to the
next event (SIMH sets ``sim_interval = 0`` and lets ``sim_process_event``
advance ``sim_time`` to the head of its queue); the jump moves ``clock`` but
not ``instructions``, which counts only instructions executed (the run
contract of DESIGN.md).  No storage cycles are charged for the jump.  When
waiting with no event pending nothing can ever interrupt, so ``run`` stops
with ``"wait"`` (SIMH stops when its queue is empty).

Decode cache.  The CPU caches decoded instructions per address, and with
``translate`` (the default; environment ``IBM1130_TRANSLATE=0`` turns it off)
hot code as translated blocks (translate.py).  Every write to core must go
through ``store``/``load_words`` (devices, loaders, the console) or be
followed by ``invalidate_decode()``.
"""

from __future__ import annotations

import bisect
import os
from array import array
from typing import Any, Callable, Sequence

from . import isa, timing
from .cpu import Core, Decoded
from .devices.device import XIO_SENSE_DEVICE, XIO_SENSE_INTERRUPT, Device
from .devices.switches import ConsoleSwitches

MEMORY_SIZES = (4096, 8192, 16384, 32768)
STATE_VERSION = 1
# While waiting, at most this many event skips in one run() with no
# interrupt (a device whose events never end the wait): then stop "wait".
WAIT_SKIP_GUARD = 1_000_000
# Shifts whose count is kept in an index register (CCC shows what is left).
_NORMALIZE = frozenset({"SLCA", "SLC"})
# Instructions whose last storage access is the word at EA|1.
_PAIR_READS = frozenset({"LDD", "AD", "SD", "XIO"})


def _env_on(name: str) -> bool:
    """An on/off environment switch, on unless set to 0, off, no or false."""
    return os.environ.get(name, "1").strip().lower() not in ("0", "off", "no", "false")


class System:
    """A configured IBM 1130: ``memory_words`` of core (4096, 8192, 16384
    or 32768, else ValueError), the CPU, six interrupt levels, the device bus
    keyed by area code, and the console switches device at area 7.

    ``cycle_us`` (3.6 or 2.2) converts the storage-cycle count into the
    real machine's run time (``real_time_us``).

    ``translate`` turns hot-block translation on or off (None: the
    environment's ``IBM1130_TRANSLATE``, on by default).  ``inline_io``
    (None: on unless the environment says ``IBM1130_INLINE_IO=0``)
    executes XIO and BOSC inside the CPU's fast loop with the clock kept
    in step (``_inline``); off, each one goes out to the checked path, the
    reference the differential tests compare with."""

    def __init__(self, memory_words: int = 32768, cycle_us: float = timing.DEFAULT_CYCLE_US,
                 translate: bool | None = None, inline_io: bool | None = None) -> None:
        if memory_words not in MEMORY_SIZES:
            raise ValueError(f"memory size must be one of {MEMORY_SIZES} words, not {memory_words!r}")
        self.memory: list[int] = [0] * memory_words
        self.mask = memory_words - 1
        self.cycle_us = cycle_us
        self._core = Core(self.memory, {"XIO": self._xio, "WAIT": self._wait_op,
                                        "INVALID": self._invalid_op, "BOSC": self._bosc},
                          translate=translate, inline=self._inline if inline_io or inline_io is None and _env_on("IBM1130_INLINE_IO") else None)
        self._budget = 0                # the budget of the core.run call under way
        self._inline_last: tuple | None = None  # (Decoded, EA) of the last inline XIO/BOSC
        self._dec = self._core.dec
        self._set_acc = self._core.set_acc      # XIO's ACC write
        self._afr_cell = self._core.afr_cell    # AFR lives in the CPU (its handlers set it)
        self._own = self._core.translator.own
        self._bus: dict[int, Device] = {}
        self._devices: list[Device] = []
        self._events: list[list] = []   # sorted [due, seq, area, event]
        self._seq = 0
        self.breakpoints: set[int] = set()
        #: Called as ``trace(system)`` before each instruction (checked loop).
        self.trace: Callable[[System], None] | None = None
        #: Called as ``core_watch()`` when core may change behind a device's
        #: back: a ``store`` (the panel, the debugger, DMA, loaders), an
        #: ``invalidate_decode`` or the CPU leaving WAIT (it may then store).
        #: A parked 2250 sets it (Display2250); None costs one test per store.
        self.core_watch: Callable[[], None] | None = None
        self.instructions = 0
        self.clock = 0
        self.cycles = 0
        self._stepping = False
        self._reset_cpu()
        self.console = ConsoleSwitches()
        self.add_device(self.console)

    # ------------------------------------------------------------------ state
    def _reset_cpu(self) -> None:
        self._iar = 0
        self._core.set_registers(0, 0, 0, 0)
        self.wait = False
        self._wait_reason: str | None = None
        self.ilsw = [0] * 6
        self.level: int | None = None
        self._level_stack: list[int] = []
        self._sar = self._sbr = self._op = self._tag = self._ccc = 0
        self._core.afr_cell.cell_contents = 0
        self._display_last: tuple | None = None    # a decode-cache entry, named when shown
        self._break_skip: int | None = None

    def reset(self) -> None:
        """CHECK RESET (SIMH ``cpu_reset``): IAR, ACC, EXT, C, V, SAR, SBR, AFR
        cleared, interrupt levels and ILSWs cleared, wait state left, pending
        events dropped, then every device's ``reset()``.  Core, the console
        entry switches and the counters are kept."""
        self._reset_cpu()
        self._events.clear()
        for device in self._devices:
            device.reset()

    @property
    def iar(self) -> int:
        """Instruction address register (15 bits, masked to the memory size)."""
        return self._iar

    @iar.setter
    def iar(self, value: int) -> None:
        self._iar = int(value) & self.mask
        self._break_skip = None

    def _register(index: int, width: int = 0xFFFF) -> property:  # noqa: N805 - property factory  # pragma: no mutate block
        def get(self: System) -> int | bool:
            value = self._core.registers()[index]
            return value if index < 2 else bool(value)

        def put(self: System, value: int | bool) -> None:
            regs = list(self._core.registers())
            regs[index] = int(value) & width if index < 2 else bool(value)
            self._core.set_registers(*regs)
        return property(get, put)

    acc = _register(0)
    ext = _register(1)
    carry = _register(2)
    overflow = _register(3)
    del _register

    @property
    def xr(self) -> list[int]:
        """Index registers XR1-XR3 (core words 1-3)."""
        return self.memory[1:4]

    @property
    def switches(self) -> int:
        """The 16 console entry switches."""
        return self.console.value

    @switches.setter
    def switches(self, value: int) -> None:
        self.console.value = int(value) & 0xFFFF

    @property
    def real_time_us(self) -> float:
        """The real 1130's run time so far, microseconds (cycles x cycle_us)."""
        return timing.microseconds(self.cycles, self.cycle_us)

    # ------------------------------------------------------ display registers
    def _display(self, d: Decoded | tuple, ea: int | None) -> None:
        """Set the display registers after instruction ``d`` (a Decoded or
        its decode-cache entry, read by index; reference 4.11): SAR/SBR
        show the last storage access (the operand, else the last
        instruction word), OP and tag the instruction, CCC the shift count
        left.  (AFR, the arithmetic operand, is set by the instructions
        themselves, in the CPU: exact however the code ran.)"""
        M = self.memory
        mask = self.mask
        # By index, Decoded's field order: the fast loop's entries need no
        # named copy (cpu.named) to be shown.
        self._op = d[7] >> 11           # word1
        tag = self._tag = d[4]
        name = d[10]
        if name in ("BSC", "BOSC", "LDX"):
            # No storage access at a branch target or an immediate value;
            # an indirect form last read its pointer.
            ea = None
            mode = d[9]
            if mode == "I":
                ea = d[3] & mask
            elif mode == "XI":
                ea = (M[tag] + d[3]) & mask
        elif name in _PAIR_READS and ea is not None:
            ea |= 1                 # the second word is read last
        if ea is None:
            ea = (d[2] - 1) & mask  # the last instruction word fetched (next_iar - 1)
        self._sar = ea
        self._sbr = M[ea]
        if name in isa.SHIFTS:
            self._ccc = M[tag] & 0x3F if name in _NORMALIZE and tag else 0

    def _refresh_display(self) -> None:
        d = self._display_last
        if d is not None:
            self._display_last = None
            self._display(d, self._core.effective_address(d))

    def _display_property(attribute: str) -> property:  # noqa: N805 - property factory  # pragma: no mutate block
        def get(self: System) -> int:
            self._refresh_display()
            return getattr(self, attribute)
        return property(get, doc=f"Console display register ({attribute[1:].upper()}).")

    sar = _display_property("_sar")
    sbr = _display_property("_sbr")
    op_register = _display_property("_op")
    tag = _display_property("_tag")
    ccc = _display_property("_ccc")
    del _display_property

    @property
    def afr(self) -> int:
        """Console display register AFR: the operand of the last arithmetic
        instruction (LD, LDD, A, AD, S, SD, M, D, AND, OR, EOR: the word at
        its effective address, the first of a pair) or the last XIO's IOCC
        second word (reference 4.11)."""
        return self._afr_cell.cell_contents

    @property
    def levels(self) -> list[bool]:
        """Interrupt level lamps 0-5: lit while the level is in service or
        requested (a non-zero ILSW), as SIMH's console shows them."""
        active = set(self._level_stack)
        if self.level is not None:
            active.add(self.level)
        return [lvl in active or bool(self.ilsw[lvl]) for lvl in range(6)]

    # ----------------------------------------------------------------- memory
    def store(self, address: int, word: int) -> None:
        """Write one core word (address masked to the memory size, word to 16
        bits), keeping the decode cache valid."""
        address &= self.mask
        word &= 0xFFFF
        # The same word stored again changes nothing, as for the CPU's stores
        # (cpu.py's _STORE): DMS reads the same overlays over and over.
        if self.memory[address] != word:
            if self._own[address]:
                self._core.translator.kill(address, False)
            self.memory[address] = word
            self._dec[address] = None
            self._dec[address - 1] = None
        if self.core_watch is not None:
            self.core_watch()

    def load_words(self, address: int, words: Sequence[int]) -> None:
        """Store ``words`` (ints, each masked to 16 bits) at consecutive
        addresses from ``address`` (wrapping at the top of core), as
        ``store`` of each in turn would, in one slice: a disk sector, a
        loader's record.  Only the words that change drop translated
        blocks and start counting their executions afresh (new code, such
        as a DMS overlay read over the last one, earns its own
        translation); a load that changes any word drops the decoded
        instructions of all it covers (the CPU decodes an unchanged one
        again from its last entry).  ``core_watch`` is called once."""
        size = self.mask + 1
        at = address & self.mask
        # 16-bit words already (a disk sector) need no masking.
        new = words.tolist() if type(words) is array and words.typecode == "H" else [word & 0xFFFF for word in words]
        done = 0
        while done < len(new):
            take = min(len(new) - done, size - at)
            self._load_slice(at, new[done:done + take])
            done += take
            at = 0                      # wrapped
        if self.core_watch is not None:
            self.core_watch()

    def _load_slice(self, start: int, new: list[int]) -> None:
        end = start + len(new)
        memory = self.memory
        old = memory[start:end]
        if old == new:
            return
        # A sector read over the last overlay changes most of its words: the
        # decoded instructions of the whole slice go in one step (an
        # unchanged word's is decoded again from Core's last entry, cheaply);
        # blocks and heat change only at the words that change (translate.py).
        dec = self._dec
        dec[start:end] = [None] * len(new)
        dec[start - 1] = None
        self._core.translator.loaded(start, old, new)
        memory[start:end] = new

    def decoded(self, address: int) -> Decoded:
        """The instruction at ``address`` as the CPU decodes it
        (cpu.Decoded: name, words, tag, mode, cycles...), from the decode
        cache."""
        return self._core.decoded(address)

    def invalidate_decode(self) -> None:
        """Forget all decoded instructions (after writing ``memory`` directly)."""
        self._core.invalidate()
        if self.core_watch is not None:
            self.core_watch()

    # -------------------------------------------------------------------- bus
    def add_device(self, device: Device) -> None:
        """Attach ``device`` on every area code in ``device.areas``.
        Raises ValueError if an area is already taken by another device."""
        for area in device.areas:
            other = self._bus.get(area)
            if other is not None and other is not device:
                raise ValueError(f"area {area:#04x} is already taken by {other.name}")
        for area in device.areas:
            self._bus[area] = device
        if device not in self._devices:
            self._devices.append(device)
        device.attach_to(self)

    def device(self, area: int) -> Device | None:
        """The device answering ``area``, or None."""
        return self._bus.get(area)

    @property
    def devices(self) -> list[Device]:
        return list(self._devices)

    # ----------------------------------------------------------------- events
    def schedule(self, device: Device, delay: int, event: str = "") -> None:
        """Call ``device.event(event)`` after ``delay`` more instructions
        (``clock`` units); replaces a pending event of the same pair."""
        self.cancel(device, event)
        events = self._events
        self._seq += 1
        delay = int(delay)
        entry = [self.clock + delay if delay > 0 else self.clock, self._seq, device.area, event]
        # The newest sequence number sorts last among equal due times, so an
        # event due no sooner than the last one queued goes at the end (the
        # common case: the queue holds a device or two).
        if not events or events[-1][0] <= entry[0]:
            events.append(entry)
        else:
            bisect.insort(events, entry)

    def cancel(self, device: Device, event: str = "") -> None:
        """Drop the pending ``event`` of ``device`` if any."""
        area = device.area
        events = self._events
        for at in range(len(events) - 1, -1, -1):      # a few events: in place, no new list
            entry = events[at]
            if entry[2] == area and entry[3] == event:
                del events[at]

    def pending_events(self) -> list[tuple[int, int, str]]:
        """Pending events as ``(due clock, area, event)``, soonest first."""
        return [(e[0], e[2], e[3]) for e in self._events]

    def _fire_due(self) -> None:
        # A device's event may schedule or cancel others: re-read the head
        # (the list object itself is only replaced by load_state).
        events = self._events
        clock = self.clock
        bus = self._bus
        while events and events[0][0] <= clock:
            entry = events.pop(0)
            device = bus.get(entry[2])
            if device is not None:
                device.event(entry[3])

    # ------------------------------------------------------------- interrupts
    def request_interrupt(self, level: int, ilsw_bit: int) -> None:
        """Set ``ilsw_bit`` in the ILSW of ``level`` (0-5): the level is pending."""
        self.ilsw[level] |= ilsw_bit & 0xFFFF

    def clear_interrupt(self, level: int, ilsw_bit: int) -> None:
        """Clear ``ilsw_bit`` in the ILSW of ``level``."""
        self.ilsw[level] &= ~ilsw_bit & 0xFFFF

    def _take_interrupt(self) -> bool:
        """Recognise the highest pending level above the current one
        (reference 4.5): a forced BSI indirect through core word 8+level."""
        ilsw = self.ilsw
        for lvl in range(6 if self.level is None else self.level):
            if ilsw[lvl]:
                # The last instruction's display first (the fast loop leaves
                # it to be worked out when read): the interrupt's storage
                # access then replaces only SAR and SBR, as on the checked path.
                if self._display_last is not None:
                    self._refresh_display()
                if self.level is not None:
                    self._level_stack.append(self.level)
                self.level = lvl
                if self.core_watch is not None:
                    self.core_watch()
                self.wait = False
                self._wait_reason = None
                ea = self.memory[8 + lvl] & self.mask
                self.store(ea, self._iar)
                self._iar = (ea + 1) & self.mask
                self._sar, self._sbr = ea, self.memory[ea]
                self.cycles += timing.INTERRUPT_CYCLES
                return True
        return False

    # ------------------------------------------------- instructions with side effects
    def _xio(self, d: Decoded, ea: int) -> int:
        """XIO (reference 4.6): IOCC = M[EA], M[EA|1]; ACC is zeroed first
        (SIMH: "ACC is destroyed").  Sense Interrupt loads the
        current level's ILSW (0 at mainline); other functions go to the
        device on the area.  An area with no device is ignored and a sense
        there reads 0, as SIMH does for unattached areas.  ``ea`` is the
        IOCC's effective address (``d``'s, computed by the caller); ``d``
        is read by index (a Decoded or its cache entry)."""
        memory = self.memory
        iocc = memory[ea | 1]
        self._afr_cell.cell_contents = iocc
        function = (iocc >> 8) & 7
        if function == XIO_SENSE_INTERRUPT:
            level = self.level
            self._set_acc(self.ilsw[level] if level is not None else 0)
            return d[2]
        set_acc = self._set_acc
        set_acc(0)                      # before the device runs: it may read ACC
        area = iocc >> 11
        device = self._bus.get(area)
        if device is not None:
            result = device.xio(function, iocc & 0xFF, memory[ea], area)
            if function == XIO_SENSE_DEVICE and result:
                set_acc(result & 0xFFFF)
        return d[2]                     # next_iar

    def _wait_op(self, d: Decoded, ea: int | None) -> int:
        self.wait = True
        self._wait_reason = "wait"
        return d.next_iar

    def _invalid_op(self, d: Decoded, ea: int | None) -> int:
        # SIMH: an invalid operation enters the wait state and stops.
        self.wait = True
        self._wait_reason = "invalid"
        return d.next_iar

    def _invalid_stops(self) -> bool:
        """After an invalid operation: stop ``"invalid"`` unless an
        interrupt can still come (an event pending or a level requested).
        SIMH treats an invalid operation as a WAIT and stops only when
        nothing is queued; IBM's one-card core dump (kit/zcrdumpc.asm) uses
        /0010 as "wait for the interrupt" after each XIO write."""
        return not self._events and not any(self.ilsw)

    def _bosc(self, d: Decoded, ea: int | None) -> int:
        """BSC/BOSC with bit 9 set: the BSC test, then reset of the current
        interrupt level.  SIMH resets whenever bit 9 is set, short or long,
        taken or not; the FC says the long form resets "if a branch occurs".
        We follow SIMH (DMS and APL\\1130 rely on it; reference 4.4)."""
        # d by index (a Decoded or its cache entry): word2, aux, next_iar.
        # No condition bits (DMS's every interrupt exit): none holds, and
        # there is no O bit to reset V, so the CPU's test is not called.
        held = d[5] and self._core.conditions(d[5])
        if d[8] is None:  # short form: skip if any condition holds
            nxt = (d[2] + 1) & self.mask if held else d[2]
        else:             # long form: branch if none holds
            nxt = d[2] if held else ea
        if self.level is not None:      # the level is left
            self.level = self._level_stack.pop() if self._level_stack else None
        return nxt

    # -------------------------------------------------------------- execution
    def _execute_one(self) -> str | None:
        """Execute the instruction at IAR on the checked path: counters,
        display registers, INT RUN.  Returns ``"invalid"`` for an invalid
        operation, else None."""
        core = self._core
        pc = self._iar
        d = core.decoded(pc)
        ea = core.effective_address(d)
        mainline = self.level is None
        self.instructions += 1
        self.clock += 1
        self._iar = d.next_iar
        slow = d.slow
        self._iar = (slow(d, ea) if slow is not None else d.handler()) & self.mask
        self.cycles += d.cycles
        self._display_last = None
        self._display(d, ea)
        self._break_skip = None
        if mainline and self.console.int_run:
            self.console.int_run_tick()
        return "invalid" if d.name == "INVALID" else None

    def _inline(self, entry: tuple, done: int, budget: int) -> tuple[int, int]:
        """An XIO or BOSC met inside ``core.run`` (cpu.Core's ``inline``),
        executed as ``_execute_one`` and the top of ``run`` would: it is
        instruction ``done + 1`` of the call, so ``clock`` and
        ``instructions`` are moved in step while the device runs, the display
        registers are set from it if it turns out to be the call's last
        instruction (``_inline_last``, read by ``run``; at once if it lets
        an interrupt in), and the call goes on only if nothing would stop
        it there: no event due (the budget shrinks to the first one), no
        INT RUN.  An interrupt it makes recognisable is taken here when no
        event is due first (the top of ``run`` fires events before it looks
        at interrupts).  Returns (next IAR, budget) and keeps the budget in
        ``_budget`` for ``run``."""
        clock = self.clock
        instructions = self.instructions
        count = done + 1
        self.clock = clock + count
        self.instructions = instructions + count
        # The entry is used as it is (the slow functions and _display read
        # by index).
        ea = self._core.effective_address(entry)
        level = self.level
        nxt = entry[6](entry, ea) & self.mask
        # The display registers are set from it only if it is the last
        # instruction of the run call (``run``), or before an interrupt.
        self._inline_last = (entry, ea)
        self.clock = clock
        self.instructions = instructions
        if level is None and self.console.int_run:
            self.console.int_run_tick()
            budget = count                  # the checked loop takes over
        else:
            events = self._events
            if events and events[0][0] - clock < budget:
                budget = max(count, events[0][0] - clock)
        if budget > count:
            ilsw = self.ilsw
            level = self.level
            if any(ilsw if level is None else ilsw[:level]):
                self._display_last = None
                self._display(entry, ea)
                self._iar = nxt
                self._take_interrupt()
                nxt = self._iar
                # the interrupt's storage access is shown: no later display
                self._inline_last = None
        self._budget = budget
        return nxt, budget

    def run(self, max_instructions: int) -> str:
        """Run until a stop; returns the reason:

        * ``"wait"``: WAIT state with no event pending that could end it;
        * ``"limit"``: exactly ``max_instructions`` executed in this call
          (skipping to the next event while waiting executes nothing and
          does not count);
        * ``"invalid"``: an invalid operation was executed and nothing can
          interrupt (the machine is in the wait state; ``program_start()``
          resumes after it).  With an event pending or a level requested,
          an invalid operation waits for the interrupt like WAIT, as SIMH's;
        * ``"breakpoint"``: IAR reached an address in ``breakpoints`` (the
          instruction there is not executed; the next ``run`` executes it).

        Before each fetch, due events fire and pending interrupts are
        recognised.  Breakpoints, ``trace`` and INT RUN select the checked
        loop (one instruction at a time); otherwise the fast loop runs."""
        core = self._core
        events = self._events
        executed = 0
        skips = 0
        while True:
            events = self._events
            if events and events[0][0] <= self.clock:
                self._fire_due()
                events = self._events
            if any(self.ilsw):
                self._take_interrupt()
            if self.wait:
                if not events:
                    # Nothing can interrupt: WAIT stops "wait", an invalid
                    # operation "invalid" (SIMH stops with its queue empty).
                    return "invalid" if self._wait_reason == "invalid" else "wait"
                if self._stepping and (skips or executed):
                    return "limit"          # step(): one instruction or one skip at a time
                if skips >= WAIT_SKIP_GUARD:
                    return "wait"           # events that never interrupt
                skips += 1
                self.clock = max(self.clock, events[0][0])
                continue
            if executed >= max_instructions:
                return "limit"
            if self.breakpoints or self.trace is not None or self.console.int_run or self._stepping:
                pc = self._iar
                if pc in self.breakpoints and self._break_skip != pc:
                    self._break_skip = pc
                    return "breakpoint"
                if self.trace is not None:
                    self.trace(self)
                executed += 1
                if self._execute_one() == "invalid" and self._invalid_stops():
                    return "invalid"
                continue
            budget = max_instructions - executed
            if events and events[0][0] - self.clock < budget:
                budget = events[0][0] - self.clock
            self._budget = budget
            done, pc, cycles, last = core.run(budget, self._iar)
            self._iar = pc
            self.instructions += done
            self.clock += done
            self.cycles += cycles
            executed += done
            if done:
                if last is None:            # an inline XIO or BOSC was the last
                    self._display_last = None
                    if self._inline_last is not None:
                        self._display(*self._inline_last)
                else:
                    self._display_last = last
                self._break_skip = None
            if done < self._budget:  # stopped before an instruction for the checked path
                executed += 1
                if self._execute_one() == "invalid" and self._invalid_stops():
                    return "invalid"

    def step(self) -> str | None:
        """Execute one instruction on the checked path (breakpoints ignored).
        Due events fire and interrupts are recognised first; if the CPU is
        waiting, time skips to the next event (once per pending event).
        Returns None after a normal instruction, ``"wait"`` if the CPU is
        (still) in the WAIT state with nothing pending, ``"invalid"`` after an
        invalid operation."""
        saved, self.breakpoints = self.breakpoints, set()
        self._stepping = True
        try:
            reason = self.run(1)
        finally:
            self.breakpoints = saved
            self._stepping = False
        if reason == "limit":
            return "wait" if self.wait and not self._events else None
        return reason

    def program_start(self) -> None:
        """PROGRAM START: leave the wait state (after WAIT or an invalid
        operation) and continue at IAR on the next ``run``."""
        if self.core_watch is not None:
            self.core_watch()
        self.wait = False
        self._wait_reason = None

    def program_stop(self) -> None:
        """PROGRAM STOP key: a level-5 interrupt request (area 7 DSW 0x8000)."""
        self.console.press_program_stop()

    # ------------------------------------------------------------ save/load
    def save_state(self) -> dict[str, Any]:
        """Everything needed to continue exactly: core, registers, wait and
        interrupt state, counters, pending events (as ``[due, area, event]``)
        and each device's ``save_state()`` by area code.  JSON-serialisable."""
        self._refresh_display()
        acc, ext, carry, ovf = self._core.registers()
        return {
            "version": STATE_VERSION,
            "memory_words": len(self.memory),
            "memory": "".join(f"{w:04x}" for w in self.memory),
            "iar": self._iar, "acc": acc, "ext": ext, "carry": bool(carry), "overflow": bool(ovf),
            "wait": self.wait, "wait_reason": self._wait_reason,
            "level": self.level, "level_stack": list(self._level_stack), "ilsw": list(self.ilsw),
            "instructions": self.instructions, "clock": self.clock, "cycles": self.cycles,
            "events": [[e[0], e[2], e[3]] for e in self._events],
            "display": {"sar": self._sar, "sbr": self._sbr, "afr": self._afr_cell.cell_contents, "op": self._op,
                        "tag": self._tag, "ccc": self._ccc},
            "break_skip": self._break_skip,
            "devices": {str(dev.area): dev.save_state() for dev in self._devices},
        }

    def load_state(self, state: dict[str, Any]) -> None:
        """Restore a ``save_state()`` dict (ValueError if it does not fit
        this machine: version, memory size, or a device area not attached)."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported state version {state.get('version')!r}")
        if state["memory_words"] != len(self.memory):
            raise ValueError(f"state is for {state['memory_words']} words, machine has {len(self.memory)}")
        text = state["memory"]
        self.memory[:] = [int(text[i:i + 4], 16) for i in range(0, len(text), 4)]
        self._core.invalidate()
        self._core.set_registers(state["acc"], state["ext"], state["carry"], state["overflow"])
        self._iar = state["iar"] & self.mask
        self.wait = bool(state["wait"])
        self._wait_reason = state["wait_reason"]
        self.level = state["level"]
        self._level_stack = list(state["level_stack"])
        self.ilsw = [int(v) & 0xFFFF for v in state["ilsw"]]
        self.instructions = state["instructions"]
        self.clock = state["clock"]
        self.cycles = state["cycles"]
        disp = state["display"]
        self._sar, self._sbr = disp["sar"], disp["sbr"]
        self._afr_cell.cell_contents = int(disp["afr"]) & 0xFFFF
        self._op, self._tag, self._ccc = disp["op"], disp["tag"], disp["ccc"]
        self._display_last = None
        self._break_skip = state["break_skip"]
        self.core_watch = None          # a parked 2250 in the state sets it again
        for area, dev_state in state["devices"].items():
            device = self._bus.get(int(area))
            if device is None:
                raise ValueError(f"state has a device at area {int(area):#04x}, which is not attached")
            device.load_state(dev_state)
        self._events = []
        for due, area, event in state["events"]:
            if int(area) not in self._bus:
                raise ValueError(f"state has an event for area {int(area):#04x}, which is not attached")
            self._seq += 1
            self._events.append([due, self._seq, area, event])
        self._events.sort()
