"""Asteroids and Lunar Lander invariants under any control sequence (hypothesis)."""

from __future__ import annotations


import hypothesis  # a dev dependency, in Pyodide too: imported, never skipped
from hypothesis import given, settings, strategies as st  # noqa: E402

from games import asteroids as A  # noqa: E402
from games import lunar_lander as L  # noqa: E402

BUTTONS = ("left", "right", "thrust", "fire", "hyperspace", "start")
press = st.fixed_dictionaries({b: st.booleans() for b in BUTTONS})


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2 ** 16), script=st.lists(st.tuples(press, st.integers(1, 40)),
                                                      min_size=1, max_size=30))
def test_asteroids_limits_hold_for_any_input(seed, script):
    g = A.Asteroids(seed=seed)
    for controls, ticks in script:
        for _ in range(ticks):
            g.step(controls)
            s = g.state()
            assert s["shots"] <= A.MAX_SHOTS and s["saucer_shots"] <= A.SAUCER_MAX_SHOTS
            assert s["rocks"] <= A.MAX_ROCKS and s["saucers"] <= 1
            assert 0 <= s["score"] < A.SCORE_ROLLOVER and s["score"] % 10 == 0
            assert 0 <= g.ship_x < A.W and 0 <= g.ship_y < A.H
            assert s["mode"] in ("attract", "play", "game_over")


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2 ** 16),
       script=st.lists(st.tuples(st.floats(0.0, 1.0), st.sampled_from([-1, 0, 1]),
                                 st.integers(1, 60)), min_size=1, max_size=30))
def test_lander_fuel_only_falls_in_flight(seed, script):
    g = L.LunarLander(seed=seed, settings={"mission": "command"})
    g.step({"start": True})
    for lever, turn, ticks in script:
        for _ in range(ticks):
            before, phase = g.fuel, g.phase
            g.step({"lever": lever, "left": turn > 0, "right": turn < 0})
            assert g.fuel >= 0.0
            if phase == "descent" and g.phase == "descent":
                assert g.fuel <= before
            assert abs(g.attitude) <= L.MAX_TILT
            assert g.y <= L.CEILING
