"""Tempest (Atari, 1981), on the project's vector display in real perspective.

The target is the original game (../shared/reference/arcade.md 2.3, and
Atari's published source, historicalsource/tempest): a claw on the rim of
a well seen down its length, moved rim segment to rim segment by a
spinner; shots down the lanes; flippers that flip lane to lane and shoot,
tankers that split, spikers that lay spikes and turn into tankers,
fuseballs that ride the lane edges, pulsars that electrify a lane; the
superzapper once per level (a second use kills one enemy); a warp down
the well past the spikes to the next of the 16 wells; colours changing
every 16 levels; lives capped at 6 with bonus lives as a setting; and
Skill-Step starts at levels 1, 3, 5, 7, 9 (and higher after a good game)
with the starting bonuses.

Modules: games/tempest_wells.py (the 16 wells), games/tempest_levels.py
(the skill contour: counts, speeds, shots per level), games/tempest_enemies.py
(how each enemy moves), games/tempest_draw.py (the perspective drawing
through machines/vector/camera3d.py).  The logic uses lane numbers and
depths only, with floats added and multiplied (no platform maths), so it
is bit-identical natively and in Pyodide.

Controls: ``spinner`` (relative steps per tick, SPIN_PER_LANE to a rim
segment; positive turns the claw counter-clockwise, to the right along
the bottom of the well), ``left``/``right`` (a press moves one segment,
held they keep turning), ``fire`` (held, it repeats), ``zap``
(superzapper), ``start``.
Settings: ``lives`` 2-5, ``bonus_life`` points per extra life (0 none),
``difficulty`` easy/medium/hard (the operator switches, arcade.md 2.3).
"""

from __future__ import annotations

from typing import Any, Mapping

from machines.vector.displaylist import DisplayList

from .base import Game
from .highscores import HighScoreTable, InitialsEntry, KeepsHighScores
from .sound import Tone
from .tempest_numbers import (ATTRACT_DEMO_TICKS, ATTRACT_TITLE_TICKS, BONUS_CHOICES,
                              BONUS_FLASH_TICKS, DEATH_TICKS, DEFAULT_BONUS, DEFAULT_LIVES,
                              DIFFICULTIES, FIRE_REPEAT, GAME_OVER_TICKS, HIGH_SCORES, HIT_RANGE,
                              INITIALS_TIMEOUT, KEY_REPEAT_DELAY, KEY_SPIN, LIVES_CHOICES,
                              MAX_ACTIVE, MAX_LIVES, MAX_ON_WELL, MAX_SHOTS, NYMPH_SPACING,
                              RATE_SECONDS, REFRESH_HZ, SECOND, SHOT_SPEED, SPIKE_EAT_TICKS,
                              SPIKE_POINT, SPIN_PER_LANE, SPLIT_NEAR, WARP_TICKS, WINDOW,
                              ZAP_EVERY, ZAP_KILLS, ZAP_START, ZAP_USES, ZOOM_TICKS)
from .tempest_draw import render
from .tempest_enemies import (FUSEBALL_POINTS, FUSEBALL_ZAP_POINTS, POINTS, PULSE_HIGH,
                              PULSE_LOW, RIM_PAUSE,
                              SPIKER_TOP, Enemy, neighbour, tick_enemy, toward)
from .tempest_levels import (FAR, FLIPPER, FUSEBALL, GAME_FRAME_TICKS, KINDS, MAX_LEVEL,
                             PULSAR, RIM, SKILL_BONUS, SKILL_LEVELS, SPIKER, TANKER,
                             level_params, skill_choices)
from .tempest_wells import LINES, WELLS, well_for_level


class Shot:
    """A shot: ``lane``, ``depth`` (RIM..FAR); the player's go down, enemy
    ones up.  ``eaten``: ticks a player's shot has spent eating a spike."""

    __slots__ = ("lane", "depth", "eaten")

    def __init__(self, lane: int, depth: float) -> None:
        self.lane = lane
        self.depth = depth
        self.eaten = 0


class Tempest(KeepsHighScores, Game):
    """The game.  ``state()`` gives ``mode`` (attract, play, game_over),
    ``phase`` (title, demo, rate, play, dying, warp, zoom, game_over,
    enter_initials), ``score``, ``lives``, ``level`` (1..99), ``well``
    (its name), ``palette`` (0..5), ``player`` (lane, depth, alive),
    ``enemies`` (kind, lane, depth, flip_to while flipping), ``nymphs``
    (enemies still to come), ``shots`` and ``enemy_shots`` (lane, depth),
    ``spikes`` (lane -> tip depth), ``zaps_used``, ``death`` (what is
    killing the claw: grabbed, shot, pulsar, fuseball, spike; else None),
    ``choices``/``choice`` on the Skill-Step screen, ``high_score``,
    ``initials`` and ``tick``."""

    name = "tempest"
    title = "Tempest"
    HIGH_SCORE_SIZE = HIGH_SCORES
    refresh_hz = REFRESH_HZ
    window = WINDOW
    controls_used = ("spinner", "left", "right", "fire", "zap", "start")
    control_labels = {"zap": "ZAPPER"}
    # (keys, action) pairs the page shows for this game.
    key_legend = (("← →", "turn the claw a rim segment; hold to keep turning"),
                  ("mouse drag, or click and move", "spin the claw (Esc frees the mouse)"),
                  ("Space / Z", "fire (hold to keep firing)"),
                  ("Q / Shift", "superzapper"),
                  ("Enter / 1", "start; then spin and fire to pick the start level"),
                  ("gamepad", "stick spins, A fires, B or Y zaps"))
    default_settings = {"lives": DEFAULT_LIVES, "bonus_life": DEFAULT_BONUS,
                        "difficulty": "medium"}
    setting_choices = {"lives": LIVES_CHOICES, "bonus_life": BONUS_CHOICES, "difficulty": DIFFICULTIES}
    help = ("Start, then pick a start level with the spinner and Fire. Spin the claw "
            "around the rim (arrows, mouse or touch drag), Fire down the lanes, Zap "
            "clears the well once a level. Clear the well to warp to the next.")
    SOUNDS = {
        "fire": (Tone("square", 1600.0, 60.0, 0.22, 500.0),),
        "enemy_fire": (Tone("square", 500.0, 80.0, 0.18, 1200.0),),
        "explode": (Tone("noise", 700.0, 260.0, 0.7, 120.0),),
        "explode_player": (Tone("noise", 200.0, 1200.0, 1.0, 30.0),),
        "spike": (Tone("square", 3000.0, 30.0, 0.2),),
        "zap": (Tone("sawtooth", 80.0, 600.0, 0.8, 2400.0),),
        "warp": (Tone("sawtooth", 900.0, 2400.0, 0.45, 60.0),),
        "bonus_life": tuple(Tone("square", 2400.0, 70.0, 0.3) for _ in range(4)),
        "choose": (Tone("triangle", 1200.0, 40.0, 0.3),),
        "pulse": (Tone("square", 110.0, 120.0, 0.25, 70.0),),
    }

    # ------------------------------------------------------------- set-up
    def __init__(self, settings: Mapping[str, Any] | None = None, seed: int = 0) -> None:
        self.high_scores = HighScoreTable(HIGH_SCORES)
        self.best_level = 0
        super().__init__(settings, seed)

    def reset(self, seed: int = 0) -> None:
        self.rng.seed(seed)
        self.tick = 0
        self.mode = "attract"
        self.phase = "title"
        self.phase_timer = ATTRACT_TITLE_TICKS
        self.score = 0
        self.lives = 0
        self.demo = False
        self.entry: InitialsEntry | None = None
        self.choices: tuple[int, ...] = skill_choices(self.best_level)
        self.choice = 0
        self.start_bonus = 0
        self.flash = 0
        self._key_ticks: dict[str, int] = {}
        self.remember({})
        self._set_level(1)

    def _set_level(self, level: int) -> None:
        """Set up ``level``: its well, parameters, nymphs, the spikes it
        starts with; the zapper fresh.  The counter stops at 99, which is played again and again
        with the skill of a random level 65-96 [S: ENDWAV; CONTOUR, "CURWAV
        >= 98"] on a random well [D: arcade.md 2.3, "random shapes"]."""
        self.level = max(1, min(MAX_LEVEL, level))
        self.well = well_for_level(self.level)
        self.level_params = level_params(self.level, self.settings["difficulty"])
        if self.level == MAX_LEVEL:
            self.level_params = level_params(65 + self.rng.randrange(32),
                                             self.settings["difficulty"])
            self.well = WELLS[self.rng.randrange(len(WELLS))]
        # From level 4 every lane starts with a spike [S: INIENE, TELIHI].
        self.spikes = [self.level_params.spikes if i < self.well.lanes else FAR
                       for i in range(LINES)]
        self.player_lane = self.well.lanes // 2 if not self.well.closed else 0
        self.spin_acc = 0.0
        self.player_depth = RIM
        self.alive = True
        self.enemies: list[Enemy] = []
        self.shots: list[Shot] = []
        self.enemy_shots: list[Shot] = []
        self.explosions: list[list] = []     # [lane, depth, age, kind]
        self.zaps_used = 0
        self.pulse = PULSE_LOW
        self.pulse_dir = 1
        self.zap_timer = 0
        self.zap_left = 0
        self.fire_cooldown = 0
        self.death_reason = ""
        self._new_nymphs(self.level_params.nymphs)

    def _new_nymphs(self, count: int) -> None:
        """``count`` enemies waiting below the far end, each with a random
        lane and a countdown of (i mod 16) x 16 + lane game frames, i its
        number [S: ININYM: "ON 8 Y LEVELS", NYMPY = i x 16 OR lane in a byte]."""
        rng = self.rng
        self.nymphs = []
        for i in range(count):
            lane = rng.randrange(16)
            frames = ((i % 16) * 16 + lane) or 15
            self.nymphs.append([frames * GAME_FRAME_TICKS, lane % self.well.lanes])

    @property
    def palette_index(self) -> int:
        """0..5: the colour set, changed every 16 levels and kept from 81 on
        [S: ALDIS2.MAC INICOL, CURWAV & 0x70 capped at 0x5F]."""
        return min((self.level - 1) & 0x70, 0x5F) >> 4

    # ------------------------------------------------------------- game flow
    def start_game(self) -> None:
        """A new game: the Skill-Step choice first."""
        self.mode = "play"
        self.demo = False
        self.score = 0
        self.lives = int(self.settings["lives"])
        self.choices = skill_choices(self.best_level)
        self.choice = 0
        self.spin_acc = 0.0
        self.phase = "rate"
        self.phase_timer = RATE_SECONDS * SECOND
        self._set_level(1)
        self.nymphs = []

    def choose_start(self, index: int) -> None:
        """Begin play at ``choices[index]``; clearing it pays its bonus [S: ENDWAV]."""
        index = max(0, min(len(self.choices) - 1, index))
        level = self.choices[index]
        self.start_bonus = SKILL_BONUS[SKILL_LEVELS.index(level)]
        self._set_level(level)
        self.phase = "zoom"
        self.phase_timer = ZOOM_TICKS
        self.sound_events.append("choose")

    def _start_demo(self) -> None:
        """Attract mode plays a demo: a random well of the first 8, one life
        [S: PRORAT in attract, "CHOOSE FROM 1ST 8 LEVELS", LIVES1 = 1]."""
        self.mode = "attract"
        self.demo = True
        self.score = 0
        self.lives = 1
        self.start_bonus = 0
        self._set_level(1 + self.rng.randrange(8))
        self.phase = "zoom"
        self.phase_timer = ZOOM_TICKS

    def _to_title(self) -> None:
        self.mode = "attract"
        self.demo = False
        self.phase = "title"
        self.phase_timer = ATTRACT_TITLE_TICKS
        self.enemies = []
        self.shots = []
        self.enemy_shots = []

    def add_score(self, points: int) -> None:
        """Add points (not in the demo); a bonus life each ``bonus_life``
        points, never past 6 lives [S], flashing the playfield."""
        if self.demo or self.mode != "play":
            return
        bonus = int(self.settings["bonus_life"])
        new = self.score + points
        if bonus and new // bonus > self.score // bonus:
            if self.lives < MAX_LIVES:
                self.lives = min(MAX_LIVES, self.lives + new // bonus - self.score // bonus)
                self.sound_events.append("bonus_life")
                self.flash = BONUS_FLASH_TICKS
        self.score = new

    # ------------------------------------------------------------------ tick
    def step(self, controls: Mapping[str, Any]) -> None:
        self.sound_events.clear()
        self.tick += 1
        if self.flash:
            self.flash -= 1
        if self.mode == "attract":
            if self.pressed(controls, "start"):
                self.start_game()
            elif self.phase == "title":
                self.phase_timer -= 1
                if self.phase_timer <= 0:
                    self._start_demo()
            else:
                self._play_tick(self._autopilot())
                if self.phase == "game_over" or self.tick % ATTRACT_DEMO_TICKS == 0:
                    self._to_title()
        elif self.mode == "play":
            if self.phase == "rate":
                self._rate_tick(controls)
            else:
                self._play_tick(controls)
        else:
            self._game_over_tick(controls)
        self.remember(controls)

    def _spin(self, controls: Mapping[str, Any]) -> float:
        """Spinner steps this tick: the spinner plus keys (right = +).  A key
        press moves one rim segment; held, it turns on after a delay."""
        s = float(controls.get("spinner") or 0.0)
        for name, sign in (("right", 1.0), ("left", -1.0)):
            if not controls.get(name):
                continue
            if self.pressed(controls, name):
                s += sign * SPIN_PER_LANE
                self._key_ticks[name] = 0
            else:
                self._key_ticks[name] = self._key_ticks.get(name, 0) + 1
                if self._key_ticks[name] >= KEY_REPEAT_DELAY:
                    s += sign * KEY_SPIN
        return s

    def _spun_segments(self, controls: Mapping[str, Any]) -> int:
        """Whole rim segments spun this tick (right = +), the remainder kept
        in ``spin_acc`` for the next tick."""
        self.spin_acc += self._spin(controls)
        n = 0
        while self.spin_acc >= SPIN_PER_LANE:
            self.spin_acc -= SPIN_PER_LANE
            n += 1
        while self.spin_acc <= -SPIN_PER_LANE:
            self.spin_acc += SPIN_PER_LANE
            n -= 1
        return n

    def _rate_tick(self, controls: Mapping[str, Any]) -> None:
        """RATE YOURSELF: the spinner walks the start levels, fire (or start)
        picks one, and after 10 s the one shown is taken [S: PRORAT]."""
        self.choice = min(len(self.choices) - 1, max(0, self.choice + self._spun_segments(controls)))
        self.phase_timer -= 1
        if (self.pressed(controls, "fire") or self.pressed(controls, "start") or
                self.pressed(controls, "zap") or self.phase_timer <= 0):
            self.choose_start(self.choice)

    def _play_tick(self, controls: Mapping[str, Any]) -> None:
        phase = self.phase
        if phase == "zoom":
            self.phase_timer -= 1
            if self.phase_timer <= 0:
                self.phase = "play"
            return
        if phase == "play":
            self._move_claw(controls)
            self._fire(controls)
            if self.pressed(controls, "zap"):
                self.superzap()
            self._hatch()
            self._pulse_tick()
            for e in list(self.enemies):
                if e in self.enemies:
                    tick_enemy(self, e)
            self._move_shots()
            self._zap_tick()
            self._collide()
            if self.phase == "play" and not self.nymphs and not self.enemies:
                self._begin_warp()
        elif phase == "dying":
            self._dying_tick()
        elif phase == "warp":
            self._warp_tick(controls)
        self._age_explosions()

    # ------------------------------------------------------------ the claw
    def _move_claw(self, controls: Mapping[str, Any]) -> None:
        """The claw moves one rim segment per SPIN_PER_LANE spinner steps;
        open wells stop at their ends, closed ones go round."""
        n = self._spun_segments(controls)
        for _ in range(abs(n)):
            if not self._step_claw(1 if n > 0 else -1):
                break

    def _step_claw(self, d: int) -> bool:
        """One rim segment; False (and the spin dropped) at an open well's end."""
        nxt = neighbour(self, self.player_lane, d)
        if nxt is None:
            self.spin_acc = 0.0
            return False
        self.player_lane = nxt
        return True

    def _fire(self, controls: Mapping[str, Any]) -> None:
        if self.fire_cooldown:
            self.fire_cooldown -= 1
        if controls.get("fire") and (self.pressed(controls, "fire") or not self.fire_cooldown):
            if len(self.shots) < MAX_SHOTS:
                self.shots.append(Shot(self.player_lane, self.player_depth))
                self.sound_events.append("fire")
                self.fire_cooldown = FIRE_REPEAT

    def player_alive(self) -> bool:
        return self.alive and self.phase in ("play", "warp")

    def catch_player(self, reason: str) -> None:
        """The claw is destroyed (grabbed, shot, electrified, burnt, spiked)."""
        if not self.player_alive():
            return
        self.alive = False
        self.death_reason = reason
        self.phase = "dying"
        self.phase_timer = DEATH_TICKS
        self.zap_timer = 0
        self.sound_events.append("explode_player")
        self.explosions.append([self.player_lane, self.player_depth, 0, "player"])

    def fuse_touches_player(self, e: Enemy) -> bool:
        """A fuseball at the rim burns the claw on the lines of its lane or
        while crossing it [S: JFUSKI, "check for fuse kill cursor"]."""
        lane = self.player_lane
        if e.flipping:
            return e.cross_lane() == lane
        return e.lane == lane or e.lane == (lane + 1) % LINES

    # ------------------------------------------------------------- enemies
    def _hatch(self) -> None:
        """Count down the nymphs; one comes out of the far end as the kind
        the level needs, when there is room [S: min/max tables; the choice
        among them is ours, I]."""
        if not self.nymphs:
            return
        for n in self.nymphs:
            if n[0] > 0:
                n[0] -= 1
        ready = [n for n in self.nymphs if n[0] <= 0]
        if not ready or len(self.enemies) >= MAX_ACTIVE:
            return
        kind = self._choose_kind()
        if kind is None:
            return
        n = ready[0]
        self.nymphs.remove(n)
        self.spawn(kind, n[1], FAR)

    def _choose_kind(self) -> str | None:
        lp = self.level_params
        counts = {k: 0 for k in KINDS}
        for e in self.enemies:
            counts[e.kind] += 1
        below_min = [k for k in KINDS if counts[k] < lp.min_counts[k]]
        if below_min:
            return below_min[self.rng.randrange(len(below_min))]
        room = [k for k in KINDS if counts[k] < lp.max_counts[k]]
        if not room:
            return None
        return room[self.rng.randrange(len(room))]

    def spawn(self, kind: str, lane: int, depth: float = FAR) -> Enemy:
        """Put an enemy of ``kind`` on the well (tests use this too)."""
        rng = self.rng
        e = Enemy(kind, lane % (LINES if kind == FUSEBALL else self.well.lanes), depth)
        e.spin = 1 if rng.random() < 0.5 else -1
        e.timer = 20 + rng.randrange(40)
        e.fire_timer = self.level_params.fire_delay // 2 + rng.randrange(
            self.level_params.fire_delay)
        if kind == SPIKER:
            e.turn = SPIKER_TOP
        elif kind == TANKER:
            e.cargo = self.choose_cargo()
        elif kind == PULSAR:
            e.timer = self.level_params.pulsar_chase
        self.enemies.append(e)
        return e

    @property
    def pulsing(self) -> bool:
        """True while the pulsars are charged (they pulse together) [S: PULSON]."""
        return self.pulse >= 0

    def _pulse_tick(self) -> None:
        if self.tick % GAME_FRAME_TICKS:
            return
        was = self.pulsing
        self.pulse += self.pulse_dir * self.level_params.pulse_step
        if self.pulse >= PULSE_HIGH:
            self.pulse, self.pulse_dir = PULSE_HIGH, -1
        elif self.pulse <= PULSE_LOW:
            self.pulse, self.pulse_dir = PULSE_LOW, 1
        if self.pulsing and not was and any(e.kind == PULSAR for e in self.enemies):
            self.sound_events.append("pulse")

    def choose_cargo(self) -> str:
        """A tanker's cargo, one of the level's four slots [S: WTACAR]."""
        cargo = self.level_params.cargo
        return cargo[self.rng.randrange(len(cargo))]

    def spawn_cargo(self, tanker: Enemy) -> None:
        """A tanker splits: two of its cargo leave it flipping one each way,
        or, split this near the rim, stay in its lane [arcade.md 2.3; S:
        SPLCHA, "SPLITTING TOO CLOSE TO PLAYER? YES. NO FLIPPING"]."""
        if tanker in self.enemies:
            self.enemies.remove(tanker)
        self.explosions.append([tanker.lane, tanker.depth, 0, "split"])
        for d in (-1, 1):
            if len(self.enemies) >= MAX_ON_WELL:
                break
            if tanker.cargo == FUSEBALL:
                line = tanker.lane if d < 0 else (tanker.lane + 1) % LINES
                e = self.spawn(FUSEBALL, line, tanker.depth)
                continue
            e = self.spawn(tanker.cargo, tanker.lane, tanker.depth)
            e.spin = d
            if tanker.depth < SPLIT_NEAR:
                e.timer = RIM_PAUSE
                continue
            nxt = neighbour(self, tanker.lane, d)
            if nxt is None:
                nxt = neighbour(self, tanker.lane, -d)
            if nxt is not None:
                e.target = nxt
                e.flip = 1e-9
            e.timer = 30

    def grow_spike(self, lane: int, depth: float) -> None:
        """A spiker's trail: the spike in ``lane`` reaches up to ``depth``."""
        if depth < self.spikes[lane]:
            self.spikes[lane] = max(RIM + 8.0, depth)

    def enemy_fire(self, e: Enemy) -> None:
        lp = self.level_params
        e.fire_timer = lp.fire_delay
        if len(self.enemy_shots) < lp.max_shots:
            self.enemy_shots.append(Shot(e.lane, e.depth))
            self.sound_events.append("enemy_fire")

    def kill_enemy(self, e: Enemy, by_zap: bool = False) -> None:
        """Destroy ``e`` and score it; a shot tanker splits, a zapped one
        does not [S: EXIKIL clears the carrier bit]."""
        if e not in self.enemies:
            return
        if e.kind == TANKER and not by_zap:
            self.add_score(POINTS[TANKER])
            self.spawn_cargo(e)
            self.sound_events.append("explode")
            return
        self.enemies.remove(e)
        if e.kind == FUSEBALL:
            if by_zap:
                self.add_score(FUSEBALL_ZAP_POINTS)
            else:
                r = self.rng.randrange(8)
                self.add_score(FUSEBALL_POINTS[r if r < 3 else 0])
        else:
            self.add_score(POINTS[e.kind])
        self.explosions.append([e.hit_lanes()[0] if e.hit_lanes() else e.lane,
                                e.depth, 0, e.kind])
        self.sound_events.append("explode")

    # --------------------------------------------------------------- shots
    def _move_shots(self) -> None:
        keep = []
        for s in self.shots:
            s.depth += SHOT_SPEED
            if s.depth < FAR:
                keep.append(s)
        self.shots = keep
        speed = self.level_params.shot_speed
        keep = []
        for s in self.enemy_shots:
            s.depth -= speed
            if s.depth <= RIM:
                if s.lane == self.player_lane and self.player_alive():
                    self.catch_player("shot")
                continue
            keep.append(s)
        self.enemy_shots = keep

    def _collide(self) -> None:
        """Player shots against enemy shots (no points), enemies and spikes;
        pulsars charged in the claw's lane [arcade.md 2.3]."""
        for s in list(self.shots):
            hit = False
            for es in self.enemy_shots:
                if es.lane == s.lane and abs(es.depth - s.depth) <= HIT_RANGE:
                    self.enemy_shots.remove(es)
                    hit = True
                    break
            if not hit:
                for e in self.enemies:
                    if s.lane in e.hit_lanes() and abs(e.depth - s.depth) <= HIT_RANGE:
                        self.kill_enemy(e)
                        hit = True
                        break
            if not hit and s.depth >= self.spikes[s.lane]:
                if s.eaten % GAME_FRAME_TICKS == 0:
                    self.add_score(SPIKE_POINT)
                    self.sound_events.append("spike")
                s.eaten += 1
                self.spikes[s.lane] = FAR if s.depth >= FAR - 2 else s.depth
                hit = s.eaten >= SPIKE_EAT_TICKS
            if hit:
                self.shots.remove(s)
        if not self.player_alive():
            return
        lp = self.level_params
        for e in self.enemies:
            if (e.kind == PULSAR and self.pulsing and e.lane == self.player_lane and
                    not e.flipping and e.depth < lp.pulsar_height):
                self.catch_player("pulsar")
                return

    # ------------------------------------------------------------ zapper
    def superzap(self) -> bool:
        """Fire the superzapper: the first use in a level destroys every
        enemy on the well (one each 2 game frames), the second one enemy,
        later ones nothing [S: PROSUZ, KILENE; arcade.md 2.3].  Returns
        True when a use started."""
        if self.zaps_used >= ZAP_USES or self.zap_timer or not self.player_alive():
            return False
        self.zap_left = ZAP_KILLS[self.zaps_used]
        self.zaps_used += 1
        self.zap_timer = 1
        self.enemy_shots = []
        self.sound_events.append("zap")
        return True

    def _zap_tick(self) -> None:
        if not self.zap_timer:
            return
        self.zap_timer += 1
        t = self.zap_timer - ZAP_START
        if t >= 0 and t % ZAP_EVERY == 0:
            if self.enemies and self.zap_left > 0:
                victim = self.enemies[0] if self.zaps_used == 1 else \
                    self.enemies[self.rng.randrange(len(self.enemies))]
                self.kill_enemy(victim, by_zap=True)
                self.zap_left -= 1
            if not self.enemies or self.zap_left <= 0:
                self.zap_timer = 0
        self.enemy_shots = []

    # --------------------------------------------------- death, warp, zoom
    def _dying_tick(self) -> None:
        """The claw's explosion; meanwhile everything slides back down the
        well and becomes nymphs again [S: ANALYZ "DROP EVERYBODY INTO WELL"]."""
        slide = 15.0 / GAME_FRAME_TICKS
        if self.death_reason == "grabbed" and self.player_depth < FAR:
            self.player_depth = min(FAR, self.player_depth + slide)   # dragged down the well
        for e in list(self.enemies):
            e.depth += slide
            if e.depth >= FAR:
                self.enemies.remove(e)
                self.nymphs.append([NYMPH_SPACING + self.rng.randrange(NYMPH_SPACING), e.lane
                                    % self.well.lanes])
        self.shots = []
        self.enemy_shots = []
        self.phase_timer -= 1
        if self.phase_timer > 0:
            return
        for e in self.enemies:
            self.nymphs.append([NYMPH_SPACING + self.rng.randrange(NYMPH_SPACING),
                                e.lane % self.well.lanes])
        self.enemies = []
        self.lives -= 1
        if self.lives <= 0:
            self._end_game()
            return
        self.alive = True
        self.death_reason = ""
        self.player_depth = RIM
        self.zap_timer = 0
        self.phase = "play" if self.nymphs else "warp"
        if self.phase == "warp":
            self.phase_timer = WARP_TICKS

    def _begin_warp(self) -> None:
        self.phase = "warp"
        self.phase_timer = WARP_TICKS
        self.enemy_shots = []
        self.sound_events.append("warp")

    def _warp_tick(self, controls: Mapping[str, Any]) -> None:
        """The dive: the claw drops down the well, speeding up; it may spin
        and shoot, and dies on a spike tip in its lane [arcade.md 2.3]."""
        self._move_claw(controls)
        self._fire(controls)
        self._move_shots()
        self._collide()
        t = WARP_TICKS - self.phase_timer
        self.player_depth = RIM + (FAR + 40.0 - RIM) * (t * t) / (WARP_TICKS * WARP_TICKS)
        if self.player_depth >= self.spikes[self.player_lane] and self.player_depth < FAR:
            self.catch_player("spike")
            return
        self.phase_timer -= 1
        if self.phase_timer <= 0:
            self._next_level()

    def _next_level(self) -> None:
        """Level cleared: the start bonus if any [S: ENDWAV], the next well."""
        if self.start_bonus:
            self.add_score(self.start_bonus)
            self.start_bonus = 0
        if not self.demo:
            self.best_level = max(self.best_level, self.level)
        self._set_level(min(MAX_LEVEL, self.level + 1))
        self.phase = "zoom"
        self.phase_timer = ZOOM_TICKS

    def _age_explosions(self) -> None:
        for x in self.explosions:
            x[2] += 1
        self.explosions = [x for x in self.explosions if x[2] < 24]

    # ------------------------------------------------------------ game over
    def _end_game(self) -> None:
        if self.demo:
            self.phase = "game_over"
            return
        self.mode = "game_over"
        self.phase = "game_over"
        self.phase_timer = GAME_OVER_TICKS

    def _game_over_tick(self, controls: Mapping[str, Any]) -> None:
        self._age_explosions()
        if self.phase == "enter_initials":
            controls = self._spun_letters(controls)
        self.high_score_tick(controls, INITIALS_TIMEOUT, self._to_title, self._to_title)

    def _spun_letters(self, controls: Mapping[str, Any]) -> dict[str, Any]:
        """The spinner chooses letters: a rim segment's worth is one letter."""
        n = self._spun_segments(controls)
        if n:
            self.spin_acc = 0.0
        c = dict(controls)
        c["right"], c["left"] = n > 0, n < 0
        return c

    # ------------------------------------------------------------- autopilot
    def _autopilot(self) -> dict[str, Any]:
        """The attract demo's player: spin towards the nearest enemy, fire,
        zap when one reaches the rim [I]."""
        out: dict[str, Any] = {"fire": self.tick % 8 < 4}
        target = None
        best = FAR + 1
        for e in self.enemies:
            if e.depth < best and e.hit_lanes():
                best, target = e.depth, e.hit_lanes()[0]
        if target is not None and target != self.player_lane:
            out["spinner"] = 2.0 * toward(self, self.player_lane, target)
        if best <= RIM + 2 and self.zaps_used == 0:
            out["zap"] = True
        return out

    # ---------------------------------------------------------- persistence
    def persistent_data(self) -> dict[str, Any]:
        """``{"high_scores": {...}, "best_level": n}`` (the Skill-Step offer
        grows with the best level reached)."""
        return {**super().persistent_data(), "best_level": self.best_level}

    def load_persistent_data(self, data: dict[str, Any]) -> None:
        super().load_persistent_data(data)
        if isinstance(data, Mapping):
            best = data.get("best_level")
            if isinstance(best, int) and 0 <= best <= MAX_LEVEL:
                self.best_level = best

    def loops(self) -> dict[str, float]:
        if self.phase == "play" and self.pulsing and any(e.kind == PULSAR
                                                         for e in self.enemies):
            return {"pulse": 0.6}
        return {}

    # ---------------------------------------------------------------- state
    def state(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "phase": self.phase,
            "score": self.score,
            "lives": self.lives,
            "level": self.level,
            "well": self.well.name,
            "palette": self.palette_index,
            "player": {"lane": self.player_lane, "depth": round(self.player_depth, 3),
                       "alive": self.alive},
            "enemies": [e.as_dict() for e in self.enemies],
            "nymphs": len(self.nymphs),
            "shots": [{"lane": s.lane, "depth": round(s.depth, 3)} for s in self.shots],
            "enemy_shots": [{"lane": s.lane, "depth": round(s.depth, 3)}
                            for s in self.enemy_shots],
            "spikes": {str(i): round(d, 3) for i, d in enumerate(self.spikes) if d < FAR},
            "zaps_used": self.zaps_used,
            "choices": list(self.choices) if self.phase == "rate" else None,
            "choice": self.choices[self.choice] if self.phase == "rate" else None,
            "death": self.death_reason or None,
            "high_score": self.high_scores.best,
            "initials": self.entry.initials if self.entry else None,
            "tick": self.tick,
        }

    # ------------------------------------------------------------- drawing
    def render(self, dl: DisplayList) -> None:
        render(self, dl)

    # ------------------------------------------------------------ benchmark
    @classmethod
    def bench_scene(cls, seed: int = 1) -> "Tempest":
        """The busiest scene: level 44 (the heart well, where every kind of
        enemy comes), the well full of enemies, 8 shots, 4 enemy shots,
        spikes in half the lanes and nymphs waiting at the far end."""
        g = cls(seed=seed)
        g.start_game()
        g.choose_start(0)
        g._set_level(44)
        g.phase = "play"
        kinds = (FLIPPER, TANKER, SPIKER, FUSEBALL, PULSAR, FLIPPER, FLIPPER)
        for i, k in enumerate(kinds):
            e = g.spawn(k, (i * 2 + 3) % 16, 110.0 + 20.0 * i)
            if k == FLIPPER:
                e.target = (e.lane + 1) % 16
                e.flip = 0.3
        for lane in range(0, 16, 2):
            g.spikes[lane] = 150.0
        for i in range(MAX_SHOTS):
            g.shots.append(Shot(0, RIM + 20.0 * i))
        for i in range(4):
            g.enemy_shots.append(Shot(4 + i, 120.0))
        g.nymphs = [[(i % 4) * NYMPH_SPACING, i % 16] for i in range(20)]
        return g
