"""The FORTH cartridge pair for the tests, prepared once per test process.

``forth.prepare`` runs the three DMS jobs (about 66 million instructions)
into a fresh temporary cache, never the user's, so every test session
really runs them once; the native test of the whole sequence and the
Chromium test share the result."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"
README = DATA / "forth68" / "README.md"
STATE_ARTIFACT = REPO / "tests" / "artifacts" / "forth68-at-keyboard.json"


@functools.lru_cache(maxsize=1)
def prepared() -> tuple[Path, bytes, bytes]:
    """``(cache_dir, drive0, drive1)`` after ``forth.prepare``."""
    from machines.ibm1130 import forth

    cache = Path(tempfile.mkdtemp(prefix="retro1130-forth-test-"))
    drive0, drive1 = forth.prepare(DATA, cache)
    return cache, drive0, drive1


def readme_session() -> tuple[str, str]:
    """The README's phrase (what is typed) and its transcript (what the
    console printer shows): the two code blocks after "Then type"."""
    text = README.read_text()
    blocks = text[text.index("Then type"):].split("```")
    return blocks[1].strip("\n"), blocks[3].strip("\n")


@functools.lru_cache(maxsize=1)
def page_state() -> str:
    """The page's saved state (``save_state`` text, cartridges included)
    of a bridge whose ``forth_step`` messages ran job 4 on the prepared
    pair: what the page keeps in IndexedDB after preparing FORTH.

    Natively it is always made afresh and written to :data:`STATE_ARTIFACT`
    with the material's key; inside Pyodide (where the three jobs take
    minutes) that file is read when its key matches the material, which
    ``make test`` ensures by running the native tests first."""
    import json
    import sys

    from machines.ibm1130 import forth

    key = forth.read_material(DATA).key()
    if sys.platform == "emscripten" and STATE_ARTIFACT.exists():
        saved = json.loads(STATE_ARTIFACT.read_text())
        if saved.get("key") == key:
            return saved["state"]
    state = _page_state()
    STATE_ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: make test's Chromium lane writes the same
    # file while the other lane's Pyodide run may be reading it.
    partial = STATE_ARTIFACT.with_name(f"{STATE_ARTIFACT.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps({"key": key, "state": state}))
    os.replace(partial, STATE_ARTIFACT)
    return state


def _page_state() -> str:
    import json

    from machines.ibm1130.forth import Preparation
    from machines.ibm1130.web.bridge import Bridge

    _, drive0, drive1 = prepared()
    bridge = Bridge()
    machine = bridge.room.machine
    machine.mount(drive0, 0, name="forth68-drive0.dsk")
    machine.mount(drive1, 1, name="forth68-drive1.dsk")
    bridge.forth.preparation = Preparation(machine=machine)      # job 4 only: the jobs ran in prepared()
    while True:
        reply = json.loads(bridge.handle(json.dumps({"cmd": "forth_step", "budget": 5_000_000})))
        assert reply["ok"], reply
        if reply["done"]:
            break
    return json.loads(bridge.handle(json.dumps({"cmd": "save_state", "include_disk": True})))["state"]
