"""Pong's rules as a player sees them (arcade.md 2.4), driven by scripted inputs."""

import pytest

from games import pong as P
from games.controls import normalise
from games.pong import Pong
from machines.vector.displaylist import DisplayList

IDLE = normalise({})


def started(players=1, seed=3):
    g = Pong(seed=seed)
    g.step(normalise({"start": True} if players == 1 else {"p2_start": True}))
    assert g.mode == "play"
    return g


def run_until(g, predicate, controls=IDLE, limit=2000):
    for _ in range(limit):
        g.step(controls)
        if predicate(g):
            return
    raise AssertionError("condition not reached")


def aim_at_left_paddle(g, offset, vx=-7.0):
    """Ball just right of the left paddle, level with ``offset`` above its centre."""
    g.serving = False
    g.paddle_y[0] = 500.0
    g.ball_x = P.LEFT_PADDLE_X + P.PADDLE_W + 3
    g.ball_y = 500.0 + offset - P.BALL / 2
    g.vx, g.vy = vx, 0.0


def test_attract_ball_bounces_inside_court_until_start():
    g = Pong(seed=1)
    for _ in range(2000):
        g.step(IDLE)
        x, y = g.state()["ball"]
        assert P.COURT_LEFT - 1 <= x <= P.COURT_RIGHT and P.COURT_BOTTOM - 1 <= y <= P.COURT_TOP
    assert g.state()["mode"] == "attract" and g.state()["scores"] == [0, 0]
    g.step(normalise({"start": True}))
    assert g.state()["mode"] == "play" and g.state()["players"] == 1


@pytest.mark.parametrize("segment", range(8))
def test_each_paddle_segment_sets_its_return_angle(segment):
    g = started()
    top_offset = P.PADDLE_H / 2 - (segment + 0.5) * P.SEGMENT_H
    aim_at_left_paddle(g, top_offset)
    run_until(g, lambda g: g.hits == 1, limit=5)
    assert g.vx > 0
    assert g.vy == P.SEGMENT_VY[segment]
    assert "hit" in g.sound_events


def test_centre_segments_return_perpendicular_outer_ones_steeper():
    vys = P.SEGMENT_VY
    assert vys[3] == vys[4] == 0.0
    assert abs(vys[0]) > abs(vys[1]) > abs(vys[2]) > 0
    assert vys[0] > 0 > vys[7]  # top of the paddle sends the ball up (y up)


def test_ball_speeds_up_during_rally_and_resets_after_point():
    g = started()
    speeds = []
    for hit in range(1, 14):
        aim_at_left_paddle(g, 0.0, vx=-abs(g.vx) if g.vx else -7.0)
        g.hits = hit - 1
        run_until(g, lambda g, h=hit: g.hits == h, limit=5)
        speeds.append(abs(g.vx))
    assert speeds[0] == P.BALL_VX[0]
    assert speeds[3] == P.BALL_VX[1]   # the 4th hit
    assert speeds[11] == P.BALL_VX[2]  # the 12th hit
    assert speeds[2] < speeds[3] < speeds[11]
    # A miss resets the rally.
    g.ball_x, g.vx, g.vy = 100.0, -11.0, 0.0
    g.ball_y = P.COURT_BOTTOM + 5
    g.paddle_y[0] = P.COURT_TOP - 200
    run_until(g, lambda g: sum(g.scores) == 1, limit=50)
    assert g.hits == 0 and g.level == 0 and abs(g.vx) == P.BALL_VX[0]


def test_missed_ball_scores_for_the_other_player_and_serves_toward_loser():
    g = started()
    g.serving = False
    g.paddle_y[0] = P.COURT_TOP - 200
    g.ball_x, g.ball_y, g.vx, g.vy = 200.0, P.COURT_BOTTOM + 40, -7.0, 0.0
    run_until(g, lambda g: g.scores[1] == 1, limit=100)
    assert g.state()["scores"] == [0, 1]
    assert "score" in g.sound_events
    assert g.serving and g.vx < 0  # toward the left player, who missed
    x_before = g.ball_x
    for _ in range(P.SERVE_DELAY - 1):
        g.step(IDLE)
    assert g.ball_x == x_before  # held at the net during the serve delay
    g.step(IDLE)
    g.step(IDLE)
    assert g.ball_x < x_before


def test_first_to_eleven_wins():
    g = started(players=2)
    g.scores = [10, 9]
    g.serving = False
    g.paddle_y[1] = P.COURT_BOTTOM + 60
    g.ball_x, g.ball_y, g.vx, g.vy = 900.0, P.COURT_TOP - 60, 7.0, 0.0
    run_until(g, lambda g: g.mode != "play", limit=100)
    s = g.state()
    assert s["mode"] == "game_over" and s["winner"] == 0 and s["scores"] == [11, 9]
    run_until(g, lambda g: g.mode == "attract", limit=P.GAME_OVER_TICKS + 5)


def test_ten_points_is_not_yet_a_win():
    g = started(players=2)
    g.scores = [9, 9]
    g._point(0)
    assert g.mode == "play" and g.scores == [10, 9]


def test_paddle_cannot_reach_the_top_of_the_court():
    g = started(players=2)
    for _ in range(300):
        g.step(normalise({"up": True, "p2_up": True}))
    for y in g.state()["paddles"]:
        assert y + P.PADDLE_H / 2 == P.COURT_TOP - P.TOP_GAP
    # ...but it reaches the bottom wall.
    for _ in range(300):
        g.step(normalise({"down": True}))
    assert g.state()["paddles"][0] - P.PADDLE_H / 2 == P.COURT_BOTTOM
    # A ball running along the top wall passes above the highest paddle.
    for _ in range(300):
        g.step(normalise({"up": True}))
    g.serving, g.scores = False, [0, 0]
    g.ball_x, g.ball_y, g.vx, g.vy = 150.0, P.COURT_TOP - P.BALL - 1, -7.0, 0.0
    run_until(g, lambda g: sum(g.scores) == 1, controls=normalise({"up": True}), limit=60)
    assert g.scores == [0, 1]


def test_two_players_move_their_own_paddles():
    g = started(players=2)
    y0, y1 = g.state()["paddles"]
    for _ in range(5):
        g.step(normalise({"p2_down": True}))
    assert g.state()["paddles"] == [y0, y1 - 5 * P.PADDLE_SPEED]
    for _ in range(5):
        g.step(normalise({"up": True}))
    assert g.state()["paddles"][0] == y0 + 5 * P.PADDLE_SPEED


def test_computer_returns_an_easy_ball():
    g = started()
    g.serving = False
    g.ball_x, g.ball_y, g.vx, g.vy = 700.0, 500.0, 7.0, 0.0
    g.cpu_error_max = 0.0
    run_until(g, lambda g: g.vx < 0 or sum(g.scores), limit=200)
    assert g.vx < 0 and g.scores == [0, 0]


def test_computer_can_be_beaten_by_a_fast_steep_return():
    g = started()
    g.serving = False
    g.paddle_y[1] = P.COURT_BOTTOM + 100
    g.hits = 12
    g.ball_x, g.ball_y, g.vx, g.vy = 620.0, P.COURT_BOTTOM + 50, 11.0, 7.5
    run_until(g, lambda g: sum(g.scores) == 1, limit=200)
    assert g.scores == [1, 0]


def test_the_computer_wins_a_full_game_against_an_idle_player():
    g = started(seed=9)
    run_until(g, lambda g: g.mode == "game_over", limit=20000)
    assert g.state()["scores"][1] == 11 and g.state()["winner"] == 1


def test_the_paddle_knob_sets_the_paddle_position_at_once():
    g = started()
    lo, hi = Pong.paddle_travel
    g.step(normalise({"paddle": 1.0}))
    g.step(normalise({"paddle": 1.0}))
    assert g.paddle_y[0] == hi == P.COURT_TOP - P.TOP_GAP - P.PADDLE_H / 2
    g.step(normalise({"paddle": 0.0}))
    g.step(normalise({"paddle": 0.0}))
    assert g.paddle_y[0] == lo == P.COURT_BOTTOM + P.PADDLE_H / 2
    g.step(normalise({"paddle": 0.5}))
    assert g.paddle_y[0] == (lo + hi) / 2
    # A knob that stays put leaves the keys free to move the paddle.
    for _ in range(3):
        g.step(normalise({"paddle": 0.5, "up": True}))
    assert g.paddle_y[0] == (lo + hi) / 2 + 3 * P.PADDLE_SPEED


def test_each_player_has_a_knob_in_a_two_player_game():
    g = started(players=2)
    lo, hi = Pong.paddle_travel
    g.step(normalise({"paddle": 0.25, "p2_paddle": 1.0}))
    assert g.paddle_y == [lo + (hi - lo) * 0.25, hi]
    # Alone, either knob moves your paddle; the computer keeps its own.
    g = started()
    g.step(normalise({"p2_paddle": 1.0}))
    assert g.paddle_y[0] == hi and g.paddle_y[1] != hi


def tracking_script(g):
    """Keys that keep the left paddle's centre on the ball's centre."""
    d = g.ball_y + P.BALL / 2 - g.paddle_y[0]
    return normalise({"up": d > P.PADDLE_SPEED / 2, "down": d < -P.PADDLE_SPEED / 2})


def test_the_computer_scores_against_a_ball_tracking_script():
    # A whole game each: the script never misses a ball it can reach, so
    # the computer's points come from its returns (angles, the top gap).
    for seed in range(3):
        g = started(seed=seed)
        while g.mode == "play" and g.tick < 100_000:
            g.step(tracking_script(g))
        assert g.mode == "game_over" and g.scores[1] >= 1, f"seed {seed}: {g.scores}"


def test_the_computer_moves_as_fast_as_the_steepest_ball_and_difficulty_is_checked():
    assert P.CPU_SPEED == max(abs(v) for v in P.SEGMENT_VY)
    g = started()
    g.serving = False
    g.paddle_y[1] = P.COURT_BOTTOM + 100
    g.ball_x, g.ball_y, g.vx, g.vy = 600.0, 700.0, 7.0, 0.0
    ys = []
    for _ in range(40):
        g.step(IDLE)
        ys.append(g.paddle_y[1])
    steps = [b - a for a, b in zip(ys, ys[1:])]
    react = P.DIFFICULTY["normal"][0]
    assert steps[:react - 2] == [0.0] * (react - 2)     # not yet reacting
    assert max(steps) == P.CPU_SPEED                    # then at full speed
    with pytest.raises(ValueError, match="difficulty"):
        Pong(settings={"difficulty": "impossible"})


def test_same_seed_and_inputs_give_the_same_game():
    def play(seed):
        g = Pong(seed=seed)
        for t in range(1500):
            g.step(normalise({"start": t == 1, "up": (t // 37) % 2 == 0, "down": (t // 53) % 3 == 0}))
        return g.state()
    assert play(5) == play(5)


def test_wall_bounce_sounds_in_play():
    g = started()
    g.serving = False
    g.ball_x, g.ball_y, g.vx, g.vy = 500.0, P.COURT_TOP - P.BALL - 2, 7.0, 5.0
    g.step(IDLE)
    assert g.vy < 0 and "wall" in g.sound_events


def test_render_draws_net_scores_paddles_and_ball_inside_window():
    g = started(players=2)
    g.serving = False
    dl = DisplayList()
    g.render(dl)
    segs = list(dl.segments())
    x0, y0, x1, y1 = g.window
    for sx0, sy0, sx1, sy1, inten, col in segs:
        assert x0 <= min(sx0, sx1) and max(sx0, sx1) <= x1
        assert y0 <= min(sy0, sy1) and max(sy0, sy1) <= y1
        assert 0 < inten <= 1
    net = [s for s in segs if s[0] == s[2] == P.NET_X]
    assert len(net) >= 15
    left_paddle = [s for s in segs if P.LEFT_PADDLE_X <= s[0] <= P.LEFT_PADDLE_X + P.PADDLE_W and s[0] == s[2]]
    assert len(left_paddle) == 4
    attract = Pong(seed=1)
    dl2 = DisplayList()
    attract.render(dl2)
    assert not [s for s in dl2.segments() if P.LEFT_PADDLE_X <= s[0] <= P.LEFT_PADDLE_X + P.PADDLE_W and s[0] == s[2] and s[1] != s[3] and abs(s[3] - s[1]) == P.PADDLE_H]


@pytest.mark.parametrize("settings, words", [({"players": 3}, "players must be 1 or 2"),
                                              ({"players": float("nan")}, "players must be 1 or 2"),
                                              ({"points_to_win": 0}, "points_to_win")])
def test_bad_settings_are_clear_errors(settings, words):
    with pytest.raises(ValueError, match=words):
        Pong(settings=settings)


def test_points_to_win_setting_changes_the_target():
    g = Pong(settings={"points_to_win": 3, "players": 2})
    g.step(normalise({"p2_start": True}))
    g.scores = [2, 0]
    g._point(0)
    assert g.mode == "game_over" and g.winner == 0
