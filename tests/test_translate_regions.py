"""Regions (translate.py): a hot block that leaves for other warm code is
translated again with those places as cases of one function, moving
between them inside.  Against the interpreter, chunk by chunk (chunks of
every size, so the room test at each move is hit): subroutine calls
whose returns are computed branches, and random programs of subroutines,
skips and branches between small loops."""

from __future__ import annotations

import random

import pytest

from machines.ibm1130.encode import long, short
from machines.ibm1130.tools import bench
from translate_pair import pair, run_both


def _regions(system) -> list[str]:
    return [b[0].source for b in system._core.translator.blk if b and "pc = " in b[0].source]


def test_subroutine_calls_become_one_region_and_agree():
    plain, fast = bench.build("subroutine calls", False), bench.build("subroutine calls", True)
    fast._core.translator.threshold = 1
    fast._core.translator.promote_at = 4
    run_both(plain, fast, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 50, 777, 5000, 3, 12345])
    regions = _regions(fast)
    assert regions and any("p = M[384] & 32767" in source for source in regions)
    assert fast._core.translator.stats["promoted"] > 0


def _program(rng: random.Random) -> dict[int, list[int]]:
    """Three subroutines and a main loop calling them; each piece has
    arithmetic, stores to data, a conditional skip or branch to another
    piece's start, and an index-register count."""
    subs = [0x200, 0x240, 0x280]
    words: dict[int, list[int]] = {0x300: [rng.getrandbits(16) for _ in range(16)],
                                   1: [rng.randrange(1, 0x30) for _ in range(3)]}
    for sub in subs:
        code = [0]
        for _ in range(rng.randint(1, 4)):
            code += long(rng.choice(["LD", "A", "S", "EOR", "STO", "OR"]), 0x300 + rng.randrange(16))
        if rng.random() < 0.5:
            code.append(short("BSC", 0) | rng.choice([0x20, 0x10, 0x08, 0x04, 0x02]))   # skip on a condition
            code.append(short("MDX", 1, tag=rng.randint(1, 3)))
        code += long("BSC", sub, indirect=True)                                     # return
        words[sub] = code
    main = []
    for _ in range(rng.randint(2, 5)):
        main += long("BSI", rng.choice(subs))
        if rng.random() < 0.4:
            main += long("BSC", 0x100, modifier=rng.choice([0x20, 0x10, 0x08]))      # back to the start on a condition
    main.append(short("MDX", 1, tag=rng.randint(1, 3)))
    main.append(short("MDX", (0x100 - (0x100 + len(main) + 1)) & 0xFF))
    words[0x100] = main
    return words


@pytest.mark.parametrize("seed", range(30))
def test_random_call_graphs_agree(seed):
    rng = random.Random(9100 + seed)
    words = _program(rng)
    regs = (rng.getrandbits(16), rng.getrandbits(16), rng.random() < 0.5, rng.random() < 0.5)
    plain, fast = pair(words, 0x100, regs=regs)
    run_both(plain, fast, [rng.randint(1, 60) for _ in range(12)] + [2000, 1, 3000])

