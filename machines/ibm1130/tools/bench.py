"""``python -m machines.ibm1130 bench``: emulated IBM 1130 speed.

Runs a fixed mix of small 1130 programs (each an endless loop, stopped by
the instruction budget) and prints, per program and overall, the emulated
instructions per second, and the ratio to a real 1130: the program's real
run time (the cycles of isa.py's table x 3.6 us, timing.py) divided by the
time taken here.  A ratio of 40 means 40 times faster than the real machine.

Times are this process's CPU time (``time.process_time``), so other work on
the machine does not distort the figures; on an idle machine it equals the
wall time.

The programs are encoded with encode.py (asm1130 notation in the comments),
so the bench needs nothing but the CPU.

Each program runs twice in the same process: with hot-block translation
(translate.py, the default) and with the interpreter alone.  A pure-Python
calibration loop (:func:`calibration`, a toy accumulator machine with a
predecoded program, web.md section 5.4's fastest style) is timed in the same
run, and the mix's instructions per second are printed as a ratio to its
iterations per second, so machines and Pythons (CPython, Pyodide) compare.
"""

from __future__ import annotations

import time

from .. import isa, timing
from ..encode import long, shift, short
from ..system import System

ORIGIN = 0x0100
DEFAULT_BUDGET = 2_000_000


def _back(here: int, target: int) -> int:
    """Short MDX (asm1130 ``B``) from ``here`` to ``target``."""
    return short("MDX", target - (here + 1))


def arithmetic_loop() -> dict[int, list[int]]:
    """LD/A/S/STO/AND/OR/EOR on variables, then B back."""
    data = 0x0200
    code = (long("LD", data) + long("A", data + 1) + long("S", data + 2) + long("STO", data + 3)
            + long("AND", data + 4) + long("OR", data + 5) + long("EOR", data + 6) + long("STO", data + 7))
    code.append(_back(ORIGIN + len(code), ORIGIN))
    return {ORIGIN: code, data: [1234, 4321, 99, 0, 0x0FF0, 0x1001, 0x5555, 0]}


def indexed_walk() -> dict[int, list[int]]:
    """Add a constant to a 64-word array through XR1 counting -64 up to 0
    (LDX L1 -64; LD L1 END; A; STO L1 END; MDX 1 1; B inner; B outer)."""
    array_end = 0x0340
    code = long("LDX", -64, tag=1)                         # 100 LDX  L1 -64
    inner = ORIGIN + len(code)
    code += long("LD", array_end, tag=1)                   # 102 LD   L1 /0340
    code += long("A", 0x0200)                              # 104 A    L  /0200
    code += long("STO", array_end, tag=1)                  # 106 STO  L1 /0340
    code.append(short("MDX", 1, tag=1))                    # 108 MDX  1  1
    code.append(_back(ORIGIN + len(code), inner))          # 109 B    inner
    code.append(_back(ORIGIN + len(code), ORIGIN))         # 10A B    /0100
    return {ORIGIN: code, 0x0200: [3], array_end - 64: list(range(64))}


def shifts() -> dict[int, list[int]]:
    """LDD, then SLA/SRA/SLT/SRT/RTE/XCH and a normalising SLCA through XR2."""
    code = long("LDD", 0x0200)                             # LDD  L /0200
    code += [shift("SLA", 3), shift("SRA", 2), shift("SLT", 5), shift("SRT", 4),
             shift("RTE", 7), isa.WORD_ALIASES["XCH"]]     # ... RTE 7; XCH
    code += long("LDX", 12, tag=2)                         # LDX  L2 12
    code += [shift("SLCA", tag=2)]                         # SLCA 2
    code.append(_back(ORIGIN + len(code), ORIGIN))
    return {ORIGIN: code, 0x0200: [0x1234, 0x8765]}


def multiply_divide() -> dict[int, list[int]]:
    """LD; M; D; STD; LD; A: 16x16 multiply and 32/16 divide."""
    code = long("LD", 0x0200) + long("M", 0x0201) + long("D", 0x0202) + long("STD", 0x0204)
    code.append(_back(ORIGIN + len(code), ORIGIN))
    return {ORIGIN: code, 0x0200: [1234, -567 & 0xFFFF, 89, 0, 0, 0]}


def subroutine_calls() -> dict[int, list[int]]:
    """BSI L SUB twice per loop; SUB: A, BSC I SUB (the standard return)."""
    sub = 0x0180
    code = long("BSI", sub) + long("BSI", sub)             # BSI L SUB; BSI L SUB
    code.append(_back(ORIGIN + len(code), ORIGIN))
    subroutine = [0] + long("A", 0x0200) + long("BSC", sub, indirect=True)  # DC 0; A L /0200; BSC I SUB
    return {ORIGIN: code, sub: subroutine, 0x0200: [7]}


PROGRAMS = {
    "arithmetic loop": arithmetic_loop,
    "indexed array walk": indexed_walk,
    "shifts": shifts,
    "multiply and divide": multiply_divide,
    "subroutine calls": subroutine_calls,
}


def build(program: str, translate: bool | None = None) -> System:
    """A 32K system with bench ``program`` loaded and IAR at its start."""
    system = System(32768, translate=translate)
    for address, words in PROGRAMS[program]().items():
        system.load_words(address, words)
    system.iar = ORIGIN
    return system


def calibration(iterations: int = 1_000_000) -> float:
    """Iterations per CPU second of a pure-Python toy machine: a ``run``
    loop with the state in locals over predecoded ``(op, operand)`` tuples
    (add, exclusive or, store, branch back), the ceiling an interpreter
    written in Python can hope to approach."""
    program = [(0, 5), (1, 0x5555), (2, 7), (3, 0)]
    memory = [0] * 16
    acc = pc = 0
    start = time.process_time()
    for _ in range(iterations):
        op, operand = program[pc]
        if op == 0:
            acc = (acc + operand) & 0xFFFF
            pc += 1
        elif op == 1:
            acc ^= operand
            pc += 1
        elif op == 2:
            memory[operand] = acc
            pc += 1
        else:
            pc = operand
    elapsed = max(time.process_time() - start, 1e-9)
    if memory[7] != acc:                      # keep the loop's work observable
        raise AssertionError("calibration loop")
    return iterations / elapsed


def measure(program: str, budget: int = DEFAULT_BUDGET,
            translate: bool | None = None) -> tuple[int, float, float]:
    """Run ``program`` for ``budget`` instructions: ``(instructions,
    CPU seconds, real 1130 seconds at 3.6 us)``."""
    system = build(program, translate)
    start = time.process_time()
    stop = system.run(budget)
    wall = max(time.process_time() - start, 1e-9)
    if stop != "limit":
        raise RuntimeError(f"bench program {program!r} stopped early: {stop} at {system.iar:04X}")
    return system.instructions, wall, timing.microseconds(system.cycles, timing.CYCLE_US_36) / 1e6


def main(budget: int = DEFAULT_BUDGET, repeat: int = 1) -> int:
    """Print the figures; returns 0.  With ``repeat`` > 1 the mix runs that
    many rounds and the medians are printed, with the spread of the
    rounds' mix / calibration ratios.  Each program's runs come right after
    a calibration run, and a round's ratio uses its own calibrations: a
    shared machine whose speed wanders (2x within a minute has been seen)
    then moves both sides of the ratio alike."""
    import statistics

    print(f"IBM 1130 bench: {budget:,} instructions per program (CPU time)"
          + (f", medians of {repeat} rounds" if repeat > 1 else ""))
    print(f"{'program':<22}{'instr/s':>14}{'x real 1130':>14}{'interpreter':>14}{'speed-up':>10}")
    per_program: dict[str, list[tuple[float, float, float]]] = {name: [] for name in PROGRAMS}
    rounds = []
    for _ in range(max(1, repeat)):
        calibrations = []
        totals = {True: [0, 0.0, 0.0], False: [0, 0.0, 0.0]}
        for name in PROGRAMS:
            calibrations.append(calibration())
            rates = {}
            for translate in (False, True):
                n, wall, real = measure(name, budget, translate)
                total = totals[translate]
                total[0] += n
                total[1] += wall
                total[2] += real
                rates[translate] = (n / wall, real / wall)
            per_program[name].append((rates[True][0], rates[True][1], rates[False][0]))
        cal = statistics.mean(calibrations)
        rounds.append((totals[True], totals[False], cal))
    for name, figures in per_program.items():
        fast = statistics.median(f[0] for f in figures)
        real = statistics.median(f[1] for f in figures)
        plain = statistics.median(f[2] for f in figures)
        print(f"{name:<22}{fast:>14,.0f}{real:>14.1f}{plain:>14,.0f}"
              f"{statistics.median(f[0] / f[2] for f in figures):>10.2f}")
    fast = [t[0] / t[1] for t, _, _ in rounds]
    plain = [i[0] / i[1] for _, i, _ in rounds]
    ratios = sorted(t[0] / t[1] / cal for t, _, cal in rounds)
    ratios_plain = [i[0] / i[1] / cal for _, i, cal in rounds]
    n, wall, real = rounds[0][0]
    print(f"{'overall':<22}{statistics.median(fast):>14,.0f}"
          f"{statistics.median(t[2] / t[1] for t, _, _ in rounds):>14.1f}{statistics.median(plain):>14,.0f}"
          f"{statistics.median(f / p for f, p in zip(fast, plain)):>10.2f}")
    print(f"(a real 1130 at 3.6 us ran this mix at {n / real:,.0f} instructions/s)")
    spread = f" (rounds {ratios[0]:.2f}-{ratios[-1]:.2f})" if repeat > 1 else ""
    print(f"calibration loop {statistics.median(cal for _, _, cal in rounds):,.0f} iterations/s: "
          f"mix / calibration {statistics.median(ratios):.2f} with translation{spread}, "
          f"{statistics.median(ratios_plain):.2f} interpreter alone")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
