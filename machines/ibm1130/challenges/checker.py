"""Check a program against a challenge: every case, under the budget, scored.

``check(challenge, source)`` assembles the student's program once, then for
every case builds a fresh :class:`~machines.ibm1130.machine.Ibm1130` (the
front door), loads the program, stores the case's inputs (after the
program, so the challenge's data wins), presets the outputs to the
challenge's ``fill`` word (so an output the program never stores cannot
pass by luck), sets the console switches and stacks the cards, and runs from
the program's start address (or the challenge's harness) from reset until
WAIT, at most ``budget`` instructions.  Then it compares every expected
value.

Scores, in the manner of puzzle games (all three lower is better):

* ``instructions``: instructions executed, the WAIT included (the
  ``run --json`` count), averaged over the scored cases and rounded;
* ``microseconds``: simulated 1130 time from the timing table
  (``System.real_time_us``: storage cycles x 3.6 us, timing.py, reference
  4.10), averaged over the scored cases, to 0.1 us;
* ``words``: program size, the number of core words the assembly loads.

The scored cases are the challenge's fixed ``[[case]]`` tables (all cases
when it has none), so scores are the same on every check and comparable with
par; generated cases, drawn from a fresh seed each check unless one is
given, only decide pass or fail.  A score is given only when every case
passes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from ..asm.assembler import Assembly, assemble
from ..cards import Card
from ..machine import Ibm1130
from .cases import Case, build_cases
from .model import Challenge, ChallengeError, Par

STOP_TEXT = {
    "limit": "stopped by the budget of {budget} instructions without reaching WAIT "
             "(an endless loop, or a WAIT that is never reached?)",
    "invalid": "stopped on an invalid instruction at /{iar:04X}: did the program run into data?",
    "breakpoint": "stopped at a breakpoint at /{iar:04X}",
}


def format_word(word: int) -> str:
    """A 16-bit word as ``/hex (unsigned decimal)`` plus the signed reading
    when it differs, e.g. ``/FFFE (65534 = -2)``."""
    word &= 0xFFFF
    signed = word - 0x10000 if word & 0x8000 else word
    return f"/{word:04X} ({word}{f' = {signed}' if signed != word else ''})"


@dataclass
class Mismatch:
    """One expected value that was not there.  ``name`` is a symbol (with
    ``+k`` for the k-th word of a list), a register, ``CONSOLE`` or
    ``PRINTER``; ``expected``/``got`` are words, booleans or texts."""

    name: str
    expected: Any
    got: Any

    def describe(self) -> str:
        if isinstance(self.expected, str):
            return f"{self.name}: expected {self.expected!r}, got {self.got!r}"
        if isinstance(self.expected, bool):
            return f"{self.name}: expected {'on' if self.expected else 'off'}, got {'on' if self.got else 'off'}"
        return f"{self.name}: expected {format_word(self.expected)}, got {format_word(self.got)}"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "expected": self.expected, "got": self.got, "text": self.describe()}


@dataclass
class CaseResult:
    """The outcome of one case.  ``stop`` is the run's stop reason
    (``wait``, ``limit``, ``invalid``); ``cycles`` storage cycles and
    ``microseconds`` simulated 1130 time; ``message`` says why it failed
    (a hidden case's says only that and how, never its data); ``lamps``
    the console panel's lamps after the run (``ConsolePanel.lamps()``),
    when asked for and the case is visible."""

    number: int
    name: str
    hidden: bool
    generated: bool
    passed: bool
    stop: str
    instructions: int
    cycles: int
    microseconds: float
    mismatches: list[Mismatch] = field(default_factory=list)
    message: str = ""
    lamps: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        hide = self.hidden
        return {"number": self.number, "name": self.name, "hidden": hide, "generated": self.generated,
                "passed": self.passed, "stop": self.stop, "instructions": self.instructions,
                "cycles": self.cycles, "microseconds": round(self.microseconds, 1),
                "mismatches": [] if hide else [m.to_dict() for m in self.mismatches],
                "message": self.message, "lamps": None if hide else self.lamps}


@dataclass(frozen=True)
class Score:
    """Averages over the scored cases (instructions, 1130 microseconds) and
    the program's size in words; lower is better."""

    instructions: int
    microseconds: float
    words: int

    def to_dict(self) -> dict[str, Any]:
        return {"instructions": self.instructions, "microseconds": self.microseconds, "words": self.words}


@dataclass
class Result:
    """A check's outcome: ``ok`` only when the program assembled and every
    case passed.  ``errors`` are the assembler's (``line``, ``column``,
    ``message``, ``text``); ``score`` is None unless ``ok``; ``seed`` the
    seed of the generated cases; ``words`` the program's size;
    ``warnings`` notes that did not fail the check."""

    challenge: str
    title: str
    ok: bool
    seed: int
    budget: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    cases: list[CaseResult] = field(default_factory=list)
    score: Score | None = None
    par: Par | None = None
    words: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(1 for c in self.cases if c.passed)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (the ``check --json`` output)."""
        return {"challenge": self.challenge, "title": self.title, "ok": self.ok, "seed": self.seed,
                "budget": self.budget, "errors": self.errors,
                "cases": [c.to_dict() for c in self.cases], "passed": self.passed,
                "total": len(self.cases), "score": self.score.to_dict() if self.score else None,
                "par": self.par.to_dict() if self.par else None, "words": self.words,
                "warnings": self.warnings}

    def failures(self) -> list[str]:
        """One line per failed case (what a student reads first)."""
        return [_case_line(c) for c in self.cases if not c.passed]


def _case_line(c: CaseResult) -> str:
    label = f"case {c.number}" + (" (hidden)" if c.hidden else f" {c.name!r}")
    return f"{label}: {c.message}"


def new_seed() -> int:
    """A fresh seed for the generated cases (0 to 2**31-1)."""
    return random.SystemRandom().randrange(1 << 31)


_HARNESS_CACHE: dict[tuple[str, str], Assembly] = {}


def _harness(challenge: Challenge) -> Assembly | None:
    if challenge.harness is None:
        return None
    key = (challenge.source, challenge.harness)
    asm = _HARNESS_CACHE.get(key)
    if asm is None:
        asm = assemble(challenge.harness, f"{challenge.source} (harness)")
        if asm.errors:
            raise ChallengeError(f"{challenge.source}: the harness does not assemble: {asm.errors[0]}")
        _HARNESS_CACHE[key] = asm
    return asm


def assemble_program(challenge: Challenge, source: str, filename: str) -> tuple[Assembly | None, list[dict]]:
    """Assemble the student's source: (assembly, []) or (None, errors).
    Errors are dicts with ``line``, ``column``, ``message`` and ``text``
    (``FILE:LINE:COL: message``)."""
    asm = assemble(source, filename)
    errors = [e.to_dict() for e in asm.errors]
    if not errors and asm.externals:
        names = ", ".join(asm.external_names())
        errors.append({"line": 1, "column": 1, "text": f"{filename}:1:1: needs the DMS loader for {names}",
                       "message": f"needs the DMS loader for {names}: challenges run without DMS"})
    if not errors and not asm.words:
        errors.append({"line": 1, "column": 1, "text": f"{filename}:1:1: the program is empty",
                       "message": "the program is empty"})
    if not errors:
        beyond = [a for a in asm.words if a >= challenge.memory]
        if beyond:
            errors.append({"line": 1, "column": 1, "message": f"the program reaches /{min(beyond):04X}, "
                           f"beyond this challenge's {challenge.memory} words of core",
                           "text": f"{filename}:1:1: address /{min(beyond):04X} is beyond core"})
    return (None, errors) if errors else (asm, [])


def check(challenge: Challenge, source: str, seed: int | None = None, filename: str = "PROG.asm",
          lamps: bool = False, stop_at_first: bool = False) -> Result:
    """Check ``source`` (asm1130 text) against ``challenge``.

    ``seed`` fixes the generated cases (None: a fresh one, reported in the
    result); ``lamps`` records the console lamps after each visible case;
    ``stop_at_first`` stops after the first failed case.  Never raises for
    a bad program; raises ChallengeError for a damaged challenge."""
    session = Session(challenge, source, seed, filename, lamps)
    while not session.finished:
        outcome = session.run_next()
        if stop_at_first and outcome is not None and not outcome.passed:
            break
    return session.result()


class Session:
    """A check done one case at a time, for front ends that must not call
    Python for long (the web worker runs one case per turn of its event
    loop).  ``total`` cases; ``run_next()`` runs the next one and returns
    its :class:`CaseResult` (None when nothing is left or the program did
    not assemble); ``result()`` is the :class:`Result` so far (``ok`` only
    once every case ran and passed)."""

    def __init__(self, challenge: Challenge, source: str, seed: int | None = None,
                 filename: str = "PROG.asm", lamps: bool = False) -> None:
        self.challenge = challenge
        self.seed = new_seed() if seed is None else int(seed)
        self.lamps = lamps
        self.cases = build_cases(challenge, self.seed)
        self.harness = _harness(challenge)
        self._result = Result(challenge=challenge.id, title=challenge.title, ok=False, seed=self.seed,
                              budget=challenge.budget, par=challenge.par)
        self.asm, errors = assemble_program(challenge, source, filename)
        if self.asm is None:
            self._result.errors = errors
        else:
            self._result.words = len(self.asm.words)
            self._result.warnings = _overlaps(challenge, self.asm, self.harness)

    @property
    def total(self) -> int:
        return len(self.cases)

    @property
    def finished(self) -> bool:
        return self.asm is None or len(self._result.cases) >= len(self.cases)

    def run_next(self) -> CaseResult | None:
        if self.finished:
            return None
        case = self.cases[len(self._result.cases)]
        outcome = run_case(self.challenge, self.asm, case, self.harness, self.lamps)
        self._result.cases.append(outcome)
        return outcome

    def result(self) -> Result:
        result = self._result
        result.ok = (self.asm is not None and len(result.cases) == len(self.cases)
                     and all(c.passed for c in result.cases))
        result.score = None
        if result.ok:
            scored = [c for c in result.cases if not c.generated] or result.cases
            n = len(scored)
            result.score = Score(instructions=int(sum(c.instructions for c in scored) / n + 0.5),
                                 microseconds=round(sum(c.microseconds for c in scored) / n, 1),
                                 words=result.words)
        return result


def _overlaps(challenge: Challenge, asm: Assembly, harness: Assembly | None) -> list[str]:
    notes = []
    spans = {}
    for spec in challenge.cases:
        for name in list(spec.set) + list(spec.expect):
            if name in challenge.symbols:
                spans[name] = challenge.symbols[name]
    for name, address in sorted(spans.items(), key=lambda kv: kv[1]):
        if address in asm.words:
            notes.append(f"the program puts a word at /{address:04X}, where the challenge keeps {name}; "
                         "the case's data overwrites it")
    if harness is not None:
        clash = sorted(set(asm.words) & set(harness.words))
        if clash:
            notes.append(f"the program overlaps the challenge's test harness at /{clash[0]:04X}")
    return notes


def run_case(challenge: Challenge, asm: Assembly, case: Case, harness: Assembly | None = None,
             lamps: bool = False) -> CaseResult:
    """Run one case on a fresh machine and compare; see the module docstring."""
    machine = Ibm1130(memory_words=challenge.memory, drives=0)
    system = machine.system
    machine.load_image(asm)
    if harness is not None:
        machine.load_image(harness)
    for name, value in case.expect.items():
        if name in challenge.symbols and name not in case.inputs:
            base = challenge.symbols[name]
            for i in range(len(value)):
                system.store(base + i, challenge.fill)
    for name, words in case.inputs.items():
        base = challenge.symbols[name]
        for i, word in enumerate(words):
            system.store(base + i, word)
    if case.switches is not None:
        system.switches = case.switches
    if case.cards:
        try:
            deck = [Card.from_text(text, layout="none") for text in case.cards]
        except ValueError as error:
            raise ChallengeError(f"{challenge.source}: case {case.name!r}: card: {error}") from None
        machine.attach_deck(deck, name=f"case {case.number}")
    stop = machine.run(challenge.budget)
    outcome = CaseResult(number=case.number, name=case.name, hidden=case.hidden, generated=case.generated,
                         passed=False, stop=stop, instructions=system.instructions, cycles=system.cycles,
                         microseconds=system.real_time_us)
    if lamps and not case.hidden:
        outcome.lamps = machine.panel.lamps()
    if stop != "wait":
        outcome.message = STOP_TEXT.get(stop, "stopped: {stop}").format(
            budget=challenge.budget, iar=(system.iar - 1) & system.mask, stop=stop)
        return outcome
    outcome.mismatches = _compare(machine, challenge, case)
    outcome.passed = not outcome.mismatches
    if not outcome.passed:
        if case.hidden:
            outcome.message = ("a hidden case gave a wrong answer (its data stays hidden: think of zero, "
                               "negative numbers, overflow and the largest sizes)")
        else:
            outcome.message = "; ".join(m.describe() for m in outcome.mismatches)
    return outcome


def _compare(machine: Ibm1130, challenge: Challenge, case: Case) -> list[Mismatch]:
    system = machine.system
    out: list[Mismatch] = []
    for name, want in case.expect.items():
        if name == "CONSOLE":
            got = machine.console.output_text()
            if got.rstrip() != want.rstrip():
                out.append(Mismatch(name, want, got))
        elif name == "PRINTER":
            got = machine.printer.output_text()
            if got.rstrip() != want.rstrip():
                out.append(Mismatch(name, want, got))
        elif name in ("CARRY", "OVERFLOW"):
            got = bool(system.carry if name == "CARRY" else system.overflow)
            if got != want:
                out.append(Mismatch(name, want, got))
        elif name in ("ACC", "EXT"):
            got = system.acc if name == "ACC" else system.ext
            if got != want:
                out.append(Mismatch(name, want, got))
        elif name in ("XR1", "XR2", "XR3"):
            got = system.memory[int(name[2])]
            if got != want:
                out.append(Mismatch(name, want, got))
        else:
            base = challenge.symbols[name]
            for i, word in enumerate(want):
                got = system.memory[(base + i) & system.mask]
                if got != word:
                    label = name if len(want) == 1 else f"{name}+{i}"
                    out.append(Mismatch(label, word, got))
    return out
