"""Test hooks: messages that misbehave on purpose, so the Chromium tests
can show the page survives a Python error (``fault``) and a call that does
not return (``stall``: IMM STOP must still get through, by the worker's
interrupt buffer)."""

from __future__ import annotations

import time

MAX_STALL_SECONDS = 30.0


def fault(msg: dict) -> dict:
    """Fail like a bug would (the page must show it and live on)."""
    raise RuntimeError("injected fault (test hook)")


def stall(msg: dict) -> dict:
    """Spin for ``seconds`` (default 5, at most :data:`MAX_STALL_SECONDS`)
    without returning; ``spins`` counts the turns of the loop."""
    seconds = msg.get("seconds", 5)
    end = time.monotonic() + seconds
    spins = 0
    while time.monotonic() < end:
        spins += 1
    return {"spins": spins}
