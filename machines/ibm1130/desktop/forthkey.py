"""The window's FORTH key: Moore's FORTH (1968) ready at the console keyboard.

``forth.prepare`` runs (or finds cached) the three DMS jobs that build the
FORTH cartridges, and ``forth.start`` mounts them and cold-starts ``// XEQ
FORTX`` until FORTH waits at the keyboard (machines/ibm1130/forth.py).
Both are long, whole runs (tens of millions of instructions the first
time), so they run on a worker thread while the window keeps drawing: the
CPU is held (``DesktopModel.busy``), the progress shows in the status
line, and the machine is handed back, waiting for a key, when FORTH is up.
Desktop only (a thread; the page slices the same work per frame).
"""

from __future__ import annotations

import threading
from typing import Any

from .. import forth


class ForthPreset:
    """The FORTH key of one window: calling it with the model begins the
    job (a second press while it runs only says so).  ``source_dir`` and
    ``cache_dir`` go to ``forth.prepare`` (None: its defaults, the
    material in ../shared/data and ``~/.cache/retro1130``)."""

    def __init__(self, source_dir: str | None = None, cache_dir: str | None = None) -> None:
        self.source_dir, self.cache_dir = source_dir, cache_dir
        self.thread: threading.Thread | None = None

    def __call__(self, model: Any) -> None:
        if self.thread is not None and self.thread.is_alive():
            model.message = "FORTH: still preparing"
            return
        model.panel.imm_stop()
        model.busy = "FORTH: preparing"

        def progress(fraction: float, stage: str) -> None:
            model.busy = f"FORTH: {stage} {fraction:.0%}"

        def work() -> None:
            try:
                drive0, drive1 = forth.prepare(self.source_dir, self.cache_dir, progress)
                model.busy = "FORTH: starting"
                forth.start(model.machine, drive0, drive1, progress=progress)
            except (forth.ForthError, ValueError, OSError) as error:
                model.message = f"FORTH: {error}".split("\n")[0]
            else:
                model.message = "FORTH waits at the console keyboard: type (Enter = EOF)"
            finally:
                model.busy = None

        self.thread = threading.Thread(target=work, name="forth", daemon=True)
        self.thread.start()
