"""Replays: a recorded input file gives a fixed final state.

Each file under tests/data/ was recorded once (a game played through
``step``, its control changes written as JSON lines); replaying it through
``games.__main__.run_headless`` must end in the state written here.  This
test also runs inside Pyodide, so passing there shows native == WebAssembly
for the whole simulation (the games read their trigonometry from rounded
tables to make that hold).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from games.__main__ import main, run_headless
from games.inputs import parse

DATA = Path(__file__).resolve().parent / "data"

ASTEROIDS_FINAL = {
    "high_score": 0, "initials": None, "level": 1, "lives": 2, "mode": "play", "particles": 0,
    "phase": "play", "rocks": 2, "rocks_large": 0, "rocks_medium": 0, "rocks_small": 2,
    "saucer": None, "saucer_shots": 0, "saucers": 0, "score": 1790,
    "ship": {"alive": True, "direction": 218, "hyperspace": False, "vx": 0.0, "vy": 0.0913,
             "x": 401.0, "y": 523.0},
    "shots": 0, "tick": 3600, "wave": 1,
}

LANDER_FINAL = {
    "altitude": 263.542, "attitude": 6.0, "debris": 0, "fuel": 409.663, "level": 2,
    "lever": 0.35, "lives": 1, "message": None, "mission": "cadet", "mode": "play",
    "multiplier": 1, "phase": "descent", "points": 0, "result": None, "round": 2, "score": 5,
    "thrust": 0.35, "tick": 4001, "time": 97, "vx": 14.9575, "vy": -6.2139, "x": 989.511,
    "y": 557.143, "zoom": 1.0,
}

# Recorded from a player that chases the nearest enemy and holds fire
# except one block of 300 ticks in 3: Skill-Step to level 3, tankers,
# spikers, the spikes level 4 starts with shot through in the warp, two
# warps and the 6,000 start bonus, two lives lost, the superzapper.
TEMPEST_FINAL = {
    "choice": None, "choices": None, "death": None, "enemies": [], "enemy_shots": [],
    "high_score": 0, "initials": None, "level": 5, "lives": 1, "mode": "play", "nymphs": 6,
    "palette": 0, "phase": "play", "player": {"alive": True, "depth": 16.0, "lane": 11},
    "score": 13304, "shots": [],
    "spikes": {"11": 174.667, "15": 86.667, "2": 238.667, "4": 216.0, "5": 232.0,
               "6": 36.667, "7": 229.0},
    "tick": 3600, "well": "key", "zaps_used": 1,
}

CASES = [
    # name, file, frames, seed, settings, expected final state
    ("asteroids", "asteroids_seed4.jsonl", 3600, 4, None, ASTEROIDS_FINAL),
    ("lunar_lander", "lander_cadet_seed11.jsonl", 4001, 11, {"mission": "cadet"}, LANDER_FINAL),
    ("tempest", "tempest_seed7.jsonl", 3600, 7, None, TEMPEST_FINAL),
]


@pytest.mark.parametrize("name,filename,frames,seed,settings,expected", CASES,
                         ids=[c[0] for c in CASES])
def test_recorded_inputs_replay_to_the_same_final_state(name, filename, frames, seed,
                                                        settings, expected):
    path = DATA / filename
    changes = parse(path.read_text(encoding="utf-8"), str(path))
    game = run_headless(name, frames, seed, changes, settings)
    assert game.state() == expected


def test_the_command_line_replays_the_same(capsys):
    path = DATA / "asteroids_seed4.jsonl"
    assert main(["asteroids", "--headless", "--frames", "3600", "--seed", "4",
                 "--inputs", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == ASTEROIDS_FINAL


@pytest.mark.parametrize("name,filename,frames,seed,settings,expected", CASES,
                         ids=[c[0] for c in CASES])
def test_the_recorded_inputs_are_what_scores(name, filename, frames, seed, settings, expected):
    """Guard against a replay that passes because nothing happens in it: the
    same game left alone (no inputs) for the same ticks ends elsewhere, with
    a lower score, and the recorded player scored points."""
    idle = run_headless(name, frames, seed, [], settings).state()
    assert idle != expected
    assert expected["score"] > idle.get("score", 0)
    assert expected["score"] > 0 and expected["tick"] == idle["tick"]
