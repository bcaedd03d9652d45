"""End-to-end fixtures: dist/ served on 127.0.0.1 and Debian's Chromium
driven by Python playwright (../shared/reference/web.md 3.4).  The site
must be built first (`python build.py`; `make test` does it)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# build.py is not in the wheel.  Appended, not inserted: the Pyodide test
# run collects this file too, and the repository first on sys.path made it
# import ``games`` from the mounted sources instead of the wheel under test.
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))
import build  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# Chromium as a user runs it (the benchmarks measure with these).
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The tests add --liftoff-only: V8 compiles WebAssembly with its baseline compiler only.
# Every test boots Pyodide in a fresh page, and the optimising compiler's
# work on the 9.6 MB runtime cost more than it saved: about a second of CPU a
# boot, 36% of the arcade tests' CPU time, and no slower on the longest runs
# (FORTH, DMS) measured on two loaded cores.  What the page does is the same.
# (not for the benchmarks: it would flatter start-up and slow long runs).
FLAGS = BROWSER_FLAGS + ["--js-flags=--liftoff-only"]


def pytest_collection_modifyitems(items):
    for item in items:
        if str(item.fspath).startswith(str(Path(__file__).parent)):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site():
    if not (build.DIST / "pyodide" / "pyodide-lock.json").exists():
        pytest.fail("dist/ is not built: run `python build.py` (make test does)")
    server = build.make_server(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    import playwright.sync_api as playwright    # the dev extra: missing is an error, not a skip
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test does)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 800}, device_scale_factor=1)
    pg = context.new_page()
    pg.console_errors = []
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


def boot(page, site, query="", timeout=60000):
    """Open the arcade and wait until Python is ready (or failed)."""
    page.goto(site + "arcade.html" + query)
    page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)", timeout=timeout)
    assert page.evaluate("window.retro.error") is None, page.evaluate("window.retro.error")
    return page


# The arcade page's test hooks (window.retro), shared by the arcade tests.
def step(page, frames):
    """Advance the paused game ``frames`` ticks."""
    return page.evaluate(f"window.retro.step({frames})")


def hold(page, keys, frames):
    """Hold ``keys`` (one key name, or several held together) down for
    exactly ``frames`` ticks of the paused game."""
    keys = [keys] if isinstance(keys, str) else list(keys)
    for k in keys:
        page.keyboard.down(k)
    step(page, frames)
    for k in keys:
        page.keyboard.up(k)


def animation_frames(page, count):
    """Wait until ``count`` animation frames of the page have passed: the
    page reads the mouse, touch and gamepads and sends what they did once a
    frame, so after two frames what was done before is with the worker,
    however loaded the machine (a fixed wait in milliseconds is not)."""
    page.evaluate("""(n) => new Promise((done) => {
        const next = (left) => (left ? requestAnimationFrame(() => next(left - 1)) : done());
        next(n);
    })""", count)


def state(page):
    return page.evaluate("window.retro.state()")


def pixels(page, region=None):
    return page.evaluate("(r) => window.retro.pixels(r)", region)
