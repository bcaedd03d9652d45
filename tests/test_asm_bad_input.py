"""Bad input found by fuzzing the command lines: each gives a clear error
(FILE:LINE:COL: message, short enough to read), never a Python exception."""

import time

import pytest

from machines.ibm1130.asm.assembler import assemble


def only_error(source: str) -> str:
    asm = assemble(source, "f.asm")
    assert len(asm.errors) == 1, asm.error_text()
    message = str(asm.errors[0])
    assert message.startswith("f.asm:1:") and len(message) < 200
    asm.listing()                       # the listing shows it without failing
    return asm.errors[0].message


@pytest.mark.parametrize("source, message", [
    ("\tDEC\t\t1E999\n", "1E999 is out of the floating point range"),
    ("\tDEC\t\t-1E-999B3\n", None),                             # underflows to zero: fine
    ("\tXFLC\t\t-NAN\n", "bad number '-NAN'"),
    ("\tXFLC\t\tINF\n", "bad number 'INF'"),
    ("\tXFLC\t\t1E99999\n", "1E99999 is out of the floating point range"),
    ("\tAD\tL\t=1E999\n", "1E999 is out of the floating point range"),
    ("\tDC\t\t\u00b2\n", "unexpected '\u00b2' in expression"),
    ("\tDC\t\t1\u00b2\n", "unexpected '\u00b2' in expression"),
    ("\tDEC\t\t\u00b2\n", "bad integer '\u00b2'"),
    ("\tLINK\t\tPR\u00c9\n", "character '\u00c9' cannot be in a name"),
    ("\tCALL\t\tPR\u00c9\n", "character '\u00c9' cannot be in a name"),
    ("\tLIBF\t\tPR\u00c9\n", "character '\u00c9' cannot be in a name"),
    ("\tDN\t\tPR\u00c9\n", "character '\u00c9' cannot be in a name"),
])
def test_constants_and_names(source, message):
    asm = assemble(source, "f.asm")
    if message is None:
        assert asm.errors == []
    else:
        assert only_error(source) == message


@pytest.mark.parametrize("source", [
    "\tDC\t\t" + "1" * 5000 + "\n",
    "\tDC\t\t/" + "F" * 5000 + "\n",
    "\tDEC\t\t" + "1" * 5000 + "\n",
    "\tDEC\t\t/" + "1" * 5000 + "\n",
    "\tDEC\t\t1.0B" + "1" * 5000 + "\n",
    "\tBSS\t\t" + "9" * 5000 + "\n",
    "\tORG\t\t" + "9" * 5000 + "\n",
    "\tLD\tL\t=" + "1" * 5000 + "\n",
    "\tDMES\t\t'" + "9" * 5000 + "X\n",
    "\tSLA\t\t" + "7" * 5000 + "\n",
], ids=lambda source: source.split("\t")[1])
def test_a_5000_digit_number(source):
    started = time.perf_counter()
    message = only_error(source)
    assert "..." in message or "999" in message or "range" in message
    assert time.perf_counter() - started < 5


def test_a_5000_digit_fraction_is_a_number():
    asm = assemble("\tDEC\t\t1." + "1" * 5000 + "\n", "f.asm")
    assert asm.errors == [] and [asm.words[0], asm.words[1]] == [0x471C, 0x7181]


def test_a_big_dmes_repeat_count_is_refused_not_expanded():
    assert only_error("\tDMES\t\t'99999999X\n") == "DMES count 99999999 is more than 999"
    asm = assemble("\tDMES\t\t'999X'E\n", "f.asm")
    assert asm.errors == [] and len(asm.words) == 500


def test_a_thousand_unary_minus_signs():
    asm = assemble("\tDC\t\t" + "-" * 1000 + "1\n\tDC\t\t" + "-" * 1001 + "1\n", "f.asm")
    assert asm.errors == []
    assert [asm.words[0], asm.words[1]] == [1, 0xFFFF]


def test_a_1100_term_product_wraps():
    asm = assemble("\tDC\t\t" + "*".join(["99"] * 1100) + "\n", "f.asm")
    assert asm.errors == []
    assert asm.words[0] == pow(99, 1100, 1 << 16)


def test_long_names_in_messages_are_cut_short():
    message = only_error("\tDC\t\t" + "A" * 3000 + "\n")
    assert len(message) < 120
