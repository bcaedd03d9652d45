"""IBM 1130 system: save/load state, breakpoints, step, display registers,
cycle accounting, fast and checked loops agreeing."""

import json
from pathlib import Path

import pytest

from machines.ibm1130.tools import bench
from machines.ibm1130.encode import long, short
from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.machine import Ibm1130
from machines.ibm1130.system import System

WAIT = 0x3000


def core_state(system):
    state = system.save_state()
    state.pop("display")
    return state


def test_save_state_is_json_and_round_trips():
    s = bench.build("indexed array walk")
    s.run(1234)
    state = s.save_state()
    text = json.dumps(state)
    other = System(32768)
    other.load_state(json.loads(text))
    assert other.save_state() == state
    assert (other.iar, other.acc, other.xr, other.instructions, other.cycles) == \
        (s.iar, s.acc, s.xr, s.instructions, s.cycles)


@pytest.mark.parametrize("program", list(bench.PROGRAMS))
def test_save_and_load_mid_run_continue_identically(program):
    s = bench.build(program)
    s.run(777)
    saved = json.loads(json.dumps(s.save_state()))
    s.run(5000)
    other = System(32768)
    other.load_state(saved)
    other.run(5000)
    assert other.save_state() == s.save_state()


@pytest.mark.parametrize("program", list(bench.PROGRAMS))
def test_fast_and_checked_loops_agree(program):
    fast = bench.build(program)
    fast.run(3000)
    checked = bench.build(program)
    seen = []
    checked.trace = lambda system: seen.append(system.iar)
    checked.run(3000)
    assert len(seen) == 3000
    assert core_state(fast) == core_state(checked)


def test_load_state_rejects_another_memory_size():
    state = System(4096).save_state()
    with pytest.raises(ValueError, match="4096"):
        System(8192).load_state(state)


def test_breakpoint_stops_before_the_instruction_and_resumes():
    s = System(4096)
    s.load_words(0x100, [short("LD", 3), short("A", 2), short("MDX", -3), WAIT, 1])
    s.iar = 0x100
    s.breakpoints.add(0x101)
    assert s.run(100) == "breakpoint"
    assert s.iar == 0x101 and s.instructions == 1
    assert s.run(100) == "breakpoint"                      # went round the loop once
    assert s.iar == 0x101 and s.instructions == 4
    s.breakpoints.clear()
    assert s.run(10) == "limit" and s.instructions == 14


def test_step_executes_one_instruction_and_reports_wait():
    s = System(4096)
    s.load_words(0x100, [short("LD", 1), WAIT, 0x00FF])
    s.iar = 0x100
    s.breakpoints.add(0x100)                                # step ignores breakpoints
    assert s.step() is None and s.iar == 0x101 and s.acc == 0x00FF
    assert s.step() == "wait" and s.iar == 0x102
    assert s.step() == "wait" and s.instructions == 2


def test_display_registers_after_an_instruction():
    s = System(4096)
    s.load_words(0x100, long("A", 0x200, tag=1) + [WAIT])
    s.load_words(0x210, [0x0F0F])
    s.store(1, 0x10)
    s.iar = 0x100
    s.step()
    assert (s.sar, s.sbr, s.afr, s.op_register, s.tag) == (0x210, 0x0F0F, 0x0F0F, 0x10, 1)
    s = System(4096)                                        # fast loop: refreshed on reading
    s.load_words(0x100, [short("LD", 1), WAIT, 0x1234])
    s.iar = 0x100
    s.run(10)
    assert s.op_register == 0x06                            # the WAIT
    s = System(4096)
    s.load_words(0x100, [0x1240, WAIT])                      # SLCA 2
    s.store(2, 0x0010)
    s.acc = 0x0400
    s.iar = 0x100
    s.step()
    assert s.ccc == 0x0010 - 5 and s.acc == 0x8000


@pytest.mark.parametrize("translate", [False, True])
def test_afr_shows_the_last_arithmetic_operand_after_a_fast_run(translate):
    """The page's first example (LD A, A B, STO SUM, WAIT) stopped at its
    WAIT: AFR shows B, the A instruction's operand, as after stepping
    (the fast loop used to work out only the last instruction's display,
    and neither STO nor WAIT sets AFR, so its lamps stayed dark)."""
    source = (Path(__file__).resolve().parents[1] / "web" / "examples" / "add.asm").read_text()
    assembly = assemble(source, "add.asm")
    assert assembly.ok, assembly.error_text()
    shown = []
    for step in (True, False):
        machine = Ibm1130(4096, translate=translate)
        machine.load_image(assembly.image)
        if step:
            while machine.system.step() is None:
                pass
        else:
            assert machine.run(1000) == "wait"
        s = machine.system
        shown.append((s.acc, s.afr, s.sar, s.op_register))
    assert shown[0] == shown[1] == (1130 + 2026, 2026, 0x103, 0x06)


def test_cycles_follow_the_timing_table():
    s = System(4096)
    program = [short("LD", 10), short("LD", 9, tag=1)] + long("LD", 0x200) + long("LD", 0x200, tag=1) + \
        long("LD", 0x200, indirect=True) + [WAIT]
    s.load_words(0x100, program)
    s.iar = 0x100
    s.run(100)
    assert s.cycles == 2 + 3 + 3 + 4 + 4 + 1
    assert s.real_time_us == pytest.approx(17 * 3.6)
    assert System(4096, cycle_us=2.2).cycle_us == 2.2


def test_direct_memory_writes_need_invalidate_decode():
    s = System(4096)
    s.load_words(0x100, [short("LD", 1), WAIT, 5])
    s.iar = 0x100
    s.run(10)
    s.memory[0x100] = short("A", 1)
    s.invalidate_decode()
    s.iar, s.wait = 0x100, False
    s.run(10)
    assert s.acc == 10


def test_sar_shows_the_last_storage_access():
    s = System(4096)
    s.load_words(0x100, long("LDD", 0x200) + long("BSC", 0x300))
    s.load_words(0x200, [0x1111, 0x2222])
    s.load_words(0x300, [WAIT])
    s.iar = 0x100
    s.step()
    assert (s.sar, s.sbr, s.afr) == (0x201, 0x2222, 0x1111)   # LDD reads EA, then EA|1
    s.step()
    assert (s.sar, s.sbr) == (0x103, 0x0300)                 # a branch: its address word was the last access
    s.step()
    assert (s.sar, s.sbr, s.op_register) == (0x300, WAIT, 0x06)
