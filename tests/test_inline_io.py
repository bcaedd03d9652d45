"""XIO and BOSC inside the CPU's fast loop (System._inline, cpu.Core's
``inline``) against the checked path, instruction for instruction.

Three machines run the same device-polling program in the same chunks:
the reference (interpreter alone, every XIO and BOSC on the checked path),
the interpreter with inline I/O, and the translator (threshold 1) with
inline I/O.  A test device answers the polls after a random number of
instructions, a second one interrupts on level 3 mid-loop, and both log
the clock and instruction count they see at every XIO and event; after
each chunk the whole saved state (core, registers, counters, display
registers, events, the devices' logs) must be the same on all three."""

from __future__ import annotations

import random

import pytest

from machines.ibm1130.devices.device import (PLAIN, SENSE_RESET, XIO_CONTROL, XIO_READ, XIO_SENSE_DEVICE,
                                             Device, Field, Interrupt)
from machines.ibm1130.encode import long, short
from machines.ibm1130.system import System

RESPONSE = 0x8000
BUSY = 0x0800


class Timer(Device):
    """A test device: XIO Control starts it (the response comes ``delay``
    instructions later, the modifier when non-zero, else ``period``); XIO
    Sense Device reads the DSW (modifier 1 resets the response and the
    interrupt); XIO Read stores how many responses it gave at the IOCC
    address.  Every XIO and event goes into ``digest`` with the clock and
    instruction count the device sees; controls and events are also
    logged in full."""

    name = "timer"
    STATE = (Field("dsw"), Field("responses"), Field("digest"), Field("log", codec=PLAIN))

    def __init__(self, area: int, interrupts: dict[str, Interrupt], period: int) -> None:
        super().__init__()
        self.area = area
        self.interrupts = interrupts
        self.period = period
        self.dsw = 0
        self.responses = 0
        self.digest = 0
        self.log: list[list[int]] = []

    def _note(self, function: int, modifier: int) -> None:
        seen = (self.system.clock, self.system.instructions, function, modifier)
        self.digest = hash((self.digest, seen)) & 0xFFFFFFFF
        if function != XIO_SENSE_DEVICE:
            self.log.append(list(seen))

    def xio(self, function: int, modifier: int, address: int, area: int) -> int | None:
        self._note(function, modifier)
        if function == XIO_CONTROL:
            self.dsw |= BUSY
            self.system.schedule(self, modifier or self.period, "done")
        elif function == XIO_READ:
            self.system.store(address, self.responses)
        elif function == XIO_SENSE_DEVICE:
            dsw = self.dsw
            if modifier & SENSE_RESET:
                self.dsw &= ~RESPONSE
                if self.interrupts:
                    self.clear("done")
            return dsw
        return None

    def event(self, event: str) -> None:
        self._note(-1, 0)
        self.dsw = (self.dsw | RESPONSE) & ~BUSY
        self.responses += 1
        if self.interrupts:
            self.interrupt("done")


def iocc(area: int, function: int, modifier: int = 0, address: int = 0) -> list[int]:
    return [address, (area << 11) | (function << 8) | modifier]


POLLED, TICKER = 3, 5
ISR = 0x200


def program(rng: random.Random) -> dict[int, list[int]]:
    """Mainline: start the polled device, then count polls in XR1 until
    its response (XIO sense; BSC L back while not minus), reset it, read
    its count into the operand of the loop's LD (a store into code from a
    device), restart it with a new delay.  Level 3 (the ticker): sense the
    ILSW, reset, count, restart, BOSC back."""
    io = 0x280                       # IOCCs, even addresses
    ioccs = [iocc(POLLED, XIO_CONTROL, rng.randint(1, 90)),      # 280 start polled
             iocc(POLLED, XIO_SENSE_DEVICE),                     # 282 sense
             iocc(POLLED, XIO_SENSE_DEVICE, SENSE_RESET),        # 284 sense and reset
             iocc(POLLED, XIO_READ, 0, 0x10B),                   # 286 read count into code
             iocc(TICKER, 3),                                    # 288 sense ILSW
             iocc(TICKER, XIO_SENSE_DEVICE, SENSE_RESET),        # 28A reset ticker
             iocc(TICKER, XIO_CONTROL)]                          # 28C restart ticker
    main = (long("LDX", 0, tag=1)                                # 100 LDX L1 0
            + long("XIO", io)                                    # 102 XIO start polled
            + [short("MDX", 1, tag=1)]                           # 104 MDX 1 1 (poll count)
            + long("XIO", io + 2)                                # 105 XIO sense
            + long("BSC", 0x104, conditions="-")                 # 107 BSC L 104,- (not minus: poll again)
            + long("LD", 0x300)                                  # 109 LD L 300 (operand set by the read)
            + long("XIO", io + 4)                                # 10B XIO sense and reset
            + long("XIO", io + 6)                                # 10D XIO read -> 10A
            + long("A", 0x310) + long("STO", 0x310)              # 10F A; STO: a running sum
            + long("XIO", io)                                    # 113 restart polled
            + [short("MDX", (0x104 - 0x116) & 0xFF)])            # 115 B 104
    isr = ([0] + long("XIO", io + 8) + long("STO", 0x311)        # 200 DC; 201 sense ILSW; 203 STO
           + long("XIO", io + 10) + long("MDX", 0x312, modifier=1)  # 205 reset; 207 MDM count
           + long("XIO", io + 12)                                # 209 restart ticker
           + long("BSC", ISR, indirect=True, bosc=True))         # 20B BOSC I 200
    return {0x100: main, ISR: isr, io: sum(ioccs, []), 8 + 3: [ISR],
            0x300: [rng.getrandbits(16) for _ in range(8)]}


def machines(seed: int) -> tuple[list[System], random.Random]:
    rng = random.Random(seed)
    words = program(rng)
    period = rng.randint(5, 300)
    systems = []
    for translate, inline in ((False, False), (False, True), (True, True)):
        s = System(4096, translate=translate, inline_io=inline)
        if translate:
            s._core.translator.threshold = 1
        s.add_device(Timer(POLLED, {}, 0))
        s.add_device(Timer(TICKER, {"done": Interrupt(3, 0x1000)}, period))
        for address, ws in words.items():
            s.load_words(address, ws)
        s.iar = 0x100
        systems.append(s)
    # Start the ticker before the program runs (as an earlier XIO would).
    for s in systems:
        s.device(TICKER).xio(XIO_CONTROL, 0, 0, TICKER)
    return systems, rng


def snapshot(s: System) -> tuple:
    """What save_state holds, without formatting core as text."""
    return (s.iar, s._core.registers(), s.instructions, s.clock, s.cycles, s.level, s.ilsw, s.wait,
            s.pending_events(), (s.sar, s.sbr, s.afr, s.op_register, s.tag, s.ccc),
            [d.save_state() for d in s.devices])


def agree(systems: list[System], chunks: list[int]) -> None:
    """Run all in the same chunks; after each, the same state (and the
    whole saved state at the end)."""
    reference = systems[0]
    for n in chunks:
        stops = [s.run(n) for s in systems]
        assert stops == [stops[0]] * 3
        for s in systems[1:]:
            assert snapshot(s) == snapshot(reference), f"after {reference.instructions} instructions"
            assert s.memory == reference.memory, f"after {reference.instructions} instructions"
    state = reference.save_state()
    assert all(s.save_state() == state for s in systems[1:])


@pytest.mark.parametrize("seed", range(8))
def test_polling_with_interrupts_agrees_with_the_checked_path(seed):
    systems, rng = machines(seed)
    agree(systems, [1] * 40 + [rng.randint(1, 500) for _ in range(25)])
    reference, _, fast = systems
    polled, ticker = reference.device(POLLED), reference.device(TICKER)
    assert polled.responses > 2 and ticker.responses > 2          # both devices answered, mid-loop
    assert reference.memory[0x312] == ticker.responses or reference.memory[0x312] == ticker.responses - 1
    assert fast._core.translator.stats["translated"] > 0


def test_inline_io_stays_in_the_fast_loop():
    systems, _ = machines(99)
    reference, inline, _ = systems
    calls = []
    for s in (reference, inline):
        run = s._core.run
        s._core.run = lambda n, pc, run=run, s=s: (calls.append(s), run(n, pc))[1]
    agree(systems, [8_000])
    xios = reference.device(POLLED).responses + reference.device(TICKER).responses
    assert xios > 40
    # The reference leaves the loop at every XIO and BOSC; inline I/O only
    # at events (the budget ends there).
    assert calls.count(reference) > xios
    assert calls.count(inline) < calls.count(reference) / 3


def test_device_sees_the_clock_of_its_instruction():
    # 100: NOP x5; XIO start (delay 7) at instruction 6; the event comes at clock 6 + 7.
    s = System(4096)
    s.add_device(Timer(POLLED, {}, 0))
    s.load_words(0x100, [0x1000] * 5 + long("XIO", 0x280) + [0x1000] * 20)
    s.load_words(0x280, iocc(POLLED, XIO_CONTROL, 7))
    s.iar = 0x100
    assert s.run(9) == "limit"
    assert s.device(POLLED).log == [[6, 6, XIO_CONTROL, 7]]
    assert s.pending_events() == [(13, POLLED, "done")]
    s.run(10)
    assert s.device(POLLED).log[-1] == [13, 13, -1, 0]


@pytest.mark.parametrize("seed", range(6))
def test_the_panel_after_an_interrupt_agrees_with_the_checked_loop(seed):
    """SAR, SBR, AFR, OP and tag after each run call, fast loop (and
    translated) against the checked loop (a breakpoint never reached
    selects it): an interrupt taken at a call's end shows its storage
    access, not the last instruction's; AFR is the operand of the last
    arithmetic instruction however the code ran.  (CCC is shown from the
    last instruction only: a shift's count.)"""
    systems, rng = machines(seed)
    checked = systems[0]
    checked.breakpoints = {0x7FF}
    for n in [1] * 40 + [rng.randint(1, 500) for _ in range(25)]:
        stops = [s.run(n) for s in systems]
        assert stops == [stops[0]] * 3
        shown = [(s.sar, s.sbr, s.afr, s.op_register, s.tag) for s in systems]
        assert shown == [shown[0]] * 3, f"after {checked.instructions} instructions"
