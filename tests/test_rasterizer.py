"""The numpy rasterizer: where the beam lights, letterboxing, additive blending, colours, PNGs."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("PIL")

from machines.vector.displaylist import DisplayList  # noqa: E402
from machines.vector.rasterizer import (  # noqa: E402
    letterbox, lit_fraction, normalized_sigmoid, rasterize, write_png)

pytestmark = pytest.mark.desktop

SQUARE = (0.0, 0.0, 1024.0, 1024.0)


def test_horizontal_line_lights_its_row_only():
    dl = DisplayList()
    dl.line(256, 512, 768, 512)  # y = 512 is the middle of the 256-pixel image
    img = rasterize(dl, SQUARE, 256, 256, glow=False)
    lum = img.max(axis=2)
    lit_rows = np.nonzero(lum.max(axis=1) > 64)[0]
    assert set(lit_rows) <= {126, 127, 128, 129} and lit_rows.size >= 1
    row = lum[lit_rows[0]]
    assert (row[70:186] > 64).all()          # along the line
    assert (row[:60] == 0).all() and (row[196:] == 0).all()  # not beyond its ends
    assert (lum[:120] == 0).all() and (lum[136:] == 0).all()


def test_glow_spreads_a_little_but_not_far():
    dl = DisplayList()
    dl.line(256, 512, 768, 512)
    bare = rasterize(dl, SQUARE, 512, 512, glow=False).max(axis=2)
    glow = rasterize(dl, SQUARE, 512, 512).max(axis=2)
    assert bare[253, 256] == 0 and glow[253, 256] > 0  # the halo lights rows near the line
    assert (glow[:240] == 0).all() and (glow[272:] == 0).all()  # and fades within a few pixels


def test_y_is_up():
    dl = DisplayList()
    dl.dot(512, 900)
    img = rasterize(dl, SQUARE, 128, 128)
    y, x = np.unravel_index(img.max(axis=2).argmax(), (128, 128))
    assert y < 20 and 60 < x < 68


def test_default_size_and_letterbox_keep_the_aspect():
    wide = (0.0, 0.0, 1024.0, 768.0)
    assert letterbox(wide)[:2] == (768, 576)
    assert letterbox((0, 0, 768, 1024))[:2] == (576, 768)
    assert letterbox(wide, width=400)[:2] == (400, 300)
    w, h, (left, top, scale) = letterbox(SQUARE, 400, 200)
    assert (w, h, left, top) == (400, 200, 100.0, 0.0) and scale == pytest.approx(200 / 1024)
    # A square drawn round the whole window stays square inside a wide image.
    dl = DisplayList()
    dl.rect(1, 1, 1023, 1023)
    img = rasterize(dl, SQUARE, 400, 200, glow=False)
    cols = np.nonzero(img.max(axis=2).max(axis=0) > 32)[0]
    assert cols.min() >= 99 and cols.max() <= 300
    assert cols.max() - cols.min() == pytest.approx(200, abs=3)


def test_nothing_drawn_outside_the_window():
    dl = DisplayList()
    dl.line(0, 100, 1024, 100)  # below a window that starts at y = 200
    img = rasterize(dl, (0, 200, 1024, 1000), 256, 256)
    assert img.max() == 0


def test_crossing_lines_add_up():
    dl = DisplayList()
    dl.line(100, 512, 924, 512, intensity=0.4)
    dl.line(512, 100, 512, 924, intensity=0.4)
    lum = rasterize(dl, SQUARE, 256, 256, glow=False).astype(int).max(axis=2)
    lit = lum[lum > 0]
    crossing = lum[126:130, 126:130].max()
    along = lum[126:130, 60].max()
    assert crossing > along * 1.6 and crossing == lit.max()


def test_colour_index_is_respected():
    dl = DisplayList()
    dl.line(100, 702, 900, 702, colour=2)   # red, along the centres of pixel row 80
    dl.line(100, 302, 900, 302, colour=4)   # blue, row 180
    img = rasterize(dl, SQUARE, 256, 256).astype(int)
    red = img[80:90, 128].max(axis=0)
    blue = img[176:186, 128].max(axis=0)
    assert red[0] > 200 and red[0] > 2 * red[2] and red[0] > 2 * red[1]
    assert blue[2] > 200 and blue[2] > 2 * blue[0]
    dl.clear()
    dl.line(0, 0, 10, 10, colour=len(dl.palette))
    with pytest.raises(IndexError, match="palette"):
        rasterize(dl, SQUARE, 32, 32)


def test_brighter_beam_is_wider():
    dl = DisplayList()
    dl.line(100, 700.5, 900, 700.5, intensity=1.0)  # along pixel centres (row 323)
    dl.line(100, 300.5, 900, 300.5, intensity=0.3)  # row 723
    lum = rasterize(dl, SQUARE, 1024, 1024, glow=False).max(axis=2)
    bright = (lum[:, 512][300:350] > 0).sum()
    dim = (lum[:, 512][700:750] > 0).sum()
    assert bright > dim


def test_dots_are_small_discs():
    dl = DisplayList()
    dl.dot(512, 512)
    lum = rasterize(dl, SQUARE, 256, 256, glow=False).max(axis=2)
    ys, xs = np.nonzero(lum > 0)
    assert 2 <= len(ys) <= 30
    assert abs(ys.mean() - 127.5) < 1 and abs(xs.mean() - 127.5) < 1
    assert ys.max() - ys.min() == xs.max() - xs.min()  # round, not a streak


def test_polyline_corners_are_not_lit_twice():
    dl = DisplayList()
    dl.polyline([(200, 200), (800, 200), (800, 800)], intensity=0.4)
    lum = rasterize(dl, SQUARE, 256, 256, glow=False).astype(int).max(axis=2)
    along = lum[lum > 0].max()
    dl.clear()
    dl.line(200, 200, 800, 200, intensity=0.4)
    single = rasterize(dl, SQUARE, 256, 256, glow=False).astype(int).max()
    assert along <= single + 2


def test_persistence_keeps_a_fading_trail():
    dl = DisplayList()
    dl.line(100, 512, 900, 512)
    first = rasterize(dl, SQUARE, 128, 128)
    dl.clear()
    after = rasterize(dl, SQUARE, 128, 128, persistence=(first, 0.5))
    assert 0 < after.max() <= first.max() // 2 + 1
    with pytest.raises(ValueError):
        rasterize(dl, SQUARE, 64, 64, persistence=(first, 0.5))


def test_empty_frame_is_black_and_lit_fraction():
    dl = DisplayList()
    img = rasterize(dl, SQUARE, 64, 48)
    assert img.shape == (48, 64, 3) and img.dtype == np.uint8 and img.max() == 0
    assert lit_fraction(img) == 0.0
    dl.text("HELLO", 100, 400, size=200)
    assert 0.02 < lit_fraction(rasterize(dl, SQUARE, 128, 128)) < 0.5


def test_bad_window_is_a_value_error():
    with pytest.raises(ValueError, match="window"):
        rasterize(DisplayList(), (0, 0, 0, 100))


def test_write_png_round_trip(tmp_path):
    from PIL import Image
    dl = DisplayList()
    dl.text("PNG", 100, 400, size=200, colour=1)
    out = tmp_path / "frame.png"
    write_png(dl, out, SQUARE, 200, 100)
    with Image.open(out) as im:
        assert im.size == (200, 100) and im.mode == "RGB"
        assert np.array_equal(np.asarray(im), rasterize(dl, SQUARE, 200, 100))


def test_write_png_to_an_unwritable_path_raises_oserror(tmp_path):
    dl = DisplayList()
    with pytest.raises(OSError):
        write_png(dl, tmp_path / "no" / "such" / "dir" / "x.png", SQUARE, 16, 16)


def test_mame_sigmoid_weighting():
    assert normalized_sigmoid(0.5, 0.0) == 0.5                  # 0: linear
    assert normalized_sigmoid(1.0, 0.7) == pytest.approx(1.0)   # ends fixed
    assert normalized_sigmoid(0.0, -0.7) == 0.0
    assert normalized_sigmoid(0.3, -0.5) > 0.3 > normalized_sigmoid(0.3, 0.5)
