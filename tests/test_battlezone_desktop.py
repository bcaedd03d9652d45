"""BattleZone in the pyxel window (games/desktop.py), headless: the tread
keys drive the tank, and the frame shows the green field and the red band.

pyxel is initialised once per process, so the window runs in a child
Python (as tests/test_desktop_pyxel.py does for the real window)."""

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
    from games.battlezone import BattleZone
    from games.battlezone_numbers import GREEN, RED

    w, h = desktop.screen_size(BattleZone.window)
    pyxel.init(w, h, fps=60, headless=True)
    game = BattleZone(seed=2)
    app = desktop.App(game)
    pyxel.set_btn(pyxel.KEY_RETURN, True)
    app.update()
    pyxel.set_btn(pyxel.KEY_RETURN, False)
    z0 = game.player_z
    # Both treads forward with the tread keys: E (left) and I (right).
    pyxel.set_btn(pyxel.KEY_E, True)
    pyxel.set_btn(pyxel.KEY_I, True)
    for _ in range(20):
        app.update()
    heading, moved = game.player_heading, game.player_z - z0
    # (pyxel's injected releases only land on a real frame: add keys, never release.)
    pyxel.set_btn(pyxel.KEY_K, True)      # I and K together: the right tread stops
    for _ in range(10):
        app.update()
    app.draw()
    cols = {{}}
    for y in range(pyxel.height):
        for x in range(pyxel.width):
            c = pyxel.pget(x, y)
            if c:
                cols[c] = cols.get(c, 0) + 1
    levels = pyxel_draw.LEVELS
    green = sum(n for c, n in cols.items() if 1 + GREEN * levels <= c < 1 + (GREEN + 1) * levels)
    red = sum(n for c, n in cols.items() if 1 + RED * levels <= c < 1 + (RED + 1) * levels)
    print(json.dumps({{"size": [pyxel.width, pyxel.height], "moved": moved,
                      "heading_after_drive": heading, "heading": game.player_heading,
                      "mode": game.mode, "green": green, "red": red}}), flush=True)
""")


def test_battlezone_plays_in_a_headless_pyxel_window(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), SDL_AUDIODRIVER="dummy")
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(repo=str(REPO))],
                          capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr[-2000:]}"
    r = json.loads(lines[-1])
    assert r["mode"] == "play"
    assert r["size"][0] == 512 and abs(r["size"][0] / r["size"][1] - 1024 / 706) < 0.01
    # 20 ticks at full speed along +z (heading 0).
    assert r["moved"] == pytest.approx(20 * 24.0) and r["heading_after_drive"] == 0.0
    # Then left tread 1, right tread 0: the heading turns right by half the
    # spin rate each tick ((right - left) / 2).
    assert r["heading"] == pytest.approx(4096 - 10 * 0.5 * 11.0)
    assert r["green"] > 300 and r["red"] > 100
