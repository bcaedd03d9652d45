"""Benchmark: typing in the 1130 page's assembler editor with a long source.

Prints, for sources of 1,000 and 10,000 lines, the time from each key's
keydown to the end of the next frame it paints (the page's key and input
handlers, the editor's update, style, layout and paint), median and worst
of 40 keys typed at the end and in the middle of the source, into the
editor users type into (CodeMirror, web/js/ibm1130/editor.js); then the
same keys in a bare textarea with the same text, for comparison.  Run
after `python build.py`:

    .venv/bin/python tests/browser/bench_editor.py

Issue 12 asks for under 30 ms per key at 10,000 lines.
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import build  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

# Each key: keydown -> its handlers -> the next animation frame -> a task
# after it (the frame is painted by then).  The page's script for a key:
# keydown (first listener) to the end of the last keydown or input listener
# and the microtasks before it (the editor's update runs in them).
INSTRUMENT = """() => {
  window.keyTimes = [];
  window.handlerTimes = [];
  let t0 = 0, end = 0;
  const mark = () => queueMicrotask(() => { end = performance.now(); });
  document.addEventListener('keydown', () => {
    t0 = end = performance.now();
    const start = t0;
    requestAnimationFrame(() => {
      window.handlerTimes.push(end - start);
      setTimeout(() => window.keyTimes.push(performance.now() - start), 0);
    });
  }, true);
  window.addEventListener('keydown', mark);
  window.addEventListener('input', mark);
}"""


def source(lines: int) -> str:
    body = ["                    * A LONG PROGRAM", "                          ABS"]
    for i in range(lines - 3):
        body.append(f"                    L{i % 9999:04d} LD   L  V{i % 997:03d}   LINE {i}")
    body.append("                          END")
    return "\n".join(body)


def type_keys(page, where: str, keys: int = 40) -> list[float]:
    """Type KEYS keys (A, and Enter every 8th) at WHERE; return the
    key-to-paint times and the keys' task times (ms).  Checks that each
    key reached the source."""
    before = page.evaluate("""(where) => {
      const ta = document.querySelector('#source');
      const pos = where === 'end' ? ta.value.length : ta.value.indexOf('\\n', ta.value.length >> 1);
      (document.querySelector('#editor .cm-content') || ta).focus();
      ta.setSelectionRange(pos, pos); window.keyTimes = []; window.handlerTimes = [];
      return ta.value.length;
    }""", where)
    for i in range(keys):
        page.keyboard.press("A" if i % 8 else "Enter")
        page.wait_for_function(f"window.keyTimes.length >= {i + 1}")
    after = page.evaluate("document.querySelector('#source').value.length")
    if after != before + keys:
        raise SystemExit(f"bench_editor: {keys} keys typed, the source grew by {after - before} characters")
    return page.evaluate("window.keyTimes"), page.evaluate("window.handlerTimes")


def main() -> int:
    import playwright.sync_api as playwright
    server = build.make_server(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/ibm1130.html?fresh=1"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(url)
        page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)", timeout=90000)
        page.evaluate(INSTRUMENT)
        print("editor typing, keydown to the painted frame (ms)")
        medians = {}
        for lines in (1000, 10000):
            page.evaluate("""(text) => {
              const ta = document.querySelector('#source');
              ta.value = text; ta.dispatchEvent(new Event('input'));
            }""", source(lines))
            for where in ("end", "middle"):
                times, handlers = type_keys(page, where)
                medians[lines, where] = statistics.median(times)
                print(f"  {lines:>6} lines, typing at the {where:<6}: median {statistics.median(times):6.1f}"
                      f"  worst {max(times):6.1f}  (the page's script: median"
                      f" {statistics.median(handlers):5.2f}, worst {max(handlers):5.2f}; {len(times)} keys)")
        # The floor: a bare textarea with the same text, font and size.
        page.set_content('<div style="display:flex;height:420px"><textarea id="source" wrap="off" '
                         'spellcheck="false" style="flex:1;font:14px/20px monospace;white-space:pre">'
                         '</textarea></div>')
        page.evaluate(INSTRUMENT)
        page.evaluate("(t) => { document.querySelector('#source').value = t; }", source(10000))
        for where in ("end", "middle"):
            times, _ = type_keys(page, where)
            print(f"  a bare textarea, 10000 lines, at the {where:<6}: median {statistics.median(times):6.1f}"
                  f"  worst {max(times):6.1f}  (the editor's median: "
                  f"{medians[10000, where] / statistics.median(times):.2f} of it)")
        browser.close()
    server.shutdown()
    print(f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
