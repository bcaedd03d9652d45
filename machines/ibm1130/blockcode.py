"""The code of one 1130 instruction inside a translated block, written
from the interpreter's own semantics (cpu.BODIES, the text the handlers are
made of), for translate.py.

Each body is read once into a :class:`Template`: its lines as format
strings over the decoded operands, with the places the translator
specialises marked (the effective address when it is a constant, the
stores, the returns, the condition test of BSC/BSI), so an instruction's
code is written folded for its operands at once
(:func:`instruction_code`), with nothing rewritten afterwards.  A path's
items are lines (strings) and the objects :class:`Store`, :class:`Exit`,
:class:`Check` and :class:`Call`, which ``Translator._assemble`` writes
for the shape of the block.
"""

from __future__ import annotations

import re
from typing import Any

_OPERANDS = re.compile(r"\b(nxt|a|t|aux|mask|ea|e)\b")
# cpu.py's store (its _STORE): the test that the word changes, the word,
# the decoded entries covering it, then the test of the blocks owning it
# (left out for words 0-3).
_STORE_LINE = re.compile(r"^(if M\[(\w+)\] != (.+?): )(M\[\2\] = \3)"
                         r"(; dec\[\2\] = None; dec\[\2 - 1\] = None)(; own\[\2\] and kill\(\2\))$")
_RETURN_LINE = re.compile(r"^(\s*)return (.*)$")
# cpu.py's condition test (its _FLAGS, a mask of the conditions that hold).
_CONDITION_HEAD = ["c = aux", "if c & 1:", "    ovf = 0", "if c & f:"]
# The conditions of BSC/BSI by bit (reference 4.4, cpu._FLAGS): each
# bit's test alone, so a test of some bits is written without the mask.
_TESTS = ((0x20, "acc == 0"), (0x10, "acc & 0x8000"), (0x08, "0 < acc < 0x8000"),
          (0x04, "not acc & 1"), (0x02, "not carry"), (0x01, "not ovf"))
# STX stores XR[T] or, with T = 0, the IAR: decided when translating.
_STX_VALUE = "M[t] if t else nxt"


def _placeholder(match: re.Match) -> str:
    return "{" + match[1] + "}"


def _format(text: str) -> str:
    """A template line as a format string over its operands."""
    return _OPERANDS.sub(_placeholder, text.replace("{", "{{").replace("}", "}}").replace(_STX_VALUE, "{stx}"))


class Template:
    """One handler's body (cpu.BODIES) ready for translation: ``lines`` are
    ``(kind, indent, ...)``: ``"s"`` a statement (format string), ``"ea"``
    the line naming the effective address (left out when it is a
    constant), ``"st"`` a store (address operand, then the formats of the store, of
    the decoded entries it drops and of its block test), ``"r"`` a
    return (format, function of the operands if it uses only them);
    ``condition`` True if the lines follow a BSC/BSI condition test (the
    first ones, indented, run if a tested condition holds)."""

    __slots__ = ("lines", "condition", "stores", "direct")

    def __init__(self, name: str, body: str) -> None:
        text = body.split("\n")
        lines = [text[0]] + [line[8:] for line in text[1:]]
        # Comments left out (no template has a string).
        lines = [line.split("#")[0].rstrip() for line in lines]
        lines = [line for line in lines if line.strip()]
        if name.startswith("D_"):
            # D's template leaves early (``return nxt``) after its common
            # case; in a block the rest becomes that case's ``else``.
            at = next(i for i, line in enumerate(lines) if line.startswith("        return "))
            lines = lines[:at] + ["    else:"] + ["    " + line for line in lines[at + 1:]]
        self.condition = bool(lines) and lines[0].startswith("f = ") and lines[1:5] == _CONDITION_HEAD
        if self.condition:
            lines = lines[5:]
        self.stores = False
        self.direct = "ea = a" in lines            # the effective address is the operand
        out: list[tuple] = []
        for line in lines:
            body_text = line.lstrip()
            indent = line[:len(line) - len(body_text)]
            store = _STORE_LINE.match(body_text)
            ret = _RETURN_LINE.match(line)
            if "kill(" in body_text and not store:
                # A store not in cpu.py's form would be missed (a block
                # that stores would count as a wait that does not).
                raise AssertionError(f"template {name}: store not recognised: {body_text!r}")
            if body_text in ("ea = a", "e = ea | 1"):
                out.append(("ea", indent, _format(body_text)))
            elif store:
                self.stores = True
                word = store.group(2)
                drops = _format(store.group(5)).replace(f"dec[{{{word}}} - 1]", "dec[{before}]")
                out.append(("st", indent, word, _format(store.group(4)), drops, _format(store.group(6)),
                            _format(store.group(1))))
            elif ret:
                expression = ret.group(2)
                out.append(("r", indent, _format(expression), None if "M[" in expression else _function(expression)))
            else:
                out.append(("s", indent, _format(body_text)))
        self.lines = out


_TEMPLATES: dict[str, Template] = {}
_FUNCTIONS: dict[str, tuple] = {}


def _function(expression: str) -> tuple:
    """A return expression of operands only (``(nxt + 1) & mask``) as
    ``(function, names of its arguments)``: its value when they are known."""
    found = _FUNCTIONS.get(expression)
    if found is None:
        names = tuple(sorted(set(_OPERANDS.findall(expression))))
        found = _FUNCTIONS[expression] = (
            eval(f"lambda {', '.join(names)}: {expression}", {"__builtins__": {}}), names)  # noqa: S307 - a template's
    return found


def template_of(name: str, bodies: dict[str, str]) -> Template:
    found = _TEMPLATES.get(name)
    if found is None:
        found = _TEMPLATES[name] = Template(name, bodies[name])
    return found


def _literal(value: int) -> str:
    return f"({value})" if value < 0 else str(value)


def instruction_code(template: Template, d: tuple, mask: int, a: str | None = None) -> tuple:
    """One instruction's code from its template, folded for its operands:
    ``(lines, store words, top-level return)``.  A line is a string, a
    :class:`Store` (at a constant address) or an exit ``(indent, target)``
    (an int if constant, else the expression);
    the store words are the addresses its stores may drop a block at
    (``"*"`` for a computed one); the top-level return is the exit that
    ends the code, if any.  ``a`` is the expression of the address word
    when it is read at run time (a guarded self-modifying instruction)."""
    nxt, t, aux = d[2], d[4], d[5]
    numbers: dict[str, int | None] = {"nxt": nxt, "a": d[3] if a is None else None, "t": t, "aux": aux, "mask": mask}
    ea = numbers["a"] if template.direct else None
    numbers["ea"] = ea
    numbers["e"] = None if ea is None else ea | 1
    values = {"nxt": _literal(nxt), "a": _literal(d[3]) if a is None else a, "t": str(t), "aux": _literal(aux),
              "mask": str(mask), "ea": "ea" if ea is None else str(ea), "e": "e" if ea is None else str(ea | 1),
              "stx": f"M[{t}]" if t else str(nxt)}
    out: list[Any] = []
    words: list[Any] = []
    skip = None
    if template.condition:
        tests = " or ".join(f"({test})" for bit, test in _TESTS if aux & bit)
        if aux & 1:
            out += [f"f = {tests or 'False'}", "ovf = 0", "if f:"]
        elif tests:
            out.append(f"if {tests}:")
        else:
            skip = "    "                       # tests nothing: its branch never runs
    for line in template.lines:
        kind, indent = line[0], line[1]
        if skip is not None:
            if indent.startswith(skip):
                continue
            skip = None
        if kind == "s":
            out.append(indent + line[2].format_map(values))
        elif kind == "ea":
            if ea is None:
                out.append(indent + line[2].format_map(values))
        elif kind == "st":
            address = numbers[line[2]]
            values["before"] = f"{values[line[2]]} - 1" if address is None else str(address - 1)
            text = line[3].format_map(values)
            tail = line[4].format_map(values)
            if address is None or address >= 4:  # words 0-3 are never in a block: no test
                tail += line[5].format_map(values)
                words.append("*" if address is None else address)
            test = line[6].format_map(values)
            out.append(indent + test + text + tail if address is None else Store(indent, test, text, tail, address))
        else:
            constant = line[3]
            target: Any = None
            if constant is not None and all(numbers[n] is not None for n in constant[1]):
                target = constant[0](*(numbers[n] for n in constant[1])) & mask
            out.append((indent, line[2].format_map(values) if target is None else target))
    top = out[-1] if out and type(out[-1]) is tuple and not out[-1][0] else None
    return out, words, top


class Store:
    """A store at a constant address: ``text`` the store itself, ``tail``
    what it drops (``; dec[..] = None; ...; own[..] and kill(..)``), both
    behind ``test`` (``if M[..] != ..: ``, the word changes), or the store
    alone with its drops once before the loop of a looping block
    (``_assemble``)."""

    __slots__ = ("indent", "test", "text", "tail", "address")

    def __init__(self, indent: str, test: str, text: str, tail: str, address: int) -> None:
        self.indent, self.test, self.text, self.tail, self.address = indent, test, text, tail, address

    def whole(self) -> str:
        """The store with its test and drops, as one line."""
        return self.indent + self.test + self.text + self.tail


class Exit:
    """An exit of a path: to ``target`` (an int, or the expression of a
    computed one) after ``k`` instructions and ``cy`` cycles, ``last`` the
    name of the decoded entry to report; ``move`` if it may go on to
    another case of the same block instead of returning."""

    __slots__ = ("indent", "target", "k", "cy", "last", "move")

    def __init__(self, indent: str, target: Any, k: int, cy: int, last: str, move: bool = True) -> None:
        self.indent, self.target, self.k, self.cy, self.last, self.move = indent, target, k, cy, last, move


class Check:
    """After a store: leave (for ``nxt``) if it dropped the block, when one of
    ``words`` may be the block's (``"*"``: a computed address)."""

    __slots__ = ("indent", "words", "exit")

    def __init__(self, indent: str, words: list, exit_: Exit) -> None:
        self.indent, self.words, self.exit = indent, words, exit_


class Call:
    """A handler called from the decode cache (self-modifying code): the
    registers go back to the core's cells around it."""

    __slots__ = ("indent",)

    def __init__(self, indent: str) -> None:
        self.indent = indent


def exit_targets(items: list, end: int) -> list[int]:
    """The constant addresses a path may move to, in order, and the one it
    falls through to (``end``, if any)."""
    out = [item.target for item in items
           if type(item) is Exit and item.move and type(item.target) is int]
    if end >= 0:
        out.append(end)
    return out


def has_computed_exit(items: list) -> bool:
    return any(type(item) is Exit and item.move and type(item.target) is str for item in items)


def indented(items: list) -> list:
    """Items one level deeper (the two forms of a guarded instruction)."""
    out: list[Any] = []
    for item in items:
        kind = type(item)
        if kind is str:
            out.append("    " + item)
        elif kind is Store:
            out.append(Store("    " + item.indent, item.test, item.text, item.tail, item.address))
        elif kind is Exit:
            out.append(Exit("    " + item.indent, item.target, item.k, item.cy, item.last, item.move))
        elif kind is Check:
            out.append(Check("    " + item.indent, item.words, item.exit))
        else:
            out.append(Call("    " + item.indent))
    return out
