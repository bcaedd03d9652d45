"""Print how many tests ran in each of the three places, from pytest's JUnit XML.

    python tests/summary.py NATIVE.xml [MORE_NATIVE.xml ...] PYODIDE.xml

Every file but the last is a native run (``make test`` runs the Chromium
tests, tests/browser/, in a run of their own, at the same time as the
others); the last is the core tests inside WebAssembly.  Prints one line, e.g.

    tests ran: native 1450 passed | Pyodide 980 passed | Chromium 45 passed

and exits 1 if a file is missing or a place ran no test.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path


def outcomes(path: Path) -> tuple[Counter, Counter]:
    """(native or core, browser) counts of passed/failed/skipped in ``path``."""
    core, browser = Counter(), Counter()
    for case in ET.parse(path).iter("testcase"):
        kinds = {child.tag for child in case}
        outcome = ("failed" if kinds & {"failure", "error"} else
                   "skipped" if "skipped" in kinds else "passed")
        place = browser if case.get("classname", "").startswith(("tests.browser.", "browser.")) else core
        place[outcome] += 1
    return core, browser


def describe(counts: Counter) -> str:
    text = f"{counts['passed']} passed"
    for outcome in ("failed", "skipped"):
        if counts[outcome]:
            text += f", {counts[outcome]} {outcome}"
    return text


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    paths = list(map(Path, argv))
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"tests ran: no results in {', '.join(missing)}", file=sys.stderr)
        return 1
    native, chromium = Counter(), Counter()
    for path in paths[:-1]:
        core, browser = outcomes(path)
        native += core
        chromium += browser
    pyodide, _ = outcomes(paths[-1])
    print(f"tests ran: native {describe(native)} | Pyodide {describe(pyodide)} | "
          f"Chromium {describe(chromium)}")
    return 0 if all(sum(c.values()) for c in (native, pyodide, chromium)) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
