"""The pyxel front end: palette ramps, drawing, input mapping, sound, saved data, a real window."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pyxel = pytest.importorskip("pyxel")
pytest.importorskip("numpy")

from games import desktop  # noqa: E402
from machines.vector import pyxel_draw  # noqa: E402
from games.base import Game  # noqa: E402
from games.sound import Tone  # noqa: E402
from machines.vector.displaylist import DisplayList  # noqa: E402

pytestmark = pytest.mark.desktop

REPO = Path(__file__).resolve().parents[1]
SQUARE = (0.0, 0.0, 1024.0, 1024.0)


@pytest.fixture(scope="module")
def screen():
    """One headless pyxel for the module (pyxel is initialised once per process)."""
    pyxel.init(128, 128, fps=60, headless=True)
    return pyxel


@pytest.fixture
def square(screen):
    pyxel.resize(128, 128)
    pyxel.colors[:] = pyxel_draw.palette_ramps(DisplayList().palette)
    return screen


def _lit(x0=0, y0=0, x1=None, y1=None):
    x1 = pyxel.width if x1 is None else x1
    y1 = pyxel.height if y1 is None else y1
    return {(x, y): pyxel.pget(x, y) for y in range(y0, y1) for x in range(x0, x1) if pyxel.pget(x, y)}


class Box(Game):
    """A tiny game: a box that moves right while ``right`` is held, beeps on tick 2."""

    name = "test_box"
    title = "Box"
    window = (0.0, 0.0, 1024.0, 768.0)
    SOUNDS = {"beep": (Tone("square", 440, 50),), "hum": (Tone("sawtooth", 110, 200),)}

    def reset(self, seed=0):
        self.x = 100.0
        self.best = 0

    def step(self, controls):
        self.tick += 1
        if controls["right"]:
            self.x += 10
        if self.tick == 2:
            self.sound_events.append("beep")
        self.best = max(self.best, int(self.x))

    def render(self, dl):
        dl.rect(self.x, 100, self.x + 200, 300, colour=1)
        dl.text("HI", 500, 500, size=60)

    def state(self):
        return {"mode": "play", "score": int(self.x), "lives": 1, "level": 1}

    def loops(self):
        return {"hum": 0.5} if self.tick > 3 else {}

    def persistent_data(self):
        return {"best": self.best}

    def load_persistent_data(self, data):
        if isinstance(data.get("best"), int):
            self.best = data["best"]


def test_palette_ramps_and_intensity_levels():
    ramps = pyxel_draw.palette_ramps([(255, 0, 0), (0, 255, 0)], levels=4)
    assert ramps[0] == 0 and len(ramps) == 9
    assert ramps[4] == 0xFF0000 and ramps[1] == 0x400000 and ramps[8] == 0x00FF00
    assert pyxel_draw.ramp_index(0, 1.0, 4) == 4 and pyxel_draw.ramp_index(1, 1.0, 4) == 8
    assert pyxel_draw.ramp_index(1, 0.01, 4) == 5 and pyxel_draw.ramp_index(1, 0.0, 4) == 0
    assert pyxel_draw.ramp_index(0, 0.5, 4) == 2
    with pytest.raises(ValueError, match="256"):
        pyxel_draw.palette_ramps([(1, 1, 1)] * 40, levels=8)


def test_horizontal_line_lights_its_row_with_a_dim_halo(square):
    dl = DisplayList()
    dl.line(256, 514, 768, 514, colour=1)  # pyxel row (1024 - 514) / 8 = 63.75 -> 64
    pyxel_draw.render_to_pyxel(dl, SQUARE)
    lit = _lit()
    core = pyxel_draw.ramp_index(1, 1.0)
    halo = pyxel_draw.ramp_index(1, pyxel_draw.HALO)
    rows = {y for (x, y), c in lit.items() if c == core}
    assert rows == {64}
    assert all(lit[(x, 64)] == core for x in range(33, 95))
    assert lit[(64, 63)] == halo and lit[(64, 65)] == halo
    assert {y for (_, y) in lit} == {63, 64, 65}
    assert min(x for x, _ in lit) >= 31 and max(x for x, _ in lit) <= 97


def test_intensity_and_colour_pick_the_ramp(square):
    dl = DisplayList()
    dl.line(100, 900, 900, 900, intensity=0.5, colour=2)
    pyxel_draw.render_to_pyxel(dl, SQUARE, halo=False)
    colours = set(_lit().values())
    assert colours == {pyxel_draw.ramp_index(2, 0.5)}
    assert pyxel.colors[pyxel_draw.ramp_index(2, 0.5)] == 0x801E1E  # red (255, 60, 60) at half


def test_brighter_core_wins_where_lines_cross(square):
    dl = DisplayList()
    dl.line(512, 100, 512, 900, intensity=1.0)
    dl.line(100, 516, 900, 516, intensity=0.25)
    pyxel_draw.render_to_pyxel(dl, SQUARE)
    assert pyxel.pget(64, 63) == pyxel_draw.ramp_index(0, 1.0)


def test_dots_are_small_circles(square):
    dl = DisplayList()
    dl.dot(516, 516)
    pyxel_draw.render_to_pyxel(dl, SQUARE, halo=False)
    lit = _lit()
    xs = [x for x, _ in lit]
    ys = [y for _, y in lit]
    assert 4 <= len(lit) <= 13 and max(xs) - min(xs) == max(ys) - min(ys) == 2


def test_phosphor_trail_fades_over_a_few_frames(square):
    trail = pyxel_draw.PhosphorTrail(frames=3, decay=0.5)
    moving = DisplayList()
    moving.line(100, 900, 900, 900)                  # pyxel row 16
    pyxel_draw.render_to_pyxel(moving, SQUARE, halo=False, trail=trail)
    assert set(_lit(0, 15, 128, 18).values()) == {pyxel_draw.ramp_index(0, 1.0)}
    empty = DisplayList()
    seen = []
    for _ in range(4):                               # the line is gone from the frame
        pyxel_draw.render_to_pyxel(empty, SQUARE, halo=False, trail=trail)
        seen.append(set(_lit(0, 15, 128, 18).values()))
    assert seen[0] == {pyxel_draw.ramp_index(0, 0.5)}   # half as bright a frame later
    assert seen[1] == {pyxel_draw.ramp_index(0, 0.25)}
    assert seen[2] == {pyxel_draw.ramp_index(0, 0.125)}
    assert seen[3] == set()                          # then gone
    with pytest.raises(ValueError):
        pyxel_draw.PhosphorTrail(decay=1.0)


def test_the_mouse_height_over_the_court_is_pongs_knob():
    from games.pong import Pong
    lo, hi = Pong.paddle_travel
    w, h = desktop.screen_size(Pong.window)
    _w, _h, (left, top, scale) = desktop.letterbox(Pong.window, w, h)

    def at(x, y):  # display units -> pyxel pixels
        return left + (x - Pong.window[0]) * scale, top + (Pong.window[3] - y) * scale
    assert desktop.paddle_from_point(Pong.window, (lo, hi), *at(100, hi + 50), w, h) == ("paddle", 1.0)
    assert desktop.paddle_from_point(Pong.window, (lo, hi), *at(100, lo - 50), w, h) == ("paddle", 0.0)
    name, value = desktop.paddle_from_point(Pong.window, (lo, hi), *at(900, (lo + hi) / 2), w, h)
    assert name == "p2_paddle" and value == pytest.approx(0.5, abs=0.01)


def test_letterbox_in_a_wide_screen_and_clipping(screen):
    pyxel.resize(256, 128)
    pyxel.colors[:] = pyxel_draw.palette_ramps(DisplayList().palette)
    dl = DisplayList()
    dl.rect(0, 0, 1023, 1023)
    dl.line(-500, 512, 1500, 512)  # runs beyond the window on both sides
    pyxel_draw.render_to_pyxel(dl, SQUARE)
    xs = [x for x, _ in _lit()]
    assert min(xs) == 64 and max(xs) == 191   # a 128 x 128 viewport, centred
    pyxel.resize(128, 128)


def test_bad_colour_index_is_an_index_error(square):
    dl = DisplayList()
    dl.line(0, 0, 100, 100, colour=len(dl.palette))
    with pytest.raises(IndexError, match="palette"):
        pyxel_draw.render_to_pyxel(dl, SQUARE)


def test_keyboard_and_gamepad_map_to_named_controls(screen):
    mapper = desktop.InputMapper()
    assert not any(v for k, v in mapper.read().items() if isinstance(v, bool))
    pressed = [pyxel.KEY_LEFT, pyxel.KEY_SPACE, pyxel.KEY_W, pyxel.KEY_RETURN, pyxel.KEY_X]
    for k in pressed:
        pyxel.set_btn(k, True)
    try:
        c = mapper.read()
    finally:
        for k in pressed:
            pyxel.set_btn(k, False)
    assert c["left"] and c["fire"] and c["p2_up"] and c["start"] and c["thrust"]
    assert not c["right"] and not c["p2_down"] and not c["hyperspace"]
    assert c["left_tread"] == -1.0 and c["right_tread"] == 1.0  # turning left on the spot


def test_lever_follows_wheel_and_trigger(screen):
    mapper = desktop.InputMapper()
    pyxel.set_btnv(pyxel.MOUSE_WHEEL_Y, 3)
    assert mapper.read()["lever"] == pytest.approx(0.3)
    pyxel.set_btnv(pyxel.MOUSE_WHEEL_Y, 0)
    assert mapper.read()["lever"] == pytest.approx(0.3)  # the lever stays where it was put
    pyxel.set_btnv(pyxel.GAMEPAD1_AXIS_TRIGGERRIGHT, 32767)
    assert mapper.read()["lever"] == 1.0
    pyxel.set_btnv(pyxel.GAMEPAD1_AXIS_TRIGGERRIGHT, 0)
    pyxel.set_btnv(pyxel.MOUSE_WHEEL_Y, -20)
    assert mapper.read()["lever"] == 0.0
    pyxel.set_btnv(pyxel.MOUSE_WHEEL_Y, 0)


def test_tones_become_pyxel_notes():
    assert desktop.pyxel_note(440) == 33 and desktop.pyxel_note(880) == 45
    assert desktop.pyxel_note(10) == 0 and desktop.pyxel_note(20000) == 59
    notes, tones, vols, fx = desktop.tone_strings([Tone("square", 880, 100, 1.0, freq_end=220)])
    assert tones == "s" * 6 and vols == "7" * 6 and fx.endswith("f")
    assert notes.startswith("a3") and notes.endswith("a1")
    notes, tones, _, _ = desktop.tone_strings([Tone("noise", 200, 50), Tone("sine", 440, 17)])
    assert tones == "nnnt" and notes.endswith("a2")


def test_sound_bank_plays_events_and_loops(screen):
    bank = desktop.SoundBank(Box.SOUNDS)
    assert set(bank.index) == {"beep", "hum"}
    assert len(pyxel.sounds[bank.index["beep"]].notes) == 3
    bank.play(["beep", "unknown"], {})
    assert pyxel.play_pos(0) is not None
    bank.play([], {"hum": 0.5})
    assert pyxel.play_pos(3) is not None
    bank.play([], {})
    assert pyxel.play_pos(3) is None
    pyxel.stop()


def test_persistent_data_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    game = Box()
    game.best = 1234
    desktop.save_persistent(game)
    path = tmp_path / "retro1130" / "test_box.json"
    assert json.loads(path.read_text()) == {"best": 1234}
    fresh = Box()
    desktop.load_persistent(fresh)
    assert fresh.best == 1234
    path.write_text("{not json")
    other = Box()
    desktop.load_persistent(other)  # reported on stderr, not raised
    assert other.best == 0


def test_app_steps_renders_and_replays_recorded_inputs(screen, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    pyxel.resize(*desktop.screen_size(Box.window, 128))
    game = Box()
    app = desktop.App(game, [(0, {"right": True}), (5, {"right": False})])
    for _ in range(8):
        app.update()
        app.draw()
    assert game.x == 150.0 and game.tick == 8
    # The box's left edge: x = 150 display units -> 150 / 8 = column 18 (scale 1/8).
    col = round(150 / 8)
    assert any(pyxel.pget(col, y) == pyxel_draw.ramp_index(1, 1.0) for y in range(60, 86))
    app._save_if_changed()
    assert json.loads((tmp_path / "retro1130" / "test_box.json").read_text()) == {"best": 150}
    pyxel.stop()
    pyxel.resize(128, 128)


WINDOW_SCRIPT = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {repo!r})
    sys.path.insert(0, {tests!r})
    import pyxel
    from games.desktop import run_window
    from machines.vector.pyxel_draw import ramp_index
    from test_desktop_pyxel import Box

    def on_exit(app):
        lit = [(x, y) for y in range(pyxel.height) for x in range(pyxel.width) if pyxel.pget(x, y)]
        edge = [pyxel.pget(100, y) for y in range(230, 340)]
        print(json.dumps({{"size": [pyxel.width, pyxel.height], "lit": len(lit),
                          "frames": app.frame, "x": app.game.x,
                          "edge_core": edge.count(ramp_index(1, 1.0))}}), flush=True)

    run_window(Box(), [(0, {{"right": True}})], max_frames=10, on_exit=on_exit)
""")


@pytest.mark.native
def test_a_real_pyxel_window_under_xvfb(tmp_path):
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        pytest.skip("xvfb-run is not installed (apt-get install xvfb libgl1-mesa-dri xauth)")
    script = WINDOW_SCRIPT.format(repo=str(REPO), tests=str(REPO / "tests"))
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), SDL_AUDIODRIVER="dummy",
               LIBGL_ALWAYS_SOFTWARE="1")
    proc = subprocess.run([xvfb, "-a", "-s", "-screen 0 1024x768x24", sys.executable, "-c", script],
                          capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no report from the window (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr[-2000:]}"
    report = json.loads(lines[-1])
    assert report["size"] == [512, 384]
    assert report["frames"] == 10 and report["x"] == 200.0
    assert report["lit"] > 500
    # The box's left edge, x = 200 display units -> column 100 at scale 1/2.
    assert report["edge_core"] > 50
    assert json.loads((tmp_path / "retro1130" / "test_box.json").read_text()) == {"best": 200}
