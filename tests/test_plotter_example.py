"""The plotter example (web/examples/spiral.asm) draws its spiral in its
square.

The drawing is compared with a stored reference (tests/data/
plotter_spiral_reference.json, made by ``python tests/test_plotter_example.py``
after looking at the picture) with a tolerance: the paper is cut into
0.1-inch cells and the cells the ink passes through must agree but for a
few, and the length of ink within 1%.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.machine import Ibm1130
from machines.ibm1130.tools import cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "web" / "examples" / "spiral.asm"
REFERENCE = Path(__file__).parent / "data" / "plotter_spiral_reference.json"
CELL = 10          # steps: 0.1 inch


def cells(paths) -> set[tuple[int, int]]:
    """The 0.1-inch cells the ink passes through (each segment walked step
    by step: every segment is a run of one of the eight unit steps)."""
    out = set()
    for path in paths:
        for (x0, y0), (x1, y1) in zip(path, path[1:] or path):
            n = max(abs(x1 - x0), abs(y1 - y0))
            for i in range(n + 1):
                x = x0 + (x1 - x0) * i // max(n, 1)
                y = y0 + (y1 - y0) * i // max(n, 1)
                out.add((x // CELL, y // CELL))
    return out


def ink_length(paths) -> float:
    return sum(math.dist(a, b) for path in paths for a, b in zip(path, path[1:]))


def drawing() -> list[list[tuple[int, int]]]:
    assembly = assemble(EXAMPLE.read_text(), str(EXAMPLE))
    assert assembly.ok, assembly.error_text()
    machine = Ibm1130()
    machine.load_image(assembly)
    assert machine.run(3_000_000) == "wait"
    assert not machine.plotter.pen_down
    return machine.plotter.paths()


def test_the_spiral_matches_its_reference():
    paths = drawing()
    reference = json.loads(REFERENCE.read_text())
    want = {tuple(c) for c in reference["cells"]}
    got = cells(paths)
    assert len(got ^ want) <= 0.02 * len(want), f"{len(got ^ want)} of {len(want)} cells differ"
    assert abs(ink_length(paths) - reference["ink"]) <= 0.01 * reference["ink"]
    # The square: its first path is the 10-inch box, corners 0.5 inch in.
    assert paths[0] == [(1049, 50), (1049, 1050), (49, 1050), (49, 50), (1049, 50)]


def test_the_command_line_refuses_a_folder_that_does_not_exist(tmp_path, capsys):
    missing = tmp_path / "no" / "such" / "out.svg"
    assert cli.main(["run", str(EXAMPLE), "--plotter-svg", str(missing)]) == 1
    assert "does not exist" in capsys.readouterr().err and not missing.exists()


if __name__ == "__main__":       # write the reference (look at the drawing first)
    paths = drawing()
    REFERENCE.write_text(json.dumps({"cells": sorted(cells(paths)), "ink": round(ink_length(paths), 1)}) + "\n")
    print(f"{REFERENCE}: {len(cells(paths))} cells", file=sys.stderr)
