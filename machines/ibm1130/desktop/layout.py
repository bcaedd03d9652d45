"""Where everything sits in the IBM 1130's desktop window (pyxel pixels).

Pure geometry, no pyxel: the window model (``model.py``) hit-tests mouse
clicks against it and the painter (``paint.py``) draws at the same places,
so a control cannot be drawn in one place and clicked in another.  Tests
read pixels at :func:`lamp_positions` too.

The window is :data:`WIDTH` x :data:`HEIGHT` pixels (pyxel scales it up to
the display): the console panel top left (the display panel's lamps, the
mode switch, the 16 console entry switches, the buttons), the 2250 screen
top right with its 32 programmed function indicator lamps under it, the
console printer's and the 1132's paper tails along the bottom, and the
keyboard shortcuts bottom right.  pyxel's font is 4 x 6 pixels.
"""

from __future__ import annotations

from typing import NamedTuple

from ..panel import MODES, REGISTERS

WIDTH, HEIGHT = 800, 600
"""The pyxel screen, in pixels."""

LAMP = 8
"""A lamp's side, in pixels."""
LAMP_PITCH = 12
REGISTER_X = 40
"""x of bit 0's lamp in the six register rows."""
REGISTER_Y = 24
ROW_PITCH = 14


def bit_x(bit: int) -> int:
    """x of bit ``bit`` (0 = the leftmost, IBM's high-order bit) of a 16-lamp row:
    the lamps are grouped by four, as on the panel."""
    return REGISTER_X + bit * LAMP_PITCH + (bit // 4) * 4


def register_y(row: int) -> int:
    return REGISTER_Y + row * ROW_PITCH


#: The smaller lamp groups right of the registers: (lamp key, label, bits, x, y).
GROUPS = (("op", "OP", 5, 300, REGISTER_Y), ("tag", "TAG", 2, 424, REGISTER_Y),
          ("ccc", "CYCLE CTR", 6, 300, REGISTER_Y + ROW_PITCH),
          ("levels", "INT LEVEL", 6, 300, REGISTER_Y + 2 * ROW_PITCH))
GROUP_LABEL_DX = -44

#: The single indicator lamps: (lamp key, label), laid out in three columns.
INDICATORS = (("carry", "CARRY"), ("overflow", "OVERFLOW"), ("wait", "WAIT"),
              ("run", "RUN"), ("kb_select", "K.B. SELECT"), ("power_on", "POWER ON"),
              ("disk_unlock", "DISK UNLOCK"), ("file_ready", "FILE READY"),
              ("forms_check", "FORMS CHECK"), ("parity_check", "PARITY CHECK"))
INDICATOR_X, INDICATOR_Y, INDICATOR_COLUMN, INDICATOR_ROW = 256, REGISTER_Y + 3 * ROW_PITCH, 72, ROW_PITCH


class Lamp(NamedTuple):
    """One lamp: ``key`` in ``ConsolePanel.lamps()``; ``bit`` the bit of a
    register or group (0 = leftmost; None for a single indicator); x, y its
    top-left corner."""
    key: str
    bit: int | None
    x: int
    y: int


def lamp_positions() -> list[Lamp]:
    """Every lamp of the display panel, registers first."""
    lamps = [Lamp(reg, bit, bit_x(bit), register_y(row))
             for row, reg in enumerate(REGISTERS) for bit in range(16)]
    for key, _label, bits, x, y in GROUPS:
        lamps += [Lamp(key, bit, x + bit * LAMP_PITCH, y) for bit in range(bits)]
    for i, (key, _label) in enumerate(INDICATORS):
        lamps.append(Lamp(key, None, INDICATOR_X + (i % 3) * INDICATOR_COLUMN,
                          INDICATOR_Y + (i // 3) * INDICATOR_ROW))
    return lamps


def lamp_lit(lamps: dict, lamp: Lamp) -> bool:
    """Whether ``lamp`` is lit in ``ConsolePanel.lamps()``'s dict ``lamps``."""
    value = lamps[lamp.key]
    if lamp.bit is None:
        return bool(value)
    if isinstance(value, list):                       # the interrupt levels 0-5
        return bool(value[lamp.bit])
    width = {"op": 5, "tag": 2, "ccc": 6}.get(lamp.key, 16)
    return bool((value >> (width - 1 - lamp.bit)) & 1)


class Control(NamedTuple):
    """A clickable thing: ``kind`` ``button`` (``arg`` the button name),
    ``mode`` (``arg`` the knob position), ``switch`` (``arg`` the entry
    switch bit, 0 = leftmost), ``function_key`` (``arg`` 0-31), or
    ``screen`` (the 2250's face, for the light pen)."""
    kind: str
    arg: object
    label: str
    x: int
    y: int
    w: int
    h: int

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.x + self.w and self.y <= py < self.y + self.h


MODE_Y = 134
MODE_X, MODE_W, MODE_PITCH = 40, 40, 44
SWITCH_Y, SWITCH_H = 164, 16
BUTTON_Y, BUTTON_H, BUTTON_W, BUTTON_PITCH = 198, 16, 70, 76
BUTTON_X = 8

#: The main buttons (row 1) and the others (row 2): (panel button or desktop verb, label).
BUTTONS = (("start", "START"), ("stop", "STOP"), ("imm_stop", "IMM STOP"),
           ("reset", "RESET"), ("load_iar", "LOAD IAR"), ("program_load", "PROG LOAD"))
MORE_BUTTONS = (("int_req", "INT REQ"), ("speed", "SPEED"), ("lamp_test", "LAMP TEST"),
                ("power", "POWER"), ("forth", "FORTH"))

STATUS_Y = 244
"""The status lines under the buttons."""

SCREEN = (490, 8, 300, 300)
"""The 2250's face: x, y, width, height (square: 1024 raster units a side)."""
FUNCTION_LAMP_Y, FUNCTION_LAMP_PITCH, FUNCTION_LAMP = 312, 9, 7

CONSOLE_PAPER = (8, 342, 484, 12)
"""The console printer's tail: x, y, width, lines."""
PRINTER_PAPER = (8, 436, 484, 22)
"""The 1132's tail: x, y, width, lines."""
LINE_PITCH = 7
LEGEND = (500, 342)


def controls(forth: bool = False) -> list[Control]:
    """Every clickable control; the FORTH key only when ``forth``."""
    out = [Control("mode", mode, mode, MODE_X + k * MODE_PITCH, MODE_Y, MODE_W, 12)
           for k, mode in enumerate(MODES)]
    out += [Control("switch", bit, str(bit), bit_x(bit), SWITCH_Y, LAMP, SWITCH_H) for bit in range(16)]
    out += [Control("button", name, label, BUTTON_X + k * BUTTON_PITCH, BUTTON_Y, BUTTON_W, BUTTON_H)
            for k, (name, label) in enumerate(BUTTONS)]
    out += [Control("button", name, label, BUTTON_X + k * BUTTON_PITCH, BUTTON_Y + BUTTON_H + 4,
                    BUTTON_W, BUTTON_H)
            for k, (name, label) in enumerate(MORE_BUTTONS) if forth or name != "forth"]
    sx, sy, sw, sh = SCREEN
    out.append(Control("screen", None, "2250", sx, sy, sw, sh))
    out += [Control("function_key", n, str(n), sx + 6 + n * FUNCTION_LAMP_PITCH, FUNCTION_LAMP_Y,
                    FUNCTION_LAMP, FUNCTION_LAMP) for n in range(32)]
    return out


def hit(controls_: list[Control], px: float, py: float) -> Control | None:
    """The control under the point (px, py), or None."""
    return next((c for c in controls_ if c.contains(px, py)), None)


def screen_to_raster(px: float, py: float) -> tuple[float, float] | None:
    """The 2250 raster point (0-1023, y up) under window pixel (px, py), or
    None off the screen's face."""
    sx, sy, sw, sh = SCREEN
    if not (sx <= px < sx + sw and sy <= py < sy + sh):
        return None
    return (px - sx) * 1024.0 / sw, (sy + sh - py) * 1024.0 / sh
