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


def test_one_foot_just_off_the_5x_pad_still_lands():
    g = flying()
    pad = over_pad(g, 5, 3.0, -2.0)
    g.x = pad[1] - L.FOOT_X + 4.0      # the right foot 4 units past the pad's end
    run_until_touchdown(g)
    assert g.result == "good" and g.multiplier == 5 and g.points == 250


def test_a_crash_breaks_the_lander_into_its_lines():
    g = flying()
    over_pad(g, 4, 2.0, -40.0)
    run_until_touchdown(g)
    assert g.state()["debris"] == len(L.LANDER_LINES) > 10
    start = [tuple(p[:2]) for p in g.debris]
    for _ in range(L.SECOND // 2):
        g.step({})
    moved = sum(1 for p, s0 in zip(g.debris, start) if tuple(p[:2]) != s0)
    assert moved > len(start) // 2                     # the pieces fly apart
    dl = DisplayList()
    g.render(dl)
    assert dl.count >= len(L.LANDER_LINES)
    # None of the pieces sinks into the ground.
    for _ in range(3 * L.SECOND):
        g.step({})
    for p in g.debris:
        assert p[1] >= g.terrain.height(p[0]) - 1e-6


def test_crash_messages_say_how_bad_the_crash_was():
    def crash(vy, dx=0.0):
        g = flying(seed=2)
        over_pad(g, 2, 2.0, vy, dx=dx)
        run_until_touchdown(g)
        assert g.result == "crash"
        return g.state()["message"]
    gentle_off_pad = crash(-2.0, dx=200.0)
    messages = [crash(vy) for vy in (-15.0, -30.0, -55.0, -90.0)]
    assert gentle_off_pad == L.OFF_PAD_MESSAGE
    assert len(set(messages)) == 4 and gentle_off_pad not in messages


def segments(g: LunarLander) -> set:
    dl = DisplayList()
    g.render(dl)
    b = dl.buffer
    return {tuple(round(v, 2) for v in b[i * 6:i * 6 + 4]) for i in range(dl.count)}


def test_messages_are_written_below_the_landers_start():
    g = flying()
    g.step({})
    quiet = segments(g)
    g.fuel = 0.0                             # "OUT OF FUEL" appears
    shown = segments(g)
    message = [s for s in shown - quiet if max(s[1], s[3]) < L.WINDOW[3] - 120]
    assert len(message) > 10
    lander_bottom = L.WINDOW[1] + g.y + L.FOOT_Y
    assert max(max(s[1], s[3]) for s in message) < lander_bottom


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


def mission_terrains(name: str, seeds: int = 8) -> list:
    m = L.MISSIONS[L.MISSION_NAMES.index(name)]
    import random
    return [Terrain.generate(random.Random(seed), m[1], m[5]) for seed in range(seeds)]


def test_harder_missions_have_rougher_terrain():
    def jaggedness(name):
        # Mean bend between neighbouring ground segments, pads left out.
        total, count = 0.0, 0
        for t in mission_terrains(name):
            for a, b, c in zip(t.ys, t.ys[1:], t.ys[2:]):
                total += abs(a - 2 * b + c)
                count += 1
        return total / count
    values = [jaggedness(n) for n in L.MISSION_NAMES]
    assert values == sorted(values) and values[-1] > 2 * values[0]


def test_the_moonscape_is_mountains_up_to_70_percent_of_the_view():
    tops = []
    for name in L.MISSION_NAMES:
        highest = [max(t.ys) for t in mission_terrains(name)]
        lowest = [min(t.ys) for t in mission_terrains(name)]
        top = max(highest)
        tops.append(top)
        assert top <= 0.7 * L.VIEW_H + 1e-9                  # never above 70 % of the view
        assert min(highest) > 0.4 * L.VIEW_H                 # every round has real mountains
        assert max(lowest) < 0.2 * L.VIEW_H                  # ... and deep valleys
        for t in mission_terrains(name, 3):
            # Steep walls: some ground segment rises more than twice as fast as it runs.
            assert any(abs(y1 - y0) > 2 * (x1 - x0)
                       for x0, x1, y0, y1 in zip(t.xs, t.xs[1:], t.ys, t.ys[1:]))
            # Pads both on ledges high up and in valleys.
            heights = sorted(p[2] for p in t.pads)
            assert heights[0] < 0.2 * L.VIEW_H
    assert tops == sorted(tops) and tops[-1] > 0.66 * L.VIEW_H and tops[0] < 0.52 * L.VIEW_H
    ledges = sum(1 for name in L.MISSION_NAMES for t in mission_terrains(name)
                 for p in t.pads if p[2] > 0.25 * L.VIEW_H)
    assert ledges > 20


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
