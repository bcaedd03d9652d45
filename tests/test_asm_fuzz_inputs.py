"""Fuzzing the assembler where the command-line fuzzing found crashes:
numbers of any length and any Unicode digit, constants (DEC, XFLC,
literals), deep and long expressions, names in any alphabet, DMES counts,
conditional assembly, card columns.  Every input assembles or gives
errors, each one ``FILE:LINE:COL: message`` with a short message; never a
Python exception.  Bounded: a fixed number of examples and a deadline
each (a few seconds in all)."""

import pytest

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.asm.freeform import parse_source_line

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

SETTINGS = dict(max_examples=120, deadline=3000,
                suppress_health_check=[hypothesis.HealthCheck.too_slow])


def check(source: str):
    asm = assemble(source, "f.asm")
    lines = max(1, source.count("\n") + (0 if source.endswith("\n") else 1))
    for diagnostic in asm.errors + asm.warnings:
        assert str(diagnostic).startswith(f"f.asm:{diagnostic.line}:{diagnostic.column}: ")
        assert 1 <= diagnostic.line <= lines and diagnostic.column >= 1
        assert diagnostic.message and len(diagnostic.message) < 400, diagnostic.message
    asm.listing()
    if not asm.errors:
        asm.to_out()
        asm.object_deck()
    return asm


# numbers: ASCII and other Unicode digits, signs, points, exponents, hex
_DIGITS = "0123456789\u00b2\u0663\u00bd\uff11"
_number = st.one_of(
    st.text(alphabet=_DIGITS + "+-./EBFX", min_size=1, max_size=30),
    st.builds(lambda d, n, tail: d * n + tail, st.sampled_from("0197F"),
              st.integers(1, 6000), st.sampled_from(["", "E999", ".5", "B-2", "B99999"])),
    st.sampled_from(["1E999", "-1E999", "NAN", "-NAN", "INF", "-INFINITY", "1E-999",
                     "0.5B-2", "1B-40", "1B40", "/FFFFFFFFF", "-/1", "1_000", "\u00b2"]),
)


@hypothesis.settings(**SETTINGS)
@hypothesis.given(st.sampled_from(["DC", "DEC", "XFLC", "BSS", "BES", "ORG", "SLA", "LDX",
                                   "EQU", "DMES", "LD", "AD"]),
                  st.sampled_from(["", "L", "1", "E", "L1"]),
                  st.sampled_from(["", "=", "'", "/", "-"]), _number)
def test_numbers_never_raise(op, mods, prefix, number):
    label = "X" if op == "EQU" else ""
    check(f"{label}\t{op}\t{mods}\t{prefix}{number}\n\tDC\t\t1\n")


_term = st.one_of(st.sampled_from(["*", "X", "Y", "1", "/FFFF", ".A", "99", "0", "/8000"]),
                  st.text(alphabet="0123456789ABXY/.*'$", min_size=1, max_size=6))


@st.composite
def expressions(draw):
    parts = []
    for i in range(draw(st.integers(1, 40))):
        if i:
            parts.append(draw(st.sampled_from("+-*/")))
        parts.append(draw(st.sampled_from(["", "-", "+", "--"])) * draw(st.integers(0, 3)))
        parts.append(draw(_term))
    text = "".join(parts)
    if draw(st.booleans()):
        text = "-" * draw(st.integers(0, 3000)) + text
    if draw(st.booleans()):
        text = "*".join([text] * draw(st.integers(1, 300)))
    return text


@hypothesis.settings(**SETTINGS)
@hypothesis.given(st.sampled_from(["DC", "EQU", "ORG", "BSS", "LD", "MDX", "SLA", "END"]),
                  expressions())
def test_expressions_never_raise(op, expression):
    label = "Z" if op == "EQU" else ""
    check(f"X\tDC\t\t5\nY\tEQU\t\t/9000\n{label}\t{op}\t\t{expression}\n")


@hypothesis.settings(**SETTINGS)
@hypothesis.given(st.sampled_from(["LINK", "CALL", "LIBF", "DN", "ENT", "EBC", "DSA", "EXIT",
                                   "ISS", "ILS", "FILE", "HDNG", "DMES", "AGO", ".CES"]),
                  st.text(max_size=12), st.text(max_size=40))
def test_names_in_any_alphabet_never_raise(op, mods, name):
    name = name.replace("\n", " ").replace("\r", " ")
    mods = mods.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    check(f"\t{op}\t{mods}\t{name}\n\tEBC\t\t.{name}.\n")


@st.composite
def conditional_programs(draw):
    labels = ["A", "B", "C", "D", "N"]
    lines = []
    for _ in range(draw(st.integers(1, 30))):
        kind = draw(st.sampled_from(["ago", "aif", "anop", "dc", "equ"]))
        target = draw(st.sampled_from(labels + ["", "Q"]))
        label = draw(st.sampled_from(labels + [""] * 3))
        if kind == "ago":
            lines.append(f"\tAGO\t\t{target}")
        elif kind == "aif":
            cond = draw(st.sampled_from(["(1 EQ 1)", "(N LT 2)", "(X GT 1)", "(1 EQ)", "(1)",
                                         "1 EQ 1", "(N EQ N"]))
            lines.append(f"\tAIF\t\t{cond},{target}")
        elif kind == "anop":
            lines.append(f"{label}\tANOP")
        elif kind == "equ":
            lines.append(f"{label or 'N'}\tEQU\t\t{draw(st.integers(-5, 5))}")
        else:
            lines.append(f"{label}\tDC\t\t{draw(st.integers(0, 9))}")
    return "\n".join(lines) + "\n"


@hypothesis.settings(**SETTINGS)
@hypothesis.given(conditional_programs())
def test_conditional_assembly_never_raises(source):
    check(source)


_COLUMN_TEXT = st.text(alphabet=" ABCELIX0123456789-*/'.=,+E3", max_size=8)


@hypothesis.settings(**SETTINGS)
@hypothesis.given(_COLUMN_TEXT, _COLUMN_TEXT,
                  st.sampled_from(["DC", "HDNG", "BSS", "EQU", "LD", "DMES", "XFLC", "DEC",
                                   "BES", "FOO", ""]),
                  st.text(alphabet=" ABCELIX01234-", max_size=3), _COLUMN_TEXT)
def test_card_columns_never_raise(margin, label, op, mods, operand):
    line = f"{margin:<20}{label[:5]:<5} {op:<4} {mods:<3}{operand}"
    asm = check(line + "\n")
    statement = not margin.startswith(("*", "//")) and not label.startswith("*")
    if margin.strip() and statement and not asm.errors:
        # read past columns 1-20 with a warning, or (the card reading failing) in free form
        assert (any("columns 1-20" in w.message for w in asm.warnings)
                or parse_source_line(line, 1).form == "free")
