"""The 3D camera (machines/vector/camera3d.py): projection worked out by hand,
clipping exactly at each of the six frustum planes, depth fading, models."""

import math

import pytest

from machines.vector.camera3d import Camera, Model
from machines.vector.displaylist import DisplayList


def cam(**kw):
    """fov 90 degrees (kx = 1), near 1, far 100, the full square space:
    focal length 512, centre (512, 512)."""
    args = dict(fov=math.radians(90), near=1.0, far=100.0, viewport=(0, 0, 1024, 1024))
    args.update(kw)
    return Camera(**args)


def W(vx, vy, vz):
    """World point for a view-space point of the default camera (at the
    origin, yaw 0: right is world -x, up +y, forward +z)."""
    return (-vx, vy, vz)


def close(a, b, abs=1e-6):
    return a == pytest.approx(b, abs=abs)


# ------------------------------------------------------------- projection
def test_conventions_yaw_zero_looks_along_plus_z_with_minus_x_to_the_right():
    c = cam()
    assert close(c.to_view((0, 0, 10)), (0, 0, 10))
    assert close(c.to_view((-3, 2, 10)), (3, 2, 10))
    assert close(c.to_view((0, 0, -5)), (0, 0, -5))
    right, up, forward = c.basis()
    assert close(right, (-1, 0, 0)) and close(up, (0, 1, 0)) and close(forward, (0, 0, 1))


def test_points_project_where_hand_computation_says():
    c = cam()
    assert close(c.project((0, 0, 10)), (512, 512))
    # vx = 5 at depth 10: 512 + 5 * 512 / 10
    assert close(c.project((-5, 0, 10)), (768, 512))
    assert close(c.project((0, 5, 10)), (512, 768))
    assert close(c.project((2, -1, 4)), (512 - 2 * 128, 512 - 128))
    # On the side planes (|vx| = vz) is still inside.
    assert close(c.project((10, 0, 10)), (0, 512))
    assert close(c.project((-10, 10, 10)), (1024, 1024))


def test_points_outside_the_frustum_project_to_none():
    c = cam()
    assert c.project((0, 0, -10)) is None           # behind
    assert c.project((0, 0, 0.5)) is None           # nearer than near
    assert c.project((0, 0, 100.5)) is None         # beyond far
    assert c.project((-10.5, 0, 10)) is None        # right of the view
    assert c.project((10.5, 0, 10)) is None         # left
    assert c.project((0, 10.5, 10)) is None         # above
    assert c.project((0, -10.5, 10)) is None        # below


def test_positive_yaw_turns_left_toward_plus_x():
    c = cam(yaw=math.pi / 2)
    assert close(c.project((10, 0, 0)), (512, 512))
    # Looking along +x, +z is now on the right: vx = 5 at depth 10.
    assert close(c.to_view((10, 0, 5)), (5, 0, 10))
    assert close(c.project((10, 0, 5)), (768, 512))
    assert c.project((0, 0, 10)) is None


def test_camera_position_is_subtracted():
    c = cam(x=100, y=3, z=-50)
    assert close(c.to_view((95, 3, -40)), (5, 0, 10))
    assert close(c.project((95, 8, -40)), (768, 768))


def test_positive_pitch_looks_up():
    c = cam(pitch=math.radians(45))
    assert close(c.project((0, 10, 10)), (512, 512))
    s = math.sqrt(0.5)
    assert close(c.to_view((0, 0, 10)), (0, -10 * s, 10 * s))
    # A level point 45 degrees below the line of sight sits on the bottom edge.
    assert close(c.project((0, 0, 10)), (512, 0))
    assert close(c.horizon_y(), 0.0)


def test_non_square_viewport_keeps_square_units_and_narrows_the_vertical_angle():
    c = cam(viewport=(100, 200, 612, 456))    # 512 x 256, centre (356, 328)
    assert close((c.focal, c.kx, c.ky), (256, 1.0, 0.5))
    assert close(c.project((-1, 1, 4)), (356 + 64, 328 + 64))
    assert close(c.project((0, 5, 10)), (356, 456))
    assert c.project((0, 5.1, 10)) is None
    assert close(c.project((10, 0, 10)), (100, 328))


def test_lens_can_change_and_bad_lenses_are_refused():
    c = cam()
    c.fov = math.radians(60)
    assert close(c.focal, 512 / math.tan(math.radians(30)))
    with pytest.raises(ValueError):
        c.fov = math.pi
    with pytest.raises(ValueError):
        cam(near=0.0)
    with pytest.raises(ValueError):
        cam(near=5.0, far=5.0)
    with pytest.raises(ValueError):
        cam(viewport=(0, 0, 0, 10))


def test_bearing_of_scenery_at_infinity():
    c = cam(yaw=0.3)
    assert close(c.screen_x_of_bearing(0.3), 512)
    # 45 degrees to the left of the line of sight lands on the left edge.
    assert close(c.screen_x_of_bearing(0.3 + math.pi / 4), 0.0)
    assert close(c.screen_x_of_bearing(0.3 - math.pi / 4), 1024.0)
    assert c.screen_x_of_bearing(0.3 + math.pi) is None


# --------------------------------------------------------------- clipping
def test_segment_inside_is_unchanged():
    (a, b, z0, z1) = cam().clip_segment(W(1, 0, 4), W(-2, 1, 8))
    assert close(a, (512 + 128, 512)) and close(b, (512 - 128, 512 + 64))
    assert (z0, z1) == (4, 8)


def test_clipped_at_the_near_plane():
    c = cam()
    # View (0.5, 0, -1) -> (0.5, 0, 3) crosses vz = 1 halfway.
    a, b, z0, z1 = c.clip_segment(W(0.5, 0, -1), W(0.5, 0, 3))
    assert close(z0, 1.0) and close(a, (768, 512)) and z1 == 3
    assert close(b, (512 + 0.5 * 512 / 3, 512))
    # Order of the ends is kept.
    a2, b2, z0, z1 = c.clip_segment(W(0.5, 0, 3), W(0.5, 0, -1))
    assert close(b2, (768, 512)) and close(z1, 1.0)


def test_clipped_at_the_far_plane():
    a, b, z0, z1 = cam().clip_segment(W(0, 1, 50), W(0, 1, 150))
    assert close(z1, 100.0) and close(b, (512, 512 + 512 / 100))
    assert close(a, (512, 512 + 512 / 50)) and z0 == 50


@pytest.mark.parametrize("end, edge", [
    ((20, 0, 10), (1024, 512)),      # right side plane vx = vz
    ((-20, 0, 10), (0, 512)),        # left side plane
    ((0, 20, 10), (512, 1024)),      # top plane vy = vz
    ((0, -20, 10), (512, 0)),        # bottom plane
])
def test_clipped_at_each_side_plane(end, edge):
    a, b, z0, z1 = cam().clip_segment(W(0, 0, 10), W(*end))
    assert close(a, (512, 512)) and close(b, edge) and close(z1, 10.0)


def test_side_plane_crossing_at_an_angle_is_cut_at_the_exact_point():
    # View (2, 0, 4) -> (12, 0, 4 + 10): vx - vz = -2 + 0 t... take a segment
    # whose depth changes: (0, 0, 4) -> (8, 0, 6) meets vx = vz at t = 4/6.
    a, b, z0, z1 = cam().clip_segment(W(0, 0, 4), W(8, 0, 6))
    t = 4 / 6
    x, z = 8 * t, 4 + 2 * t
    assert close(x, z) and close(z1, z) and close(b, (1024, 512))


def test_segment_through_the_view_with_both_ends_outside_is_cut_on_both_sides():
    a, b, z0, z1 = cam().clip_segment(W(-20, 0, 10), W(20, 0, 10))
    assert close(a, (0, 512)) and close(b, (1024, 512))
    a, b, z0, z1 = cam().clip_segment(W(0, 0, -50), W(0, 0, 500))
    assert close((z0, z1), (1.0, 100.0)) and close(a, (512, 512)) and close(b, (512, 512))


def test_segments_wholly_outside_are_rejected():
    c = cam()
    assert c.clip_segment(W(0, 0, -5), W(3, 3, -1)) is None          # behind
    assert c.clip_segment(W(0, 0, 120), W(5, 5, 200)) is None        # beyond far
    assert c.clip_segment(W(15, -3, 10), W(25, 3, 10)) is None       # right
    # Passing outside the top-right corner: each end is inside one of the
    # two planes, yet no point is inside both.
    assert c.clip_segment(W(15, 0, 10), W(10, 15, 10)) is None


# ------------------------------------------------------------- intensity
def test_depth_fading_law():
    c = cam(fade_min=0.2)
    assert c.fade(0.5) == 1.0 and c.fade(1.0) == 1.0
    assert close(c.fade(100.0), 0.2) and c.fade(500.0) == 0.2
    assert close(c.fade(50.5), 0.6)           # halfway from near to far
    c.fade_start = 20.0
    assert c.fade(20.0) == 1.0 and close(c.fade(60.0), 0.6)


def test_line_draws_clipped_with_intensity_falling_with_depth():
    c = cam(fade_min=0.2)
    dl = DisplayList()
    assert c.line(dl, W(-1, 0, 1), W(1, 0, 1), 0.9, 3)
    assert c.line(dl, W(-1, 0, 50.5), W(1, 0, 50.5), 0.9, 3)
    assert not c.line(dl, W(0, 0, -3), W(0, 1, -3))
    (s0, s1) = list(dl.segments())
    assert close(s0[:4], (0, 512, 1024, 512), abs=1e-3) and close(s0[4], 0.9, abs=1e-6)
    assert close(s1[4], 0.9 * 0.6, abs=1e-6) and s1[5] == 3
    # Nearer things are brighter.
    assert s0[4] > s1[4]


# ----------------------------------------------------------------- models
SQUARE = Model([(-1, 0, -1), (1, 0, -1), (1, 0, 1), (-1, 0, 1)],
               [(0, 1), (1, 2), (2, 3), (3, 0)], "square")


def test_model_checks_edges_and_has_a_bounding_radius():
    assert close(SQUARE.radius, math.sqrt(2))
    with pytest.raises(ValueError):
        Model([(0, 0, 0)], [(0, 1)])


def test_model_heading_turns_its_front_by_the_yaw_rule():
    stick = Model([(0, 0, 0), (0, 0, 1)], [(0, 1)])
    dl = DisplayList()
    assert cam().model(dl, stick, (0, 0, 10), heading=math.pi / 2, scale=2.0) == 1
    # Front (0, 0, 1) turned a quarter left faces +x: world (2, 0, 10), vx = -2.
    (x0, y0, x1, y1, _, _) = next(dl.segments())
    assert close((x0, y0, x1, y1), (512, 512, 512 - 2 * 51.2, 512), abs=1e-3)


def world_edges(model, position, heading, scale):
    s, co = math.sin(heading), math.cos(heading)
    pts = [(position[0] + scale * (x * co + z * s), position[1] + scale * y,
            position[2] + scale * (-x * s + z * co)) for x, y, z in model.vertices]
    return [(pts[i], pts[j]) for i, j in model.edges]


@pytest.mark.parametrize("pos, heading, scale, pitch, yaw", [
    ((0, -2, 10), 0.4, 1.5, 0.0, 0.0),        # wholly inside: the unclipped path
    ((9, -2, 10), 1.1, 3.0, 0.0, 0.2),        # across the left edge
    ((0, -1, 1.5), 0.0, 2.0, 0.1, 0.0),       # across the near plane
    ((0, 0, 99), 0.7, 4.0, 0.0, -0.1),        # across the far plane
])
def test_model_draws_what_clipping_each_world_edge_draws(pos, heading, scale, pitch, yaw):
    c = cam(pitch=pitch, yaw=yaw, x=0.5)
    dl = DisplayList()
    n = c.model(dl, SQUARE, pos, heading, 0.8, 2, scale)
    expected = []
    for p0, p1 in world_edges(SQUARE, pos, heading, scale):
        r = c.clip_segment(p0, p1)
        if r is not None:
            (x0, y0), (x1, y1), z0, z1 = r
            expected.append((x0, y0, x1, y1, 0.8 * c.fade((z0 + z1) / 2), 2))
    assert n == len(expected) == dl.count and n > 0
    for got, want in zip(dl.segments(), expected):
        assert close(got[:5], want[:5], abs=2e-3) and got[5] == 2


def test_models_wholly_outside_draw_nothing():
    dl = DisplayList()
    c = cam()
    assert c.model(dl, SQUARE, (0, 0, -10)) == 0
    assert c.model(dl, SQUARE, (40, 0, 10)) == 0
    assert c.model(dl, SQUARE, (0, 0, 300)) == 0
    assert dl.count == 0
