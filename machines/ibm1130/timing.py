"""The IBM 1130 timing table: core storage cycles per instruction.

One place for instruction timing, used by the CPU (cycle accounting), the
bench command and the console UI (real-time throttle).

Source: IBM 1130 Functional Characteristics, Figure 15 (execution times for
1131 Models 1 and 2, 3.6 us core cycle), as quoted in
../shared/reference/ibm1130.md section 4.10.  The figure lists times in
microseconds; the machine works in whole storage cycles (I1, I2, IX, IA,
E1, E2, E3), so each entry here is the listed average time divided by 3.6 us
and rounded, which reproduces the figure to within one cycle's rounding:

* LD, STO, AND, OR, EOR, STS: 7.6 / 11.2 / 10.8 / 14.8 us -> 2 / 3 / 3 / 4
* LDD, STD: 11.2 / 14.9 / 14.4 / 18.0 us -> 3 / 4 / 4 / 5
* LDX: 4.5 / 7.2 / 7.2 / 11.8 us -> 1 / 2 / 2 / 3
* STX: 7.6 / 11.2 / 11.8 / 15.4 us -> 2 / 3 / 3 / 4
* LDS: 3.6 us -> 1
* A, S (average): 8.0 / 11.7 / 11.2 / 15.3 us -> 2 / 3 / 3 / 4
* AD, SD (average): 12.2 / 15.8 / 15.3 / 19.3 us -> 3 / 4 / 4 / 5
* M (average): 25.7 / 29.3 / 29.3 / 32.9 us -> 7 / 8 / 8 / 9
* D (average): 76.0 / 79.6 / 79.6 / 83.2 us -> 21 / 22 / 22 / 23

The four columns are: short T=00, short T!=00, long T=00, long T!=00.  An
indirect long instruction adds one IA cycle.

The shift, branch, MDX, WAIT and XIO rows of Figure 15 were not available
(reference 4.10); their entries below follow the same cost model (one cycle
per storage reference: instruction words, index register read, indirect
word, operand reads and writes) and are marked [INF] in the reference sense.
"""

from __future__ import annotations

#: Storage cycle of the 1131 Models 1 and 2 (and 4's core), microseconds.
CYCLE_US_36 = 3.6
#: Storage cycle of the faster 1131 Models (2.2 us core), microseconds.
CYCLE_US_22 = 2.2
#: The default cycle time used to report a program's real run time.
DEFAULT_CYCLE_US = CYCLE_US_36

# Cycles by mnemonic: (short T=00, short T!=00, long T=00, long T!=00).
_TABLE: dict[str, tuple[int, int, int, int]] = {
    "LD": (2, 3, 3, 4), "STO": (2, 3, 3, 4), "AND": (2, 3, 3, 4),
    "OR": (2, 3, 3, 4), "EOR": (2, 3, 3, 4), "STS": (2, 3, 3, 4),
    "LDD": (3, 4, 4, 5), "STD": (3, 4, 4, 5),
    "LDX": (1, 2, 2, 3), "STX": (2, 3, 3, 4),
    "LDS": (1, 1, 1, 1),
    "A": (2, 3, 3, 4), "S": (2, 3, 3, 4),
    "AD": (3, 4, 4, 5), "SD": (3, 4, 4, 5),
    "M": (7, 8, 8, 9),
    "D": (21, 22, 22, 23),
    # [INF] rows: cost model, one cycle per storage reference.
    "BSC": (1, 1, 2, 3),      # I1 (+I2, +IX); the skip/branch needs no extra cycle
    "BSI": (2, 3, 3, 4),      # I1 + E1 (store the return address)
    "MDX": (1, 3, 4, 4),      # short T=00 is I1 only; XR/memory read + write
    "XIO": (4, 5, 5, 6),      # I1 + IOCC words E1, E2 + E3 to the device
    "WAIT": (1, 1, 1, 1),
    "INVALID": (1, 1, 1, 1),
    "SHIFT": (2, 3, 2, 3),    # I1 + E1 (+IX for the count); F is ignored
}

#: Cycles charged for the forced BSI of an interrupt (read vector, store IAR).
INTERRUPT_CYCLES = 2


def cycles(mnemonic: str, long: bool, tag: int, indirect: bool = False) -> int:
    """Storage cycles for one instruction.

    ``mnemonic`` is a key of the table (LD ... D, BSC, BSI, MDX, XIO, WAIT,
    INVALID, SHIFT; BOSC counts as BSC, MDM as MDX); ``long`` the F bit as
    used, ``tag`` 0-3, ``indirect`` the I bit of a long instruction (adds an
    IA cycle).  Raises KeyError for an unknown mnemonic.
    """
    row = _TABLE[mnemonic]
    value = row[(2 if long else 0) + (1 if tag else 0)]
    if long and indirect:
        value += 1
    return value


def microseconds(total_cycles: int, cycle_us: float = DEFAULT_CYCLE_US) -> float:
    """Real 1130 time in microseconds for ``total_cycles`` storage cycles."""
    return total_cycles * cycle_us
