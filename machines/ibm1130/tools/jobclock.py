"""One real DMS job, timed in a process of its own, for comparing versions.

    python machines/ibm1130/tools/jobclock.py [--tree DIR] [--data DIR] JOB
    python tests/pyodide/run.py --exec machines/ibm1130/tools/jobclock.py --tree DIR JOB

``JOB`` is ``FORTRAN`` (jobs/fortran_iterations.job), ``FORTH`` (Moore's
FORTH assembly, jobs/forth68_asm.job) or ``DUMPLET`` (IBM's DUP
``*DUMPLET`` source, dms-r2v12-src/jfdmplet.asm, as a ``// ASM *LIST
ALL`` job), run from the DMS cold start on a copy of dms.dsk to the
monitor's wait, with the emulator's defaults.  Prints one line::

    JOB seconds instructions printout-digest

``seconds`` is the CPU time of the run alone (``time.process_time``),
``printout-digest`` the SHA-256 of the 1132 printout (two versions that
differ there are not doing the same work).  The emulator comes from
``--tree DIR`` (another checkout: ``git worktree add DIR REV``) or from
the path as it is; only the machine API every version has is used
(``Ibm1130``, ``mount``, ``attach_deck``, ``program_load``, ``run``,
``printer.output_text``), so an earlier version is measured as it was.
The file runs as a script (standard library only, no relative imports):
``tools.benchcompare --jobs`` runs it alternately for two trees; the
second form above runs it inside Pyodide under Node (after ``python
build.py``; DIR must lie under the repository's parent, which is mounted).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: Job name -> its card deck under the data folder (None: made by dumplet_job).
JOBS = {"FORTRAN": "jobs/fortran_iterations.job", "FORTH": "jobs/forth68_asm.job", "DUMPLET": None}
BUDGET = 300_000_000


def dumplet_job(data: Path, folder: Path) -> Path:
    """IBM's jfdmplet.asm as a DMS assembler job (card columns 1-80),
    written into ``folder``; its path."""
    source = (data / "dms-r2v12-src" / "jfdmplet.asm").read_text().splitlines()
    job = folder / "jfdmplet_asm.job"
    job.write_text("// JOB\n// ASM\n*LIST ALL\n" + "\n".join(line[:80] for line in source) + "\n")
    return job


def job_deck(data: Path, job: str, folder: Path) -> Path:
    """The card deck of ``job`` (a key of JOBS); KeyError for another name."""
    deck = JOBS[job]
    return data / deck if deck else dumplet_job(data, folder)


def default_data() -> Path:
    """../shared/data/ibm1130 beside this repository (or the working directory's)."""
    for root in (Path(__file__).resolve().parents[3], Path.cwd()):
        candidate = root.parent / "shared" / "data" / "ibm1130"
        if (candidate / "dms.dsk").exists():
            return candidate
    return Path.cwd().parent / "shared" / "data" / "ibm1130"


def run(data: Path, job: str, folder: Path, machine: Any) -> tuple[float, int, str]:
    """Run ``job`` on ``machine`` (a new Ibm1130 of 32 K words) from the
    cold start, on a copy of dms.dsk in ``folder``, to the monitor's wait:
    (CPU seconds of the run, instructions, 1132 printout).  RuntimeError
    if it stops otherwise."""
    disk = folder / "dms.dsk"
    shutil.copyfile(data / "dms.dsk", disk)
    machine.mount(disk, writable=True)
    machine.attach_deck(data / "dms_coldstart.bin")
    machine.attach_deck(job_deck(data, job, folder))
    machine.program_load("reader")
    start = time.process_time()
    stop = machine.run(BUDGET)
    seconds = time.process_time() - start
    if stop != "wait":
        raise RuntimeError(f"{job}: stopped by {stop} at {machine.system.iar:04X}")
    return seconds, machine.system.instructions, machine.printer.output_text()


def clock(data: Path, job: str) -> tuple[float, int, str]:
    """(CPU seconds of the run, instructions, printout digest) of ``job``
    with the emulator's defaults; RuntimeError as :func:`run`."""
    from machines.ibm1130.machine import Ibm1130

    with tempfile.TemporaryDirectory() as folder:
        seconds, instructions, printout = run(data, job, Path(folder), Ibm1130(32768))
    return seconds, instructions, hashlib.sha256(printout.encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jobclock.py", description=__doc__.splitlines()[0])
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("--tree", help="the checkout whose emulator runs the job")
    parser.add_argument("--data", help="folder with dms.dsk, dms_coldstart.bin, jobs/ and dms-r2v12-src/")
    args = parser.parse_args(argv)
    if args.tree:
        if not (Path(args.tree) / "machines" / "ibm1130").is_dir():
            print(f"{args.tree}: not a checkout of this project", file=sys.stderr)
            return 1
        tree = Path(args.tree).resolve()
        sys.path.insert(0, str(tree))
        # Pyodide's runner has imported the wheel's package: forget it.
        for name in [name for name in sys.modules if name.split(".")[0] == "machines"]:
            del sys.modules[name]
        import machines

        if tree not in Path(machines.__file__).resolve().parents:
            print(f"{args.tree}: machines comes from {machines.__file__}, not from there", file=sys.stderr)
            return 1
    data = Path(args.data) if args.data else default_data()
    if not (data / "dms.dsk").exists():
        print(f"{data}: no dms.dsk here (pass --data DIR)", file=sys.stderr)
        return 1
    seconds, instructions, digest = clock(data, args.job)
    print(f"{args.job} {seconds:.3f} {instructions} {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
