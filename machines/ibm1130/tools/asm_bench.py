"""Assembler benchmark: ``python -m machines.ibm1130.tools.asm_bench``.

Prints source lines per second for IBM's DMS V2M9 system loader phase 2
(3,040 card images, from ../shared/data when present) and for a generated
program of every statement form, with the ratio to a baseline measured in
the same process: splitting the same lines into fields only
(``asm.source.parse_line``), the floor any assembler pays.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..asm.source import parse_line
from ..asm.assembler import assemble

_DMS = (Path(__file__).resolve().parents[4] / "shared" / "data" / "ibm1130" / "src"
        / "dms_v2m9_pt_loader_phase2.asm")


def generated_program(statements: int = 3000) -> str:
    """A program of ``statements`` lines cycling through common forms."""
    forms = ["L{n}\tLD\tL\tV{n}", "\tA\t\tW{n}", "\tSTO\t1\t3", "\tMDX\t1\t-1",
             "\tBSC\tL\tL{n},+-", "\tSRT\t\t16", "V{n}\tDC\t\t{n}", "W{n}\tDEC\t\t1.5"]
    lines = ["\tABS", "\tORG\t\t/100"]
    for i in range(statements):
        lines.append(forms[i % len(forms)].format(n=i // len(forms)))
    lines.append("\tEND\t\tL0")
    return "\n".join(lines) + "\n"


def _rate(function, text: str, repeat: int) -> float:
    lines = text.count("\n")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - t0)
    return lines / best


def _split_only(text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        parse_line(line, number)


def main(repeat: int = 3) -> int:
    sources = [("generated", generated_program())]
    if _DMS.exists():
        sources.append(("DMS loader phase 2", _DMS.read_text(encoding="latin-1")))
    for name, text in sources:
        asm = assemble(text, name)
        full = _rate(lambda t: assemble(t, name), text, repeat)
        base = _rate(_split_only, text, repeat)
        print(f"{name:20s} {text.count(chr(10)):5d} lines  {len(asm.errors)} errors  "
              f"assemble {full:9,.0f} lines/s   field split only {base:9,.0f} lines/s   "
              f"ratio {base / full:4.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
