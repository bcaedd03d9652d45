"""``python -m machines.ibm1130 asm PROG.asm [-o PROG.out] [--deck PROG.bin] [--listing PROG.lst]``

The command line of the assembler (DESIGN.md, contract: command line).
Every error is printed on stderr as ``FILE:LINE:COL: message`` and the exit
status is 1; nothing is written then.  Without ``-o`` the load file goes
next to the source (``PROG.out``).  ``--deck`` writes the DMS object deck:
binary card images, so the name must end in ``.bin``.  ``--core-image`` and ``--coldstart``
write the absolute core-image deck and the Program Load card.

``cli.py`` calls :func:`add_arguments` and :func:`main` for ``asm``, and
:func:`assemble_for_run` for ``run PROG.asm``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .assembler import Assembly, AssemblyFailed, assemble
from .coreimage import CoreImage
from .relocate import DMS_ORIGIN, relocated
from ..cards import DeckError, write_deck
from ...textfile import decode_utf8_or_latin1

__all__ = ["add_arguments", "main", "assemble_for_run", "assemble_file", "AssemblyFailed"]


def add_arguments(parser) -> None:
    """Add the ``asm`` arguments to an argparse (sub)parser."""
    parser.add_argument("source", metavar="PROG.asm", help="assembler source (card columns, free form or tabs)")
    parser.add_argument("-o", "--output", metavar="PROG.out",
                        help="SIMH load file (default: the source name with .out)")
    parser.add_argument("--deck", metavar="PROG.bin",
                        help="DMS relocatable object deck (binary card images)")
    parser.add_argument("--listing", metavar="PROG.lst", help="assembly listing")
    parser.add_argument("--core-image", metavar="PROG.bin", help="absolute core-image deck")
    parser.add_argument("--coldstart", metavar="CARD.bin",
                        help="cold start (Program Load) card for a program in words 0-79")


MAX_SOURCE_BYTES = 16_000_000
"""The largest source read (IBM's largest DMS source, ptmasmbl.asm, is 1.4 MB)."""


class SourceTooLarge(OSError):
    """A source file beyond ``MAX_SOURCE_BYTES`` (``/dev/zero`` is refused, not read)."""

    def __init__(self, path) -> None:
        super().__init__(f"a source file is at most {MAX_SOURCE_BYTES:,} bytes")
        self.strerror = str(self)


def read_source(path) -> str:
    """Source text of a file (UTF-8, or Latin-1 for SIMH-era files).
    Raises ``OSError`` (``SourceTooLarge`` beyond ``MAX_SOURCE_BYTES``)."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceTooLarge(path)
    return decode_utf8_or_latin1(data)


def assemble_file(path) -> Assembly:
    """Assemble a source file (raises OSError if it cannot be read)."""
    return assemble(read_source(path), str(path))


def assemble_for_run(path, origin: int = DMS_ORIGIN) -> CoreImage:
    """Assemble for ``run``: the program's core image, a relocatable
    program's loaded at ``origin`` (even; by default where DMS loads a
    mainline, ``relocate.DMS_ORIGIN``; the image's ``origin`` says so), an
    absolute one's as assembled.

    Raises :class:`AssemblyFailed` (its text is every error line) when the
    source has errors or needs the DMS loader (CALL or LIBF of a routine
    that is not in the program), or for an origin that is odd or outside
    core (``relocate.check_origin``).
    """
    asm = assemble_file(path)
    if asm.errors:
        raise AssemblyFailed(asm.error_text())
    if asm.externals:
        names = ", ".join(asm.external_names())
        raise AssemblyFailed(f"{path}:1:1: the program needs the DMS loader for {names}; "
                             "run it under DMS instead")
    try:
        return relocated(asm, origin)
    except ValueError as error:          # an origin relocate.check_origin refuses
        raise AssemblyFailed(f"{path}: {error}") from None


def main(args) -> int:
    """Run ``asm`` with parsed arguments; returns the exit status."""
    source = Path(args.source)
    clash = _output_over_input(source, args)
    if clash:
        print(clash, file=sys.stderr)
        return 1
    try:
        asm = assemble_file(source)
    except OSError as exc:
        print(f"{source}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for warning in asm.warnings:
        print(warning, file=sys.stderr)
    if args.listing:
        try:
            _write(Path(args.listing), asm.listing())
        except OSError as exc:
            print(f"{args.listing}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return 1
    if asm.errors:
        for error in asm.errors:
            print(error, file=sys.stderr)
        print(f"{source}: {len(asm.errors)} error{'s' if len(asm.errors) != 1 else ''}",
              file=sys.stderr)
        return 1
    try:
        _write(Path(args.output) if args.output else source.with_suffix(".out"), asm.to_out())
        if args.deck:
            write_deck(_binary(args.deck, "--deck"), asm.object_deck())
        if args.core_image:
            write_deck(_binary(args.core_image, "--core-image"), asm.core_image_deck())
        if args.coldstart:
            write_deck(_binary(args.coldstart, "--coldstart"), [asm.coldstart_card()])
    except (ValueError, DeckError, OSError) as exc:
        print(f"{source}: {exc}", file=sys.stderr)
        return 1
    return 0


def _output_over_input(source: Path, args) -> str | None:
    """A message when an output path is the source (or two outputs are one
    file), which writing would overwrite; None when they are all distinct."""
    outputs = [("-o", args.output or str(source.with_suffix(".out"))), ("--listing", args.listing),
               ("--deck", args.deck), ("--core-image", args.core_image), ("--coldstart", args.coldstart)]
    seen = {_identity(source): "the source"}
    for option, name in outputs:
        if not name:
            continue
        key = _identity(Path(name))
        if key in seen:
            what = "the source" if seen[key] == "the source" else f"the file of {seen[key]}"
            default = " (the default: give -o)" if option == "-o" and not args.output else ""
            return f"{option} {name}{default} is {what}; it would be overwritten: choose another name"
        seen[key] = option
    return None


def _identity(path: Path):
    """The same key for two names of one file (links, ``./``), existing or not."""
    try:
        st = path.stat()
        return ("inode", st.st_dev, st.st_ino)
    except OSError:
        return ("path", str(path.resolve()))


def _binary(name: str, option: str) -> Path:
    if not name.lower().endswith(".bin"):
        raise ValueError(f"{option} {name}: object decks are binary card images; "
                         "name the file .bin")
    return Path(name)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
