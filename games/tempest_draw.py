"""Drawing Tempest in perspective: the well along the camera's view axis.

The well lies along world -z: its rim at z = 0, its far end at z =
``-LENGTH``; the rim outline (games/tempest_wells.py) in x/y, y up.  The
eye sits behind and above the rim, looking down the well (camera yaw pi,
so the screen's right is world +x; machines/vector/camera3d.py), as the
original's fixed perspective did; in the warp it dives after the claw,
and a new well comes up to meet it.  Everything is clipped to the frustum
and dims with depth (the camera's fading).

Enemies and shots are flat shapes in the well's cross-section at their
depth, drawn across their lane (``u`` along the lane from one rim line to
the other, ``v`` towards the inside of the tube); flippers flip end over
end about the rim line they share with the next lane.  The shapes are our
own drawings of the originals' look.  ``render`` only draws.
"""

from __future__ import annotations

import math

from machines.vector.camera3d import Camera
from machines.vector.displaylist import DisplayList

from .tempest_levels import FAR, FLIPPER, FUSEBALL, PULSAR, RIM, SKILL_BONUS, SKILL_LEVELS, SPIKER, TANKER
from .tempest_numbers import NYMPH_SPACING, SECOND, SPIN_PER_LANE, VIEWPORT, WINDOW, ZOOM_TICKS
from .tempest_wells import LINES, WELLS, well_for_level

# --- Geometry, world units (the rim outline spans about -1..1) [I].
LENGTH = 7.0               # rim to far end
EYE_BACK = 1.55            # the eye's distance behind the rim
FOV = math.radians(71.0)   # horizontal field of view
LOOK_Y = -0.25             # the eye looks at this height ...
LOOK_DEPTH = 3.0           # ... this far down the well
NEAR, FAR_CLIP = 0.05, 40.0
ZOOM_FROM = 14.0           # a new well starts this far beyond the eye's place
FADE_MIN = 0.35

# --- Colours: palette slots as the original's colour RAM [S: ALDIS2.MAC
# COLTAB: 0 explosions/shots, 1 cursor, 2 tankers, 3 flippers, 4 pulsars,
# 5 spikers and spikes, 6 well, 7 letters], then fixed colours for the
# fuseball's sparks and the zap strobe.
C_WHITE, C_CURSOR, C_TANKER, C_FLIPPER, C_PULSAR, C_SPIKER, C_WELL, C_TEXT = range(8)
C_RED, C_YELLOW, C_GREEN, C_BLUE, C_TURQUOISE, C_PURPLE = range(8, 14)

RGB = {"white": (255, 255, 255), "yellow": (255, 240, 40), "purple": (220, 60, 255),
       "red": (255, 40, 40), "turquoise": (40, 240, 255), "green": (40, 255, 80),
       "blue": (50, 90, 255), "black": (0, 0, 0)}
# The six colour sets, levels 1-16, 17-32, ..., 81 on [S: COLTAB; the
# well is invisible (black) on 65-80].
PALETTE_SETS = (
    ("white", "yellow", "purple", "red", "turquoise", "green", "blue", "blue"),
    ("white", "green", "blue", "purple", "yellow", "turquoise", "red", "red"),
    ("white", "blue", "turquoise", "green", "purple", "red", "yellow", "yellow"),
    ("white", "blue", "purple", "green", "yellow", "red", "turquoise", "turquoise"),
    ("white", "yellow", "purple", "red", "turquoise", "green", "black", "blue"),
    ("white", "red", "purple", "yellow", "turquoise", "blue", "green", "green"),
)
FIXED = ("red", "yellow", "green", "blue", "turquoise", "purple")
PALETTES = tuple(tuple(RGB[c] for c in names + FIXED) for names in PALETTE_SETS)

# --- Shapes in lane coordinates (u along the lane 0..1, v inwards) [I].
CLAW = ((0.0, 0.0), (0.5, 0.42), (1.0, 0.0), (0.74, 0.1), (0.86, 0.2), (0.5, 0.3),
        (0.14, 0.2), (0.26, 0.1), (0.0, 0.0))
FLIPPER_SHAPE = ((0.0, 0.0), (1.0, 0.2), (0.84, 0.1), (1.0, 0.0), (0.0, 0.2), (0.16, 0.1),
                 (0.0, 0.0))
TANKER_SHAPE = (((0.5, 0.02), (0.9, 0.32), (0.5, 0.62), (0.1, 0.32), (0.5, 0.02)),
                ((0.5, 0.14), (0.74, 0.32), (0.5, 0.5), (0.26, 0.32), (0.5, 0.14)),
                ((0.5, 0.02), (0.5, 0.62)), ((0.1, 0.32), (0.9, 0.32)))
PULSAR_SHAPE = ((0.0, 0.05), (0.17, 0.25), (0.33, 0.05), (0.5, 0.25), (0.67, 0.05),
                (0.83, 0.25), (1.0, 0.05))
SHOT_SHAPE = (((0.42, 0.08), (0.58, 0.08), (0.58, 0.2), (0.42, 0.2), (0.42, 0.08)),
              ((0.5, 0.04), (0.5, 0.24)))
ENEMY_SHOT_SHAPE = (((0.4, 0.14), (0.6, 0.14)), ((0.5, 0.04), (0.5, 0.24)),
                    ((0.43, 0.07), (0.57, 0.21)), ((0.43, 0.21), (0.57, 0.07)))


def _inward(a, b):
    """Unit normal of the rim edge a->b pointing into the well (left of
    a->b: outlines are counter-clockwise, open ones run left to right)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return -dy / n, dx / n


def _geometry():
    """Per well: rim points, inward normals per lane, lane widths."""
    out = []
    for w in WELLS:
        normals = []
        for lane in range(w.lanes):
            a, b = w.lane_ends(lane)
            normals.append(_inward(a, b))
        out.append((w.points, tuple(normals)))
    return tuple(out)


GEOMETRY = _geometry()
WELL_INDEX = {w.name: i for i, w in enumerate(WELLS)}


def depth_z(depth: float) -> float:
    """World z of a game depth (RIM -> 0, FAR -> -LENGTH; beyond FAR goes on)."""
    return -(depth - RIM) * (LENGTH / (FAR - RIM))


class View:
    """The camera for one frame, with its basis kept, so each point is
    turned into view space once (the per-point ``Camera.to_view`` would
    recompute the basis each time)."""

    def __init__(self, game, dl: DisplayList) -> None:
        w = game.well
        self.dl = dl
        self.well = w
        self.far_dx, self.far_dy = w.far_offset
        back = EYE_BACK
        z_claw = 0.0
        if game.phase == "zoom":
            k = game.phase_timer / ZOOM_TICKS
            back += ZOOM_FROM * k * k
        elif game.phase == "warp" or (game.phase == "dying" and game.death_reason == "spike"):
            z_claw = depth_z(min(game.player_depth, FAR + 40.0))
        eye_y = w.eye
        cam = Camera(0.0, eye_y, z_claw + back, math.pi, 0.0, FOV, NEAR, FAR_CLIP, VIEWPORT,
                     fade_min=FADE_MIN)
        # Look down the well at a point below the eye, which puts the rim's
        # centre a little below the middle of the view [I].
        cam.pitch = math.atan2(LOOK_Y - eye_y, back + LOOK_DEPTH)
        self.cam = cam
        (rx, _, rz), (ux, uy, uz), (fx, fy, fz) = cam.basis()
        self.b = (rx, rz, ux, uy, uz, fx, fy, fz)
        self.ox, self.oy, self.oz = cam.x, cam.y, cam.z

    def point(self, x: float, y: float, depth: float) -> tuple[float, float, float]:
        """View-space point of well coordinates (x, y) at game ``depth``
        (the cross-section slides towards the far-end offset with depth)."""
        t = (depth - RIM) * (1.0 / (FAR - RIM))
        wx = x + self.far_dx * t
        wy = y + self.far_dy * t
        wz = -LENGTH * t
        rx, rz, ux, uy, uz, fx, fy, fz = self.b
        dx, dy, dz = wx - self.ox, wy - self.oy, wz - self.oz
        return (dx * rx + dz * rz, dx * ux + dy * uy + dz * uz, dx * fx + dy * fy + dz * fz)

    def seg(self, a, b, intensity: float, colour: int) -> None:
        """A view-space segment, clipped and depth-faded."""
        self.cam.line_view(self.dl, a, b, intensity, colour)

    def poly(self, pts, intensity: float, colour: int) -> None:
        for i in range(len(pts) - 1):
            self.seg(pts[i], pts[i + 1], intensity, colour)

    def dot(self, a, intensity: float, colour: int) -> None:
        p = self.cam.project_view(a)
        if p is not None:
            self.dl.dot(p[0], p[1], intensity * self.cam.fade(a[2]), colour)


# ------------------------------------------------------------------ render
def render(game, dl: DisplayList) -> None:
    """Draw ``game`` (a games.tempest.Tempest) into ``dl``."""
    dl.clear()
    dl.set_palette(PALETTES[game.palette_index])
    phase = game.phase
    if phase == "title":
        _draw_title(game, dl)
        _draw_hud(game, dl)
        return
    if phase in ("rate",):
        _draw_rate(game, dl)
        _draw_hud(game, dl)
        return
    if phase in ("game_over", "enter_initials") and game.mode == "game_over":
        _draw_game_over(game, dl)
        _draw_hud(game, dl)
        return
    v = View(game, dl)
    _draw_well(game, v)
    _draw_spikes(game, v)
    _draw_nymphs(game, v)
    for e in game.enemies:
        _draw_enemy(game, v, e)
    for s in game.shots:
        _lane_shape(v, s.lane, s.depth, SHOT_SHAPE, 1.0, C_WHITE)
    for s in game.enemy_shots:
        _lane_shape(v, s.lane, s.depth, ENEMY_SHOT_SHAPE, 1.0, C_WHITE if game.tick & 4 else
                    C_FLIPPER)
    _draw_explosions(game, v)
    if (game.alive and phase in ("play", "warp", "zoom")) or \
            (phase == "dying" and game.death_reason == "grabbed"):
        _draw_claw(game, v)
    _draw_hud(game, dl)


def _well_colour(game) -> tuple[int, float]:
    if game.zap_timer:
        return (C_RED, C_YELLOW, C_GREEN, C_BLUE, C_TURQUOISE, C_PURPLE)[game.tick // 2 % 6], 1.0
    if game.flash and game.flash // 3 % 2:
        return C_WHITE, 1.0
    return C_WELL, 0.85


def _draw_well(game, v: View) -> None:
    w = game.well
    pts = w.points
    colour, inten = _well_colour(game)
    rim = [v.point(x, y, RIM) for x, y in pts]
    far = [v.point(x, y, FAR) for x, y in pts]
    lane = game.player_lane
    lit = {lane, (lane + 1) % LINES} if game.alive else set()
    seg = v.seg
    for i in range(LINES):
        c = C_CURSOR if i in lit else colour
        seg(rim[i], far[i], 1.0 if i in lit else inten, c)
    edges = LINES if w.closed else LINES - 1
    for i in range(edges):
        j = (i + 1) % LINES
        c = C_CURSOR if (i == lane and game.alive) else colour
        k = 1.0 if c == C_CURSOR else inten
        seg(rim[i], rim[j], k, c)
        seg(far[i], far[j], k, c)


def _lane_frame(v: View, lane: int, depth: float):
    """The two lane ends and inward normal, in well coordinates."""
    idx = WELL_INDEX[v.well.name]
    points, normals = GEOMETRY[idx]
    a = points[lane % LINES]
    b = points[(lane + 1) % LINES]
    return a, b, normals[lane % len(normals)]


def _shape_points(v: View, a, b, n, depth: float, shape):
    """View-space points of ``shape`` (``(u, v)`` pairs) laid from rim point
    ``a`` (u = 0) to ``b`` (u = 1), ``v`` along the unit normal ``n`` in
    lane widths, at ``depth``.  The cross-section at one depth maps to view
    space affinely, so three points are transformed and the rest combined."""
    ax, ay = a
    ex, ey = b[0] - ax, b[1] - ay
    width = math.hypot(ex, ey)
    p0x, p0y, p0z = v.point(ax, ay, depth)
    p1 = v.point(ax + ex, ay + ey, depth)
    p2 = v.point(ax + n[0] * width, ay + n[1] * width, depth)
    ux, uy, uz = p1[0] - p0x, p1[1] - p0y, p1[2] - p0z
    nx, ny, nz = p2[0] - p0x, p2[1] - p0y, p2[2] - p0z
    return [(p0x + ux * u + nx * s, p0y + uy * u + ny * s, p0z + uz * u + nz * s)
            for u, s in shape]


def _lane_shape(v: View, lane: int, depth: float, shape, intensity: float, colour: int) -> None:
    """A shape (one stroke, or a tuple of strokes) across ``lane`` at ``depth``."""
    a, b, n = _lane_frame(v, lane, depth)
    strokes = shape if isinstance(shape[0][0], tuple) else (shape,)
    for stroke in strokes:
        v.poly(_shape_points(v, a, b, n, depth, stroke), intensity, colour)


def _draw_claw(game, v: View) -> None:
    """The claw on the rim of its lane, leaning the way the spinner turns."""
    lean = max(-0.5, min(0.5, game.spin_acc / SPIN_PER_LANE)) * 0.35
    shape = [(u + (lean * (1 - abs(2 * u - 1)) if s > 0.05 else 0.0), s) for u, s in CLAW]
    depth = game.player_depth if game.phase in ("warp", "dying") else RIM
    _lane_shape(v, game.player_lane, depth, shape, 1.0, C_CURSOR)


def _draw_enemy(game, v: View, e) -> None:
    kind = e.kind
    if kind == FLIPPER or (kind == PULSAR and e.flipping):
        colour = C_FLIPPER if kind == FLIPPER else C_PULSAR
        shape = FLIPPER_SHAPE if kind == FLIPPER else PULSAR_SHAPE
        if e.flipping:
            _draw_flipping(game, v, e, shape, colour)
        else:
            _lane_shape(v, e.lane, e.depth, shape, 1.0, colour)
    elif kind == PULSAR:
        charged = game.pulsing
        _lane_shape(v, e.lane, e.depth, PULSAR_SHAPE, 1.0, C_WHITE if charged else C_PULSAR)
        if charged and e.depth <= game.level_params.pulsar_height:
            a, b, _ = _lane_frame(v, e.lane, e.depth)
            for p in (a, b):
                v.seg(v.point(p[0], p[1], RIM), v.point(p[0], p[1], e.depth), 1.0, C_PULSAR)
    elif kind == TANKER:
        _lane_shape(v, e.lane, e.depth, TANKER_SHAPE, 1.0, C_TANKER)
    elif kind == SPIKER:
        _draw_spiker(game, v, e)
    elif kind == FUSEBALL:
        _draw_fuseball(game, v, e)


def _draw_flipping(game, v: View, e, shape, colour: int) -> None:
    """A flipper part way through a flip: it turns end over end about the
    rim line it shares with the target lane, through the inside of the well."""
    idx = WELL_INDEX[v.well.name]
    points = GEOMETRY[idx][0]
    lane, target = e.lane, e.target
    n = LINES
    # The shared line and the free ends before and after.
    if target == (lane + 1) % n and (v.well.closed or target == lane + 1):
        pivot = points[(lane + 1) % n]
        start = points[lane % n]
        end = points[(target + 1) % n]
    else:
        pivot = points[lane % n]
        start = points[(lane + 1) % n]
        end = points[target % n]
    a0 = math.atan2(start[1] - pivot[1], start[0] - pivot[0])
    a1 = math.atan2(end[1] - pivot[1], end[0] - pivot[0])
    r0 = math.hypot(start[0] - pivot[0], start[1] - pivot[1])
    r1 = math.hypot(end[0] - pivot[0], end[1] - pivot[1])
    d = (a1 - a0) % (2 * math.pi)
    # Go round through the inside of the well: the side of the pivot's
    # inward normals.
    ni = GEOMETRY[idx][1]
    nx = ni[lane % len(ni)][0] + ni[target % len(ni)][0]
    ny = ni[lane % len(ni)][1] + ni[target % len(ni)][1]
    mid = a0 + d / 2
    if math.cos(mid) * nx + math.sin(mid) * ny < 0:
        d -= 2 * math.pi
    t = min(1.0, e.flip)
    ang = a0 + d * t
    r = r0 + (r1 - r0) * t
    free = (pivot[0] + math.cos(ang) * r, pivot[1] + math.sin(ang) * r)
    # The shape stands on the side of the well's inside.
    v.poly(_shape_points(v, free, pivot, _perp_toward(free, pivot, nx, ny), e.depth, shape),
           1.0, colour)


def _perp_toward(a, b, nx: float, ny: float):
    """Unit normal of a->b on the side of the direction (nx, ny)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    px, py = -dy / n, dx / n
    if px * nx + py * ny < 0:
        px, py = -px, -py
    return px, py


def _draw_spiker(game, v: View, e) -> None:
    """A spiker: a spinning spiral in its lane."""
    a, b, n = _lane_frame(v, e.lane, e.depth)
    cx = (a[0] + b[0]) / 2 + n[0] * 0.12
    cy = (a[1] + b[1]) / 2 + n[1] * 0.12
    w = math.hypot(b[0] - a[0], b[1] - a[1])
    turn = game.tick * 0.25
    pts = []
    for k in range(12):
        ang = turn + k * 0.9
        r = w * 0.04 * (k + 1) * 0.9
        pts.append(v.point(cx + math.cos(ang) * r, cy + math.sin(ang) * r, e.depth))
    v.poly(pts, 1.0, C_SPIKER)


def _draw_fuseball(game, v: View, e) -> None:
    """A fuseball: five crackling tendrils of different colours, on the
    rim line it rides (or between two while it jumps)."""
    idx = WELL_INDEX[v.well.name]
    points = GEOMETRY[idx][0]
    p0 = points[e.lane % LINES]
    if e.flipping:
        p1 = points[e.target % LINES]
        t = e.flip
        x, y = p0[0] + (p1[0] - p0[0]) * t, p0[1] + (p1[1] - p0[1]) * t
    else:
        x, y = p0
    colours = (C_RED, C_YELLOW, C_GREEN, C_BLUE, C_PURPLE)
    r = 0.09
    base = v.point(x, y, e.depth)
    for k in range(5):
        ang = k * 1.2566 + game.tick * 0.21
        mid = v.point(x + math.cos(ang + 0.5) * r * 0.55, y + math.sin(ang + 0.5) * r * 0.55,
                      e.depth)
        tip = v.point(x + math.cos(ang) * r, y + math.sin(ang) * r, e.depth)
        v.seg(base, mid, 1.0, colours[k])
        v.seg(mid, tip, 1.0, colours[k])


def _draw_spikes(game, v: View) -> None:
    for lane, tip in enumerate(game.spikes):
        if tip >= FAR or lane >= game.well.lanes:
            continue
        a, b, n = _lane_frame(v, lane, tip)
        cx, cy = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        v.seg(v.point(cx, cy, FAR), v.point(cx, cy, tip), 1.0, C_SPIKER)
        v.dot(v.point(cx, cy, tip), 1.0, C_WHITE)


def _draw_nymphs(game, v: View) -> None:
    """Enemies still to come: sparks at the far end of their lanes."""
    for timer, lane in game.nymphs[:24]:
        if timer > 4 * NYMPH_SPACING:
            continue
        a, b, n = _lane_frame(v, lane, FAR)
        cx, cy = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        v.dot(v.point(cx, cy, FAR + 6.0), 0.5 + 0.5 * (timer < NYMPH_SPACING), C_PULSAR)


def _draw_explosions(game, v: View) -> None:
    for lane, depth, age, kind in game.explosions:
        if lane >= game.well.lanes:
            lane %= game.well.lanes
        a, b, n = _lane_frame(v, lane, depth)
        cx = (a[0] + b[0]) / 2 + n[0] * 0.1
        cy = (a[1] + b[1]) / 2 + n[1] * 0.1
        r = 0.02 + 0.012 * age * (2.0 if kind == "player" else 1.0)
        c = C_CURSOR if kind == "player" else C_WHITE
        inten = max(0.2, 1.0 - age / 24.0)
        centre = v.point(cx, cy, depth)
        for k in range(8):
            ang = k * 0.785 + age * 0.05
            tip = v.point(cx + math.cos(ang) * r, cy + math.sin(ang) * r, depth)
            v.seg(centre, tip, inten, c if k % 2 else C_YELLOW)


# --------------------------------------------------------------------- HUD
def _claw_icon(dl: DisplayList, x: float, y: float, k: float) -> None:
    pts = [(x + (u - 0.5) * 40 * k, y + s * 40 * k) for u, s in CLAW]
    dl.polyline(pts, 0.9, C_CURSOR)


def _draw_hud(game, dl: DisplayList) -> None:
    x0, _, x1, top = WINDOW
    cx = (x0 + x1) / 2
    dl.text(f"{game.score:6d}" if game.score else "     0", x0 + 200, top - 48, 28, 1.0,
            C_TEXT, align="right")
    best = max(game.high_scores.best, game.score)
    dl.text(f"{best}", cx, top - 40, 16, 0.8, C_TEXT, align="center")
    if game.mode != "attract" or game.demo:
        for i in range(max(0, min(game.lives - 1 if game.alive else game.lives, 6))):
            _claw_icon(dl, x0 + 50 + i * 34, top - 86, 0.6)
        if game.phase != "rate":
            dl.text(f"{game.level:2d}", cx, top - 70, 20, 0.9, C_TEXT, align="center")
    if game.demo:
        dl.text("PRESS START", cx, top - 140, 24, 1.0 if game.tick // 30 % 2 else 0.6, C_TEXT,
                align="center")
    if game.phase == "warp" and game.player_depth < RIM + 40:
        if any(d < FAR for d in game.spikes):
            dl.text("AVOID SPIKES", cx, 520, 30, 1.0, C_WHITE, align="center")
        dl.text("SUPERZAPPER RECHARGE", cx, 160, 18, 0.9, C_TEXT, align="center")
    if game.phase == "zoom" and not game.demo:
        dl.text(f"LEVEL {game.level}", cx, 140, 22, 0.9, C_TEXT, align="center")


def _draw_title(game, dl: DisplayList) -> None:
    x0, _, x1, top = WINDOW
    cx = (x0 + x1) / 2
    dl.text("TEMPEST", cx, top - 230, 72, 1.0, C_FLIPPER, align="center")
    dl.text("HIGH SCORES", cx, top - 330, 24, 0.9, C_CURSOR, align="center")
    y = top - 380
    for i, (score, initials) in enumerate(game.high_scores.entries):
        dl.text(f"{i + 1}  {initials}  {score:7d}", cx, y, 20, 0.9, C_TEXT, align="center")
        y -= 36
    if (game.tick // 30) % 2 == 0:
        dl.text("PRESS START", cx, 130, 28, 1.0, C_TEXT, align="center")


def _draw_rate(game, dl: DisplayList) -> None:
    """RATE YOURSELF: rows of LEVEL, HOLE (the well) and BONUS for the start
    levels on offer, NOVICE at the left end, EXPERT at the right, the
    choice boxed, and the time left [S: ALLANG.MAC messages]."""
    x0, _, x1, top = WINDOW
    cx = (x0 + x1) / 2
    dl.text("RATE YOURSELF", cx, top - 200, 36, 1.0, C_FLIPPER, align="center")
    dl.text("SPIN KNOB TO CHANGE", cx, top - 260, 18, 0.8, C_PULSAR, align="center")
    dl.text("PRESS FIRE TO SELECT", cx, top - 292, 18, 0.8, C_CURSOR, align="center")
    rows = (top - 440, top - 540, top - 640)
    for label, y in zip(("LEVEL", "HOLE", "BONUS"), rows):
        dl.text(label, x0 + 16, y, 16, 0.8, C_SPIKER)
    n = len(game.choices)
    first = max(0, min(game.choice - 2, n - 5))
    for slot, i in enumerate(range(first, min(n, first + 5))):
        level = game.choices[i]
        x = cx + 50 + (slot - 2) * 125
        dl.text(f"{level}", x, rows[0] - 10, 24, 1.0, C_TEXT, align="center")
        well = well_for_level(level)
        pts = [(x + px * 42, rows[1] + 10 + py * 42) for px, py in well.points]
        dl.polyline(pts, 0.9, C_WELL, closed=well.closed)
        bonus = SKILL_BONUS[SKILL_LEVELS.index(level)]
        if bonus:
            dl.text(f"{bonus}", x, rows[2] - 10, 16, 0.8, C_CURSOR, align="center")
        if i == game.choice:
            dl.rect(x - 60, rows[2] - 34, x + 60, rows[0] + 30, 1.0, C_CURSOR)
        if i == 0:
            dl.text("NOVICE", x, rows[0] + 50, 16, 0.8, C_FLIPPER, align="center")
        if i == n - 1:
            dl.text("EXPERT", x, rows[0] + 50, 16, 0.8, C_FLIPPER, align="center")
    dl.text(f"TIME {max(0, game.phase_timer // SECOND)}", cx, top - 760, 22, 0.9, C_SPIKER,
            align="center")


def _draw_game_over(game, dl: DisplayList) -> None:
    x0, _, x1, top = WINDOW
    cx = (x0 + x1) / 2
    if game.phase == "game_over":
        dl.text("GAME OVER", cx, top - 420, 44, 1.0, C_FLIPPER, align="center")
        return
    e = game.entry
    y = top - 280
    for line in ("ENTER YOUR INITIALS", "SPIN KNOB TO CHANGE", "PRESS FIRE TO SELECT"):
        dl.text(line, cx, y, 20, 0.9, C_TEXT, align="center")
        y -= 40
    if e is not None:
        e.draw(dl, cx, y - 90, game.tick, size=44, spacing=60, colour=C_CURSOR)
