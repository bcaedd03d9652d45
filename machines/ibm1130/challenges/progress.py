"""Best scores kept locally: ``$XDG_DATA_HOME/retro1130/challenges.json``.

The command line keeps, per challenge id, whether it was solved and the
best of each score separately (instructions, microseconds, words; lower is
better), as puzzle games keep a best per metric.  The site keeps the same
record in the browser's localStorage.  A damaged file is set aside
(renamed ``.bad``) rather than stopping the command.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .checker import Result

METRICS = ("instructions", "microseconds", "words")


def store_path() -> Path:
    """Where the best scores live (``XDG_DATA_HOME`` or ``~/.local/share``)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "retro1130" / "challenges.json"


def load(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """The saved records: id -> {"solved": bool, metric: best}."""
    path = path or store_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        try:
            path.replace(path.with_suffix(".bad"))
        except OSError:
            pass
        return {}
    return data if isinstance(data, dict) else {}


def merge(records: dict[str, dict[str, Any]], result: Result) -> dict[str, Any] | None:
    """Fold a passing result into ``records``; returns the metrics it
    improved (``{metric: True}``), or None when the result did not pass."""
    if not result.ok or result.score is None:
        return None
    entry = records.setdefault(result.challenge, {"solved": True})
    entry["solved"] = True
    improved = {}
    for metric in METRICS:
        value = getattr(result.score, metric)
        old = entry.get(metric)
        if not isinstance(old, (int, float)) or value < old:
            entry[metric] = value
            improved[metric] = True
    return improved


def record(result: Result, path: Path | None = None) -> dict[str, Any] | None:
    """Merge ``result`` into the file and save it; returns what improved.
    Failing to write is not an error of the check (returns None)."""
    path = path or store_path()
    records = load(path)
    improved = merge(records, result)
    if improved is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(records, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return None
    return improved
