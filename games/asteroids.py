"""Asteroids (Atari, 1979), on the project's vector display.

The target is the original game (../shared/reference/arcade.md 2.1): a ship
that rotates, thrusts with inertia and coasts slowly to a stop, fires at
most 4 shots, jumps through hyperspace at a risk; waves of large rocks (4,
then 2 more each wave up to a cap) that split large -> 2 medium -> 2 small;
large saucers firing at random and small saucers aiming better as the score
rises (only small ones from 40,000); scores 20/50/100/200/1,000, an extra
ship every 10,000, a score counter that rolls over at 99,990; the
heartbeat "thump" that quickens as the rocks thin out; and the operating
modes attract (rock field, then the top-10 table), play, game over and
3-initial entry.

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

import math
from typing import Any, Mapping

from machines.vector.displaylist import DisplayList

from .base import Game
from .trig import COS as _COS, DIRECTIONS, SIN as _SIN
from .highscores import HighScoreTable, InitialsEntry
from .sound import Tone

# --- Hardware timing [arcade.md 2.1: MAME refresh 3 kHz / 12 / 4, where
# the "3 kHz" clock is 12.096 MHz / 4096].
MASTER_CLOCK = 12_096_000
REFRESH_HZ = MASTER_CLOCK / 4096 / 12 / 4          # 61.52 Hz
SECOND = 62                                        # ticks in about a second

# --- The playfield: a 4:3 window of the 1024 x 1024 space [arcade.md 2.1].
WINDOW = (0.0, 128.0, 1024.0, 896.0)
W = 1024.0
H = 768.0
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

# --- Ship physics, per tick.  The ship coasts and slowly stops: its
# velocity loses 1/128 each tick [arcade.md 2.1: "friction"; rate I].
ROTATE_STEP = 3                        # direction units per tick (~1.4 s a turn)
THRUST_ACCEL = 0.11                    # units/tick^2
FRICTION = 1.0 / 128.0
MAX_SPEED = 7.0                        # units/tick
SHIP_RADIUS = 11.0
SHOT_SPEED = 8.0                       # added to the ship's velocity
SHOT_LIFE = 62                         # ticks: a shot reaches about 500 units
SHOT_START = 16.0                      # shots leave from the nose

# --- Hyperspace [arcade.md 2.1]: a random spot, a chance of exploding.
HYPERSPACE_TICKS = 45                  # time out of the playfield
HYPERSPACE_MARGIN = 64.0               # the new spot keeps off the edges
HYPERSPACE_FAIL_BASE = 1.0 / 16.0      # chance of blowing up on return [I] ...
HYPERSPACE_FAIL_PER_ROCK = 1.0 / 128.0  # ... more with more rocks about [I]

# --- Lives and respawn.
PLAYER_START_TICKS = 2 * SECOND        # "PLAYER 1" for 2 s [arcade.md 2.1]
RESPAWN_TICKS = 2 * SECOND
SAFE_RADIUS = 130.0                    # the ship returns only when the centre is clear

# --- Rocks: radius (units), speed range (units/tick) by size.
ROCK_RADIUS = (40.0, 20.0, 10.0)
ROCK_SPEED = ((0.5, 1.3), (0.8, 1.9), (1.1, 2.6))
ROCK_MASS = (7, 3, 1)                  # hits left in a rock: itself and its fragments

# --- Saucers [arcade.md 2.1].
SAUCER_RADIUS = (18.0, 9.0)            # large, small
SAUCER_SPEED = 2.2
SAUCER_TURN_TICKS = SECOND             # may change vertical course this often
SAUCER_FIRST_TICKS = 10 * SECOND       # the first saucer of a wave
SAUCER_INTERVAL_STEP = SECOND          # each later one comes this much sooner ...
SAUCER_MIN_TICKS = 4 * SECOND          # ... down to this
SAUCER_FIRE_TICKS = 30                 # ticks between saucer shots
SAUCER_MAX_SHOTS = 2
SAUCER_SHOT_SPEED = 6.0
SAUCER_SHOT_LIFE = 62
ONLY_SMALL_SAUCER_SCORE = 40_000       # after 40,000 only small saucers
SMALL_SAUCER_BASE_CHANCE = 0.125       # below that, small ones grow likelier with score [I]
# The small saucer's aim error, in direction units: widest at 0 points,
# narrowing linearly to the minimum at AIM_BEST_SCORE [arcade.md 2.1: "its
# aim tightens as your score rises"; the figures are ours].
AIM_ERROR_WORST = 24
AIM_ERROR_BEST = 2
AIM_BEST_SCORE = 35_000

# --- Attract and game over [arcade.md 2.1: attract alternates every 16 s].
ATTRACT_PHASE_TICKS = 16 * SECOND
GAME_OVER_TICKS = 3 * SECOND
INITIALS_TIMEOUT = 30 * SECOND

# --- The heartbeat: beats this many ticks apart with a full wave, down to
# the minimum as the rocks thin out [arcade.md 2.1].
THUMP_SLOWEST = 60
THUMP_FASTEST = 14

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


class _Body:
    """A moving object: position, velocity and a countdown."""

    __slots__ = ("x", "y", "vx", "vy", "life", "size", "shape")

    def __init__(self, x: float, y: float, vx: float, vy: float,
                 life: int = 0, size: int = 0, shape: int = 0) -> None:
        self.x, self.y, self.vx, self.vy = x, y, vx, vy
        self.life, self.size, self.shape = life, size, shape


class _Saucer(_Body):
    __slots__ = ("fire_timer", "turn_timer", "travelled")


class _Debris(_Body):
    """A broken line of the ship: its ends relative to the moving centre."""
    __slots__ = ("x0", "y0", "x1", "y1")


def _wrap_delta(d: float, span: float) -> float:
    """The shortest signed distance along a wrapping axis."""
    if d > span / 2:
        return d - span
    if d < -span / 2:
        return d + span
    return d


def _near(a: _Body, b: _Body, r: float) -> bool:
    dx = _wrap_delta(a.x - b.x, W)
    dy = _wrap_delta(a.y - b.y, H)
    return dx * dx + dy * dy < r * r


def direction_to(dx: float, dy: float) -> int:
    """The direction (0..255, 0 = right, 64 = up) nearest to the vector (dx, dy)."""
    return int(math.floor(math.atan2(dy, dx) * DIRECTIONS / (2 * math.pi) + 0.5)) % DIRECTIONS


class Asteroids(Game):
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
    help = ("Start to play. Left/Right rotate, Thrust, Fire (4 shots at most), "
            "Hyperspace jumps at a risk. After a top-10 game, Left/Right choose a letter "
            "and Fire accepts it.")
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
        if int(self.settings["ships"]) not in SHIPS_CHOICES:
            raise ValueError(f"asteroids: ships must be 3 or 4, got {self.settings['ships']!r}")
        if int(self.settings["bonus_ship"]) < 0:
            raise ValueError("asteroids: bonus_ship must be 0 (none) or more points")

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
        self._new_wave_timers()
        self.wave_delay = 0
        self.thump_timer = THUMP_SLOWEST
        self.thump_high = False
        self._spawn_wave(FIRST_WAVE_ROCKS)

    def _clear_ship(self) -> None:
        self.ship_x, self.ship_y = W / 2, H / 2
        self.ship_vx = self.ship_vy = 0.0
        self.ship_dir = 64
        self.thrusting = False
        self.hyperspace = 0          # ticks left out of the playfield
        self.respawn_timer = 0

    def _new_wave_timers(self) -> None:
        self.saucer_interval = SAUCER_FIRST_TICKS
        self.saucer_timer = SAUCER_FIRST_TICKS

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
        self.next_wave()

    def next_wave(self) -> None:
        """Begin the next wave: 4 large rocks, 2 more each wave, up to the cap."""
        self.wave += 1
        n = min(FIRST_WAVE_ROCKS + WAVE_ROCKS_STEP * (self.wave - 1), WAVE_ROCKS_CAP)
        self.rocks.clear()
        self._spawn_wave(n)
        self._new_wave_timers()

    def _spawn_wave(self, n: int) -> None:
        rng = self.rng
        for _ in range(n):
            # Waves come in from the edges, away from the ship at the centre.
            if rng.random() < 0.5:
                x, y = 0.0, rng.random() * H
            else:
                x, y = rng.random() * W, 0.0
            self._add_rock(x, y, LARGE)
        self.wave_mass = max(1, self._rock_mass())

    def _add_rock(self, x: float, y: float, size: int) -> None:
        if len(self.rocks) >= MAX_ROCKS:
            return
        rng = self.rng
        d = rng.randrange(DIRECTIONS)
        lo, hi = ROCK_SPEED[size]
        v = lo + (hi - lo) * rng.random()
        self.rocks.append(_Body(x, y, _COS[d] * v, _SIN[d] * v, 0, size,
                                rng.randrange(len(ROCK_OUTLINES))))

    def _rock_mass(self) -> int:
        return sum(ROCK_MASS[r.size] for r in self.rocks)

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
        return self.saucer is None or not _near(probe, self.saucer, SAFE_RADIUS)

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
        if self.thrusting:
            self.ship_vx += _COS[self.ship_dir] * THRUST_ACCEL
            self.ship_vy += _SIN[self.ship_dir] * THRUST_ACCEL
        # Friction: the ship always loses a fraction of its speed, so it
        # drifts to a stop once the thrust is off.
        self.ship_vx -= self.ship_vx * FRICTION
        self.ship_vy -= self.ship_vy * FRICTION
        sp2 = self.ship_vx * self.ship_vx + self.ship_vy * self.ship_vy
        if sp2 > MAX_SPEED * MAX_SPEED:
            k = MAX_SPEED / math.sqrt(sp2)
            self.ship_vx *= k
            self.ship_vy *= k
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
            self.ship_vx = self.ship_vy = 0.0
            m = HYPERSPACE_MARGIN
            self.ship_x = m + (W - 2 * m) * self.rng.random()
            self.ship_y = m + (H - 2 * m) * self.rng.random()

    def _hyperspace_return(self) -> None:
        risk = HYPERSPACE_FAIL_BASE + HYPERSPACE_FAIL_PER_ROCK * len(self.rocks)
        if self.rng.random() < risk:
            self._kill_ship()
        # Landing on a rock is found by the collision pass this tick.

    def _move_world(self) -> None:
        if self.ship_alive and not self.hyperspace:
            self.ship_x = (self.ship_x + self.ship_vx) % W
            self.ship_y = (self.ship_y + self.ship_vy) % H
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
                self.saucer = None

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
        if rock.size < SMALL:
            for _ in range(2):
                self._add_rock(rock.x, rock.y, rock.size + 1)

    def _destroy_saucer(self, by_player: bool) -> None:
        s = self.saucer
        assert s is not None
        if by_player and self.mode == "play":
            self.add_score(SMALL_SAUCER_POINTS if s.size else LARGE_SAUCER_POINTS)
        self.sound_events.append("explode_large")
        self._burst(s.x, s.y, SAUCER_PARTICLES)
        self.saucer = None

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

    # -------------------------------------------------------------- saucer
    def small_saucer_chance(self) -> float:
        """Chance the next saucer is the small one: certain from 40,000
        [arcade.md 2.1], rising with the score below that."""
        if self.score >= ONLY_SMALL_SAUCER_SCORE:
            return 1.0
        k = self.score / ONLY_SMALL_SAUCER_SCORE
        return SMALL_SAUCER_BASE_CHANCE + (1.0 - SMALL_SAUCER_BASE_CHANCE) * k * k

    def aim_error(self) -> int:
        """Largest aiming error of the small saucer, in direction units."""
        k = min(1.0, self.score / AIM_BEST_SCORE)
        return int(round(AIM_ERROR_WORST + (AIM_ERROR_BEST - AIM_ERROR_WORST) * k))

    def spawn_saucer(self, small: bool | None = None) -> None:
        """Send in a saucer from the left or right edge (size by score unless given)."""
        rng = self.rng
        if small is None:
            small = rng.random() < self.small_saucer_chance()
        left = rng.random() < 0.5
        s = _Saucer(0.0 if left else W, 48.0 + (H - 96.0) * rng.random(),
                    SAUCER_SPEED if left else -SAUCER_SPEED, 0.0, 0, 1 if small else 0)
        # ROM revision 2: the small saucer fires at once [arcade.md 2.1].
        s.fire_timer = 1 if small else SAUCER_FIRE_TICKS
        s.turn_timer = SAUCER_TURN_TICKS
        s.travelled = 0.0
        self.saucer = s

    def _saucer_tick(self) -> None:
        s = self.saucer
        rng = self.rng
        if s is None:
            if self.phase in ("play", "dead", "respawn", "attract_rocks") and self.rocks:
                self.saucer_timer -= 1
                if self.saucer_timer <= 0:
                    self.spawn_saucer()
                    self.saucer_interval = max(SAUCER_MIN_TICKS,
                                               self.saucer_interval - SAUCER_INTERVAL_STEP)
                    self.saucer_timer = self.saucer_interval
            return
        s.turn_timer -= 1
        if s.turn_timer <= 0:
            s.turn_timer = SAUCER_TURN_TICKS
            s.vy = (-SAUCER_SPEED, 0.0, 0.0, SAUCER_SPEED)[rng.randrange(4)] * 0.7
        s.fire_timer -= 1
        if s.fire_timer <= 0:
            s.fire_timer = SAUCER_FIRE_TICKS
            if len(self.saucer_shots) < SAUCER_MAX_SHOTS:
                if s.size and self._ship_solid():
                    dx = _wrap_delta(self.ship_x - s.x, W)
                    dy = _wrap_delta(self.ship_y - s.y, H)
                    err = self.aim_error()
                    d = (direction_to(dx, dy) + rng.randint(-err, err)) % DIRECTIONS
                else:
                    d = rng.randrange(DIRECTIONS)   # the large saucer fires at random
                self.saucer_shots.append(_Body(s.x % W, s.y, _COS[d] * SAUCER_SHOT_SPEED,
                                               _SIN[d] * SAUCER_SHOT_SPEED, SAUCER_SHOT_LIFE))
                self.sound_events.append("saucer_fire")

    def _thump_tick(self) -> None:
        if not self.rocks or self.phase not in ("play", "dead", "respawn"):
            return
        self.thump_timer -= 1
        if self.thump_timer <= 0:
            self.sound_events.append("thump_high" if self.thump_high else "thump_low")
            self.thump_high = not self.thump_high
            self.thump_timer = self.thump_interval()

    def thump_interval(self) -> int:
        """Ticks between heartbeats: slowest with a full wave, quicker as
        the rocks (counted with the fragments they still hold) thin out."""
        frac = min(1.0, self._rock_mass() / self.wave_mass)
        return int(THUMP_FASTEST + (THUMP_SLOWEST - THUMP_FASTEST) * frac)

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
        if self.phase == "game_over":
            self.phase_timer -= 1
            if self.phase_timer <= 0:
                if self.high_scores.qualifies(self.score):
                    self.phase = "enter_initials"
                    self.phase_timer = INITIALS_TIMEOUT
                    self.entry = InitialsEntry()
                else:
                    self._to_attract("attract_rocks")
            return
        entry = self.entry
        assert entry is not None
        entry.step(controls)
        self.phase_timer -= 1
        if entry.done or self.phase_timer <= 0:
            self.last_rank = self.high_scores.insert(self.score, entry.initials)
            self.entry = None
            self._to_attract("attract_scores")

    def _to_attract(self, phase: str) -> None:
        self.mode = "attract"
        self.phase = phase
        self.phase_timer = ATTRACT_PHASE_TICKS
        self.ship_alive = False

    # ---------------------------------------------------------- persistence
    def persistent_data(self) -> dict[str, Any]:
        """``{"high_scores": {"entries": [{"score", "initials"}, ...]}}``."""
        return {"high_scores": self.high_scores.to_json()}

    def load_persistent_data(self, data: dict[str, Any]) -> None:
        if isinstance(data, Mapping):
            self.high_scores = HighScoreTable.from_json(data.get("high_scores"))

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
        for r in self.rocks:
            pts = _ROCK_POINTS[r.size][r.shape]
            x, y = r.x, r.y + yo
            dl.move(x + pts[0][0], y + pts[0][1])
            for px, py in pts[1:]:
                dl.draw(x + px, y + py, 0.8)
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
        self._draw_hud(dl, showing_table)

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
                         "LEFT OR RIGHT CHOOSES A LETTER", "FIRE ACCEPTS IT"):
                dl.text(line, cx, y, 18, 0.9, align="center")
                y -= 36
            e = self.entry
            for i, ch in enumerate(e.initials):
                x = cx - 60 + i * 48
                if ch != " ":
                    dl.text(ch, x, y - 70, 36, 1.0, align="center")
                if i == e.position and (self.tick // 15) % 2 == 0:
                    dl.line(x - 16, y - 82, x + 16, y - 82, 1.0)

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
        game.wave_mass = game._rock_mass()
        return game
