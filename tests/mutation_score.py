"""Print the mutation score of `make mutation` per module, from mutmut's files.

    python tests/mutation_score.py      (after `mutmut run`, in the repository)

Reads mutants/<module>.py.meta (mutmut 3: each mutant's exit code) and
prints, for each mutated module and in total, how many mutants the tests
killed (a failing test or a timeout), how many survived and how many no
test reached; the score is killed / (killed + survived + no tests).
Survivors: `.venv/bin/mutmut results`; one of them: `mutmut show NAME`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 36, 24, -24, 152, 255, -11, -9}   # mutmut.stats: killed, timeout, crash
SURVIVED = {0}
NO_TESTS = {5, 33}


def score(counts: Counter) -> str:
    judged = counts["killed"] + counts["survived"] + counts["no tests"]
    pct = 100 * counts["killed"] / judged if judged else 0.0
    return (f"{pct:5.1f} %  killed {counts['killed']}, survived {counts['survived']}, "
            f"no tests {counts['no tests']}, not run {counts['not run']}")


def main() -> int:
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    if not metas:
        print("no mutmut results in mutants/: run `make mutation`", file=sys.stderr)
        return 1
    total = Counter()
    for meta in metas:
        codes = json.loads(meta.read_text()).get("exit_code_by_key", {})
        if not codes:
            continue
        counts = Counter()
        for code in codes.values():
            counts["killed" if code in KILLED else "survived" if code in SURVIVED else
                   "no tests" if code in NO_TESTS else "not run"] += 1
        total += counts
        print(f"{str(meta.relative_to('mutants'))[:-5]:45} {score(counts)}")
    print(f"{'mutation score':45} {score(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
