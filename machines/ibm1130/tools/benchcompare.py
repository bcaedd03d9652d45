"""Compare the emulator's speed with an earlier version, measured in one run.

    python -m machines.ibm1130.tools.benchcompare --baseline DIR [--rounds 5] [--no-dms]
    python -m machines.ibm1130.tools.benchcompare --baseline DIR --jobs [--only JOB] [--pyodide] [--rounds 5]

``DIR`` is another checkout of the project (``git worktree add /tmp/base
REV``).  The CPU bench (``python -m machines.ibm1130 bench``) and the DMS
benchmark (``tools.dmsbench``) run alternately in the baseline and in this
checkout, each in its own process, ``rounds`` times; alternating means a
busy machine slows both alike.  Figures are CPU seconds of the child
process (``resource.getrusage``), so time spent waiting for a shared core
is not counted, and the CPU bench's own instructions-per-second line.
Prints the median of each and the ratio this / baseline (above 1: this
checkout is faster for instructions/s, slower for seconds).

``--jobs`` compares real DMS jobs instead: the FORTRAN job, the FORTH
and DUMPLET assemblies (``--only`` one of them, repeatable), each run by
``tools/jobclock.py`` in a process of its own with the emulator of either
tree, alternately; the figures are the CPU seconds of the job's run alone
(not the process's start), the ratio baseline / this is the speed-up, and
a line says so where the two trees do not execute the same number of
instructions or print the same (a bug fixed between them).  With
``--pyodide`` each job runs inside Pyodide under Node
(``tests/pyodide/run.py --exec``, after ``python build.py``): this
checkout from its wheel, the baseline from its sources, which must then
lie under this repository's parent (it is mounted there).

It starts processes (native Python, or Node for ``--pyodide``); standard
library only.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from .jobclock import JOBS

HERE = Path(__file__).resolve().parents[3]
_OVERALL = re.compile(r"^overall\s+([\d,]+)", re.M)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(tree: Path, args: list[str]) -> tuple[float, str]:
    """Run ``python ARGS`` with ``tree`` first on the path; (CPU seconds, stdout)."""
    before = _child_cpu()
    done = subprocess.run([sys.executable, *args], cwd=tree, capture_output=True, text=True,
                          env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
    if done.returncode:
        raise SystemExit(f"{tree}: {' '.join(args)} failed:\n{done.stderr}")
    return _child_cpu() - before, done.stdout


def compare(baseline: Path, rounds: int, dms: bool) -> dict[str, tuple[float, float]]:
    """Medians per measure: ``{name: (baseline, this)}``."""
    data = HERE.parent / "shared" / "data" / "ibm1130"
    figures: dict[str, dict[str, list[float]]] = {"bench instr/s": {}, "dmsbench CPU s": {}}
    for _ in range(rounds):
        for label, tree in (("baseline", baseline), ("this", HERE)):
            _, out = _run(tree, ["-m", "machines.ibm1130", "bench"])
            match = _OVERALL.search(out)
            if match is None:
                raise SystemExit(f"{tree}: no overall line in the bench output:\n{out}")
            figures["bench instr/s"].setdefault(label, []).append(float(match.group(1).replace(",", "")))
            if dms:
                module = "machines.ibm1130.tools.dmsbench"
                if not (tree / "machines" / "ibm1130" / "tools" / "dmsbench.py").exists():
                    module = "machines.ibm1130.dmsbench"      # before the package was laid out
                seconds, _ = _run(tree, ["-m", module, "--data", str(data)])
                figures["dmsbench CPU s"].setdefault(label, []).append(seconds)
    return {name: (statistics.median(f["baseline"]), statistics.median(f["this"]))
            for name, f in figures.items() if f}


def _job(tree: Path | None, job: str, pyodide: bool) -> tuple[float, str]:
    """``tools/jobclock.py`` run for ``tree`` (None: this checkout's wheel,
    in Pyodide): (CPU seconds of the job, instructions and printout digest)."""
    script = HERE / "machines" / "ibm1130" / "tools" / "jobclock.py"
    args = [str(script), *(["--tree", str(tree)] if tree else []), job]
    if pyodide:
        args = [str(HERE / "tests" / "pyodide" / "run.py"), "--exec", *args]
    _, out = _run(tree or HERE, args)
    fields = out.split()
    if len(fields) < 4 or fields[-4] != job:
        raise SystemExit(f"{tree or HERE}: {job}: no result line from jobclock.py:\n{out}")
    return float(fields[-3]), " ".join(fields[-2:])


def compare_jobs(baseline: Path, rounds: int, jobs: list[str], pyodide: bool) -> dict[str, tuple[float, float]]:
    """Medians of CPU seconds per job: ``{job: (baseline, this)}``.  Where
    the trees do not do the same work (a bug fixed between them changes
    the instructions or the printout) it says so, once a job."""
    results = {}
    differ: set[str] = set()
    for job in jobs:
        seconds: dict[str, list[float]] = {"baseline": [], "this": []}
        work = {}
        for _ in range(rounds):
            for label, tree in (("baseline", baseline), ("this", None if pyodide else HERE)):
                t, work[label] = _job(tree, job, pyodide)
                seconds[label].append(t)
            if work["baseline"] != work["this"] and job not in differ:
                differ.add(job)
                print(f"{job}: the trees do not do the same work (instructions, printout digest): "
                      f"baseline {work['baseline']}, this {work['this']}; measured anyway", flush=True)
        results[job] = (statistics.median(seconds["baseline"]), statistics.median(seconds["this"]))
        ratios = sorted(b / t for b, t in zip(seconds["baseline"], seconds["this"]))
        print(f"{job:<10}{results[job][0]:>12.3f}{results[job][1]:>12.3f}   speed-up {results[job][0] / results[job][1]:.2f}"
              f"   rounds {ratios[0]:.2f}-{ratios[-1]:.2f}", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m machines.ibm1130.tools.benchcompare",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, type=Path, help="another checkout of the project")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-dms", action="store_true", help="only the CPU bench")
    parser.add_argument("--jobs", action="store_true", help="real DMS jobs (tools/jobclock.py) instead")
    parser.add_argument("--only", action="append", choices=sorted(JOBS), help="with --jobs: this job only (repeatable)")
    parser.add_argument("--pyodide", action="store_true", help="with --jobs: run them inside Pyodide under Node")
    args = parser.parse_args(argv)
    if not (args.baseline / "machines" / "ibm1130").is_dir():
        print(f"{args.baseline}: not a checkout of this project", file=sys.stderr)
        return 1
    if args.jobs:
        where = "Pyodide under Node" if args.pyodide else f"{sys.implementation.name} {sys.version.split()[0]}"
        print(f"medians of {args.rounds} alternating rounds, CPU seconds of each job ({where}); "
              f"baseline {args.baseline}, this {HERE}")
        print(f"{'job':<10}{'baseline':>12}{'this':>12}")
        compare_jobs(args.baseline.resolve(), max(1, args.rounds), args.only or list(JOBS), args.pyodide)
        return 0
    results = compare(args.baseline.resolve(), max(1, args.rounds), not args.no_dms)
    print(f"medians of {args.rounds} alternating rounds; baseline {args.baseline}, this {HERE}")
    for name, (base, this) in results.items():
        print(f"{name:<16}{base:>16,.3f}  {this:>16,.3f}   this/baseline {this / base:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
