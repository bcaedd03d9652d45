"""The IBM 1130's pyxel window (desktop only): ``run_desktop(machine)``.

Each pyxel frame (60 a second) reads the mouse and keyboard into the window
model (``model.DesktopModel``: clicks on the panel's controls, the 2250's
light pen, the shortcut keys of ``model.SHORTCUTS``, typed keys for the
1131 keyboard or the entry switches), runs the CPU one slice covering the
wall time since the last frame (never blocking the window: the slice is
bounded by the pacing), and draws the panes (``paint.py``).
"""

from __future__ import annotations

import time
from typing import Callable

import pyxel

from machines.vector.displaylist import DisplayList
from machines.vector.pyxel_draw import PhosphorTrail

from . import layout, paint
from .model import SHORTCUTS, DesktopModel

#: pyxel key constant names of the shortcut key names (model.SHORTCUTS).
_KEYS = {"F1": "KEY_F1", "F2": "KEY_F2", "F3": "KEY_F3", "F4": "KEY_F4", "F5": "KEY_F5",
         "F6": "KEY_F6", "F7": "KEY_F7", "F8": "KEY_F8", "F9": "KEY_F9", "F10": "KEY_F10",
         "F11": "KEY_F11", "F12": "KEY_F12", "Delete": "KEY_DELETE"}
FPS = 60


class DesktopWindow:
    """pyxel's ``update`` and ``draw`` for ``model`` (built after ``pyxel.init``).

    ``max_frames`` ends the window after that many frames, calling
    ``on_exit(window)`` first (tests and demos); ``clock`` returns seconds."""

    def __init__(self, model: DesktopModel, *, max_frames: int | None = None,
                 on_exit: Callable[["DesktopWindow"], None] | None = None,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.model = model
        self.max_frames = max_frames
        self.on_exit = on_exit
        self.clock = clock
        self.frame = 0
        self.dl = DisplayList()     # colour 1: the phosphor green Display2250.render uses
        self._palette = list(self.dl.palette)
        paint.set_palette(self._palette)
        self.trail = PhosphorTrail()
        self._last = clock()
        self._shortcuts = [(getattr(pyxel, _KEYS[key]), verb) for key, _action, verb in SHORTCUTS]

    def update(self) -> None:
        if self.max_frames is not None and self.frame >= self.max_frames:
            self.quit()
            return
        self.read_input()
        now = self.clock()
        self.model.frame((now - self._last) * 1000.0)
        self._last = now
        self.frame += 1

    def read_input(self) -> None:
        model = self.model
        for key, verb in self._shortcuts:
            if pyxel.btnp(key):
                model.press(verb)
        mx, my = pyxel.mouse_x, pyxel.mouse_y
        if pyxel.btnp(pyxel.MOUSE_BUTTON_LEFT):
            model.click(mx, my)
        model.pointer(mx, my, pyxel.btn(pyxel.MOUSE_BUTTON_LEFT))
        typed = pyxel.input_text or ""
        if model.keys_go_to != "switches":
            if pyxel.btnp(pyxel.KEY_RETURN) or pyxel.btnp(pyxel.KEY_KP_ENTER):
                typed += "\n"
            if pyxel.btnp(pyxel.KEY_BACKSPACE):
                typed += "\b"
        model.type_text(typed)
        for path in pyxel.dropped_files or ():
            model.drop(path)

    def draw(self) -> None:
        if self.dl.palette != self._palette:     # the 2250's renderer changed the palette
            self._palette = list(self.dl.palette)
            paint.set_palette(self._palette)
        paint.draw_window(self.model, self.dl, self.trail)

    def quit(self) -> None:
        if self.on_exit is not None:
            self.draw()    # pyxel skips draws when behind: on_exit reads the last frame's screen
            self.on_exit(self)
        pyxel.quit()


def run_desktop(model: DesktopModel, *, max_frames: int | None = None,
                on_exit: Callable[[DesktopWindow], None] | None = None, title: str = "IBM 1130") -> None:
    """Open the window (:data:`layout.WIDTH` x :data:`layout.HEIGHT`
    pixels, 60 frames a second) and run until Escape or ``max_frames``.
    pyxel ends the process when the window closes."""
    pyxel.init(layout.WIDTH, layout.HEIGHT, title=f"retro1130: {title}", fps=FPS)
    pyxel.mouse(True)
    window = DesktopWindow(model, max_frames=max_frames, on_exit=on_exit)
    pyxel.run(window.update, window.draw)
