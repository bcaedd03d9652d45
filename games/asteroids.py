"""Asteroids (Atari, 1979), on the project's vector display.

The target is the original game (../shared/reference/arcade.md 2.1): a ship
that rotates, thrusts with inertia and coasts slowly to a stop, fires at
most 4 shots, jumps through hyperspace at a risk; waves of large rocks (4,
then 2 more each wave up to a cap) that split large -> 2 medium -> 2 small;
large saucers firing at random and small saucers aiming better as the score
rises; scores 20/50/100/200/1,000, an extra ship every 10,000, a score
counter that rolls over at 99,990; the heartbeat "thump" that quickens
with time in the wave; and the operating modes attract (rock field, then
the top-10 table), play, game over and 3-initial entry.

How things move is the original program's: the ship's 16-bit velocity,
thrust, friction and cap, the rocks' per-axis speeds and the fragments'
inheritance, the hyperspace risk and the heartbeat are read from the rev. 2
ROM in the public annotated disassembly (nmikstas/asteroids-disassembly);
each constant names the routine.  The saucers' rules are in
asteroids_saucer.py.

The playfield is the 4:3 window (0, 128)-(1024, 896) of the 1024 x 1024
space (MAME's visible area is a 4:3 slice, arcade.md 2.1); objects live in
playfield coordinates 0..1024 x 0..768 and everything wraps.  Directions
are 0..255 (0 = right, 64 = up) read through a sine table rounded to
1/16384, as the 6502 did with its table: the simulation never calls a
platform ``sin``, so it is bit-identical natively and in Pyodide.

Controls: ``left``/``right`` rotate, ``thrust``, ``fire``, ``hyperspace``,
``start``.  Settings: ``ships`` (3 or 4, the DIP switch), ``bonus_ship``
(points per extra ship, 0 for none).
"""

from __future__ import annotations

from typing import Any, Mapping

from machines.vector.displaylist import DisplayList

from .base import Game
from .trig import COS as _COS, DIRECTIONS, SIN as _SIN
from .asteroids_field import H, W, _Body, _Debris, _Saucer, _near
from .asteroids_saucer import (ROCK_BREAK_STEPS, SAUCER_MAX_SHOTS, SAUCER_RADIUS,
                               SAUCER_SHOT_LIFE, SaucerRules, direction_to)  # noqa: F401
from .highscores import HighScoreTable, InitialsEntry, KeepsHighScores
from .sound import Tone

# --- Hardware timing [arcade.md 2.1: MAME refresh 3 kHz / 12 / 4, where
# the "3 kHz" clock is 12.096 MHz / 4096].
MASTER_CLOCK = 12_096_000
REFRESH_HZ = MASTER_CLOCK / 4096 / 12 / 4          # 61.52 Hz
SECOND = 62                                        # ticks in about a second

# --- The playfield: a 4:3 window of the 1024 x 1024 space [arcade.md 2.1].
WINDOW = (0.0, 128.0, 1024.0, 896.0)
Y_OFFSET = WINDOW[1]

# --- Directions: 256 per turn, as the original's direction byte.

# --- Player settings [arcade.md 2.1].
SHIPS_CHOICES = (3, 4)                 # DIP switch: 3 or 4 ships per game
BONUS_SHIP_POINTS = 10_000             # extra ship every 10,000
SCORE_ROLLOVER = 100_000               # the display rolls over at 99,990
MAX_SHOTS = 4                          # "only four shots at one time"

# --- Scores [arcade.md 2.1, Atari operation manual].
LARGE, MEDIUM, SMALL = 0, 1, 2
ROCK_POINTS = (20, 50, 100)
LARGE_SAUCER_POINTS = 200
SMALL_SAUCER_POINTS = 1_000

# --- Waves [arcade.md 2.1]: 4 large rocks, 2 more each wave, up to a cap
# (11 per the disassembly lore; the reference leaves 11 vs 12 open).
FIRST_WAVE_ROCKS = 4
WAVE_ROCKS_STEP = 2
WAVE_ROCKS_CAP = 11
MAX_ROCKS = 27                         # rock slots: a split with none free adds nothing [I]
WAVE_DELAY = 2 * SECOND                # pause after the last rock before the next wave

# --- The ROM's units [nmikstas/asteroids-disassembly, the rev. 2 program]:
# positions are 13-bit, $2000 x $1800 across the playfield, so one ROM
# unit is 1/8 of ours; speeds are ROM units per frame.
ROM_UNIT = 1.0 / 8.0

# --- Ship physics [ROM ship status L7086-L7138].  The ship's velocity per
# axis is a 16-bit number, ROM units/frame x 256, updated every other frame
# ("FrameTimerLo LSR BCS"): thrust adds twice the thrust table's entry
# (127 x the sine of the direction); without thrust, friction takes
# 2 x (high byte) + 1 away, about v/256 a frame; the high byte is held to
# -$40..$3F (about 7.9 units/frame per axis).  The ship moves by the high
# byte, whole ROM units, each frame [ROM UpdateObjPos L6FC7].
ROTATE_STEP = 3                        # direction units per frame [ROM L708B]
THRUST_TABLE_MAX = 127                 # the thrust table's peak (sine x 127)
SHIP_VMAX = 0x3FFF                     # per axis, in 1/256 ROM units/frame [ROM L712D]
SHIP_VMIN = -0x3FFF                    # [ROM L7136: $C0 high byte, +1 low]
SHIP_RADIUS = 11.0
SHOT_SPEED = 8.0                       # added to the ship's velocity
SHOT_LIFE = 62                         # ticks: a shot reaches about 500 units
SHOT_START = 16.0                      # shots leave from the nose

# --- Hyperspace [ROM EnterHyprspc L6E74]: 48 frames away ($30), then a
# random spot 3..$1C x 3..$14 in 256-unit steps (32 of ours).  A random
# 0..31 of 24 or more (a quarter of jumps) is a bad roll; it kills only if
# (r & 7) x 2 + 4 is not below the number of rocks, so 25 % of jumps die
# with 4 rocks or fewer, 12.5 % with 11-12, none from 19 [ROM L6EB3-L6EC4].
HYPERSPACE_TICKS = 0x30
HYPERSPACE_X = (3, 0x1C)               # 32-unit steps
HYPERSPACE_Y = (3, 0x14)
HYPERSPACE_BAD_ROLL = 0x18

# --- Lives and respawn.
PLAYER_START_TICKS = 2 * SECOND        # "PLAYER 1" for 2 s [arcade.md 2.1]
RESPAWN_TICKS = 0x81                   # ship spawn timer after a loss [ROM L6B1E]
SAFE_RADIUS = 130.0                    # the ship returns only when the centre is clear

# --- Rocks [ROM SetAstVel L7203, GetAstVelocity L7233]: each axis of a
# rock's velocity is its parent's (0 for a new wave) plus a random -16..+15,
# then held to 6..31 ROM units a frame either way, never 0: 0.75-3.9 of our
# units per axis, never axis-aligned.  A split rock's two fragments both
# start from the parent's velocity [ROM BreakAsteroid L7622-L764A].
ROCK_RADIUS = (40.0, 20.0, 10.0)       # [I: our shapes]
ROCK_RANDOM = (-16, 15)                # AND #$8F, sign-extended
ROCK_VMIN, ROCK_VMAX = 6, 31           # ROM units/frame per axis
ROCK_INTENSITY = 0.5                   # rocks glow about half as bright as the ship [I]

# --- Saucers: see asteroids_saucer.py (the ROM's timers, sizes and aim).
# --- Attract and game over [arcade.md 2.1: attract alternates every 16 s].
ATTRACT_PHASE_TICKS = 16 * SECOND
GAME_OVER_TICKS = 3 * SECOND
INITIALS_TIMEOUT = 30 * SECOND

# --- The heartbeat [ROM ChkThmpFaster L6960, thump SFX L7588-L75BC]: a
# beat sounds 4 frames, then is silent for the off-time, 48 frames at the
# start of each wave and one frame less every 64 frames down to 8; it is
# silent while the ship is not in play (exploded, waiting) or no rocks are left.
THUMP_ON = 4
THUMP_OFF_START = 0x30
THUMP_OFF_MIN = 8
THUMP_SPEEDUP_EVERY = 64

# --- Explosions: particle dots.
PARTICLES = (14, 10, 7)                # dots per rock explosion by size
SAUCER_PARTICLES = 14
PARTICLE_LIFE = (24, 48)               # ticks
PARTICLE_SPEED = (0.4, 2.4)
MAX_PARTICLES = 160
DEBRIS_LIFE = 90                       # the ship's broken lines drift this long

# --- Shapes of our own design (not the ROM's), radius 1 for rocks.  The
# original's rocks do not spin; there are 4 outlines.
ROCK_OUTLINES = (
    ((0.0, 1.0), (0.55, 0.85), (0.95, 0.55), (0.7, 0.05), (1.0, -0.45), (0.5, -1.0),
     (-0.15, -0.75), (-0.55, -1.0), (-1.0, -0.4), (-0.8, 0.25), (-1.0, 0.6), (-0.45, 0.95)),
    ((-0.3, 1.0), (0.45, 0.9), (1.0, 0.35), (0.75, -0.15), (0.95, -0.6), (0.3, -1.0),
     (-0.4, -0.9), (-1.0, -0.55), (-0.7, 0.0), (-1.0, 0.45)),
    ((0.1, 1.0), (0.9, 0.7), (0.6, 0.3), (1.0, -0.2), (0.55, -0.95), (0.0, -0.6),
     (-0.6, -1.0), (-1.0, -0.3), (-0.95, 0.5), (-0.4, 0.5), (-0.55, 0.95)),
    ((-0.5, 1.0), (0.2, 0.75), (0.65, 1.0), (1.0, 0.4), (0.8, -0.3), (1.0, -0.7),
     (0.35, -1.0), (-0.3, -0.8), (-0.9, -0.95), (-0.75, -0.25), (-1.0, 0.3)),
)
# Pre-scaled closed outlines by size and shape.
_ROCK_POINTS = tuple(tuple(tuple((x * r, y * r) for x, y in o + (o[0],)) for o in ROCK_OUTLINES)
                     for r in ROCK_RADIUS)
# Ship pointing right (direction 0): a slim arrow with a notched tail.
SHIP_OUTLINE = ((17.0, 0.0), (-10.0, 9.0), (-6.0, 5.0), (-6.0, -5.0), (-10.0, -9.0), (17.0, 0.0))
SHIP_FLAME = ((-6.0, 3.5), (-17.0, 0.0), (-6.0, -3.5))
# Saucer, large size, centred on its hull line.
SAUCER_STROKES = (
    ((-24.0, 0.0), (-10.0, 8.0), (10.0, 8.0), (24.0, 0.0), (10.0, -8.0), (-10.0, -8.0), (-24.0, 0.0),
     (24.0, 0.0)),
    ((-10.0, 8.0), (-6.0, 15.0), (6.0, 15.0), (10.0, 8.0)),
)
SAUCER_SCALE = (1.0, 0.5)


def _friction(v: int) -> int:
    """One friction step of a 16-bit ship velocity (1/256 ROM units/frame):
    2 x the high byte + 1 towards zero [ROM ShipDecelerate L70E6]."""
    if v == 0:
        return 0
    hi = v >> 8
    return v - (2 * hi + 1) if hi >= 0 else v - 2 * hi


class Asteroids(SaucerRules, KeepsHighScores, Game):
    """The game.  ``state()`` gives ``mode`` (attract, play, game_over),
    ``phase`` (attract_rocks, attract_scores, player_start, play, respawn,
    game_over, enter_initials), ``score`` (the rolling counter, 0..99,990),
    ``lives`` (ships left, counting the one in play), ``level`` and
    ``wave``, ``rocks`` (total) with ``rocks_large``/``rocks_medium``/
    ``rocks_small``, ``saucers`` (0 or 1) and ``saucer`` (None, "large",
    "small"), ``shots`` and ``saucer_shots`` on screen, ``particles``,
    ``ship`` (x, y, direction, vx, vy, alive, hyperspace), ``high_score``,
    ``initials`` while entering them, and ``tick``."""

    name = "asteroids"
    title = "Asteroids"
    refresh_hz = REFRESH_HZ
    window = WINDOW
    controls_used = ("left", "right", "thrust", "fire", "hyperspace", "start")
    default_settings = {"ships": 3, "bonus_ship": BONUS_SHIP_POINTS}
    setting_choices = {"ships": SHIPS_CHOICES}
    help = ("Start to play. Left/Right rotate, Thrust, Fire (4 shots at most), "
            "Hyperspace jumps at a risk. After a top-10 game, Left/Right choose a letter "
            "and Hyperspace accepts it.")
    key_legend = (("← →", "rotate"), ("↑", "thrust"), ("Space", "fire"),
                  ("Shift", "hyperspace"), ("Enter", "start"))
    # Sound bank, after the original's discrete circuits [arcade.md 2.1:
    # thump, fire, thrust, explosions, saucer sounds; MAME asteroid_thump_w,
    # explode_w].  Our own tone choices.
    SOUNDS = {
        "thump_low": (Tone("square", 55.0, 110.0, 0.7),),
        "thump_high": (Tone("square", 62.0, 110.0, 0.7),),
        "fire": (Tone("square", 1400.0, 90.0, 0.25, 300.0),),
        "saucer_fire": (Tone("square", 1800.0, 110.0, 0.25, 500.0),),
        "thrust": (Tone("noise", 90.0, 200.0, 0.45),),
        "explode_large": (Tone("noise", 180.0, 700.0, 0.9, 40.0),),
        "explode_medium": (Tone("noise", 260.0, 450.0, 0.8, 60.0),),
        "explode_small": (Tone("noise", 400.0, 280.0, 0.7, 90.0),),
        "explode_ship": (Tone("noise", 150.0, 1200.0, 1.0, 30.0),),
        "saucer_large": (Tone("square", 420.0, 130.0, 0.22, 560.0),
                         Tone("square", 560.0, 130.0, 0.22, 420.0)),
        "saucer_small": (Tone("square", 820.0, 80.0, 0.22, 1100.0),
                         Tone("square", 1100.0, 80.0, 0.22, 820.0)),
        "extra_ship": tuple(Tone("square", 2900.0, 60.0, 0.3) for _ in range(4)),
    }

    # ------------------------------------------------------------- set-up
    def __init__(self, settings: Mapping[str, Any] | None = None, seed: int = 0) -> None:
        self.high_scores = HighScoreTable()
        super().__init__(settings, seed)

    def reset(self, seed: int = 0) -> None:
        self.rng.seed(seed)
        self.tick = 0
        self.mode = "attract"
        self.phase = "attract_rocks"
        self.phase_timer = ATTRACT_PHASE_TICKS
        self.score = 0
        self.lives = 0
        self.wave = 0
        self.rocks: list[_Body] = []
        self.shots: list[_Body] = []
        self.saucer: _Saucer | None = None
        self.saucer_shots: list[_Body] = []
        self.particles: list[_Body] = []
        self.debris: list[_Body] = []
        self.entry: InitialsEntry | None = None
        self.last_rank: int | None = None
        self.remember({})
        self._clear_ship()
        self.ship_alive = False
        self._new_game_saucers()
        self.wave_delay = 0
        self._new_wave_thump()
        self._spawn_wave(FIRST_WAVE_ROCKS)

    # The ship's velocity is kept as the ROM keeps it (1/256 ROM units per
    # frame, an int per axis); ship_vx / ship_vy read it in our units.
    @property
    def ship_vx(self) -> float:
        return self._svx * ROM_UNIT / 256

    @ship_vx.setter
    def ship_vx(self, v: float) -> None:
        self._svx = max(SHIP_VMIN, min(SHIP_VMAX, int(round(v * 256 / ROM_UNIT))))

    @property
    def ship_vy(self) -> float:
        return self._svy * ROM_UNIT / 256

    @ship_vy.setter
    def ship_vy(self, v: float) -> None:
        self._svy = max(SHIP_VMIN, min(SHIP_VMAX, int(round(v * 256 / ROM_UNIT))))

    def _clear_ship(self) -> None:
        self.ship_x, self.ship_y = W / 2, H / 2
        self._svx = self._svy = 0
        self.hyper_bad = False
        self.ship_dir = 64
        self.thrusting = False
        self.hyperspace = 0          # ticks left out of the playfield
        self.respawn_timer = 0

    def _new_wave_thump(self) -> None:
        self.wave_ticks = 0
        self.thump_off = THUMP_OFF_START
        self.thump_timer = THUMP_OFF_START     # silent, then the first beat
        self.thump_on = 0
        self.thump_high = False

    def start_game(self) -> None:
        """A new game: score 0, ``ships`` ships, wave 1, "PLAYER 1" then the ship."""
        self.mode = "play"
        self.phase = "player_start"
        self.phase_timer = PLAYER_START_TICKS
        self.score = 0
        self.lives = int(self.settings["ships"])
        self.wave = 0
        self.shots.clear()
        self.saucer = None
        self.saucer_shots.clear()
        self.particles.clear()
        self.debris.clear()
        self.entry = None
        self._clear_ship()
        self.ship_alive = False
        self._new_game_saucers()
        self.next_wave()

    def next_wave(self) -> None:
        """Begin the next wave: 4 large rocks, 2 more each wave, up to the cap."""
        self.wave += 1
        n = min(FIRST_WAVE_ROCKS + WAVE_ROCKS_STEP * (self.wave - 1), WAVE_ROCKS_CAP)
        self.rocks.clear()
        self._spawn_wave(n)
        self._new_wave_saucers()
        self._new_wave_thump()

    def _spawn_wave(self, n: int) -> None:
        rng = self.rng
        for _ in range(n):
            # Waves come in from the edges, away from the ship at the centre.
            if rng.random() < 0.5:
                x, y = 0.0, rng.random() * H
            else:
                x, y = rng.random() * W, 0.0
            self._add_rock(x, y, LARGE)

    def rock_axis_speed(self, parent: int) -> int:
        """One axis of a new rock's velocity in ROM units/frame: ``parent``
        (the parent rock's, 0 for a new wave) plus a random -16..+15, held
        to 6..31 either way [ROM SetAstVel, GetAstVelocity]."""
        v = parent + self.rng.randint(*ROCK_RANDOM)
        if v >= 0:
            return ROCK_VMIN if v < ROCK_VMIN else ROCK_VMAX if v > ROCK_VMAX else v
        return -ROCK_VMIN if v > -ROCK_VMIN else -ROCK_VMAX if v < -ROCK_VMAX else v

    def _add_rock(self, x: float, y: float, size: int, parent: _Body | None = None) -> None:
        if len(self.rocks) >= MAX_ROCKS:
            return
        rng = self.rng
        px = int(round(parent.vx / ROM_UNIT)) if parent else 0
        py = int(round(parent.vy / ROM_UNIT)) if parent else 0
        vx = self.rock_axis_speed(px) * ROM_UNIT
        vy = self.rock_axis_speed(py) * ROM_UNIT
        self.rocks.append(_Body(x, y, vx, vy, 0, size, rng.randrange(len(ROCK_OUTLINES))))

    # ------------------------------------------------------------- helpers

    def add_score(self, points: int) -> None:
        """Add points to the rolling counter, awarding an extra ship each time
        the total passes a multiple of the bonus setting [arcade.md 2.1]."""
        bonus = int(self.settings["bonus_ship"])
        new = self.score + points
        if bonus and new // bonus > self.score // bonus:
            self.lives += new // bonus - self.score // bonus
            self.sound_events.append("extra_ship")
        self.score = new % SCORE_ROLLOVER

    @property
    def level(self) -> int:
        return self.wave

    # ---------------------------------------------------------------- tick
    def step(self, controls: Mapping[str, Any]) -> None:
        self.sound_events.clear()
        self.tick += 1
        phase = self.phase
        if self.mode == "attract":
            if self.pressed(controls, "start"):
                self.start_game()
            else:
                self.phase_timer -= 1
                if self.phase_timer <= 0:
                    self.phase = "attract_scores" if phase == "attract_rocks" else "attract_rocks"
                    self.phase_timer = ATTRACT_PHASE_TICKS
                self._world_tick()
                if self._wave_cleared():
                    self._spawn_wave(FIRST_WAVE_ROCKS)
        elif self.mode == "play":
            self._play_tick(controls)
        else:
            self._game_over_tick(controls)
        self.remember(controls)

    def _world_tick(self) -> None:
        """Everything that moves on its own, in attract mode as in play."""
        self._move_world()
        self._collide()
        self._saucer_tick()

    def _wave_cleared(self) -> bool:
        """True once the field has been empty for WAVE_DELAY ticks."""
        if self.rocks:
            return False
        self.wave_delay += 1
        if self.wave_delay < WAVE_DELAY:
            return False
        self.wave_delay = 0
        return True

    def _play_tick(self, controls: Mapping[str, Any]) -> None:
        if self.phase == "player_start":
            self.phase_timer -= 1
            if self.phase_timer <= 0:
                self.phase = "play"
                self._clear_ship()
                self.ship_alive = True
        elif self.phase == "respawn":
            self.respawn_timer -= 1
            if self.respawn_timer <= 0 and self._centre_clear():
                self.phase = "play"
                self._clear_ship()
                self.ship_alive = True
        elif self.ship_alive:
            self._control_ship(controls)
        self._world_tick()
        self._thump_tick()
        if self._wave_cleared():
            self.next_wave()
        if self.phase == "dead":
            self.respawn_timer -= 1
            if self.respawn_timer <= 0:
                if self.lives > 0:
                    self.phase = "respawn"
                    self.respawn_timer = 0
                else:
                    self._end_game()

    def _centre_clear(self) -> bool:
        probe = _Body(W / 2, H / 2, 0.0, 0.0)
        if any(_near(probe, r, SAFE_RADIUS + ROCK_RADIUS[r.size]) for r in self.rocks):
            return False
        # ... and for no saucer on screen [ROM L705D].
        return self.saucer is None

    def _control_ship(self, controls: Mapping[str, Any]) -> None:
        if self.hyperspace:
            self.hyperspace -= 1
            if self.hyperspace == 0:
                self._hyperspace_return()
            return
        if controls.get("left"):
            self.ship_dir = (self.ship_dir + ROTATE_STEP) % DIRECTIONS
        if controls.get("right"):
            self.ship_dir = (self.ship_dir - ROTATE_STEP) % DIRECTIONS
        self.thrusting = bool(controls.get("thrust"))
        if self.tick % 2 == 0:      # velocity changes every other frame [ROM L709B]
            if self.thrusting:
                tx = int(round(THRUST_TABLE_MAX * _COS[self.ship_dir]))
                ty = int(round(THRUST_TABLE_MAX * _SIN[self.ship_dir]))
                self._svx = max(SHIP_VMIN, min(SHIP_VMAX, self._svx + 2 * tx))
                self._svy = max(SHIP_VMIN, min(SHIP_VMAX, self._svy + 2 * ty))
            else:
                # Friction only while coasting: 2 x high byte + 1 (about v/128).
                self._svx = _friction(self._svx)
                self._svy = _friction(self._svy)
        if self.pressed(controls, "fire") and len(self.shots) < MAX_SHOTS:
            c, s = _COS[self.ship_dir], _SIN[self.ship_dir]
            self.shots.append(_Body((self.ship_x + c * SHOT_START) % W,
                                    (self.ship_y + s * SHOT_START) % H,
                                    self.ship_vx + c * SHOT_SPEED,
                                    self.ship_vy + s * SHOT_SPEED, SHOT_LIFE))
            self.sound_events.append("fire")
        if self.pressed(controls, "hyperspace"):
            self.hyperspace = HYPERSPACE_TICKS
            self.thrusting = False
            self._svx = self._svy = 0
            rng = self.rng
            self.ship_x = rng.randint(*HYPERSPACE_X) * 32.0 + rng.random() * 32.0
            self.ship_y = rng.randint(*HYPERSPACE_Y) * 32.0 + rng.random() * 32.0
            self.hyper_bad = self.hyperspace_roll_kills(rng.randrange(32), len(self.rocks))

    @staticmethod
    def hyperspace_roll_kills(roll: int, rocks: int) -> bool:
        """Does a hyperspace jump with random ``roll`` (0..31) end in an
        explosion with ``rocks`` rocks about?  [ROM L6EB3-L6EC4]"""
        if roll < HYPERSPACE_BAD_ROLL:
            return False
        return (roll & 7) * 2 + 4 >= rocks

    def _hyperspace_return(self) -> None:
        if self.hyper_bad:
            self.hyper_bad = False
            self._kill_ship()
        # Landing on a rock is found by the collision pass this tick.

    def _move_world(self) -> None:
        if self.ship_alive and not self.hyperspace:
            # The ship moves by its velocity's high byte [ROM L6FC7].
            self.ship_x = (self.ship_x + (self._svx >> 8) * ROM_UNIT) % W
            self.ship_y = (self.ship_y + (self._svy >> 8) * ROM_UNIT) % H
        for r in self.rocks:
            r.x = (r.x + r.vx) % W
            r.y = (r.y + r.vy) % H
        for group in (self.shots, self.saucer_shots, self.particles, self.debris):
            if not group:
                continue
            keep = []
            for b in group:
                b.life -= 1
                if b.life > 0:
                    b.x = (b.x + b.vx) % W
                    b.y = (b.y + b.vy) % H
                    keep.append(b)
            group[:] = keep
        s = self.saucer
        if s is not None:
            s.x += s.vx
            s.y = (s.y + s.vy) % H
            s.travelled += abs(s.vx)
            if s.travelled >= W:        # across once, then gone
                self._saucer_gone()

    # ----------------------------------------------------------- collisions
    def _collide(self) -> None:
        rocks = self.rocks
        # Player shots against rocks and the saucer (points to the player).
        for shot in list(self.shots):
            hit = False
            for r in rocks:
                if _near(shot, r, ROCK_RADIUS[r.size]):
                    self._break_rock(r, by_player=True)
                    hit = True
                    break
            if not hit and self.saucer is not None and \
                    _near(shot, self.saucer, SAUCER_RADIUS[self.saucer.size]):
                self._destroy_saucer(by_player=True)
                hit = True
            if hit:
                self.shots.remove(shot)
        # Saucer shots against rocks (no points) and the ship.
        for shot in list(self.saucer_shots):
            hit = False
            for r in rocks:
                if _near(shot, r, ROCK_RADIUS[r.size]):
                    self._break_rock(r, by_player=False)
                    hit = True
                    break
            if not hit and self._ship_solid() and \
                    _near(shot, self._ship_probe(), SHIP_RADIUS):
                self._kill_ship()
                hit = True
            if hit:
                self.saucer_shots.remove(shot)
        # The ship against rocks and the saucer: both break, the player scores.
        if self._ship_solid():
            probe = self._ship_probe()
            for r in rocks:
                if _near(probe, r, ROCK_RADIUS[r.size] + SHIP_RADIUS * 0.8):
                    self._break_rock(r, by_player=True)
                    self._kill_ship()
                    break
            if self._ship_solid() and self.saucer is not None and \
                    _near(probe, self.saucer, SAUCER_RADIUS[self.saucer.size] + SHIP_RADIUS):
                self._destroy_saucer(by_player=True)
                self._kill_ship()
        # The saucer against rocks.
        if self.saucer is not None:
            for r in rocks:
                if _near(self.saucer, r, ROCK_RADIUS[r.size] + SAUCER_RADIUS[self.saucer.size]):
                    self._break_rock(r, by_player=False)
                    self._destroy_saucer(by_player=False)
                    break

    def _ship_solid(self) -> bool:
        return self.ship_alive and not self.hyperspace

    def _ship_probe(self) -> _Body:
        return _Body(self.ship_x, self.ship_y, 0.0, 0.0)

    def _break_rock(self, rock: _Body, by_player: bool) -> None:
        """Split a rock: large -> 2 medium, medium -> 2 small, small vanishes."""
        self.rocks.remove(rock)
        if by_player and self.mode == "play":
            self.add_score(ROCK_POINTS[rock.size])
        self.sound_events.append(("explode_large", "explode_medium", "explode_small")[rock.size])
        self._burst(rock.x, rock.y, PARTICLES[rock.size])
        self.rock_break_timer = ROCK_BREAK_STEPS
        if rock.size < SMALL:
            for _ in range(2):
                self._add_rock(rock.x, rock.y, rock.size + 1, parent=rock)

    def _destroy_saucer(self, by_player: bool) -> None:
        s = self.saucer
        assert s is not None
        if by_player and self.mode == "play":
            self.add_score(SMALL_SAUCER_POINTS if s.size else LARGE_SAUCER_POINTS)
        self.sound_events.append("explode_large")
        self._burst(s.x, s.y, SAUCER_PARTICLES)
        self._saucer_gone()

    def _kill_ship(self) -> None:
        self.ship_alive = False
        self.thrusting = False
        self.hyperspace = 0
        self.sound_events.append("explode_ship")
        rng = self.rng
        # The ship breaks into its own lines, drifting apart.
        c, s = _COS[self.ship_dir], _SIN[self.ship_dir]
        pts = [(x * c - y * s, x * s + y * c) for x, y in SHIP_OUTLINE]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            d = rng.randrange(DIRECTIONS)
            v = 0.3 + 0.9 * rng.random()
            piece = _Debris(self.ship_x + (x0 + x1) / 2, self.ship_y + (y0 + y1) / 2,
                            self.ship_vx * 0.3 + _COS[d] * v, self.ship_vy * 0.3 + _SIN[d] * v,
                            DEBRIS_LIFE - rng.randrange(30))
            piece.x0, piece.y0 = (x0 - x1) / 2, (y0 - y1) / 2
            piece.x1, piece.y1 = (x1 - x0) / 2, (y1 - y0) / 2
            self.debris.append(piece)
        self._burst(self.ship_x, self.ship_y, 10)
        self.lives -= 1
        self.phase = "dead"
        self.respawn_timer = RESPAWN_TICKS

    def _burst(self, x: float, y: float, n: int) -> None:
        rng = self.rng
        lo, hi = PARTICLE_LIFE
        slo, shi = PARTICLE_SPEED
        for _ in range(n):
            if len(self.particles) >= MAX_PARTICLES:
                return
            d = rng.randrange(DIRECTIONS)
            v = slo + (shi - slo) * rng.random()
            self.particles.append(_Body(x, y, _COS[d] * v, _SIN[d] * v,
                                        lo + rng.randrange(hi - lo)))

    # ------------------------------------------------------------ heartbeat
    def _thump_tick(self) -> None:
        """One frame of the heartbeat [ROM L6960, L7588-L75BC]."""
        self.wave_ticks += 1
        if self.wave_ticks % THUMP_SPEEDUP_EVERY == 0 and self.thump_off > THUMP_OFF_MIN:
            self.thump_off -= 1
        if not self.rocks or not self.ship_alive or self.phase not in ("play",):
            self.thump_on = 0                       # silent; restart the off-time
            self.thump_timer = self.thump_off
            return
        if self.thump_on:
            self.thump_on -= 1
            if self.thump_on == 0:
                self.thump_timer = self.thump_off
            return
        self.thump_timer -= 1
        if self.thump_timer <= 0:
            self.thump_on = THUMP_ON
            self.sound_events.append("thump_high" if self.thump_high else "thump_low")
            self.thump_high = not self.thump_high

    def thump_interval(self) -> int:
        """Frames from one beat to the next now: 4 on plus the off-time."""
        return THUMP_ON + self.thump_off

    # ------------------------------------------------------------ game over
    def _end_game(self) -> None:
        self.mode = "game_over"
        self.phase = "game_over"
        self.phase_timer = GAME_OVER_TICKS
        self.saucer = None
        self.saucer_shots.clear()
        self.shots.clear()

    def _game_over_tick(self, controls: Mapping[str, Any]) -> None:
        self._move_world()
        self._collide()
        # HYPERSPACE accepts a letter, as the cabinet said; fire does not.
        self.high_score_tick({**controls, "fire": False}, INITIALS_TIMEOUT,
                             lambda: self._to_attract("attract_rocks"),
                             lambda: self._to_attract("attract_scores"))

    def _to_attract(self, phase: str) -> None:
        self.mode = "attract"
        self.phase = phase
        self.phase_timer = ATTRACT_PHASE_TICKS
        self.ship_alive = False

    def loops(self) -> dict[str, float]:
        out: dict[str, float] = {}
        if self.thrusting and self._ship_solid():
            out["thrust"] = 1.0
        if self.saucer is not None:
            out["saucer_small" if self.saucer.size else "saucer_large"] = 1.0
        return out

    # ---------------------------------------------------------------- state
    def state(self) -> dict[str, Any]:
        sizes = [0, 0, 0]
        for r in self.rocks:
            sizes[r.size] += 1
        return {
            "mode": self.mode,
            "phase": self.phase,
            "score": self.score,
            "lives": self.lives,
            "level": self.wave,
            "wave": self.wave,
            "rocks": len(self.rocks),
            "rocks_large": sizes[LARGE],
            "rocks_medium": sizes[MEDIUM],
            "rocks_small": sizes[SMALL],
            "saucers": 0 if self.saucer is None else 1,
            "saucer": None if self.saucer is None else ("small" if self.saucer.size else "large"),
            "shots": len(self.shots),
            "saucer_shots": len(self.saucer_shots),
            "particles": len(self.particles),
            "ship": {"x": round(self.ship_x, 3), "y": round(self.ship_y, 3),
                     "direction": self.ship_dir,
                     "vx": round(self.ship_vx, 4), "vy": round(self.ship_vy, 4),
                     "alive": self.ship_alive, "hyperspace": self.hyperspace > 0},
            "high_score": self.high_scores.best,
            "initials": self.entry.initials if self.entry else None,
            "tick": self.tick,
        }

    # ------------------------------------------------------------- drawing
    def render(self, dl: DisplayList) -> None:
        dl.clear()
        dl.set_palette(self.palette)
        yo = Y_OFFSET
        showing_table = self.phase == "attract_scores"
        # The table and the initials are shown on an empty playfield, as
        # the cabinet did.
        if not (showing_table or self.phase == "enter_initials"):
            self._draw_field(dl, yo)
        self._draw_hud(dl, showing_table)

    def _draw_field(self, dl: DisplayList, yo: float) -> None:
        for r in self.rocks:
            pts = _ROCK_POINTS[r.size][r.shape]
            x, y = r.x, r.y + yo
            dl.move(x + pts[0][0], y + pts[0][1])
            for px, py in pts[1:]:
                dl.draw(x + px, y + py, ROCK_INTENSITY)
        if self.saucer is not None:
            s = self.saucer
            k = SAUCER_SCALE[s.size]
            for stroke in SAUCER_STROKES:
                dl.move(s.x + stroke[0][0] * k, s.y + yo + stroke[0][1] * k)
                for px, py in stroke[1:]:
                    dl.draw(s.x + px * k, s.y + yo + py * k, 0.9)
        if self.ship_alive and not self.hyperspace:
            self._draw_ship(dl, self.ship_x, self.ship_y + yo, self.ship_dir, 1.0,
                            self.thrusting and self.tick % 4 < 2)
        for b in self.shots:
            dl.dot(b.x, b.y + yo, 1.0)
        for b in self.saucer_shots:
            dl.dot(b.x, b.y + yo, 1.0)
        for p in self.particles:
            dl.dot(p.x, p.y + yo, min(1.0, 0.25 + p.life / 40.0))
        for d in self.debris:
            i = min(1.0, d.life / 45.0)
            dl.line(d.x + d.x0, d.y + yo + d.y0, d.x + d.x1, d.y + yo + d.y1, i)

    @staticmethod
    def _draw_ship(dl: DisplayList, x: float, y: float, direction: int, scale: float,
                   flame: bool) -> None:
        dl.push()
        dl.translate(x, y)
        dl.rotate_cs(_COS[direction] * scale, _SIN[direction] * scale)
        dl.polyline(SHIP_OUTLINE, 1.0)
        if flame:
            dl.polyline(SHIP_FLAME, 0.8)
        dl.pop()

    def _draw_hud(self, dl: DisplayList, showing_table: bool) -> None:
        top = WINDOW[3]
        cx = W / 2
        # Score top left, at least "00" as on the original; high score centre.
        dl.text(f"{self.score:02d}", 200, top - 52, 30, 1.0, align="right")
        dl.text(f"{self.high_scores.best:02d}" if self.high_scores.best else "00",
                cx, top - 44, 18, 0.7, align="center")
        for i in range(max(0, min(self.lives - (1 if self.ship_alive else 0), 10))):
            self._draw_ship(dl, 190 - i * 22, top - 80, 64, 0.7, False)
        if self.mode == "attract":
            if showing_table:
                self._draw_table(dl)
            if (self.tick // 30) % 2 == 0:
                dl.text("PUSH START", cx, top - 150, 26, 1.0, align="center")
        elif self.phase == "player_start":
            dl.text("PLAYER 1", cx, top - 220, 28, 1.0, align="center")
        elif self.phase == "game_over":
            dl.text("GAME OVER", cx, top - 220, 32, 1.0, align="center")
        elif self.phase == "enter_initials" and self.entry is not None:
            y = top - 180
            for line in ("YOUR SCORE IS IN THE TOP TEN", "ENTER YOUR INITIALS",
                         "ROTATE CHOOSES A LETTER", "HYPERSPACE ACCEPTS IT"):
                dl.text(line, cx, y, 18, 0.9, align="center")
                y -= 36
            self.entry.draw(dl, cx, y - 70, self.tick)
        # A credit line at the foot of the screen, as the cabinet had one (our words).
        dl.text("RETRO1130 AFTER ATARI 1979", cx, WINDOW[1] + 18, 14, 0.5, align="center")

    def _draw_table(self, dl: DisplayList) -> None:
        cx = W / 2
        y = WINDOW[3] - 220
        dl.text("HIGH SCORES", cx, y, 26, 1.0, align="center")
        for i, (score, initials) in enumerate(self.high_scores.entries):
            y -= 42
            dl.text(f"{i + 1:2d}. {score:5d} {initials}", cx, y, 22, 0.9, align="center")

    # ------------------------------------------------------------ benchmark
    @classmethod
    def bench_scene(cls, seed: int = 1) -> "Asteroids":
        """The busiest scene: a full rock field (every slot, all sizes), a
        small saucer, 4 shots, 2 saucer shots and a sky of particles."""
        game = cls(seed=seed)
        game.start_game()
        game.phase = "play"
        game.ship_alive = True
        rng = game.rng
        game.rocks.clear()
        for i in range(MAX_ROCKS):
            game._add_rock(rng.random() * W, rng.random() * H, (LARGE, MEDIUM, SMALL)[i % 3])
        game.spawn_saucer(small=True)
        for i in range(MAX_SHOTS):
            d = i * 64
            game.shots.append(_Body(W / 2, H / 2, _COS[d] * SHOT_SPEED, _SIN[d] * SHOT_SPEED,
                                    SHOT_LIFE))
        for i in range(SAUCER_MAX_SHOTS):
            game.saucer_shots.append(_Body(100.0 + i * 50, 100.0, 0.0, 3.0, SAUCER_SHOT_LIFE))
        for _ in range(MAX_PARTICLES // 14):
            game._burst(rng.random() * W, rng.random() * H, 14)
        return game
