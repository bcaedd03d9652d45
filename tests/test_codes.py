"""Character code tables (reference section 4.7)."""

import pytest

from machines.ibm1130 import codes

# Section 4.7's 029 table, as (character, punches, word) triples.
TABLE_029 = [
    (" ", "", 0x0000), ("0", "0", 0x2000), ("&", "12", 0x8000), ("-", "11", 0x4000),
    ("/", "0-1", 0x3000), ("\u00a2", "12-2-8", 0x8820), (".", "12-3-8", 0x8420),
    ("<", "12-4-8", 0x8220), ("(", "12-5-8", 0x8120), ("+", "12-6-8", 0x80A0),
    ("|", "12-7-8", 0x8060), ("!", "11-2-8", 0x4820), ("$", "11-3-8", 0x4420),
    ("*", "11-4-8", 0x4220), (")", "11-5-8", 0x4120), (";", "11-6-8", 0x40A0),
    ("\u00ac", "11-7-8", 0x4060), (",", "0-3-8", 0x2420), ("%", "0-4-8", 0x2220),
    ("_", "0-5-8", 0x2120), (">", "0-6-8", 0x20A0), ("?", "0-7-8", 0x2060),
    (":", "2-8", 0x0820), ("#", "3-8", 0x0420), ("@", "4-8", 0x0220),
    ("'", "5-8", 0x0120), ("=", "6-8", 0x00A0), ('"', "7-8", 0x0060),
    ("A", "12-1", 0x9000), ("I", "12-9", 0x8010), ("J", "11-1", 0x5000),
    ("R", "11-9", 0x4010), ("S", "0-2", 0x2800), ("Z", "0-9", 0x2010),
    ("1", "1", 0x1000), ("9", "9", 0x0010),
    ("a", "12-0-1", 0xB000), ("i", "12-0-9", 0xA010), ("j", "12-11-1", 0xD000),
    ("r", "12-11-9", 0xC010), ("s", "11-0-2", 0x6800), ("z", "11-0-9", 0x6010),
]


@pytest.mark.parametrize("ch,punches,word", TABLE_029)
def test_029_table_matches_reference(ch, punches, word):
    assert codes.ascii_to_hollerith(ch) == word
    assert codes.hollerith_to_ascii(word) == ch
    assert codes.punches_to_word(punches) == word
    assert codes.word_to_punches(word) == punches


def test_letter_rule_zone_plus_row():
    # "a letter row number n gives word = zone | (0x1000 >> (n-1))"
    for i, ch in enumerate("ABCDEFGHI"):
        assert codes.ascii_to_hollerith(ch) == 0x8000 | (0x1000 >> i)


def test_026_fortran_and_commercial_differ_from_029():
    assert codes.ascii_to_hollerith("+", "026F") == 0x8000
    assert codes.ascii_to_hollerith("=", "026F") == 0x0420
    assert codes.ascii_to_hollerith("'", "026F") == 0x0220
    assert codes.hollerith_to_ascii(0x8220, "026F") == ")"
    assert codes.hollerith_to_ascii(0x8220, "026C") == "<"
    assert codes.hollerith_to_ascii(0x2220, "026F") == "("
    assert codes.hollerith_to_ascii(0x2220, "026C") == "%"
    # each 026 table accepts the other's character for the same punches
    assert codes.ascii_to_hollerith("(", "026C") == 0x2220
    assert codes.ascii_to_hollerith("a", "026F") == 0x9000


def test_unknown_punches_and_characters():
    assert codes.hollerith_to_ascii(0xFFF0) == codes.UNKNOWN_CHAR
    assert codes.hollerith_to_ascii(0xFFF0, substitute="~") == "~"
    with pytest.raises(ValueError, match="no 029 card code"):
        codes.ascii_to_hollerith("\u20ac")
    with pytest.raises(ValueError, match="unknown keypunch table"):
        codes.ascii_to_hollerith("A", "024")


def test_ebcdic_reference_codes():
    expected = {" ": 0x40, "0": 0xF0, "9": 0xF9, "A": 0xC1, "I": 0xC9, "J": 0xD1,
                "S": 0xE2, "Z": 0xE9, "a": 0x81, "s": 0xA2, ".": 0x4B, "(": 0x4D,
                "+": 0x4E, "&": 0x50, "$": 0x5B, "*": 0x5C, ")": 0x5D, "-": 0x60,
                "/": 0x61, ",": 0x6B, "'": 0x7D, "=": 0x7E, "\u00a2": 0x4A}
    for ch, code in expected.items():
        assert codes.ascii_to_ebcdic(ch) == code
        assert codes.ebcdic_to_ascii(code) == ch


def test_ebcdic_word_packing_pads_odd_length():
    assert codes.text_to_ebcdic_words("ABC") == [0xC1C2, 0xC340]
    assert codes.ebcdic_words_to_text([0xC1C2, 0xC340]) == "ABC "


def test_hollerith_ebcdic_round_trip():
    for ch, _, word in TABLE_029:
        assert codes.hollerith_to_ebcdic(word) == codes.ascii_to_ebcdic(ch)
        assert codes.ebcdic_to_hollerith(codes.ascii_to_ebcdic(ch)) == word
    with pytest.raises(ValueError):
        codes.hollerith_to_ebcdic(0xFFF0)


def test_console_printer_codes():
    assert codes.ascii_to_console_printer("A") == 0x3C
    assert codes.ascii_to_console_printer("1") == 0xFC
    assert codes.ascii_to_console_printer("(") == 0xFE
    assert codes.ascii_to_console_printer("a") == 0x3E
    assert codes.console_printer_to_ascii(0x56) == "p"
    assert codes.ascii_to_console_printer("\n") == 0x81
    assert codes.console_printer_to_ascii(0x81) is None
    assert codes.console_printer_controls(0x81) == ("return",)
    assert codes.console_printer_controls(0x03) == ("linefeed",)
    assert codes.console_printer_controls(0x09) == ("red",)
    assert codes.console_printer_controls(0x3C) == ()
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-+*/()=$'":
        assert codes.console_printer_to_ascii(codes.ascii_to_console_printer(ch)) == ch


def test_console_keyboard_codes():
    assert codes.ascii_to_keyboard("A") == 0x9000
    assert codes.ascii_to_keyboard("a") == 0x9000
    assert codes.ascii_to_keyboard(" ") == 0
    assert codes.ascii_to_keyboard("\n") == codes.KEY_EOF == 0x0008
    assert codes.ascii_to_keyboard("\b") == codes.KEY_BACKSPACE
    with pytest.raises(ValueError):
        codes.ascii_to_keyboard("\x01")


def test_print_wheel_has_48_distinct_characters():
    assert len(codes.PRINTER_1132_WHEEL) == 48 == len(set(codes.PRINTER_1132_WHEEL))
    for ch in codes.PRINTER_1132_WHEEL:
        codes.ascii_to_ebcdic(ch)


def test_keypunch_character_sets():
    chars = codes.keypunch_characters("029")
    assert len(chars) == len(set(chars)) == 63 + 26 + 10       # 029 set, lower case, APL
    for ch in chars:
        assert codes.hollerith_to_ascii(codes.ascii_to_hollerith(ch)) == ch
    assert "?" not in codes.keypunch_characters("026F") and ")" in codes.keypunch_characters("026F")
