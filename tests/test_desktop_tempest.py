"""Tempest in the pyxel window (headless pyxel, in its own process since
pyxel is initialised once per process): recorded inputs start a game,
spin the claw and fire, and the well is drawn with the claw's lane lit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pyxel")
pytest.importorskip("numpy")

pytestmark = [pytest.mark.desktop, pytest.mark.native]

REPO = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {repo!r})
    import pyxel
    from games import desktop
    from machines.vector import pyxel_draw
    from games.tempest import Tempest, SPIN_PER_LANE, ZOOM_TICKS
    from games.tempest_draw import C_CURSOR, C_WELL

    game = Tempest(seed=3)
    w, h = desktop.screen_size(game.window)
    pyxel.init(w, h, fps=60, headless=True)
    changes = [(0, {{}}), (2, {{"start": True}}), (4, {{"start": False}}),
               (6, {{"fire": True}}), (8, {{"fire": False}}),
               (ZOOM_TICKS + 20, {{"spinner": SPIN_PER_LANE}}),
               (ZOOM_TICKS + 22, {{"spinner": 0.0, "fire": True}})]
    app = desktop.App(game, changes)
    for _ in range(ZOOM_TICKS + 24):
        app.update()
    app.draw()
    px = [pyxel.pget(x, y) for y in range(h) for x in range(w)]
    cursor = {{pyxel_draw.ramp_index(C_CURSOR, k / 8) for k in range(1, 9)}}
    well = {{pyxel_draw.ramp_index(C_WELL, k / 8) for k in range(1, 9)}}
    print(json.dumps({{"size": [w, h], "lit": sum(1 for p in px if p),
                      "cursor": sum(1 for p in px if p in cursor),
                      "well": sum(1 for p in px if p in well),
                      "state": game.state()}}), flush=True)
""")


def test_tempest_plays_in_a_headless_pyxel_window(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), SDL_AUDIODRIVER="dummy")
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(repo=str(REPO))],
                          capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr[-2000:]}"
    report = json.loads(lines[-1])
    assert report["size"] == [384, 512]                  # the vertical monitor, 3:4
    s = report["state"]
    assert s["mode"] == "play" and s["phase"] == "play" and s["level"] == 1
    assert s["player"]["lane"] == 2 and len(s["shots"]) == 1   # two ticks of a segment each
    assert report["well"] > 800 and report["cursor"] > 100, report
