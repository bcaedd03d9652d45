"""Lunar Lander: scripted scenarios through step(controls) with fixed seeds
(../shared/reference/arcade.md 2.5)."""

from __future__ import annotations

import pytest

from games import lunar_lander as L
from games.lunar_lander import LunarLander, Terrain
from machines.vector.displaylist import DisplayList


def flying(seed: int = 1, **settings) -> LunarLander:
    g = LunarLander(settings=settings or None, seed=seed)
    g.step({"start": True})
    assert g.state()["mode"] == "play" and g.state()["phase"] == "descent"
    return g


def over_pad(g: LunarLander, multiplier: int, height: float, vy: float, vx: float = 0.0,
             dx: float = 0.0) -> tuple:
    """Put the lander ``height`` above the first pad with ``multiplier``."""
    pad = next(p for p in g.terrain.pads if p[3] == multiplier)
    g.x = (pad[0] + pad[1]) / 2 + dx
    g.y = pad[2] - L.FOOT_Y + height
    g.vx, g.vy, g.attitude = vx, vy, 0.0
    return pad


def run_until_touchdown(g: LunarLander, controls=None, limit: int = 2000) -> list[str]:
    sounds = []
    for _ in range(limit):
        g.step(controls or {})
        sounds += g.sound_events
        if g.phase != "descent":
            return sounds
    raise AssertionError("no touchdown")


def test_a_soft_landing_on_a_4x_pad_scores_50_times_4_and_earns_fuel():
    g = flying()
    over_pad(g, 4, 2.0, -3.0)
    fuel = g.fuel
    sounds = run_until_touchdown(g)
    s = g.state()
    assert s["result"] == "good" and s["phase"] == "landed"
    assert s["multiplier"] == 4 and s["points"] == 200 and s["score"] == 200
    assert s["fuel"] == fuel + L.GOOD_LANDING_FUEL
    assert "good_landing" in sounds


def test_a_hard_landing_scores_15_times_the_multiplier():
    g = flying()
    over_pad(g, 3, 1.0, -10.0)
    run_until_touchdown(g)
    s = g.state()
    assert s["result"] == "hard" and s["points"] == 45 and s["score"] == 45


def test_a_fast_descent_crashes():
    g = flying()
    over_pad(g, 4, 2.0, -30.0)
    fuel = g.fuel
    sounds = run_until_touchdown(g)
    s = g.state()
    assert s["result"] == "crash" and s["phase"] == "crashed"
    assert s["points"] == L.CRASH_POINTS * 4
    assert s["fuel"] == fuel - L.CRASH_FUEL_COST
    assert "explosion" in sounds


def test_too_much_drift_or_tilt_crashes_even_when_slow():
    g = flying()
    over_pad(g, 2, 1.0, -2.0, vx=12.0)
    run_until_touchdown(g)
    assert g.result == "crash"
    g = flying()
    over_pad(g, 2, 1.0, -2.0)
    g.attitude = 20.0
    run_until_touchdown(g)
    assert g.result == "crash"


def test_landing_off_a_pad_crashes():
    g = flying()
    pad = over_pad(g, 5, 3.0, -2.0)
    g.x = pad[1] + 4.0       # one foot off the right end of the pad
    run_until_touchdown(g)
    assert g.result == "crash"


def test_after_a_landing_a_new_round_on_fresh_terrain_keeps_the_fuel():
    g = flying()
    over_pad(g, 2, 1.0, -2.0)
    run_until_touchdown(g)
    fuel, terrain = g.fuel, list(g.terrain.ys)
    for _ in range(L.ROUND_END_TICKS + 1):
        g.step({})
    s = g.state()
    assert s["round"] == 2 and s["phase"] == "descent" and s["fuel"] == fuel
    assert g.terrain.ys != terrain
    assert s["altitude"] > 150


def test_fuel_runs_out_then_the_lander_falls_and_the_game_ends():
    g = flying()
    g.fuel = 5.0
    for _ in range(L.SECOND):
        g.step({"lever": 1.0})
    s = g.state()
    assert s["fuel"] == 0.0 and s["thrust"] == 0.0
    assert g.loops() == {}
    sounds = run_until_touchdown(g, {"lever": 1.0}, limit=5000)
    assert g.result == "crash" and "explosion" in sounds
    for _ in range(L.ROUND_END_TICKS + 1):
        g.step({})
    assert g.state()["mode"] == "game_over"
    for _ in range(L.GAME_OVER_TICKS + 1):
        g.step({})
    assert g.state()["mode"] == "attract"


def test_gravity_pulls_and_full_thrust_climbs():
    g = flying(mission="training")
    for _ in range(L.SECOND):
        g.step({})
    assert g.vy == pytest.approx(-L.GRAVITY * L.SECOND * L.DT, rel=1e-6)
    vy = g.vy
    for _ in range(L.SECOND):
        g.step({"lever": 1.0})
    assert g.vy > vy + 2.0
    assert g.vx == L.MISSIONS[0][4]      # training: no drag, upright thrust


def test_the_lever_steps_with_keys_and_follows_an_analog_input():
    g = flying()
    for _ in range(6):
        g.step({"up": True})
    assert g.lever == pytest.approx(6 * L.LEVER_STEP)
    g.step({})
    assert g.lever == pytest.approx(6 * L.LEVER_STEP)   # it stays where it was put
    g.step({"lever": 0.9})
    assert g.lever == 0.9 and g.thrust == 0.9
    low = g.loops()["thrust"]
    g.step({"lever": 0.2})
    assert g.loops()["thrust"] < low                   # the roar follows the lever
    g.step({"lever": 0.2, "down": True})
    assert g.lever == pytest.approx(0.2 - L.LEVER_STEP)


def test_rotation_tilts_the_thrust():
    g = flying()
    for _ in range(32):
        g.step({"left": True})
    assert g.attitude == 32.0
    vx = g.vx
    for _ in range(L.SECOND):
        g.step({"lever": 1.0})
    assert g.vx < vx - 2.0          # tilted left, the thrust pushes left


def test_command_mission_has_rotational_momentum_and_drag():
    g = flying(mission="command")
    assert g.state()["level"] == 4
    for _ in range(10):
        g.step({"left": True})
    a = g.attitude
    for _ in range(10):
        g.step({})
    assert g.attitude > a            # still turning without the key
    vx0 = g.vx
    g.attitude = g.spin = 0.0
    for _ in range(L.SECOND):
        g.step({})
    assert g.vx < vx0                # the atmosphere slows the drift


def test_harder_missions_have_rougher_terrain():
    import random

    def roughness(name):
        r = L.MISSION_NAMES.index(name)
        total = 0.0
        for seed in range(5):
            t = Terrain.generate(random.Random(seed), L.MISSIONS[r][1])
            total += sum(abs(b - a) for a, b in zip(t.ys, t.ys[1:]))
        return total
    values = [roughness(n) for n in L.MISSION_NAMES]
    assert values == sorted(values) and values[-1] > 2 * values[0]


def test_pads_are_flat_and_smaller_pads_carry_higher_multipliers():
    g = flying()
    pads = g.terrain.pads
    assert sorted({p[3] for p in pads}) == [2, 3, 4, 5]
    widths = {p[3]: p[1] - p[0] for p in pads}
    assert widths[2] > widths[3] > widths[4] > widths[5]
    for x0, x1, y, _m in pads:
        for f in (0.0, 0.25, 0.5, 1.0):
            assert g.terrain.height(x0 + (x1 - x0) * f) == pytest.approx(y)
    # The terrain wraps round.
    assert g.terrain.height(100.0) == pytest.approx(g.terrain.height(100.0 + L.TERRAIN_WIDTH))


def test_the_view_zooms_to_a_close_up_near_the_ground():
    g = flying()
    assert g.state()["zoom"] == 1.0
    over_pad(g, 2, L.ZOOM_IN_ALTITUDE - 5, 0.0)
    g.step({"lever": 0.36})
    assert g.state()["zoom"] == 2.0
    g.y += 200
    g.step({"lever": 0.36})
    assert g.state()["zoom"] == 1.0


def test_attract_selects_the_mission():
    g = LunarLander(seed=1)
    assert g.state()["mission"] == "training"
    g.step({"right": True})
    g.step({})
    g.step({"right": True})
    assert g.state()["mission"] == "prime"
    g.step({"left": True})
    g.step({"start": True})
    assert g.state()["mission"] == "cadet" and g.state()["mode"] == "play"


def test_settings_are_checked():
    with pytest.raises(ValueError):
        LunarLander(settings={"fuel": 123})
    with pytest.raises(ValueError):
        LunarLander(settings={"mission": "apollo"})
    assert flying(fuel=1800).fuel == 1800


def test_abort_rights_the_lander_and_burns_fuel_fast():
    g = flying()
    g.attitude = 20.0
    fuel = g.fuel
    for _ in range(10):
        g.step({"fire": True})
    assert g.attitude == 0.0
    assert fuel - g.fuel == pytest.approx(10 * L.FUEL_BURN * L.DT * L.ABORT_BURN)


def test_hud_and_lander_render():
    g = flying()
    dl = DisplayList()
    g.render(dl)
    assert dl.count > 150 and dl.overflow == 0
    x0, y0, x1, y1 = dl.bounds()
    assert x0 > -0.01 and y0 > L.WINDOW[1] - 0.01 and x1 < 1024.01 and y1 < L.WINDOW[3] + 0.01


def test_bench_scene_is_in_the_close_up():
    g = LunarLander.bench_scene()
    assert g.state()["zoom"] == 2.0 and g.state()["mission"] == "command"
