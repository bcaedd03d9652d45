"""Self-modifying code in translated blocks (translate.py's guarded forms)
against the interpreter, instruction for instruction: a computed branch
(STS into a short MDX jump), C and V kept in an LDS (STS into it), index
registers saved in an LDX's address word (``STX 1 X+1 ... X LDX L1 *-*``)
and random loops that store into their own instructions' words; after each
chunk the whole saved state must be the same."""

from __future__ import annotations

import random

import pytest

from machines.ibm1130 import translate
from machines.ibm1130.encode import long, shift, short
from translate_pair import pair, run_both


def _back(here: int, target: int) -> int:
    return short("MDX", target - (here + 1))


def _sources(fast) -> str:
    return "\n".join(b[0].source for b in fast._core.translator.blk if b)


def test_computed_branch_through_a_stored_jump():
    # 100 LD L 300; A L 301; STO L 300; STS L 108; 108 MDX *+0..3 (C and V);
    # MDX 1 1; MDX 2 1; MDX 3 1; NOP; STS L 10F; 10F LDS 0; B 100
    code = long("LD", 0x300) + long("A", 0x301) + long("STO", 0x300) + long("STS", 0x108)
    code += [short("MDX", 0), short("MDX", 1, tag=1), short("MDX", 1, tag=2), short("MDX", 1, tag=3),
             shift("SLA", 0)]
    code += long("STS", 0x10F) + [short("LDS", 0)]
    code.append(_back(0x100 + len(code), 0x100))
    assert code[8] == short("MDX", 0) and code[15] == short("LDS", 0)
    plain, fast = pair({0x100: code, 0x300: [0x1234, 0x6D3B]}, 0x100, regs=(0, 0, True, False))
    run_both(plain, fast, [40, 1, 7, 300, 2000, 13, 5000])
    t = fast._core.translator
    assert t.smc[0x108] >= translate.SMC_STORES
    # STS into the LDS stores the C and V the LDS itself set: the same word
    # each pass after the first, so it is not self-modifying code.
    assert t.smc[0x10F] == 0
    assert f"M[{0x108}] >> 8 ==" in _sources(fast)        # the jump compiled for any displacement
    assert len({fast.xr[0], fast.xr[1], fast.xr[2]}) > 1     # more than one way was taken


def test_index_register_saved_in_an_ldx_address_word():
    # SUB at 180: DC 0; STX 1 18C (LDX's address word); LDX L1 200; LD L1 0; A L 302;
    # STO L1 0; LDX L1 *-* (18B/18C); BSC I 180.  Main: MDX 1 1; BSI L 180; B 100.
    sub = [0] + long("STX", 0x18C, tag=1) + long("LDX", 0x200, tag=1) + long("LD", 0, tag=1)
    sub += long("A", 0x302) + long("STO", 0, tag=1) + long("LDX", 0, tag=1) + long("BSC", 0x180, indirect=True)
    assert len(sub) == 15 and sub[11] == long("LDX", 0, tag=1)[0]
    main = [short("MDX", 1, tag=1)] + long("BSI", 0x180)
    main.append(_back(0x100 + len(main), 0x100))
    plain, fast = pair({0x100: main, 0x180: sub, 0x200: [5], 0x302: [3], 1: [0x10, 0x20, 0x30]}, 0x100)
    run_both(plain, fast, [25, 3, 999, 1, 4000, 77])
    assert fast._core.translator.smc[0x18C] >= translate.SMC_STORES
    assert "a_ = M[396]" in _sources(fast)                  # 18C read when the LDX runs
    assert plain.memory[0x200] == fast.memory[0x200] != 5


def test_a_guarded_instruction_changed_into_another_kind():
    # 100 LD I 310; STO L 106; NOP; NOP; 106 LD L 1000 (its first word from the
    # table at 330: LD, A, S, LD I, an LDS, which leaves 107 = /1000 to run
    # as SLA 0); STO L 320; MDX L 310,+1; LD L 310; AND L 312; STO L 310; B 100.
    # The guard fails on every change: the decode cache runs the word, a
    # change of length drops the block.
    code = long("LD", 0x310, indirect=True) + long("STO", 0x106) + [shift("SLA", 0)] * 2
    code += long("LD", 0x1000) + long("STO", 0x320) + long("MDX", 0x310, modifier=1)
    code += long("LD", 0x310) + long("AND", 0x312) + long("STO", 0x310)
    code.append(_back(0x100 + len(code), 0x100))
    assert code[6:8] == long("LD", 0x1000)
    kinds = [long("LD", 0x1000)[0], long("A", 0x1000)[0]] * 2 + [long("S", 0x1000)[0],
             long("LD", 0x1000, indirect=True)[0], long("LD", 0x1000)[0], short("LDS", 3)]
    words = {0x100: code, 0x310: [0x330, 0, 0x337], 0x330: kinds, 0x1000: [0x1001, 0x0123]}
    plain, fast = pair(words, 0x100, size=8192)
    run_both(plain, fast, [30, 1, 500, 3, 3000, 11])
    t = fast._core.translator
    assert t.smc[0x106] >= translate.SMC_STORES and t.stats["dropped"] > 0


def _smc_loop(rng: random.Random, origin: int) -> dict[int, list[int]]:
    """A loop of long and short instructions, some of which store (STO,
    STX, STS, MDX L) into the words of its own instructions: address words,
    first words, or data."""
    code: list[int] = []
    starts: list[tuple[int, bool]] = []
    for _ in range(rng.randint(4, 12)):
        here = origin + len(code)
        r = rng.random()
        if r < 0.35:
            op = rng.choice(["LD", "A", "S", "AND", "OR", "EOR", "LDX", "LDD", "M", "STO"])
            tag = rng.choice([0, 0, 1, 2, 3])
            target = 0x300 + rng.randrange(0, 16)
            code += long(op, target, tag=tag if op != "LDX" else rng.randint(1, 3))
            starts.append((here, True))
        elif r < 0.55:
            code.append(short("MDX", rng.randint(0, 2)))
            starts.append((here, False))
        elif r < 0.65:
            code.append(short("LDS", rng.randint(0, 3)))
            starts.append((here, False))
        elif r < 0.8:
            code.append(shift(rng.choice(["SLA", "SRA", "SLT", "RTE"]), rng.randint(0, 20)))
            starts.append((here, False))
        else:
            code.append(short("MDX", rng.choice([1, 0xFF]), tag=rng.randint(1, 3)))
            starts.append((here, False))
    stores = []
    for _ in range(rng.randint(1, 4)):
        at, is_long = rng.choice(starts)
        word = at + 1 if is_long and rng.random() < 0.8 else at
        kind = rng.random()
        if kind < 0.4:
            stores += long("STX", word, tag=rng.randint(1, 3))
        elif kind < 0.7:
            stores += long("STS", word)
        elif kind < 0.85:
            stores += long("MDX", word, modifier=rng.choice([1, 0xFF]))
        else:
            stores += long("STO", word)
    body = stores + code
    # relocate: the stores go first, so the code moves by len(stores)
    shifted = [w for w in body]
    shift_by = len(stores)
    for i in range(0, len(stores), 2):
        shifted[i + 1] = stores[i + 1] + shift_by
    here = origin + len(shifted)
    shifted.append(_back(here, origin))
    return {origin: shifted, 0x300: [rng.getrandbits(16) for _ in range(18)],
            1: [rng.randrange(0, 0x40) for _ in range(3)]}


@pytest.mark.parametrize("seed", range(40))
def test_random_self_modifying_loops_agree(seed):
    rng = random.Random(7000 + seed)
    words = _smc_loop(rng, 0x100)
    regs = (rng.getrandbits(16), rng.getrandbits(16), rng.random() < 0.5, rng.random() < 0.5)
    plain, fast = pair(words, 0x100, regs=regs)
    run_both(plain, fast, [rng.randint(1, 300) for _ in range(10)])
