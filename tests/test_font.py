"""The vector font: coverage, bounds, distinct glyphs, and text through the display list."""

from __future__ import annotations

import math

import pytest

from machines.vector import font
from machines.vector.displaylist import DisplayList

PRINTABLE = [chr(c) for c in range(0x20, 0x7F)]


def _segments(glyph):
    """Each stroke as a set of undirected segments and dots (exact geometry)."""
    out = set()
    for stroke in glyph:
        if len(stroke) == 1:
            out.add(("dot", stroke[0]))
        for a, b in zip(stroke, stroke[1:]):
            out.add(frozenset((a, b)) if a != b else ("dot", a))
    return frozenset(out)


def _cells(glyph, step=0.5):
    """The half-unit grid cells the beam passes through: a coarse bitmap."""
    cells = set()
    for stroke in glyph:
        if len(stroke) == 1:  # a dot is a bright disc, not one cell
            cx, cy = round(stroke[0][0] / step), round(stroke[0][1] / step)
            cells |= {(cx, cy), (cx + 1, cy), (cx - 1, cy), (cx, cy + 1), (cx, cy - 1)}
            continue
        pts = list(stroke)
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            n = max(1, int(math.hypot(x1 - x0, y1 - y0) / 0.1))
            for i in range(n + 1):
                t = i / n
                cells.add((round((x0 + t * (x1 - x0)) / step), round((y0 + t * (y1 - y0)) / step)))
    return cells


def test_every_printable_character_has_its_own_glyph():
    question = font.strokes("?")
    for ch in PRINTABLE:
        glyph = font.strokes(ch)
        if ch == " ":
            assert glyph == ()
        else:
            assert glyph, f"{ch!r} has no strokes"
            assert ch == "?" or glyph != question, f"{ch!r} falls back to '?'"
    assert font.CHARACTERS == "".join(PRINTABLE)


def test_glyphs_stay_on_the_grid():
    for ch in PRINTABLE:
        for stroke in font.strokes(ch):
            assert len(stroke) >= 1
            for x, y in stroke:
                assert 0 <= x <= font.GLYPH_WIDTH, (ch, x, y)
                assert -2 <= y <= font.CAP_HEIGHT, (ch, x, y)


def test_no_two_glyphs_are_the_same_shape():
    seen = {}
    for ch in PRINTABLE[1:]:
        key = _segments(font.strokes(ch))
        assert key not in seen, f"{ch!r} has the same strokes as {seen[key]!r}"
        seen[key] = ch


def test_glyphs_differ_visibly():
    """Rasterized to a half-unit grid, any two glyphs differ in at least 4 cells."""
    bitmaps = {ch: _cells(font.strokes(ch)) for ch in PRINTABLE[1:]}
    chars = list(bitmaps)
    for i, a in enumerate(chars):
        for b in chars[i + 1:]:
            assert len(bitmaps[a] ^ bitmaps[b]) >= 4, f"{a!r} and {b!r} look alike"


def test_lower_case_is_distinct_and_sits_at_x_height():
    for up in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        low = up.lower()
        assert font.strokes(low) != font.strokes(up)
        ys = [y for stroke in font.strokes(low) for _, y in stroke]
        if low in "acemnorsuvwxz":
            assert max(ys) == font.X_HEIGHT, low
        if low in "bdfhkl":
            assert max(ys) == font.CAP_HEIGHT, low
        if low in "gjpqy":
            assert min(ys) == font.DESCENT, low
        ys_up = [y for stroke in font.strokes(up) for _, y in stroke]
        assert min(ys_up) == 0 and max(ys_up) == font.CAP_HEIGHT, up


def test_unknown_characters_draw_as_question_mark():
    for ch in ("\n", "\x7f", "é", "€", "\x00"):
        assert font.strokes(ch) == font.strokes("?")


def test_dots_are_one_point_strokes():
    assert ((2.0, 0.0),) in font.strokes(".")
    assert sum(len(s) == 1 for s in font.strokes(":")) == 2


def test_text_width():
    assert font.text_width("") == 0.0
    assert font.text_width("A") == font.GLYPH_WIDTH
    assert font.text_width("SCORE") == 5 * font.ADVANCE - (font.ADVANCE - font.GLYPH_WIDTH)


def test_display_list_text_draws_where_expected():
    dl = DisplayList()
    dl.text("L", 100, 200, size=60)  # scale 10: the L runs (0,6)-(0,0)-(4,0)
    segs = [tuple(round(v, 3) for v in s[:4]) for s in dl.segments()]
    assert segs == [(100, 260, 100, 200), (100, 200, 140, 200)]
    dl.clear()
    dl.text("i", 0, 0, size=6.0)
    assert (2.0, 6.0, 2.0, 6.0) in [s[:4] for s in dl.segments()]  # the dot of the i


def test_display_list_text_alignment_and_bounds():
    dl = DisplayList()
    dl.text("HELLO", 512, 100, size=24, align="center")
    x0, y0, x1, y1 = dl.bounds()
    width = font.text_width("HELLO") * 24 / font.CAP_HEIGHT
    assert x0 == pytest.approx(512 - width / 2) and x1 == pytest.approx(512 + width / 2)
    assert (y0, y1) == (pytest.approx(100), pytest.approx(124))
    dl.clear()
    dl.text("gy", 0, 100, size=30)
    assert dl.bounds()[1] == pytest.approx(100 - 2 * 30 / font.CAP_HEIGHT)  # descenders
