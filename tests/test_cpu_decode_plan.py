"""Decoding memoises what an instruction's first word gives wherever it
stands (cpu.Core._plan): the same word at another address, or with another
second word, must still decode to that address's operands."""

from hypothesis import given, settings
from hypothesis import strategies as st

from machines.ibm1130.system import System


@settings(max_examples=200, deadline=None)
@given(word=st.integers(0, 0xFFFF), second=st.lists(st.integers(0, 0xFFFF), min_size=3, max_size=3),
       places=st.lists(st.integers(2, 0xAA9).map(lambda n: n * 3), min_size=3, max_size=3, unique=True))
def test_a_word_decodes_for_each_place_it_stands(word, second, places):
    shared = System(8192)
    for place, w2 in zip(places, second):
        shared.load_words(place, [word, w2])
    for place, w2 in zip(places, second):
        alone = System(8192)            # nothing memoised from other places
        alone.load_words(place, [word, w2])
        got, expected = shared.decoded(place), alone.decoded(place)
        # Every field but the handlers, which belong to each machine.
        assert got._replace(handler=None, slow=None) == expected._replace(handler=None, slow=None), \
            (hex(word), hex(place))
        assert getattr(got.slow, "__name__", None) == getattr(expected.slow, "__name__", None)
        assert got.next_iar in ((place + 1) & 0x1FFF, (place + 2) & 0x1FFF)


def test_a_relative_branch_lands_relative_to_each_place():
    s = System(8192)
    s.load_words(0x100, [0x7005])           # MDX *+5 (short, T = 0: a jump)
    s.load_words(0x200, [0x7005])
    assert s.decoded(0x100).a == 0x106
    assert s.decoded(0x200).a == 0x206
