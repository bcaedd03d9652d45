"""Property tests of card images, decks and the cold start expansion."""


from machines.ibm1130 import codes
from machines.ibm1130.cards import (Card, capitals, coldstart_card, coldstart_words, deck_from_bytes,
                                    deck_from_text, deck_to_bytes, deck_to_text)

import hypothesis  # a dev dependency, in Pyodide too: imported, never skipped
st = hypothesis.strategies

column_words = st.integers(0, 0xFFF).map(lambda v: v << 4)
cards = st.lists(column_words, min_size=80, max_size=80).map(Card)
printable_029 = [ch for ch in codes.keypunch_characters("029") if ch.isprintable()]


@hypothesis.given(st.lists(cards, max_size=5))
def test_binary_decks_round_trip(deck):
    assert deck_from_bytes(deck_to_bytes(deck)) == deck


@hypothesis.given(st.lists(st.text(alphabet=printable_029, max_size=80), max_size=5))
def test_text_decks_round_trip(lines):
    # IBM's lower-case codes (SIMH's -l) round-trip; by default lower case reads as capitals.
    text = "".join(line + "\n" for line in lines)
    deck = deck_from_text(text, layout="none", lowercase=True)
    assert deck_to_text(deck) == "".join(line.rstrip() + "\n" for line in lines)
    assert deck_to_text(deck_from_text(text, layout="none")) == capitals(deck_to_text(deck))


@hypothesis.given(st.lists(st.integers(0, 0xFFFF).filter(
    lambda w: not w & 0x0700 and (w >> 6) & 3 in (0, 3)), max_size=80))
def test_coldstart_card_inverts_the_expansion(words):
    card = coldstart_card(words)
    assert coldstart_words(card)[:len(words)] == words
    assert all(w == 0 for w in coldstart_words(card)[len(words):])


@hypothesis.given(cards)
def test_every_card_expands_to_short_unindexed_instructions(card):
    for word in coldstart_words(card):
        assert word & 0x0700 == 0                 # F and T are 0
        assert (word >> 6) & 3 in (0, 3)          # row 3 sets bits 8 and 9 together
