"""``python -m machines.ibm1130 challenge list | show ID | check ID PROG.asm``

The command line of the challenges (DESIGN.md, contract: command line):

    challenge list [--json]
    challenge show ID [--hints N] [--template] [--json]
    challenge check ID PROG.asm [--seed N] [--json] [--no-save]

ID is a bundled challenge's id (``array-sum``), its level number, or the
path of a challenge file (``my.toml``), so a teacher's own challenge works
everywhere a bundled one does.  ``check`` exits 0 only when every case
passes; 1 when a case fails, the program does not assemble, or a file is
bad (a message naming the file, line and column on stderr); 2 on a usage
error.  A passing check records the best scores in
``$XDG_DATA_HOME/retro1130/challenges.json`` unless ``--no-save``.
"""

from __future__ import annotations

import json
import sys
import textwrap

from ..asm.command import read_source
from . import progress
from .catalogue import catalogue, find
from .checker import Result, check
from .model import ChallengeError

EXIT_FAILED = 1


def add_arguments(parser) -> None:
    """Add the ``challenge`` subcommands to an argparse (sub)parser."""
    sub = parser.add_subparsers(dest="challenge_command", required=True)
    listing = sub.add_parser("list", help="the bundled challenges, in order, with par and your best")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    show = sub.add_parser("show", help="a challenge's statement, template and visible cases")
    show.add_argument("id", metavar="ID", help="challenge id, level number, or a challenge .toml file")
    show.add_argument("--hints", type=int, default=0, metavar="N", help="reveal the first N hints")
    show.add_argument("--template", action="store_true", help="print only the starting template")
    show.add_argument("--json", action="store_true", help="print the public fields as JSON")
    chk = sub.add_parser("check", help="check a program against a challenge")
    chk.add_argument("id", metavar="ID", help="challenge id, level number, or a challenge .toml file")
    chk.add_argument("program", metavar="PROG.asm", help="the program (asm1130 source)")
    chk.add_argument("--seed", type=int, help="seed of the generated cases (default: a fresh one)")
    chk.add_argument("--json", action="store_true", help="print per-case results and scores as JSON")
    chk.add_argument("--no-save", action="store_true", help="do not record the best scores")


def main(args) -> int:
    """Run a parsed ``challenge`` command; returns the exit status."""
    try:
        if args.challenge_command == "list":
            return _list(args)
        if args.challenge_command == "show":
            return _show(args)
        return _check(args)
    except ChallengeError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED


def _par_text(par) -> str:
    return f"{par.instructions} instr, {par.microseconds:g} us, {par.words} words" if par else "-"


def _list(args) -> int:
    records = progress.load()
    rows = []
    for c in catalogue():
        best = records.get(c.id, {})
        rows.append({**c.summary(), "solved": bool(best.get("solved")),
                     "best": {k: best[k] for k in progress.METRICS if k in best} or None})
    if args.json:
        print(json.dumps(rows))
        return 0
    for r in rows:
        mark = "*" if r["solved"] else " "
        par = r["par"]
        par_text = f"par {par['instructions']} instr / {par['words']} words" if par else ""
        print(f"{mark} {r['level']:2d}  {r['id']:<22} {r['title']:<38} {par_text}")
    print(f"{sum(r['solved'] for r in rows)} of {len(rows)} solved (* = solved)")
    return 0


def _show(args) -> int:
    c = find(args.id)
    if args.template:
        print(c.template, end="" if c.template.endswith("\n") else "\n")
        return 0
    if args.json:
        public = c.public()
        public["hints"] = public["hints"][:max(0, args.hints)]
        public["hint_count"] = len(c.hints)
        print(json.dumps(public))
        return 0
    print(f"{c.level}. {c.title}  [{c.id}]  ({c.topic})")
    print()
    print(c.statement.rstrip())
    print()
    if c.reference:
        print(f"Reference: {c.reference}")
    print(f"Budget: {c.budget} instructions per case; core: {c.memory} words; par: {_par_text(c.par)}")
    if c.symbols:
        print("Locations: " + ", ".join(f"{k} /{v:04X}" for k, v in c.symbols.items()))
    public = c.public()
    for case in public["visible_cases"]:
        print(f"Example {case['name']!r}: set {_values(case['set'])} -> expect {_values(case['expect'])}")
    print(f"{public['case_count']} cases, {public['hidden_count']} hidden.")
    shown = c.hints[:max(0, args.hints)]
    for i, hint in enumerate(shown, 1):
        print(textwrap.fill(f"Hint {i}: {hint}", 78, subsequent_indent="  "))
    if len(shown) < len(c.hints):
        print(f"({len(c.hints) - len(shown)} more hint(s): --hints {len(shown) + 1})")
    print(f"Start from the template: python -m machines.ibm1130 challenge show {args.id} --template > prog.asm")
    return 0


def _values(table: dict) -> str:
    return ", ".join(f"{k} = {v}" for k, v in table.items()) or "-"


def _check(args) -> int:
    c = find(args.id)
    try:
        source = read_source(args.program)
    except OSError as error:
        print(f"{args.program}: cannot read: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    result = check(c, source, seed=args.seed, filename=args.program)
    improved = None if args.no_save else progress.record(result)
    if args.json:
        out = result.to_dict()
        out["improved"] = improved
        print(json.dumps(out))
    else:
        print_result(result, improved)
    return 0 if result.ok else EXIT_FAILED


def print_result(result: Result, improved: dict | None = None, out=None) -> None:
    """The human-readable report of a check (errors go to stderr)."""
    out = out or sys.stdout
    if result.errors:
        for error in result.errors:
            print(error["text"], file=sys.stderr)
        print(f"{result.challenge}: the program does not assemble ({len(result.errors)} error"
              f"{'s' if len(result.errors) != 1 else ''})", file=out)
        return
    for note in result.warnings:
        print(f"note: {note}", file=out)
    for c in result.cases:
        label = f"case {c.number:2d} " + ("(hidden)" if c.hidden else repr(c.name))
        state = "passed" if c.passed else "FAILED"
        print(f"{label:<40} {state}  {c.instructions:>7} instr {c.microseconds:>10.1f} us", file=out)
        if not c.passed:
            print(f"    {c.message}", file=out)
    print(f"{result.passed} of {len(result.cases)} cases passed (generated cases: seed {result.seed})",
          file=out)
    if result.score:
        s, p = result.score, result.par
        print(f"score: {s.instructions} instructions, {s.microseconds:.1f} us, {s.words} words", file=out)
        if p:
            print(f"par:   {p.instructions} instructions, {p.microseconds:.1f} us, {p.words} words", file=out)
        if improved:
            print("new best: " + ", ".join(sorted(improved)), file=out)
        print(f"{result.challenge}: solved", file=out)
    else:
        print(f"{result.challenge}: not solved yet", file=out)
