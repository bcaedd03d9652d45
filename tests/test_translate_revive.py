"""Dropped blocks put back when their code comes back (translate.py's
dormant blocks): an overlay read over a translated routine and read back
later, and a switch instruction the program stores over and restores.  The
translator must reuse the block it made (no new translation), never one
whose words differ, and agree with the interpreter instruction for
instruction after every chunk."""

from __future__ import annotations

from machines.ibm1130 import translate
from machines.ibm1130.encode import long, short
from translate_pair import pair, run_both

ROUTINE = 0x200       # entry word (BSI stores the return address there)


def _routine(operation: str, operand: int = 0x301) -> list[int]:
    # DC 0; LD L 300; <operation> L operand; STO L 300; BSC I 200 (return)
    return ([0] + long("LD", 0x300) + long(operation, operand) + long("STO", 0x300)
            + long("BSC", ROUTINE, indirect=True))


def _main() -> list[int]:
    # 100 BSI L 200; MDX 1 1; MDX back to 100
    code = long("BSI", ROUTINE) + [short("MDX", 1, tag=1)]
    code.append(short("MDX", 0x100 - (0x100 + len(code) + 1)))
    return code


def _machines():
    return pair({0x100: _main(), ROUTINE: _routine("A"), 0x300: [0, 3, 5]}, 0x100)


def _load_both(machines, address: int, words: list[int]) -> None:
    # The routine's code only: its entry word holds the return address.
    # Read between passes of the loop (a pass is 7 instructions), as DMS
    # reads an overlay when nothing runs in it.
    assert address == ROUTINE and all(machine.iar == 0x100 for machine in machines)
    for machine in machines:
        machine.load_words(address + 1, words[1:])


def test_an_overlay_read_back_gets_its_blocks_back_without_translating():
    plain, fast = _machines()
    t = fast._core.translator
    run_both(plain, fast, [301, 7])
    heads = (0x100, 0x102)   # the loop's blocks: BSI is followed into the routine
    adding = [t.blk[head] for head in heads]
    assert None not in adding
    # Another overlay over the routine, then the first one read back.
    _load_both((plain, fast), ROUTINE, _routine("S"))
    run_both(plain, fast, [203])
    subtracting = t.blk[0x100]
    assert subtracting is not None and subtracting not in adding
    revived = t.stats["revived"]
    _load_both((plain, fast), ROUTINE, _routine("A"))
    run_both(plain, fast, [5, 400, 1])
    assert [t.blk[head] for head in heads] == adding          # the same blocks, put back
    assert t.stats["revived"] == revived + 2
    # The subtraction's block was kept too: reading it back reuses it.
    _load_both((plain, fast), ROUTINE, _routine("S"))
    run_both(plain, fast, [252])
    assert t.blk[0x100] is subtracting
    assert plain.memory[0x300] == fast.memory[0x300]


def test_a_routine_read_back_with_another_operand_is_translated_again():
    plain, fast = _machines()
    t = fast._core.translator
    run_both(plain, fast, [301])
    head = 0x100         # the loop's block: BSI is followed into the routine
    block = t.blk[head]
    _load_both((plain, fast), ROUTINE, _routine("S"))
    run_both(plain, fast, [98])
    revived = t.stats["revived"]
    # Its own code again but adding word 302 (5), not 301 (3).
    _load_both((plain, fast), ROUTINE, _routine("A", 0x302))
    run_both(plain, fast, [100, 9, 300])
    assert t.blk[head] is not None and t.blk[head] is not block
    assert t.stats["revived"] == revived
    assert f"M[{0x302}]" in t.blk[head][0].source


def test_a_switch_stored_over_and_restored_gets_its_block_back():
    # 100 LD L 300; A L 301; STO L 300; 106 MDX 1 1; MDX back to 100.  From
    # outside the block the program stores a NOP (SLA 0) over 106 and later
    # the MDX back, as a program sets and clears a switch.
    code = long("LD", 0x300) + long("A", 0x301) + long("STO", 0x300) + [short("MDX", 1, tag=1)]
    code.append(short("MDX", 0x100 - (0x100 + len(code) + 1)))
    plain, fast = pair({0x100: code, 0x300: [0, 3]}, 0x100)
    t = fast._core.translator
    run_both(plain, fast, [200])
    block = t.blk[0x100]
    assert block is not None
    original = plain.memory[0x106]
    for machine in (plain, fast):
        machine.store(0x106, 0x1000)                # SLA 0: a no-operation
    assert t.blk[0x100] is None
    run_both(plain, fast, [120])
    for machine in (plain, fast):
        machine.store(0x106, original)
    run_both(plain, fast, [3, 200, 11])
    assert t.blk[0x100] is block
    assert t.stats["revived"] >= 1


def test_revival_waits_a_few_executions_not_the_threshold():
    plain, fast = _machines()
    t = fast._core.translator
    t.threshold = 50
    run_both(plain, fast, [2002])
    head = 0x100         # the loop's block: BSI is followed into the routine
    block = t.blk[head]
    assert block is not None
    _load_both((plain, fast), ROUTINE, _routine("S"))
    run_both(plain, fast, [14])                        # under the threshold: not translated
    _load_both((plain, fast), ROUTINE, _routine("A"))
    # After REVIVE_AFTER passes the loop's block is back, long before 50.
    run_both(plain, fast, [7 * (translate.REVIVE_AFTER + 2)])
    assert t.blk[head] is block
