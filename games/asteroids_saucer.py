"""Asteroids' saucers: when they come, which size, how they fly and aim.

The rules are the original program's (rev. 2 ROM, as read in the public
annotated disassembly nmikstas/asteroids-disassembly; routine names are
that disassembly's): the saucer logic runs every 4th frame, so its timers
count in 4-frame steps.  ``SaucerRules`` is mixed into ``Asteroids``; it
reads the game's rocks, ship, score and seeded ``rng``.
"""

from __future__ import annotations


from .asteroids_field import H, W, _Body, _Saucer, _wrap_delta
from .trig import COS as _COS, DIRECTIONS, SIN as _SIN, nearest_direction

# --- Timing [ROM UpdateScr L6B93: "update saucers only every 4th frame"].
SAUCER_STEP = 4                        # frames per saucer timer step
SAUCER_RELOAD_START = 0x92             # game start: timer and reload 146 steps [ROM L68F8]
SAUCER_WAVE_TIMER = 0x7F               # each new wave: 127 steps to the first saucer [ROM L71D5]
SAUCER_RELOAD_STEP = 6                 # each saucer shortens the reload by 6 steps [ROM L6BD4]
SAUCER_RELOAD_MIN = 0x20               # ... unless it would fall below 32 [ROM L6BD6]
# A reload still >= 128 ("negative") means the saucer is large: the first
# three saucers of a game (146 -> 140, 134, 128) [ROM L6C14 BMI].
SAUCER_LARGE_WHILE = 0x80
# Anti-lurk [ROM L6BAF-L6BCE]: a rock break sets an 80-step timer; while
# it runs (the player is busy shooting rocks) a due saucer comes only when
# fewer rocks than the "speed-up" count remain.  The count starts at 5 and
# rises by one each wave up to 10 [ROM L690E, L717A].  A player who stops
# shooting rocks (lurks) gets a saucer as soon as the timer runs out.
ROCK_BREAK_STEPS = 0x50                # [ROM BreakAsteroid L75EE]
SPEEDUP_START = 5
SPEEDUP_MAX = 10
# From this score every saucer after the first three is small [ROM L6C19:
# CMP #$30 on the BCD thousands byte = 30,000; the reference's secondary
# sources say 40,000].  Below it a random byte above reload/2 makes it small.
ONLY_SMALL_SAUCER_SCORE = 30_000

# --- Flight [ROM ScrXVelocity L6BFD: X speed $10 = 16 ROM units a frame;
# ScrYSpeedTbl: -16, 0, 0, +16, picked every 128 frames].  A ROM position
# unit is 1/8 of ours (its playfield is $2000 x $1800 units).
SAUCER_RADIUS = (18.0, 9.0)            # large, small [I: our shapes]
SAUCER_SPEED = 16 / 8                  # units/frame
SAUCER_TURN_TICKS = 128
# --- Fire [ROM ScrUpdateAction L6C54: an action every 10 steps = 40 frames].
SAUCER_FIRE_TICKS = 10 * SAUCER_STEP
SAUCER_MAX_SHOTS = 2                   # 2 bullet slots [ROM L6CC6]
SAUCER_SHOT_SPEED = 6.0                # [I]
SAUCER_SHOT_LIFE = 62                  # [I]
# The small saucer's aim [ROM L6CAA-L6CC0, ShotRndAddTbl $8F/$87 with
# ShotRndOrTbl $70/$78]: a random error of -16..+15 direction units (of
# 256) below 35,000 points, -8..+7 from 35,000.  It never gets better.
AIM_ERROR_WIDE = 16
AIM_ERROR_NARROW = 8
AIM_NARROW_SCORE = 35_000


def direction_to(dx: float, dy: float) -> int:
    """The direction (0..255, 0 = right, 64 = up) nearest to the vector (dx, dy)."""
    return nearest_direction(dy, dx)


class SaucerRules:
    """Saucer timers, spawning, flight and fire, for ``Asteroids``."""

    def _new_game_saucers(self) -> None:
        self.saucer_reload = SAUCER_RELOAD_START
        self.saucer_timer = SAUCER_RELOAD_START * SAUCER_STEP
        self.saucer_speedup = SPEEDUP_START
        self.rock_break_timer = 0

    def _new_wave_saucers(self) -> None:
        if self.saucer is None:
            self.saucer_timer = SAUCER_WAVE_TIMER * SAUCER_STEP
            self.saucer_speedup = min(SPEEDUP_MAX, self.saucer_speedup + 1)

    def small_saucer_chance(self) -> float:
        """Chance that the next saucer is the small one: 0 for the first
        three of a game, 1 from 30,000 points, else (255 - reload/2)/256
        [ROM L6C12-L6C2F]; it rises as the reload shortens."""
        reload = self.saucer_reload - SAUCER_RELOAD_STEP   # the value this spawn will use
        if reload < SAUCER_RELOAD_MIN:
            reload = self.saucer_reload
        if reload >= SAUCER_LARGE_WHILE:
            return 0.0
        if self.score >= ONLY_SMALL_SAUCER_SCORE:
            return 1.0
        return (255 - reload // 2) / 256

    def aim_error(self) -> int:
        """Half-width of the small saucer's random aiming error, in
        direction units of 256: 16 below 35,000 points, 8 from there."""
        return AIM_ERROR_NARROW if self.score >= AIM_NARROW_SCORE else AIM_ERROR_WIDE

    def _saucer_due(self) -> bool:
        """The ROM's spawn rule, stepped every 4th frame: count the timer
        down while the ship is in play (always in attract mode); when it runs
        out, send a saucer unless rocks were just broken and enough are left."""
        if self.mode == "play" and not self._ship_solid():
            return False
        if self.rock_break_timer:
            self.rock_break_timer -= 1
        self.saucer_timer -= SAUCER_STEP
        if self.saucer_timer > 0:
            return False
        self.saucer_timer = SAUCER_STEP          # try again next step
        if self.rock_break_timer and (not self.rocks or len(self.rocks) >= self.saucer_speedup):
            return False
        return bool(self.rocks)

    def spawn_saucer(self, small: bool | None = None) -> None:
        """Send in a saucer from the left or right edge, shortening the
        reload; its size by the ROM's rule unless ``small`` is given."""
        rng = self.rng
        if small is None:
            small = rng.random() < self.small_saucer_chance()
        if self.saucer_reload - SAUCER_RELOAD_STEP >= SAUCER_RELOAD_MIN:
            self.saucer_reload -= SAUCER_RELOAD_STEP
        left = rng.random() < 0.5
        s = _Saucer(0.0 if left else W, 48.0 + (H - 96.0) * rng.random(),
                    SAUCER_SPEED if left else -SAUCER_SPEED, 0.0, 0, 1 if small else 0)
        # ROM revision 2: the small saucer fires at once [arcade.md 2.1].
        s.fire_timer = 1 if small else SAUCER_FIRE_TICKS
        s.turn_timer = SAUCER_TURN_TICKS
        s.travelled = 0.0
        self.saucer = s

    def _saucer_gone(self) -> None:
        """Shot down or flown off: the timer restarts from the reload [ROM L6B73, L702D]."""
        self.saucer = None
        self.saucer_timer = self.saucer_reload * SAUCER_STEP

    def _saucer_tick(self) -> None:
        s = self.saucer
        rng = self.rng
        if s is None:
            if self.tick % SAUCER_STEP == 0 and self.phase in (
                    "play", "dead", "respawn", "attract_rocks") and self._saucer_due():
                self.spawn_saucer()
            return
        s.turn_timer -= 1
        if s.turn_timer <= 0:
            s.turn_timer = SAUCER_TURN_TICKS
            s.vy = (-SAUCER_SPEED, 0.0, 0.0, SAUCER_SPEED)[rng.randrange(4)]
        s.fire_timer -= 1
        if s.fire_timer <= 0:
            s.fire_timer = SAUCER_FIRE_TICKS
            if len(self.saucer_shots) < SAUCER_MAX_SHOTS:
                if s.size and self._ship_solid():
                    dx = _wrap_delta(self.ship_x - s.x, W)
                    dy = _wrap_delta(self.ship_y - s.y, H)
                    err = self.aim_error()
                    d = (direction_to(dx, dy) + rng.randint(-err, err - 1)) % DIRECTIONS
                else:
                    d = rng.randrange(DIRECTIONS)   # the large saucer fires at random
                self.saucer_shots.append(_Body(s.x % W, s.y, _COS[d] * SAUCER_SHOT_SPEED,
                                               _SIN[d] * SAUCER_SHOT_SPEED, SAUCER_SHOT_LIFE))
                self.sound_events.append("saucer_fire")
