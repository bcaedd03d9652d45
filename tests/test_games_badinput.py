"""The games' command line never shows a traceback: odd settings, controls
and inputs files are one clear line naming what is wrong (and where)."""

import os

import pytest

import games
from games import __main__ as cli
from games import inputs
from games.controls import ControlError, normalise
from games.inputs import InputFileError, parse


def _error(capsys, argv) -> str:
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("python -m games: error: "), captured.err
    assert "Traceback" not in captured.err
    return err[0]


# -- analog controls ---------------------------------------------------------

def test_an_analog_control_of_400_digits_is_clamped_not_an_overflow(tmp_path, capsys):
    big = "9" * 400
    assert normalise({"lever": int(big)})["lever"] == 1.0
    assert normalise({"spinner": -int(big)})["spinner"] == -64.0
    assert normalise({"left_tread": 1e999})["left_tread"] == 1.0
    f = tmp_path / "big.jsonl"
    f.write_text('{"frame": 0, "controls": {"start": true, "lever": %s}}\n' % big)
    assert cli.main(["lunar_lander", "--headless", "--frames", "3", "--inputs", str(f)]) == 0
    assert "tick=3" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["NaN", '"high"', "true", "[1]", "null"])
def test_an_analog_control_without_a_number_names_the_control(value):
    line = '{"frame": 0, "controls": {"up": true, "lever": %s}}' % value
    with pytest.raises(InputFileError) as e:
        parse(line, "f.jsonl")
    assert e.value.column == line.index('"lever"') + 1
    assert str(e.value).startswith(f"f.jsonl:1:{e.value.column}: control 'lever' needs a number")


def test_a_number_of_thousands_of_digits_is_bad_json_not_a_traceback():
    with pytest.raises(InputFileError, match=r"^f.jsonl:2:1: bad JSON: Exceeds the limit"):
        parse('{"frame": 0}\n{"frame": 1, "controls": {"lever": %s}}' % ("9" * 5000), "f.jsonl")
    with pytest.raises(InputFileError, match=r"^f.jsonl:1:126: bad JSON: nested more than 100 deep"):
        parse(' {"frame": 0, "controls": ' + "[" * 100_000, "f.jsonl")
    # Brackets in strings do not count; 100 deep is still JSON (and not an object).
    with pytest.raises(InputFileError, match=r"^f.jsonl:1:1: each line must be an object"):
        parse("[" * 100 + ",".join(['"[[[[{{{{"'] * 100) + "]" * 100, "f.jsonl")


# -- unknown controls at the right column -----------------------------------

@pytest.mark.parametrize("line", [
    '{"frame": 1, "controls": {"up": true, "jump": 1}}',
    '{"frame": 1, "controls": {"up": "jump", "jump": 1}}',        # the name as a value first
    '  {"controls" : {"left":false,   "jump"  : true}, "frame": 4}',
    '{"frame": 1, "controls": {"up": true, "j\u00fcmp": 1}}',
])
def test_an_unknown_control_is_reported_at_its_column(line):
    name = "jümp" if "\u00fc" in line else "jump"
    with pytest.raises(InputFileError) as e:
        parse("# header\n" + line, "f.jsonl")
    column = line.index(f'"{name}"', line.index('"controls"')) + 1
    if name == "jump" and '"jump",' in line:
        column = line.index('"jump": 1') + 1
    assert (e.value.line, e.value.column) == (2, column)
    assert str(e.value).startswith(f"f.jsonl:2:{column}: unknown control '{name}'")
    assert isinstance(e.value, ValueError)


def test_control_error_carries_the_control_name():
    with pytest.raises(ControlError) as e:
        normalise({"fire": True, "warp": True})
    assert e.value.control == "warp" and isinstance(e.value, ValueError)


# -- inputs files -------------------------------------------------------------

def test_a_non_utf8_inputs_file_names_the_file_line_and_column(tmp_path, capsys):
    f = tmp_path / "latin1.jsonl"
    f.write_bytes(b'{"frame": 0, "controls": {}}\n{"frame": 1, "controls": {"up": true}} # caf\xe9\n')
    err = _error(capsys, ["pong", "--headless", "--inputs", str(f)])
    assert f"{f}:2:45: not UTF-8" in err          # the byte 0xE9 of "caf\xe9"


def test_an_unreadable_inputs_file_names_the_file(tmp_path, capsys):
    err = _error(capsys, ["pong", "--headless", "--inputs", str(tmp_path / "missing.jsonl")])
    assert f"{tmp_path / 'missing.jsonl'}: cannot read inputs" in err
    err = _error(capsys, ["pong", "--headless", "--inputs", str(tmp_path)])   # a directory
    assert f"{tmp_path}: cannot read inputs" in err


def test_an_inputs_file_over_the_cap_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(inputs, "MAX_INPUTS_BYTES", 100)
    f = tmp_path / "long.jsonl"
    f.write_text('{"frame": 0, "controls": {"up": true}}\n' * 10)
    err = _error(capsys, ["pong", "--headless", "--inputs", str(f)])
    assert f"{f}: an inputs file is at most 100 bytes" in err
    f.write_text('{"frame": 0, "controls": {"up": true}}\n')
    assert len(inputs.read(str(f))) == 1


@pytest.mark.native
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_dev_zero_as_inputs_is_capped_with_a_clear_message(capsys):
    err = _error(capsys, ["pong", "--headless", "--inputs", "/dev/zero"])
    assert f"/dev/zero: an inputs file is at most {inputs.MAX_INPUTS_BYTES:,} bytes" in err


# -- settings -----------------------------------------------------------------

@pytest.mark.parametrize("pair, words", [
    # A setting the cabinet offered a few values of names them (DIP switches).
    ("ships=1e999", "asteroids: ships must be 3 or 4, not inf"),
    ("ships=-1", "ships must be 3 or 4, not -1"),
    ("ships=2.5", "ships must be 3 or 4, not 2.5"),
    ("ships=many", "ships must be 3 or 4, not 'many'"),
    ("ships=true", "ships must be 3 or 4, not True"),
    ("bonus_ship=null", "'bonus_ship' must be a whole number from 0 to 1,000,000,000, not None"),
    ("bonus_ship=NaN", "'bonus_ship' must be a whole number"),
    ("bonus_ship=" + "9" * 400, "'bonus_ship' must be a whole number"),
    ("bonus_ship=" + "9" * 5000, "--set bonus_ship: not a usable value (Exceeds the limit"),
    ("ships=" + "[" * 100_000, "--set ships: not a usable value (nested more than 100 deep)"),
])
def test_odd_settings_are_one_line_errors(capsys, pair, words):
    err = _error(capsys, ["asteroids", "--headless", "--frames", "1", "--set", pair])
    assert words in err and len(err) < 300


@pytest.mark.parametrize("name", games.available())
def test_every_setting_of_every_game_refuses_odd_values_with_a_value_error(name):
    cls = games.game_class(name)
    odd = [None, float("inf"), float("nan"), -1, 10**400, 2.5, "x", "", [], [1, "a"], {},
           {"a": 1}, True, [10**400], 10**5000]
    for key in cls.default_settings:
        for value in odd:
            try:
                game = cls(settings={key: value})
            except ValueError as e:
                assert name in str(e) and len(str(e)) < 300
            else:                                   # accepted: of the default's kind
                assert type(game.settings[key]) is type(cls.default_settings[key])


def test_good_settings_still_work(capsys):
    assert cli.main(["asteroids", "--headless", "--frames", "1", "--set", "ships=4",
                     "--set", "bonus_ship=20000"]) == 0
    assert cli.main(["battlezone", "--headless", "--frames", "1", "--set", "bonus_tanks=[15000]"]) == 0
    capsys.readouterr()
