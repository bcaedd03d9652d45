"""The beam-model display list and its frame contract (DESIGN.md "Vector display")."""

import math
from array import array

import pytest

from machines.vector.displaylist import RECORD, DisplayList


def approx_seg(seg, expected):
    assert seg[:5] == pytest.approx(expected[:5], abs=1e-4)
    assert seg[5] == expected[5]


def test_frame_is_an_array_of_six_float_records_plus_palette_and_count():
    dl = DisplayList(capacity=16)
    dl.line(10, 20, 30, 40, 0.5, 2)
    dl.dot(5, 6)
    buf, palette, count = dl.frame()
    assert isinstance(buf, array) and buf.typecode == "f"
    assert len(buf) == 16 * RECORD == 96
    assert count == 2
    assert list(buf[:12]) == [10, 20, 30, 40, 0.5, 2, 5, 6, 5, 6, 1.0, 0]
    assert palette[2] == (255, 60, 60)


def test_move_is_beam_off_and_draw_continues_from_the_beam():
    dl = DisplayList()
    dl.move(100, 100)
    assert dl.count == 0
    dl.draw(200, 100)
    dl.draw(200, 300, 0.25, 1)
    segs = list(dl.segments())
    approx_seg(segs[0], (100, 100, 200, 100, 1.0, 0))
    approx_seg(segs[1], (200, 100, 200, 300, 0.25, 1))


def test_intensity_is_clamped_and_zero_intensity_draws_nothing():
    dl = DisplayList()
    dl.line(0, 0, 1, 1, 3.0)
    dl.line(0, 0, 1, 1, 0.0)
    dl.line(0, 0, 1, 1, -1.0)
    assert [s[4] for s in dl.segments()] == [1.0]


def test_polyline_closed_and_rect():
    dl = DisplayList()
    dl.polyline([(0, 0), (10, 0), (10, 10)], closed=True)
    assert dl.count == 3
    approx_seg(list(dl.segments())[-1], (10, 10, 0, 0, 1.0, 0))
    dl.clear()
    dl.rect(0, 0, 4, 2)
    assert dl.count == 4 and dl.bounds() == (0, 0, 4, 2)
    dl.clear()
    dl.polyline([])
    assert dl.count == 0 and dl.bounds() is None


def test_transforms_compose_and_pop_restores():
    dl = DisplayList()
    dl.push()
    dl.translate(100, 50)
    dl.rotate(math.pi / 2)
    dl.scale(2)
    dl.line(0, 0, 10, 0)
    dl.pop()
    dl.line(0, 0, 10, 0)
    a, b = list(dl.segments())
    approx_seg(a, (100, 50, 100, 70, 1, 0))  # rotated 90 degrees counter-clockwise, doubled
    approx_seg(b, (0, 0, 10, 0, 1, 0))
    with pytest.raises(IndexError):
        dl.pop()


def test_named_shapes_draw_through_the_transform():
    dl = DisplayList()
    dl.define_shape("tri", [[(0, 0), (10, 0), (0, 10), (0, 0)], [(5, 5)]])
    assert dl.has_shape("tri")
    dl.shape("tri", 100, 100, angle=math.pi, scale=2, intensity=0.5, colour=3)
    segs = list(dl.segments())
    assert len(segs) == 4
    approx_seg(segs[0], (100, 100, 80, 100, 0.5, 3))
    approx_seg(segs[3], (90, 90, 90, 90, 0.5, 3))  # the dot
    with pytest.raises(KeyError):
        dl.shape("nope")


def test_capacity_overflow_drops_and_counts():
    dl = DisplayList(capacity=3)
    for i in range(5):
        dl.dot(i, i)
    assert dl.count == 3 and dl.overflow == 2
    dl.clear()
    assert dl.count == 0 and dl.overflow == 0
    with pytest.raises(ValueError):
        DisplayList(capacity=0)


def test_text_alignment_and_size():
    dl = DisplayList()
    dl.text("HI", 100, 50, size=30)
    left = dl.bounds()
    dl.clear()
    dl.text("HI", 100, 50, size=30, align="right")
    right = dl.bounds()
    dl.clear()
    dl.text("HI", 100, 50, size=30, align="center")
    centre = dl.bounds()
    assert left[0] >= 100 - 1e-3 and right[2] <= 100 + 1e-3
    assert centre[0] < 100 < centre[2]
    assert left[1] >= 50 - 1e-3 and left[3] == pytest.approx(80, abs=1e-3)  # capital height = size


def test_rotate_cs_uses_the_given_cosine_and_sine():
    dl = DisplayList()
    dl.push()
    dl.translate(10, 10)
    dl.rotate_cs(0.0, 2.0)  # 90 degrees, doubled: a game's table value times a scale
    dl.polyline([(0, 0), (5, 0)])
    dl.pop()
    approx_seg(list(dl.segments())[0], (10, 10, 10, 20, 1, 0))
