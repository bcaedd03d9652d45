"""Pong (Atari, 1972), drawn as vectors.

The original is TTL logic on a raster TV (../shared/reference/arcade.md
2.4); this is a vector stylisation that keeps its rules: each paddle is
split into 8 segments that set the return angle, the ball speeds up during
a rally and resets after a point, the paddles cannot quite reach the top of
the court (Alcorn's kept defect), a dashed net, score digits at the top,
first to 11 wins, a serve after each point, hit/wall/score sounds, and an
attract mode with the ball bouncing around the empty court until Start.

Controls: the original's paddles were knobs, so the analog ``paddle``
(0 bottom to 1 top of the paddle's travel) *is* the left paddle's
position, and ``p2_paddle`` the right one's; the page feeds them from the
mouse or touch over the court and from a gamepad axis.  A knob counts when
its value changes; keys move a paddle at a speed in between: player 1
(left) ``up``/``down``, player 2 (right) ``p2_up``/``p2_down`` (alone
against the computer, either pair, and either knob, moves your paddle).
In attract mode ``start`` begins a one-player game against the computer,
``p2_start`` a two-player game.
"""

from __future__ import annotations

from typing import Any, Mapping

from machines.vector.displaylist import DisplayList

from .base import Game
from .sound import Tone

# --- The court, in display units (a 4:3 window of the 1024 x 1024 space).
WINDOW = (0.0, 128.0, 1024.0, 896.0)
COURT_BOTTOM = 160.0
COURT_TOP = 864.0
COURT_LEFT = 0.0
COURT_RIGHT = 1024.0
NET_X = 512.0

# --- Paddles.  8 segments per paddle [arcade.md 2.4]; a paddle about 4.8
# balls tall, 58 units, as the original's paddle against its ball [I:
# measured from screenshots of the 1972 cabinet, not from the circuit].
SEGMENTS = 8
SEGMENT_H = 7.25
PADDLE_H = SEGMENTS * SEGMENT_H
PADDLE_W = 12.0
LEFT_PADDLE_X = 64.0          # inner face is at x + PADDLE_W
RIGHT_PADDLE_X = 1024.0 - 64.0 - PADDLE_W
PADDLE_SPEED = 11.0           # units per tick for a held key
# The paddle cannot reach the very top of the court: its top edge stops
# this far below the top wall [arcade.md 2.4: a defect Alcorn kept].
TOP_GAP = 30.0

# --- Ball.
BALL = 12.0                   # side of the square ball
# Horizontal speed by rally level, units per tick.  The originals sped up
# after 4 and after 12 hits [arcade.md 2.4, quoted thresholds, unverified].
SPEED_STEPS = (4, 12)
BALL_VX = (7.0, 9.0, 11.0)
# Vertical speed per paddle segment, top segment first (y up).  The two
# centre segments return the ball at 90 degrees to the paddle; outer
# segments at progressively shallower angles [arcade.md 2.4].
SEGMENT_VY = (7.5, 5.0, 2.5, 0.0, 0.0, -2.5, -5.0, -7.5)
SERVE_DELAY = 60              # ticks between a point and the next serve
POINTS_TO_WIN = 11            # [arcade.md 2.4]

# --- The computer player [I: ours; the original had none].  It moves as
# fast as the ball's steepest climb, so it is never simply outrun, and is
# handicapped like a person: it notices a ball coming only after a
# reaction time, and places its paddle with an aiming error drawn afresh
# for each return.  It plans where the ball will meet it (wall bounces
# included) and which paddle segment to strike it with: the return that
# reaches the player farthest from their paddle, or above the highest
# point a paddle can reach; otherwise it strikes with a centre segment.
# Per difficulty: reaction (ticks), the aiming error's half-width (units),
# and the chance it picks its return angle.  "normal" was tuned against a
# scripted average player (reacts after 15 ticks, misjudges the arrival by
# up to 36 units, moves with the keys) to win about half the games.
CPU_SPEED = max(abs(v) for v in SEGMENT_VY)
DIFFICULTY = {
    "easy": (24, 38.0, 0.0),
    "normal": (20, 34.0, 0.25),
    "hard": (14, 24.0, 0.6),
}

GAME_OVER_TICKS = 300         # "game over" shows this long before attract
ATTRACT_VX = 6.0
ATTRACT_VY = 4.0

NET_DASH = 20.0
# Score digits as the original's: blocks lit in seven segments (its
# digits came from a TTL segment decoder; a 1 is a single bar on the right
# and there is no slashed zero) [I: read from screenshots of the cabinet].
SCORE_SIZE = 64.0             # digit height
SCORE_W = 44.0                # digit width
SCORE_BAR = 11.0              # segment thickness
SCORE_STROKES = 5             # parallel strokes that fill a segment
DIGIT_SEGMENTS = ("abcdef", "bc", "abged", "abcdg", "bcfg", "acdfg", "acdefg", "abc",
                  "abcdefg", "abcdfg")


class Pong(Game):
    """Two paddles, one ball.  ``state()`` gives ``mode`` (attract, play,
    game_over), ``score`` (left player's points), ``scores`` [left, right],
    ``lives`` (0: Pong has none), ``level`` (the rally speed level 0-2),
    ``hits`` in the rally, ``ball`` [x, y], ``velocity`` [vx, vy], ``paddles``
    [left_y, right_y] (paddle centres), ``players`` and ``winner``."""

    name = "pong"
    title = "Pong"
    refresh_hz = 60.0
    window = WINDOW
    controls_used = ("up", "down", "start", "p2_up", "p2_down", "p2_start",
                     "paddle", "p2_paddle")
    default_settings = {"players": 1, "points_to_win": POINTS_TO_WIN, "difficulty": "normal"}
    setting_choices = {"players": (1, 2), "difficulty": tuple(DIFFICULTY)}
    help = ("Start: 1 player (vs computer), 2: two players. The paddle follows the mouse "
            "or your finger over the court, as the original's knob; W/S or Up/Down move it too.")
    key_legend = (("Mouse / touch", "paddle (the knob)"), ("W S", "left paddle"),
                  ("↑ ↓", "right paddle, or yours alone"), ("Enter / 1", "one player"),
                  ("2", "two players"))
    # Paddle travel in display units (the centre's lowest and highest
    # position): the page maps a pointer's height onto ``paddle`` 0..1 with it.
    paddle_travel = (COURT_BOTTOM + PADDLE_H / 2, COURT_TOP - TOP_GAP - PADDLE_H / 2)
    # Pong's tones came from its sync generator [arcade.md 2.4].
    SOUNDS = {
        "hit": (Tone("square", 491.0, 35.0, 0.45),),
        "wall": (Tone("square", 246.0, 18.0, 0.45),),
        "score": (Tone("square", 246.0, 240.0, 0.45),),
    }

    # ------------------------------------------------------------- set-up
    def reset(self, seed: int = 0) -> None:
        self.rng.seed(seed)
        self.tick = 0
        self.mode = "attract"
        self.players = self.settings["players"]
        self.points_to_win = self.settings["points_to_win"]
        if not isinstance(self.points_to_win, int) or not 1 <= self.points_to_win <= 99:
            raise ValueError(f"pong: points_to_win must be a whole number 1-99, not {self.points_to_win!r}")
        self.cpu_reaction, self.cpu_error_max, self.cpu_picks = DIFFICULTY[self.settings["difficulty"]]
        self.knob = [0.0, 0.0]        # last knob values seen (a change moves the paddle)
        self.cpu_seen = 0             # ticks the ball has been coming to the computer
        self.cpu_target: float | None = None
        self.scores = [0, 0]
        self.winner: int | None = None
        self.paddle_y = [(COURT_TOP + COURT_BOTTOM) / 2] * 2
        self.hits = 0
        self.serve_timer = 0
        self.over_timer = 0
        self.ball_x = NET_X
        self.ball_y = (COURT_TOP + COURT_BOTTOM) / 2
        self.vx = ATTRACT_VX
        self.vy = ATTRACT_VY
        self.serving = False
        self.last_segment: int | None = None

    def start_game(self, players: int) -> None:
        """Start a game: scores 0-0, serve toward a random side."""
        self.players = players
        self.mode = "play"
        self.scores = [0, 0]
        self.winner = None
        self.paddle_y = [(COURT_TOP + COURT_BOTTOM) / 2] * 2
        self._prepare_serve(toward=self.rng.choice((0, 1)))

    @property
    def level(self) -> int:
        return sum(1 for h in SPEED_STEPS if self.hits >= h)

    # ---------------------------------------------------------------- tick
    def step(self, controls: Mapping[str, Any]) -> None:
        self.sound_events.clear()
        self.tick += 1
        if self.mode == "attract":
            if controls.get("p2_start"):
                self.start_game(2)
            elif controls.get("start"):
                self.start_game(1)
            else:
                self._move_ball(attract=True)
            return
        if self.mode == "game_over":
            self.over_timer -= 1
            self._move_ball(attract=True)
            if controls.get("p2_start"):
                self.start_game(2)
            elif controls.get("start") and self.over_timer < GAME_OVER_TICKS - 30:
                self.start_game(1)
            elif self.over_timer <= 0:
                self.mode = "attract"
            return
        self._move_paddles(controls)
        if self.serving:
            self.serve_timer -= 1
            if self.serve_timer <= 0:
                self.serving = False
            return
        self._move_ball(attract=False)

    def _move_paddles(self, controls: Mapping[str, Any]) -> None:
        lo, hi = self.paddle_travel
        for side, name in ((0, "paddle"), (1, "p2_paddle")):
            v = controls.get(name)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v != self.knob[side]:
                self.knob[side] = v
                # Alone, either knob is yours, as either set of keys.
                who = 0 if self.players == 1 else side
                self.paddle_y[who] = lo + (hi - lo) * min(1.0, max(0.0, float(v)))
        up, down = controls.get("up"), controls.get("down")
        if self.players == 1:  # alone, either set of keys moves your paddle
            up, down = up or controls.get("p2_up"), down or controls.get("p2_down")
        d0 = (1 if up else 0) - (1 if down else 0)
        self.paddle_y[0] = self._clamp_paddle(self.paddle_y[0] + d0 * PADDLE_SPEED)
        if self.players == 2:
            d1 = (1 if controls.get("p2_up") else 0) - (1 if controls.get("p2_down") else 0)
            self.paddle_y[1] = self._clamp_paddle(self.paddle_y[1] + d1 * PADDLE_SPEED)
        else:
            self.paddle_y[1] = self._clamp_paddle(self.paddle_y[1] + self._cpu_move())

    @staticmethod
    def _clamp_paddle(y: float) -> float:
        lo = COURT_BOTTOM + PADDLE_H / 2
        hi = COURT_TOP - TOP_GAP - PADDLE_H / 2
        return lo if y < lo else hi if y > hi else y

    def _cpu_move(self) -> float:
        """The computer's paddle velocity this tick (at most CPU_SPEED): back
        towards the middle while the ball goes away; once the ball has been
        coming for the reaction time, to the planned meeting point."""
        if self.serving or self.vx <= 0:
            self.cpu_seen = 0
            self.cpu_target = None
            target = (COURT_TOP + COURT_BOTTOM) / 2
        else:
            self.cpu_seen += 1
            if self.cpu_seen < self.cpu_reaction:
                return 0.0
            if self.cpu_target is None:
                self.cpu_target = self._cpu_plan()
            target = self.cpu_target
        delta = target - self.paddle_y[1]
        return max(-CPU_SPEED, min(CPU_SPEED, delta))

    @staticmethod
    def _fold(y: float) -> float:
        """A ball height after any number of wall bounces (bottom edge, units)."""
        lo, span = COURT_BOTTOM, COURT_TOP - BALL - COURT_BOTTOM
        p = (y - lo) % (2 * span)
        return lo + (p if p <= span else 2 * span - p)

    def _cpu_plan(self) -> float:
        """Where the computer wants its paddle centre when the ball arrives:
        the meeting height, plus the offset of the segment it means to
        strike with, plus this return's aiming error."""
        ticks = (RIGHT_PADDLE_X - BALL - self.ball_x) / self.vx
        meet = self._fold(self.ball_y + self.vy * ticks)
        centre = meet + BALL / 2
        best, best_value = (3 if self.rng.random() < 0.5 else 4), -1.0
        # Only segments whose strike survives the aiming error.
        safe = PADDLE_H / 2 + BALL / 2 - self.cpu_error_max
        if self.rng.random() < self.cpu_picks:
            level = sum(1 for h in SPEED_STEPS if self.hits + 1 >= h)
            back = (RIGHT_PADDLE_X - BALL - LEFT_PADDLE_X - PADDLE_W) / BALL_VX[level]
            reach = COURT_TOP - TOP_GAP           # no paddle top gets higher
            for seg in range(SEGMENTS):
                offset = (seg + 0.5) * SEGMENT_H - PADDLE_H / 2
                target = centre + offset
                if abs(offset) > safe or abs(target - self.paddle_y[1]) > CPU_SPEED * ticks:
                    continue                     # cannot get there in time
                arrive = self._fold(meet + SEGMENT_VY[seg] * back)
                value = 1000.0 if arrive > reach else abs(arrive + BALL / 2 - self.paddle_y[0])
                if value > best_value:
                    best, best_value = seg, value
        error = self.rng.uniform(-self.cpu_error_max, self.cpu_error_max)
        return centre - PADDLE_H / 2 + (best + 0.5) * SEGMENT_H + error

    def _prepare_serve(self, toward: int) -> None:
        """Put the ball at the net; after SERVE_DELAY it moves toward player
        ``toward`` (0 left, 1 right) at rally speed 0 with a random angle."""
        self.hits = 0
        self.serving = True
        self.serve_timer = SERVE_DELAY
        self.ball_x = NET_X - BALL / 2
        self.ball_y = self.rng.uniform(COURT_BOTTOM + 120, COURT_TOP - 120)
        self.vx = BALL_VX[0] * (-1 if toward == 0 else 1)
        self.vy = self.rng.choice((-5.0, -2.5, 2.5, 5.0))
        self.cpu_target = None

    def _move_ball(self, attract: bool) -> None:
        x0, y0 = self.ball_x, self.ball_y
        x1, y1 = x0 + self.vx, y0 + self.vy
        # Top and bottom walls reflect.
        if y1 + BALL > COURT_TOP:
            y1 = 2 * (COURT_TOP - BALL) - y1
            self.vy = -abs(self.vy)
            if not attract:
                self.sound_events.append("wall")
        elif y1 < COURT_BOTTOM:
            y1 = 2 * COURT_BOTTOM - y1
            self.vy = abs(self.vy)
            if not attract:
                self.sound_events.append("wall")
        if attract:
            if x1 + BALL > COURT_RIGHT or x1 < COURT_LEFT:
                self.vx = -self.vx
                x1 = x0 + self.vx
            self.ball_x, self.ball_y = x1, y1
            return
        # Paddles: a swept test of the ball's leading edge against the face.
        if self.vx < 0:
            face = LEFT_PADDLE_X + PADDLE_W
            if x0 >= face > x1:
                t = (x0 - face) / (x0 - x1)
                if self._hit(0, y0 + (y1 - y0) * t):
                    x1 = face + (face - x1)
        else:
            face = RIGHT_PADDLE_X
            if x0 + BALL <= face < x1 + BALL:
                t = (face - (x0 + BALL)) / (x1 - x0)
                if self._hit(1, y0 + (y1 - y0) * t):
                    x1 = face - BALL - (x1 + BALL - face)
        self.ball_x, self.ball_y = x1, y1
        # A miss: the ball leaves the court; the other player scores.
        if x1 + BALL < COURT_LEFT:
            self._point(1)
        elif x1 > COURT_RIGHT:
            self._point(0)

    def _hit(self, side: int, ball_y: float) -> bool:
        """Does the ball at height ``ball_y`` meet paddle ``side``?  On a
        hit, set the return velocity from the segment struck and count it."""
        top = self.paddle_y[side] + PADDLE_H / 2
        if ball_y > top or ball_y + BALL < top - PADDLE_H:
            return False
        centre = ball_y + BALL / 2
        segment = int((top - centre) // SEGMENT_H)
        segment = 0 if segment < 0 else SEGMENTS - 1 if segment >= SEGMENTS else segment
        self.hits += 1
        speed = BALL_VX[self.level]
        self.vx = speed if side == 0 else -speed
        self.vy = SEGMENT_VY[segment]
        self.last_segment = segment
        self.cpu_target = None
        self.sound_events.append("hit")
        return True

    def _point(self, scorer: int) -> None:
        self.scores[scorer] += 1
        self.sound_events.append("score")
        if self.scores[scorer] >= self.points_to_win:
            self.winner = scorer
            self.mode = "game_over"
            self.over_timer = GAME_OVER_TICKS
            self.hits = 0
            self.vx, self.vy = ATTRACT_VX, ATTRACT_VY
            self.ball_x, self.ball_y = NET_X, (COURT_TOP + COURT_BOTTOM) / 2
            return
        self._prepare_serve(toward=1 - scorer)

    # -------------------------------------------------------------- drawing
    def render(self, dl: DisplayList) -> None:
        dl.clear()
        dl.set_palette(self.palette)
        # Walls, top and bottom.
        dl.line(COURT_LEFT, COURT_TOP, COURT_RIGHT, COURT_TOP, 0.55)
        dl.line(COURT_LEFT, COURT_BOTTOM, COURT_RIGHT, COURT_BOTTOM, 0.55)
        # Dashed net.
        y = COURT_BOTTOM + NET_DASH / 2
        while y < COURT_TOP:
            dl.line(NET_X, y, NET_X, min(y + NET_DASH, COURT_TOP), 0.6)
            y += 2 * NET_DASH
        # Scores in block digits, left player's right-aligned left of the net.
        y = COURT_TOP - SCORE_SIZE - 28
        left = str(self.scores[0])
        x = NET_X - 96 - len(left) * (SCORE_W + SCORE_BAR * 2) + SCORE_BAR * 2
        for ch in left:
            self._draw_digit(dl, int(ch), x, y)
            x += SCORE_W + SCORE_BAR * 2
        x = NET_X + 96
        for ch in str(self.scores[1]):
            self._draw_digit(dl, int(ch), x, y)
            x += SCORE_W + SCORE_BAR * 2
        if self.mode != "attract":
            for side, x in ((0, LEFT_PADDLE_X), (1, RIGHT_PADDLE_X)):
                yc = self.paddle_y[side]
                y0, y1 = yc - PADDLE_H / 2, yc + PADDLE_H / 2
                for i in range(4):  # a solid bar from parallel strokes
                    xi = x + i * PADDLE_W / 3
                    dl.line(xi, y0, xi, y1, 1.0)
        if not (self.mode == "play" and self.serving and self.serve_timer % 20 >= 10):
            bx, by = self.ball_x, self.ball_y
            for i in range(4):
                yi = by + i * BALL / 3
                dl.line(bx, yi, bx + BALL, yi, 1.0)
        if self.mode == "attract":
            dl.text("AVOID MISSING BALL FOR HIGH SCORE", NET_X, 300, 22, 0.8, align="center")
            if (self.tick // 40) % 2 == 0:
                dl.text("PUSH START", NET_X, 240, 28, 1.0, align="center")
        elif self.mode == "game_over":
            who = "LEFT" if self.winner == 0 else "RIGHT"
            if self.players == 1:
                who = "PLAYER" if self.winner == 0 else "COMPUTER"
            dl.text(f"{who} WINS", NET_X, 560, 40, 1.0, align="center")
            dl.text("GAME OVER", NET_X, 480, 28, 0.8, align="center")

    @staticmethod
    def _draw_digit(dl: DisplayList, digit: int, x: float, y: float) -> None:
        """One block digit, SCORE_W x SCORE_SIZE with its bottom-left at (x, y):
        each lit segment a bar filled with parallel strokes."""
        w, h, t = SCORE_W, SCORE_SIZE, SCORE_BAR
        mid = y + (h - t) / 2
        bars = {  # x0, y0, x1, y1 of each bar (a = top, then clockwise, g = middle)
            "a": (x, y + h - t, x + w, y + h), "b": (x + w - t, mid, x + w, y + h),
            "c": (x + w - t, y, x + w, mid + t), "d": (x, y, x + w, y + t),
            "e": (x, y, x + t, mid + t), "f": (x, mid, x + t, y + h), "g": (x, mid, x + w, mid + t),
        }
        n = SCORE_STROKES
        for seg in DIGIT_SEGMENTS[digit]:
            x0, y0, x1, y1 = bars[seg]
            if x1 - x0 >= y1 - y0:          # a horizontal bar: horizontal strokes
                for i in range(n):
                    yy = y0 + 0.5 + (y1 - y0 - 1) * i / (n - 1)
                    dl.line(x0, yy, x1, yy, 0.9)
            else:
                for i in range(n):
                    xx = x0 + 0.5 + (x1 - x0 - 1) * i / (n - 1)
                    dl.line(xx, y0, xx, y1, 0.9)

    # ---------------------------------------------------------------- state
    def state(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "score": self.scores[0],
            "scores": list(self.scores),
            "lives": 0,
            "level": self.level,
            "hits": self.hits,
            "players": self.players,
            "winner": self.winner,
            "serving": self.serving,
            "ball": [round(self.ball_x, 3), round(self.ball_y, 3)],
            "velocity": [self.vx, self.vy],
            "paddles": [round(self.paddle_y[0], 3), round(self.paddle_y[1], 3)],
            "tick": self.tick,
        }
