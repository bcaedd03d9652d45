"""IBM 1130 time: storage cycles to the real machine's microseconds.

The cycles of each instruction are a column of the instruction-set table
(isa.py: ``Operation.cycles`` and ``isa.cycles()``, from IBM 1130
Functional Characteristics Figure 15, reference
../shared/reference/ibm1130.md section 4.10); the CPU adds them up as it
runs.  This module turns a cycle count into time, for the system's
``real_time_us``, the bench command and the console UI (real-time
throttle).
"""

from __future__ import annotations

from . import isa

#: Storage cycle of the 1131 Models 1 and 2 (and 4's core), microseconds.
CYCLE_US_36 = 3.6
#: Storage cycle of the faster 1131 Models (2.2 us core), microseconds.
CYCLE_US_22 = 2.2
#: The default cycle time used to report a program's real run time.
DEFAULT_CYCLE_US = CYCLE_US_36

#: Cycles charged for the forced BSI of an interrupt (isa.INTERRUPT_CYCLES).
INTERRUPT_CYCLES = isa.INTERRUPT_CYCLES


def microseconds(total_cycles: int, cycle_us: float = DEFAULT_CYCLE_US) -> float:
    """Real 1130 time in microseconds for ``total_cycles`` storage cycles."""
    return total_cycles * cycle_us
