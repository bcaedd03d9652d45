"""IBM 1130 CPU: BSC, BOSC, BSI, MDX/MDM, WAIT, invalid operations (reference 4.4, 9)."""

import pytest

from machines.ibm1130.encode import long, short
from machines.ibm1130.system import System

WAIT = 0x3000


def machine(program, data=None, **registers):
    s = System(4096)
    s.load_words(0x100, program)
    for address, words in (data or {}).items():
        s.load_words(address, words)
    s.iar = 0x100
    for name, value in registers.items():
        setattr(s, name, value)
    return s


def skips(conditions, **registers):
    """Short BSC: True if it skipped the next word."""
    s = machine([short("BSC", conditions=conditions), WAIT, WAIT], **registers)
    assert s.run(10) == "wait"
    return {0x102: False, 0x103: True}[s.iar]


def branches(conditions, **registers):
    """Long BSC to /0200: True if it branched."""
    s = machine(long("BSC", 0x200, conditions=conditions) + [WAIT], data={0x200: [WAIT]}, **registers)
    assert s.run(10) == "wait"
    return {0x103: False, 0x201: True}[s.iar]


@pytest.mark.parametrize("conditions, registers, holds", [
    ("Z", {"acc": 0}, True), ("Z", {"acc": 1}, False),
    ("-", {"acc": 0x8000}, True), ("-", {"acc": 0}, False),
    ("+", {"acc": 5}, True), ("+", {"acc": 0}, False), ("+", {"acc": 0xFFFF}, False),
    ("E", {"acc": 2}, True), ("E", {"acc": 3}, False),
    ("C", {"carry": False}, True), ("C", {"carry": True}, False),
    ("O", {"overflow": False}, True), ("O", {"overflow": True}, False),
    ("Z+", {"acc": 7}, True), ("Z-", {"acc": 7}, False), ("", {"acc": 0}, False),
])
def test_short_skips_if_any_holds_long_branches_if_none_holds(conditions, registers, holds):
    # Section 9: the long form's sense is the reverse of the short form's.
    assert skips(conditions, **registers) is holds
    assert branches(conditions, **registers) is (not holds)


def test_long_bsc_without_conditions_always_branches():
    assert branches("", acc=0) and branches("", acc=0xFFFF, carry=True)


def test_testing_o_resets_overflow_in_both_forms():
    s = machine([short("BSC", conditions="O"), WAIT, WAIT], overflow=True)
    s.run(10)
    assert not s.overflow and s.iar == 0x102
    s = machine(long("BSC", 0x200, conditions="O") + [WAIT], data={0x200: [WAIT]}, overflow=True)
    s.run(10)
    assert not s.overflow and s.iar == 0x201
    s = machine(long("BSC", 0x200, conditions="Z") + [WAIT], data={0x200: [WAIT]}, overflow=True, acc=1)
    s.run(10)
    assert s.overflow                                       # not tested: kept


def test_bsc_indirect_and_indexed():
    s = machine(long("BSC", 0x300, indirect=True) + [WAIT], data={0x300: [0x0250], 0x250: [WAIT]})
    s.run(10)
    assert s.iar == 0x251
    s = machine(long("BSC", 0x240, tag=1) + [WAIT], data={1: [0x10], 0x250: [WAIT]})
    s.run(10)
    assert s.iar == 0x251


def test_bsi_short_stores_the_return_address():
    # Section 9: BSI stores the address of the next instruction and lands at EA+1.
    s = machine([short("BSI", 0x20)], data={0x122: [WAIT]})
    s.run(10)
    assert s.memory[0x121] == 0x101 and s.iar == 0x123


def test_bsi_long_call_and_return_through_bsc_indirect():
    subroutine = [0] + long("A", 0x300) + long("BSC", 0x200, indirect=True)
    s = machine(long("BSI", 0x200) + long("BSI", 0x200) + [WAIT], data={0x200: subroutine, 0x300: [5]})
    assert s.run(20) == "wait"
    assert s.acc == 10 and s.memory[0x200] == 0x104 and s.iar == 0x105


def test_bsi_long_with_conditions_does_nothing_if_one_holds():
    s = machine(long("BSI", 0x200, conditions="Z") + [WAIT], data={0x201: [WAIT]}, acc=0)
    s.run(10)
    assert s.iar == 0x103 and s.memory[0x200] == 0
    s = machine(long("BSI", 0x200, conditions="Z") + [WAIT], data={0x201: [WAIT]}, acc=1)
    s.run(10)
    assert s.iar == 0x202 and s.memory[0x200] == 0x102


def test_bsi_indirect():
    s = machine(long("BSI", 0x300, indirect=True), data={0x300: [0x0250], 0x251: [WAIT]})
    s.run(10)
    assert s.memory[0x250] == 0x102 and s.iar == 0x252


def test_mdx_short_tag0_is_a_relative_branch():
    s = machine([short("MDX", 3)], data={0x104: [WAIT]})
    s.run(10)
    assert s.iar == 0x105
    s = machine([short("MDX", 0), WAIT])                    # MDX 0: no-op
    s.run(10)
    assert s.iar == 0x102 and s.instructions == 2


@pytest.mark.parametrize("xr, disp, result, skip", [
    (0xFFFF, 1, 0x0000, True),        # becomes zero
    (5, -1, 4, False),
    (0x7FFF, 1, 0x8000, True),        # sign changes
    (0x0000, -1, 0xFFFF, True),       # sign changes
    (0xFFF0, 1, 0xFFF1, False),
])
def test_mdx_index_skip_on_zero_or_sign_change(xr, disp, result, skip):
    s = machine([short("MDX", disp, tag=2), WAIT, WAIT], data={2: [xr]}, carry=True, overflow=True, acc=9)
    s.run(10)
    assert s.memory[2] == result
    assert s.iar == (0x103 if skip else 0x102)
    assert s.carry and s.overflow and s.acc == 9            # MDX never touches ACC, C, V


def test_mdx_long_indexed_and_indirect():
    s = machine(long("MDX", 0x0100, tag=3) + long("MDX", 0x300, tag=3, indirect=True) + [WAIT],
                data={3: [0x0010], 0x300: [0x0005]})
    s.run(10)
    assert s.memory[3] == 0x0115


def test_mdm_modifies_memory_with_the_signed_low_byte():
    s = machine(long("MDX", 0x200, modifier=0xFF) + [WAIT, WAIT], data={0x200: [5]})
    s.run(10)
    assert s.memory[0x200] == 4 and s.iar == 0x103
    s = machine(long("MDX", 0x200, modifier=0xFF) + [WAIT, WAIT], data={0x200: [1]})
    s.run(10)
    assert s.memory[0x200] == 0 and s.iar == 0x104          # zero: skip
    s = machine(long("MDX", 0x200, modifier=0x80) + [WAIT, WAIT], data={0x200: [0x0100]})
    s.run(10)
    assert s.memory[0x200] == 0x0080                        # the I bit is part of the increment (-128)


def test_wait_stops_with_iar_at_the_next_instruction_and_program_start_resumes():
    s = machine([WAIT, short("LD", 1), WAIT, 0x4242])
    assert s.run(10) == "wait"
    assert s.iar == 0x101 and s.instructions == 1 and s.wait
    assert s.run(10) == "wait" and s.instructions == 1      # still waiting
    s.program_start()
    assert s.run(10) == "wait"
    assert s.acc == 0x4242 and s.instructions == 3


@pytest.mark.parametrize("op", [0b00000, 0b00111, 0b01010, 0b01011, 0b01111, 0b10110, 0b10111, 0b11111])
def test_invalid_operation_codes_stop(op):
    s = machine([(op << 11) | 0x0400, WAIT], acc=0x1111)
    assert s.run(10) == "invalid"
    assert s.iar == 0x101 and s.instructions == 1 and s.acc == 0x1111   # F ignored: one word


def test_bosc_at_mainline_acts_as_bsc():
    s = machine([short("BSC", conditions="Z", bosc=True), WAIT, WAIT], acc=0)
    s.run(10)
    assert s.iar == 0x103
    s = machine(long("BSC", 0x200, conditions="Z", bosc=True) + [WAIT], data={0x200: [WAIT]}, acc=1)
    s.run(10)
    assert s.iar == 0x201
