"""Bad input at the operator's end: a deck with an invalid card, a disk image
of the wrong size, a job that runs away.  Each gets a clear message (which
file, which card, what size) and the machine stops cleanly, state intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from machines.ibm1130.tools.cli import main

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"
needs_data = pytest.mark.skipif(not (DATA / "dms.dsk").exists(),
                                reason=f"IBM 1130 DMS material not found at {DATA}")


def test_deck_with_invalid_card_names_file_card_and_column(tmp_path, capsys):
    deck = tmp_path / "job.txt"
    deck.write_text("// JOB\n// FOR\n      X = 1 ~ 2\n")
    assert main(["run", "--reader", str(deck), "--boot", "reader"]) == 1
    err = capsys.readouterr().err
    assert f"{deck}:3:13: " in err and "'~'" in err and "Traceback" not in err


def test_binary_deck_of_wrong_length_names_the_card(tmp_path, capsys):
    deck = tmp_path / "cold.bin"
    deck.write_bytes(bytes(200))
    assert main(["run", "--reader", str(deck), "--boot", "reader"]) == 1
    err = capsys.readouterr().err
    assert f"{deck}:2:" in err and "160" in err


@pytest.mark.parametrize("size", [0, 1_042_606, 1_042_610])
def test_disk_image_of_wrong_size_says_what_was_expected(tmp_path, capsys, size):
    image = tmp_path / "bad.dsk"
    image.write_bytes(bytes(size))
    assert main(["run", "--disk", str(image), "--boot", "disk"]) == 1
    err = capsys.readouterr().err
    assert str(image) in err and "1,042,608 bytes" in err and f"{size:,} bytes" in err


def test_missing_disk_image(tmp_path, capsys):
    assert main(["run", "--disk", str(tmp_path / "none.dsk"), "--boot", "disk"]) == 1
    assert "none.dsk: cannot read" in capsys.readouterr().err


def test_program_load_with_empty_hopper(capsys):
    assert main(["run", "--boot", "reader"]) == 1
    assert "hopper is empty" in capsys.readouterr().err


RUNAWAY = """// JOB
// FOR
*IOCS(1132 PRINTER)
      I = 0
   10 I = I + 1
      GO TO 10
      END
// XEQ
"""


@pytest.mark.native
@needs_data
def test_runaway_job_stops_at_the_budget_with_state_intact(tmp_path, capsys):
    from machines.ibm1130.machine import Ibm1130

    job = tmp_path / "runaway.job"
    job.write_text(RUNAWAY)
    argv = ["run", "--reader", str(DATA / "dms_coldstart.bin"), "--reader", str(job),
            "--disk", str(DATA / "dms.dsk"), "--boot", "reader",
            "--max-instructions", "6000000", "--json"]
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["stop"] == "limit" and result["instructions"] == 6_000_000
    assert "END OF COMPILATION" in result["printer"]

    # the same machine saved mid-loop and restored elsewhere runs on identically
    first = Ibm1130(32768)
    first.mount(DATA / "dms.dsk")
    first.attach_deck(DATA / "dms_coldstart.bin")
    first.attach_deck(job)
    first.program_load("reader")
    assert first.run(6_000_000) == "limit"
    state = json.loads(json.dumps(first.save_state()))
    second = Ibm1130(32768)
    second.load_state(state)
    first.run(50_000)
    second.run(50_000)
    assert second.report() == first.report()
    assert second.memory == first.memory


@pytest.mark.native
@needs_data
def test_int_req_key_makes_dms_abandon_the_runaway_job(tmp_path):
    """The operator's cure for a runaway job: INT REQ on the console keyboard;
    DMS ends the job and goes back to wait for the next one."""
    from machines.ibm1130.machine import Ibm1130

    job = tmp_path / "runaway.job"
    job.write_text(RUNAWAY)
    m = Ibm1130(32768)
    m.mount(DATA / "dms.dsk")
    m.attach_deck(DATA / "dms_coldstart.bin")
    m.attach_deck(job)
    m.program_load("reader")
    system = m.system
    assert system.run(6_000_000) == "limit" and system.iar != 0x002A
    m.console.interrupt_request()
    assert system.run(1_000_000) == "wait"
    assert (system.iar, system.acc) == (0x002A, 0x1000)
