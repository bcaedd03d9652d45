"""IBM 1130 CPU: SLA, SLCA, SLT, SLC, SRA, SRT, RTE (reference 4.4, 9)."""

import pytest

from machines.ibm1130.encode import shift
from machines.ibm1130.system import System

WAIT = 0x3000


def shifted(word, acc=0, ext=0, xr1=0, carry=False, overflow=False):
    s = System(4096)
    s.load_words(0x100, [word, WAIT])
    s.store(1, xr1)
    s.iar = 0x100
    s.acc, s.ext, s.carry, s.overflow = acc, ext, carry, overflow
    stop = s.run(10)
    return s, stop


def test_sla_carry_is_the_last_bit_out():
    s, _ = shifted(shift("SLA", 1), acc=0x8001)
    assert (s.acc, s.carry) == (0x0002, True)
    s, _ = shifted(shift("SLA", 4), acc=0x1234)
    assert (s.acc, s.carry) == (0x2340, True)
    s, _ = shifted(shift("SLA", 3), acc=0x1234, carry=True)
    assert (s.acc, s.carry) == (0x91A0, False)
    s, _ = shifted(shift("SLA", 16), acc=0x0001)
    assert (s.acc, s.carry) == (0, True)
    s, _ = shifted(shift("SLA", 20), acc=0xFFFF, carry=True)
    assert (s.acc, s.carry) == (0, False)


def test_sla_leaves_overflow():
    s, _ = shifted(shift("SLA", 1), acc=0x4000, overflow=True)
    assert s.acc == 0x8000 and s.overflow


def test_sra_is_logical():
    # Section 9: SRA shifts zeros into bit 0.
    s, _ = shifted(shift("SRA", 4), acc=0x8000, carry=True)
    assert s.acc == 0x0800 and s.carry
    s, _ = shifted(shift("SRA", 20), acc=0xFFFF)
    assert s.acc == 0


def test_srt_is_arithmetic_over_acc_ext():
    # Section 9: SRT propagates the sign.
    s, _ = shifted(shift("SRT", 4), acc=0x8000, ext=0x0001)
    assert (s.acc, s.ext) == (0xF800, 0x0000)
    s, _ = shifted(shift("SRT", 1), acc=0x0001, ext=0x0000)
    assert (s.acc, s.ext) == (0x0000, 0x8000)
    s, _ = shifted(shift("SRT", 63), acc=0x8000)
    assert (s.acc, s.ext) == (0xFFFF, 0xFFFF)


def test_rte_and_xch():
    s, _ = shifted(shift("RTE", 4), acc=0x1234, ext=0x5678)
    assert (s.acc, s.ext) == (0x8123, 0x4567)
    s, _ = shifted(0x18D0, acc=0x1234, ext=0x5678)        # XCH = RTE 16
    assert (s.acc, s.ext) == (0x5678, 0x1234)


def test_slt():
    s, _ = shifted(shift("SLT", 4), acc=0x1234, ext=0x5678)
    assert (s.acc, s.ext, s.carry) == (0x2345, 0x6780, True)
    s, _ = shifted(shift("SLT", 16), acc=0x1234, ext=0x5678)
    assert (s.acc, s.ext, s.carry) == (0x5678, 0x0000, False)


def test_shift_type_comes_from_the_instruction_when_indexed():
    # Section 9: XR1 = 0x00C3 has type bits 11 (RTE) but the instruction says SLA.
    s, _ = shifted(shift("SLA", tag=1), acc=0x0001, xr1=0x00C3)
    assert s.acc == 0x0008
    assert s.memory[1] == 0x00C3                           # SLA never writes the count back
    s, _ = shifted(shift("SRA", tag=1), acc=0x8000, xr1=0x0044)
    assert s.acc == 0x0800 and s.memory[1] == 0x0044


@pytest.mark.parametrize("name", ["SRA", "SRT", "RTE", "SLA", "SLT"])
def test_count_zero_advances_iar(name):
    # Section 9: a zero count is a NOP and the program goes on.
    s, stop = shifted(shift(name, 0), acc=0x1234, ext=0x5678, carry=True)
    assert stop == "wait" and s.iar == 0x102
    assert (s.acc, s.ext, s.carry) == (0x1234, 0x5678, True)
    s, stop = shifted(shift(name, tag=1), acc=0x1234, ext=0x5678, xr1=0x0040)
    assert stop == "wait" and s.iar == 0x102 and s.acc == 0x1234


def test_slca_normalises_and_writes_back_the_count():
    s, _ = shifted(shift("SLCA", tag=1), acc=0x0100, xr1=0x1210)
    assert (s.acc, s.carry, s.memory[1]) == (0x8000, True, 0x1209)
    s, _ = shifted(shift("SLCA", tag=1), acc=0x0000, xr1=0x12C5, carry=True)
    assert (s.acc, s.carry, s.memory[1]) == (0x0000, False, 0x1200)
    s, _ = shifted(shift("SLCA", tag=1), acc=0x4000, xr1=0x00C5)
    assert (s.acc, s.carry, s.memory[1]) == (0x8000, True, 0x0004)   # bits 8-9 become 0


def test_slc_normalises_acc_ext():
    s, _ = shifted(shift("SLC", tag=1), acc=0x0000, ext=0x0100, xr1=0x003F)
    assert (s.acc, s.ext, s.carry, s.memory[1]) == (0x8000, 0x0000, True, 0x0028)


def test_slca_and_slc_without_tag_are_sla_and_slt():
    s, _ = shifted(shift("SLCA", 4), acc=0x1234)
    assert (s.acc, s.carry) == (0x2340, True)
    s, _ = shifted(shift("SLC", 4), acc=0x1234, ext=0x5678)
    assert (s.acc, s.ext) == (0x2345, 0x6780)


def test_shift_right_type_01_is_invalid():
    s, stop = shifted(0x1800 | 0x40 | 3, acc=0x1234)
    assert stop == "invalid" and s.acc == 0x1234 and s.iar == 0x101


def test_f_bit_is_ignored_by_shifts():
    s, stop = shifted(shift("SLA", 4) | 0x0400, acc=0x0001)
    assert stop == "wait" and s.acc == 0x0010 and s.iar == 0x102
