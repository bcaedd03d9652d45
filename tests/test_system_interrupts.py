"""IBM 1130 system: interrupt levels, ILSWs, BOSC, Sense Interrupt, WAIT,
events counted in instructions, XIO bus (reference 4.5, 4.6, 6, 9)."""

import pytest

from machines.ibm1130.devices.device import XIO_CONTROL, XIO_SENSE_DEVICE, Device, Interrupt
from machines.ibm1130.encode import long, short
from machines.ibm1130.system import System

WAIT = 0x3000
NOP = 0x1000


def iocc(area, function, modifier=0):
    return (area << 11) | (function << 8) | modifier


class Timer(Device):
    """A test device: Control starts an operation that completes ``delay``
    instructions later with an interrupt; Sense Device returns the DSW and
    modifier 0x01 resets it."""

    name = "test timer"

    def __init__(self, area, level, bit, delay=10):
        super().__init__()
        self.area, self.delay = area, delay
        self.interrupts = {"done": Interrupt(level, bit)}
        self.dsw = 0
        self.log = []

    def xio(self, function, modifier, address, area):
        self.log.append(("xio", function, self.system.instructions, self.system.acc))
        if function == XIO_CONTROL:
            self.system.schedule(self, self.delay, "done")
        elif function == XIO_SENSE_DEVICE:
            dsw = self.dsw
            if modifier & 1:
                self.dsw = 0
                self.clear("done")
            return dsw
        return None

    def event(self, event):
        self.log.append(("event", event, self.system.instructions, self.system.clock))
        self.dsw = 0x4000
        self.interrupt("done")

    def save_state(self):
        return {"dsw": self.dsw}

    def load_state(self, state):
        self.dsw = state["dsw"]


def handler(entry, area, save):
    """A handler at ``entry`` (the word the interrupt stores into): Sense
    Interrupt -> M[save]; Sense Device with reset; BOSC I entry."""
    iocc_at = entry + 0x20
    code = [0] + long("XIO", iocc_at) + long("STO", save) + long("XIO", iocc_at + 2) + \
        long("BSC", entry, indirect=True, bosc=True)
    return {entry: code, iocc_at: [0, iocc(0, 3), 0, iocc(area, 7, 1)]}


def machine(mainline, devices=(), handlers=()):
    s = System(4096)
    for device in devices:
        s.add_device(device)
    s.load_words(0x100, mainline)
    for level, entry, area, save in handlers:
        s.store(8 + level, entry)
        for address, words in handler(entry, area, save).items():
            s.load_words(address, words)
    s.iar = 0x100
    return s


def test_wait_is_left_by_an_interrupt_and_bosc_returns_after_it():
    timer = Timer(0x1D, 3, 0x0800, delay=10)
    s = machine(long("XIO", 0x340) + [WAIT] + long("LD", 0x380) + [WAIT], [timer],
                [(3, 0x300, 0x1D, 0x380)])
    s.load_words(0x340, [0, iocc(0x1D, 4)])
    assert s.run(1000) == "wait"
    assert s.iar == 0x106
    assert s.acc == 0x0800                                  # the ILSW of level 3, read by Sense Interrupt
    assert s.memory[0x300] == 0x103                         # return address: after the WAIT
    assert s.level is None and s.levels == [False] * 6
    assert s.instructions == 2 + 4 + 2                       # waiting is not counted as instructions
    assert timer.log[1] == ("event", "done", 2, 11)         # fired at clock 1 + 10, after the skip


def test_events_fire_exactly_when_the_count_is_reached_fast_and_checked():
    for checked in (False, True):
        timer = Timer(0x1D, 3, 0x0800, delay=5)
        s = machine(long("XIO", 0x340) + [NOP] * 20 + [WAIT], [timer], [(3, 0x300, 0x1D, 0x380)])
        s.load_words(0x340, [0, iocc(0x1D, 4)])
        if checked:
            s.breakpoints.add(0x0FFF)                       # selects the checked loop
        assert s.run(1000) == "wait"
        assert timer.log[0][:3] == ("xio", 4, 1)
        assert timer.log[1] == ("event", "done", 6, 6)      # after exactly 5 more instructions
        assert s.instructions == 22 + 4
        assert s.memory[0x300] == 0x100 + 2 + 5              # interrupted before the 7th instruction
        assert s.ilsw[3] == 0 and s.level is None


def test_nested_levels_and_return_order():
    low = Timer(0x1D, 4, 0x1000)
    high = Timer(0x1E, 1, 0x8000)
    s = machine([NOP] * 8 + [WAIT], [low, high], [(4, 0x400, 0x1D, 0x480), (1, 0x500, 0x1E, 0x580)])
    s.request_interrupt(4, 0x1000)
    assert s.step() is None                                 # level 4 taken, its first instruction done
    assert s.level == 4 and s.iar == 0x403 and s.memory[0x400] == 0x100
    s.request_interrupt(1, 0x8000)
    assert s.step() is None                                 # level 1 preempts level 4
    assert s.level == 1 and s.memory[0x500] == 0x403
    assert s.levels == [False, True, False, False, True, False]
    s.request_interrupt(4, 0x0200)                          # another level-4 device: masked for now
    for _ in range(3):
        s.step()
    assert s.level == 4 and s.iar == 0x403                  # BOSC returned into the level-4 handler
    assert s.memory[0x580] == 0x8000
    assert s._level_stack == [] and s.ilsw[4] == 0x1000 | 0x0200   # not re-entered while in service
    s.clear_interrupt(4, 0x0200)
    assert s.run(100) == "wait"
    assert s.level is None and s.iar == 0x109 and s.instructions == 9 + 4 + 4
    # These handlers do not save ACC: the level-1 handler's Sense Device (DSW 0) is what
    # the level-4 handler stored after it resumed.
    assert s.memory[0x480] == 0


def test_bosc_short_form_also_leaves_the_level():
    s = System(4096)
    s.store(8 + 2, 0x300)
    s.load_words(0x301, [NOP, short("BSC", bosc=True)])   # BOSC short, no conditions: no skip
    s.load_words(0x100, [NOP, WAIT])
    s.iar = 0x100
    s.request_interrupt(2, 0x4000)
    s.step()
    assert s.level == 2 and s.iar == 0x302
    s.clear_interrupt(2, 0x4000)                            # as the handler's Sense Device would
    s.step()
    assert s.level is None and s.iar == 0x303


def test_sense_interrupt_at_mainline_reads_zero_and_acc_is_zeroed_by_xio():
    s = machine(long("XIO", 0x340) + long("STO", 0x380) + long("XIO", 0x342) + [WAIT])
    s.load_words(0x340, [0, iocc(0, 3), 0x0200, iocc(0x1F, 1)])
    s.acc = 0x1234
    s.run(10)
    assert s.memory[0x380] == 0
    assert s.acc == 0                                       # XIO write to an empty area: ignored, ACC 0


def test_xio_sense_device_on_an_empty_area_reads_zero():
    s = machine(long("XIO", 0x340) + [WAIT])
    s.load_words(0x340, [0, iocc(0x1C, 7, 1)])
    s.acc = 0xFFFF
    s.run(10)
    assert s.acc == 0


def test_device_sees_acc_zero_and_iocc_fields():
    timer = Timer(0x1D, 3, 0x0800)
    s = machine(long("XIO", 0x341) + [WAIT], [timer])      # odd EA: IOCC is M[EA], M[EA|1]
    s.load_words(0x340, [0x1111, iocc(0x1D, 2, 0x33)])
    s.acc = 0x5555
    s.run(10)
    assert timer.log == [("xio", 2, 1, 0)]


def test_wait_with_nothing_pending_stops_and_wait_with_events_skips():
    timer = Timer(0x1D, 3, 0x0800, delay=1000)
    s = machine(long("XIO", 0x340) + [WAIT, WAIT], [timer])
    s.load_words(0x340, [0, iocc(0x1D, 4)])
    s.store(8 + 3, 0x300)
    s.store(0x301, WAIT)                                    # the handler just waits
    assert s.run(100) == "wait"
    assert s.iar == 0x302 and s.level == 3 and s.clock == 1001 + 1


def test_console_switches_program_stop_and_int_run():
    s = machine(long("XIO", 0x340) + [WAIT])
    s.load_words(0x340, [0x0380, iocc(7, 2)])
    s.switches = 0xA5A5
    s.run(10)
    assert s.memory[0x380] == 0xA5A5
    # PROGRAM STOP: level 5, DSW 0x8000, reset by Sense Device modifier 1.
    s = machine([NOP, NOP, WAIT], handlers=[(5, 0x300, 7, 0x380)])
    s.program_stop()
    assert s.ilsw[5] == 0x8000
    s.run(100)
    assert s.memory[0x380] == 0x8000 and s.ilsw[5] == 0 and s.level is None
    assert s.instructions == 4 + 3


def test_int_run_interrupts_after_each_mainline_instruction():
    s = machine([NOP, NOP, NOP, 0x0000], handlers=[(5, 0x300, 7, 0x380)])
    s.console.int_run = True
    # Three mainline NOPs, each followed by the 4-instruction level-5 handler, then the
    # invalid operation: its own INT RUN request is pending, so it waits for that
    # interrupt as SIMH's does (an invalid operation acts as WAIT), and the handler
    # returns after it.
    assert s.run(3 * (1 + 4) + 1 + 4) == "limit"
    assert s.iar == 0x104 and s.level is None
    assert s.memory[0x380] == 0x8000


def test_invalid_operation_waits_for_a_pending_interrupt():
    # kit/zcrdumpc.asm: XIO, then /0010 (undefined) as "wait for the interrupt".
    timer = Timer(0x1D, 3, 0x0800, delay=10)
    s = machine(long("XIO", 0x340) + [0x0010] + long("LD", 0x380) + [0x0010], [timer],
                [(3, 0x300, 0x1D, 0x380)])
    s.load_words(0x340, [0, iocc(0x1D, 4)])
    assert s.run(1000) == "invalid"                          # the second: nothing can come
    assert s.memory[0x300] == 0x103                          # the interrupt returned after it
    assert s.iar == 0x106 and s.acc == 0x0800
    assert s.instructions == 2 + 4 + 2


def test_invalid_operation_with_nothing_pending_stops():
    s = machine([NOP, 0x0010, NOP])
    assert s.run(100) == "invalid"
    assert s.iar == 0x102 and s.instructions == 2


def test_limit_counts_only_executed_instructions_while_waiting():
    # A WAIT ended by a slow device, many times: event skips are not instructions,
    # so a run stopped by the budget executed exactly that many.
    timer = Timer(0x1D, 3, 0x0800, delay=1000)
    loop = long("XIO", 0x340) + [WAIT, 0x70FC]             # XIO; WAIT; MDX back to the XIO
    s = machine(loop, [timer], [(3, 0x300, 0x1D, 0x380)])
    s.load_words(0x340, [0, iocc(0x1D, 4)])
    for budget in (1, 2, 3, 7, 50, 1001):
        before = s.instructions
        assert s.run(budget) == "limit"
        assert s.instructions - before == budget


def test_interrupt_vector_store_goes_through_the_decode_cache():
    s = machine([NOP, WAIT], handlers=[(0, 0x300, 0x1D, 0x380)])
    s.add_device(Timer(0x1D, 0, 0x8000))
    s.run(10)                                               # decode the code once
    s.iar, s.wait = 0x100, False
    s.store(0x300, 0xFFFF)
    s.request_interrupt(0, 0x8000)
    s.run(100)
    assert s.memory[0x300] == 0x100 and s.iar == 0x102


def test_reset_clears_cpu_levels_and_events_but_not_core_or_switches():
    timer = Timer(0x1D, 3, 0x0800)
    s = machine(long("XIO", 0x340) + [WAIT], [timer])
    s.load_words(0x340, [0, iocc(0x1D, 4)])
    s.switches = 0x1234
    s.run(1)
    assert s.afr == iocc(0x1D, 4)                  # the XIO's IOCC second word
    s.acc, s.carry, s.overflow = 5, True, True
    s.request_interrupt(2, 1)
    s.reset()
    assert (s.iar, s.acc, s.ext, s.carry, s.overflow) == (0, 0, 0, False, False)
    assert (s.sar, s.sbr, s.afr) == (0, 0, 0)
    assert s.ilsw == [0] * 6 and s.pending_events() == [] and s.level is None
    assert s.memory[0x340 + 1] == iocc(0x1D, 4) and s.switches == 0x1234


def test_memory_sizes_and_bus():
    for size in (4096, 8192, 16384, 32768):
        assert len(System(size).memory) == size
    with pytest.raises(ValueError):
        System(12288)
    s = System(4096)
    assert s.device(7) is s.console
    with pytest.raises(ValueError):
        s.add_device(Timer(7, 5, 1))


def test_long_bosc_leaves_the_level_even_without_a_branch_as_simh_does():
    # The IBM manual (FC) says the long BOSC resets the level "if a branch occurs";
    # SIMH resets it whenever bit 9 is set, and DMS and APL\1130 run on that.
    # We follow SIMH here (reference 4.4); this test pins the choice.
    s = System(4096)
    s.store(8 + 2, 0x300)
    s.load_words(0x301, [NOP] + long("BSC", 0x400, conditions="Z", bosc=True) + [WAIT])
    s.load_words(0x100, [NOP, WAIT])
    s.iar = 0x100
    s.request_interrupt(2, 0x4000)
    s.step()
    s.clear_interrupt(2, 0x4000)
    s.acc = 0                                               # Z holds: the long form does not branch
    s.step()
    assert s.iar == 0x304 and s.level is None


class Chain(Device):
    """Events that schedule and cancel one another."""

    name = "test chain"
    area = 0x1B

    def __init__(self):
        super().__init__()
        self.fired = []

    def event(self, event):
        self.fired.append((event, self.system.clock))
        if event == "a":
            self.system.cancel(self, "b")                   # due at the same time: must not fire
            self.system.schedule(self, 0, "c")              # due now: fires in the same pass
            self.system.schedule(self, 3, "d")


def test_events_may_schedule_and_cancel_others_while_firing():
    chain = Chain()
    s = machine([NOP] * 10 + [WAIT], [chain])
    s.schedule(chain, 2, "a")
    s.schedule(chain, 2, "b")
    assert s.run(100) == "wait"
    assert chain.fired == [("a", 2), ("c", 2), ("d", 5)]
    assert s.instructions == 11


# ------------------------------------------- priority: several levels at once

def levels_visited(s, budget=200):
    """Step ``s`` to its final WAIT and return the levels it ran at, in
    order (None for mainline), one entry per change."""
    seen = [s.level]
    for _ in range(budget):
        if s.step() == "wait":
            break
        if s.level != seen[-1]:
            seen.append(s.level)
    else:
        raise AssertionError("no final WAIT")
    return seen


def three_timers(levels):
    """A Timer per level, each on its own area (0x1A, 0x1B ...), with the
    standard handler at 0x400 + 0x100 * n saving its ILSW at handler + 0x80."""
    timers = [Timer(0x1A + n, level, 0x8000 >> n) for n, level in enumerate(levels)]
    handlers = [(level, 0x400 + 0x100 * n, 0x1A + n, 0x480 + 0x100 * n) for n, level in enumerate(levels)]
    return timers, handlers


@pytest.mark.parametrize("levels", [(3, 1), (1, 3), (4, 0), (5, 2)])
def test_two_levels_pending_at_once_are_taken_highest_first(levels):
    timers, handlers = three_timers(levels)
    s = machine([NOP] * 4 + [WAIT], timers, handlers)
    for t in timers:
        t.event("done")                                     # both requests before the first fetch
    high, low = sorted(levels)
    assert levels_visited(s) == [None, high, low, None]
    # Each handler's Sense Interrupt read its own level's ILSW, then the
    # low level was taken straight from the high one's BOSC: it returns to
    # the mainline instruction that was about to run (0x100).
    for t, (level, entry, _, save) in zip(timers, handlers):
        assert s.memory[save] == t.interrupts["done"].bit, level
        assert s.memory[entry] == 0x100
    assert s.iar == 0x105 and s.level is None and s.ilsw == [0] * 6


def test_three_levels_pending_at_once_and_the_low_one_enters_through_the_high_ones_bosc():
    timers, handlers = three_timers((4, 0, 2))
    s = machine([NOP] * 4 + [WAIT], timers, handlers)
    for t in timers:
        t.event("done")
    s.step()                                                # level 0 taken, first handler instruction
    assert s.level == 0 and s.levels == [True, False, True, False, True, False]   # lamps: pending too
    assert levels_visited(s) == [0, 2, 4, None]
    # Each lower level was recognised right after the BOSC of the one above,
    # before any mainline instruction: all three stored the same return address.
    assert [s.memory[entry] for _, entry, _, _ in handlers] == [0x100, 0x100, 0x100]
    assert s.instructions == 3 * 4 + 5


def test_higher_levels_arriving_inside_lower_handlers_nest_and_bosc_returns_to_each():
    """Mainline -> level 5 handler -> level 3 arrives -> level 1 arrives;
    each BOSC returns into the handler it interrupted, at the right level."""
    timers, handlers = three_timers((5, 3, 1))
    five, three, one = timers
    s = machine([NOP] * 4 + [WAIT], timers, handlers)
    five.event("done")
    s.step()                                                # in the level-5 handler
    assert s.level == 5 and s.iar == 0x403
    three.event("done")
    s.step()                                                # level 3 preempts
    assert s.level == 3 and s.memory[0x500] == 0x403 and s.iar == 0x503
    one.event("done")
    s.step()                                                # level 1 preempts level 3
    assert s.level == 1 and s.memory[0x600] == 0x503
    assert s.levels == [False, True, False, True, False, True]
    five.dsw = 0x4000
    s.request_interrupt(5, 0x8000)                          # a second level-5 request: masked
    assert levels_visited(s) == [1, 3, 5, None]
    assert s.iar == 0x105 and s.ilsw == [0] * 6
    # after BOSC from level 1 the level-3 handler resumed at 0x503, and so on
    assert s.memory[0x580] == three.interrupts["done"].bit


def test_a_lower_level_request_waits_for_the_higher_handlers_bosc():
    timers, handlers = three_timers((2, 4))
    two, four = timers
    s = machine([NOP] * 4 + [WAIT], timers, handlers)
    two.event("done")
    s.step()
    four.event("done")                                      # arrives inside the level-2 handler
    for _ in range(3):
        assert s.level == 2
        s.step()
    assert s.level == 4 and s.memory[0x500] == 0x100        # taken after the BOSC, before mainline
    assert levels_visited(s) == [4, None]
