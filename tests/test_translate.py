"""Hot-block translation (machines/ibm1130/translate.py) against the
interpreter: the same state, instruction for instruction.

Random programs, loops that modify themselves, the bench programs and a real
DMS job run on two machines, one translating (threshold 1: everything hot is
compiled at once), one interpreting, in the same chunks; after each chunk the
whole saved state (core, registers, counters, display registers, events,
devices) must be equal.  The CPU and system tests also run again in a
subprocess with the translator off and with threshold 1, so they pass both
ways."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from machines.ibm1130 import translate
from machines.ibm1130.encode import long, shift, short
from machines.ibm1130.system import System
from machines.ibm1130.tools import bench
from translate_pair import pair, run_both

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"


def test_translation_is_on_by_default_and_can_be_turned_off(monkeypatch):
    monkeypatch.delenv("IBM1130_TRANSLATE", raising=False)
    assert System(4096)._core.translating
    assert not System(4096, translate=False)._core.translating
    monkeypatch.setenv("IBM1130_TRANSLATE", "0")
    assert not System(4096)._core.translating


@pytest.mark.parametrize("program", list(bench.PROGRAMS))
def test_bench_programs_agree_and_are_translated(program):
    plain, fast = bench.build(program, False), bench.build(program, True)
    fast._core.translator.threshold = 1
    run_both(plain, fast, [1, 2, 3, 50, 777, 5000, 12345])
    assert fast._core.translator.stats["translated"] > 0


def _loop_program(rng: random.Random, origin: int) -> list[int]:
    """Straight-line code of random register, memory, shift, skip and
    store instructions (stores may hit the code itself) and a branch back
    to the start: loops that become blocks and modify themselves."""
    code: list[int] = []
    ops = ["LD", "A", "S", "AND", "OR", "EOR", "STO", "LDD", "STD", "AD", "SD", "M", "D", "STS", "STX", "LDX", "MDX"]
    for _ in range(rng.randint(2, 14)):
        r = rng.random()
        if r < 0.55:
            op = rng.choice(ops)
            if op == "MDX":
                code += long("MDX", origin + rng.randrange(0, 40), modifier=rng.choice([1, 0xFF]))
            elif op in ("LDX",):
                code += long("LDX", rng.randrange(0, 0x400), tag=rng.randint(1, 3))
            else:
                target = origin + rng.randrange(0, 40) if rng.random() < 0.5 else 0x300 + rng.randrange(0, 32)
                code += long(op, target, tag=rng.choice([0, 0, 1, 2, 3]) if op not in ("STX", "STS") else 0,
                             indirect=rng.random() < 0.1)
        elif r < 0.7:
            code.append(rng.getrandbits(16) & 0x18FF | 0x1000)        # shifts
        elif r < 0.8:
            code.append(short("BSC", 0) | rng.getrandbits(6))          # skip on conditions
        elif r < 0.9:
            code.append(short("MDX", rng.randint(1, 2), tag=rng.randint(1, 3)))
        else:
            code.append(rng.getrandbits(16))                           # anything
    here = origin + len(code)
    if rng.random() < 0.5:
        code.append(short("MDX", (origin - (here + 1)) & 0xFF))        # B back
    else:
        code += long("BSC", origin, modifier=rng.getrandbits(6) & 0x3C)  # BSC L back, on conditions
    return code


@pytest.mark.parametrize("seed", range(60))
def test_random_loops_agree_chunk_by_chunk(seed):
    rng = random.Random(seed)
    origin = 0x100
    words = {origin: _loop_program(rng, origin),
             0x300: [rng.getrandbits(16) for _ in range(64)],
             1: [rng.randrange(0, 0x100) for _ in range(3)]}
    regs = (rng.getrandbits(16), rng.getrandbits(16), rng.random() < 0.5, rng.random() < 0.5)
    plain, fast = pair(words, origin, regs=regs)
    run_both(plain, fast, [rng.randint(1, 400) for _ in range(12)])


@pytest.mark.parametrize("seed", range(30))
def test_random_memory_agrees(seed):
    rng = random.Random(1000 + seed)
    words = {0x80: [rng.getrandbits(16) for _ in range(512)]}
    plain, fast = pair(words, 0x80 + rng.randrange(0, 64), regs=(rng.getrandbits(16), 0, False, True))
    run_both(plain, fast, [rng.randint(1, 300) for _ in range(10)])


def test_max_instructions_is_exact_through_blocks():
    for budget in (1, 7, 100, 1001, 54321):
        plain, fast = bench.build("indexed array walk", False), bench.build("indexed array walk", True)
        fast._core.translator.threshold = 1
        assert plain.run(budget) == fast.run(budget) == "limit"
        assert fast.instructions == plain.instructions == budget
        assert fast.save_state() == plain.save_state()


def test_a_second_machine_reuses_compiled_blocks_unless_forgotten():
    """The benchmarks' cold start (dmsbench --repeat): the same program on a
    second machine reuses the compiled code, after forget_compiled it
    compiles it again."""
    def compiled() -> int:
        s = bench.build("indexed array walk", True)
        s._core.translator.threshold = 1
        s.run(2000)
        return s._core.translator.stats["compiled"]

    translate.forget_compiled()
    assert compiled() > 0
    assert compiled() == 0
    translate.forget_compiled()
    assert compiled() > 0


def test_a_store_into_a_translated_block_drops_it():
    # 100: LD L 300; A L 301; STO L 302; B 100 -- then the A becomes an S.
    code = long("LD", 0x300) + long("A", 0x301) + long("STO", 0x302)
    code.append(short("MDX", (0x100 - (0x100 + len(code) + 1)) & 0xFF))
    plain, fast = pair({0x100: code, 0x300: [1, 2, 0]}, 0x100)
    run_both(plain, fast, [100])
    t = fast._core.translator
    assert t.blk[0x100] is not None and t.own[0x103]
    for s in (plain, fast):
        s.store(0x102, long("S", 0x301)[0])
    assert t.blk[0x100] is None
    run_both(plain, fast, [100])
    assert fast.memory[0x302] == (1 - 2) & 0xFFFF


def test_self_modifying_operand_is_fetched_each_time():
    # 100: LD L 310; STO L 105 (the address of the next LD); LD L 0; STO L 311; MDX L 310,+1; B 100
    code = long("LD", 0x310) + long("STO", 0x105) + long("LD", 0x320) + long("STO", 0x311)
    code += long("MDX", 0x310, modifier=1)
    code.append(short("MDX", (0x100 - (0x100 + len(code) + 1)) & 0xFF))
    plain, fast = pair({0x100: code, 0x310: [0x320, 0], 0x320: list(range(100, 400))}, 0x100)
    run_both(plain, fast, [50, 500, 1000, 3])
    assert fast._core.translator.smc[0x105] >= translate.SMC_STORES


def test_spinning_loop_is_counted_exactly():
    # 100: LD L 200; BSC L 100,Z (branch back while non-zero): spins until the budget
    code = long("LD", 0x200) + long("BSC", 0x100, modifier=0x20)
    plain, fast = pair({0x100: code, 0x200: [5]}, 0x100)
    run_both(plain, fast, [3, 1000, 99_999, 1])
    assert fast.instructions == 101_003 and fast.cycles == plain.cycles


def test_saved_state_has_no_translated_code_and_loading_drops_blocks():
    s = bench.build("subroutine calls", True)
    s._core.translator.threshold = 1
    s.run(1000)
    assert any(s._core.translator.blk)
    state = s.save_state()
    text = json.dumps(state)
    assert "block" not in text and "translat" not in text
    other = bench.build("subroutine calls", True)
    other._core.translator.threshold = 1
    other.run(500)
    other.load_state(json.loads(text))
    assert not any(other._core.translator.blk)
    s.run(777)
    other.run(777)
    assert other.save_state() == s.save_state()


def test_an_exchange_alone_in_a_loop_writes_both_registers_back():
    # 100 XCH (RTE 16); MDX 1 1; B 100: the block's only register change is the swap
    code = [shift("RTE", 16), short("MDX", 1, tag=1)]
    code.append(short("MDX", (0x100 - (0x100 + len(code) + 1)) & 0xFF))
    plain, fast = pair({0x100: code, 1: [0xFFF0]}, 0x100, regs=(0x1234, 0xABCD, False, False))
    run_both(plain, fast, [1, 2, 3, 4, 5, 37, 100, 7])


@pytest.mark.native
@pytest.mark.skipif(not (DATA / "dms.dsk").exists(), reason=f"IBM 1130 DMS material not found at {DATA}")
def test_dms_fortran_job_agrees_chunk_by_chunk(tmp_path, monkeypatch):
    from machines.ibm1130.machine import Ibm1130

    machines = []
    for on in (False, True):
        # The reference: the interpreter alone with every XIO and BOSC on
        # the checked path; against translation with inline I/O.
        monkeypatch.setenv("IBM1130_INLINE_IO", "1" if on else "0")
        m = Ibm1130(32768, translate=on)
        m.mount(DATA / "dms.dsk")
        m.attach_deck(DATA / "dms_coldstart.bin")
        m.attach_deck(DATA / "jobs" / "fortran_iterations.job")
        m.program_load("reader")
        machines.append(m)
    plain, fast = machines
    assert plain.system._core.run.__name__ == "run" and fast.system._core.run.__name__ == "run_blocks"
    stop = "limit"
    while stop == "limit":
        stop = plain.run(20_000)
        assert fast.run(20_000) == stop
        a, b = plain.system, fast.system
        assert (b.iar, b._core.registers(), b.instructions, b.cycles, b.level) == \
            (a.iar, a._core.registers(), a.instructions, a.cycles, a.level)
        assert b.memory == a.memory
    assert stop == "wait"
    assert fast.system.save_state() == plain.system.save_state()
    assert fast.printer.output_text() == plain.printer.output_text()
    assert fast.system._core.translator.stats["translated"] > 0


CPU_TESTS = ["tests/test_cpu_arith.py", "tests/test_cpu_branches.py", "tests/test_cpu_loadstore.py",
             "tests/test_cpu_properties.py", "tests/test_cpu_shifts.py", "tests/test_system_state.py",
             "tests/test_system_interrupts.py", "tests/test_isa.py", "tests/test_device_state.py"]


@pytest.mark.native
@pytest.mark.parametrize("env", [{"IBM1130_TRANSLATE": "0", "IBM1130_INLINE_IO": "0"},
                                 {"IBM1130_TRANSLATE": "1", "IBM1130_TRANSLATE_THRESHOLD": "1"}],
                         ids=["interpreter-checked-io", "translate-threshold-1"])
def test_cpu_and_system_tests_pass_both_ways(env):
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *CPU_TESTS],
                          cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
