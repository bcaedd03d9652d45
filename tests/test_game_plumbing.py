"""Controls, input files, the runner the browser drives, and the games CLI."""

import json

import pytest

import games
from games import __main__ as cli
from games.controls import neutral, normalise
from games.inputs import InputFileError, Player, parse
from games.runner import GameRunner, list_games_json


def test_controls_normalise_fills_defaults_clamps_and_rejects_unknown():
    c = normalise({"up": 1, "lever": 2.5, "spinner": -100})
    assert c["up"] is True and c["down"] is False
    assert c["lever"] == 1.0 and c["spinner"] == -64.0
    assert neutral()["lever"] == 0.0
    with pytest.raises(ValueError, match="unknown control 'jump'"):
        normalise({"jump": True})
    with pytest.raises(ValueError, match="needs a number"):
        normalise({"lever": "high"})


def test_inputs_hold_values_until_changed():
    changes = parse('{"frame": 2, "controls": {"up": true}}\n\n# comment\n{"frame": 5, "controls": {"up": false, "lever": 0.5}}\n')
    p = Player(changes)
    seen = [(p.controls(f)["up"], p.controls(f)["lever"]) for f in range(7)]
    assert seen == [(False, 0.0)] * 2 + [(True, 0.0)] * 3 + [(False, 0.5)] * 2


@pytest.mark.parametrize("text, where, words", [
    ('{"frame": 0, "controls": {"up": true}', "f.jsonl:1:", "bad JSON"),
    ('{"frame": 0}\n{"frame": -3}', "f.jsonl:2:1:", "non-negative"),
    ('{"frame": 0, "controls": []}', "f.jsonl:1:1:", "must be an object"),
    ('[1, 2]', "f.jsonl:1:1:", "must be an object"),
    ('{"frame": 1, "keys": {}}', "f.jsonl:1:1:", "unknown key"),
    ('{"frame": 1, "controls": {"jump": true}}', "f.jsonl:1:", "unknown control"),
])
def test_malformed_inputs_name_file_line_and_column(text, where, words):
    with pytest.raises(InputFileError) as e:
        parse(text, "f.jsonl")
    assert str(e.value).startswith(where) and words in str(e.value)


def test_runner_steps_renders_and_reports_json():
    r = GameRunner("pong", 3)
    assert r.count > 0 and len(r.buffer) % 6 == 0
    info = json.loads(r.info_json())
    assert info["name"] == "pong" and info["window"] == [0.0, 128.0, 1024.0, 896.0]
    assert "hit" in info["sounds"] and info["sounds"]["hit"][0]["wave"] == "square"
    r.set_control("start", 1)
    r.frame(2)
    r.set_control("start", 0)
    assert json.loads(r.state_json())["mode"] == "play"
    r.set_control("up", 1)
    y0 = json.loads(r.state_json())["paddles"][0]
    r.frame(5)
    assert json.loads(r.state_json())["paddles"][0] > y0
    r.release_all()
    with pytest.raises(ValueError):
        r.set_control("warp", 1)
    assert {"name": "pong", "title": "Pong"} in json.loads(list_games_json())


def test_runner_collects_sound_events_between_takes():
    r = GameRunner("pong", 3)
    r.set_control("start", 1)
    r.frame(1)
    r.game.serving = False
    r.game.ball_y, r.game.vy = 864 - 13, 6.0
    r.frame(2)
    events = json.loads(r.take_events_json())
    assert "wall" in events["sounds"]
    assert r.take_events_json() == ""


def test_runner_fault_hook_raises_once():
    r = GameRunner("pong", 1)
    r.inject_fault()
    with pytest.raises(RuntimeError, match="injected fault"):
        r.frame(1)
    assert r.frame(1) > 0


def test_unknown_game_is_a_clear_error():
    with pytest.raises(games.UnknownGame, match="choose one of: .*pong"):
        games.game_class("spacewar")


def test_cli_headless_prints_state_json(capsys):
    assert cli.main(["pong", "--headless", "--frames", "5", "--seed", "2", "--json"]) == 0
    state = json.loads(capsys.readouterr().out)
    assert state["tick"] == 5 and state["mode"] == "attract"


def test_cli_unknown_game_one_line_error(capsys):
    assert cli.main(["spacewar", "--headless"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown game 'spacewar'" in err[0]


def test_cli_malformed_inputs_file(tmp_path, capsys):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"frame": 0, "controls": {"up": tru}}\n')
    assert cli.main(["pong", "--headless", "--inputs", str(f)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{f}:1:" in err[0] and "bad JSON" in err[0]
    assert cli.main(["pong", "--headless", "--inputs", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read inputs" in capsys.readouterr().err


@pytest.mark.desktop
def test_cli_unwritable_png(tmp_path, capsys):
    pytest.importorskip("numpy")
    out = tmp_path / "no-such-dir" / "x.png"
    assert cli.main(["pong", "--headless", "--frames", "1", "--png", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write PNG" in err[0]


@pytest.mark.desktop
def test_cli_png_has_lit_pixels(tmp_path):
    PIL = pytest.importorskip("PIL.Image")
    out = tmp_path / "pong.png"
    assert cli.main(["pong", "--headless", "--frames", "10", "--png", str(out)]) == 0
    img = PIL.open(out).convert("L")
    assert img.width / img.height == pytest.approx(4 / 3, abs=0.01)
    assert sum(img.histogram()[129:]) > 500


def test_a_tap_shorter_than_a_frame_still_reaches_the_game():
    r = GameRunner("pong", 3)
    r.set_control("start", 1)
    r.set_control("start", 0)  # released before the next tick
    r.frame(1)
    assert json.loads(r.state_json())["mode"] == "play"
    # ...for one tick only: a held-and-released key is not held on.
    r.set_control("up", 1)
    r.set_control("up", 0)
    y = json.loads(r.state_json())["paddles"][0]
    r.frame(1)
    y1 = json.loads(r.state_json())["paddles"][0]
    r.frame(3)
    assert y1 > y and json.loads(r.state_json())["paddles"][0] == y1
