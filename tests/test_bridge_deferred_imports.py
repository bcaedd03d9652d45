"""The 1130 page starts without the assembler (issue 12 item 8): importing
the bridge and building the machine loads neither the assembler, the load
file reader nor argparse; the first ``load`` of a source or of a load file
brings them in and works."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# A fresh interpreter: the other tests of a session have imported them all.
SCRIPT = r"""
import json, sys
from machines.ibm1130.web.bridge import Bridge
bridge = Bridge()
bridge.tick(16.0, True)
deferred = ["machines.ibm1130.asm.assembly", "machines.ibm1130.asm.relocate",
            "machines.ibm1130.asm.loadformat", "argparse"]
print(json.dumps([m for m in deferred if m in sys.modules]))
send = lambda **m: json.loads(bridge.handle(json.dumps(m)))
add = "\tABS\n\tORG\t\t/100\nSTART\tLD\t\tA\n\tA\t\tB\n\tSTO\t\tC\n\tWAIT\nA\tDC\t\t5\nB\tDC\t\t7\nC\tDC\t\t0\n\tEND\t\tSTART\n"
print(json.dumps(send(cmd="load", source=add)))
print(json.dumps(send(cmd="load", format="out", source="@0200\nC001\n3000\n002A\n=0200\n")))
print(json.dumps(send(cmd="load", format="out", source="@0200\nXYZ!\n", filename="p.out")))
"""


@pytest.mark.native   # a subprocess: none inside Pyodide
def test_the_page_starts_without_the_assembler_and_loads_a_program_when_asked():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert json.loads(out[0]) == []
    source, load_file, bad = (json.loads(line) for line in out[1:4])
    assert source["ok"] and source["start"] == 0x100
    assert load_file["ok"] and load_file["start"] == 0x200
    assert not bad["ok"] and bad["error"].startswith("p.out:2")
