"""Time to check each bundled challenge's reference solution (seed 1).

    python tests/challenges/bench.py                          natively
    python tests/pyodide/run.py --exec tests/challenges/bench.py   inside Pyodide

Prints one line per challenge (cases, instructions run, milliseconds) and
the total; a figure to read, not a test that fails."""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from machines.ibm1130.challenges import catalogue, check  # noqa: E402


def main() -> int:
    total = 0.0
    for challenge in catalogue():
        source = (HERE / "solutions" / f"{challenge.level:02d}-{challenge.id}.asm").read_text()
        check(challenge, source, seed=1)                       # warm the caches
        start = time.perf_counter()
        result = check(challenge, source, seed=1)
        ms = (time.perf_counter() - start) * 1000
        total += ms
        executed = sum(c.instructions for c in result.cases)
        print(f"{challenge.level:2d} {challenge.id:<20} {len(result.cases):3d} cases {executed:8d} instr "
              f"{ms:8.1f} ms {'ok' if result.ok else 'FAILED'}")
    print(f"total {total:.0f} ms for {len(catalogue())} challenges ({sys.implementation.name} "
          f"{sys.version.split()[0]}, {sys.platform})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
