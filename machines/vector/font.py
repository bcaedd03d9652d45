"""The project's vector font (placeholder interface; the full design follows).

Glyphs sit on a grid: x 0..4 across, y 0..6 from the baseline up (capital
height 6), descenders down to y = -2.  A glyph is a tuple of strokes; a
stroke is a tuple of (x, y) points drawn as connected vectors, a one-point
stroke is a dot.
"""

CAP_HEIGHT = 6.0
GLYPH_WIDTH = 4.0
ADVANCE = 6.0

_GLYPHS: dict[str, tuple[tuple[tuple[float, float], ...], ...]] = {
    "?": (((0, 5), (1, 6), (3, 6), (4, 5), (4, 4), (2, 3), (2, 2)), ((2, 0),)),
}


def strokes(ch: str):
    """Strokes of ``ch``; unknown characters give the "?" glyph."""
    return _GLYPHS.get(ch, _GLYPHS["?"]) if ch != " " else ()


def text_width(s: str) -> float:
    """Width of ``s`` in grid units (no trailing spacing)."""
    return len(s) * ADVANCE - (ADVANCE - GLYPH_WIDTH) if s else 0.0
