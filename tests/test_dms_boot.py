"""IBM's Disk Monitor System R2V12 booted from its cartridge, as an operator
does it, and compared with the reference simulator (SIMH): the cold start
trace instruction by instruction, core after the cold start, and the wait
for a job (../shared/data/ibm1130/README.md).  Cheap (a few seconds), so it
runs inside Pyodide too: the WebAssembly build is compared with the
reference simulator as well."""

from __future__ import annotations

from pathlib import Path

import pytest

from machines.ibm1130.cards import coldstart_words, read_deck
from machines.ibm1130.coldstart import DMS_COLDSTART_WORDS

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"

needs_data = pytest.mark.skipif(not (DATA / "dms.dsk").exists(),
                                reason=f"IBM 1130 DMS material not found at {DATA}")
pytestmark = [needs_data]


def load_out(path: Path) -> dict[int, int]:
    words, address = {}, 0
    for line in path.read_text().splitlines():
        line = line.split(";")[0].split("#")[0].strip()
        for token in line.split():
            if token.startswith("="):
                continue
            if token.startswith("@"):
                address = int(token[1:].rstrip("R"), 16)
            else:
                words[address] = int(token.rstrip("R"), 16)
                address += 1
    return words


def test_cold_start_card_expands_to_ibm_words():
    card = read_deck(DATA / "dms_coldstart.bin")[0]
    out = load_out(DATA / "dms_coldstart.out")
    assert coldstart_words(card) == [out[a] for a in range(80)] == list(DMS_COLDSTART_WORDS)


def boot(readers=(), source="reader", printer=True):
    from machines.ibm1130.machine import Ibm1130

    m = Ibm1130(32768)
    m.mount(DATA / "dms.dsk")
    for deck in readers:
        m.attach_deck(deck)
    if not printer:                         # the reference trace was made without one
        m.printer.set_paper(False)
    m.program_load(source)
    return m.system


def run_to_wait(system, budget):
    stop = system.run(budget)
    assert stop == "wait", f"stopped by {stop} at IAR {system.iar:04X} after {system.instructions}"
    return stop


def test_cold_start_follows_simh_trace_instruction_by_instruction():
    from machines.ibm1130.tools.simhtrace import compare, parse_trace, report

    states, notes = parse_trace((DATA / "traces" / "dms_coldstart.trace").read_text("latin-1"))
    assert len(states) == 9691              # the last line is the WAIT
    system = boot(source="disk", printer=False)
    divergence = compare(system, states)
    assert divergence is None, report(divergence, states, notes)


def test_cold_start_without_reader_waits_for_a_job_with_core_as_simh():
    system = boot(source="disk", printer=False)
    run_to_wait(system, 200_000)
    assert (system.iar, system.acc) == (0x002A, 0x6000)
    # every word of core equals the reference simulator's after the cold start
    expected = parse_core_dump((DATA / "traces" / "dms_coldstart_core.txt").read_text())
    assert len(expected) == 32768
    different = [a for a, w in sorted(expected.items()) if system.memory[a] != w]
    assert not different, (f"{len(different)} words differ, first at {different[0]:04X}: "
                           f"ours {system.memory[different[0]]:04X}, SIMH {expected[different[0]]:04X}")


def parse_core_dump(text: str) -> dict[int, int]:
    """SIMH ``examine`` output: ``ADDR:\tWORD`` lines and ``ADDR: thru ADDR:
    same as above.`` ranges."""
    words: dict[int, int] = {}
    last = 0
    for line in text.splitlines():
        parts = line.replace(":", " ").split()
        if len(parts) < 2:
            continue
        try:
            address = int(parts[0], 16)
        except ValueError:
            continue
        if parts[1] == "thru":
            for a in range(address, int(parts[2], 16) + 1):
                words[a] = last
            continue
        if len(parts) != 2 or not line[0].isalnum() or "\t" not in line or address > 0x7FFF:
            continue
        try:
            last = int(parts[1], 16)
        except ValueError:
            continue
        words[address] = last
    return words


def test_cold_start_card_from_1442_waits_with_empty_hopper():
    system = boot(readers=[DATA / "dms_coldstart.bin"])
    run_to_wait(system, 2_000_000)
    assert (system.iar, system.acc) == (0x002A, 0x1000)
