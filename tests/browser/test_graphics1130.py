"""The 1130 page's 2250 & plotter tab in Chromium: the 2250's picture is lit
where the program draws and dark elsewhere, the light pen (the mouse) is
seen by the program, and the plotter's paper fills as a program plots.

The 2250 program is the SIMH kit's gdu.asm (three triangles; a light-pen
detect on one moves it up 10 raster units), assembled at /100 as the DMS
loader would place it; the plotter program steps a three-sided square."""

from __future__ import annotations

import sys
from pathlib import Path

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.devices.plotter1627 import CARRIAGE_PLUS_Y, DRUM_MINUS_X, DRUM_PLUS_X, PEN_DOWN, PEN_UP

from conftest import ROOT
from test_ibm1130 import boot1130, send, shot

sys.path.insert(0, str(ROOT / "tests"))
from test_plotter1627 import plot_program  # noqa: E402

KIT_GDU = ROOT.parent / "shared" / "data" / "ibm1130" / "kit" / "gdu.asm"
GDU = "                          ABS\n                          ORG     /100\n" + KIT_GDU.read_text()
TRIANGLES = [(100, 100), (700, 300), (453, 872)]     # gdu.asm's MBA positions; each 30 wide, 30 high

TO_CLIENT = """([x, y]) => {
  const pane = window.retro.display2250, c = pane.canvas, r = c.getBoundingClientRect();
  const vp = pane.renderer.viewport, k = r.width / c.width;
  return [r.left + (vp.x + x / 1024 * vp.w) * k, r.top + (vp.y + (1 - y / 1024) * vp.h) * k];
}"""
TO_CANVAS = """([x, y]) => {
  const vp = window.retro.display2250.renderer.viewport;
  return [vp.x + x / 1024 * vp.w, vp.y + (1 - y / 1024) * vp.h];
}"""


def lit_near(page, x, y, half=24):
    cx, cy = page.evaluate(TO_CANVAS, [x, y])
    region = {"x": cx - half, "y": cy - half, "w": 2 * half, "h": 2 * half}
    return page.evaluate("(r) => window.retro.display2250.pixels(r).lit", region)


def test_the_2250_and_the_plotter_on_the_page(page, site):
    """One page load (booting Pyodide is most of a browser test's time)."""
    boot1130(page, site, "?fresh=1")
    the_2250_shows_the_program_s_picture_and_lamps(page)
    a_light_pen_click_on_a_triangle_is_seen_by_the_program(page)
    the_plotter_paper_fills_and_offers_the_svg(page)
    assert page.console_errors == []


def start_gdu(page):
    assert send(page, {"cmd": "load", "source": GDU})["ok"]
    send(page, {"cmd": "button", "name": "start"})
    page.click("#tab-graphics")
    page.locator("#gdu-screen").scroll_into_view_if_needed()
    page.wait_for_function("window.retro.display2250.frames > 0", timeout=10000)


def the_2250_shows_the_program_s_picture_and_lamps(page):
    start_gdu(page)
    page.wait_for_timeout(400)                        # a few animation frames on the tube
    shot(page, "ibm1130-2250.png", "#pane-graphics")
    for x, y in TRIANGLES:
        assert lit_near(page, x + 15, y + 10) > 20, (x, y)
    assert lit_near(page, 900, 600, 40) == 0 and lit_near(page, 300, 600, 40) == 0
    # gdu.asm lights the lamps /1234 /C002: lamp 3 on, lamp 0 off.
    lamps = page.evaluate("[...document.querySelectorAll('#gdu-keys .gdu-key')].map(k => k.classList.contains('on'))")
    word = int("".join("1" if on else "0" for on in lamps), 2)
    assert word == 0x1234C002


def a_light_pen_click_on_a_triangle_is_seen_by_the_program(page):
    bpos = assemble(GDU, "gdu.asm").symbols["BPOS"].value
    y_word = lambda: send(page, {"cmd": "memory", "address": bpos + 1, "count": 1})["rows"][0]["words"][0]
    assert y_word() == 872
    x, y = page.evaluate(TO_CLIENT, [453 + 15, 872])      # the middle of the third triangle's base
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.up()
    for _ in range(100):                               # the program sees the detect within frames
        if y_word() != 872:
            break
        page.wait_for_timeout(100)
    assert y_word() in range(882, 1024, 10)            # the program moved it up by its 10-unit steps
    page.mouse.move(5, 5)                              # the pen away: nothing more is detected
    page.wait_for_timeout(300)
    settled = y_word()
    page.wait_for_timeout(300)
    assert y_word() == settled
    assert lit_near(page, 453 + 15, settled + 10) > 20  # drawn where the program put it now
    send(page, {"cmd": "button", "name": "imm_stop"})


def the_plotter_paper_fills_and_offers_the_svg(page):
    square = [PEN_DOWN] + [DRUM_PLUS_X] * 300 + [CARRIAGE_PLUS_Y] * 300 + [DRUM_MINUS_X] * 300 + [PEN_UP]
    assert send(page, {"cmd": "load", "source": plot_program(square)})["ok"]
    send(page, {"cmd": "speed", "real": False})
    send(page, {"cmd": "button", "name": "start"})
    page.wait_for_function("window.retro.plotter1627.paths.length === 1 && "
                           "window.retro.snapshot && !window.retro.snapshot.lamps.run", timeout=20000)
    page.wait_for_timeout(200)
    shot(page, "ibm1130-plotter.png", "#pane-graphics")
    assert page.evaluate("window.retro.plotter1627.paths") == [[1099, 0, 1099, 300, 799, 300, 799, 0]]
    with page.expect_download() as info:
        page.click("#plotter-download")
    text = Path(info.value.path()).read_text()
    assert text.startswith("<?xml") and 'viewBox="0 0 1100 400"' in text     # X reached 300: 4 inches
    assert text.count("<path ") == 1 and '<path d="M1099 400 L1099 100 L799 100 L799 400"/>' in text
    ink = page.evaluate("""() => { const c = document.querySelector('#plotter-paper');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 160 && d[i + 1] < 160) n++; return n; }""")
    assert ink > 3 * 300 * 0.4                         # three 3-inch sides at 0.4 pixel a step
