"""Jobs run through IBM's DMS R2V12 from the 1442 reader, the way the
reference listings were made: the cold start card first in the hopper, the
job deck behind it, the cartridge on drive 0, switches 0, PROGRAM LOAD
(../shared/data/ibm1130/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"

pytestmark = [pytest.mark.native,
              pytest.mark.skipif(not (DATA / "dms.dsk").exists(),
                                 reason=f"IBM 1130 DMS material not found at {DATA}")]


def run_job(job: str, budget: int):
    from machines.ibm1130.machine import Ibm1130

    m = Ibm1130(32768)
    m.mount(DATA / "dms.dsk")
    m.attach_deck(DATA / "dms_coldstart.bin")
    m.attach_deck(DATA / "jobs" / job)
    m.program_load("reader")
    stop = m.run(budget)
    report = m.report()
    assert stop == "wait", f"{job}: stopped by {stop} at IAR {report['iar']:04X}"
    assert (report["iar"], report["acc"]) == (0x002A, 0x1000)      # back at the wait, reader empty
    return m


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.split("\n")]


def test_fortran_job_listing_matches_reference_line_for_line():
    m = run_job("fortran_iterations.job", 10_000_000)
    expected = (DATA / "jobs" / "fortran_iterations.expected.lst").read_text()
    assert lines(m.report()["printer"]) == lines(expected)
    pages = m.printer.pages()                                   # two job headers, then the job's page
    assert len(pages) == 2 and all(len(line) <= 120 for page in pages for line in page)
    assert pages[1][1] == "PAGE   1" and pages[1][-1] == "ITERATION NUMBER   20"


def test_dup_dumplet_prints_the_location_equivalence_table():
    m = run_job("dup_dumplet.job", 20_000_000)
    listing = m.printer.output_text()
    assert "*DUMPLET" in listing
    assert "=CIDN" in listing and "1234" in listing
    assert " FADD  DSF 0008 1680" in listing                  # a LET entry, as DMS stores it


KEYBOARD_JOB = """// JOB
// FOR
*IOCS(TYPEWRITER,KEYBOARD)
*ONE WORD INTEGERS
      READ(6,10) N
   10 FORMAT(I4)
      M = N * 2
      WRITE(1,20) N, M
   20 FORMAT(' TWICE ',I4,' IS ',I5)
      CALL EXIT
      END
// XEQ
"""


def test_fortran_reads_the_console_keyboard_and_types_on_the_console_printer(tmp_path):
    from machines.ibm1130.machine import Ibm1130

    job = tmp_path / "keyboard.job"
    job.write_text(KEYBOARD_JOB)
    m = Ibm1130(32768)
    m.mount(DATA / "dms.dsk")
    m.attach_deck(DATA / "dms_coldstart.bin")
    m.attach_deck(job)
    m.program_load("reader")
    system = m.system
    console = m.console
    console.type_ahead("  21\n")                 # the operator types 21 and EOF when asked
    assert system.run(20_000_000) == "wait"
    assert (system.iar, system.acc) == (0x002A, 0x1000)
    assert console.output_text().split("\n")[-2:] == ["  21", " TWICE   21 IS    42"]
    assert not console.pending_keys and not console.keyboard_selected
