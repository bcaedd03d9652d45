"""A challenge file: its model and its loader (the format is in FORMAT.md).

A challenge is a TOML file (``tomllib``: Python 3.11+, Pyodide) holding the
statement, the starting template, the hints, the named core locations, the
test cases (fixed ones and generators declared as data), the instruction
budget per case and the par scores.  :func:`load_challenge` reads a file and
:func:`parse_challenge` reads text; both check everything up front and raise
:class:`ChallengeError`, whose message names the file (and the line and
column when the TOML itself is damaged), so a teacher sees what to fix.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from . import expressions
from ...textfile import NotUtf8Error, decode_utf8

FORMAT_VERSION = 1
MEMORY_SIZES = (4096, 8192, 16384, 32768)
DEFAULT_MEMORY = 4096
DEFAULT_BUDGET = 10_000
MAX_BUDGET = 10_000_000
DEFAULT_FILL = 0xA5A5
MAX_CASES = 200

#: Names of case values that are not core locations.
REGISTERS = ("ACC", "EXT", "CARRY", "OVERFLOW", "XR1", "XR2", "XR3")
TEXT_OUTPUTS = ("CONSOLE", "PRINTER")
SPECIAL_INPUTS = ("SWITCHES", "CARDS")

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
_SYMBOL = re.compile(r"^[A-Z][A-Z0-9]{0,4}$")
_KEYS = {"format", "id", "title", "level", "topic", "reference", "statement", "template", "hints",
         "budget", "memory", "symbols", "par", "case", "generate", "harness", "fill", "seed"}
_CASE_KEYS = {"name", "hidden", "vars", "set", "expect"}
_GEN_KEYS = _CASE_KEYS | {"count"}


class ChallengeError(ValueError):
    """A challenge file that cannot be used; ``str()`` starts with the file name."""


@dataclass(frozen=True)
class Par:
    """The reference solution's scores: instructions and 1130 microseconds
    (averages over the scored cases) and program size in words."""

    instructions: int
    microseconds: float
    words: int

    def to_dict(self) -> dict[str, Any]:
        return {"instructions": self.instructions, "microseconds": self.microseconds, "words": self.words}


@dataclass(frozen=True)
class CaseSpec:
    """A fixed test case (``[[case]]``) or a generator (``[[generate]]``,
    ``count`` > 0).  ``vars``, ``set`` and ``expect`` map names to values;
    a text value is an expression (expressions.py), anything else literal."""

    name: str
    hidden: bool
    vars: dict[str, Any]
    set: dict[str, Any]
    expect: dict[str, Any]
    count: int = 0          # 0 for a fixed case

    @property
    def generated(self) -> bool:
        return self.count > 0


@dataclass
class Challenge:
    """One challenge.  ``source`` is the file name or URL it came from."""

    id: str
    title: str
    level: int
    topic: str
    reference: str
    statement: str
    template: str
    hints: list[str]
    budget: int
    memory: int
    symbols: dict[str, int]
    cases: list[CaseSpec]
    generators: list[CaseSpec]
    par: Par | None = None
    harness: str | None = None
    fill: int = DEFAULT_FILL
    source: str = "<challenge>"

    def summary(self) -> dict[str, Any]:
        """The fields a list shows: id, level, title, topic, par."""
        return {"id": self.id, "level": self.level, "title": self.title, "topic": self.topic,
                "par": self.par.to_dict() if self.par else None}

    def public(self) -> dict[str, Any]:
        """Everything a student may see (JSON-safe): no hidden case's data."""
        visible = [{"name": c.name, "set": _jsonable(c.set), "expect": _jsonable(c.expect),
                    "vars": _jsonable(c.vars)} for c in self.cases if not c.hidden]
        return {**self.summary(), "reference": self.reference, "statement": self.statement,
                "template": self.template, "hints": list(self.hints), "budget": self.budget,
                "memory": self.memory, "symbols": {k: v for k, v in self.symbols.items()},
                "visible_cases": visible,
                "case_count": len(self.cases) + sum(g.count for g in self.generators),
                "hidden_count": sum(1 for c in self.cases if c.hidden) + sum(
                    g.count for g in self.generators if g.hidden),
                "source": self.source}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def load_challenge(path: str | os.PathLike[str]) -> Challenge:
    """Read and check a challenge file.  Raises ChallengeError naming it
    (an unreadable file, damaged TOML with its line and column, a missing
    or wrong field)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ChallengeError(f"{name}: cannot read: {error.strerror or error}") from None
    try:
        text = decode_utf8(data, name)
    except NotUtf8Error as error:
        raise ChallengeError(str(error)) from None
    return parse_challenge(text, name)


def parse_challenge(text: str, source: str = "<challenge>") -> Challenge:
    """Parse challenge TOML ``text``; ``source`` names it in messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ChallengeError(f"{source}: not a valid challenge file: {error}") from None
    return _build(data, source)


def _need(data: dict, key: str, kind: type | tuple, source: str, where: str = "") -> Any:
    if key not in data:
        raise ChallengeError(f"{source}: {where}missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ChallengeError(f"{source}: {where}field {key!r} must be {_article(names)}, not {value!r}")
    return value


def _article(name: str) -> str:
    return {"str": "text", "int": "an integer", "list": "an array", "dict": "a table",
            "bool": "true or false"}.get(name, name)


def _build(data: dict, source: str) -> Challenge:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ChallengeError(f"{source}: unknown field {unknown[0]!r} (fields: {', '.join(sorted(_KEYS))})")
    version = data.get("format", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise ChallengeError(f"{source}: format {version!r} is not supported (this checker reads {FORMAT_VERSION})")
    ident = _need(data, "id", str, source)
    if not _ID.match(ident):
        raise ChallengeError(f"{source}: id {ident!r} must be lower-case letters, digits and '-' (1-48)")
    title = _need(data, "title", str, source)
    statement = _need(data, "statement", str, source)
    template = data.get("template", "")
    if not isinstance(template, str):
        raise ChallengeError(f"{source}: field 'template' must be text")
    hints = data.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) for h in hints):
        raise ChallengeError(f"{source}: field 'hints' must be an array of texts")
    level = data.get("level", 0)
    budget = data.get("budget", DEFAULT_BUDGET)
    memory = data.get("memory", DEFAULT_MEMORY)
    fill = data.get("fill", DEFAULT_FILL)
    for key, value, low, high in (("level", level, 0, 10_000), ("budget", budget, 1, MAX_BUDGET),
                                  ("fill", fill, 0, 0xFFFF)):
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ChallengeError(f"{source}: field {key!r} must be an integer {low} to {high}, not {value!r}")
    if memory not in MEMORY_SIZES:
        raise ChallengeError(f"{source}: field 'memory' must be one of {MEMORY_SIZES}, not {memory!r}")
    topic = data.get("topic", "")
    reference = data.get("reference", "")
    harness = data.get("harness")
    for key, value in (("topic", topic), ("reference", reference)):
        if not isinstance(value, str):
            raise ChallengeError(f"{source}: field {key!r} must be text")
    if harness is not None and not isinstance(harness, str):
        raise ChallengeError(f"{source}: field 'harness' must be assembler source text")
    symbols = _symbols(data.get("symbols", {}), memory, source)
    par = _par(data.get("par"), source)
    cases = [_case(c, i, symbols, source, generated=False)
             for i, c in enumerate(_tables(data, "case", source), 1)]
    generators = [_case(g, i, symbols, source, generated=True)
                  for i, g in enumerate(_tables(data, "generate", source), 1)]
    if not cases and not generators:
        raise ChallengeError(f"{source}: no test cases: add [[case]] or [[generate]] tables")
    if len(cases) + sum(g.count for g in generators) > MAX_CASES:
        raise ChallengeError(f"{source}: more than {MAX_CASES} cases")
    return Challenge(id=ident, title=title, level=level, topic=topic, reference=reference,
                     statement=statement, template=template, hints=list(hints), budget=budget,
                     memory=memory, symbols=symbols, cases=cases, generators=generators, par=par,
                     harness=harness, fill=fill, source=source)


def _tables(data: dict, key: str, source: str) -> list[dict]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ChallengeError(f"{source}: {key!r} must be written as [[{key}]] tables")
    return tables


def _symbols(table: Any, memory: int, source: str) -> dict[str, int]:
    if not isinstance(table, dict):
        raise ChallengeError(f"{source}: [symbols] must be a table of NAME = address")
    out = {}
    for name, address in table.items():
        if not _SYMBOL.match(name) or name in REGISTERS + TEXT_OUTPUTS + SPECIAL_INPUTS:
            raise ChallengeError(f"{source}: symbol {name!r} must be 1-5 upper-case letters or digits, "
                                 "starting with a letter, and not a register name")
        if not isinstance(address, int) or isinstance(address, bool) or not 0 <= address < memory:
            raise ChallengeError(f"{source}: symbol {name} = {address!r} is not an address in "
                                 f"{memory} words of core")
        out[name] = address
    return out


def _par(table: Any, source: str) -> Par | None:
    if table is None:
        return None
    if not isinstance(table, dict) or set(table) != {"instructions", "microseconds", "words"}:
        raise ChallengeError(f"{source}: [par] must have instructions, microseconds and words")
    try:
        return Par(int(table["instructions"]), float(table["microseconds"]), int(table["words"]))
    except (TypeError, ValueError):
        raise ChallengeError(f"{source}: [par] values must be numbers") from None


def _case(table: dict, index: int, symbols: dict[str, int], source: str, generated: bool) -> CaseSpec:
    kind = "generate" if generated else "case"
    where = f"[[{kind}]] {index}: "
    unknown = sorted(set(table) - (_GEN_KEYS if generated else _CASE_KEYS))
    if unknown:
        raise ChallengeError(f"{source}: {where}unknown field {unknown[0]!r}")
    name = table.get("name", f"{'generated' if generated else 'case'} {index}")
    hidden = table.get("hidden", generated)
    if not isinstance(name, str) or not isinstance(hidden, bool):
        raise ChallengeError(f"{source}: {where}'name' must be text and 'hidden' true or false")
    count = 0
    if generated:
        count = _need(table, "count", int, source, where)
        if not 1 <= count <= MAX_CASES:
            raise ChallengeError(f"{source}: {where}'count' must be 1 to {MAX_CASES}")
    parts = {}
    for key in ("vars", "set", "expect"):
        part = table.get(key, {})
        if not isinstance(part, dict):
            raise ChallengeError(f"{source}: {where}{key!r} must be a table")
        parts[key] = part
    if not parts["expect"]:
        raise ChallengeError(f"{source}: {where}'expect' is empty: a case must check something")
    for key in ("vars", "set", "expect"):
        for item, value in parts[key].items():
            if key == "set" and item not in symbols and item not in SPECIAL_INPUTS:
                raise ChallengeError(f"{source}: {where}set {item}: not a symbol of [symbols] "
                                     f"nor one of {', '.join(SPECIAL_INPUTS)}")
            if key == "expect" and item not in symbols and item not in REGISTERS + TEXT_OUTPUTS:
                raise ChallengeError(f"{source}: {where}expect {item}: not a symbol of [symbols] "
                                     f"nor one of {', '.join(REGISTERS + TEXT_OUTPUTS)}")
            _check_value(value, f"{source}: {where}{key} {item}")
    return CaseSpec(name=name, hidden=hidden, vars=dict(parts["vars"]), set=dict(parts["set"]),
                    expect=dict(parts["expect"]), count=count)


def _check_value(value: Any, where: str) -> None:
    """A literal must be an integer, boolean or array; a text must parse as
    an expression (names are checked when the case is built)."""
    if isinstance(value, str):
        try:
            expressions.parse(value)
        except expressions.ExpressionError as error:
            raise ChallengeError(f"{where}: {error}") from None
    elif isinstance(value, list):
        for item in value:
            if not isinstance(item, (int, str)) or isinstance(item, bool):
                raise ChallengeError(f"{where}: an array may hold integers (or card texts), not {item!r}")
    elif not isinstance(value, (int, bool)):
        raise ChallengeError(f"{where}: {value!r} is neither a number, an array nor an expression")
