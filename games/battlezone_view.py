"""Drawing BattleZone: the 3D battlefield through the camera, the horizon at
infinity, and the red top band (radar, messages, score).

``render(game, dl)`` only reads the game (games/battlezone.py) and writes
the display list; it changes no game state and draws nothing random, so a
frame is a pure function of the state.  The battlefield is the green
viewport ``VIEWPORT`` under the red band [arcade.md 2.2: "Score and lives
shown in the red top area; the battlefield sits in the green lower 4/5"].

The horizon is a panorama: a bearing ``b`` lands at ``x = cx - rel(b) *
focal`` (``rel`` the angle from the line of sight, positive left), which
matches the perspective of near objects at the centre and keeps the
mountains undistorted at the edges; an elevation ``e`` at ``y = horizon +
e * focal``.
"""

from __future__ import annotations

import math

from machines.vector import font
from machines.vector.displaylist import DisplayList

from . import battlezone_numbers as B
from . import battlezone_models as M
from . import battlezone_enemies as E
from .battlezone_enemies import DIRECTIONS, SAUCER_HEIGHT, wrap

TAU = 2 * math.pi
TO_RADIANS = TAU / DIRECTIONS
MODELS = {"slow_tank": M.SLOW_TANK, "super_tank": M.SUPER_TANK, "missile": M.MISSILE}
_CIRCLE = tuple((math.sin(TAU * k / 24), math.cos(TAU * k / 24)) for k in range(25))
TANK_ICON = ((-12, 0), (12, 0), (14, 5), (6, 5), (4, 10), (-6, 10), (-8, 5), (-14, 5), (-12, 0))


def clip2d(x0: float, y0: float, x1: float, y1: float, rect) -> tuple | None:
    """The part of segment (x0, y0)-(x1, y1) inside ``rect`` (x0, y0, x1, y1), or None."""
    rx0, ry0, rx1, ry1 = rect
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - rx0), (dx, rx1 - x0), (-dy, y0 - ry0), (dy, ry1 - y0)):
        if p == 0.0:
            if q < 0.0:
                return None
            continue
        t = q / p
        if p < 0.0:
            if t > t1:
                return None
            if t > t0:
                t0 = t
        else:
            if t < t0:
                return None
            if t < t1:
                t1 = t
    return x0 + dx * t0, y0 + dy * t0, x0 + dx * t1, y0 + dy * t1


def render(game, dl: DisplayList) -> None:
    dl.clear()
    dl.set_palette(game.palette)
    cam = game.camera
    cam.x, cam.y, cam.z = game.player_x, B.EYE_HEIGHT, game.player_z
    cam.yaw = game.player_heading * TO_RADIANS
    # A jolt when you bump an obstacle or are hit: the view bounces.
    cam.pitch = 0.012 * math.sin(game.bounce * 1.3) * min(1.0, game.bounce / 6.0)
    _horizon(game, dl, cam)
    _field(game, dl, cam)
    if game.mode == "play" and game.player_alive:
        _reticle(game, dl, cam)
    if game.phase == "dead":
        _cracks(game, dl)
    _band(game, dl)
    _captions(game, dl)


# ------------------------------------------------------------- the horizon
def _horizon(game, dl: DisplayList, cam) -> None:
    vp = B.VIEWPORT
    f, cx = cam.focal, cam.cx
    hy = cam.horizon_y()
    yaw = cam.yaw
    line = dl.line
    if vp[1] <= hy <= vp[3]:
        line(vp[0], hy, vp[2], hy, 0.7, B.GREEN)
    reach = (vp[2] - vp[0]) / 2 / f + 0.05      # widest |rel| on screen
    ridge = M.RIDGE
    n = len(ridge)
    for i in range(n):
        b0, e0 = ridge[i]
        b1, e1 = ridge[(i + 1) % n]
        if b1 < b0:
            b1 += TAU
        r0 = (b0 - yaw + math.pi) % TAU - math.pi
        r1 = r0 + (b1 - b0)
        if (r0 > reach and r1 > reach) or (r0 < -reach and r1 < -reach):
            continue
        c = clip2d(cx - r0 * f, hy + e0 * f, cx - r1 * f, hy + e1 * f, vp)
        if c is not None:
            line(c[0], c[1], c[2], c[3], 0.8, B.GREEN)
    # The moon.
    r = (M.MOON_BEARING - yaw + math.pi) % TAU - math.pi
    if abs(r) < reach + 0.05:
        mx, my = cx - r * f, hy + M.MOON_ELEVATION * f
        pts = [(mx - dx * f, my + dy * f) for dx, dy in M.MOON]
        for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]):
            c = clip2d(ax, ay, bx, by, vp)
            if c is not None:
                line(c[0], c[1], c[2], c[3], 0.85, B.GREEN)
    # Lava from the volcano.
    for p in game.lava:
        r = (p.x - yaw + math.pi) % TAU - math.pi
        if abs(r) < reach:
            x, y = cx - r * f, hy + p.y * f
            if vp[0] <= x <= vp[2] and vp[1] <= y <= vp[3]:
                dl.line(x, y, x - p.vx * f * 3.0, y - p.vy * f * 3.0, 0.9, B.GREEN)


# -------------------------------------------------------------- the field
def _at(game, x: float, z: float) -> tuple[float, float, float] | None:
    """World position of (x, z) as seen from the player (the field wraps),
    or None beyond the far plane."""
    dx, dz = wrap(x - game.player_x), wrap(z - game.player_z)
    if abs(dx) > B.FAR + 2000.0 or abs(dz) > B.FAR + 2000.0:
        return None
    return game.player_x + dx, 0.0, game.player_z + dz


def _field(game, dl: DisplayList, cam) -> None:
    model = cam.model
    g = B.GREEN
    for kind, x, z, heading in B.OBSTACLES:
        p = _at(game, x, z)
        if p is not None:
            model(dl, B.OBSTACLE_KINDS[kind][0], p, heading * TO_RADIANS, 0.9, g)
    h = game.hostile
    if h is not None:
        p = _at(game, h.x, h.z)
        if p is not None:
            model(dl, MODELS[h.kind], (p[0], h.y, p[2]), h.heading * TO_RADIANS, 1.0, g)
            if h.is_tank:
                _treads(cam, dl, p, h)
    s = game.saucer
    if s is not None:
        p = _at(game, s.x, s.z)
        if p is not None:
            k = 1.0 + (B.SAUCER_DIE_TICKS - s.dying) / 8.0 if s.dying else 1.0
            i = 0.35 + 0.65 * (s.dying / B.SAUCER_DIE_TICKS) if s.dying else 1.0
            bob = 30.0 * math.sin(game.tick * 0.08)
            model(dl, M.SAUCER, (p[0], SAUCER_HEIGHT + bob, p[2]), s.spin * TO_RADIANS, i, g, k)
    for sh in (game.shell, game.enemy_shell):
        if sh is not None:
            p = _at(game, sh.x, sh.z)
            if p is not None:
                model(dl, M.SHELL, (p[0], B.SHELL_HEIGHT, p[2]), sh.heading * TO_RADIANS, 1.0, g)
    for c in game.chunks:
        p = _at(game, c.x, c.z)
        if p is not None:
            model(dl, M.CHUNKS[c.kind], (p[0], c.y, p[2]), c.heading * TO_RADIANS, 1.0, g)
    project = cam.project
    for sp in game.sparks:
        p = _at(game, sp.x, sp.z)
        if p is not None:
            q = project((p[0], sp.y, p[2]))
            if q is not None:
                dl.dot(q[0], q[1], sp.life / B.SPATTER_TICKS, g)


TREAD_LINKS = 5           # cleats drawn on each tread side
TREAD_PITCH = 170.0       # units between cleats


def _treads(cam, dl: DisplayList, p, h) -> None:
    """The tread cleats on both sides of a tank, rolling as it moves."""
    d = int(h.heading) % DIRECTIONS
    s, c = E.SIN[d], E.COS[d]
    phase = h.treads % TREAD_PITCH
    half = M.TANK_HALF_WIDTH[h.kind]
    line = cam.line
    for side in (half, -half):
        for k in range(TREAD_LINKS):
            z = -TREAD_PITCH * 2.5 + k * TREAD_PITCH + phase
            wx, wz = p[0] + side * c + z * s, p[2] - side * s + z * c
            line(dl, (wx, 10.0, wz), (wx, 150.0, wz), 0.7, B.GREEN)


def _reticle(game, dl: DisplayList, cam) -> None:
    """The gun sight; its brackets open out when the hostile is lined up."""
    cx, cy = cam.cx, cam.cy
    spread = 0.0
    h = game.hostile
    if h is not None:
        _, _, dist, bearing = game.relative(h.x, h.z)
        if abs(bearing) <= 12 and dist < B.SHELL_SPEED * B.SHELL_LIFE:
            spread = 24.0
    for stroke in M.RETICLE:
        sgn = 1.0 if stroke[0][1] > 0 else -1.0
        pts = [(cx + x, cy + y + sgn * spread) for x, y in stroke]
        dl.polyline(pts, 0.75, B.GREEN)


def _cracks(game, dl: DisplayList) -> None:
    ox, oy = game.crack_at
    vp = B.VIEWPORT
    for stroke in M.CRACKS:
        for (ax, ay), (bx, by) in zip(stroke, stroke[1:]):
            c = clip2d(ox + ax, oy + ay, ox + bx, oy + by, vp)
            if c is not None:
                dl.line(c[0], c[1], c[2], c[3], 1.0, B.GREEN)


# ------------------------------------------------------------ the top band
def _band(game, dl: DisplayList) -> None:
    red = B.RED
    top = B.WINDOW[3]
    _radar(game, dl)
    if game.mode == "play" or game.mode == "game_over":
        dl.text(f"SCORE {game.score}", 1000, top - 34, 18, 1.0, red, align="right")
        best = max(game.high_scores.best, game.score)
        dl.text(f"HIGH SCORE {best}", 1000, top - 64, 14, 0.85, red, align="right")
        tanks = max(0, game.lives - (1 if game.player_alive else 0))
        for i in range(min(tanks, 8)):
            dl.push()
            dl.translate(985 - i * 34, top - 100)
            dl.polyline(TANK_ICON, 0.9, red)
            dl.line(4, 8, 16, 8, 0.9, red)
            dl.pop()
    else:
        dl.text(f"HIGH SCORE {game.high_scores.best}", 1000, top - 34, 16, 0.9, red,
                align="right")
    msg = game.message()
    if msg is not None and (msg != "ENEMY IN RANGE" or game.tick % 40 < 28):
        dl.text(msg, 24, top - 34, 17, 1.0, red)
    if game.blocked and game.player_alive:
        dl.text("MOTION BLOCKED BY OBJECT", 24, top - 64, 13, 0.9, red)


def _radar(game, dl: DisplayList) -> None:
    red = B.RED
    cx, cy = B.RADAR_CENTRE
    r = B.RADAR_RADIUS
    dl.polyline([(cx + r * s, cy + r * c) for s, c in _CIRCLE], 0.7, red)
    half = B.FOV / 2
    for a in (half, -half):
        dl.line(cx, cy, cx - r * math.sin(a), cy + r * math.cos(a), 0.6, red)
    for s, c in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        dl.line(cx + s * r * 0.86, cy + c * r * 0.86, cx + s * r, cy + c * r, 0.6, red)
    a = game.sweep * TO_RADIANS
    dl.line(cx, cy, cx + r * math.sin(a), cy + r * math.cos(a), 0.9, red)
    if game.mode == "play" and game.blip_age < B.BLIP_FADE:
        bearing, dist = game.blip
        k = min(1.0, dist / B.RADAR_RANGE) * r * 0.95
        b = bearing * TO_RADIANS
        dl.dot(cx - k * math.sin(b), cy + k * math.cos(b), 1.0 - game.blip_age / B.BLIP_FADE, red)


TITLE = "BATTLEZONE"
TITLE_WIDTH = 2600.0        # world units across [I]
TITLE_FAR = 24000.0         # it flies in from here ...
TITLE_NEAR = 3600.0         # ... and stops here, lifted above the field
TITLE_SPEED = 160.0         # units per tick


def _title(game, dl: DisplayList, cam) -> None:
    """The title flying in out of the distance, in the camera's own space
    (it stays in front of the turning view), dimmed by depth and clipped
    by the frustum like everything else."""
    elapsed = B.ATTRACT_PHASE_TICKS - game.phase_timer
    d = max(TITLE_NEAR, TITLE_FAR - elapsed * TITLE_SPEED)
    k = TITLE_WIDTH / font.text_width(TITLE)
    x0 = -TITLE_WIDTH / 2
    lift = 700.0
    for i, ch in enumerate(TITLE):
        pen = x0 + i * font.ADVANCE * k
        for stroke in font.strokes(ch):
            for (ax, ay), (bx, by) in zip(stroke, stroke[1:]):
                cam.line_view(dl, (pen + ax * k, lift + ay * k, d), (pen + bx * k, lift + by * k, d),
                              1.0, B.GREEN)


def _captions(game, dl: DisplayList) -> None:
    g = B.GREEN
    vp = B.VIEWPORT
    cx = (vp[0] + vp[2]) / 2
    if game.mode == "attract":
        if game.phase == "attract_title":
            _title(game, dl, game.camera)
        else:
            y = 650
            dl.text("HIGH SCORES", cx, y, 28, 1.0, g, align="center")
            for i, (score, initials) in enumerate(game.high_scores.entries):
                y -= 40
                dl.text(f"{i + 1:2d}. {score:7d} {initials}", cx, y, 22, 0.9, g, align="center")
                if score >= 100_000:
                    # A tank symbol beside scores over 100,000 [arcade.md 2.2].
                    dl.push()
                    dl.translate(cx + 170, y + 2)
                    dl.polyline(TANK_ICON, 0.9, g)
                    dl.pop()
        if (game.tick // 30) % 2 == 0:
            dl.text("PRESS START", cx, 230, 26, 1.0, g, align="center")
    elif game.phase == "game_over":
        dl.text("GAME OVER", cx, 560, 40, 1.0, g, align="center")
    elif game.phase == "enter_initials" and game.entry is not None:
        y = 620
        for line in ("GREAT SCORE", "ENTER YOUR INITIALS", "LEFT OR RIGHT CHOOSES A LETTER",
                     "FIRE ACCEPTS IT"):
            dl.text(line, cx, y, 20, 0.9, g, align="center")
            y -= 40
        game.entry.draw(dl, cx, y - 70, game.tick, colour=g)
