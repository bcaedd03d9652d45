"""Fuzzing the readers of files a user hands us: text and binary card decks
(cards.py), SIMH load files (asm/loadformat.py parse_out) and the games'
inputs files.  Whatever the input, each either reads or raises its one
documented error type, naming the file and a line (or card) and column that
exist.  Bounded: fixed examples (150, 60 for binary decks), derandomized, a few
seconds in all."""

import json
import math

import pytest

from machines.ibm1130.asm.loadformat import MAX_MEMORY, LoadFormatError, parse_out
from machines.ibm1130.cards import (COLUMNS, CARD_BYTES, Card, DeckError, deck_from_bytes,
                                    deck_from_file_bytes, deck_from_text, LAYOUTS)
from games import controls
from games.inputs import InputFileError, parse, parse_bytes

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

FUZZ = hypothesis.settings(max_examples=150, deadline=2000, derandomize=True, database=None,
                           suppress_health_check=[hypothesis.HealthCheck.too_slow])
FUZZ_BINARY = hypothesis.settings(FUZZ, max_examples=60)     # 80 column words a card: slower to draw


# -- card decks ---------------------------------------------------------------

# Characters the 029 punches, ones it cannot, tabs and line ends, lower case.
_DECK_CHARS = st.sampled_from(list("ABCZ019 &-/.,'=+*()$#@%<>_?:;\"!|~^`[]{}\\abcz\t\r\n\x00\x7f") +
                              ["\u00a2", "\u00ac", "\u00e9", "\u2028", "\U0001f600"])


def _check_deck_error(e: DeckError, filename: str, cards: int) -> None:
    assert str(e).startswith(f"{filename}:{e.card}")
    assert 1 <= e.card <= max(cards, 1)
    assert e.column is None or 1 <= e.column <= COLUMNS
    assert e.message


@FUZZ
@hypothesis.given(st.text(_DECK_CHARS, max_size=400) | st.text(max_size=200),
                  st.sampled_from(LAYOUTS), st.booleans())
def test_text_decks_read_or_name_card_and_column(text, layout, lowercase):
    warnings = []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    try:
        deck = deck_from_text(text, "f.txt", layout=layout, lowercase=lowercase, warn=warnings.append)
    except DeckError as e:
        _check_deck_error(e, "f.txt", len(lines))
    else:
        assert len(deck) == len(lines)
        assert all(isinstance(c, Card) and len(c.columns) == COLUMNS for c in deck)
        assert len(warnings) <= 1 and all(w.startswith("f.txt:") for w in warnings)


_column_words = st.integers(0, 0xFFFF).map(lambda w: w.to_bytes(2, "little"))
_card_images = st.lists(_column_words, min_size=80, max_size=80).map(b"".join)


@FUZZ_BINARY
@hypothesis.given(st.binary(max_size=500) | st.lists(_card_images, max_size=3).map(b"".join))
def test_binary_decks_read_or_name_card_and_column(data):
    try:
        deck = deck_from_bytes(data, "f.bin")
    except DeckError as e:
        _check_deck_error(e, "f.bin", len(data) // CARD_BYTES + 1)
    else:
        assert len(deck) * CARD_BYTES == len(data)
        assert all(w & 0xF == 0 for card in deck for w in card.columns)


@FUZZ_BINARY
@hypothesis.given(st.binary(max_size=500) | st.lists(_card_images, max_size=2).map(b"".join)
                  | st.text(_DECK_CHARS, max_size=300).map(lambda t: t.encode("utf-8")),
                  st.sampled_from(["f.bin", "f.txt", "F.BIN", "f"]))
def test_deck_files_read_by_name_or_content_or_name_the_card(data, filename):
    lines = max(data.count(b"\n") + 1, len(data) // CARD_BYTES + 1)
    try:
        deck = deck_from_file_bytes(data, filename, warn=lambda message: None)
    except DeckError as e:
        _check_deck_error(e, filename, lines)
    else:
        assert all(len(c.columns) == COLUMNS for c in deck)


# -- SIMH load files ----------------------------------------------------------

_LOAD_TOKENS = st.sampled_from(["@", "=", "Z", "z", "S", "s", "0", "1F", "ffff", "10000", "7FFF",
                                "8000", "R", "1R", "0x10", "+1", "-1", "_", "g", "C004", "@7FFF",
                                " ", "  ", "\t", "\n", "\r\n", "\r", ";", "# c", ";x", "\x0c",
                                "\u2028", "\u00e9", "9" * 30])
_load_text = st.lists(_LOAD_TOKENS, max_size=40).map("".join)


@FUZZ
@hypothesis.given(_load_text | st.text(max_size=200), st.sampled_from([MAX_MEMORY, 4096, 16]))
def test_load_files_read_or_name_line_and_column(text, memory_words):
    try:
        image = parse_out(text, "f.out", memory_words=memory_words)
    except LoadFormatError as e:
        lines = text.splitlines()
        assert 1 <= e.line <= len(lines) and e.message
        assert str(e).startswith(f"f.out:{e.line}:" + (f"{e.column}:" if e.column else ""))
        assert e.column is None or 1 <= e.column <= len(lines[e.line - 1]) + 1
    else:
        assert all(0 <= a < memory_words and 0 <= w <= 0xFFFF for a, w in image.words.items())
        assert image.start is None or 0 <= image.start < memory_words
        assert image.switches is None or 0 <= image.switches <= 0xFFFF


# -- the games' inputs files --------------------------------------------------

_json_scalars = (st.none() | st.booleans() | st.integers()
                 | st.sampled_from([10**400, -10**400, 2**1024, 10**4299, 1e308])
                 | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=6))
_json_values = st.recursive(_json_scalars, lambda inner: st.lists(inner, max_size=3)
                            | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)
# Mostly well-formed (so the checks past the JSON are reached), some not.
_control_names = st.sampled_from(list(controls.NAMES + controls.PLAYER2) + ["jump", "Up", "p2_lever", ""])
_huge = st.sampled_from([10**400, -10**400, 2**1024, -(10**4299), 1e308, float("inf"), float("nan")])
_control_values = st.booleans() | st.floats(-100, 100) | _huge | _huge | _json_values
_controls = st.dictionaries(_control_names, _control_values, max_size=4)
_frames = st.integers(0, 1000) | st.integers(0, 1000) | st.integers(-2, 10**400) | _json_values
_objects = st.fixed_dictionaries({"frame": _frames}, optional={"controls": _controls | _json_values,
                                                                 "extra": _json_values})


def _line(obj) -> str:
    return json.dumps(obj, allow_nan=True)


_inputs_lines = st.lists(_objects.map(_line) | _json_values.map(_line)
                         | st.sampled_from(["", "# c", "  ", "{", "}", '{"frame": 0,}', "\r", "[[[["])
                         | st.text(max_size=30), max_size=6)


@FUZZ
@hypothesis.given(_inputs_lines, st.sampled_from(["\n", "\r\n"]))
def test_inputs_files_read_or_name_line_and_column(lines, newline):
    text = newline.join(lines)
    try:
        changes = parse(text, "f.jsonl")
    except InputFileError as e:
        all_lines = text.split("\n")
        assert str(e).startswith(f"f.jsonl:{e.line}:{e.column}: ")
        assert 1 <= e.line <= len(all_lines)
        assert 1 <= e.column <= len(all_lines[e.line - 1]) + 1
    else:
        assert [f for f, _ in changes] == sorted(f for f, _ in changes)
        for frame, partial in changes:
            full = controls.normalise(partial)
            assert all(math.isfinite(full[n]) for n in controls.ANALOG)


@FUZZ
@hypothesis.given(st.binary(max_size=200) | _inputs_lines.map(lambda ls: "\n".join(ls).encode("utf-8")))
def test_inputs_file_bytes_read_or_name_line_and_column(data):
    try:
        parse_bytes(data, "f.jsonl")
    except InputFileError as e:
        assert str(e).startswith(f"f.jsonl:{e.line}:{e.column}: ")
        assert 1 <= e.line <= data.count(b"\n") + 1 and e.column >= 1


@FUZZ
@hypothesis.given(st.integers(0, 10**6), _controls, st.sampled_from(["", " ", "\t"]))
def test_one_well_formed_line_of_any_controls_reads_or_names_the_control(frame, ctls, pad):
    line = pad + json.dumps({"frame": frame, "controls": ctls}, allow_nan=True)
    try:
        [(got, partial)] = parse(line, "f.jsonl")
    except InputFileError as e:
        assert (e.line, str(e).split(":")[0]) == (1, "f.jsonl")
        name = json.dumps(str(e).split("'")[1], ensure_ascii=False)
        assert line[e.column - 1:].startswith(name)           # at the control's key
    else:
        assert got == frame
        full = controls.normalise(partial)
        assert all(math.isfinite(full[n]) for n in controls.ANALOG)
