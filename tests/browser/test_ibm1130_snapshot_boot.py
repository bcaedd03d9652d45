"""The 1130 page boots from its memory snapshot (build.py make_snapshot,
web/js/pyodide-boot.js), and without it: when the snapshot is missing or
damaged, the page boots normally. Either way the operator gets a working
machine, whose assembler (imported on first use, from the wheel's files
unpacked after ready) assembles and runs a program."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_ibm1130 import boot1130, send

ROOT = Path(__file__).resolve().parents[2]
ADD = (ROOT / "web" / "examples" / "add.asm").read_text()

WORKER_MARKS = """() => performance.getEntriesByType("mark").map((m) => m.name)"""


def worker_marks(page):
    worker = next(w for w in page.workers if w.url.endswith("/worker.js"))
    return worker.evaluate(WORKER_MARKS)


def assembles_and_runs(page):
    reply = send(page, {"cmd": "load", "source": ADD})
    assert reply["ok"], reply
    done = send(page, {"cmd": "run", "max_instructions": 10_000})
    assert done["ok"] and done["stop"] == "wait", done


def test_the_page_boots_from_the_snapshot(page, site):
    boot1130(page, site)
    marks = worker_marks(page)
    assert "boot:files" in marks and "boot:snapshot failed" not in marks
    assembles_and_runs(page)
    assert page.console_errors == []


@pytest.mark.parametrize("damage", ["missing", "not a snapshot", "cut short"])
def test_without_a_usable_snapshot_the_page_boots_normally(page, site, damage):
    if damage == "missing":
        page.route("**/pyodide/ibm1130.snapshot", lambda route: route.fulfill(status=404, body="gone"))
    else:
        good = (ROOT / "dist" / "pyodide" / "ibm1130.snapshot").read_bytes()
        body = b"\x00" * 4096 if damage == "not a snapshot" else good[: len(good) // 2]
        page.route("**/pyodide/ibm1130.snapshot", lambda route: route.fulfill(status=200, body=body))
    boot1130(page, site, timeout=120000)
    marks = worker_marks(page)
    assert "boot:snapshot failed" in marks and "boot:files" not in marks
    assembles_and_runs(page)
    assert page.console_errors == []
