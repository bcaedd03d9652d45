"""Moore's FORTH (1968) on the 1130 page: the button brings the prepared
machine back from this browser's IndexedDB (as the page keeps it after
preparing it once: tests/forth_pair.page_state runs the same forth_step
messages natively; preparing in the browser takes minutes), FORTH has typed
HI THERE, and a phrase typed in the FORTH field is answered."""

from __future__ import annotations

import sys
import threading

import pytest
from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "tests"))
from forth_pair import page_state  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts"
DATA = ROOT.parent / "shared" / "data"
PAPER = "document.querySelector('#console-text').textContent"

SEED = """([state, key]) => new Promise((resolve, reject) => {
  const open = indexedDB.open("retro1130-forth", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("prepared");
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction("prepared", "readwrite");
    tx.objectStore("prepared").put(state, key);
    tx.oncomplete = () => { open.result.close(); resolve(true); };
    tx.onerror = () => reject(tx.error);
  };
})"""


def test_forth_button_reaches_hi_there_and_answers_a_typed_phrase(page, site):
    state = page_state()
    page.goto(site + "ibm1130.html")
    page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)", timeout=60000)
    assert page.evaluate("window.retro.error") is None
    page.evaluate(SEED, [state, "forth68-v1"])
    page.select_option("#speed", "max")
    page.click("#forth-start")
    page.wait_for_function("!document.querySelector('#forth-guide').hidden", timeout=30000)
    page.wait_for_function(f"{PAPER}.includes('HI THERE')", timeout=10000)
    page.fill("#forth-keys", "'HELLO' REPLY")
    page.press("#forth-keys", "Enter")
    page.wait_for_function(f"{PAPER}.includes(\"'HELLO' REPLY\\nHELLO\")", timeout=20000)
    page.fill("#forth-keys", "2 3 + 100 * 24 + ALPHA 1 + = 1 ALPHA = REPLY")
    page.press("#forth-keys", "Enter")
    page.wait_for_function(f"{PAPER}.includes('= REPLY\\n5')", timeout=20000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(".typewriter").screenshot(path=str(ARTIFACTS / "ibm1130-forth.png"))
    page.click("#tab-cards")                       # both cartridges show in the card room
    assert page.locator("#disk-name").text_content().startswith("forth68-drive0.dsk")
    assert "forth68-drive1.dsk" in page.locator("#forth-drive1").text_content()
    page.locator("#disk-2310").screenshot(path=str(ARTIFACTS / "ibm1130-forth-drives.png"))
    assert page.console_errors == []


@pytest.fixture
def site_with_data():
    """The site with ../shared/data served under /data/ (never copied)."""
    if not (DATA / "ibm1130" / "forth68").is_dir():
        pytest.skip(f"IBM 1130 FORTH material not found at {DATA}")
    server = build.make_server(0, data_dir=DATA)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_first_time_the_button_fetches_the_material_and_runs_the_jobs_with_a_progress_bar(page, site_with_data):
    # The whole preparation takes minutes here (106 s measured); this
    # follows it into the first job and stops looking.
    page.goto(site_with_data + "ibm1130.html")
    page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)", timeout=60000)
    page.click("#forth-start")
    page.wait_for_function("document.querySelector('#forth-status').textContent.startsWith('defining the fixed area')"
                           " && document.querySelector('#forth-progress').value > 0", timeout=30000)
    assert page.locator("#forth-progress").is_visible() and page.locator("#forth-start").is_disabled()
    assert page.evaluate("window.retro.notices.filter((n) => /FORTH/.test(JSON.stringify(n)))") == []
    assert page.console_errors == []
