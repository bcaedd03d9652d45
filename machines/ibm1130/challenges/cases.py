"""Test cases made concrete: a challenge's fixed cases and generated ones.

:func:`build_cases` turns a :class:`~.model.Challenge`'s ``[[case]]`` and
``[[generate]]`` tables into :class:`Case` objects with plain values:
core words to store before the run, console switches, card texts for the
1442 hopper, and the expected words, registers, indicators and printed
text.  Generated cases draw from ``random.Random`` seeded with the check's
seed and the generator's position, so a seed reproduces them exactly on
CPython and in Pyodide.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from . import expressions
from .model import REGISTERS, TEXT_OUTPUTS, CaseSpec, Challenge, ChallengeError

MAX_CARDS = 100


@dataclass
class Case:
    """One concrete test case.

    ``number`` counts from 1 over all cases of a check (fixed ones first);
    ``inputs`` maps symbol -> words stored from its address before the run;
    ``switches`` the console entry switches (or None); ``cards`` card texts
    (029 code, one per card) for the 1442 hopper; ``expect`` maps symbol ->
    words, a register name -> word (``CARRY``/``OVERFLOW`` -> bool), or
    ``CONSOLE``/``PRINTER`` -> text."""

    number: int
    name: str
    hidden: bool
    generated: bool
    inputs: dict[str, list[int]] = field(default_factory=dict)
    switches: int | None = None
    cards: list[str] = field(default_factory=list)
    expect: dict[str, Any] = field(default_factory=dict)


def build_cases(challenge: Challenge, seed: int) -> list[Case]:
    """Every case of a check: the fixed cases in file order, then each
    generator's ``count`` cases.  Raises ChallengeError (naming the file
    and the case) when an expression fails or a value does not fit."""
    out: list[Case] = []
    for spec in challenge.cases:
        out.append(_make(challenge, spec, len(out) + 1, spec.name, None))
    for index, spec in enumerate(challenge.generators, 1):
        rng = random.Random(seed * 1009 + index)
        for k in range(1, spec.count + 1):
            out.append(_make(challenge, spec, len(out) + 1, f"{spec.name} #{k}", rng))
    return out


def _make(challenge: Challenge, spec: CaseSpec, number: int, name: str, rng: random.Random | None) -> Case:
    where = f"{challenge.source}: {'[[generate]]' if spec.generated else '[[case]]'} {spec.name!r}"
    variables: dict[str, Any] = {}

    def value(item: str, raw: Any) -> Any:
        if isinstance(raw, str):
            try:
                return expressions.evaluate(raw, variables, rng)
            except expressions.ExpressionError as error:
                raise ChallengeError(f"{where}: {item}: {error}") from None
        return raw

    for item, raw in spec.vars.items():
        variables[item] = value(item, raw)
    case = Case(number=number, name=name, hidden=spec.hidden, generated=spec.generated)
    for item, raw in spec.set.items():
        v = value(item, raw)
        if item == "SWITCHES":
            case.switches = _word(v, f"{where}: set SWITCHES")
        elif item == "CARDS":
            case.cards = _cards(v, f"{where}: set CARDS")
        else:
            case.inputs[item] = _words(v, f"{where}: set {item}", challenge, item)
    for item, raw in spec.expect.items():
        v = value(item, raw)
        label = f"{where}: expect {item}"
        if item in TEXT_OUTPUTS:
            if not isinstance(v, str):
                raise ChallengeError(f"{label}: expected text, not {v!r}")
            case.expect[item] = v
        elif item in ("CARRY", "OVERFLOW"):
            if not isinstance(v, (bool, int)):
                raise ChallengeError(f"{label}: expected true or false, not {v!r}")
            case.expect[item] = bool(v)
        elif item in REGISTERS:
            case.expect[item] = _word(v, label)
        else:
            case.expect[item] = _words(v, label, challenge, item)
    return case


def _word(v: Any, label: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ChallengeError(f"{label}: expected a number, not {v!r}")
    if not -0x8000 <= v <= 0xFFFF:
        raise ChallengeError(f"{label}: {v} does not fit in a 16-bit word")
    return v & 0xFFFF


def _words(v: Any, label: str, challenge: Challenge, symbol: str) -> list[int]:
    items = v if isinstance(v, list) else [v]
    words = [_word(x, label) for x in items]
    if challenge.symbols[symbol] + len(words) > challenge.memory:
        raise ChallengeError(f"{label}: {len(words)} words from {symbol} run past the end of core")
    return words


def _cards(v: Any, label: str) -> list[str]:
    if isinstance(v, str):
        v = v.split("\n")
    if not isinstance(v, list) or not all(isinstance(c, str) for c in v):
        raise ChallengeError(f"{label}: expected a list of card texts")
    if len(v) > MAX_CARDS or any(len(c) > 80 for c in v):
        raise ChallengeError(f"{label}: at most {MAX_CARDS} cards of at most 80 columns")
    return list(v)
