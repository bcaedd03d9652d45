"""Bad input and hostile surroundings on the 1130 command line: a clear
message, never a traceback, nothing overwritten (found by fuzzing the
command lines)."""

import errno
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from machines.ibm1130.asm.loadformat import write_out
from machines.ibm1130.cards import read_deck
from machines.ibm1130.devices import disk2310
from machines.ibm1130.tools import cli

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"
KIT = DATA / "kit"
WAIT = 0x3000
LOOP = 0x70FF            # MDX *-1: loop forever


def program(tmp_path, words, name="p.out"):
    path = tmp_path / name
    path.write_text(write_out({0x100 + i: w for i, w in enumerate(words)}, start=0x100))
    return str(path)


def command(*argv, **kwargs):
    return subprocess.run([sys.executable, "-m", "machines.ibm1130", *argv], cwd=REPO,
                          capture_output=True, text=True, timeout=120, **kwargs)


# ------------------------------------------------------------- asm outputs

@pytest.mark.parametrize("option", ["--listing", "-o", "--deck", "--core-image", "--coldstart"])
def test_asm_refuses_to_write_over_its_source(tmp_path, capsys, option):
    source = tmp_path / "p.asm"
    text = "                    ORG  /100\n                    WAIT\n                    BAD  X\n"
    source.write_text(text)
    assert cli.main(["asm", str(source), option, str(source)]) == 1
    assert "would be overwritten" in capsys.readouterr().err
    assert source.read_text() == text


def test_asm_refuses_a_default_output_that_is_the_source_and_two_outputs_in_one_file(tmp_path, capsys):
    source = tmp_path / "p.out"
    source.write_text("                    WAIT\n")
    assert cli.main(["asm", str(source)]) == 1
    assert "-o" in capsys.readouterr().err and source.read_text() == "                    WAIT\n"
    other = tmp_path / "q.asm"
    other.write_text("                    WAIT\n")
    assert cli.main(["asm", str(other), "-o", str(tmp_path / "x"), "--listing", str(tmp_path / "x")]) == 1
    assert "--listing" in capsys.readouterr().err and not (tmp_path / "x").exists()


# ------------------------------------------------------------- input sizes

@pytest.mark.native
@pytest.mark.parametrize("argv, message", [
    (["run", "--disk", "/dev/zero", "--boot", "disk"], "1,042,608 bytes"),
    (["run", "--reader", "/dev/zero", "--boot", "reader"], "at most 16,000,000 bytes"),
    (["run", "/dev/zero"], "at most 8,000,000 bytes"),
    (["asm", "/dev/zero"], "at most 16,000,000 bytes"),
])
def test_endless_input_files_are_refused_by_size(capsys, argv, message):
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert "/dev/zero" in err and message in err and "Traceback" not in err


# ------------------------------------------------------- kit decks from the command line

@pytest.mark.skipif(not KIT.is_dir(), reason=f"the SIMH kit is not in {KIT}")
def test_kit_deck_with_long_lines_is_read_with_one_warning(tmp_path, capsys):
    path = program(tmp_path, [WAIT])
    assert cli.main(["run", path, "--reader", str(KIT / "gdu.asm")]) == 0
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "gdu.asm:" in err and "first 80" in err


def test_lowercase_option_keeps_ibm_lower_case_codes(tmp_path, capsys):
    deck = tmp_path / "job.txt"
    deck.write_text("*list\n")
    assert read_deck(deck)[0].to_text() == "*LIST"
    assert read_deck(deck, lowercase=True)[0].to_text() == "*list"
    path = program(tmp_path, [WAIT])
    assert cli.main(["run", path, "--reader", str(deck), "--lowercase"]) == 0


# ------------------------------------------------------------- budgets and stops

def test_default_budget_lets_long_dms_jobs_finish():
    assert cli.DEFAULT_MAX_INSTRUCTIONS >= 10 * 231_000_000


def test_limit_in_slices_is_exact(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "RUN_SLICE", 7)
    path = program(tmp_path, [LOOP])
    assert cli.main(["run", path, "--max-instructions", "100", "--json"]) == 0
    assert '"instructions": 100' in capsys.readouterr().out


# A loop that works (adds to a counter in core), so the translator cannot
# count its passes away as it does a busy wait: LD L /200; A L /201;
# STO L /200; MDX *-7.
COUNTING = [0xC400, 0x0200, 0x8400, 0x0201, 0xD400, 0x0200, 0x70F9]


@pytest.mark.native
def test_ctrl_c_stops_a_run_cleanly(tmp_path):
    path = program(tmp_path, COUNTING)
    # Ctrl-C must come once the program runs, not while Python imports: on a
    # loaded machine that takes longer, so wait longer and try again.
    for wait in (1.5, 5.0, 15.0):
        proc = subprocess.Popen([sys.executable, "-m", "machines.ibm1130", "run", path], cwd=REPO,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(wait)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        if out.startswith("stop"):
            break
    assert proc.returncode == 0, err
    assert re.match(r"stop stopped at IAR 010[0-6] after \d+ instructions", out), out
    assert "Traceback" not in err


@pytest.mark.native
def test_output_to_a_closed_pipe_ends_quietly(tmp_path):
    path = program(tmp_path, [WAIT])
    result = subprocess.run(f"{sys.executable} -m machines.ibm1130 run {path} --dump 0:32768 | head -c 10",
                            shell=True, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert len(result.stdout) == 10 and "Traceback" not in result.stderr and "Exception" not in result.stderr


@pytest.mark.native
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_output_to_a_full_device_is_a_message(tmp_path):
    path = program(tmp_path, [WAIT])
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "machines.ibm1130", "run", path, "--dump", "0:4096"],
                                cwd=REPO, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 1
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr


def test_a_full_disk_during_disk_writable_is_a_message(tmp_path, capsys, monkeypatch):
    # A program that writes sector 0 of the cartridge, on a file whose writes fail.
    image = tmp_path / "c.dsk"
    image.write_bytes(bytes(disk2310.IMAGE_BYTES))
    words = [0x0C00, 0x0110, WAIT] + [0] * 13 + [0x0120, (0x04 << 11) | (5 << 8), 0] + [0] * 13 \
        + [1, 0xBEEF]
    path = program(tmp_path, words)

    real_open = open

    class FullFile:
        def __init__(self, f):
            self.f = f

        def seek(self, *a):
            return self.f.seek(*a)

        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def flush(self):
            pass

        def close(self):
            self.f.close()

    monkeypatch.setattr(disk2310, "open", lambda p, mode="r", *a, **k: FullFile(real_open(p, mode, *a, **k))
                        if "+" in mode else real_open(p, mode, *a, **k), raising=False)
    assert cli.main(["run", path, "--disk", str(image), "--disk-writable"]) == 1
    err = capsys.readouterr().err
    assert "c.dsk" in err and "No space left on device" in err
    assert image.read_bytes() == bytes(disk2310.IMAGE_BYTES)         # nothing half-written
