"""BattleZone (Atari, 1980), in real perspective on the project's vector display.

The target is the original game (../shared/reference/arcade.md 2.2): a
tank driven by two treads (both forward, both back, opposite to spin, one
to turn) and one shell in flight at a time; indestructible cubes, boxes
and pyramids that block movement and shells; a horizon of mountains, an
erupting volcano and a crescent moon that turn with you; one hostile at a
time (the slow tank, the super tank that moves and turns twice as fast,
the zig-zagging guided missile from the set score on) plus the harmless
flying saucer now and then; one hit cracks your screen and costs a tank.
Scores 1,000 / 3,000 / 2,000 / 5,000; 2-5 starting tanks and bonus tanks
at 15,000 and 100,000 (the operator switches); a sweeping radar with the
field-of-view wedge; "ENEMY IN RANGE" and "ENEMY TO LEFT/RIGHT/REAR"; the
red top band and the green battlefield of the cabinet's overlay.

Enemy behaviour and the field's geometry are in games/battlezone_enemies.py,
the wireframes in games/battlezone_models.py; the 3D camera is
machines/vector/camera3d.py.  Numbers carry their source: [S]/[D] as in
arcade.md, "dis" for the annotated disassembly (see battlezone_enemies),
[I] for our own.

Controls: ``left_tread`` and ``right_tread`` (-1..1), or ``up``/``down``/
``left``/``right`` as one stick mixed onto the treads (up = both forward,
left = spin left, up+left = a gentle left turn); ``fire``; ``start``.
Settings: ``tanks`` (2-5), ``bonus_tanks`` (scores, each giving one tank;
[] for none), ``missile_score`` (5,000/10,000/20,000/30,000).
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping

from machines.vector.camera3d import Camera
from machines.vector.displaylist import DisplayList

from . import battlezone_models as M
from .base import Game
from .battlezone_view import render
from .battlezone_enemies import (COS, DIRECTIONS, FIELD, PER_256, PLAYER_SPEED, PLAYER_TURN,
                                 POINTS, SAUCER_DELAY, SAUCER_DIE_TICKS, SAUCER_HEIGHT,
                                 SAUCER_HIT_RADIUS, SAUCER_RANGE, SAUCER_SCORE, SIN,
                                 UNIT_RADIUS, HIT_RADIUS, Hostile, Saucer, angle_diff,
                                 direction_to, missile_step, saucer_step, tank_step, wrap)
from .battlezone_numbers import (ATTRACT_PHASE_TICKS, BLIP_FADE, BLOCKED_SHOW_TICKS, BONUS_TANKS,
                                 CHUNK_GRAVITY, DEAD_TICKS, ERUPT_EVERY, FAR, FIRST_HOSTILE_DELAY,
                                 FOV, FRONT, GAME_OVER_TICKS, HOSTILE_DELAY, INITIALS_TIMEOUT,
                                 LAVA_GRAVITY, MAX_LAVA, MISSILE_SCORES, MISSILE_SPAWN_DISTANCE,
                                 NEAR, OBSTACLES, OBSTACLE_KINDS, OBSTACLE_TOPS, OVERTURE,
                                 OVERTURE_SCORE, PLAYER_BLOCK, PLAYER_HIT_RADIUS, RADAR_SWEEP,
                                 REAR_ANGLE, REFRESH_HZ, SHELL_HEIGHT, SHELL_LIFE, SHELL_SPEED,
                                 SHELL_SUBSTEPS, SPATTER_TICKS, SPAWN_CLEARANCE, START,
                                 SUPER_AFTER_MISSILES, TANKS_CHOICES, TANK_SPAWN_DISTANCE,
                                 VIEWPORT, WINDOW)
from .highscores import HighScoreTable, InitialsEntry, KeepsHighScores
from .sound import Tone

class _Thing:
    """A moving object: a shell, a chunk of debris, a lava bomb, a spark."""

    __slots__ = ("x", "y", "z", "vx", "vy", "vz", "life", "heading", "spin", "kind")

    def __init__(self, x=0.0, y=0.0, z=0.0, vx=0.0, vy=0.0, vz=0.0, life=0, heading=0.0,
                 spin=0.0, kind=0) -> None:
        self.x, self.y, self.z = x, y, z
        self.vx, self.vy, self.vz = vx, vy, vz
        self.life, self.heading, self.spin, self.kind = life, heading, spin, kind


def tread_mix(controls: Mapping[str, Any]) -> tuple[float, float]:
    """The treads ``(left, right)`` in -1..1 from the analog treads plus the
    digital one-stick (up/down both, left/right opposed), clamped."""
    drive = (1.0 if controls.get("up") else 0.0) - (1.0 if controls.get("down") else 0.0)
    turn = (1.0 if controls.get("right") else 0.0) - (1.0 if controls.get("left") else 0.0)
    lt = float(controls.get("left_tread") or 0.0) + drive + turn
    rt = float(controls.get("right_tread") or 0.0) + drive - turn
    return min(1.0, max(-1.0, lt)), min(1.0, max(-1.0, rt))


def _obstacle_within(x: float, z: float, radius: Callable[[int], float]) -> tuple | None:
    """The first obstacle ``(kind, x, z, heading)`` whose centre is nearer to
    (x, z) than ``radius(kind)`` on the wrapping field, or None."""
    for ob in OBSTACLES:
        r = radius(ob[0])
        dx, dz = wrap(x - ob[1]), wrap(z - ob[2])
        if -r < dx < r and -r < dz < r and dx * dx + dz * dz < r * r:
            return ob
    return None


class BattleZone(KeepsHighScores, Game):
    """The game.  ``state()`` gives ``mode`` (attract, play, game_over),
    ``phase`` (attract_title, attract_scores, play, dead, game_over,
    enter_initials), ``score``, ``lives`` (tanks left, counting the one in
    play), ``level`` (1 + hostiles destroyed), ``tick``, ``player`` (x, z,
    heading in 1/4096 turns, alive, blocked), ``hostile`` (kind, x, z, y,
    heading, distance, bearing: directions relative to your heading,
    positive to the left; or None), ``saucer``, ``shell`` and
    ``enemy_shell`` (x, z or None), ``obstacles`` (kind, x, z),
    ``missiles_launched``, ``enemy_score`` (your tanks it destroyed),
    ``message``, ``high_score`` and ``initials``."""

    name = "battlezone"
    title = "BattleZone"
    refresh_hz = REFRESH_HZ
    window = WINDOW
    controls_used = ("left_tread", "right_tread", "up", "down", "left", "right", "fire", "start")
    default_settings = {"tanks": 3, "bonus_tanks": list(BONUS_TANKS), "missile_score": 10_000}
    setting_choices = {"tanks": TANKS_CHOICES, "missile_score": MISSILE_SCORES}
    key_legend = (
        ("E / D", "left tread forward / back"),
        ("I / K", "right tread forward / back"),
        ("↑ ↓ ← →", "drive as one stick (mixed onto the treads)"),
        ("Space", "fire (one shell at a time)"),
        ("Enter", "start"),
        ("Gamepad", "left and right sticks are the treads, A fires"),
    )
    help = ("Start to play. Two treads drive the tank: both forward to go, opposite to spin, "
            "one to turn; or the arrows as one stick. Fire a shell (one at a time). Watch the "
            "radar: the wedge is your view.")
    SOUNDS = {
        "fire": (Tone("noise", 900.0, 160.0, 0.8, 120.0),),
        "enemy_fire": (Tone("noise", 500.0, 220.0, 0.55, 90.0),),
        "explosion": (Tone("noise", 220.0, 900.0, 1.0, 30.0),),
        "hit_obstacle": (Tone("noise", 700.0, 90.0, 0.4, 300.0),),
        "player_hit": (Tone("noise", 300.0, 250.0, 1.0, 60.0), Tone("noise", 120.0, 1400.0, 0.9, 25.0)),
        "radar_blip": (Tone("sine", 1250.0, 45.0, 0.3),),
        "bump": (Tone("square", 70.0, 140.0, 0.6, 45.0),),
        "extra_tank": tuple(Tone("square", f, 90.0, 0.35) for f in (880.0, 1175.0, 1480.0, 1760.0)),
        "saucer_hit": (Tone("square", 2400.0, 500.0, 0.4, 200.0),),
        # [D: dis StartSoundEffect list: radar ping, collided with object,
        # extra life (4 high beeps), new enemy alert (three boops), saucer
        # hit and saucer loops, nine notes of the 1812 Overture at 100,000].
        "new_enemy": tuple(Tone("square", 330.0, 110.0, 0.3) for _ in range(3)),
        "overture": tuple(Tone("square", f, 150.0, 0.35) for f in OVERTURE),
        "engine": (Tone("noise", 70.0, 250.0, 0.35),),
        "saucer": (Tone("sine", 700.0, 220.0, 0.2, 1100.0), Tone("sine", 1100.0, 220.0, 0.2, 700.0)),
    }

    # ------------------------------------------------------------- set-up
    def __init__(self, settings: Mapping[str, Any] | None = None, seed: int = 0) -> None:
        self.high_scores = HighScoreTable()
        self.camera = Camera(fov=FOV, near=NEAR, far=FAR, viewport=VIEWPORT, fade_min=0.25)
        super().__init__(settings, seed)
        s = self.settings
        bonus = s["bonus_tanks"]
        if not isinstance(bonus, (list, tuple)) or not all(
                isinstance(b, int) and b > 0 for b in bonus):
            raise ValueError("battlezone: bonus_tanks must be a list of positive scores")

    def reset(self, seed: int = 0) -> None:
        self.rng.seed(seed)
        self.tick = 0
        self.mode = "attract"
        self.phase = "attract_title"
        self.phase_timer = ATTRACT_PHASE_TICKS
        self.score = 0
        self.lives = 0
        self.kills = 0
        self.enemy_score = 0
        self.missiles_launched = 0
        self.entry: InitialsEntry | None = None
        self.remember({})
        self.player_x, self.player_z = START
        self.player_heading = 0.0
        self.player_alive = False
        self.blocked = 0
        self.blocked_by_obstacle = False
        self.treads = (0.0, 0.0)
        self.hostile: Hostile | None = None
        self.hostile_timer = FIRST_HOSTILE_DELAY
        self.saucer: Saucer | None = None
        self.saucer_timer = self.rng.randint(*SAUCER_DELAY)
        self.shell: _Thing | None = None
        self.enemy_shell: _Thing | None = None
        self.chunks: list[_Thing] = []
        self.sparks: list[_Thing] = []
        self.lava: list[_Thing] = []
        self.erupt_timer = 1
        self.sweep = 0
        self.blip_age = BLIP_FADE
        self.blip = (0.0, 0.0)
        self.dead_timer = 0
        self.crack_at = (512.0, 440.0)
        self.bounce = 0
        self.bonus_given: set[int] = set()

    def start_game(self) -> None:
        """A new game: score 0, the set number of tanks, a slow tank ahead."""
        self.mode = "play"
        self.phase = "play"
        self.score = 0
        self.lives = int(self.settings["tanks"])
        self.kills = self.enemy_score = self.missiles_launched = 0
        self.bonus_given = set()
        self.player_x, self.player_z = START
        self.player_heading = 0.0
        self.player_alive = True
        self.hostile = None
        self.hostile_timer = FIRST_HOSTILE_DELAY
        self.saucer = None
        self.saucer_timer = self.rng.randint(*SAUCER_DELAY)
        self.shell = self.enemy_shell = None
        self.chunks.clear()
        self.sparks.clear()
        self.entry = None

    @property
    def level(self) -> int:
        return self.kills + 1

    # ------------------------------------------------------------ geometry
    def obstacle_at(self, x: float, z: float, margin: float) -> tuple | None:
        """The obstacle whose enemy radius plus ``margin`` covers (x, z), or None."""
        return _obstacle_within(x, z, lambda kind: OBSTACLE_KINDS[kind][1] + margin)

    @staticmethod
    def obstacle_top(ob: tuple) -> float:
        """Height of an obstacle ``(kind, x, z, heading)``'s model."""
        return OBSTACLE_TOPS[ob[0]]

    def _shell_hits_obstacle(self, x: float, z: float) -> bool:
        return _obstacle_within(x, z, lambda kind: OBSTACLE_KINDS[kind][2]) is not None

    def relative(self, x: float, z: float) -> tuple[float, float, float, int]:
        """``(dx, dz, distance, bearing)`` of a point from the player; bearing
        in directions relative to the player's heading, positive left."""
        dx, dz = wrap(x - self.player_x), wrap(z - self.player_z)
        bearing = int(angle_diff(direction_to(dx, dz), self.player_heading))
        return dx, dz, math.sqrt(dx * dx + dz * dz), bearing

    # ---------------------------------------------------------------- tick
    def step(self, controls: Mapping[str, Any]) -> None:
        self.sound_events.clear()
        self.tick += 1
        if self.mode == "attract":
            if self.pressed(controls, "start"):
                self.start_game()
            else:
                self.phase_timer -= 1
                if self.phase_timer <= 0:
                    self.phase = ("attract_scores" if self.phase == "attract_title"
                                  else "attract_title")
                    self.phase_timer = ATTRACT_PHASE_TICKS
                # The attract view turns slowly over the field.
                self.player_heading = (self.player_heading + 2) % DIRECTIONS
                self._world_tick()
        elif self.mode == "play":
            self._play_tick(controls)
        else:
            self._game_over_tick(controls)
        self.remember(controls)

    def _play_tick(self, controls: Mapping[str, Any]) -> None:
        if self.phase == "dead":
            self.dead_timer -= 1
            if self.dead_timer <= 0:
                if self.lives > 0:
                    self.phase = "play"
                    self.player_alive = True
                    self.hostile_timer = HOSTILE_DELAY
                else:
                    self._end_game()
        elif self.player_alive:
            self._drive(controls)
            if self.pressed(controls, "fire") and self.shell is None:
                self._fire_player_shell()
        self._world_tick()

    def _drive(self, controls: Mapping[str, Any]) -> None:
        """Treads to motion: speed is their mean, turning their difference
        (positive = left); an obstacle or the enemy's tank stops the move."""
        lt, rt = tread_mix(controls)
        self.treads = (lt, rt)
        self.player_heading = (self.player_heading + (rt - lt) * 0.5 * PLAYER_TURN) % DIRECTIONS
        speed = (lt + rt) * 0.5 * PLAYER_SPEED
        if speed == 0.0:
            self.blocked = max(0, self.blocked - 1)
            return
        d = int(self.player_heading) % DIRECTIONS
        nx = (self.player_x + SIN[d] * speed) % FIELD
        nz = (self.player_z + COS[d] * speed) % FIELD
        stop = _obstacle_within(nx, nz, lambda kind: PLAYER_BLOCK) is not None
        h = self.hostile
        if not stop and h is not None and h.is_tank:
            dx, dz = wrap(nx - h.x), wrap(nz - h.z)
            stop = dx * dx + dz * dz < UNIT_RADIUS * UNIT_RADIUS
        if stop:
            if not self.blocked:
                self.sound_events.append("bump")
                self.bounce = 8
            self.blocked = BLOCKED_SHOW_TICKS
            return
        self.blocked = 0
        self.player_x, self.player_z = nx, nz

    def _fire_player_shell(self) -> None:
        d = int(self.player_heading) % DIRECTIONS
        self.shell = _Thing(self.player_x, SHELL_HEIGHT, self.player_z,
                            SIN[d] * SHELL_SPEED, 0.0, COS[d] * SHELL_SPEED, SHELL_LIFE, float(d))
        self.sound_events.append("fire")

    def fire_enemy_shell(self, t: Hostile) -> None:
        """The hostile tank fires along its heading (battlezone_enemies calls this)."""
        d = int(t.heading) % DIRECTIONS
        self.enemy_shell = _Thing(t.x, SHELL_HEIGHT, t.z, SIN[d] * SHELL_SPEED, 0.0,
                                  COS[d] * SHELL_SPEED, SHELL_LIFE, float(d))
        self.sound_events.append("enemy_fire")

    def _world_tick(self) -> None:
        """Everything that moves on its own, in attract mode as in play."""
        h = self.hostile
        if h is None:
            self.hostile_timer -= 1
            if self.hostile_timer <= 0 and (self.mode == "attract" or self.phase == "play"):
                self.spawn_hostile()
        elif h.is_tank:
            tank_step(self, h)
        elif self.mode == "play" and self.phase == "play":
            missile_step(self, h)
        self._saucer_tick()
        self._shells_tick()
        self._debris_tick()
        self._volcano_tick()
        self._radar_tick()
        if self.bounce:
            self.bounce -= 1

    # ------------------------------------------------------------ hostiles
    def spawn_hostile(self, kind: str | None = None) -> Hostile:
        """Bring on the next hostile: a missile (half the time once the score
        reaches the setting), else a slow tank, or a super tank once 5
        missiles have been launched.  It appears ahead of you when you are
        not far ahead of it on points, anywhere round you when you are
        [D: dis unit_creation]."""
        rng = self.rng
        if kind is None:
            if (self.mode == "play" and self.score >= int(self.settings["missile_score"])
                    and rng.random() < 0.5):
                kind = "missile"
            else:
                kind = "super_tank" if self.missiles_launched >= SUPER_AFTER_MISSILES else "slow_tank"
        lead = self.score // 1000 - self.enemy_score
        if self.mode != "play" or lead <= 1:
            spread = 0x0F
        elif self.score >= 100_000 or lead >= 6:
            spread = 0x7F
        else:
            spread = (0x1F, 0x3F)[(lead >> 1) - 1]
        distance = MISSILE_SPAWN_DISTANCE if kind == "missile" else TANK_SPAWN_DISTANCE
        for _ in range(16):
            off = rng.randint(-spread, spread) * PER_256
            d = int(self.player_heading + off) % DIRECTIONS
            x = (self.player_x + SIN[d] * distance) % FIELD
            z = (self.player_z + COS[d] * distance) % FIELD
            if self.obstacle_at(x, z, SPAWN_CLEARANCE) is None:
                break
            distance += 700.0
        if kind == "missile":
            heading = direction_to(wrap(self.player_x - x), wrap(self.player_z - z))
            self.missiles_launched += 1
        else:
            heading = rng.randrange(DIRECTIONS)
        h = Hostile(kind, x, z, heading)
        h.straight = kind == "missile" and self.missiles_launched == 1
        self.hostile = h
        if self.mode == "play":
            self.sound_events.append("new_enemy")
        return h

    def _destroy_hostile(self, by_player: bool) -> None:
        h = self.hostile
        assert h is not None
        if by_player and self.mode == "play":
            self.add_score(h.points())
            self.kills += 1
        self._explode(h.x, h.y, h.z, h.heading)
        self.sound_events.append("explosion")
        self.hostile = None
        self.hostile_timer = HOSTILE_DELAY

    def _explode(self, x: float, y: float, z: float, heading: float) -> None:
        rng = self.rng
        for i in range(6):
            d = rng.randrange(DIRECTIONS)
            v = rng.uniform(4.0, 14.0)
            self.chunks.append(_Thing(x, y + 150.0, z, SIN[d] * v, rng.uniform(28.0, 46.0),
                                      COS[d] * v, 0, heading, rng.uniform(-60.0, 60.0),
                                      i % len(M.CHUNKS)))
        self._spatter(x, y + 200.0, z)

    def _spatter(self, x: float, y: float, z: float) -> None:
        """The star of sparks a shell makes where it hits."""
        for k in range(8):
            d = k * DIRECTIONS // 8
            self.sparks.append(_Thing(x, y, z, SIN[d] * 14.0, 9.0 - (k % 3) * 6.0, COS[d] * 14.0,
                                      SPATTER_TICKS))

    def missile_hits_player(self) -> None:
        """The missile reached your tank: both are gone."""
        h = self.hostile
        assert h is not None
        self._explode(h.x, h.y, h.z, h.heading)
        self.hostile = None
        self._kill_player()

    def _kill_player(self) -> None:
        """A hit cracks the screen and costs a tank; the hostile withdraws."""
        self.player_alive = False
        self.phase = "dead"
        self.dead_timer = DEAD_TICKS
        self.lives -= 1
        self.enemy_score += 1
        self.blocked = 0
        self.treads = (0.0, 0.0)
        self.crack_at = (self.rng.uniform(300.0, 724.0), self.rng.uniform(300.0, 600.0))
        self.bounce = 20
        self.sound_events.append("player_hit")
        self.hostile = None
        self.shell = self.enemy_shell = None
        self.hostile_timer = HOSTILE_DELAY

    def add_score(self, points: int) -> None:
        """Add points; each bonus-tank threshold passed gives one tank once."""
        new = self.score + points
        if self.score < OVERTURE_SCORE <= new:
            self.sound_events.append("overture")
        for b in self.settings["bonus_tanks"]:
            if self.score < b <= new and b not in self.bonus_given:
                self.bonus_given.add(b)
                self.lives += 1
                self.sound_events.append("extra_tank")
        self.score = new

    # -------------------------------------------------------------- saucer
    def spawn_saucer(self) -> Saucer:
        """A saucer somewhere round you, drifting (battlezone_enemies.saucer_step)."""
        rng = self.rng
        d = rng.randrange(DIRECTIONS)
        r = rng.uniform(*SAUCER_RANGE)
        s = Saucer((self.player_x + SIN[d] * r) % FIELD, (self.player_z + COS[d] * r) % FIELD)
        self.saucer = s
        return s

    def _saucer_tick(self) -> None:
        s = self.saucer
        if s is None:
            if self.mode == "play" and self.phase == "play" and self.score >= SAUCER_SCORE:
                self.saucer_timer -= 1
                if self.saucer_timer <= 0:
                    self.spawn_saucer()
            return
        if not saucer_step(self, s):
            self.saucer = None
            self.saucer_timer = self.rng.randint(*SAUCER_DELAY)

    def _hit_saucer(self, by_player: bool) -> None:
        s = self.saucer
        assert s is not None
        if by_player:
            self.add_score(POINTS["saucer"])
        s.dying = SAUCER_DIE_TICKS
        self.sound_events.append("saucer_hit")
        self._spatter(s.x, SAUCER_HEIGHT, s.z)

    # -------------------------------------------------------------- shells
    def _shells_tick(self) -> None:
        self.shell = self._move_shell(self.shell, True)
        self.enemy_shell = self._move_shell(self.enemy_shell, False)

    def _move_shell(self, sh: _Thing | None, mine: bool) -> _Thing | None:
        """Move a shell in sub-steps; it stops at the first obstacle, the
        hostile (yours), your tank (theirs) or the saucer (both)."""
        if sh is None:
            return None
        sh.life -= 1
        if sh.life <= 0:
            return None
        k = 1.0 / SHELL_SUBSTEPS
        for _ in range(SHELL_SUBSTEPS):
            sh.x = (sh.x + sh.vx * k) % FIELD
            sh.z = (sh.z + sh.vz * k) % FIELD
            if self._shell_hits_obstacle(sh.x, sh.z):
                self._spatter(sh.x, SHELL_HEIGHT, sh.z)
                self.sound_events.append("hit_obstacle")
                return None
            s = self.saucer
            if s is not None and not s.dying:
                dx, dz = wrap(sh.x - s.x), wrap(sh.z - s.z)
                if dx * dx + dz * dz < SAUCER_HIT_RADIUS * SAUCER_HIT_RADIUS:
                    self._hit_saucer(by_player=mine)
                    return None
            if mine:
                h = self.hostile
                if h is not None:
                    r = HIT_RADIUS[h.kind]
                    dx, dz = wrap(sh.x - h.x), wrap(sh.z - h.z)
                    if dx * dx + dz * dz < r * r and h.y < 600.0:
                        self._destroy_hostile(by_player=True)
                        return None
            elif self.player_alive:
                dx, dz = wrap(sh.x - self.player_x), wrap(sh.z - self.player_z)
                if dx * dx + dz * dz < PLAYER_HIT_RADIUS * PLAYER_HIT_RADIUS:
                    self._kill_player()
                    return None
        return sh

    # ------------------------------------------------------ debris, scenery
    def _debris_tick(self) -> None:
        keep = []
        for c in self.chunks:
            c.x += c.vx
            c.z += c.vz
            c.y += c.vy
            c.vy -= CHUNK_GRAVITY
            c.heading += c.spin
            if c.y > 0.0:
                keep.append(c)
        self.chunks = keep
        keep = []
        for p in self.sparks:
            p.life -= 1
            if p.life > 0:
                p.x += p.vx
                p.y += p.vy
                p.z += p.vz
                keep.append(p)
        self.sparks = keep

    def _volcano_tick(self) -> None:
        """Lava bombs thrown from the crater in bursts, falling back."""
        rng = self.rng
        self.erupt_timer -= 1
        if self.erupt_timer <= 0:
            self.erupt_timer = rng.randint(*ERUPT_EVERY)
            for _ in range(rng.randint(2, 5)):
                if len(self.lava) < MAX_LAVA:
                    self.lava.append(_Thing(M.VOLCANO_BEARING, M.VOLCANO_TOP, 0.0,
                                            rng.uniform(-0.0009, 0.0009),
                                            rng.uniform(0.004, 0.0075), 0.0, 0))
        keep = []
        for p in self.lava:
            p.x += p.vx
            p.y += p.vy
            p.vy -= LAVA_GRAVITY
            if p.y > M.VOLCANO_TOP * 0.7:
                keep.append(p)
        self.lava = keep

    def _radar_tick(self) -> None:
        """Sweep the radar beam; a blip (and its sound) when it passes the hostile."""
        before = self.sweep
        self.sweep = (self.sweep + RADAR_SWEEP) % DIRECTIONS
        self.blip_age += 1
        h = self.hostile
        if h is None or self.mode != "play":
            return
        dx, dz, dist, bearing = self.relative(h.x, h.z)
        # The beam sweeps clockwise from straight ahead: its angle is -sweep.
        a = (-bearing) % DIRECTIONS
        if (a - before) % DIRECTIONS < RADAR_SWEEP:
            self.blip_age = 0
            self.blip = (bearing, dist)
            self.sound_events.append("radar_blip")

    # ----------------------------------------------------------- game over
    def _end_game(self) -> None:
        self.mode = "game_over"
        self.phase = "game_over"
        self.phase_timer = GAME_OVER_TICKS
        self.player_alive = False
        self.hostile = None
        self.saucer = None

    def _game_over_tick(self, controls: Mapping[str, Any]) -> None:
        self._debris_tick()
        self._volcano_tick()
        self.high_score_tick(controls, INITIALS_TIMEOUT,
                             lambda: self._to_attract("attract_title"),
                             lambda: self._to_attract("attract_scores"))

    def _to_attract(self, phase: str) -> None:
        self.mode = "attract"
        self.phase = phase
        self.phase_timer = ATTRACT_PHASE_TICKS
        self.hostile = None
        self.hostile_timer = FIRST_HOSTILE_DELAY

    def loops(self) -> dict[str, float]:
        out: dict[str, float] = {}
        if self.mode == "play" and self.player_alive:
            lt, rt = self.treads
            out["engine"] = 0.35 + 0.65 * min(1.0, (abs(lt) + abs(rt)) / 2)
        if self.saucer is not None and not self.saucer.dying and self.mode == "play":
            out["saucer"] = 1.0
        return out

    # --------------------------------------------------------------- state
    def message(self) -> str | None:
        """The top band's warning: ENEMY IN RANGE when the hostile is in the
        view's wedge, else ENEMY TO LEFT / RIGHT / REAR [arcade.md 2.2]."""
        h = self.hostile
        if h is None or self.mode != "play" or not self.player_alive:
            return None
        _, _, _, bearing = self.relative(h.x, h.z)
        if abs(bearing) < FRONT:
            return "ENEMY IN RANGE"
        if abs(bearing) >= REAR_ANGLE:
            return "ENEMY TO REAR"
        return "ENEMY TO LEFT" if bearing > 0 else "ENEMY TO RIGHT"

    def state(self) -> dict[str, Any]:
        h = self.hostile
        hostile = None
        if h is not None:
            _, _, dist, bearing = self.relative(h.x, h.z)
            hostile = {"kind": h.kind, "x": round(h.x, 3), "z": round(h.z, 3), "y": round(h.y, 3),
                       "heading": round(h.heading, 3), "distance": round(dist, 3),
                       "bearing": bearing}
        s = self.saucer
        return {
            "mode": self.mode, "phase": self.phase, "score": self.score, "lives": self.lives,
            "level": self.level, "tick": self.tick,
            "player": {"x": round(self.player_x, 3), "z": round(self.player_z, 3),
                       "heading": round(self.player_heading, 3), "alive": self.player_alive,
                       "blocked": self.blocked > 0},
            "hostile": hostile,
            "saucer": None if s is None else {"x": round(s.x, 3), "z": round(s.z, 3),
                                              "dying": s.dying > 0},
            "shell": None if self.shell is None else [round(self.shell.x, 3), round(self.shell.z, 3)],
            "enemy_shell": (None if self.enemy_shell is None
                            else [round(self.enemy_shell.x, 3), round(self.enemy_shell.z, 3)]),
            "obstacles": [{"kind": k, "x": round(x, 3), "z": round(z, 3)} for k, x, z, _ in OBSTACLES],
            "kills": self.kills, "missiles_launched": self.missiles_launched,
            "enemy_score": self.enemy_score, "message": self.message(),
            "high_score": self.high_scores.best,
            "initials": self.entry.initials if self.entry else None,
        }

    # ------------------------------------------------------------- drawing
    def render(self, dl: DisplayList) -> None:
        render(self, dl)

    # ------------------------------------------------------------ benchmark
    @classmethod
    def bench_scene(cls, seed: int = 1) -> "BattleZone":
        """The busiest scene: in play, facing the way with the most obstacles
        in view, a super tank close ahead, the saucer in view, both shells
        in flight, debris flying and sparks."""
        game = cls(seed=seed)
        game.start_game()
        game.score = 40_000
        best, best_n = 0, -1
        for d in range(0, DIRECTIONS, 64):
            n = 0
            for _, ox, oz, _ in OBSTACLES:
                _, _, dist, _ = game.relative(ox, oz)
                b = angle_diff(direction_to(wrap(ox - game.player_x), wrap(oz - game.player_z)), d)
                n += dist < FAR and abs(b) < 300
            if n > best_n:
                best, best_n = d, n
        game.player_heading = float(best)
        h = game.spawn_hostile("super_tank")
        h.x = (game.player_x + SIN[best] * 3000.0) % FIELD
        h.z = (game.player_z + COS[best] * 3000.0) % FIELD
        s = game.spawn_saucer()
        s.x = (game.player_x + SIN[(best + 100) % DIRECTIONS] * 5000.0) % FIELD
        s.z = (game.player_z + COS[(best + 100) % DIRECTIONS] * 5000.0) % FIELD
        game._fire_player_shell()
        game._explode(h.x, 0.0, h.z, h.heading)
        return game
