"""The challenge page's Python side, driven by web/js/challenge/worker.js.

Every function takes and returns JSON text, so the worker crosses the
JavaScript/Python boundary with plain strings.  A check runs one case per
call (``check_start`` then ``check_step`` until ``done``), so the worker's
event loop turns between cases and the page shows progress; a case itself
is bounded by the challenge's budget.

Replies are objects; a failure is ``{"error": message}`` (a damaged
challenge file names itself, line and column), never an exception.
"""

from __future__ import annotations

import json
from typing import Any

from .catalogue import catalogue
from .checker import Session
from .model import Challenge, ChallengeError, parse_challenge

_OPENED: dict[str, Challenge] = {}    # challenges opened from files or links, by id
_SESSION: Session | None = None


def _reply(body: Any) -> str:
    return json.dumps(body)


def _find(ident: str) -> Challenge:
    if ident in _OPENED:
        return _OPENED[ident]
    for challenge in catalogue():
        if challenge.id == ident:
            return challenge
    raise ChallengeError(f"{ident}: no such challenge")


def list_challenges() -> str:
    """``{"challenges": [summary...]}``: the bundled catalogue in order."""
    try:
        return _reply({"challenges": [c.summary() for c in catalogue()]})
    except ChallengeError as error:
        return _reply({"error": str(error)})


def get_challenge(ident: str) -> str:
    """``{"challenge": public fields}`` (statement, template, hints, visible cases)."""
    try:
        return _reply({"challenge": _find(ident).public()})
    except ChallengeError as error:
        return _reply({"error": str(error)})


def open_challenge(text: str, name: str) -> str:
    """Parse a challenge file's text (from a file picker or a link);
    ``{"challenge": public fields}`` or ``{"error": "NAME: ..."}``."""
    try:
        challenge = parse_challenge(text, name)
    except ChallengeError as error:
        return _reply({"error": str(error)})
    _OPENED[challenge.id] = challenge
    return _reply({"challenge": challenge.public()})


def check_start(ident: str, source: str, seed: int | None = None) -> str:
    """Begin checking ``source`` against challenge ``ident``:
    ``{"total": cases, "seed": n, "errors": [...]}`` (errors: the
    assembler's, with line and column; then the check is already over)."""
    global _SESSION
    if not isinstance(seed, int) or isinstance(seed, bool):
        seed = None                   # anything else (a JavaScript null) means a fresh seed
    try:
        _SESSION = Session(_find(ident), source, seed, filename="program.asm", lamps=True)
    except ChallengeError as error:
        _SESSION = None
        return _reply({"error": str(error)})
    result = _SESSION.result()
    return _reply({"total": _SESSION.total, "seed": _SESSION.seed, "errors": result.errors,
                   "warnings": result.warnings})


def check_step() -> str:
    """Run the next case: ``{"case": case result, "done": false}``; after the
    last one ``{"done": true, "result": Result.to_dict()}``, whose ``lamps``
    are the console lamps after the last visible case."""
    global _SESSION
    session = _SESSION
    if session is None:
        return _reply({"error": "no check in progress"})
    try:
        outcome = session.run_next()
    except ChallengeError as error:
        _SESSION = None
        return _reply({"error": str(error)})
    if outcome is not None and not session.finished:
        return _reply({"case": outcome.to_dict(), "done": False})
    result = session.result().to_dict()
    lamps = None
    for case in reversed(result["cases"]):
        if case["lamps"] is not None:
            lamps = case["lamps"]
            break
    result["lamps"] = lamps
    _SESSION = None
    return _reply({"case": outcome.to_dict() if outcome else None, "done": True, "result": result})
