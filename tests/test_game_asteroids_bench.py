"""games.bench prints tick + render time per frame for the busiest scenes
(it reports figures; nothing here depends on the machine's speed)."""

from __future__ import annotations

from games import bench


def test_bench_prints_a_row_per_game_with_the_budget_ratio(capsys):
    assert bench.main(["asteroids", "lunar_lander", "--frames", "3", "--repeats", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "budget 2.0 ms/frame" in out[0]
    rows = {line.split()[0]: line.split()[1:] for line in out[2:]}
    assert set(rows) == {"asteroids", "lunar_lander"}
    for values in rows.values():
        tick, render, total, segments, ratio = map(float, values)
        assert total > 0 and segments > 100
        assert abs(ratio - total / bench.BUDGET_MS) < 0.01


def test_bench_measures_the_busy_scene():
    m = bench.measure("asteroids", frames=2, repeats=1)
    assert m["segments"] > 300          # 27 rocks, a saucer, shots and particles


def test_bench_rejects_an_unknown_game(capsys):
    assert bench.main(["galaxian"]) == 2
    assert "unknown game 'galaxian'" in capsys.readouterr().err
