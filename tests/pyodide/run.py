"""Run the core tests (or a script) inside Pyodide under Node.

    python tests/pyodide/run.py [pytest args...]     core tests in WebAssembly
    python tests/pyodide/run.py --exec FILE.py [args]
    python tests/pyodide/run.py --exec -m MODULE [args]

Uses the wheel that ``python build.py`` put in dist/pyodide (build first),
and the pinned test wheels of requirements.txt, downloaded once into
.sitecache/.  Tests marked browser, desktop, slow or native are left out.
With ``--junitxml=FILE`` the slowest test files are listed after the run
(seconds inside Pyodide, from FILE).
Exit status: pytest's (5, no tests collected, counts as a failure upstream).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WHEELS = ROOT / ".sitecache" / "pyodide-test-wheels"
DIST_PYODIDE = ROOT / "dist" / "pyodide"
MARKERS = "not browser and not desktop and not slow and not native"


def ensure_wheels() -> None:
    want = [line.split("==")[0].lower() for line in (HERE / "requirements.txt").read_text().splitlines()
            if line and not line.startswith("#")]
    have = {p.name.split("-")[0].lower() for p in WHEELS.glob("*.whl")}
    if all(w.replace("-", "_") in have or w in have for w in want):
        return
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:",
                    "--python-version", "3.14", "--no-deps", "-r", str(HERE / "requirements.txt"),
                    "-d", str(WHEELS)], check=True)


def slowest_files(junit_xml: Path, count: int = 12) -> str:
    """The ``count`` test files that took longest in ``junit_xml``, one a
    line: seconds, number of tests, module."""
    seconds, tests = Counter(), Counter()
    for case in ET.parse(junit_xml).iter("testcase"):
        module = case.get("classname", "")
        seconds[module] += float(case.get("time", 0))
        tests[module] += 1
    lines = [f"{seconds[m]:7.1f} s {tests[m]:5d} {m}" for m, _ in seconds.most_common(count)]
    return f"slowest test files inside Pyodide ({sum(seconds.values()):.0f} s in all):\n" + "\n".join(lines)


def main(argv: list[str]) -> int:
    wheels = list(DIST_PYODIDE.glob("retro1130-*.whl"))
    if not wheels:
        print("tests/pyodide/run.py: error: no wheel in dist/pyodide; run `python build.py` first",
              file=sys.stderr)
        return 2
    newest = max(p.stat().st_mtime for pkg in ("machines", "games") for p in (ROOT / pkg).rglob("*.py"))
    if newest > wheels[0].stat().st_mtime:
        print(f"tests/pyodide/run.py: error: {wheels[0].name} is older than the sources; "
              "run `python build.py` first", file=sys.stderr)
        return 2
    ensure_wheels()
    if argv[:1] == ["--exec"]:
        tail = ["exec", *argv[1:]]
    else:
        tail = ["pytest", "-m", MARKERS, "-q", *(argv or [str(ROOT / "tests")])]
    cmd = ["node", str(HERE / "runner.mjs"), "--pyodide", str(DIST_PYODIDE),
           "--wheel", str(wheels[0]), "--wheels", str(WHEELS), "--mount", str(ROOT.parent)]
    shared = (ROOT.parent / "shared").resolve()
    if not str(shared).startswith(str(ROOT.parent) + "/"):
        cmd += ["--mount", str(shared)]  # ../shared is a link: mount where it points too
    cmd += ["--", *tail]
    rc = subprocess.run(cmd, cwd=ROOT).returncode
    junit = [a.split("=", 1)[1] for a in tail if a.startswith("--junitxml=")]
    if junit and (ROOT / junit[-1]).exists():
        print(slowest_files(ROOT / junit[-1]))
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
