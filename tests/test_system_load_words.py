"""System.load_words (a disk sector, a loader's record): the same core,
decoded instructions and translated blocks as ``store`` of each word."""

from __future__ import annotations

from machines.ibm1130.encode import long, short
from machines.ibm1130.system import System


def _loop(system: System, increment: int) -> None:
    # At 0x100: add the word at 0x181 to the one at 0x180, XR1 times, then WAIT.
    code = (long("LD", 0x180) + long("A", 0x181) + long("STO", 0x180)
            + [short("MDX", -1, tag=1), short("MDX", -8), short("WAIT")])
    system.load_words(0x100, code)
    system.load_words(0x180, [0, increment])


def test_code_loaded_over_a_translated_block_runs_as_loaded_on_both_paths():
    for translate in (False, True):
        system = System(4096, translate=translate)
        system._core.translator.threshold = 2
        totals = []
        for increment in (1, 2):
            _loop(system, increment)
            # The new code: ``A`` reads 0x182 (three times the increment).
            system.load_words(0x100, long("LD", 0x180) + long("A", 0x182 if increment == 2 else 0x181))
            system.memory[0x182] = 3 * increment
            system.memory[1] = 20
            system.iar = 0x100
            system.wait = False
            assert system.run(1000) == "wait"
            totals.append(system.memory[0x180])
        assert totals == [20, 120], translate


def test_loading_wraps_at_the_top_of_core_and_masks_each_word():
    system = System(4096)
    system.load_words(4094, [0x1_0001, 2, 3])
    assert system.memory[4094:] == [1, 2] and system.memory[0] == 3


def test_the_same_words_again_keep_translated_blocks_and_new_words_drop_them():
    system = System(4096, translate=True)
    system._core.translator.threshold = 1
    code = long("LD", 0x300) + [short("A", 0x3), short("MDX", -4, tag=1), 0]
    system.load_words(0x200, code)
    system.memory[1] = 5
    system.iar = 0x200
    system.run(30)
    blocks = [b for b in system._core.translator.blk if b is not None]
    assert blocks
    system.load_words(0x200, code)
    assert [b for b in system._core.translator.blk if b is not None] == blocks
    system.load_words(0x201, [0x301])
    assert all(b is None for b in system._core.translator.blk)
    assert system.decoded(0x200).word2 == 0x301


def test_core_watch_is_told_once_per_load():
    system = System(4096)
    calls = []
    system.core_watch = lambda: calls.append(1)
    system.load_words(0x400, list(range(300)))
    assert calls == [1]
