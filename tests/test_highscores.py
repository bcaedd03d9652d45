"""The top-10 high-score table and 3-initial entry (../shared/reference/arcade.md 2.1)."""

from __future__ import annotations

import json

import pytest

from games.highscores import HighScoreTable, InitialsEntry, REPEAT_DELAY, REPEAT_EVERY


def test_entries_are_kept_best_first_and_capped_at_ten():
    t = HighScoreTable()
    for i, s in enumerate([500, 3000, 120, 9990, 40, 700, 1500, 800, 60, 2500, 10, 5]):
        t.insert(s, f"P{i:02d}"[:3])
    assert len(t.entries) == 10
    assert [s for s, _ in t.entries] == [9990, 3000, 2500, 1500, 800, 700, 500, 120, 60, 40]
    assert t.best == 9990
    assert not t.qualifies(40) and t.qualifies(41)
    assert t.rank_for(5000) == 1


def test_zero_never_qualifies_and_ties_rank_below_earlier():
    t = HighScoreTable(size=3)
    assert not t.qualifies(0)
    t.insert(100, "AAA")
    assert t.insert(100, "BBB") == 1
    assert t.entries == [(100, "AAA"), (100, "BBB")]


def test_json_round_trip_and_bad_data_skipped():
    t = HighScoreTable()
    t.insert(1234, "abc")
    t.insert(99, "Z")
    data = json.loads(json.dumps(t.to_json()))
    assert HighScoreTable.from_json(data).entries == [(1234, "ABC"), (99, "Z  ")]
    junk = {"entries": [{"score": "x"}, {"score": -5, "initials": "AAA"}, 7,
                        {"score": 50, "initials": 3}, {"score": 60, "initials": "Q!Q"}]}
    assert HighScoreTable.from_json(junk).entries == [(60, "Q Q"), (50, "   ")]
    assert HighScoreTable.from_json(None).entries == []
    with pytest.raises(ValueError):
        HighScoreTable(size=0)


def test_initials_are_spelled_with_rotate_and_fire():
    e = InitialsEntry()
    assert e.initials == "A  "
    e.step({"fire": True})          # still held from the game: ignored
    e.step({})
    e.step({"left": True})          # A -> blank
    e.step({"left": True})          # held: no repeat yet
    e.step({})
    e.step({"left": True})          # blank -> Z
    e.step({})
    e.step({"fire": True})
    e.step({})
    assert e.position == 1 and e.initials == "ZA "
    e.step({"up": True})
    e.step({})
    e.step({"hyperspace": True})
    e.step({})
    e.step({"fire": True})
    assert e.done and e.initials == "ZBA"


def test_holding_rotate_repeats():
    e = InitialsEntry()
    for _ in range(REPEAT_DELAY + 2 * REPEAT_EVERY + 1):
        e.step({"right": True})
    # The press steps once, then repeats come at DELAY, +EVERY, +2 EVERY ticks.
    assert e.initials[0] == "E"
