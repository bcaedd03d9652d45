"""Benchmark: the canvas renderer's time per frame in Chromium.

``python tests/browser/bench_renderer.py [--frames N] [--repeats R] [GAME ...]``
serves dist/ on 127.0.0.1, opens the arcade page in Debian's Chromium (the
same flags as the browser tests: headless, software canvas) and asks the
worker to draw each game's busiest scene (its ``bench_scene``) ``N`` times,
``R`` times over, forcing the canvas to finish each frame.  It prints the
median and best milliseconds per frame against the 4 ms budget; it never
fails on a slow or busy machine, it only reports.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build  # noqa: E402
from conftest import CHROMIUM, FLAGS  # noqa: E402

BUDGET_MS = 4.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("games", nargs="*", default=["asteroids", "lunar_lander", "pong"])
    p.add_argument("--frames", type=int, default=120)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args(argv)
    from playwright.sync_api import sync_playwright
    server = build.make_server(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1000, "height": 800}, device_scale_factor=1)
        for name in args.games:
            page.goto(f"{site}arcade.html?game={name}&paused=1&seed=1")
            page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)",
                                   timeout=60000)
            runs = [page.evaluate(f"window.retro.send({{cmd: 'bench', frames: {args.frames}}})")
                    for _ in range(args.repeats)]
            r = runs[0]
            median = sorted(x["median_ms"] for x in runs)[len(runs) // 2]
            best = min(x["best_ms"] for x in runs)
            print(f"{name:13s} {r['segments']:5d} segments {r['width']}x{r['height']}  "
                  f"median {median:6.2f} ms/frame  best {best:6.2f} ms/frame  "
                  f"(budget {BUDGET_MS:.0f} ms: {median / BUDGET_MS:.2f}x)")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
