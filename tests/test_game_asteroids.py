"""Asteroids: scripted scenarios through step(controls) with fixed seeds
(../shared/reference/arcade.md 2.1)."""

from __future__ import annotations

import pytest

from games import asteroids as A
from games.asteroids import Asteroids, _Body
from machines.vector.displaylist import DisplayList


def playing(seed: int = 1, **settings) -> Asteroids:
    """A game in play with the ship at the centre pointing right, no rocks,
    no saucer coming."""
    g = Asteroids(settings=settings or None, seed=seed)
    g.step({"start": True})
    for _ in range(A.PLAYER_START_TICKS + 1):
        g.step({})
    assert g.state()["phase"] == "play" and g.ship_alive
    g.rocks.clear()
    g.saucer_timer = 10 ** 9
    g.ship_dir = 0
    return g


def put_rock(g: Asteroids, x: float, y: float, size: int) -> _Body:
    r = _Body(x, y, 0.0, 0.0, 0, size, 0)
    g.rocks.append(r)
    g.wave_mass = max(1, g._rock_mass())
    return r


def fire_once(g: Asteroids, ticks: int = 30) -> list[str]:
    """Press fire for one tick, then run; returns every sound event."""
    sounds = []
    g.step({"fire": True})
    sounds += g.sound_events
    for _ in range(ticks):
        g.step({})
        sounds += g.sound_events
    return sounds


def test_a_shot_breaks_a_large_rock_into_two_mediums_and_scores_20():
    g = playing()
    put_rock(g, g.ship_x + 150, g.ship_y, A.LARGE)
    put_rock(g, 100, 100, A.LARGE)  # keeps the wave from ending
    sounds = fire_once(g)
    s = g.state()
    assert s["score"] == 20
    assert (s["rocks_large"], s["rocks_medium"], s["rocks_small"]) == (1, 2, 0)
    assert s["shots"] == 0
    assert "explode_large" in sounds and "fire" in sounds


def test_medium_splits_into_smalls_and_smalls_vanish_with_their_scores():
    g = playing()
    put_rock(g, 100, 100, A.LARGE)
    put_rock(g, g.ship_x + 150, g.ship_y, A.MEDIUM)
    fire_once(g, 25)
    assert g.score == 50 and g.state()["rocks_small"] == 2
    g.rocks[:] = [r for r in g.rocks if r.size != A.SMALL]
    put_rock(g, g.ship_x + 150, g.ship_y, A.SMALL)
    fire_once(g, 25)
    assert g.score == 150 and g.state()["rocks_small"] == 0


def test_saucers_score_200_and_1000():
    for small, points in ((False, 200), (True, 1000)):
        g = playing()
        put_rock(g, 100, 100, A.LARGE)
        g.spawn_saucer(small=small)
        g.saucer.x, g.saucer.y, g.saucer.vx, g.saucer.vy = g.ship_x + 150, g.ship_y, 0.0, 0.0
        g.saucer.fire_timer = 10 ** 6
        g.saucer.turn_timer = 10 ** 6
        fire_once(g, 25)
        assert g.score == points and g.state()["saucers"] == 0


def test_at_most_four_shots_on_screen():
    g = playing()
    put_rock(g, 100, 100, A.LARGE)
    g.ship_dir = 64
    for _ in range(6):
        g.step({"fire": True})
        g.step({})
    assert g.state()["shots"] == A.MAX_SHOTS


def test_holding_fire_fires_once():
    g = playing()
    put_rock(g, 100, 100, A.LARGE)
    g.ship_dir = 64
    for _ in range(10):
        g.step({"fire": True})
    assert g.state()["shots"] == 1


def test_a_cleared_wave_is_followed_by_one_with_two_more_rocks():
    g = playing()
    assert g.wave == 1
    put_rock(g, g.ship_x + 150, g.ship_y, A.SMALL)
    fire_once(g, 20)
    assert g.state()["rocks"] == 0
    for _ in range(A.WAVE_DELAY + 1):
        g.step({})
    s = g.state()
    assert s["wave"] == 2 and s["level"] == 2
    assert s["rocks_large"] == A.FIRST_WAVE_ROCKS + 2 == 6


def test_wave_sizes_grow_to_the_cap():
    g = playing()
    sizes = []
    for _ in range(6):
        g.next_wave()
        sizes.append(g.state()["rocks_large"])
    assert sizes == [6, 8, 10, 11, 11, 11]


def test_extra_ship_at_10000_points():
    g = playing()
    lives = g.lives
    g.score = 9990
    put_rock(g, 100, 100, A.LARGE)
    put_rock(g, g.ship_x + 150, g.ship_y, A.LARGE)
    sounds = fire_once(g)
    assert g.score == 10010
    assert g.lives == lives + 1
    assert "extra_ship" in sounds


def test_bonus_setting_zero_gives_no_extra_ship():
    g = playing(bonus_ship=0)
    g.score = 9990
    lives = g.lives
    g.add_score(20)
    assert g.lives == lives


def test_score_rolls_over_at_99990():
    g = playing()
    g.score = 99_990
    lives = g.lives
    g.add_score(20)
    assert g.score == 10                    # the counter rolls over ...
    assert g.lives == lives + 1             # ... and passing 100,000 still earns a ship


def test_hyperspace_moves_the_ship_and_carries_a_risk():
    g = playing(seed=3)
    put_rock(g, 60, 60, A.SMALL)
    x, y = g.ship_x, g.ship_y
    g.step({"hyperspace": True})
    assert g.state()["ship"]["hyperspace"]
    for _ in range(A.HYPERSPACE_TICKS + 1):
        g.step({})
    s = g.state()["ship"]
    assert not s["hyperspace"]
    assert (s["x"], s["y"]) != (x, y)
    # Over many jumps, some end in an explosion, most do not.
    deaths = 0
    for seed in range(120):
        g = playing(seed=seed)
        put_rock(g, 5, 5, A.SMALL)
        lives = g.lives
        g.step({"hyperspace": True})
        for _ in range(A.HYPERSPACE_TICKS + 1):
            g.step({})
        deaths += g.lives < lives
    assert 0 < deaths < 40


def test_thrust_gives_inertia_and_the_ship_drifts_to_a_stop():
    g = playing()
    put_rock(g, 60, 60, A.SMALL)
    g.rocks[0].vx = 0.0
    for _ in range(40):
        g.step({"thrust": True})
    moving = g.ship_vx
    assert moving > 3.0 and g.loops().get("thrust") == 1.0
    for _ in range(60):
        g.step({})
    coasting = g.ship_vx
    assert 0.5 < coasting < moving          # still coasting, slower
    for _ in range(1500):
        g.step({})
    assert abs(g.ship_vx) < 0.01           # stopped


def test_everything_wraps_round_the_screen():
    g = playing()
    put_rock(g, 60, 700, A.SMALL)
    g.ship_x, g.ship_vx = 3.0, -5.0
    g.step({})
    assert g.ship_x > A.W - 5
    r = put_rock(g, A.W - 1, 10, A.LARGE)
    r.vx = 2.0
    g.step({})
    assert r.x < 5


def test_rotation_turns_the_ship():
    g = playing()
    put_rock(g, 60, 60, A.SMALL)
    g.step({"left": True})
    assert g.ship_dir == A.ROTATE_STEP
    g.step({"right": True})
    g.step({"right": True})
    assert g.ship_dir == A.DIRECTIONS - A.ROTATE_STEP


def test_the_small_saucer_appears_after_its_threshold():
    g = playing()
    put_rock(g, 60, 60, A.LARGE)
    g.score = A.ONLY_SMALL_SAUCER_SCORE
    kinds = set()
    for _ in range(20):
        g.saucer = None
        g.saucer_timer = 1
        g.step({})
        kinds.add(g.state()["saucer"])
    assert kinds == {"small"}
    g.score = 0
    kinds = []
    for _ in range(40):
        g.saucer = None
        g.saucer_timer = 1
        g.step({})
        kinds.append(g.state()["saucer"])
    assert kinds.count("large") > 25        # mostly large at the start of a game


def test_small_saucer_aims_at_the_ship_and_better_with_score():
    g = playing()
    worst = g.aim_error()
    g.score = 40_000
    assert g.aim_error() < worst
    put_rock(g, 60, 60, A.LARGE)
    g.score = 40_000
    g.spawn_saucer(small=True)
    g.saucer.x, g.saucer.y, g.saucer.vx, g.saucer.vy = 100.0, g.ship_y, 0.0, 0.0
    g.saucer.turn_timer = 10 ** 6
    g.step({})           # the small saucer fires at once (ROM revision 2)
    assert g.state()["saucer_shots"] == 1
    shot = g.saucer_shots[0]
    assert shot.vx > 5.5 and abs(shot.vy) < 1.0   # toward the ship, to its right


def test_a_rock_hitting_the_ship_costs_a_ship_and_then_the_ship_returns():
    g = playing()
    lives = g.lives
    put_rock(g, g.ship_x + 12, g.ship_y, A.SMALL)
    put_rock(g, 900, 700, A.LARGE)
    g.rocks[-1].vx = 0.0
    g.step({})
    s = g.state()
    assert not s["ship"]["alive"] and s["lives"] == lives - 1
    assert s["score"] == 100                 # the player scores the rock
    for _ in range(A.RESPAWN_TICKS + 2):
        g.step({})
    assert g.state()["ship"]["alive"]


def test_game_over_initials_and_the_table():
    g = Asteroids(seed=5)
    g.step({"start": True})
    n = 0
    while g.mode == "play" and n < 5000:
        if g.ship_alive:
            g.rocks.append(_Body(g.ship_x, g.ship_y, 0.0, 0.0, 0, A.SMALL, 0))
        g.step({})
        n += 1
    assert g.state()["mode"] == "game_over" and g.lives == 0
    assert g.score == 3 * 100 > 0
    for _ in range(A.GAME_OVER_TICKS + 1):
        g.step({})
    assert g.state()["phase"] == "enter_initials" and g.state()["initials"] == "A  "
    script = [{"right": True}, {}, {"fire": True}, {}, {"left": True}, {}, {"fire": True}, {},
              {"fire": True}]
    for c in script:
        g.step(c)
    s = g.state()
    assert s["mode"] == "attract" and s["phase"] == "attract_scores"
    assert g.high_scores.entries == [(300, "B A")]     # B, then A back to a blank, then A
    assert s["high_score"] == 300
    data = g.persistent_data()
    g2 = Asteroids(seed=9)
    g2.load_persistent_data(data)
    assert g2.high_scores.entries == g.high_scores.entries


def test_attract_alternates_rock_field_and_high_score_table():
    g = Asteroids(seed=2)
    assert g.state()["mode"] == "attract" and g.state()["rocks"] == 4
    for _ in range(A.ATTRACT_PHASE_TICKS):
        g.step({})
    assert g.state()["phase"] == "attract_scores"
    for _ in range(A.ATTRACT_PHASE_TICKS):
        g.step({})
    assert g.state()["phase"] == "attract_rocks"


def test_ships_setting():
    assert playing(ships=4).lives == 4
    with pytest.raises(ValueError):
        Asteroids(settings={"ships": 5})


def test_heartbeat_quickens_as_rocks_thin_out():
    g = playing()
    g.next_wave()
    full = g.thump_interval()
    del g.rocks[1:]
    assert g.thump_interval() < full
    beats = []
    for _ in range(400):
        g.step({})
        beats += [e for e in g.sound_events if e.startswith("thump")]
    assert "thump_low" in beats and "thump_high" in beats


def test_render_draws_rocks_ship_and_score_inside_the_window():
    g = playing()
    g.next_wave()
    dl = DisplayList()
    g.render(dl)
    assert dl.count > 80
    x0, y0, x1, y1 = dl.bounds()
    assert y1 <= A.WINDOW[3] + 50 and y0 >= A.WINDOW[1] - 50


def test_same_seed_and_inputs_give_the_same_game():
    def run():
        g = Asteroids(seed=7)
        for t in range(900):
            g.step({"start": t == 2, "fire": t % 6 == 0, "left": t % 200 < 50,
                    "thrust": t % 150 < 20, "hyperspace": t == 500})
        return g.state()
    assert run() == run()


def test_bench_scene_is_busy():
    g = Asteroids.bench_scene()
    s = g.state()
    assert s["rocks"] == A.MAX_ROCKS and s["saucers"] == 1 and s["particles"] > 100
