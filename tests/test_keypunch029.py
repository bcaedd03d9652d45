"""The IBM 029 keypunch model: what an operator sees on the cards."""

from __future__ import annotations

import pytest

from machines.ibm1130 import codes
from machines.ibm1130.cards import read_deck
from machines.ibm1130.devices.keypunch029 import Keypunch029, KeypunchError, ProgramCard, main, punch_text


def test_typing_punches_prints_and_advances():
    kp = Keypunch029()
    kp.feed()
    kp.type("A1 /")
    assert kp.column == 5
    assert kp.card.columns[:4] == [0x9000, 0x1000, 0, 0x3000]
    assert "".join(kp.printed[:4]) == "A1 /"
    card = kp.release()
    assert card.to_text() == "A1 /"
    assert kp.card is not None and kp.column == 1          # auto feed registered the next card


def test_multi_punch_and_rows():
    kp = Keypunch029()
    kp.feed()
    kp.multi_punch("&1")                                    # 12 + 1 = A
    kp.punch_rows([11, 0, 8, 2])
    assert kp.card.columns[0] == 0x9000
    assert kp.card.columns[1] == 0x4000 | 0x2000 | 0x0020 | 0x0800
    assert kp.printed[0] == "A" and kp.column == 3


def test_duplicate_from_previous_card():
    kp = Keypunch029()
    kp.feed()
    kp.type("HELLO")
    kp.release()
    kp.dup(3)
    kp.type("P")
    assert kp.card.to_text() == "HELP"


def test_program_card_skip_duplicate_and_left_zero():
    program = ProgramCard.from_text("1AAA-&&0&&" + "&" * 5)
    fields = program.fields()
    assert [(f.start, f.end, f.skip, f.duplicate, f.alphabetic) for f in fields[:3]] == [
        (1, 4, False, False, True), (5, 7, True, False, False), (8, 15, False, True, False)]
    kp = Keypunch029(program=program)
    kp.feed()
    kp.type("ABCD")                  # field 1, then columns 5-7 skipped, 8-15 duplicated (blank)
    assert kp.column == 16
    kp.release()
    prev = kp.previous
    assert prev.to_text() == "ABCD"
    kp.type("WXYZ")
    assert kp.column == 16
    numeric = ProgramCard.from_text("&&&&&" + "&&&&")       # field 1-9 numeric (no alpha shift)
    kp2 = Keypunch029(program=numeric)
    kp2.feed()
    kp2.left_zero("42")
    assert kp2.card.to_text() == "000000042"


def test_bad_key_and_past_column_80():
    kp = Keypunch029()
    kp.feed()
    with pytest.raises(KeypunchError):
        kp.key("~")
    kp.type("X" * 80)
    with pytest.raises(KeypunchError):
        kp.key("Y")


def test_deck_save_and_load_in_both_formats(tmp_path):
    kp = Keypunch029()
    kp.feed()
    for line in ("// JOB", "// FOR"):
        kp.type(line)
        kp.release()
    kp.card = None
    kp.clear()
    for name in ("deck.txt", "deck.bin"):
        path = tmp_path / name
        kp.save_deck(str(path))
        assert [c.to_text() for c in read_deck(str(path), layout="none")] == ["// JOB", "// FOR"]
    again = Keypunch029()
    again.load_deck(str(tmp_path / "deck.bin"))
    again.feed()
    assert again.card.to_text() == "// JOB"


def test_command_line_punches_text_file(tmp_path, capsys):
    text = tmp_path / "job.txt"
    text.write_text("// JOB\n// XEQ\n")
    out = tmp_path / "job.bin"
    assert main([str(text), "-o", str(out)]) == 0
    cards = read_deck(str(out))
    assert [c.to_text() for c in cards] == ["// JOB", "// XEQ"]
    assert "2 cards" in capsys.readouterr().out


def test_command_line_bad_character_names_line_and_column(tmp_path, capsys):
    text = tmp_path / "bad.txt"
    text.write_text("OK\nAB~\n")
    assert main([str(text), "-o", str(tmp_path / "x.bin")]) == 1
    err = capsys.readouterr().err
    assert "bad.txt:2:3:" in err and "Traceback" not in err


def test_punch_text_program_skips_columns():
    cards = punch_text("AB\n", program=ProgramCard.from_text("&-&"))
    assert cards[0].columns[0] == codes.ascii_to_hollerith("A")


def test_state_round_trip_and_snapshot():
    import json
    kp = Keypunch029(program=ProgramCard.from_text("&&&-&&"))
    kp.feed()
    kp.type("AB")
    state = json.loads(json.dumps(kp.save_state()))
    other = Keypunch029()
    other.load_state(state)
    other.type("C")
    assert other.card.to_text() == "ABC" and other.column == 7      # columns 4-6 skipped
    snap = kp.snapshot()
    assert snap["column"] == 3 and snap["printed"].startswith("AB")
    assert snap["field"] == {"start": 1, "end": 3, "skip": False, "duplicate": False,
                             "alphabetic": False}


def test_card_lines_checks_every_line_and_lays_out_tabs():
    from machines.ibm1130.cards import DeckError
    from machines.ibm1130.devices.keypunch029 import card_lines
    # label column 21, operation 27, format 32, operand 35 (cards.expand_tabs)
    assert card_lines("START\tLD\tL\tX\r\n", "p.asm", layout="asm") == [" " * 20 + "START LD   L  X"]
    with pytest.raises(DeckError) as e:
        card_lines("OK\nBAD ~ KEY\n", "deck.txt")
    assert str(e.value).startswith("deck.txt:2:5: ") and "'~'" in str(e.value)
