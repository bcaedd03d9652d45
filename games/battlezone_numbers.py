"""BattleZone's numbers and its field: the screen and camera, the operator
settings' values, shells, timing, the radar, the volcano and the fixed
layout of obstacles, shared by the game (games/battlezone.py), its
hostiles' rules (battlezone_enemies) and its drawing (battlezone_view).

Sources as in games/battlezone.py: [S]/[D] as in arcade.md, "dis" for the
annotated disassembly (see battlezone_enemies), [I] for our own.
"""

from __future__ import annotations

import math
import random

from . import battlezone_models as M
from .battlezone_enemies import DIRECTIONS, FIELD, SECOND, wrap

# --- The screen [S: MAME bzone visible area 0-580 x 0-400, a 1.45:1 window].
WINDOW = (0.0, 159.0, 1024.0, 865.0)
BAND_BOTTOM = 724.0                    # the red top fifth [arcade.md 2.2: lower 4/5 green]
VIEWPORT = (0.0, WINDOW[1], 1024.0, BAND_BOTTOM)
GREEN, RED = 1, 2                      # palette indices (DEFAULT_PALETTE)
REFRESH_HZ = 60.0                      # fixed ticks; the original's AVG refreshed at ~41 Hz [S]

# --- The camera [I unless marked].
# The view spans the sector the original calls "in front" (its directional
# messages stop within 0x16/256 of a turn either side [D: dis]); the radar
# wedge shows the same angle.
FRONT = 0x16 * DIRECTIONS // 256       # 30.9 degrees, in directions
FOV = 2 * FRONT * 2 * math.pi / DIRECTIONS
NEAR = 256.0
FAR = 31487.0                          # [D: dis, frustum far &7AFF]
EYE_HEIGHT = 300.0
SHELL_HEIGHT = 220.0                   # shells fly at gun height

# --- Player, settings [S: MAME DIPs; arcade.md 2.2].
TANKS_CHOICES = (2, 3, 4, 5)
BONUS_TANKS = (15_000, 100_000)        # default; also 25k+100k, 50k+100k or none
MISSILE_SCORES = (5_000, 10_000, 20_000, 30_000)
PLAYER_BLOCK = 1152.0                  # no closer to an obstacle's centre [D: dis radius_my_tank &480]
SPAWN_CLEARANCE = 1600.0               # a hostile appears this far beyond any obstacle's radius [I]
PLAYER_HIT_RADIUS = 560.0              # an enemy shell this near your tank has hit it [I]

# --- Shells: one each in flight [arcade.md 2.2].
SHELL_SPEED = 120.0                    # units per tick [I]
SHELL_SUBSTEPS = 4                     # collision tested 4 times a move [D: dis "test movement x4"]
SHELL_LIFE = 100                       # ticks: a 12,000-unit range [I]

# --- Hostiles appearing [D: dis unit_creation].
TANK_SPAWN_DISTANCE = 6144.0           # 3/16 of &7FFF from you
MISSILE_SPAWN_DISTANCE = 24576.0       # 3/4 of &7FFF: missiles come from afar
SUPER_AFTER_MISSILES = 5               # super tanks once 5 missiles have been launched
HOSTILE_DELAY = 2 * SECOND             # after a kill [I]
FIRST_HOSTILE_DELAY = SECOND // 2      # at the start [I]

# --- Lives, deaths and modes [I unless marked].
DEAD_TICKS = 3 * SECOND                # the cracked screen stays this long
GAME_OVER_TICKS = 3 * SECOND
ATTRACT_PHASE_TICKS = 10 * SECOND
INITIALS_TIMEOUT = 60 * SECOND         # [arcade.md 2.2: "times out after about 60 s"]
BLOCKED_SHOW_TICKS = SECOND // 2

# --- Sounds: the 1812 Overture at 100,000 [D: dis]; its nine notes here are
# our own pick from Tchaikovsky's theme (Hz).
OVERTURE_SCORE = 100_000
OVERTURE = (392.0, 392.0, 392.0, 330.0, 349.0, 392.0, 440.0, 392.0, 349.0)

# --- Radar [arcade.md 2.2: a sweeping radar with a blip; its upper wedge is
# your field of view].
RADAR_CENTRE = (512.0, 794.0)          # top centre of the band [I]
RADAR_RADIUS = 62.0
RADAR_RANGE = 24576.0                  # the rim [I]; further blips sit on it
RADAR_SWEEP = 32                       # directions per tick: a sweep in 2.1 s [I]
BLIP_FADE = 2 * SECOND                 # the blip's afterglow [I]
REAR_ANGLE = 3 * DIRECTIONS // 8       # "TO REAR" beyond 135 degrees [I]

# --- Scenery [I].
ERUPT_EVERY = (SECOND // 3, 2 * SECOND)  # between volcano bursts [I]
LAVA_GRAVITY = 0.00012                 # radians per tick^2 [I]
MAX_LAVA = 24
CHUNK_GRAVITY = 3.0                    # units per tick^2 [I]
SPATTER_TICKS = 18




# --- The field: a fixed layout of our own, the same every game (the
# original's obstacles are a fixed table too [D: dis]).  Kinds: model, the
# radius that stops an enemy [D: dis radius_* &340 / &3C0 / &400; the cube
# ours], the half footprint that stops a shell [I].
OBSTACLE_KINDS = {
    "cube": (M.CUBE, 832.0, 440.0),
    "tall_box": (M.TALL_BOX, 832.0, 350.0),
    "short_box": (M.SHORT_BOX, 960.0, 580.0),
    "narrow_pyramid": (M.NARROW_PYRAMID, 832.0, 420.0),
    "wide_pyramid": (M.WIDE_PYRAMID, 1024.0, 660.0),
}
OBSTACLE_TOPS = {k: max(v[1] for v in m.vertices) for k, (m, _, _) in OBSTACLE_KINDS.items()}
START = (FIELD / 2, FIELD / 2)


def _layout() -> tuple[tuple[str, float, float, int], ...]:
    """40 obstacles ``(kind, x, z, heading)``: at least 5,000 units apart,
    none within 3,000 of the start, a few in the first view."""
    rng = random.Random(1980)
    kinds = tuple(OBSTACLE_KINDS)
    placed: list[tuple[str, float, float, int]] = []
    firsts = ((-2600.0, 5200.0), (3400.0, 8200.0), (-700.0, 12800.0))
    for i, (dx, dz) in enumerate(firsts):
        placed.append((kinds[i], START[0] + dx, START[1] + dz, rng.randrange(DIRECTIONS)))
    while len(placed) < 40:
        x, z = rng.random() * FIELD, rng.random() * FIELD
        if math.hypot(wrap(x - START[0]), wrap(z - START[1])) < 3000:
            continue
        if any(math.hypot(wrap(x - ox), wrap(z - oz)) < 5000 for _, ox, oz, _ in placed):
            continue
        placed.append((kinds[len(placed) % len(kinds)], x, z, rng.randrange(DIRECTIONS)))
    return tuple(placed)


OBSTACLES = _layout()
