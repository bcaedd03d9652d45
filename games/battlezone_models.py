"""BattleZone's wireframes and scenery, of our own design (not the ROM's).

The original keeps 44 object slots in ROM: pyramids, boxes, the slow tank
and its treads, the radar dish, shells, the missile, the saucer, the super
tank, explosion chunks and "spatter" (../shared/reference/arcade.md 2.2,
6502disassembly objects page).  These are new shapes drawn to the same
look.  Each model stands on its origin (y = 0 is the ground, y up) with its
front along +z, in world units (the game's field is 65,536 units across);
they are drawn through ``machines.vector.camera3d``.

Sizes follow the collision radii the game uses (games/battlezone.py): an
obstacle fits inside its radius, a tank is about 900 units long.

The horizon (mountains, the volcano, the moon) is scenery at infinity: a
panorama of ``(bearing, elevation)`` points in radians, bearing by the
camera's yaw rule (positive = to the left of +z), elevation above the
horizon.
"""

from __future__ import annotations

import math

from machines.vector.camera3d import Model


def _box(hx: float, h: float, hz: float, name: str) -> Model:
    v = [(-hx, 0, -hz), (hx, 0, -hz), (hx, 0, hz), (-hx, 0, hz),
         (-hx, h, -hz), (hx, h, -hz), (hx, h, hz), (-hx, h, hz)]
    e = [(0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 6), (6, 7), (7, 4),
         (0, 4), (1, 5), (2, 6), (3, 7)]
    return Model(v, e, name)


def _pyramid(half: float, h: float, name: str) -> Model:
    v = [(-half, 0, -half), (half, 0, -half), (half, 0, half), (-half, 0, half), (0, h, 0)]
    e = [(0, 1), (1, 2), (2, 3), (3, 0), (0, 4), (1, 4), (2, 4), (3, 4)]
    return Model(v, e, name)


# --- Obstacles: (model, half footprint) by kind.  The half footprint is
# what stops a shell (a shell inside it has hit the face).
CUBE = _box(420, 840, 420, "cube")
TALL_BOX = _box(330, 1300, 330, "tall box")
SHORT_BOX = _box(560, 420, 560, "short box")
NARROW_PYRAMID = _pyramid(400, 1100, "narrow pyramid")
WIDE_PYRAMID = _pyramid(640, 760, "wide pyramid")


def _mirror(points):
    """Left-right pairs: for each (x, y, z) with x > 0 also (-x, y, z)."""
    out = []
    for x, y, z in points:
        out += [(x, y, z), (-x, y, z)]
    return out


def _tank(hull_w, hull_front, hull_back, deck_h, deck_front, deck_back,
          tur_w, tur_front, tur_back, tur_top_w, tur_top_front, tur_top_back, tur_h,
          gun_y, gun_from, gun_to, gun_w, dish: bool, name: str) -> Model:
    """A tank from its proportions: a sloped hull, a turret, a gun barrel
    and (slow tank) a radar dish on a post."""
    v = []
    e = []

    def quad(points):
        base = len(v)
        v.extend(points)
        e.extend([(base, base + 1), (base + 1, base + 3), (base + 3, base + 2),
                  (base + 2, base)])
        return base

    # Each quad: front right, front left, back right, back left.
    bottom = quad(_mirror([(hull_w, 0, hull_front), (hull_w, 0, hull_back)]))
    deck = quad(_mirror([(hull_w + 60, deck_h, deck_front), (hull_w + 60, deck_h, deck_back)]))
    for k in range(4):
        e.append((bottom + k, deck + k))
    tur = quad(_mirror([(tur_w, deck_h, tur_front), (tur_w, deck_h, tur_back)]))
    top = quad(_mirror([(tur_top_w, tur_h, tur_top_front), (tur_top_w, tur_h, tur_top_back)]))
    for k in range(4):
        e.append((tur + k, top + k))
    g = len(v)
    v.extend([(gun_w, gun_y, gun_from), (-gun_w, gun_y, gun_from),
              (gun_w, gun_y, gun_to), (-gun_w, gun_y, gun_to)])
    e.extend([(g, g + 2), (g + 1, g + 3), (g + 2, g + 3)])
    if dish:
        d = len(v)
        z = tur_top_back + 60
        v.extend([(0, tur_h, z), (0, tur_h + 150, z),
                  (110, tur_h + 130, z), (-110, tur_h + 130, z),
                  (110, tur_h + 230, z), (-110, tur_h + 230, z)])
        e.extend([(d, d + 1), (d + 2, d + 3), (d + 3, d + 5), (d + 5, d + 4), (d + 4, d + 2)])
    return Model(v, e, name)


SLOW_TANK = _tank(hull_w=300, hull_front=420, hull_back=-420, deck_h=170, deck_front=520,
                  deck_back=-460, tur_w=210, tur_front=200, tur_back=-320, tur_top_w=150,
                  tur_top_front=120, tur_top_back=-260, tur_h=330, gun_y=260, gun_from=160,
                  gun_to=720, gun_w=28, dish=True, name="slow tank")
SUPER_TANK = _tank(hull_w=310, hull_front=560, hull_back=-440, deck_h=150, deck_front=300,
                   deck_back=-460, tur_w=230, tur_front=120, tur_back=-380, tur_top_w=120,
                   tur_top_front=-40, tur_top_back=-300, tur_h=270, gun_y=220, gun_from=60,
                   gun_to=820, gun_w=24, dish=False, name="super tank")
# Where the tread cleats are drawn: just outside each hull side.
TANK_HALF_WIDTH = {"slow_tank": 330.0, "super_tank": 340.0}


def _missile() -> Model:
    r = 90.0
    ring_back = [(r, r, -500), (-r, r, -500), (-r, -r, -500), (r, -r, -500)]
    ring_front = [(r, r, 300), (-r, r, 300), (-r, -r, 300), (r, -r, 300)]
    nose = (0, 0, 620)
    v = ring_back + ring_front + [nose,
                                  (0, 260, -520), (0, 90, -300),     # top fin
                                  (260, -90, -520), (-260, -90, -520)]  # side fins
    e = [(0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 6), (6, 7), (7, 4),
         (0, 4), (1, 5), (2, 6), (3, 7), (4, 8), (5, 8), (6, 8), (7, 8),
         (9, 10), (9, 1), (11, 3), (12, 2)]
    # Lift the body so the model stands on the ground when flying low.
    return Model([(x, y + 120, z) for x, y, z in v], e, "missile")


def _saucer() -> Model:
    n = 8
    v = []
    for k in range(n):
        a = 2 * math.pi * k / n
        v.append((420 * math.sin(a), 0, 420 * math.cos(a)))
    for k in range(n):
        a = 2 * math.pi * (k + 0.5) / n
        v.append((170 * math.sin(a), 130, 170 * math.cos(a)))
    v.append((0, -110, 0))
    e = [(k, (k + 1) % n) for k in range(n)]
    e += [(n + k, n + (k + 1) % n) for k in range(n)]
    e += [(k, n + k) for k in range(n)] + [(k, 2 * n) for k in range(0, n, 2)]
    return Model(v, e, "saucer")


MISSILE = _missile()
SAUCER = _saucer()

# A shell: a small diamond (octahedron), centred on its flight height.
SHELL = Model([(28, 0, 0), (-28, 0, 0), (0, 28, 0), (0, -28, 0), (0, 0, 50), (0, 0, -50)],
              [(0, 2), (2, 1), (1, 3), (3, 0), (0, 4), (1, 4), (2, 4), (3, 4),
               (0, 5), (1, 5), (2, 5), (3, 5)], "shell")

# Explosion chunks: bent pieces of armour thrown up when a hostile dies.
CHUNKS = (
    Model([(-160, 0, -60), (170, 40, -80), (120, 0, 110), (-90, 90, 70)],
          [(0, 1), (1, 2), (2, 3), (3, 0), (0, 2)], "chunk a"),
    Model([(-200, 0, 0), (0, 120, 30), (210, 0, -10), (0, -40, 140)],
          [(0, 1), (1, 2), (2, 3), (3, 0), (1, 3)], "chunk b"),
    Model([(-90, -90, -90), (90, -90, -90), (90, 90, -90), (-90, 90, -90),
           (0, 0, 160)], [(0, 1), (1, 2), (2, 3), (3, 0), (0, 4), (2, 4)], "chunk c"),
    Model([(0, 0, -260), (0, 0, 260), (40, 40, 260), (40, 40, -260)],
          [(0, 1), (1, 2), (2, 3), (3, 0)], "barrel"),
)

# --- The horizon, at infinity.  Bearings in radians (yaw rule), elevations
# in radians above the horizon.  A ridge line of our own drawing all the way
# round, with the volcano's cone near bearing 0.3.
def _ridge() -> tuple[tuple[float, float], ...]:
    # Piecewise: (bearing in turns, height in milliradians), closed round.
    pts = (
        (0.000, 14), (0.020, 34), (0.035, 22), (0.050, 46), (0.062, 30), (0.075, 18),
        (0.105, 20), (0.125, 52), (0.140, 40), (0.150, 62), (0.165, 36), (0.185, 16),
        (0.215, 24), (0.230, 44), (0.245, 28), (0.265, 12),
        # The volcano: a wide cone with a notched crater at the top.
        (0.290, 16), (0.320, 58), (0.335, 84), (0.341, 80), (0.347, 84), (0.362, 58),
        (0.392, 16),
        (0.420, 26), (0.440, 18), (0.470, 40), (0.485, 28), (0.500, 50), (0.520, 22),
        (0.550, 14), (0.575, 30), (0.590, 20), (0.610, 56), (0.625, 44), (0.640, 70),
        (0.660, 38), (0.690, 18), (0.720, 28), (0.745, 16), (0.770, 36), (0.790, 24),
        (0.815, 48), (0.835, 20), (0.870, 14), (0.895, 32), (0.915, 22), (0.940, 42),
        (0.960, 26), (0.980, 10),
    )
    return tuple((t * 2 * math.pi, h / 1000.0) for t, h in pts)


RIDGE = _ridge()
VOLCANO_BEARING = 0.341 * 2 * math.pi
VOLCANO_TOP = 0.082                      # elevation of the crater (radians)

# The crescent moon: an outer arc and an inner one meeting at the horns, in
# radians about its centre (bearing offset, elevation offset).
MOON_BEARING = 0.78 * 2 * math.pi
MOON_ELEVATION = 0.16
MOON = tuple(
    [(0.028 * math.cos(a), 0.028 * math.sin(a))
     for a in [math.pi / 2 + k * math.pi / 10 for k in range(11)]]
    + [(0.012 - 0.018 * math.cos(a) - 0.012, 0.028 * math.sin(a))
       for a in [-math.pi / 2 + k * math.pi / 10 for k in range(11)]]
)

# Cracked glass: polylines from the point of impact, in display units
# relative to it (our own pattern).
CRACKS = (
    ((0, 0), (-90, 40), (-170, 30), (-260, 90), (-400, 110), (-520, 190)),
    ((0, 0), (60, 110), (70, 200), (150, 290), (170, 380)),
    ((0, 0), (120, -30), (230, -10), (330, -80), (470, -90), (560, -150)),
    ((0, 0), (-40, -120), (-120, -190), (-130, -300)),
    ((0, 0), (-110, 130), (-160, 250), (-260, 300)),
    ((0, 0), (90, -140), (200, -210), (230, -330)),
    ((-170, 30), (-200, -60), (-290, -100)),
    ((230, -10), (270, 80), (380, 120)),
    ((70, 200), (-20, 260)),
    ((-120, -190), (-220, -180)),
)

# The player's gun sight: a reticle of our own drawing, display units about
# the view's centre: the notched top and bottom brackets.
RETICLE = (
    ((-60, 60), (-60, 90), (60, 90), (60, 60)),
    ((-60, -60), (-60, -90), (60, -90), (60, -60)),
    ((0, 90), (0, 140)),
    ((0, -90), (0, -140)),
)
