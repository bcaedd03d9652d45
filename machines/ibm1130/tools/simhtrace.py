"""Compare this emulator with a SIMH IBM 1130 instruction trace, instruction
by instruction, and report the first divergence.

SIMH's CPU trace (``attach cpu file.log``) writes one line per instruction
with the machine state *before* it::

     IAR  ACC  EXT  XR1  XR2  XR3 CVI OPERATION
    0000 0000 0000 18c2 d008 c019     c80a LDD     000b

(CVI: ``C`` carry, ``V`` overflow, a digit = the interrupt level being
serviced) and lines starting ``[IAR`` for each XIO and disk transfer, which
are kept as context.  ../shared/data/ibm1130/traces/dms_coldstart.trace is
such a trace of the DMS cold start.

Command line::

    python -m machines.ibm1130.tools.simhtrace TRACE --disk CARTRIDGE [--switches 0]
        [--memory 32768] [--context 8]

boots the cartridge as SIMH's ``boot dsk`` does (1132 without paper, as
SIMH's printer is when no file is attached) (the DMS cold start card in
core 0-79, IAR 0) and steps until the trace ends or the state differs.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Any

FIELDS = ("iar", "acc", "ext", "xr1", "xr2", "xr3", "carry", "overflow", "level", "word")


@dataclass(frozen=True)
class TraceState:
    """The state before one instruction (``level`` None = mainline)."""

    iar: int
    acc: int
    ext: int
    xr1: int
    xr2: int
    xr3: int
    carry: bool
    overflow: bool
    level: int | None
    word: int
    line: int = 0          # line number in the trace file (1-based)
    text: str = ""

    def differences(self, other: "TraceState") -> list[str]:
        return [name for name in FIELDS if getattr(self, name) != getattr(other, name)]

    def show(self) -> str:
        flags = ("C" if self.carry else " ") + ("V" if self.overflow else " ") + \
            (str(self.level) if self.level is not None else " ")
        return (f"{self.iar:04x} {self.acc:04x} {self.ext:04x} {self.xr1:04x} {self.xr2:04x} "
                f"{self.xr3:04x} {flags} {self.word:04x}")


def parse_line(line: str, number: int = 0) -> TraceState | None:
    """One trace line as a ``TraceState`` (None for headers and ``[IAR`` lines)."""
    if len(line) < 38 or line.startswith(("[", " IAR", "----", "---")):
        return None
    try:
        values = [int(line[i:i + 4], 16) for i in (0, 5, 10, 15, 20, 25)]
        word = int(line[34:38], 16)
    except ValueError:
        return None
    flags = line[30:33]
    level = flags[2] if len(flags) > 2 else " "
    return TraceState(*values, carry="C" in flags[:2], overflow="V" in flags[:2],
                      level=int(level) if level.isdigit() else None, word=word,
                      line=number, text=line.rstrip())


def parse_trace(text: str) -> tuple[list[TraceState], dict[int, list[str]]]:
    """The states of a trace, and the ``[IAR`` lines that follow each state
    (keyed by the index of the state they follow)."""
    states: list[TraceState] = []
    notes: dict[int, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        state = parse_line(line, number)
        if state is not None:
            states.append(state)
        elif line.startswith("[IAR") and states:
            notes.setdefault(len(states) - 1, []).append(line.rstrip())
    return states, notes


def snapshot(system: Any) -> TraceState:
    """Our machine's state before its next instruction, in trace terms."""
    memory = system.memory
    level = system.level
    return TraceState(system.iar, system.acc, system.ext, memory[1], memory[2], memory[3],
                      bool(system.carry), bool(system.overflow), level,
                      memory[system.iar & (len(memory) - 1)])


@dataclass
class Divergence:
    index: int                 # instruction number (0-based) where the states differ
    expected: TraceState
    actual: TraceState
    fields: list[str]


def compare(system: Any, states: list[TraceState]) -> Divergence | None:
    """Step ``system`` along the trace; the first state that differs, or None."""
    for index, expected in enumerate(states):
        actual = snapshot(system)
        fields = expected.differences(actual)
        if fields:
            return Divergence(index, expected, actual, fields)
        system.step()
        # SIMH's trace shows no line for the time spent in WAIT: let the
        # pending events fire and the interrupt be taken, execute nothing.
        while system.wait and system.pending_events():
            system.clock = max(system.clock, system.pending_events()[0][0])
            system.run(0)
    return None


def report(divergence: Divergence | None, states: list[TraceState],
           notes: dict[int, list[str]], context: int = 8) -> str:
    if divergence is None:
        return f"matched all {len(states)} instructions of the trace"
    i = divergence.index
    out = [f"first divergence at instruction {i} (trace line {divergence.expected.line}): "
           f"{', '.join(divergence.fields)} differ",
           " IAR  ACC  EXT  XR1  XR2  XR3 CVI WORD"]
    for j in range(max(0, i - context), i):
        out.append("  " + states[j].text)
        out.extend("    " + n for n in notes.get(j, []))
    out.append("SIMH " + divergence.expected.show())
    out.append("ours " + divergence.actual.show())
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    from ..machine import Ibm1130

    parser = argparse.ArgumentParser(prog="python -m machines.ibm1130.tools.simhtrace",
                                     description="Find the first instruction where this emulator "
                                                 "and a SIMH trace differ.")
    parser.add_argument("trace")
    parser.add_argument("--disk", required=True, help="cartridge to boot (used read-only)")
    parser.add_argument("--switches", default="0", help="console entry switches, hex")
    parser.add_argument("--memory", type=int, default=32768)
    parser.add_argument("--context", type=int, default=8)
    parser.add_argument("--printer-ready", action="store_true",
                        help="1132 with paper (the DMS trace was made with no printer attached)")
    args = parser.parse_args(argv)
    try:
        with open(args.trace, encoding="latin-1") as handle:
            states, notes = parse_trace(handle.read())
        machine = Ibm1130(args.memory)
        machine.mount(args.disk)
        if not args.printer_ready:
            machine.printer.set_paper(False)
    except (OSError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    machine.program_load("disk")
    system = machine.system
    system.switches = int(args.switches, 16)
    divergence = compare(system, states)
    print(report(divergence, states, notes, args.context))
    return 0 if divergence is None else 1


if __name__ == "__main__":
    sys.exit(main())
