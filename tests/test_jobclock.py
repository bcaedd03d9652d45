"""tools/jobclock.py (one DMS job timed in a process of its own) and
benchcompare --jobs, which runs it for two trees alternately."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from machines.ibm1130.tools import jobclock

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"
SCRIPT = REPO / "machines" / "ibm1130" / "tools" / "jobclock.py"
needs_data = pytest.mark.skipif(not (DATA / "dms.dsk").exists(), reason="needs ../shared/data/ibm1130")


@needs_data
@pytest.mark.native
def test_the_script_runs_the_fortran_job_of_dmsbench_with_the_tree_it_is_given(tmp_path):
    from machines.ibm1130.tools import dmsbench

    done = subprocess.run([sys.executable, str(SCRIPT), "--tree", str(REPO), "--data", str(DATA), "FORTRAN"],
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    job, seconds, instructions, digest = done.stdout.split()
    _, count, printout = dmsbench.run_job(DATA, "FORTRAN job", True, tmp_path)
    assert job == "FORTRAN" and float(seconds) > 0
    assert int(instructions) == count
    assert digest == hashlib.sha256(printout.encode()).hexdigest()[:16]


@pytest.mark.native
def test_a_tree_that_is_not_a_checkout_is_refused_by_name(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "--tree", str(tmp_path), "FORTRAN"],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{tmp_path}: not a checkout of this project" in done.stderr
    assert "Traceback" not in done.stderr


@needs_data
def test_the_dumplet_job_is_ibms_source_as_an_assembler_job_in_80_columns(tmp_path):
    deck = jobclock.job_deck(DATA, "DUMPLET", tmp_path)
    lines = deck.read_text().splitlines()
    assert lines[:3] == ["// JOB", "// ASM", "*LIST ALL"]
    assert max(len(line) for line in lines) <= 80
    source = (DATA / "dms-r2v12-src" / "jfdmplet.asm").read_text().splitlines()
    assert len(lines) == len(source) + 3
    assert jobclock.job_deck(DATA, "FORTRAN", tmp_path) == DATA / "jobs" / "fortran_iterations.job"


@pytest.mark.native
def test_compare_jobs_gives_medians_and_says_when_the_trees_do_other_work(monkeypatch, capsys):
    from machines.ibm1130.tools import benchcompare     # (resource: not in Pyodide)

    times = iter([2.0, 1.0, 4.0, 1.0, 3.0, 1.0])      # baseline, this, alternately

    def fake(tree, job, pyodide):
        return next(times), "3559461 abc"

    monkeypatch.setattr(benchcompare, "_job", fake)
    results = benchcompare.compare_jobs(Path("/base"), 3, ["FORTRAN"], False)
    assert results == {"FORTRAN": (3.0, 1.0)}
    out = capsys.readouterr().out
    assert "speed-up 3.00" in out and "same work" not in out

    monkeypatch.setattr(benchcompare, "_job", lambda tree, job, pyodide: (1.0, f"{tree} x"))
    assert benchcompare.compare_jobs(Path("/base"), 2, ["FORTH"], False) == {"FORTH": (1.0, 1.0)}
    out = capsys.readouterr().out
    assert out.count("FORTH: the trees do not do the same work") == 1
    assert f"baseline /base x, this {benchcompare.HERE} x" in out
