"""The 1130 page's 2250 & plotter tab in Chromium: the 2250's picture is lit
where the program draws and dark elsewhere, the light pen (the mouse) is
seen by the program, and the plotter's paper fills as a program plots.

The 2250 programs are the examples chess2250.asm (the board: its grid is
lit, the screen off the board dark) and menu2250.asm (pointing at an item
makes the program type its name and light its lamp); the plotter program
steps a three-sided square."""

from __future__ import annotations

import sys
from pathlib import Path

from machines.ibm1130.devices.plotter1627 import CARRIAGE_PLUS_Y, DRUM_MINUS_X, DRUM_PLUS_X, PEN_DOWN, PEN_UP

from conftest import ROOT
from test_ibm1130 import boot1130, send, shot

sys.path.insert(0, str(ROOT / "tests"))
from test_plotter1627 import plot_program  # noqa: E402

EXAMPLES = ROOT / "web" / "examples"

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
    the_2250_shows_the_chessboard(page)
    a_light_pen_click_on_the_menu_is_seen_by_the_program(page)
    the_plotter_paper_fills_and_offers_the_svg(page)
    without_paper_the_plotter_program_waits(page)
    assert page.console_errors == []


def run_example(page, name):
    send(page, {"cmd": "button", "name": "imm_stop"})
    assert send(page, {"cmd": "load", "source": (EXAMPLES / name).read_text()})["ok"]
    send(page, {"cmd": "button", "name": "start"})


def poll(predicate, page, tries=100):
    for _ in range(tries):
        if predicate():
            return True
        page.wait_for_timeout(100)
    return False


def the_2250_shows_the_chessboard(page):
    run_example(page, "chess2250.asm")
    page.click("#tab-graphics")
    page.locator("#gdu-screen").scroll_into_view_if_needed()
    page.wait_for_function("window.retro.display2250.frames > 0", timeout=10000)
    assert poll(lambda: lit_near(page, 512, 150, 6) > 10, page)
    page.wait_for_timeout(300)                        # a few animation frames on the tube
    shot(page, "ibm1130-2250.png", "#pane-graphics")
    for i in range(9):                                # the board's 8 x 8 grid of 80-unit squares
        assert lit_near(page, 192 + 80 * i, 470, 4) > 4, i
        assert lit_near(page, 512 + 40, 150 + 80 * i, 4) > 4, i
    assert lit_near(page, 60, 60, 40) == 0 and lit_near(page, 960, 960, 40) == 0   # off the board


def a_light_pen_click_on_the_menu_is_seen_by_the_program(page):
    run_example(page, "menu2250.asm")
    console = lambda: send(page, {"cmd": "printer_text"})["console_printer"]
    before = console()
    assert poll(lambda: lit_near(page, 70, 540, 12) > 4, page)          # SQUARE's box is on the screen
    x, y = page.evaluate(TO_CLIENT, [70, 540])        # the left side of SQUARE's box
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.up()
    assert poll(lambda: console() == before + "SQUARE\n", page), console()   # the program typed it
    page.wait_for_function("document.querySelectorAll('#gdu-keys .gdu-key')[1].classList.contains('on')")
    assert not page.evaluate("document.querySelectorAll('#gdu-keys .gdu-key')[0].classList.contains('on')")
    page.mouse.move(5, 5)                              # the pen away from the screen
    page.wait_for_timeout(300)
    shot(page, "ibm1130-2250-menu.png", "#pane-graphics")
    assert console() == before + "SQUARE\n"          # pointing once selects once
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
    assert plotter_ink(page) > 3 * 300 * 0.4           # three 3-inch sides at 0.4 pixel a step


def plotter_ink(page):
    """Pixels of the plotter's canvas inked: a neutral grey to black (the
    bed and the empty sheet's outline are bluish greys, the pen red)."""
    return page.evaluate("""() => { const c = document.querySelector('#plotter-paper');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          const r = d[i], g = d[i + 1], b = d[i + 2];
          if (r < 160 && Math.abs(r - g) <= 3 && Math.abs(r - b) <= 3) n++;
        }
        return n; }""")


def without_paper_the_plotter_program_waits(page):
    page.click("#plotter-paper-out")
    page.wait_for_function("window.retro.plotter1627.paper === false")
    assert page.inner_text("#plotter-paper-out") == "Put paper in"
    assert page.inner_text("#plotter-status").startswith("No paper: the 1627 reads not ready")
    drawn = page.evaluate("window.retro.plotter1627.paths")
    assert send(page, {"cmd": "load", "source": plot_program([PEN_DOWN] + [DRUM_PLUS_X] * 50)})["ok"]
    send(page, {"cmd": "button", "name": "start"})
    page.wait_for_function("window.retro.snapshot && !window.retro.snapshot.lamps.run", timeout=20000)
    page.wait_for_timeout(200)
    shot(page, "ibm1130-plotter-no-paper.png", "#pane-graphics")
    # The write was ignored: nothing new on the sheet, the program waits;
    # the sheet out is not drawn on the bed.
    assert page.evaluate("window.retro.plotter1627.paths") == drawn
    assert plotter_ink(page) < 20                      # a few edge pixels of the pen ring at most
    page.click("#plotter-paper-out")
    page.wait_for_function("window.retro.plotter1627.paper === true")
    assert page.inner_text("#plotter-paper-out") == "Take paper out"
    assert plotter_ink(page) > 3 * 300 * 0.4           # the sheet is back with its square
