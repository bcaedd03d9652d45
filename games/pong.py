"""Pong (Atari, 1972), drawn as vectors.

The original is TTL logic on a raster TV (../shared/reference/arcade.md
2.4); this is a vector stylisation that keeps its rules: each paddle is
split into 8 segments that set the return angle, the ball speeds up during
a rally and resets after a point, the paddles cannot quite reach the top of
the court (Alcorn's kept defect), a dashed net, score digits at the top,
first to 11 wins, a serve after each point, hit/wall/score sounds, and an
attract mode with the ball bouncing around the empty court until Start.

Controls: player 1 (left) ``up``/``down``; player 2 (right) ``p2_up``/
``p2_down`` (alone against the computer, either pair moves your paddle).  In attract mode ``start`` begins a one-player game against
the computer, ``p2_start`` a two-player game.
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

# --- Paddles.  8 segments per paddle [arcade.md 2.4].
SEGMENTS = 8
SEGMENT_H = 10.0
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

# --- The computer player: slower than the ball's steepest climb and aimed
# with an error, so it can be beaten by angled returns at high speed.
CPU_SPEED = 6.0
CPU_ERROR = 30.0              # largest aiming error, units
CPU_REACT_X = 600.0           # starts tracking once the ball is past this x

GAME_OVER_TICKS = 300         # "game over" shows this long before attract
ATTRACT_VX = 6.0
ATTRACT_VY = 4.0

NET_DASH = 20.0
SCORE_SIZE = 64.0
SCORE_RETRACE = (0.0, 3.0, 6.0)  # horizontal offsets of the bold score strokes


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
    controls_used = ("up", "down", "start", "p2_up", "p2_down", "p2_start")
    default_settings = {"players": 1, "points_to_win": POINTS_TO_WIN}
    help = ("Start: 1 player (vs computer), 2: two players. "
            "Left paddle W/S or Up/Down; right paddle (2 players) Up/Down.")
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
        if self.players not in (1, 2):
            raise ValueError(f"pong: players must be 1 or 2, not {self.players!r}")
        if not isinstance(self.points_to_win, int) or not 1 <= self.points_to_win <= 99:
            raise ValueError(f"pong: points_to_win must be a whole number 1-99, not {self.points_to_win!r}")
        self.scores = [0, 0]
        self.winner: int | None = None
        self.paddle_y = [(COURT_TOP + COURT_BOTTOM) / 2] * 2
        self.hits = 0
        self.serve_timer = 0
        self.over_timer = 0
        self.cpu_error = 0.0
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
        """The computer's paddle velocity this tick: it follows the ball
        only while the ball comes its way and is past CPU_REACT_X, aims with
        this rally's error, and moves at most CPU_SPEED."""
        if self.serving or self.vx <= 0 or self.ball_x < CPU_REACT_X:
            target = (COURT_TOP + COURT_BOTTOM) / 2
        else:
            target = self.ball_y + self.cpu_error
        delta = target - self.paddle_y[1]
        return max(-CPU_SPEED, min(CPU_SPEED, delta))

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
        self.cpu_error = self.rng.uniform(-CPU_ERROR, CPU_ERROR)

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
        self.cpu_error = self.rng.uniform(-CPU_ERROR, CPU_ERROR)
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
        # Scores: Pong's digits were fat blocks; a vector display makes a
        # bold stroke by retracing it beside itself.
        for dx in SCORE_RETRACE:
            dl.text(str(self.scores[0]), NET_X - 96 + dx, COURT_TOP - SCORE_SIZE - 28, SCORE_SIZE,
                    0.9, align="right")
            dl.text(str(self.scores[1]), NET_X + 96 + dx, COURT_TOP - SCORE_SIZE - 28, SCORE_SIZE,
                    0.9, align="left")
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
