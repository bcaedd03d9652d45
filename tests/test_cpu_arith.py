"""IBM 1130 CPU: A, S, AD, SD, M, D, AND, OR, EOR (reference 4.4, 9)."""

import pytest

from machines.ibm1130.encode import long
from machines.ibm1130.system import System

WAIT = 0x3000
DATA = 0x200


def compute(op, acc, operand, ext=0, operand2=0, carry=False, overflow=False):
    """Run ``op L DATA`` with the given registers; return the system."""
    s = System(4096)
    s.load_words(0x100, long(op, DATA) + [WAIT])
    s.load_words(DATA, [operand, operand2])
    s.iar = 0x100
    s.acc, s.ext, s.carry, s.overflow = acc, ext, carry, overflow
    assert s.run(10) == "wait"
    return s


def test_add_sets_carry_fresh_and_overflow_sticky():
    s = compute("A", 0xFFFF, 1)
    assert (s.acc, s.carry, s.overflow) == (0, True, False)
    s = compute("A", 1, 1, carry=True)
    assert (s.acc, s.carry) == (2, False)                    # carry cleared by an add without carry
    s = compute("A", 0x7FFF, 1)
    assert (s.acc, s.carry, s.overflow) == (0x8000, False, True)
    s = compute("A", 1, 1, overflow=True)
    assert s.overflow                                        # section 9: V is never cleared by arithmetic
    s = compute("A", 0x8000, 0x8000)
    assert (s.acc, s.carry, s.overflow) == (0, True, True)


def test_subtract_borrow_and_overflow():
    s = compute("S", 5, 7)
    assert (s.acc, s.carry, s.overflow) == (0xFFFE, True, False)
    s = compute("S", 7, 5, carry=True)
    assert (s.acc, s.carry) == (2, False)
    s = compute("S", 0x8000, 1)
    assert (s.acc, s.overflow) == (0x7FFF, True)
    s = compute("S", 3, 3, overflow=True)
    assert (s.acc, s.carry, s.overflow) == (0, False, True)


def test_add_double_and_subtract_double():
    s = compute("AD", 0x0000, 0x0000, ext=0xFFFF, operand2=0x0001)
    assert (s.acc, s.ext, s.carry, s.overflow) == (1, 0, False, False)
    s = compute("AD", 0xFFFF, 0x0000, ext=0xFFFF, operand2=0x0001)
    assert (s.acc, s.ext, s.carry) == (0, 0, True)
    s = compute("AD", 0x7FFF, 0x0000, ext=0xFFFF, operand2=0x0001)
    assert (s.acc, s.ext, s.overflow) == (0x8000, 0, True)
    s = compute("SD", 0, 0, ext=0, operand2=1)
    assert (s.acc, s.ext, s.carry, s.overflow) == (0xFFFF, 0xFFFF, True, False)
    s = compute("SD", 0x8000, 0, ext=0, operand2=1)
    assert (s.acc, s.ext, s.overflow) == (0x7FFF, 0xFFFF, True)


def test_add_double_operand_at_ea_or_1():
    s = System(4096)
    s.load_words(0x100, long("AD", 0x201) + [WAIT])
    s.load_words(0x200, [0x0001, 0x0002])
    s.iar = 0x100
    s.run(10)
    assert (s.acc, s.ext) == (0x0002, 0x0002)              # odd EA: both halves are M[0x201]


def test_multiply_is_signed_and_leaves_c_v():
    s = compute("M", 0x7FFF, 0x7FFF, carry=True, overflow=True)
    assert (s.acc, s.ext, s.carry, s.overflow) == (0x3FFF, 0x0001, True, True)
    s = compute("M", (-2) & 0xFFFF, 3)
    assert (s.acc, s.ext) == (0xFFFF, 0xFFFA)
    s = compute("M", 0x8000, 0x8000)
    assert (s.acc, s.ext) == (0x4000, 0x0000)


@pytest.mark.parametrize("dividend, divisor, quotient, remainder", [
    (100, 7, 14, 2),
    (-100, 7, -14, -2),      # section 9: the remainder takes the dividend's sign
    (100, -7, -14, 2),
    (-100, -7, 14, -2),
    (-65536, 2, -32768, 0),  # the most negative quotient is not an overflow
])
def test_divide(dividend, divisor, quotient, remainder):
    d = dividend & 0xFFFFFFFF
    s = compute("D", d >> 16, divisor & 0xFFFF, ext=d & 0xFFFF, carry=True)
    assert (s.acc, s.ext) == (quotient & 0xFFFF, remainder & 0xFFFF)
    assert not s.overflow and s.carry


def test_divide_overflow_cases():
    s = compute("D", 0x1234, 0, ext=0x5678)                # zero divisor: V, registers unchanged
    assert (s.acc, s.ext, s.overflow) == (0x1234, 0x5678, True)
    s = compute("D", 0x8000, 0xFFFF, ext=0x0000)           # 0x80000000 / -1
    assert s.overflow and (s.acc, s.ext) == (0x8000, 0x0000)
    s = compute("D", 0xFFFE, 2, ext=0xEE90)                # -70000 / 2 = -35000 < -32768
    assert s.overflow and (s.acc, s.ext) == ((-35000) & 0xFFFF, 0)
    s = compute("D", 0x0001, 1, ext=0x0000)                # 65536 / 1 > 32767
    assert s.overflow


def test_logical_operations_leave_carry_and_overflow():
    for op, expected in (("AND", 0x0F00), ("OR", 0xFFF0), ("EOR", 0xF0F0)):
        s = compute(op, 0xFF00, 0x0FF0, carry=True, overflow=True)
        assert s.acc == expected, op
        assert s.carry and s.overflow
        s = compute(op, 0xFF00, 0x0FF0)
        assert not s.carry and not s.overflow
