"""IBM 1130 CPU properties: random instruction streams never raise a Python
exception, and save_state/load_state mid-run continues identically."""

import json


import hypothesis  # a dev dependency, in Pyodide too: imported, never skipped
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from machines.ibm1130.system import System  # noqa: E402

STOPS = {"wait", "limit", "invalid", "breakpoint"}
words = st.lists(st.integers(0, 0xFFFF), min_size=16, max_size=256)


def machine(size, program, start, registers):
    s = System(size)
    s.load_words(0, program * (64 // len(program) + 1))
    s.load_words(start, program)
    s.iar = start
    s.acc, s.ext, s.carry, s.overflow = registers
    return s


registers = st.tuples(st.integers(0, 0xFFFF), st.integers(0, 0xFFFF), st.booleans(), st.booleans())


@settings(max_examples=150, deadline=None)
@given(size=st.sampled_from([4096, 8192, 16384, 32768]), program=words,
       start=st.integers(0, 0x7FFF), regs=registers)
def test_random_streams_never_raise(size, program, start, regs):
    s = machine(size, program, start & (size - 1), regs)
    for _ in range(5):
        stop = s.run(400)
        assert stop in STOPS
        assert 0 <= s.iar < size and 0 <= s.acc <= 0xFFFF and 0 <= s.ext <= 0xFFFF
        assert all(0 <= w <= 0xFFFF for w in s.memory[:64])
        s.program_start()
        if stop == "invalid":
            assert s.run(0) == "limit"


@settings(max_examples=60, deadline=None)
@given(program=words, start=st.integers(0, 0xFFF), regs=registers, split=st.integers(0, 300))
def test_save_load_mid_run_continues_identically(program, start, regs, split):
    s = machine(4096, program, start, regs)
    s.run(split)
    s.program_start()
    saved = json.loads(json.dumps(s.save_state()))
    s.run(300)
    other = System(4096)
    other.load_state(saved)
    other.run(300)
    assert other.save_state() == s.save_state()


@settings(max_examples=60, deadline=None)
@given(program=words, start=st.integers(0, 0xFFF), regs=registers)
def test_fast_loop_equals_checked_loop(program, start, regs):
    fast = machine(4096, program, start, regs)
    checked = machine(4096, program, start, regs)
    checked.trace = lambda system: None
    assert fast.run(500) == checked.run(500)
    a, b = fast.save_state(), checked.save_state()
    a.pop("display"), b.pop("display")
    assert a == b
