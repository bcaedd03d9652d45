"""A text file that is not UTF-8 is named the same way by every reader
that needs UTF-8: the file, the line and the column (in characters) of
the first bad byte, ``FILE:LINE:COLUMN: not UTF-8 text (byte 0xE9)``:
the console keyboard script of ``run --keyboard``, a challenge file, the
keypunch's text and a game's inputs file."""

from __future__ import annotations

import pytest

from games import __main__ as games_cli
from machines.ibm1130.tools import cli
from machines.textfile import NotUtf8Error, decode_utf8, decode_utf8_or_latin1

# Line 2 is "ét" then a Latin-1 é: the bad byte is the third character.
LATIN1_LINE_2 = "first line\n".encode() + "ét".encode("utf-8") + b"\xe9 and more\n"


def expected(path) -> str:
    return f"{path}:2:3: not UTF-8 text (byte 0xE9)"


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(LATIN1_LINE_2)
    return path


def test_the_helper_names_the_line_and_the_character_column(bad_file):
    with pytest.raises(NotUtf8Error) as caught:
        decode_utf8(bad_file.read_bytes(), str(bad_file))
    assert str(caught.value) == expected(bad_file)
    assert (caught.value.line, caught.value.column, caught.value.byte) == (2, 3, 0xE9)
    assert decode_utf8("ét\n".encode(), "x") == "ét\n"
    assert decode_utf8_or_latin1(LATIN1_LINE_2) == LATIN1_LINE_2.decode("latin-1")


def test_run_keyboard_script(bad_file, tmp_path, capsys):
    program = tmp_path / "p.out"
    program.write_text("@0100\n3000\n=0100\n")
    assert cli.main(["run", str(program), "--keyboard", str(bad_file)]) == 1
    assert capsys.readouterr().err.strip() == expected(bad_file)


def test_challenge_file(bad_file, tmp_path, capsys):
    challenge = tmp_path / "mine.toml"
    challenge.write_bytes(LATIN1_LINE_2)
    assert cli.main(["challenge", "show", str(challenge)]) != 0
    assert capsys.readouterr().err.strip() == expected(challenge)


def test_keypunch_text(bad_file, tmp_path, capsys):
    assert cli.main(["keypunch", str(bad_file), "-o", str(tmp_path / "deck.txt")]) == 1
    assert capsys.readouterr().err.strip() == expected(bad_file)
    assert not (tmp_path / "deck.txt").exists()


def test_game_inputs_file(bad_file, capsys):
    assert games_cli.main(["pong", "--headless", "--inputs", str(bad_file)]) == 2
    assert capsys.readouterr().err.strip() == f"python -m games: error: {expected(bad_file)}"


def test_a_games_saved_data(tmp_path, monkeypatch, capsys):
    desktop = pytest.importorskip("games.desktop")      # pyxel: the desktop extra

    class Game:
        name = "latin1_game"
        loaded = None

        def load_persistent_data(self, data):
            self.loaded = data

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = desktop.data_path(Game.name)
    path.parent.mkdir(parents=True)
    path.write_bytes(LATIN1_LINE_2)
    game = Game()
    desktop.load_persistent(game)                      # reported, not raised: the game starts afresh
    assert game.loaded is None
    assert capsys.readouterr().err.strip() == f"{expected(path)}; ignoring the saved data"
