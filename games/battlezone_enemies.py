"""BattleZone's hostiles: the slow tank, the super tank, the guided missile
and the harmless flying saucer, and the field's geometry they share.

Behaviour follows the original's program as documented publicly: the
annotated disassembly at 6502disassembly.com (Battlezone rev 2) and the
comments of the AcornDeveloper/atari-battlezone port that follows it
(``animate.asm``), read for facts only, cited ``[D: dis]`` beside each
number.  Numbers of our own are marked ``[I]``.  The original counted its
AI in its own game frames; our tick is 1/60 s and the timings below are
given in ticks.

Geometry: the field is 65,536 units square and wraps (the original's
16-bit coordinates [D: dis]); x and z on the ground, y up.  Directions are
integers of ``DIRECTIONS`` = 4,096 per turn, read through a sine table
rounded to 1/16384 as games/trig.py does, so the simulation never calls a
platform ``sin`` and is bit-identical natively and in Pyodide.  Direction
``d`` faces ``(SIN[d], COS[d])`` in (x, z): the camera's yaw rule, positive
turning left.
"""

from __future__ import annotations

import math
from typing import Any

from .trig import nearest_direction, sine_tables

# The step functions take the game (a games.battlezone.BattleZone) as ``game``;
# it is typed Any because the game module imports this one.
BattleZone = Any

DIRECTIONS = 4096
HALF_TURN = DIRECTIONS // 2
SIN, COS = sine_tables(DIRECTIONS)
PER_256 = DIRECTIONS // 256            # the original's angles were 256 a turn

FIELD = 65536.0                        # the field wraps [D: dis, 16-bit coordinates]
SECOND = 60                            # ticks in a second

# --- Radii (world units) [D: dis, animate.asm radius_* constants].
UNIT_RADIUS = 1920.0                   # tank against tank (&780)
MISSILE_RADIUS = 896.0                 # missile against tank (&380)
# How far an enemy keeps from an obstacle's centre beyond its radius, so our
# models do not sink into the shapes [I].
ENEMY_CLEARANCE = 160.0
HIT_RADIUS = {"slow_tank": 560.0, "super_tank": 580.0, "missile": 420.0}  # a shell hit [I]
SAUCER_HIT_RADIUS = 480.0              # [D: dis, radius_saucer &480]

# --- Speeds per tick.  The player's tank sets the scale [I]; "a super
# tank moves and turns twice as fast as both the slow tank and the
# player's tank" [arcade.md 2.2; D: dis doubles its movement vector].
PLAYER_SPEED = 24.0                    # units per tick at full treads [I]
PLAYER_TURN = 11.0                     # directions per tick spinning (6.2 s a turn) [I]
TANK_SPEED = {"slow_tank": PLAYER_SPEED, "super_tank": 2 * PLAYER_SPEED}
TANK_TURN = {"slow_tank": PLAYER_TURN, "super_tank": 2 * PLAYER_TURN}
MISSILE_SPEED = 3.0 * PLAYER_SPEED     # [I]
MISSILE_STEER = 2 * PER_256            # directions per tick toward the player [D: dis 1-2/256 a turn per update]

# --- Tank AI [D: dis, update_tank / set_tank_turn_to / try_shoot_player].
CLOSE_ANGLE = 20 * PER_256             # beyond this off course a tank turns on the spot (&0A x 2)
FIRE_ANGLE = 2 * PER_256               # fires when within 2/256 of a turn of the player
KEEP_DISTANCE = {"slow_tank": 1280.0, "super_tank": 2048.0}  # stops closing in (&500, &800)
HOLD_FIRE_TICKS = 2 * SECOND           # no shot for 2 s after a spawn
ALWAYS_HARD_TICKS = 17 * SECOND        # after 17 s the tank heads straight for you
EASY_SCORE = 2000                      # below 2,000 points a young tank fires only ...
EASY_FIRE_ANGLE = 32 * PER_256         # ... within 45 degrees ...
EASY_FIRE_DISTANCE = 9216.0            # ... and nearer than &2400
REVERSE_TICKS = 90                     # backing off an obstacle (&30 updates) [I ticks]
PLAN_TICKS = {"hard": 45, "medium": 120, "mild": 90}  # until the next decision [I ticks]
MILD_SPREAD = 32 * PER_256             # mild plans wander up to 45 degrees (&1F)
TREAD_PER_DIRECTION = 0.5              # tread roll (units) per direction turned, drawing only [I]

# --- Missile [D: dis, update_missile].
SWERVE_MAX = 31 * PER_256              # zig-zag offset up to 31/256 of a turn ...
SWERVE_HALF_PERIOD = SECOND // 2       # ... ramping, flipping side every half second
SWERVE_STOP = 2048.0                   # flies straight in from &800 ...
SWERVE_STOP_PER_1000 = 256.0           # ... or further while the score is low
SWERVE_EASY_SCORE = 25_000             # above threshold + 25,000 always &800
MISSILE_START_HEIGHT = 700.0           # comes in from the sky [I]
MISSILE_FALL = 12.0                    # units per tick down to the ground [I]
MISSILE_CLIMB = 120.0                  # units per tick hopping over an obstacle [I]
MISSILE_LOW = 120.0                    # flying this low it can ram you [I]
MISSILE_CLEAR = 60.0                   # passes over an obstacle this much above its top [I]

# --- Saucer [D: dis, update_saucer].
SAUCER_SCORE = 2000                    # none before 2,000 points
SAUCER_HEIGHT = 380.0                  # hover height [I]
SAUCER_SPEED = 10.0                    # largest speed along x or z, per tick [I]
SAUCER_DELAY = (6 * SECOND, 20 * SECOND)  # between saucers [I after a random byte]
SAUCER_TURN = (SECOND // 2, 4 * SECOND)   # between changes of course [I after 0-127 updates]
SAUCER_SPIN = 40                       # directions per tick [I]
SAUCER_DIE_TICKS = 32                  # [D: dis saucer_dying_counter, doubled I]
SAUCER_RANGE = (5000.0, 11000.0)       # appears this far away [I: near enough to be seen]
SAUCER_LEAVE = 24000.0                 # gone once this far [I]


def wrap(d: float) -> float:
    """The shortest signed distance along a wrapping axis of the field."""
    if d >= FIELD / 2:
        return d - FIELD
    if d < -FIELD / 2:
        return d + FIELD
    return d


def direction_to(dx: float, dz: float) -> int:
    """The direction (0..4095) nearest to the ground vector (dx, dz)."""
    return nearest_direction(dx, dz, DIRECTIONS)


def angle_diff(a: float, b: float) -> float:
    """Signed ``a - b`` in directions, in [-2048, 2048): positive = a is to the left."""
    return (a - b + HALF_TURN) % DIRECTIONS - HALF_TURN


class Hostile:
    """The one hostile on the field: ``kind`` "slow_tank", "super_tank" or
    "missile".  ``x``, ``z`` ground position, ``y`` height (missiles),
    ``heading`` in directions (a float, turned by fractions), ``age`` ticks
    since it appeared."""

    __slots__ = ("kind", "x", "z", "y", "heading", "turn_to", "plan", "timer", "reverse",
                 "reverse_turn", "age", "hop", "straight", "treads")

    def __init__(self, kind: str, x: float, z: float, heading: float) -> None:
        self.kind = kind
        self.x, self.z = x, z
        self.y = MISSILE_START_HEIGHT if kind == "missile" else 0.0
        self.heading = float(heading)
        self.turn_to = float(heading)
        self.plan = "mild"
        self.timer = 0
        self.reverse = 0
        self.reverse_turn = 1
        self.age = 0
        self.hop = False
        self.straight = False      # the first missile ever flies straight in
        self.treads = 0.0          # how far the treads have rolled (units), for the drawing

    @property
    def is_tank(self) -> bool:
        return self.kind != "missile"

    def points(self) -> int:
        return POINTS[self.kind]


POINTS = {"slow_tank": 1000, "missile": 2000, "super_tank": 3000, "saucer": 5000}
"""Scores [arcade.md 2.2: Atari manual]."""


class Saucer:
    """The flying saucer: drifts, spins, changes course at random, never fires."""

    __slots__ = ("x", "z", "vx", "vz", "spin", "timer", "dying")

    def __init__(self, x: float, z: float) -> None:
        self.x, self.z = x, z
        self.vx = self.vz = 0.0
        self.spin = 0
        self.timer = 0
        self.dying = 0


# ---------------------------------------------------------------- tanks
def tank_step(game: BattleZone, t: Hostile) -> None:
    """One tick of a tank: back off an obstacle, or pick a plan, turn toward
    it (on the spot when far off course) and drive, then perhaps fire."""
    t.age += 1
    speed = TANK_SPEED[t.kind]
    turn = TANK_TURN[t.kind]
    px, pz = game.player_x, game.player_z
    dx, dz = wrap(px - t.x), wrap(pz - t.z)
    dist = math.sqrt(dx * dx + dz * dz)
    bearing = direction_to(dx, dz)
    if t.reverse > 0:
        t.reverse -= 1
        _try_move(game, t, -speed * 0.5)
        t.heading = (t.heading + t.reverse_turn * turn * 0.5) % DIRECTIONS
        t.treads -= speed * 0.5
        if t.reverse == 0:
            t.turn_to = t.heading
            t.timer = PLAN_TICKS["mild"]
        return
    t.timer -= 1
    if t.timer <= 0:
        _choose_plan(game, t, bearing)
    if t.plan == "hard":
        t.turn_to = float(bearing)
    diff = angle_diff(t.turn_to, t.heading)
    if abs(diff) > CLOSE_ANGLE:
        # Far off course: turn on the spot, treads opposed.
        t.heading = (t.heading + math.copysign(min(turn, abs(diff)), diff)) % DIRECTIONS
        t.treads += min(turn, abs(diff)) * TREAD_PER_DIRECTION
    else:
        step = min(turn * 0.5, abs(diff))
        t.heading = (t.heading + math.copysign(step, diff)) % DIRECTIONS
        t.treads += step * TREAD_PER_DIRECTION
        if dist >= KEEP_DISTANCE[t.kind] or t.plan != "hard":
            if _try_move(game, t, speed):
                t.treads += speed
            elif game.blocked_by_obstacle:
                # Drove into an obstacle: back away, turning a random way.
                t.reverse = REVERSE_TICKS
                t.reverse_turn = 1 if game.rng.random() < 0.5 else -1
    _try_fire(game, t, dist, bearing)


def _choose_plan(game: BattleZone, t: Hostile, bearing: int) -> None:
    """The original's three moods [D: dis set_tank_turn_to]: "hard" heads
    straight at you; "medium" (the player barely ahead) goes off at right
    angles, or backs up one time in eight; "mild" (the enemy ahead) wanders
    up to 45 degrees off its course.  Outside play every plan is mild."""
    rng = game.rng
    if game.mode != "play":
        plan = "mild"
    elif (t.age >= ALWAYS_HARD_TICKS or rng.random() < 0.5 or game.score >= 100_000):
        plan = "hard"
    else:
        lead = game.score // 1000 - game.enemy_score
        plan = "hard" if lead > 0 else ("medium" if lead == 0 else "mild")
    t.plan = plan
    t.timer = PLAN_TICKS[plan]
    if plan == "hard":
        t.turn_to = float(bearing)
    elif plan == "medium":
        if rng.random() < 1 / 8:
            t.reverse = PLAN_TICKS["medium"] // 2
            t.reverse_turn = 1 if rng.random() < 0.5 else -1
        else:
            t.turn_to = float((bearing + (DIRECTIONS // 4 if rng.random() < 0.5
                                          else -DIRECTIONS // 4)) % DIRECTIONS)
    else:
        t.turn_to = (t.turn_to + rng.randint(-MILD_SPREAD, MILD_SPREAD)) % DIRECTIONS


def _try_move(game: BattleZone, t: Hostile, distance: float) -> bool:
    """Move ``distance`` along the heading unless an obstacle or the player's
    tank is in the way; returns whether it moved."""
    d = int(t.heading) % DIRECTIONS
    nx = (t.x + SIN[d] * distance) % FIELD
    nz = (t.z + COS[d] * distance) % FIELD
    game.blocked_by_obstacle = False
    if game.obstacle_at(nx, nz, ENEMY_CLEARANCE) is not None:
        game.blocked_by_obstacle = True
        return False
    if game.player_alive:
        dx, dz = wrap(game.player_x - nx), wrap(game.player_z - nz)
        if dx * dx + dz * dz < UNIT_RADIUS * UNIT_RADIUS:
            return False
    t.x, t.z = nx, nz
    return True


def _try_fire(game: BattleZone, t: Hostile, dist: float, bearing: int) -> None:
    """Fire when lined up on the player, the last shell is gone and the
    tank has been on the field long enough [D: dis try_shoot_player]."""
    if game.mode != "play" or not game.player_alive or game.enemy_shell is not None:
        return
    if t.age < HOLD_FIRE_TICKS:
        return
    if t.age < ALWAYS_HARD_TICKS and game.score < EASY_SCORE:
        facing = abs(angle_diff(direction_to(-wrap(game.player_x - t.x),
                                             -wrap(game.player_z - t.z)),
                                game.player_heading))
        # A young tank spares a beginner who is not facing it, or is far.
        if facing > EASY_FIRE_ANGLE or dist > EASY_FIRE_DISTANCE:
            return
    if abs(angle_diff(bearing, t.heading)) > FIRE_ANGLE:
        return
    game.fire_enemy_shell(t)


# -------------------------------------------------------------- missile
def missile_step(game: BattleZone, m: Hostile) -> None:
    """One tick of the missile: steer at the player, zig-zag until close,
    hop over obstacles it meets low, come down to the ground."""
    m.age += 1
    dx, dz = wrap(game.player_x - m.x), wrap(game.player_z - m.z)
    dist = math.sqrt(dx * dx + dz * dz)
    bearing = direction_to(dx, dz)
    diff = angle_diff(bearing, m.turn_to)
    m.turn_to = (m.turn_to + math.copysign(min(MISSILE_STEER, abs(diff)), diff)) % DIRECTIONS
    if m.straight or dist < swerve_stop(game):
        m.heading = m.turn_to
    else:
        phase = m.age % (2 * SWERVE_HALF_PERIOD)
        ramp = (phase % SWERVE_HALF_PERIOD) * SWERVE_MAX / SWERVE_HALF_PERIOD
        m.heading = (m.turn_to + (ramp if phase < SWERVE_HALF_PERIOD else -ramp)) % DIRECTIONS
    d = int(m.heading) % DIRECTIONS
    nx = (m.x + SIN[d] * MISSILE_SPEED) % FIELD
    nz = (m.z + COS[d] * MISSILE_SPEED) % FIELD
    if game.player_alive:
        pdx, pdz = wrap(game.player_x - nx), wrap(game.player_z - nz)
        if pdx * pdx + pdz * pdz < MISSILE_RADIUS * MISSILE_RADIUS and m.y < MISSILE_LOW * 3:
            m.x, m.z = nx, nz
            game.missile_hits_player()
            return
    ob = game.obstacle_at(nx, nz, 0.0)
    if ob is not None:
        if m.y < game.obstacle_top(ob) + MISSILE_CLEAR:
            # Met an obstacle low: climb over it before going on.
            m.hop = True
            m.y += MISSILE_CLIMB
            return
    else:
        m.hop = False
        if m.y > 0.0:
            m.y = max(0.0, m.y - MISSILE_FALL)
    m.x, m.z = nx, nz


def swerve_stop(game: BattleZone) -> float:
    """Distance inside which the missile stops zig-zagging: &800, or
    further by &100 per 1,000 points the score is below the missile
    threshold plus 25,000 [D: dis]."""
    margin = game.settings["missile_score"] + SWERVE_EASY_SCORE - game.score
    if margin <= 0:
        return SWERVE_STOP
    return max(SWERVE_STOP, margin // 1000 * SWERVE_STOP_PER_1000)


# --------------------------------------------------------------- saucer
def saucer_step(game: BattleZone, s: Saucer) -> bool:
    """One tick of the saucer; returns False once it has gone (shot down
    and faded, or drifted out of range)."""
    if s.dying:
        s.dying -= 1
        return s.dying > 0
    rng = game.rng
    s.spin = (s.spin + SAUCER_SPIN) % DIRECTIONS
    s.timer -= 1
    if s.timer <= 0:
        s.vx = rng.uniform(-SAUCER_SPEED, SAUCER_SPEED)
        s.vz = rng.uniform(-SAUCER_SPEED, SAUCER_SPEED)
        s.timer = rng.randint(*SAUCER_TURN)
    s.x = (s.x + s.vx) % FIELD
    s.z = (s.z + s.vz) % FIELD
    dx, dz = wrap(s.x - game.player_x), wrap(s.z - game.player_z)
    return dx * dx + dz * dz < SAUCER_LEAVE * SAUCER_LEAVE
