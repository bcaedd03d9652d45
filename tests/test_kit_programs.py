"""IBM's stand-alone programs from the SIMH IBM 1130 kit (../shared/data/ibm1130/kit)
stop where the reference simulator stops."""

from pathlib import Path

import pytest

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.machine import Ibm1130

KIT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ibm1130" / "kit"
needs_kit = pytest.mark.skipif(not KIT.is_dir(), reason=f"the SIMH kit is not in {KIT}")


def _program(words, at=0x100):
    m = Ibm1130()
    m.system.load_words(at, words)
    m.system.iar = at
    return m


def test_2501_read_with_an_empty_hopper_goes_not_ready_and_the_wait_stops():
    # Before the fix the read rescheduled a card event every 500 instructions
    # forever, so the WAIT never stopped the run.  IOCC at 0x200: address
    # 0x210 (the column count), area 9, initiate read.
    m = _program([0x0C00, 0x0200, 0x3000])                  # XIO L /0200; WAIT
    m.system.load_words(0x200, [0x0210, (9 << 11) | (6 << 8)])
    m.system.store(0x210, 80)
    assert m.run(100_000) == "wait"
    assert m.system.instructions == 2
    assert m.system.pending_events() == []
    m.system.load_words(0x104, [0x0C00, 0x0206, 0x3000])   # sense the DSW
    m.system.load_words(0x206, [0, (9 << 11) | (7 << 8)])
    m.system.iar, m.system.wait = 0x104, False
    m.run(10)
    assert m.system.acc & 0x1003 == 0x1003                 # last card, busy, not ready
    # Cards stacked later: the hung read goes on and interrupts on level 4.
    m.reader2501.load_hopper([[0x8000] * 80])
    m.system.iar, m.system.wait = 0x102, False
    m.run(100_000)
    assert m.memory[0x211] == 0x8000 and m.system.ilsw[4] & 0x1000


@needs_kit
def test_dbootcd_with_empty_readers_leaves_no_event_pending():
    # IBM's system-loader bootstrap started at 0 with nothing in either reader:
    # both reads hang, not ready, with no event pending (it then loops at CLINT,
    # MDX *-1, waiting for an interrupt that cannot come).
    assembly = assemble((KIT / "dbootcd.asm").read_text(), "dbootcd.asm")
    assert not assembly.errors
    m = Ibm1130()
    m.load_image(assembly.image)
    m.system.iar = 0
    assert m.run(20_000) == "limit"
    assert m.system.iar in (0x29, 0x2A) and m.system.pending_events() == []


@needs_kit
def test_one_card_core_dump_types_core():
    # zcrdumpc uses /0010 after each XIO write as "wait for the interrupt".  Its
    # ".IPL 1130" line (binary output for SIMH's asm1130) waits for the assembler
    # branch that accepts it; without it the program is the same words.
    source = (KIT / "zcrdumpc.asm").read_text()
    source = "\n".join(line for line in source.split("\n")
                       if not line.strip().lower().startswith(".ipl"))
    assembly = assemble(source, "zcrdumpc.asm")
    assert not assembly.errors
    m = Ibm1130()
    m.load_image(assembly.image)
    m.system.load_words(0x200, [0x1234, 0xABCD, 0x0000, 0xFFFF])
    m.system.switches = 0x0200
    assert m.run(100_000) == "limit"
    assert m.system.instructions == 100_000
    assert m.report()["console_printer"].startswith("0200 1234 ABCD 0000 FFFF 0000")
