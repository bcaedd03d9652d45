"""Lunar Lander (Atari, 1979), on the project's vector display.

The target is the original game (../shared/reference/arcade.md 2.5): a
lander under lunar gravity with a proportional thrust lever, rotation and
fuel that runs out; a jagged moonscape (ours, made fresh each round from
the seed: peaks up to about 70 % of the view, steep walls) with flat pads
on ledges and in valleys carrying 2x-5x multipliers, the smaller pads
worth more; a
2x close-up near the ground; landings judged on vertical speed, horizontal
speed and attitude into good, hard and crash, scored 50 / 15 / 5 times the
pad's multiplier (a foot may hang just off a pad); a crash breaks the
lander into its lines and says how bad it was; extra fuel for a good
landing; a new round on fresh
terrain keeping the fuel; game over when the fuel is gone.  The four
missions (training, cadet, prime, command) make the terrain rougher and add
atmospheric drag and, on command, rotational momentum.  The HUD shows
score, time, fuel, altitude above the terrain and both speeds with
direction arrows.

World units: x wraps around a terrain ``TERRAIN_WIDTH`` wide, y is height
above the lowest possible ground; speeds are units per second.  Attitude
is in 256ths of a turn (0 upright, positive tilted left) read through a
sine table rounded to 1/16384, so the physics is bit-identical natively
and in Pyodide.

Controls: ``lever`` (0..1: mouse wheel or gamepad axis) sets the thrust
lever, ``up``/``down`` step it, ``thrust`` holds full thrust while down,
``left``/``right`` rotate, ``fire`` is ABORT (full thrust, swing upright),
``start``.  In attract mode ``left``/``right`` select the mission.
Settings: ``fuel`` per game (a coin's worth: 450, 600, 750, 900, 1100,
1300, 1550, 1800), ``mission`` (training, cadet, prime, command).
"""

from __future__ import annotations

import bisect
import math
from typing import Any, Mapping

from machines.vector.displaylist import DisplayList

from .base import Game
from .trig import COS as _COS, DIRECTIONS, SIN as _SIN
from .sound import Tone

# --- Hardware timing [arcade.md 2.5: MAME refresh 3 kHz / 12 / 6, the
# "3 kHz" clock being 12.096 MHz / 4096].
MASTER_CLOCK = 12_096_000
REFRESH_HZ = MASTER_CLOCK / 4096 / 12 / 6          # 41.02 Hz
DT = 1.0 / REFRESH_HZ
SECOND = 41                                        # ticks in about a second

# --- The screen: a 4:3 window (MAME's visible area 522-1566 x 270-1070 is
# close to 4:3 [arcade.md 2.5]).
WINDOW = (0.0, 128.0, 1024.0, 896.0)
VIEW_W = 1024.0
VIEW_H = 768.0

# --- Attitude: 256 steps a turn, limited to a quarter turn either way.
MAX_TILT = 64                          # 90 degrees
ROTATE_STEP = 1.0                      # direction units per tick (about 58 degrees/s)
ROTATE_ACCEL = 0.06                    # command mission: units per tick^2 of spin
MAX_SPIN = 2.0

# --- Physics, units and seconds.
GRAVITY = 1.62                         # the Moon's, in units/s^2
MAX_THRUST = 4.6                       # units/s^2 at full lever (about 2.8 g)
LEVER_STEP = 1.0 / 24.0                # the keyboard moves the lever this much a tick
CEILING = 650.0                        # the lander cannot climb above this height (below the HUD)

# --- Fuel [arcade.md 2.5: 450/600/750/900 a coin, default 750; -02 ROMs
# 1,100/1,300/1,550/1,800].  Burn rate and the bonus are ours [I].
FUEL_CHOICES = (450, 600, 750, 900, 1100, 1300, 1550, 1800)
DEFAULT_FUEL = 750
FUEL_BURN = 10.0                       # units a second at full thrust
ABORT_BURN = 1.5                       # abort burns faster than full thrust, x this
GOOD_LANDING_FUEL = 50                 # "a good landing earns extra fuel"
CRASH_FUEL_COST = 40                   # "a crash can cost fuel"
LOW_FUEL = 100                         # the warning beep starts below this

# --- Landings [arcade.md 2.5: good 50, hard 15, crash 5, times the pad's
# 2x-5x multiplier].  Limits are ours: speeds in units/s, tilt in 256ths.
GOOD_POINTS = 50
HARD_POINTS = 15
CRASH_POINTS = 5
GOOD_DESCENT, GOOD_DRIFT, GOOD_TILT = 6.0, 4.0, 4
HARD_DESCENT, HARD_DRIFT, HARD_TILT = 12.0, 8.0, 10

# --- Terrain of our own design, after the original's moonscape: jagged
# mountains whose peaks reach up to about 70 % of the view, steep walls,
# pads on ledges part-way up and in valleys [I: from screenshots of the
# cabinet; the ROM's terrain table is not copied].  Pads: multiplier ->
# width; smaller pads carry higher multipliers [arcade.md 2.5].
TERRAIN_WIDTH = 3072.0
PAD_WIDTH = {2: 96.0, 3: 70.0, 4: 50.0, 5: 36.0}
PAD_MULTIPLIERS = (2, 3, 4, 5, 2, 3)
VALLEY_PAD = (30.0, 130.0)             # pad heights in a valley
LEDGE_PAD = (0.35, 0.7)                # ledge pads, as fractions of the mission's peak height
GROUND_MIN = 12.0
SEGMENT = (8.0, 28.0)                  # spacing of terrain vertices
PEAKS = (0.55, 1.0)                    # a peak's height, as a fraction of the mission's highest
PAD_SHOULDER = 6.0                     # flat rock each side of a pad before the walls

# --- Missions [arcade.md 2.5: harder missions add rougher terrain,
# atmospheric friction and rotational momentum]: name, roughness (units of
# jagged height change per vertex), drag (fraction of speed lost per
# second), rotational momentum, starting horizontal speed, and the highest
# peak as a fraction of the view's height [I].
MISSIONS = (
    ("training", 12.0, 0.00, False, 12.0, 0.50),
    ("cadet", 22.0, 0.02, False, 18.0, 0.58),
    ("prime", 34.0, 0.04, False, 24.0, 0.64),
    ("command", 48.0, 0.06, True, 30.0, 0.70),
)
MISSION_NAMES = tuple(m[0] for m in MISSIONS)

# --- Rounds.
START_HEIGHT = 600.0
START_X = 160.0
ROUND_END_TICKS = 3 * SECOND           # the result shows this long
GAME_OVER_TICKS = 4 * SECOND

# --- The close-up [arcade.md 2.5: "zooms to a 2x close-up"].
ZOOM = 2.0
ZOOM_IN_ALTITUDE = 120.0
ZOOM_OUT_ALTITUDE = 160.0
CAMERA_MARGIN = 256.0                  # far view scrolls to keep the lander this far in

# --- The lander, upright, centre at (0, 0); feet at y = -12.  A foot may
# hang off a pad by up to FOOT_TOLERANCE (a little more than its own half
# width) and the landing still counts [I].
FOOT_Y = -12.0
FOOT_X = 11.0
FOOT_TOLERANCE = 5.0
HULL = ((-FOOT_X, FOOT_Y), (FOOT_X, FOOT_Y), (-8.0, -4.0), (8.0, -4.0), (-6.0, 10.0),
        (6.0, 10.0), (0.0, 13.0), (0.0, -8.0))
LANDER_STROKES = (
    ((-3.0, 1.0), (-6.0, 4.0), (-6.0, 8.0), (-3.0, 12.0), (3.0, 12.0), (6.0, 8.0), (6.0, 4.0),
     (3.0, 1.0), (-3.0, 1.0)),                                           # ascent stage
    ((-8.0, 1.0), (8.0, 1.0), (8.0, -4.0), (-8.0, -4.0), (-8.0, 1.0)),  # descent stage
    ((-6.0, -4.0), (-FOOT_X, FOOT_Y)), ((6.0, -4.0), (FOOT_X, FOOT_Y)),  # legs
    ((-FOOT_X - 3.0, FOOT_Y), (-FOOT_X + 3.0, FOOT_Y)),                  # feet
    ((FOOT_X - 3.0, FOOT_Y), (FOOT_X + 3.0, FOOT_Y)),
    ((-2.5, -4.0), (-4.0, -8.0), (4.0, -8.0), (2.5, -4.0)),              # engine bell
)
PARTICLES = 40
# The lander's lines, one record each: ((x0, y0), (x1, y1)) upright.
LANDER_LINES = tuple((a, b) for stroke in LANDER_STROKES for a, b in zip(stroke, stroke[1:]))
DEBRIS_SPEED = (8.0, 40.0)             # units/s a broken line flies off at [I]

# --- Crash messages by how bad the crash was (our own words): the worst
# of descent, drift and tilt as a multiple of the hard-landing limits.
CRASH_MESSAGES = (
    (1.6, "THE LEGS FOLDED UNDER YOU"),
    (3.0, "THE LANDER IS A WRECK"),
    (5.0, "YOU DUG A FRESH CRATER"),
    (float("inf"), "THAT CRATER CAN BE SEEN FROM EARTH"),
)
OFF_PAD_MESSAGE = "NO PAD UNDER YOU  THE LANDER TOPPLED"
# Messages sit below the lander's start height, never across it.
MESSAGE_Y = WINDOW[1] + START_HEIGHT - 120.0


def _index(direction: float) -> int:
    return int(math.floor(direction + 0.5)) % DIRECTIONS


class Terrain:
    """A periodic ground line: vertices ``xs``/``ys`` over one period from
    ``xs[0]`` to ``xs[0] + TERRAIN_WIDTH`` (same height at both ends) and
    ``pads`` as ``(x0, x1, y, multiplier)``, all flat."""

    def __init__(self, xs: list[float], ys: list[float],
                 pads: list[tuple[float, float, float, int]]) -> None:
        self.xs, self.ys, self.pads = xs, ys, pads

    @classmethod
    def generate(cls, rng, roughness: float, peak: float = 0.7) -> "Terrain":
        """Fresh terrain: ``len(PAD_MULTIPLIERS)`` pads spread round the
        period, half on ledges, half in valleys, joined by mountains up to
        ``peak`` x the view's height whose outline is jagged by
        ``roughness`` units per vertex."""
        top = peak * VIEW_H
        mults = list(PAD_MULTIPLIERS)
        rng.shuffle(mults)
        n = len(mults)
        slot = TERRAIN_WIDTH / n
        pads = []
        for i, m in enumerate(mults):
            w = PAD_WIDTH[m]
            centre = slot * i + w / 2 + 60.0 + (slot - w - 120.0) * rng.random()
            if rng.random() < 0.5:
                y = VALLEY_PAD[0] + (VALLEY_PAD[1] - VALLEY_PAD[0]) * rng.random()
            else:
                y = top * (LEDGE_PAD[0] + (LEDGE_PAD[1] - LEDGE_PAD[0]) * rng.random())
            pads.append((centre - w / 2, centre + w / 2, y, m))
        xs: list[float] = []
        ys: list[float] = []
        for i, (x0, x1, y, _m) in enumerate(pads):
            xs += [x0, x1]
            ys += [y, y]
            nx0, _nx1, ny, _ = pads[(i + 1) % n]
            if i == n - 1:
                nx0 += TERRAIN_WIDTH
            cls._mountains(rng, xs, ys, x1, y, nx0, ny, roughness, top)
        # Close the period at the first pad's left end.
        xs.append(pads[0][0] + TERRAIN_WIDTH)
        ys.append(pads[0][2])
        return cls(xs, ys, pads)

    @staticmethod
    def _mountains(rng, xs: list[float], ys: list[float], xa: float, ya: float,
                   xb: float, yb: float, roughness: float, top: float) -> None:
        """Append the ground from a pad ending at (xa, ya) to the next one
        starting at (xb, yb): one or two peaks with a valley between, the
        straight lines between them roughened by mean-reverting jags."""
        span = xb - xa
        count = 1 if span < 320.0 else 2
        knots = [(0.0, ya)]
        for k in range(count):
            t = (k + 0.25 + 0.5 * rng.random()) / count
            h = top * (PEAKS[0] + (PEAKS[1] - PEAKS[0]) * rng.random())
            if k:
                valley = GROUND_MIN + (0.35 * top) * rng.random()
                knots.append(((knots[-1][0] + t) / 2, valley))
            knots.append((t, max(h, ya + 20.0, yb + 20.0) if h < top else top))
        knots.append((1.0, yb))
        x = xa + PAD_SHOULDER
        xs.append(x)
        ys.append(ya)
        offset = 0.0
        j = 0
        while True:
            x += SEGMENT[0] + (SEGMENT[1] - SEGMENT[0]) * rng.random()
            if x >= xb - PAD_SHOULDER - SEGMENT[0] / 2:
                break
            t = (x - xa) / span
            while knots[j + 1][0] < t:
                j += 1
            (t0, h0), (t1, h1) = knots[j], knots[j + 1]
            base = h0 + (h1 - h0) * (t - t0) / (t1 - t0)
            offset = 0.65 * offset + (rng.random() * 2.0 - 1.0) * roughness
            xs.append(x)
            ys.append(min(top, max(GROUND_MIN, base + offset)))
        xs.append(xb - PAD_SHOULDER)
        ys.append(yb)

    def _local(self, x: float) -> float:
        base = self.xs[0]
        return (x - base) % TERRAIN_WIDTH + base

    def height(self, x: float) -> float:
        """Ground height at world ``x`` (any value; the terrain wraps)."""
        x = self._local(x)
        xs, ys = self.xs, self.ys
        i = bisect.bisect_right(xs, x) - 1
        if i >= len(xs) - 1:
            return ys[-1]
        x0, x1 = xs[i], xs[i + 1]
        t = (x - x0) / (x1 - x0) if x1 > x0 else 0.0
        return ys[i] + (ys[i + 1] - ys[i]) * t

    def pad_under(self, xa: float, xb: float,
                  tolerance: float = 0.0) -> tuple[float, float, float, int] | None:
        """The pad spanning both ``xa`` and ``xb`` (the feet), each allowed
        to hang off an end by up to ``tolerance`` units, or None."""
        a = self._local(xa)
        b = a + (xb - xa)
        for pad in self.pads:
            for shift in (0.0, TERRAIN_WIDTH):
                if pad[0] + shift - tolerance <= min(a, b) and \
                        max(a, b) <= pad[1] + shift + tolerance:
                    return pad
        return None


class LunarLander(Game):
    """The game.  ``state()`` gives ``mode`` (attract, play, game_over),
    ``phase`` (attract, descent, landed, crashed, game_over), ``score``,
    ``lives`` (1 while a game is on, else 0: the game runs on fuel),
    ``level`` (mission 1-4) and ``mission``, ``round``, ``fuel``,
    ``altitude`` (feet above the ground below), ``x``, ``y``, ``vx``/``vy``
    (units/s, y up), ``attitude`` (256ths, 0 upright), ``lever``,
    ``thrust`` (effective 0..1), ``zoom``, ``result`` (good, hard, crash
    or None), ``points`` (of the last landing), ``multiplier`` (of the pad
    landed on, else 1), ``time`` (seconds of play) and ``tick``."""

    name = "lunar_lander"
    title = "Lunar Lander"
    refresh_hz = REFRESH_HZ
    window = WINDOW
    controls_used = ("lever", "up", "down", "thrust", "left", "right", "fire", "start")
    control_labels = {"fire": "ABORT"}
    default_settings = {"fuel": DEFAULT_FUEL, "mission": "training"}
    setting_choices = {"fuel": FUEL_CHOICES, "mission": tuple(MISSION_NAMES)}
    help = ("Start to play; Left/Right choose the mission first. Up/Down (or the mouse wheel, "
            "or a gamepad axis) move the thrust lever, Thrust holds full thrust, Left/Right "
            "rotate, Fire aborts. Land gently and upright on a pad.")
    key_legend = (("↑ ↓ or wheel", "thrust lever"), ("X", "full thrust"), ("← →", "rotate"),
                  ("Space", "abort"), ("Enter", "start"), ("← → (attract)", "mission"))
    # After the original's discrete sound [arcade.md 2.5: thrust volume on
    # filtered noise, 3 kHz and 6 kHz tones, an explosion]; our own shapes.
    SOUNDS = {
        "thrust": (Tone("noise", 160.0, 200.0, 0.6),),
        "low_fuel": (Tone("square", 3000.0, 120.0, 0.25),),
        "good_landing": (Tone("square", 3000.0, 150.0, 0.3), Tone("square", 6000.0, 300.0, 0.3)),
        "hard_landing": (Tone("square", 3000.0, 300.0, 0.3),),
        "explosion": (Tone("noise", 200.0, 1400.0, 1.0, 30.0),),
        "select": (Tone("square", 6000.0, 40.0, 0.2),),
    }

    # ------------------------------------------------------------- set-up
    def reset(self, seed: int = 0) -> None:
        self.rng.seed(seed)
        self.tick = 0
        self.mode = "attract"
        self.phase = "attract"
        self.mission = MISSION_NAMES.index(self.settings["mission"])
        self.score = 0
        self.fuel = 0.0
        self.round = 0
        self.play_ticks = 0
        self.timer = 0
        self.lever = 0.0
        self._analog_lever = 0.0
        self.thrust = 0.0
        self.result: str | None = None
        self.points = 0
        self.multiplier = 1
        self.particles: list[list[float]] = []
        self.debris: list[list[float]] = []
        self.message: str | None = None
        self.remember({})
        self._new_terrain()
        self._place_lander()
        self.lander_alive = False

    def _new_terrain(self) -> None:
        m = MISSIONS[self.mission]
        self.terrain = Terrain.generate(self.rng, m[1], m[5])

    def _place_lander(self) -> None:
        self.x = self.terrain.xs[0] + START_X
        self.y = START_HEIGHT
        self.vx = MISSIONS[self.mission][4]
        self.vy = 0.0
        self.attitude = 0.0
        self.spin = 0.0
        self.lander_alive = True
        self.zoomed = False
        self.cam_x = self.x - VIEW_W / 2
        self.cam_y = 0.0

    def start_game(self) -> None:
        """A new game on the selected mission with a coin's worth of fuel."""
        self.mode = "play"
        self.score = 0
        self.fuel = float(self.settings["fuel"])
        self.round = 0
        self.play_ticks = 0
        self.new_round()

    def new_round(self) -> None:
        """Fresh terrain; the lander starts high at the left, drifting right."""
        self.round += 1
        self.phase = "descent"
        self.result = None
        self.points = 0
        self.multiplier = 1
        self.message = None
        self.particles.clear()
        self.debris.clear()
        self._new_terrain()
        self._place_lander()

    @property
    def level(self) -> int:
        return self.mission + 1

    def altitude(self) -> float:
        """Height of the feet above the ground directly below the lander."""
        return self.y + FOOT_Y - self.terrain.height(self.x)


    # ---------------------------------------------------------------- tick
    def step(self, controls: Mapping[str, Any]) -> None:
        self.sound_events.clear()
        self.tick += 1
        self._read_lever(controls)
        if self.mode == "attract":
            if self.pressed(controls, "start"):
                self.start_game()
            else:
                d = (1 if self.pressed(controls, "right") else 0) - \
                    (1 if self.pressed(controls, "left") else 0)
                if d:
                    self.mission = (self.mission + d) % len(MISSIONS)
                    self.sound_events.append("select")
                    self._new_terrain()
                self.cam_x += 1.0            # the terrain scrolls by in attract
        elif self.mode == "play":
            self.play_ticks += 1
            if self.phase == "descent":
                self._fly(controls)
            else:
                self._move_particles()
                self._move_debris()
                self.timer -= 1
                if self.timer <= 0:
                    if self.fuel <= 0.0:
                        self._game_over()
                    else:
                        self.new_round()
        else:
            self._move_particles()
            self._move_debris()
            self.timer -= 1
            if self.timer <= 0 or (self.pressed(controls, "start") and
                                   self.timer < GAME_OVER_TICKS - SECOND):
                self.mode = "attract"
                self.phase = "attract"
        self.remember(controls)

    def _read_lever(self, controls: Mapping[str, Any]) -> None:
        """The lever keeps its place: a moved analog input (wheel, axis)
        sets it, Up/Down step it."""
        analog = float(controls.get("lever", 0.0) or 0.0)
        if analog != self._analog_lever:
            self._analog_lever = analog
            self.lever = analog
        if controls.get("up"):
            self.lever = min(1.0, self.lever + LEVER_STEP)
        if controls.get("down"):
            self.lever = max(0.0, self.lever - LEVER_STEP)

    def _fly(self, controls: Mapping[str, Any]) -> None:
        drag, momentum = MISSIONS[self.mission][2:4]
        abort = bool(controls.get("fire"))
        # Attitude.
        turn = (1 if controls.get("left") else 0) - (1 if controls.get("right") else 0)
        if abort:
            # Abort swings the lander upright under full thrust.
            self.spin = 0.0
            if self.attitude > 0:
                self.attitude = max(0.0, self.attitude - 2 * ROTATE_STEP)
            elif self.attitude < 0:
                self.attitude = min(0.0, self.attitude + 2 * ROTATE_STEP)
        elif momentum:
            self.spin = max(-MAX_SPIN, min(MAX_SPIN, self.spin + turn * ROTATE_ACCEL))
            self.attitude += self.spin
        else:
            self.attitude += turn * ROTATE_STEP
        if self.attitude > MAX_TILT or self.attitude < -MAX_TILT:
            self.attitude = max(-MAX_TILT, min(MAX_TILT, self.attitude))
            self.spin = 0.0
        # Thrust from the lever, while there is fuel.
        want = 1.0 if (abort or controls.get("thrust")) else self.lever
        burn = FUEL_BURN * want * DT * (ABORT_BURN if abort else 1.0)
        if self.fuel <= 0.0 or want <= 0.0:
            self.thrust = 0.0
        else:
            if burn > self.fuel:
                want *= self.fuel / burn
                burn = self.fuel
            self.fuel = max(0.0, self.fuel - burn)
            self.thrust = want
            if self.fuel <= 0.0:
                self.fuel = 0.0
        if self.fuel < LOW_FUEL and self.tick % SECOND == 0:
            self.sound_events.append("low_fuel")
        d = _index(self.attitude)
        a = MAX_THRUST * self.thrust
        ax = -_SIN[d] * a
        ay = _COS[d] * a - GRAVITY
        self.vx += ax * DT
        self.vy += ay * DT
        if drag:
            self.vx -= self.vx * drag * DT
            self.vy -= self.vy * drag * DT
        self.x += self.vx * DT
        self.y += self.vy * DT
        if self.y > CEILING:
            self.y = CEILING
            self.vy = min(self.vy, 0.0)
        self._camera()
        self._touchdown()

    def _camera(self) -> None:
        alt = self.altitude()
        if not self.zoomed and alt < ZOOM_IN_ALTITUDE:
            self.zoomed = True
            self.cam_y = self._close_floor()
        elif self.zoomed and alt > ZOOM_OUT_ALTITUDE:
            self.zoomed = False
        if self.zoomed:
            target = self._close_floor()
            step = 4.0
            self.cam_y += max(-step, min(step, target - self.cam_y))
            self.cam_x = self.x - VIEW_W / ZOOM / 2
        else:
            self.cam_y = 0.0
            sx = self.x - self.cam_x
            if sx > VIEW_W - CAMERA_MARGIN:
                self.cam_x = self.x - (VIEW_W - CAMERA_MARGIN)
            elif sx < CAMERA_MARGIN:
                self.cam_x = self.x - CAMERA_MARGIN

    def _close_floor(self) -> float:
        """Bottom of the close-up: a little below the lowest ground near the lander."""
        g = min(self.terrain.height(self.x + dx) for dx in (-96.0, 0.0, 96.0))
        return max(0.0, min(g, self.y + FOOT_Y) - 48.0)

    def _hull(self) -> list[tuple[float, float]]:
        d = _index(self.attitude)
        c, s = _COS[d], _SIN[d]
        return [(self.x + px * c - py * s, self.y + px * s + py * c) for px, py in HULL]

    def _touchdown(self) -> None:
        hull = self._hull()
        height = self.terrain.height
        if not any(py <= height(px) for px, py in hull):
            return
        descent, drift = -self.vy, abs(self.vx)
        tilt = abs(self.attitude)
        lx, rx = hull[0][0], hull[1][0]
        pad = self.terrain.pad_under(lx, rx, FOOT_TOLERANCE)
        self.multiplier = pad[3] if pad else 1
        if pad and descent <= GOOD_DESCENT and drift <= GOOD_DRIFT and tilt <= GOOD_TILT:
            self._landed("good", GOOD_POINTS, pad)
            self.fuel += GOOD_LANDING_FUEL
            self.sound_events.append("good_landing")
        elif pad and descent <= HARD_DESCENT and drift <= HARD_DRIFT and tilt <= HARD_TILT:
            self._landed("hard", HARD_POINTS, pad)
            self.sound_events.append("hard_landing")
        else:
            severity = max(descent / HARD_DESCENT, drift / HARD_DRIFT, tilt / HARD_TILT)
            if pad is None and severity <= 1.0:
                self.message = OFF_PAD_MESSAGE
            else:
                self.message = next(text for limit, text in CRASH_MESSAGES if severity <= limit)
            self._break_up()
            self.result = "crash"
            self.points = CRASH_POINTS * self.multiplier
            self.score += self.points
            self.fuel = max(0.0, self.fuel - CRASH_FUEL_COST)
            self.phase = "crashed"
            self.lander_alive = False
            self.thrust = 0.0
            self.sound_events.append("explosion")
            rng = self.rng
            for _ in range(PARTICLES):
                d = rng.randrange(DIRECTIONS // 2)       # upward half-circle
                v = 10.0 + 50.0 * rng.random()
                self.particles.append([self.x, self.y, _COS[d] * v, _SIN[d] * v,
                                       float(SECOND + rng.randrange(2 * SECOND))])
        self.timer = ROUND_END_TICKS

    def _break_up(self) -> None:
        """The lander breaks into its lines, each flying off and spinning:
        records [x, y, half_x, half_y, vx, vy, angle, spin] in world units."""
        rng = self.rng
        d = _index(self.attitude)
        c, s = _COS[d], _SIN[d]
        lo, hi = DEBRIS_SPEED
        for (ax, ay), (bx, by) in LANDER_LINES:
            mx, my = (ax + bx) / 2, (ay + by) / 2
            hx, hy = (bx - ax) / 2, (by - ay) / 2
            out = _index(math.atan2(my + 4.0, mx) * DIRECTIONS / (2 * math.pi) + d
                         + rng.randrange(-20, 21))
            v = lo + (hi - lo) * rng.random()
            self.debris.append([self.x + mx * c - my * s, self.y + mx * s + my * c,
                                hx * c - hy * s, hx * s + hy * c,
                                0.2 * self.vx + _COS[out] * v, abs(_SIN[out]) * v + 10.0,
                                0.0, float(rng.randrange(-6, 7))])

    def _move_debris(self) -> None:
        for p in self.debris:
            if p[7] == 0.0 and p[4] == 0.0 and p[5] == 0.0:
                continue                      # come to rest
            p[5] -= GRAVITY * 4 * DT
            p[0] += p[4] * DT
            p[1] += p[5] * DT
            p[6] += p[7]
            ground = self.terrain.height(p[0])
            if p[1] - abs(p[3]) <= ground:
                p[1] = ground + abs(p[3])
                p[4] = p[5] = p[7] = 0.0

    def _landed(self, result: str, points: int, pad: tuple[float, float, float, int]) -> None:
        self.result = result
        self.points = points * pad[3]
        self.score += self.points
        self.phase = "landed"
        self.thrust = 0.0
        self.y = pad[2] - FOOT_Y
        self.vx = self.vy = 0.0
        self.attitude = 0.0

    def _move_particles(self) -> None:
        keep = []
        for p in self.particles:
            p[4] -= 1
            if p[4] > 0:
                p[3] -= GRAVITY * 4 * DT
                p[0] += p[2] * DT
                p[1] += p[3] * DT
                if p[1] > self.terrain.height(p[0]):
                    keep.append(p)
        self.particles = keep

    def _game_over(self) -> None:
        self.mode = "game_over"
        self.phase = "game_over"
        self.timer = GAME_OVER_TICKS

    def loops(self) -> dict[str, float]:
        """The thrust roar, at the original's 3-bit volume steps [arcade.md 2.5]."""
        if self.mode == "play" and self.phase == "descent" and self.thrust > 0.0:
            return {"thrust": math.ceil(self.thrust * 7) / 7}
        return {}

    # ---------------------------------------------------------------- state
    def state(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "phase": self.phase,
            "score": self.score,
            "lives": 1 if self.mode == "play" else 0,
            "level": self.level,
            "mission": MISSION_NAMES[self.mission],
            "round": self.round,
            "fuel": round(self.fuel, 3),
            "altitude": round(self.altitude(), 3),
            "x": round(self.x, 3),
            "y": round(self.y, 3),
            "vx": round(self.vx, 4),
            "vy": round(self.vy, 4),
            "attitude": round(self.attitude, 3),
            "lever": round(self.lever, 4),
            "thrust": round(self.thrust, 4),
            "zoom": ZOOM if self.zoomed else 1.0,
            "result": self.result,
            "points": self.points,
            "multiplier": self.multiplier,
            "message": self.message,
            "debris": len(self.debris),
            "time": self.play_ticks // SECOND,
            "tick": self.tick,
        }

    # ------------------------------------------------------------- drawing
    def render(self, dl: DisplayList) -> None:
        dl.clear()
        dl.set_palette(self.palette)
        k = ZOOM if self.zoomed else 1.0
        cx, cy = self.cam_x, self.cam_y
        wx0, wy0 = WINDOW[0], WINDOW[1]

        def sx(x: float) -> float:
            # Nearest copy of a wrapped x to the camera.
            dx = (x - cx) % TERRAIN_WIDTH
            if dx > TERRAIN_WIDTH - 256.0:
                dx -= TERRAIN_WIDTH
            return wx0 + dx * k

        def sy(y: float) -> float:
            return wy0 + (y - cy) * k

        self._draw_terrain(dl, k)
        if self.lander_alive and self.mode != "attract":
            self._draw_lander(dl, sx(self.x), sy(self.y), k)
        for p in self.particles:
            dl.dot(sx(p[0]), sy(p[1]), min(1.0, 0.3 + p[4] / SECOND))
        for p in self.debris:
            a = _index(p[6])
            c, s = _COS[a], _SIN[a]
            hx, hy = (p[2] * c - p[3] * s) * k, (p[2] * s + p[3] * c) * k
            x, y = sx(p[0]), sy(p[1])
            _clip_line(dl, x - hx, y - hy, x + hx, y + hy, 0.9)
        self._draw_hud(dl)

    def _draw_terrain(self, dl: DisplayList, k: float) -> None:
        t = self.terrain
        xs, ys = t.xs, t.ys
        wx0, wy0, wx1, wy1 = WINDOW
        cx, cy = self.cam_x, self.cam_y
        # Walk the vertices from the one left of the view, round the period.
        local = t._local(cx)
        shift = cx - local                  # world x of terrain coordinates
        m = len(xs) - 1                     # the last vertex repeats the first
        j = max(0, bisect.bisect_right(xs, local) - 1)
        px = wx0 + (xs[j] + shift - cx) * k
        py = wy0 + (ys[j] - cy) * k
        while px <= wx1:
            j += 1
            x = xs[j % m] + (j // m) * TERRAIN_WIDTH + shift
            qx = wx0 + (x - cx) * k
            qy = wy0 + (ys[j % m] - cy) * k
            _clip_line(dl, px, py, qx, qy, 0.75)
            px, py = qx, qy
        # Pads: brighter, with their multiplier below.
        size = 12.0 * k
        for x0, x1, y, m in t.pads:
            for period in (-TERRAIN_WIDTH, 0.0, TERRAIN_WIDTH):
                ax = wx0 + (x0 + shift + period - cx) * k
                bx = wx0 + (x1 + shift + period - cx) * k
                if bx < wx0 or ax > wx1:
                    continue
                py0 = wy0 + (y - cy) * k
                if wy0 <= py0 <= wy1:
                    _clip_line(dl, ax, py0, bx, py0, 1.0)
                    if py0 - size - 6 >= wy0 and (self.mode != "play" or self.tick % 40 < 30):
                        dl.text(f"{m}X", (ax + bx) / 2, py0 - size - 6, size, 0.9, align="center")

    def _draw_lander(self, dl: DisplayList, x: float, y: float, k: float) -> None:
        d = _index(self.attitude)
        dl.push()
        dl.translate(x, y)
        dl.rotate_cs(_COS[d] * k, _SIN[d] * k)
        for stroke in LANDER_STROKES:
            dl.polyline(stroke, 1.0)
        if self.thrust > 0.0 and self.phase == "descent":
            # The flame grows with the lever and flickers.
            length = 8.0 + 26.0 * self.thrust * (0.8 if self.tick % 3 == 0 else 1.0)
            dl.polyline(((-3.0, -8.0), (0.0, -8.0 - length), (3.0, -8.0)), 0.7)
        dl.pop()

    def _draw_hud(self, dl: DisplayList) -> None:
        top = WINDOW[3]
        size = 16.0
        if self.mode == "attract":
            dl.text("LUNAR LANDER", 512, top - 120, 40, 1.0, align="center")
            y = top - 200
            for i, name in enumerate(MISSION_NAMES):
                selected = i == self.mission
                label = f"{name.upper()} MISSION"
                dl.text(label, 512, y, 20, 1.0 if selected else 0.45, align="center")
                if selected:
                    w = len(label) * 10 + 30
                    dl.rect(512 - w, y - 10, 512 + w, y + 30, 0.8)
                y -= 46
            if (self.tick // 25) % 2 == 0:
                dl.text("PUSH START", 512, y - 20, 26, 1.0, align="center")
            dl.text("LEFT OR RIGHT SELECTS A MISSION", 512, y - 70, 14, 0.6, align="center")
            return
        secs = self.play_ticks // SECOND
        left = (f"SCORE {self.score:4d}", f"TIME {secs // 60:2d}:{secs % 60:02d}",
                f"FUEL {int(math.ceil(self.fuel)):4d}")
        y = top - 36
        for i, line in enumerate(left):
            dim = i == 2 and self.fuel < LOW_FUEL and self.tick % 20 < 10
            dl.text(line, 40, y, size, 0.4 if dim else 1.0)
            y -= 30
        right = (("ALTITUDE", f"{max(0, int(self.altitude())):4d}", None),
                 ("HORIZONTAL SPEED", f"{int(abs(self.vx)):4d}", 0 if self.vx >= 0 else 128),
                 ("VERTICAL SPEED", f"{int(abs(self.vy)):4d}", 64 if self.vy >= 0 else 192))
        y = top - 36
        for label, value, arrow in right:
            dl.text(label, 820, y, size, 1.0, align="right")
            dl.text(value, 920, y, size, 1.0, align="right")
            if arrow is not None and int(abs(self.vx if arrow in (0, 128) else self.vy)) > 0:
                _arrow(dl, 950, y + size / 2, arrow, 14.0)
            y -= 30
        msg = None
        if self.mode == "game_over":
            msg = ("GAME OVER", f"FINAL SCORE {self.score}")
        elif self.phase == "landed":
            msg = ("GOOD LANDING" if self.result == "good" else "HARD LANDING",
                   f"{self.points} POINTS" + (f"  FUEL +{GOOD_LANDING_FUEL}"
                                               if self.result == "good" else ""))
        elif self.phase == "crashed":
            msg = (self.message or "", f"{self.points} POINTS")
        elif self.fuel <= 0.0:
            msg = ("OUT OF FUEL", "")
        elif self.fuel < LOW_FUEL and self.tick % 40 < 28:
            msg = ("FUEL LOW", "")
        if msg:
            size = 26.0 if len(msg[0]) <= 24 else 20.0
            dl.text(msg[0], 512, MESSAGE_Y, size, 1.0, align="center")
            if msg[1]:
                dl.text(msg[1], 512, MESSAGE_Y - 40, 18, 0.9, align="center")
        # The lever position, as a gauge at the right edge.
        gx, g0, g1 = 1000.0, top - 330, top - 130
        dl.line(gx, g0, gx, g1, 0.4)
        ly = g0 + (g1 - g0) * self.lever
        dl.line(gx - 12, ly, gx, ly, 1.0)

    # ------------------------------------------------------------ benchmark
    @classmethod
    def bench_scene(cls, seed: int = 1) -> "LunarLander":
        """The busiest scene: the command mission's rough terrain in the
        close-up, thrusting, low on fuel (warnings on)."""
        game = cls(settings={"mission": "command"}, seed=seed)
        game.start_game()
        game.fuel = LOW_FUEL - 10.0
        game.y = game.terrain.height(game.x) - FOOT_Y + ZOOM_IN_ALTITUDE - 10
        game.vy = 0.0
        game.lever = 0.36
        game._camera()
        return game


def _arrow(dl: DisplayList, x: float, y: float, direction: int, size: float) -> None:
    """A small arrow centred at (x, y) pointing along ``direction`` (256ths)."""
    c, s = _COS[direction], _SIN[direction]
    h = size / 2
    tip = (x + c * h, y + s * h)
    dl.line(x - c * h, y - s * h, tip[0], tip[1], 1.0)
    for side in (1, -1):
        bx = -0.5 * size * 0.6
        by = side * 0.35 * size
        dl.line(tip[0], tip[1], tip[0] + bx * c - by * s, tip[1] + bx * s + by * c, 1.0)


def _clip_line(dl: DisplayList, x0: float, y0: float, x1: float, y1: float,
               intensity: float) -> None:
    """Draw the part of a segment inside the window (Liang-Barsky)."""
    wx0, wy0, wx1, wy1 = WINDOW
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - wx0), (dx, wx1 - x0), (-dy, y0 - wy0), (dy, wy1 - y0)):
        if p == 0.0:
            if q < 0.0:
                return
        else:
            r = q / p
            if p < 0.0:
                if r > t1:
                    return
                if r > t0:
                    t0 = r
            else:
                if r < t0:
                    return
                if r < t1:
                    t1 = r
    dl.line(x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy, intensity)
