"""Cards, decks and the cold start card (reference sections 4.7, 4.8)."""

from pathlib import Path

import pytest

from machines.ibm1130.cards import (Card, DeckError, DeckWarning, HopperCard, coldstart_card, coldstart_words,
                                    deck_from_bytes, deck_from_file_bytes, deck_from_text, deck_to_text,
                                    expand_tabs, hopper_cards, read_deck, write_deck)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"


def test_text_card_round_trip_and_columns():
    card = Card.from_text("HELLO, WORLD 123")
    assert card.columns[0] == 0x8020            # H = 12-8
    assert card.columns[5] == 0x2420            # ,
    assert card.columns[79] == 0
    assert card.to_text() == "HELLO, WORLD 123"


def test_binary_image_is_little_endian():
    card = Card.from_text("A")
    data = card.to_bytes()
    assert len(data) == 160 and data[:2] == bytes((0x00, 0x90))
    assert Card.from_bytes(data) == card


def test_assembler_tab_layout_puts_fields_in_ibm_columns():
    line = expand_tabs("LOOP\tLD\tL\tVALUE")
    assert line[20:24] == "LOOP" and line[26:28] == "LD"
    assert line[31] == "L" and line[34:39] == "VALUE"
    assert expand_tabs("\tSRT\t\t16")[34:36] == "16"
    assert expand_tabs("*\tcomment")[20] == "*"
    assert expand_tabs("// JOB") == "// JOB"


def test_fortran_tab_layout():
    assert expand_tabs("10\tX = 1", "fortran") == "10    X = 1"
    assert expand_tabs("\t1+2", "fortran") == "     1+2"


def test_bad_character_names_file_card_and_column():
    with pytest.raises(DeckError, match=r"^d:1:3: character '€' cannot be punched"):
        deck_from_text("AB\u20ac\n", "d")


def test_binary_deck_errors():
    with pytest.raises(DeckError, match="not a multiple of 160"):
        deck_from_bytes(b"\0" * 161, "x.bin")
    with pytest.raises(DeckError, match=r"x.bin:1:1: .*bits 12-15"):
        deck_from_bytes(b"\x01" + b"\0" * 159, "x.bin")


def test_deck_files_round_trip(tmp_path):
    cards = deck_from_text("// JOB\n// ASM\nHELLO\n")
    write_deck(tmp_path / "d.bin", cards)
    write_deck(tmp_path / "d.txt", cards)
    assert (tmp_path / "d.bin").stat().st_size == 3 * 160
    assert read_deck(tmp_path / "d.bin") == cards == read_deck(tmp_path / "d.txt")
    assert deck_to_text(cards) == "// JOB\n// ASM\nHELLO\n"
    with pytest.raises(DeckError, match="cannot read deck"):
        read_deck(tmp_path / "missing.txt")


def test_coldstart_expansion_and_inverse():
    words = [0xC80A, 0x18C2, 0x3000, 0x70FA]
    card = coldstart_card(words)
    assert coldstart_words(card)[:4] == words
    with pytest.raises(ValueError, match="cannot be punched"):
        coldstart_card([0xC40A])               # F bit set


def _load_out(text):
    words, address = {}, 0
    for line in text.splitlines():
        line = line.split(";")[0].strip()
        if not line or line.startswith("="):
            continue
        if line.startswith("@"):
            address = int(line[1:], 16)
            continue
        for token in line.split():
            words[address] = int(token, 16)
            address += 1
    return words


@pytest.mark.skipif(not DATA.exists(), reason="../shared/data/ibm1130 is absent")
def test_dms_coldstart_card_expands_to_the_reference_words():
    [card] = read_deck(DATA / "dms_coldstart.bin")
    expected = _load_out((DATA / "dms_coldstart.out").read_text())
    assert sorted(expected) == list(range(80))
    assert coldstart_words(card) == [expected[a] for a in range(80)]
    assert coldstart_card(coldstart_words(card)) == card


def test_assembler_layout_puts_the_tag_in_column_33():
    # IBM's assembler reads the format in column 32 and the tag in column 33
    assert expand_tabs("\tLD\t1\tX")[31:33] == " 1"
    assert expand_tabs("\tLD\tL2\tX")[31:33] == "L2"
    assert expand_tabs("\tLD\t2L\tX")[31:33] == "L2"
    assert expand_tabs("\tSRT\t\t16")[31:36] == "   16"


def test_a_hopper_card_is_a_card_that_knows_its_deck():
    card = Card.from_text("HELLO")
    cards = hopper_cards([card, card.columns, HopperCard(card.columns, "cold.bin", 7)], "job.txt")
    assert all(isinstance(c, HopperCard) and isinstance(c, Card) for c in cards)
    assert all(c == card for c in cards) and cards[0].to_text() == "HELLO"
    assert [c.where() for c in cards] == ["job.txt: card 1", "job.txt: card 2", "cold.bin: card 7"]
    with pytest.raises(ValueError, match="job.txt: card 2: a card has 80 columns, not 79"):
        hopper_cards([card, [0] * 79], "job.txt")


# ---------------------------------------------- decks as the SIMH kit's users expect

def test_lower_case_reads_as_capitals_unless_asked():
    [card] = deck_from_text("*list source program\n")
    assert card.to_text() == "*LIST SOURCE PROGRAM"
    [kept] = deck_from_text("*list\n", lowercase=True)
    assert kept != card and kept.to_text() != "*LIST"          # IBM's lower-case codes
    assert kept == Card.from_text("*list")


def test_lines_longer_than_80_columns_read_80_with_one_warning():
    messages = []
    cards = deck_from_text("OK\n" + "X" * 90 + "\n" + "Y" * 85 + "\n", "gdu.asm", warn=messages.append)
    assert [c.to_text() for c in cards] == ["OK", "X" * 80, "Y" * 80]
    assert messages == ["gdu.asm:2: warning: line longer than 80 columns (and 1 more); "
                        "read the first 80, as SIMH does"]
    with pytest.warns(DeckWarning, match="d:1: warning"):
        deck_from_text("Z" * 81, "d")


def test_binary_deck_told_by_content_not_only_by_name(tmp_path):
    coldstart = DATA / "dms_coldstart.bin"
    if not coldstart.exists():
        pytest.skip("../shared/data/ibm1130 is not here")
    (tmp_path / "cold.ipl").write_bytes(coldstart.read_bytes())
    assert read_deck(tmp_path / "cold.ipl") == read_deck(coldstart)
    # Blanks, 0, @ and P have the low 4 bits clear too: 160 of them stay text.
    (tmp_path / "zeros.txt").write_bytes((b"0" * 80 + b"\n") * 2)
    (tmp_path / "spaces.txt").write_bytes(b" @P0" * 40 + b"\n")
    assert read_deck(tmp_path / "zeros.txt") == [Card.from_text("0" * 80)] * 2
    with pytest.warns(DeckWarning):
        assert read_deck(tmp_path / "spaces.txt") == [Card.from_text(" @P0" * 20)]


@pytest.mark.native      # /dev/zero: not in Pyodide's file system
def test_a_deck_file_is_capped(tmp_path):
    with pytest.raises(DeckError, match=r"/dev/zero:.*at most 16,000,000 bytes"):
        read_deck("/dev/zero")


def test_a_binary_file_that_is_not_card_images_is_named_binary():
    # Bytes with NUL that are not card images (a disk image, a program) are
    # not read as a text deck of unpunchable characters.
    with pytest.raises(DeckError, match=r"^image.dsk:1:1: this is a binary file, not an ASCII deck"):
        deck_from_file_bytes(b"\x00\x01\x02" * 100, "image.dsk")
    with pytest.raises(DeckError, match=r"^job.txt:2:3: this is a binary file"):
        deck_from_file_bytes(b"// JOB\nAB\x00\n", "job.txt")
