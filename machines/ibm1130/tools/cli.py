"""The IBM 1130 command line: ``python -m machines.ibm1130 run|bench|asm|keypunch|challenge``.

The contract is DESIGN.md "IBM 1130 / contract: command line":

    run [PROG.asm|PROG.out] [--memory 32768] [--max-instructions N] [--switches HEX]
        [--reader DECK ...] [--disk FILE [--disk-writable]] [--boot reader|disk]
        [--dump ADDR:LEN ...] [--display-png OUT.png] [--plotter-svg OUT.svg] [--json]

``run`` starts from the reset state (ACC, EXT, carry, overflow zero) at the
program's start address (``=addr`` of a load file, the END operand of a
source; IAR 0 if it has none, as SIMH leaves IAR after a reset), runs until
WAIT, an invalid operation or ``--max-instructions`` (default ten billion,
hours of 1130 time, so a DMS job runs until the monitor waits with nothing
to read; a run stopped by it executed exactly that many), and reports the
registers.  Ctrl-C stops a run between two instructions and reports it like
any other stop, with ``stop`` ``"stopped"`` (the panel's IMM STOP).  ``--json`` prints one object with ``iar acc ext carry overflow
xr stop instructions console_printer printer memory``.  Errors in the input
are ``FILE:LINE: message`` on stderr with a non-zero exit, never a traceback.
``--plotter-svg OUT.svg`` writes what the 1627 plotter drew, when the run
stops (``Plotter1627.svg``).
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import sys
from typing import Sequence

from .. import timing
from ..asm import command as asm_command
from ..asm.loadformat import LoadFormatError, parse_out
from ..machine import MEMORY_SIZES, Ibm1130, ProgramLoadError, load_deck
from ..system import System

DEFAULT_MAX_INSTRUCTIONS = 10_000_000_000
"""Ten billion instructions: about three hours here, eleven of a real 1130's;
DMS jobs end at the monitor's wait long before (231 M for five DMS library
sources assembled in one job).  Ctrl-C stops sooner."""
RUN_SLICE = 1_000_000          # instructions between two looks at Ctrl-C
MAX_LOAD_FILE_BYTES = 8_000_000
"""The largest load file read: 32K words of hex with comments fit many times over."""
EXIT_INTERRUPTED = 130
EXIT_INPUT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    """An operator error: the message is printed on stderr, exit non-zero."""


def _hex_value(text: str, limit: int = 0x10000) -> int:
    value = text.strip()
    if value[:1] == "/":
        value = value[1:]
    elif value[:2].lower() == "0x":
        value = value[2:]
    try:
        number = int(value, 16)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a hex number: {text!r}") from None
    if not 0 <= number < limit:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range (0 to {limit - 1:#x})")
    return number


def _dump_spec(text: str) -> tuple[int, int]:
    """``ADDR:LEN``: ADDR hex (``0100``, ``/0100`` or ``0x100``), LEN
    decimal (or hex with ``/`` or ``0x``)."""
    if ":" not in text:
        raise argparse.ArgumentTypeError(f"expected ADDR:LEN, not {text!r}")
    address_text, length_text = text.split(":", 1)
    address = _hex_value(address_text, 0x8000)
    length_text = length_text.strip()
    try:
        length = _hex_value(length_text, 0x8001) if length_text[:1] == "/" or length_text[:2].lower() == "0x" \
            else int(length_text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad length in {text!r}") from None
    if not 0 < length <= 0x8000:
        raise argparse.ArgumentTypeError(f"length must be 1 to 32768 in {text!r}")
    return address, length


def _positive(text: str) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m machines.ibm1130",
                                     description="The IBM 1130 computing system.")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run a program (.out load file or .asm source)")
    run.add_argument("program", nargs="?", help="PROG.out (SIMH load format) or PROG.asm")
    run.add_argument("--memory", type=int, default=32768, choices=MEMORY_SIZES, help="core size in words")
    run.add_argument("--max-instructions", type=_positive, default=DEFAULT_MAX_INSTRUCTIONS,
                     help=f"stop after exactly this many instructions (default {DEFAULT_MAX_INSTRUCTIONS:,}; "
                          "Ctrl-C stops any run cleanly)")
    run.add_argument("--switches", type=_hex_value, help="console entry switches, hex")
    run.add_argument("--reader", action="append", default=[], metavar="DECK",
                     help="a card deck for the reader hopper (repeat to stack decks); binary card "
                          "images if named .bin or by content, else ASCII")
    run.add_argument("--lowercase", action="store_true",
                     help="punch lower-case letters of ASCII decks with IBM's lower-case codes "
                          "(SIMH's -l); by default they read as the capitals, as on an 029")
    run.add_argument("--disk", metavar="FILE", help="a disk cartridge image for drive 0")
    run.add_argument("--disk-writable", action="store_true", help="let the program write the cartridge")
    run.add_argument("--boot", choices=("reader", "disk"), help="PROGRAM LOAD from the reader or the disk")
    run.add_argument("--dump", action="append", default=[], type=_dump_spec, metavar="ADDR:LEN",
                     help="report LEN words of core from hex ADDR (repeatable)")
    run.add_argument("--display-png", metavar="OUT.png", help="write the 2250 screen as a PNG")
    run.add_argument("--plotter-svg", metavar="OUT.svg", help="write the 1627 plot as SVG")
    run.add_argument("--cycle", type=float, default=timing.DEFAULT_CYCLE_US, choices=(3.6, 2.2),
                     help="storage cycle in microseconds for the real-time figure")
    run.add_argument("--json", action="store_true", help="print the result as one JSON object")

    commands.add_parser("bench", help="measure emulated instructions per second")

    commands.add_parser("keypunch", help="punch a text file into a card deck on the 029 "
                        "(see keypunch --help)", add_help=False).add_argument(
        "rest", nargs=argparse.REMAINDER)

    asm = commands.add_parser("asm", help="assemble asm1130 source")
    asm_command.add_arguments(asm)

    from ..challenges import command as challenge_command
    challenge_command.add_arguments(commands.add_parser(
        "challenge", help="graded assembler exercises: list | show ID | check ID PROG.asm"))
    return parser


def build_machine(args: argparse.Namespace) -> Ibm1130:
    """The machine for ``run``: every device and medium is set up here
    (``--reader``, ``--disk``, ``--disk-writable``, ``--boot``), and
    nowhere else.  The folder of ``--plotter-svg`` must exist (checked
    before the run)."""
    _check_output_folder(args.plotter_svg, "--plotter-svg")
    if args.disk_writable and not args.disk:
        raise CliError("--disk-writable: give the cartridge with --disk FILE")
    if args.boot == "disk" and not args.disk:
        raise CliError("--boot disk: give the cartridge with --disk FILE")
    machine = Ibm1130(memory_words=args.memory, cycle_us=args.cycle)
    try:   # every file is checked before anything is attached
        decks = [load_deck(path, args.lowercase, warn=_warn) for path in args.reader]
        if args.disk:
            machine.mount(args.disk, writable=args.disk_writable)
    except ValueError as error:          # cards.DeckError, disk2310.DiskImageError: FILE:...: message
        raise CliError(str(error)) from None
    for cards in decks:
        machine.attach_deck(cards)
    if args.boot:
        try:
            machine.program_load(args.boot)
        except ProgramLoadError as error:
            raise CliError(str(error)) from None
    return machine


def _load_program(machine: Ibm1130, path: str) -> None:
    if path.lower().endswith(".asm"):
        try:
            image = asm_command.assemble_for_run(path)
        except asm_command.AssemblyFailed as error:
            raise CliError(str(error)) from None
        except OSError as error:
            raise CliError(f"{path}: cannot read: {error.strerror or error}") from None
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_LOAD_FILE_BYTES + 1)
        except OSError as error:
            raise CliError(f"{path}: cannot read: {error.strerror or error}") from None
        if len(data) > MAX_LOAD_FILE_BYTES:
            raise CliError(f"{path}: a load file is at most {MAX_LOAD_FILE_BYTES:,} bytes")
        text = data.decode("ascii", errors="replace")
        try:
            image = parse_out(text, path, len(machine.memory))
        except LoadFormatError as error:
            raise CliError(str(error)) from None
    try:
        machine.load_image(image)
    except ValueError as error:
        raise CliError(f"{path}: {error}") from None


def _print_text(result: dict, system: System) -> None:
    print(f"stop {result['stop']} at IAR {result['iar']:04X} after {result['instructions']} instructions"
          f" ({system.real_time_us / 1e6:.6f} s on a {system.cycle_us} us IBM 1130)")
    print(f"ACC {result['acc']:04X}  EXT {result['ext']:04X}  C {int(result['carry'])}  V {int(result['overflow'])}"
          f"  XR1 {result['xr'][0]:04X}  XR2 {result['xr'][1]:04X}  XR3 {result['xr'][2]:04X}")
    for name in ("console_printer", "printer"):
        if result[name]:
            print(f"--- {name.replace('_', ' ')} ---")
            print(result[name], end="" if result[name].endswith("\n") else "\n")
    for address, words in result["memory"].items():
        base = int(address, 16)
        for i in range(0, len(words), 8):
            print(f"{base + i:04X}: " + " ".join(f"{w:04X}" for w in words[i:i + 8]))


def cmd_run(args: argparse.Namespace) -> int:
    machine = build_machine(args)
    if args.program:
        _load_program(machine, args.program)
    elif not args.boot:
        raise CliError("run: give a program (PROG.out or PROG.asm) or --boot reader|disk")
    if args.switches is not None:
        machine.system.switches = args.switches
    stop = run_interruptibly(machine, args.max_instructions)
    result = machine.report(args.dump, stop=stop)
    if args.plotter_svg:
        _write_output(args.plotter_svg, machine.plotter.svg())
    if args.display_png:
        _write_display_png(machine, args.display_png)
    if args.json:
        print(json.dumps(result))
    else:
        _print_text(result, machine.system)
    return 0


def _check_output_folder(path: str | None, flag: str) -> None:
    folder = os.path.dirname(os.path.abspath(path)) if path else ""
    if path and not os.path.isdir(folder):
        raise CliError(f"{flag} {path}: the folder {folder} does not exist")


def _write_output(path: str, text: str) -> None:
    """Write an output file the run made (e.g. the 1627's SVG)."""
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise CliError(f"{path}: cannot write: {error.strerror or error}") from None


def _write_display_png(machine: Ibm1130, path: str) -> None:
    from .displaypng import write_display_png   # numpy: only when asked for
    try:
        write_display_png(machine.display, path)
    except OSError as error:
        raise CliError(f"{path}: cannot write: {error.strerror or error}") from None


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def run_interruptibly(machine: Ibm1130, max_instructions: int) -> str:
    """``machine.run(max_instructions)`` in slices, so that Ctrl-C (SIGINT)
    stops it between two instructions: returns the stop, ``"stopped"`` for
    Ctrl-C.  The slices add up to exactly ``max_instructions``.  A disk
    image that cannot be written ends the run with a ``CliError``."""
    interrupted = []
    previous = None
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: interrupted.append(signum))
    except ValueError:           # not the main thread: Ctrl-C is not ours to catch
        pass
    try:
        left = max_instructions
        while True:
            before = machine.system.instructions
            stop = machine.run(min(left, RUN_SLICE))
            left -= machine.system.instructions - before
            if interrupted:
                machine.last_stop = "stopped"
                return "stopped"
            if stop != "limit" or left <= 0:
                return stop
    except ValueError as error:  # disk2310.DiskImageError: a sector could not be written
        raise CliError(str(error)) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 input error, 2 usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["keypunch"]:  # its own parser, help included
        from ..devices.keypunch029 import main as keypunch_main
        return keypunch_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        status = _command(parser, args)
        sys.stdout.flush()      # a write error shows here, not at exit
        return status
    except CliError as error:
        print(error, file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:   # Ctrl-C outside a run (reading, assembling)
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:     # run ... | head: the reader has gone, say nothing more
        _quiet_stdout()
        return EXIT_INPUT_ERROR
    except OSError as error:    # stdout on a full device
        if error.errno not in (errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EFBIG):
            raise
        _quiet_stdout()
        print(f"cannot write the output: {error.strerror or error}", file=sys.stderr)
        return EXIT_INPUT_ERROR


def _command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "run":
        return cmd_run(args)
    if args.command == "bench":
        from .bench import main as bench_main
        return bench_main()
    if args.command == "asm":
        return asm_command.main(args)
    if args.command == "challenge":
        from ..challenges import command as challenge_command
        return challenge_command.main(args)
    parser.error(f"unknown command {args.command!r}")  # pragma: no cover - argparse rejects it first
    return EXIT_USAGE


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush of
    what could not be written raises nothing (Python's advice for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
