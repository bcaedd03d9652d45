"""Fuzzing: random source never raises a Python exception; it assembles or
gives errors, each one FILE:LINE:COL with a line and column in the source."""


from machines.ibm1130.asm.assembler import OPERATIONS, assemble

import hypothesis  # a dev dependency, in Pyodide too: imported, never skipped
st = hypothesis.strategies

_OPS = sorted(OPERATIONS) + ["", "FOO", "CMP"]
_FIELD = st.text(alphabet="ABCXZ0123456789/*+-.,='@$# ()LI\t", max_size=12)


def _check(source: str):
    asm = assemble(source, "f.asm")
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for err in asm.errors:
        assert str(err).startswith(f"f.asm:{err.line}:{err.column}: ")
        assert 1 <= err.line <= max(1, len(lines))
        assert err.column >= 1 and err.message
    asm.listing()
    if not asm.errors:
        asm.to_out()
        if asm.externals == [] and asm.words:
            asm.core_image_deck()
        asm.object_deck()


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.text(max_size=200))
def test_random_text_never_raises(text):
    _check(text)


@st.composite
def statements(draw):
    label = draw(st.sampled_from(["", "A", "LOOP", "X1", "TOOLONG", "1BAD", "N'X"]))
    op = draw(st.sampled_from(_OPS))
    mods = draw(st.sampled_from(["", "L", "I", "1", "L2", "I3", "X", "E", "0", "LL", "Q"]))
    operand = draw(_FIELD)
    if draw(st.booleans()):
        return f"{label}\t{op}\t{mods}\t{operand}"
    return f"{' ' * 20}{label:<5} {op:<4} {mods:<2} {operand}"


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(st.lists(statements(), max_size=15))
def test_random_statements_never_raise(lines):
    _check("\n".join(lines) + "\n")
