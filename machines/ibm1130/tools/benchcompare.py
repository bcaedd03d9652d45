"""Compare the emulator's speed with an earlier version, measured in one run.

    python -m machines.ibm1130.tools.benchcompare --baseline DIR [--rounds 5] [--no-dms]

``DIR`` is another checkout of the project (``git worktree add /tmp/base
REV``).  The CPU bench (``python -m machines.ibm1130 bench``) and the DMS
benchmark (``tools.dmsbench``) run alternately in the baseline and in this
checkout, each in its own process, ``rounds`` times; alternating means a
busy machine slows both alike.  Figures are CPU seconds of the child
process (``resource.getrusage``), so time spent waiting for a shared core
is not counted, and the CPU bench's own instructions-per-second line.
Prints the median of each and the ratio this / baseline (above 1: this
checkout is faster for instructions/s, slower for seconds).

Native only (it starts processes); standard library only.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m machines.ibm1130.tools.benchcompare",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, type=Path, help="another checkout of the project")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-dms", action="store_true", help="only the CPU bench")
    args = parser.parse_args(argv)
    if not (args.baseline / "machines" / "ibm1130").is_dir():
        print(f"{args.baseline}: not a checkout of this project", file=sys.stderr)
        return 1
    results = compare(args.baseline.resolve(), max(1, args.rounds), not args.no_dms)
    print(f"medians of {args.rounds} alternating rounds; baseline {args.baseline}, this {HERE}")
    for name, (base, this) in results.items():
        print(f"{name:<16}{base:>16,.3f}  {this:>16,.3f}   this/baseline {this / base:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
