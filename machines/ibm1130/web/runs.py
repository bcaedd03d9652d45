"""Scripted runs: the contract's ``{cmd: "run", max_instructions, dump}``.

A script's run may be long (DMS jobs take hundreds of millions of
instructions), so it is answered in slices: :meth:`ScriptedRun.begin`
checks the message and starts, :meth:`ScriptedRun.advance` runs one chunk
and returns None while the run goes on, then the reply: the fields of
``run --json`` (``Ibm1130.report``).  IMM STOP between two chunks ends it
with ``stop: "stopped"`` (:meth:`ScriptedRun.abort`).
"""

from __future__ import annotations

from typing import Any, Callable

from .messages import MEMORY_WORDS, BridgeError, integer

#: A run message without ``max_instructions`` stops after this many.
DEFAULT_LIMIT = 100_000_000
MAX_LIMIT = 10**12               # the largest max_instructions a run message may give
#: The stops the panel remembers as the reason it stopped.
PANEL_STOPS = ("wait", "invalid", "breakpoint", "stopped")


class ScriptedRun:
    """The ``run`` message in progress, if any, on the ``room``'s machine.
    ``stopped(stop)`` is told how every run ended (the debugger clears its
    run-to address there); ``chunk()`` gives the instructions of a slice
    when :meth:`advance` is not given one (``Pacing.run_timer``)."""

    def __init__(self, room, stopped: Callable[[str], None], chunk: Callable[[], int]) -> None:
        self.room = room
        self.stopped = stopped
        self.chunk = chunk
        self._job: dict[str, Any] | None = None

    @property
    def active(self) -> bool:
        """A run message is waiting for its reply."""
        return self._job is not None

    def cancel(self) -> None:
        """Forget the run in progress without a reply (a new program, a reset)."""
        self._job = None

    def begin(self, msg: dict) -> dict | None:
        """Start ``msg`` (checked by ``schemas.check``: ``max_instructions``
        0 to :data:`MAX_LIMIT`, ``dump`` a list of ``[address, length]``):
        None when it started, else the error reply (a bad dump pair, POWER
        off)."""
        limit = msg.get("max_instructions", DEFAULT_LIMIT)
        try:
            dumps = []
            for item in msg.get("dump") or []:
                if not isinstance(item, (list, tuple)) or len(item) != 2:
                    raise BridgeError(f"dump entries are [address, length], not {item!r}")
                dumps.append((integer({"a": item[0]}, "a", high=MEMORY_WORDS - 1),
                              integer({"n": item[1]}, "n", low=1, high=MEMORY_WORDS)))
        except BridgeError as error:
            return {"ok": False, "error": str(error)}
        panel = self.room.panel
        if not panel.powered:
            return {"ok": False, "error": "POWER is off"}
        self.room.system.program_start()
        panel.running = False
        self._job = {"left": limit, "dumps": dumps}
        return None

    def advance(self, budget: int | None = None) -> dict | None:
        """Run at most ``budget`` instructions (default ``chunk()``) of the
        run in progress: None while it goes on, else its reply."""
        job = self._job
        if job is None:
            return {"ok": False, "error": "no run in progress"}
        chunk = max(1, min(int(self.chunk() if budget is None else budget), job["left"]))
        stop = self.room.system.run(chunk) if job["left"] > 0 else "limit"
        job["left"] -= chunk if stop == "limit" else 0
        if stop == "limit" and job["left"] > 0:
            return None
        return self._finish(stop)

    def abort(self) -> dict | None:
        """IMM STOP: the run's reply with ``stop: "stopped"``, or None when
        no run is in progress."""
        return self._finish("stopped") if self._job is not None else None

    def _finish(self, stop: str) -> dict:
        job, self._job = self._job, None
        if stop in PANEL_STOPS:
            self.room.panel.stop_reason = stop
        self.stopped(stop)
        result = self.room.machine.report(job["dumps"], stop=stop)
        result["ok"] = True
        return result
