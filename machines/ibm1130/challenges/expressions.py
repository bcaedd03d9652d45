"""The small expression language of challenge files (data, never Python code).

A challenge file states its test cases as data.  Where a case's value is
computed (a generated input, the expected output of a generated input) the
file writes an *expression*: a string such as ``"word(A + B)"`` or
``"randlist(N, -100, 100)"``.  Expressions are parsed with Python's ``ast``
module and evaluated by walking a whitelist of node types; nothing is
``eval``-ed, no attribute, keyword, comprehension or lambda is accepted, and
every function is one of :data:`FUNCTIONS`.  Sizes are bounded (lists and
texts of at most :data:`MAX_ITEMS` items, shifts and powers below 64) so a
damaged or hostile file cannot hang the checker.

Values are Python ints (any size; the checker masks words to 16 bits),
booleans, texts (``str``) and lists.  Operators: ``+ - * // % ** << >> & |
^ ~``, comparisons, ``and or not``, ``x if c else y``, indexing and slicing,
list and text literals.  The random functions draw from the generator the
caller passes (``random.Random(seed)``), so the same seed gives the same
cases on CPython and in Pyodide.

Raises :class:`ExpressionError` (a ``ValueError``) with a message that
quotes the expression.
"""

from __future__ import annotations

import ast
import math
import random
from typing import Any, Callable

from .. import codes

MAX_ITEMS = 4096          # longest list or text an expression may build
MAX_SHIFT = 64            # largest shift count or exponent


class ExpressionError(ValueError):
    """An expression that cannot be parsed or evaluated."""


def _word(x: int) -> int:
    """``x`` as a 16-bit word (two's complement), 0-0xFFFF."""
    return int(x) & 0xFFFF


def _signed(x: int) -> int:
    """A 16-bit word read as a signed number, -32768..32767."""
    x = int(x) & 0xFFFF
    return x - 0x10000 if x & 0x8000 else x


def _dword(x: int) -> list[int]:
    """A 32-bit value as [high word, low word] (LDD/STD order, reference 4.9)."""
    x = int(x) & 0xFFFFFFFF
    return [x >> 16, x & 0xFFFF]


def _dsigned(high: int, low: int) -> int:
    """Two words, high first, read as a signed 32-bit number."""
    x = ((int(high) & 0xFFFF) << 16) | (int(low) & 0xFFFF)
    return x - 0x100000000 if x & 0x80000000 else x


def _popcount(x: int) -> int:
    """Number of one bits in the 16-bit word ``x``."""
    return bin(int(x) & 0xFFFF).count("1")


def _rotl(x: int, k: int) -> int:
    """The 16-bit word ``x`` rotated left by ``k`` bits."""
    x, k = int(x) & 0xFFFF, int(k) % 16
    return ((x << k) | (x >> (16 - k))) & 0xFFFF


def _sat(x: int) -> int:
    """``x`` clamped to the signed 16-bit range, -32768..32767."""
    return max(-32768, min(32767, int(x)))


def _digits(x: int, base: int) -> list[int]:
    """The digits of ``x`` >= 0 in ``base`` (2-36), least significant first."""
    x, base = int(x), int(base)
    if x < 0 or not 2 <= base <= 36:
        raise ExpressionError(f"digits({x}, {base}): x must be >= 0 and base 2-36")
    out = [x % base]
    x //= base
    while x:
        out.append(x % base)
        x //= base
    return out


def _ebcdic(text: str) -> list[int]:
    """Text packed two EBCDIC characters per word, first in the high byte,
    an odd length padded with a blank (the EBC directive; reference 4.7)."""
    return codes.text_to_ebcdic_words(str(text))


def _ebcdic_chars(text: str) -> list[int]:
    """Text one EBCDIC character per word, in the high byte (the 1132's
    emitter layout; reference 4.6)."""
    return [codes.ascii_to_ebcdic(ch) << 8 for ch in str(text)]


def _conout(text: str) -> list[int]:
    """Text as console printer codes, one per word in the high byte; a
    newline is the carriage return code 0x81 (reference 4.7)."""
    return [(0x81 if ch == "\n" else codes.ascii_to_console_printer(ch)) << 8 for ch in str(text)]


def _hollerith(text: str) -> list[int]:
    """Text as 029 card codes, one column per word (reference 4.7)."""
    return [codes.ascii_to_hollerith(ch) for ch in str(text)]


def _randlist(rng: random.Random, n: int, low: int, high: int) -> list[int]:
    n = _bounded(int(n))
    return [rng.randint(int(low), int(high)) for _ in range(n)]


def _randtext(rng: random.Random, n: int, alphabet: str) -> str:
    n = _bounded(int(n))
    if not alphabet:
        raise ExpressionError("randtext: the alphabet is empty")
    return "".join(rng.choice(str(alphabet)) for _ in range(n))


def _shuffled(rng: random.Random, seq: Any) -> list[Any]:
    items = list(seq)
    rng.shuffle(items)
    return items


def _bounded(n: int) -> int:
    if not 0 <= n <= MAX_ITEMS:
        raise ExpressionError(f"a list or text of {n} items (0 to {MAX_ITEMS} allowed)")
    return n


def _range(a: int, b: int | None = None) -> list[int]:
    lo, hi = (0, int(a)) if b is None else (int(a), int(b))
    _bounded(max(0, hi - lo))
    return list(range(lo, hi))


def _hex4(x: int) -> str:
    return f"{int(x) & 0xFFFF:04X}"


#: Pure functions an expression may call: name -> (function, description).
FUNCTIONS: dict[str, tuple[Callable[..., Any], str]] = {
    "word": (_word, "x as a 16-bit word, 0..0xFFFF"),
    "signed": (_signed, "16-bit word read as signed, -32768..32767"),
    "dword": (_dword, "32-bit value as [high, low]"),
    "dsigned": (_dsigned, "two words (high, low) as a signed 32-bit number"),
    "popcount": (_popcount, "one bits in a 16-bit word"),
    "rotl": (_rotl, "16-bit rotate left"),
    "sat": (_sat, "clamp to -32768..32767"),
    "digits": (_digits, "digits of x in base b, least significant first"),
    "ebcdic": (_ebcdic, "text packed 2 EBCDIC characters per word"),
    "ebcdic_chars": (_ebcdic_chars, "text 1 EBCDIC character per word, high byte"),
    "conout": (_conout, "text as console printer codes, high byte"),
    "hollerith": (_hollerith, "text as 029 card column codes"),
    "isqrt": (lambda x: math.isqrt(int(x)), "integer square root"),
    "gcd": (lambda a, b: math.gcd(int(a), int(b)), "greatest common divisor"),
    "abs": (lambda x: abs(int(x)), "absolute value"),
    "min": (lambda *a: min(a[0]) if len(a) == 1 else min(a), "minimum"),
    "max": (lambda *a: max(a[0]) if len(a) == 1 else max(a), "maximum"),
    "sum": (lambda seq: sum(int(v) for v in seq), "sum of a list"),
    "len": (lambda seq: len(seq), "length"),
    "rev": (lambda seq: seq[::-1], "reversed list or text"),
    "sorted": (lambda seq: sorted(seq), "sorted list"),
    "range": (_range, "range(a, b) as a list"),
    "str": (lambda x: str(x), "decimal text of a number"),
    "hex4": (_hex4, "four hex digits of a word"),
    "upper": (lambda s: str(s).upper(), "upper-case text"),
    "count": (lambda seq, item: list(seq).count(item) if not isinstance(seq, str) else seq.count(item),
              "occurrences of an item"),
}
#: Functions that draw from the case generator's seeded random numbers.
RANDOM_FUNCTIONS: dict[str, str] = {
    "randint": "randint(a, b): an integer a <= n <= b",
    "randlist": "randlist(n, a, b): n integers in a..b",
    "randtext": "randtext(n, alphabet): n characters of alphabet",
    "choice": "choice(list): one item",
    "shuffle": "shuffle(list): the items in a random order",
}

_BINARY = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
    ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
    ast.BitAnd: lambda a, b: a & b, ast.BitOr: lambda a, b: a | b, ast.BitXor: lambda a, b: a ^ b,
    ast.LShift: lambda a, b: a << b, ast.RShift: lambda a, b: a >> b, ast.Pow: lambda a, b: a ** b,
}
_COMPARE = {
    ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}


def parse(text: str) -> ast.Expression:
    """Parse and vet an expression; raises ExpressionError."""
    if not isinstance(text, str):
        raise ExpressionError(f"an expression must be text, not {text!r}")
    if len(text) > 2000:
        raise ExpressionError("an expression longer than 2000 characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"{text!r}: syntax error at column {error.offset}") from None
    return tree


def names(text: str) -> set[str]:
    """Every name an expression mentions (variables and functions)."""
    return {node.id for node in ast.walk(parse(text)) if isinstance(node, ast.Name)}


def evaluate(text: str, variables: dict[str, Any], rng: random.Random | None = None) -> Any:
    """The value of expression ``text`` with ``variables``; ``rng`` serves
    the random functions (None: they are refused, as in a fixed case)."""
    tree = parse(text)
    try:
        return _Evaluator(text, variables, rng).visit(tree.body)
    except ExpressionError:
        raise
    except (TypeError, ValueError, ZeroDivisionError, IndexError, KeyError, OverflowError) as error:
        raise ExpressionError(f"{text!r}: {error}") from None


class _Evaluator:
    def __init__(self, text: str, variables: dict[str, Any], rng: random.Random | None) -> None:
        self.text = text
        self.variables = variables
        self.rng = rng

    def fail(self, message: str) -> ExpressionError:
        return ExpressionError(f"{self.text!r}: {message}")

    def visit(self, node: ast.AST) -> Any:
        method = getattr(self, "v_" + type(node).__name__, None)
        if method is None:
            raise self.fail(f"{type(node).__name__} is not allowed in a challenge expression")
        return method(node)

    def v_Constant(self, node: ast.Constant) -> Any:
        if isinstance(node.value, (bool, int, str)):
            return node.value
        raise self.fail(f"the constant {node.value!r} is not allowed")

    def v_Name(self, node: ast.Name) -> Any:
        if node.id in self.variables:
            return self.variables[node.id]
        if node.id in ("True", "False"):
            return node.id == "True"
        raise self.fail(f"unknown name {node.id!r}")

    def v_List(self, node: ast.List) -> list[Any]:
        return [self.visit(e) for e in node.elts]

    v_Tuple = v_List

    def v_UnaryOp(self, node: ast.UnaryOp) -> Any:
        value = self.visit(node.operand)
        if isinstance(node.op, ast.USub):
            return -value
        if isinstance(node.op, ast.UAdd):
            return +value
        if isinstance(node.op, ast.Invert):
            return ~value
        return not value

    def v_BinOp(self, node: ast.BinOp) -> Any:
        op = _BINARY.get(type(node.op))
        if op is None:
            raise self.fail(f"the operator {type(node.op).__name__} is not allowed")
        left, right = self.visit(node.left), self.visit(node.right)
        if isinstance(node.op, (ast.LShift, ast.Pow)) and isinstance(right, int) and not 0 <= right < MAX_SHIFT:
            raise self.fail(f"a shift or power of {right} (0 to {MAX_SHIFT - 1} allowed)")
        if isinstance(node.op, ast.Mult):
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list)) and isinstance(n, int):
                    _bounded(len(seq) * max(n, 0))
        result = op(left, right)
        if isinstance(result, (str, list)):
            _bounded(len(result))
        return result

    def v_BoolOp(self, node: ast.BoolOp) -> Any:
        if isinstance(node.op, ast.And):
            value: Any = True
            for e in node.values:
                value = self.visit(e)
                if not value:
                    return value
            return value
        value = False
        for e in node.values:
            value = self.visit(e)
            if value:
                return value
        return value

    def v_Compare(self, node: ast.Compare) -> bool:
        left = self.visit(node.left)
        for op, comparator in zip(node.ops, node.comparators):
            fn = _COMPARE.get(type(op))
            if fn is None:
                raise self.fail(f"the comparison {type(op).__name__} is not allowed")
            right = self.visit(comparator)
            if not fn(left, right):
                return False
            left = right
        return True

    def v_IfExp(self, node: ast.IfExp) -> Any:
        return self.visit(node.body) if self.visit(node.test) else self.visit(node.orelse)

    def v_Subscript(self, node: ast.Subscript) -> Any:
        value = self.visit(node.value)
        if isinstance(node.slice, ast.Slice):
            parts = [None if p is None else self.visit(p)
                     for p in (node.slice.lower, node.slice.upper, node.slice.step)]
            return value[slice(*parts)]
        return value[self.visit(node.slice)]

    def v_Call(self, node: ast.Call) -> Any:
        if not isinstance(node.func, ast.Name) or node.keywords:
            raise self.fail("only plain calls of the listed functions are allowed")
        name = node.func.id
        args = [self.visit(a) for a in node.args]
        if name in RANDOM_FUNCTIONS:
            if self.rng is None:
                raise self.fail(f"{name}() needs a generator's random numbers (use it in [[generate]])")
            rng = self.rng
            if name == "randint":
                return rng.randint(int(args[0]), int(args[1]))
            if name == "randlist":
                return _randlist(rng, *args)
            if name == "randtext":
                return _randtext(rng, *args)
            if name == "choice":
                return rng.choice(list(args[0]))
            return _shuffled(rng, args[0])
        entry = FUNCTIONS.get(name)
        if entry is None:
            raise self.fail(f"unknown function {name}()")
        return entry[0](*args)
