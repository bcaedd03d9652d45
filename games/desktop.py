"""The desktop front end: a pyxel window for the vector games.

``python -m games NAME`` calls ``run_window``.  Each frame it reads the
keyboard, mouse and gamepad into the named controls (games/controls.py),
steps the game one tick, draws ``game.render(dl)`` with ``render_to_pyxel``
and plays the game's sound events.  High scores live in
``$XDG_DATA_HOME/retro1130/NAME.json`` (default ``~/.local/share``).

The vector drawing (palette ramps, halo, phosphor trail) is
``machines/vector/pyxel_draw.py``, shared with the IBM 1130's window.
Pong's knob is the mouse's height over the court (or
the left stick's); F1 shows the game's ``key_legend``.

This module is desktop only: it imports pyxel (and numpy through the
rasterizer's ``letterbox``).
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pyxel

from machines.vector.displaylist import DisplayList
from machines.vector.pyxel_draw import LEVELS, PhosphorTrail, palette_ramps, render_to_pyxel
from machines.vector.rasterizer import letterbox
from machines.textfile import NotUtf8Error, decode_utf8

from . import controls as ctl
from .inputs import Player
from .sound import Tone

LONG_SIDE = 512
"""Window size in pyxel pixels on the long side."""


def screen_size(window: Sequence[float], long_side: int = LONG_SIDE) -> tuple[int, int]:
    """pyxel screen size for a game window: ``long_side`` pixels on the long
    side, the other following the window's aspect."""
    x0, y0, x1, y1 = window
    aspect = (x1 - x0) / (y1 - y0)
    if aspect >= 1:
        return long_side, max(1, round(long_side / aspect))
    return max(1, round(long_side * aspect)), long_side


# ------------------------------------------------------------------ input
_DIGITAL_KEYS: dict[str, tuple[str, ...]] = {
    "left": ("KEY_LEFT", "GAMEPAD1_BUTTON_DPAD_LEFT"),
    "right": ("KEY_RIGHT", "GAMEPAD1_BUTTON_DPAD_RIGHT"),
    "up": ("KEY_UP", "GAMEPAD1_BUTTON_DPAD_UP"),
    "down": ("KEY_DOWN", "GAMEPAD1_BUTTON_DPAD_DOWN"),
    "fire": ("KEY_SPACE", "KEY_Z", "KEY_LCTRL", "KEY_RCTRL", "GAMEPAD1_BUTTON_A"),
    "thrust": ("KEY_UP", "KEY_X", "GAMEPAD1_BUTTON_B", "GAMEPAD1_BUTTON_DPAD_UP"),
    "hyperspace": ("KEY_C", "KEY_LSHIFT", "KEY_RSHIFT", "GAMEPAD1_BUTTON_X"),
    "zap": ("KEY_C", "KEY_Q", "KEY_LSHIFT", "KEY_RSHIFT", "GAMEPAD1_BUTTON_Y"),
    "start": ("KEY_RETURN", "KEY_1", "KEY_KP_ENTER", "GAMEPAD1_BUTTON_START"),
    "p2_up": ("KEY_W", "GAMEPAD2_BUTTON_DPAD_UP"),
    "p2_down": ("KEY_S", "GAMEPAD2_BUTTON_DPAD_DOWN"),
    "p2_left": ("KEY_A", "GAMEPAD2_BUTTON_DPAD_LEFT"),
    "p2_right": ("KEY_D", "GAMEPAD2_BUTTON_DPAD_RIGHT"),
    "p2_fire": ("KEY_TAB", "GAMEPAD2_BUTTON_A"),
    "p2_start": ("KEY_2", "GAMEPAD2_BUTTON_START"),
}
AXIS_MAX = 32767.0
DEAD_ZONE = 0.2


class InputMapper:
    """Reads pyxel's keyboard, mouse and gamepad into a full control dict.

    Digital controls: see ``_DIGITAL_KEYS`` (arrows, Space/Z fire, X thrust,
    C/Shift hyperspace and superzapper, Enter/1 start; W/S/A/D, Tab and 2 for
    player 2).  ``lever`` (Lunar Lander's thrust, 0..1) is held between
    frames: each mouse-wheel notch moves it 0.1, Page Up / Page Down 0.02 per
    frame, and a pulled right trigger sets it directly.  ``spinner`` is the
    mouse's horizontal motion in pixels plus the left stick (up to 8 steps a
    tick).  The treads take the left and right sticks' Y axes, or the arrows
    as one stick (up/down both treads, left/right turning), plus E/D and
    I/K for the left and right tread forward/back."""

    def __init__(self) -> None:
        self.lever = 0.0
        self._mouse_x: int | None = None
        self._keys = {name: [getattr(pyxel, k) for k in keys if hasattr(pyxel, k)]
                      for name, keys in _DIGITAL_KEYS.items()}

    def read(self) -> dict[str, Any]:
        btn = pyxel.btn
        out = ctl.neutral()
        for name, keys in self._keys.items():
            out[name] = any(btn(k) for k in keys)
        # lever
        self.lever += 0.1 * pyxel.mouse_wheel
        if btn(pyxel.KEY_PAGEUP):
            self.lever += 0.02
        if btn(pyxel.KEY_PAGEDOWN):
            self.lever -= 0.02
        trigger = pyxel.btnv(pyxel.GAMEPAD1_AXIS_TRIGGERRIGHT) / AXIS_MAX
        if trigger > DEAD_ZONE:
            self.lever = trigger
        self.lever = min(1.0, max(0.0, self.lever))
        out["lever"] = self.lever
        # spinner
        mx = pyxel.mouse_x
        spin = 0.0 if self._mouse_x is None else float(mx - self._mouse_x)
        self._mouse_x = mx
        stick = pyxel.btnv(pyxel.GAMEPAD1_AXIS_LEFTX) / AXIS_MAX
        if abs(stick) > DEAD_ZONE:
            spin += 8.0 * stick
        out["spinner"] = spin
        # treads
        ly = -pyxel.btnv(pyxel.GAMEPAD1_AXIS_LEFTY) / AXIS_MAX
        ry = -pyxel.btnv(pyxel.GAMEPAD1_AXIS_RIGHTY) / AXIS_MAX
        if abs(ly) > DEAD_ZONE or abs(ry) > DEAD_ZONE:
            lt, rt = ly, ry
        else:
            drive = float(out["up"]) - float(out["down"])
            turn = float(out["right"]) - float(out["left"])
            lt, rt = drive + turn, drive - turn
        # BattleZone's tread keys (MAME's defaults): E/D left, I/K right.
        lt += float(btn(pyxel.KEY_E)) - float(btn(pyxel.KEY_D))
        rt += float(btn(pyxel.KEY_I)) - float(btn(pyxel.KEY_K))
        out["left_tread"] = min(1.0, max(-1.0, lt))
        out["right_tread"] = min(1.0, max(-1.0, rt))
        return ctl.normalise(out)


# ------------------------------------------------------------------ sound
_PYXEL_TONE = {"square": "s", "triangle": "t", "sine": "t", "sawtooth": "p", "noise": "n"}
_NOTE_NAMES = ("c", "c#", "d", "d#", "e", "f", "f#", "g", "g#", "a", "a#", "b")
_SPEED = 2  # pyxel speed 2: a note lasts 2/120 s, one frame at 60 Hz


def pyxel_note(freq: float) -> int:
    """pyxel note number (0-59; 33 is A2 = 440 Hz) nearest to ``freq`` Hz, clamped."""
    if freq <= 0:
        return 0
    return min(59, max(0, round(33 + 12 * math.log2(freq / 440.0))))


def tone_strings(tones: Iterable[Tone]) -> tuple[str, str, str, str]:
    """pyxel ``Sound.set`` strings (notes, tones, volumes, effects) for a
    sequence of Tones, one note per 1/60 s; sweeps step through the notes
    between ``freq`` and ``freq_end`` on a log scale."""
    notes, waves, vols, fx = [], [], [], []
    for t in tones:
        count = max(1, round(t.ms / (1000.0 * _SPEED / 120.0)))
        end = t.freq if t.freq_end is None else t.freq_end
        vol = str(min(7, max(0, round(t.volume * 7))))
        for i in range(count):
            f = t.freq * (end / t.freq) ** (i / max(1, count - 1)) if t.freq > 0 and end > 0 else t.freq
            n = pyxel_note(f)
            notes.append(f"{_NOTE_NAMES[n % 12]}{n // 12}" if vol != "0" else "r")
            waves.append(_PYXEL_TONE[t.wave])
            vols.append(vol)
            fx.append("f" if i == count - 1 and count > 1 else "n")
    return "".join(notes), "".join(waves), "".join(vols), "".join(fx)


class SoundBank:
    """The game's ``SOUNDS`` as pyxel sounds: events on channels 0-2 in turn,
    the loudest continuous sound of ``loops()`` looping on channel 3 with the
    channel gain following its level."""

    EVENT_CHANNELS = (0, 1, 2)
    LOOP_CHANNEL = 3

    def __init__(self, sounds: Mapping[str, tuple[Tone, ...]]) -> None:
        self.index: dict[str, int] = {}
        for i, (name, tones) in enumerate(sorted(sounds.items())):
            if i >= 64:  # pyxel has 64 sound slots
                break
            pyxel.sounds[i].set(*tone_strings(tones), _SPEED)
            self.index[name] = i
        self._next = 0
        self._loop: str | None = None
        self._gain = pyxel.channels[self.LOOP_CHANNEL].gain

    def play(self, events: Iterable[str], loops: Mapping[str, float]) -> None:
        for name in events:
            if name in self.index:
                ch = self.EVENT_CHANNELS[self._next % len(self.EVENT_CHANNELS)]
                self._next += 1
                pyxel.play(ch, self.index[name])
        live = {n: v for n, v in loops.items() if n in self.index and v > 0}
        name = max(live, key=live.get) if live else None
        if name != self._loop:
            if name is None:
                pyxel.stop(self.LOOP_CHANNEL)
            else:
                pyxel.play(self.LOOP_CHANNEL, self.index[name], loop=True)
            self._loop = name
        if name is not None:
            pyxel.channels[self.LOOP_CHANNEL].gain = self._gain * min(1.0, live[name])


# ------------------------------------------------------- persistent data
def data_path(name: str) -> Path:
    """Where game ``name`` keeps its persistent data (high scores)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "retro1130" / f"{name}.json"


def load_persistent(game) -> None:
    """Give ``game`` its saved data, if any; a damaged file is reported and ignored."""
    path = data_path(game.name)
    try:
        data = json.loads(decode_utf8(path.read_bytes(), str(path)))
    except FileNotFoundError:
        return
    except NotUtf8Error as e:
        print(f"{e}; ignoring the saved data", file=sys.stderr)
        return
    except (OSError, ValueError) as e:
        print(f"{path}: ignoring saved data: {e}", file=sys.stderr)
        return
    if isinstance(data, dict):
        game.load_persistent_data(data)


def save_persistent(game) -> None:
    """Write ``game.persistent_data()`` (if not None) atomically to its file."""
    data = game.persistent_data()
    if data is None:
        return
    path = data_path(game.name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, sort_keys=True, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        print(f"{path}: cannot save: {e.strerror or e}", file=sys.stderr)


# ------------------------------------------------------------------ window
_ARROWS = str.maketrans({"←": "Left", "→": "Right", "↑": "Up", "↓": "Down"})


def _ascii(text: str) -> str:
    """Key names for pyxel's ASCII font (arrows spelt out)."""
    return text.translate(_ARROWS).encode("ascii", "replace").decode()


def paddle_from_point(window: Sequence[float], travel: Sequence[float], px: float, py: float,
                      width: int, height: int) -> tuple[str, float]:
    """Pong's knob from a point on the screen (pyxel pixels, y down): the
    control (``paddle`` on the court's left half, ``p2_paddle`` on the
    right) and its value, the point's height over the paddle's ``travel``
    (display units, lowest and highest centre) clamped to 0..1."""
    _w, _h, (left, top, scale) = letterbox(window, width, height)
    x = window[0] + (px - left) / scale
    y = window[3] - (py - top) / scale
    lo, hi = travel
    name = "paddle" if x < (window[0] + window[2]) / 2 else "p2_paddle"
    return name, min(1.0, max(0.0, (y - lo) / (hi - lo)))


class App:
    """One game in the pyxel window; ``update`` and ``draw`` are pyxel's callbacks.

    Built after ``pyxel.init``.  ``changes`` (parsed inputs, games/inputs.py)
    replace live input when given.  ``max_frames`` stops the window after
    that many ticks, calling ``on_exit(app)`` first (for tests and demos)."""

    def __init__(self, game, changes: Iterable[tuple[int, dict]] = (), *,
                 max_frames: int | None = None, on_exit=None) -> None:
        self.game = game
        changes = list(changes)
        self.player = Player(changes) if changes else None
        self.inputs = InputMapper()
        self.dl = DisplayList(palette=game.palette)
        self.frame = 0
        self.max_frames = max_frames
        self.on_exit = on_exit
        self._palette = list(self.dl.palette)
        pyxel.colors[:] = palette_ramps(self._palette)
        self.sound = SoundBank(game.SOUNDS)
        self.trail = PhosphorTrail()
        self.knobs: dict[str, float] = {}
        self._pointer: tuple[int, int] | None = None
        self._stick: float | None = None
        self.show_help = False
        load_persistent(game)
        self._saved = json.dumps(game.persistent_data(), sort_keys=True)

    def update(self) -> None:
        if self.max_frames is not None and self.frame >= self.max_frames:
            self.quit()
            return
        if self.player:
            controls = self.player.controls(self.frame)
        else:
            controls = self.inputs.read()
            self._read_knobs(controls)
            if pyxel.btnp(pyxel.KEY_F1):
                self.show_help = not self.show_help
        self.game.sound_events.clear()
        self.game.step(controls)
        self.sound.play(self.game.sound_events, self.game.loops())
        self.frame += 1
        if self.frame % 30 == 0:
            self._save_if_changed()

    def _read_knobs(self, controls: dict[str, Any]) -> None:
        """Pong's knobs: the mouse's height when it moves, the left stick's
        when it moves; each knob then keeps its value."""
        travel = getattr(self.game, "paddle_travel", None)
        if not travel:
            return
        point = (pyxel.mouse_x, pyxel.mouse_y)
        if self._pointer is not None and point != self._pointer:
            name, value = paddle_from_point(self.game.window, travel, point[0], point[1],
                                            pyxel.width, pyxel.height)
            self.knobs[name] = value
        self._pointer = point
        stick = pyxel.btnv(pyxel.GAMEPAD1_AXIS_LEFTY) / AXIS_MAX
        if self._stick is not None and abs(stick - self._stick) > 0.02:
            self.knobs["paddle"] = min(1.0, max(0.0, (1.0 - stick) / 2))
        self._stick = stick
        controls.update(self.knobs)

    def draw(self) -> None:
        self.dl.clear()
        self.game.render(self.dl)
        if self.dl.palette != self._palette:  # the game changed its palette this frame
            self._palette = list(self.dl.palette)
            pyxel.colors[:] = palette_ramps(self._palette)
        render_to_pyxel(self.dl, self.game.window, trail=self.trail)
        if self.show_help:
            lines = [f"{_ascii(keys):>16}  {action}" for keys, action in self.game.key_legend]
            for i, text in enumerate(lines + [f"{'F1':>16}  hide this help"]):
                pyxel.text(4, 4 + 8 * i, text, LEVELS)

    def _save_if_changed(self) -> None:
        now = json.dumps(self.game.persistent_data(), sort_keys=True)
        if now != self._saved:
            save_persistent(self.game)
            self._saved = now

    def quit(self) -> None:
        self._save_if_changed()
        if self.on_exit is not None:
            # pyxel skips draws to keep time on a busy machine: the screen
            # on_exit reads must show the last tick, not an earlier one.
            self.draw()
            self.on_exit(self)
        pyxel.quit()


def run_window(game, changes: Iterable[tuple[int, dict]] = (), *, long_side: int = LONG_SIDE,
               max_frames: int | None = None, on_exit=None) -> None:
    """Open the pyxel window for ``game`` and play until Escape (or
    ``max_frames`` ticks).  The screen is ``long_side`` pixels on the long
    side with the game window's aspect; pyxel runs at the game's refresh
    rate.  pyxel ends the process when the window closes."""
    w, h = screen_size(game.window, long_side)
    pyxel.init(w, h, title=f"retro1130: {game.title}", fps=max(1, round(game.refresh_hz)))
    app = App(game, changes, max_frames=max_frames, on_exit=on_exit)
    pyxel.run(app.update, app.draw)
