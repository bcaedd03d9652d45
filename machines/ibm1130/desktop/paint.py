"""Drawing the IBM 1130's desktop window with pyxel (desktop only).

The panes sit where :mod:`.layout` puts them.  The 2250's vectors go
through the shared vector renderer (machines/vector/pyxel_draw.py) into the
screen's viewport with a phosphor trail: its palette ramps fill the low
pyxel colours and the panel's own colours are the top :data:`PANEL_COLOURS`
indices, so both fit pyxel's 256-colour palette.
"""

from __future__ import annotations

from typing import Sequence

import pyxel

from machines.vector.pyxel_draw import LEVELS, PhosphorTrail, palette_ramps, render_to_pyxel

from ..panel import REGISTERS
from . import layout
from .model import SHORTCUTS, TYPING_HELP, DesktopModel

# The panel's colours, at the top of pyxel's palette (index: 0xRRGGBB).
PANEL_BG, LAMP_OFF, LAMP_ON, TEXT, DIM, SWITCH_BODY, SWITCH_UP, BUTTON, BUTTON_RED, PAPER, INK, \
    RED_INK, GREENBAR, SCREEN_RIM, BUTTON_GREEN, KNOB, LAMP_LOW, LAMP_HALF = range(238, 256)
PANEL_COLOURS = {PANEL_BG: 0x26303A, LAMP_OFF: 0x4A4030, LAMP_ON: 0xFFE890, TEXT: 0xE8E8E8,
                 DIM: 0x8894A0, SWITCH_BODY: 0x101418, SWITCH_UP: 0xF0F0F0, BUTTON: 0x52606E,
                 BUTTON_RED: 0xB82828, PAPER: 0xF2EEDC, INK: 0x202020, RED_INK: 0xC01818,
                 GREENBAR: 0xD6EAD2, SCREEN_RIM: 0x5A6A5A, BUTTON_GREEN: 0x2E8A3E, KNOB: 0xD8D8D8,
                 LAMP_LOW: 0x8A7440, LAMP_HALF: 0xC8B060}
PALETTE_ROOM = 238
"""pyxel colours left for the 2250's ramps (1 + colours x LEVELS of them)."""


def set_palette(vector_palette: Sequence[tuple[int, int, int]]) -> None:
    """pyxel's colours: the vector ramps for ``vector_palette``, then the panel's.
    Raises ``ValueError`` when the ramps do not fit under the panel's colours."""
    ramps = palette_ramps(vector_palette, LEVELS)
    if len(ramps) > PALETTE_ROOM:
        raise ValueError(f"{len(vector_palette)} display colours do not fit beside the panel's")
    colours = ramps + [0] * (256 - len(ramps))
    for index, rgb in PANEL_COLOURS.items():
        colours[index] = rgb
    pyxel.colors[:] = colours


def lamp_colour(level: float) -> int:
    """The colour of a lamp lit ``level`` (0.0-1.0) of the frame: dark only
    at 0, fully lit only at 1, the two glows between."""
    if level <= 0.0:
        return LAMP_OFF
    if level >= 1.0:
        return LAMP_ON
    return LAMP_LOW if level < 0.5 else LAMP_HALF


def _label(x: int, y: int, text: str, colour: int = TEXT) -> None:
    pyxel.text(x, y, text, colour)


def _centred(x: int, y: int, w: int, h: int, text: str, colour: int) -> None:
    pyxel.text(x + (w - 4 * len(text)) // 2, y + (h - 6) // 2 + 1, text, colour)


def draw_panel(model: DesktopModel) -> None:
    """The console: lamps, mode switch, entry switches, buttons, status."""
    pyxel.rect(0, 0, layout.SCREEN[0] - 6, layout.CONSOLE_PAPER[1] - 12, PANEL_BG)
    _label(8, 4, "IBM 1130  CONSOLE", TEXT)
    for bit in range(16):
        _label(layout.bit_x(bit) + (0 if bit > 9 else 2), layout.REGISTER_Y - 8, str(bit), DIM)
    for row, name in enumerate(REGISTERS):
        _label(8, layout.register_y(row) + 1, name.upper(), TEXT)
    for _key, label, _bits, x, y in layout.GROUPS:
        _label(x + layout.GROUP_LABEL_DX, y + 1, label, TEXT)
    for i, (_key, label) in enumerate(layout.INDICATORS):
        x = layout.INDICATOR_X + (i % 3) * layout.INDICATOR_COLUMN
        y = layout.INDICATOR_Y + (i // 3) * layout.INDICATOR_ROW
        _label(x + layout.LAMP + 2, y + 1, label, TEXT)
    for lamp, level in model.lamp_levels():
        pyxel.rect(lamp.x, lamp.y, layout.LAMP, layout.LAMP, lamp_colour(level))
    # the mode switch
    _label(8, layout.MODE_Y + 3, "MODE", TEXT)
    for control in model.controls:
        x, y, w, h = control.x, control.y, control.w, control.h
        if control.kind == "mode":
            chosen = control.arg == model.panel.mode
            pyxel.rect(x, y, w, h, KNOB if chosen else SWITCH_BODY)
            _centred(x, y, w, h, control.label, INK if chosen else DIM)
        elif control.kind == "switch":
            up = bool(model.machine.system.switches & (0x8000 >> int(control.arg)))
            pyxel.rect(x, y, w, h, SWITCH_BODY)       # the lever: up (1) white, down (0) grey
            pyxel.rect(x + 1, y + (1 if up else h // 2), w - 2, h // 2 - 1, SWITCH_UP if up else DIM)
        elif control.kind == "button":
            colour = {"start": BUTTON_GREEN, "imm_stop": BUTTON_RED, "stop": BUTTON_RED}.get(
                str(control.arg), BUTTON)
            if control.arg == "speed" and model.real_speed:
                colour = BUTTON_GREEN
            if control.arg == "lamp_test" and model.panel.lamp_test:
                colour = BUTTON_GREEN
            pyxel.rect(x, y, w, h, colour)
            pyxel.rectb(x, y, w, h, DIM)
            _centred(x, y, w, h, control.label, TEXT)
    _label(8, layout.SWITCH_Y + 5, "SW", TEXT)
    _label(layout.bit_x(15) + 16, layout.SWITCH_Y + 5,
           f"ENTRY SWITCHES {model.machine.system.switches:04X}", TEXT)
    for i, line in enumerate(model.status()):
        _label(8, layout.STATUS_Y + 8 * i, line[:118], LAMP_ON if i == 3 else TEXT)
    target = model.keys_go_to
    if target != "switches":
        _label(8, layout.STATUS_Y + 40, f"KEYBOARD: typed keys go to the {target} "
               + ("(Enter = EOF)" if target == "1131" else "(Enter = END)"), LAMP_ON)


def draw_screen(model: DesktopModel, dl, trail: PhosphorTrail) -> None:
    """The 2250's face (its last regenerated frame) and its 32 programmed
    function indicator lamps; a note when the machine has no 2250."""
    sx, sy, sw, sh = layout.SCREEN
    pyxel.rect(sx - 4, 0, pyxel.width - sx + 4, layout.CONSOLE_PAPER[1] - 12, PANEL_BG)
    pyxel.rectb(sx - 2, sy - 2, sw + 4, sh + 4, SCREEN_RIM)
    display = model.display
    dl.clear()
    if display is not None:
        display.render(dl)
    render_to_pyxel(dl, (0.0, 0.0, 1024.0, 1024.0), trail=trail, viewport=layout.SCREEN)
    if display is None:
        _centred(sx, sy, sw, sh, "no 2250 on this machine", DIM)
        return
    lamps = int(getattr(display, "lamps", 0))
    for control in model.controls:
        if control.kind == "function_key":
            lit = bool(lamps & (0x80000000 >> int(control.arg)))
            pyxel.rect(control.x, control.y, control.w, control.h, LAMP_ON if lit else LAMP_OFF)
    _label(sx, layout.FUNCTION_LAMP_Y + 9, f"2250  frames {getattr(display, 'frames', 0)}  "
           "(click a lamp: its function key)", DIM)


def draw_paper(model: DesktopModel) -> None:
    """The tails of the console printer (black and red ribbon) and the 1132
    (green-bar paper)."""
    pyxel.rect(0, layout.CONSOLE_PAPER[1] - 12, pyxel.width, pyxel.height, PANEL_BG)
    x, y, w, lines = layout.CONSOLE_PAPER
    _label(x, y - 9, "CONSOLE PRINTER", TEXT)
    pyxel.rect(x - 2, y - 1, w, lines * layout.LINE_PITCH + 2, PAPER)
    for i, (text, ribbon) in enumerate(model.console_tail(lines)):
        ty = y + i * layout.LINE_PITCH
        if "r" not in ribbon:
            pyxel.text(x, ty, text, INK)
            continue
        for column, char in enumerate(text):
            if char != " ":
                pyxel.text(x + 4 * column, ty, char, RED_INK if ribbon[column:column + 1] == "r" else INK)
    x, y, w, lines = layout.PRINTER_PAPER
    _label(x, y - 9, "1132 PRINTER", TEXT)
    for i in range(lines):
        pyxel.rect(x - 2, y - 1 + i * layout.LINE_PITCH, w, layout.LINE_PITCH,
                   GREENBAR if (i // 3) % 2 == 0 else PAPER)
    for i, text in enumerate(model.printer_tail(lines)):
        pyxel.text(x, y + i * layout.LINE_PITCH, text, INK)


def draw_legend(model: DesktopModel) -> None:
    """The keyboard shortcuts (model.SHORTCUTS, FORTH only when available) and the typing help."""
    x, y = layout.LEGEND
    _label(x, y - 9, "KEYS", TEXT)
    shortcuts = [s for s in SHORTCUTS if model.forth is not None or s[2] != "forth"]
    for i, (key, action, _verb) in enumerate(shortcuts):
        _label(x, y + 8 * i, f"{key:>6}  {action}", TEXT)
    y += 8 * len(shortcuts) + 4
    for i, line in enumerate(TYPING_HELP):
        _label(x, y + 8 * i, line, DIM)


def draw_window(model: DesktopModel, dl, trail: PhosphorTrail) -> None:
    """The whole window, pane by pane."""
    pyxel.cls(PANEL_BG)
    draw_panel(model)
    draw_screen(model, dl, trail)
    draw_paper(model)
    draw_legend(model)

