"""Benchmark: boot IBM's DMS R2V12 and run the FORTRAN job, timing each.

    python -m machines.ibm1130.tools.dmsbench [--data DIR] [--repeat N]
    python -m machines.ibm1130.tools.dmsbench --jobs [--only FORTRAN|FORTH|DUMPLET] [--repeat N] [--data DIR]

``--jobs`` runs real DMS work side by side, with hot-block translation
(translate.py) and inline I/O, and with the interpreter alone as it was
before both (every XIO and BOSC on the checked path), in one process, and
prints
the CPU seconds of each and the ratio: the FORTRAN job, Moore's FORTH
assembly (jobs/forth68_asm.job) and IBM's DUP ``*DUMPLET`` source
(dms-r2v12-src/jfdmplet.asm) assembled as a ``// ASM *LIST ALL`` job (the
jobs that write the cartridge get a copy).

prints, for each step, the instructions executed, the wall time, the
emulated instructions per second and the ratio against the real machine's
speed (120,000 instructions a second on a 3.6 us 1130, reference 4.10).
``DIR`` defaults to ../shared/data/ibm1130 next to the repository.  The same
module runs inside Pyodide (no threads, no subprocess) when the data folder
is mounted there: ``python tests/pyodide/run.py --exec
machines/ibm1130/tools/dmsbench.py`` (after ``python build.py``) runs it in
Pyodide under Node with the repository's parent mounted.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import jobclock
from .jobclock import default_data as default_data_dir

REAL_INSTRUCTIONS_PER_SECOND = 120_000
BOOT_BUDGET = 1_000_000
JOB_BUDGET = 50_000_000


def _machine(data: Path, readers: list[str]):
    from ..machine import Ibm1130

    machine = Ibm1130(32768)
    machine.mount(data / "dms.dsk")
    for deck in readers:
        machine.attach_deck(deck)
    machine.program_load("reader")
    return machine.system


def _timed(label: str, system, budget: int) -> tuple[float, int]:
    start_count = system.instructions
    start = time.perf_counter()
    stop = system.run(budget)
    elapsed = time.perf_counter() - start
    count = system.instructions - start_count
    rate = count / elapsed if elapsed else float("inf")
    print(f"{label:<28} {count:>11,} instructions {elapsed:8.3f} s  {rate:>11,.0f} instr/s  "
          f"{rate / REAL_INSTRUCTIONS_PER_SECOND:6.1f}x real 1130  (stop: {stop}, "
          f"IAR {system.iar:04X} ACC {system.acc:04X})")
    return elapsed, count


JOBS = ("FORTRAN job", "FORTH assembly", "DUMPLET assembly")


def run_job(data: Path, job: str, translate: bool, folder: Path) -> tuple[float, int, str]:
    """Run one of JOBS from the cold start to the monitor's wait: (CPU
    seconds, instructions, printer output).  ``translate`` False is the
    interpreter alone as it was before hot blocks and inline I/O: every
    XIO and BOSC on the system's checked path (``IBM1130_INLINE_IO=0``)."""
    from ..machine import Ibm1130

    saved = os.environ.get("IBM1130_INLINE_IO")
    os.environ["IBM1130_INLINE_IO"] = "1" if translate else "0"
    try:
        machine = Ibm1130(32768, translate=translate)
    finally:
        if saved is None:
            del os.environ["IBM1130_INLINE_IO"]
        else:
            os.environ["IBM1130_INLINE_IO"] = saved
    return jobclock.run(data, job.split()[0], folder, machine)


def bench_jobs(data: Path, jobs: tuple[str, ...] = JOBS, repeat: int = 1) -> dict[str, tuple[float, float]]:
    """Each of ``jobs`` with and without translation, alternately
    ``repeat`` times; (interpreter s, translated s) CPU time, medians,
    printouts compared.  Every translated run starts with the process's
    compiled-block caches empty (``translate.forget_compiled``), as a
    fresh process would; with ``repeat`` > 1 the ratios of the pairs
    are printed too (the spread is the machine's noise)."""
    import statistics
    import tempfile

    from .. import translate

    results = {}
    print(f"{'job':<18}{'instructions':>14}{'interpreter s':>15}{'translated s':>14}{'speed-up':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for job in jobs:
            pairs = []
            for _ in range(repeat):
                plain, count, printed = run_job(data, job, False, Path(folder))
                translate.forget_compiled()
                fast, count2, printed2 = run_job(data, job, True, Path(folder))
                if (count2, printed2) != (count, printed):
                    raise RuntimeError(f"{job}: the translated run differs from the interpreter")
                pairs.append((plain, fast))
            plain = statistics.median(p for p, _ in pairs)
            fast = statistics.median(f for _, f in pairs)
            results[job] = (plain, fast)
            spread = ""
            if repeat > 1:
                ratios = sorted(p / f for p, f in pairs)
                spread = f"   pairs {ratios[0]:.2f}-{ratios[-1]:.2f} (median of {repeat})"
            print(f"{job:<18}{count:>14,}{plain:>15.3f}{fast:>14.3f}{plain / fast:>10.2f}{spread}", flush=True)
    print(f"(CPU seconds; {sys.implementation.name} {sys.version.split()[0]} on {sys.platform})")
    return results


def bench(data: Path, repeat: int = 1) -> dict[str, float]:
    """Run the benchmark; returns the best wall time of each step."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        boot = _machine(data, [str(data / "dms_coldstart.bin")])
        t, _ = _timed("DMS cold start to job wait", boot, BOOT_BUDGET)
        best["boot"] = min(best.get("boot", t), t)
        job = _machine(data, [str(data / "dms_coldstart.bin"),
                              str(data / "jobs" / "fortran_iterations.job")])
        t, _ = _timed("boot + FORTRAN job", job, JOB_BUDGET)
        best["fortran"] = min(best.get("fortran", t), t)
    print(f"best of {repeat}: boot {best['boot']:.3f} s, boot + FORTRAN job {best['fortran']:.3f} s "
          f"({sys.implementation.name} {sys.version.split()[0]} on {sys.platform})")
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m machines.ibm1130.tools.dmsbench",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.fspath(default_data_dir()),
                        help="folder with dms.dsk, dms_coldstart.bin and jobs/")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each step (the best is printed); with --jobs, pairs (medians)")
    parser.add_argument("--jobs", action="store_true",
                        help="real DMS jobs, translated and interpreted side by side")
    parser.add_argument("--only", action="append", choices=[job.split()[0] for job in JOBS],
                        help="with --jobs: this job only (repeatable)")
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not (data / "dms.dsk").exists():
        print(f"{data}: no dms.dsk here (pass --data DIR)", file=sys.stderr)
        return 1
    if args.jobs:
        bench_jobs(data, tuple(job for job in JOBS if not args.only or job.split()[0] in args.only),
                   max(1, args.repeat))
    else:
        bench(data, max(1, args.repeat))
    return 0


if __name__ == "__main__":
    if not __package__:      # run as a file (Pyodide runner's exec): use the installed package
        from machines.ibm1130.tools.dmsbench import main as installed_main
        sys.exit(installed_main())
    sys.exit(main())
