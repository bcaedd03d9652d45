"""The IBM 1130 command line: ``python -m machines.ibm1130 run|bench|asm|keypunch|challenge``.

The contract is DESIGN.md "IBM 1130 / contract: command line":

    run [PROG.asm|PROG.out] [--origin HEX] [--memory 32768] [--max-instructions N] [--switches HEX]
        [--reader DECK ...] [--disk [N:]FILE ...] [--disk-writable [N,...]] [--boot reader|disk]
        [--type TEXT ...] [--keyboard FILE ...] [--until TEXT]
        [--dump ADDR:LEN ...] [--display-png OUT.png] [--plotter-svg OUT.svg] [--json]
    forth [DIR] [--cache DIR]

``run`` starts from the reset state (ACC, EXT, carry, overflow zero) at the
program's start address (``=addr`` of a load file, the END operand of a
source; IAR 0 if it has none, as SIMH leaves IAR after a reset), runs until
WAIT, an invalid operation or ``--max-instructions`` (default ten billion,
hours of 1130 time, so a DMS job runs until the monitor waits with nothing
to read; a run stopped by it executed exactly that many), and reports the
registers.  Ctrl-C stops a run between two instructions and reports it like
any other stop, with ``stop`` ``"stopped"`` (the panel's IMM STOP).
``--type``/``--keyboard`` type on the console keyboard as the program asks
for keys (escapes in keyboard_script.py); ``--until TEXT`` stops with
``stop`` ``"until"`` once the console printer has printed TEXT (SIMH's
``expect``).  When the program waits for a key with nothing left to
type, the run stops ``"wait"`` and the JSON says ``"keyboard": "waiting"``
(the field is there whenever keys were given or the keyboard is selected).
``--json`` prints one object with ``iar acc ext carry overflow xr stop
instructions console_printer printer memory`` (and ``keyboard``, ``origin``).  Errors in the input
are ``FILE:LINE: message`` on stderr with a non-zero exit, never a traceback.
``--plotter-svg OUT.svg`` writes what the 1627 plotter drew, when the run
stops (``Plotter1627.svg``).

A relocatable source (no ABS) is loaded where DMS's loader puts a
``// XEQ`` mainline, /01FE (``asm.relocate.DMS_ORIGIN``), clear of the
index registers and interrupt vectors in low core, or at ``--origin HEX``
(even); its start address moves with it (its origin without an END
operand), and the report says ``loaded at`` (``"origin"`` in the JSON).
A load file loads where it says, as SIMH's ``load`` (``--origin`` is then
an error, as for an ABS source).
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
from . import keyboard_script
from ..asm import command as asm_command
from ..asm.coreimage import CoreImage
from ..asm.loadformat import LoadFormatError, parse_out
from ..asm.relocate import DMS_ORIGIN, check_origin
from ..machine import MEMORY_SIZES, Ibm1130, ProgramLoadError, load_deck
from ..system import System

DEFAULT_MAX_INSTRUCTIONS = 10_000_000_000
"""Ten billion instructions: about three hours here, eleven of a real 1130's;
DMS jobs end at the monitor's wait long before (231 M for five DMS library
sources assembled in one job).  Ctrl-C stops sooner."""
RUN_SLICE = 1_000_000          # instructions between two looks at Ctrl-C
WATCH_SLICE = 1_000            # between two looks at the keyboard script and --until
UNTIL_SLICE = 20
"""Instructions between two looks at the paper for --until: a program that
WAITs for each character's interrupt types one every five or so, and short
slices cost little here (FORTH's cold start: no slower in slices of 20)."""
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


def _origin(text: str) -> int:
    """``--origin HEX``: an even core address for a relocatable program."""
    origin = _hex_value(text, 0x8000)
    try:
        check_origin(origin)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return origin


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


def _disk_spec(text: str) -> tuple[int, str]:
    """``[N:]FILE``: drive N (0-4), FILE; a bare FILE is drive 0."""
    head, colon, tail = text.partition(":")
    if colon and head.strip().isdigit():
        drive = int(head)
        if not 0 <= drive <= 4:
            raise argparse.ArgumentTypeError(f"{text!r}: drive {drive} does not exist (drives are 0-4)")
        if not tail:
            raise argparse.ArgumentTypeError(f"{text!r}: give the cartridge file after {head}:")
        return drive, tail
    return 0, text


def _drive_list(text: str) -> frozenset[int] | str:
    if text == "all":
        return text
    try:
        drives = frozenset(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a drive list such as 0 or 0,1 (give the program before "
            "--disk-writable, or --disk-writable alone for every --disk)") from None
    bad = sorted(d for d in drives if not 0 <= d <= 4)
    if bad:
        raise argparse.ArgumentTypeError(f"drive {bad[0]} does not exist (drives are 0-4)")
    return drives


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m machines.ibm1130",
                                     description="The IBM 1130 computing system.")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run a program (.out load file or .asm source)")
    run.add_argument("program", nargs="?", help="PROG.out (SIMH load format) or PROG.asm")
    run.add_argument("--origin", type=_origin, metavar="HEX",
                     help=f"load a relocatable source here (even; default {DMS_ORIGIN:04X}, where DMS loads "
                          "a mainline, clear of the index registers and interrupt vectors)")
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
    run.add_argument("--disk", action="append", default=[], type=_disk_spec, metavar="[N:]FILE",
                     help="a disk cartridge image for drive N (0 the internal drive, 1-4 the 2310s; "
                          "a bare FILE is drive 0); repeatable, one per drive")
    run.add_argument("--disk-writable", nargs="?", const="all", type=_drive_list, metavar="N[,N...]",
                     help="write the program's changes through to the image files: every --disk "
                          "alone, or only drives N (e.g. --disk-writable 0,1); without it the "
                          "program writes in-memory copies and the files never change")
    run.add_argument("--type", action="append", dest="typing", default=[], type=lambda t: ("--type", t),
                     metavar="TEXT", help="type TEXT on the console keyboard, key by key as the program "
                     "asks (a line end is EOF; {EOF} {BACKSPACE} {ERASE FIELD} {INT REQ} name the "
                     "other keys)")
    run.add_argument("--keyboard", action="append", dest="typing", type=lambda t: ("file", t), metavar="FILE",
                     help="type the text of FILE the same way (--type and --keyboard in the order given)")
    run.add_argument("--until", metavar="TEXT",
                     help="stop (stop \"until\") once the console printer has printed TEXT")
    run.add_argument("--boot", choices=("reader", "disk"), help="PROGRAM LOAD from the reader or the disk")
    run.add_argument("--dump", action="append", default=[], type=_dump_spec, metavar="ADDR:LEN",
                     help="report LEN words of core from hex ADDR (repeatable)")
    run.add_argument("--display-png", metavar="OUT.png", help="write the 2250 screen as a PNG")
    run.add_argument("--plotter-svg", metavar="OUT.svg", help="write the 1627 plot as SVG")
    run.add_argument("--cycle", type=float, default=timing.DEFAULT_CYCLE_US, choices=(3.6, 2.2),
                     help="storage cycle in microseconds for the real-time figure")
    run.add_argument("--json", action="store_true", help="print the result as one JSON object")

    bench = commands.add_parser("bench", help="measure emulated instructions per second")
    bench.add_argument("--repeat", type=int, default=1, metavar="N",
                       help="rounds of the mix; medians and the spread are printed")

    from . import forth_session
    forth_session.add_arguments(commands.add_parser(
        "forth", help="Moore's 1968 FORTH at the console keyboard, in this terminal"))

    commands.add_parser("keypunch", help="punch a text file into a card deck on the 029 "
                        "(see keypunch --help)", add_help=False).add_argument(
        "rest", nargs=argparse.REMAINDER)

    asm = commands.add_parser("asm", help="assemble asm1130 source")
    asm_command.add_arguments(asm)

    from ..challenges import command as challenge_command
    challenge_command.add_arguments(commands.add_parser(
        "challenge", help="graded assembler exercises: list | show ID | check ID PROG.asm"))
    from ..desktop import command as desktop_command
    desktop_command.add_arguments(commands.add_parser("desktop", help="the 1130 in a pyxel window"),
                                  _disk_spec, _drive_list, _origin)
    return parser


def build_machine(args: argparse.Namespace) -> Ibm1130:
    """The machine for ``run``: every device and medium is set up here
    (``--reader``, ``--disk``, ``--disk-writable``, ``--boot``), and
    nowhere else.  The folder of ``--plotter-svg`` must exist (checked
    before the run)."""
    _check_output_folder(args.plotter_svg, "--plotter-svg")
    drives = [drive for drive, _ in args.disk]
    twice = sorted({d for d in drives if drives.count(d) > 1})
    if twice:
        raise CliError(f"--disk: two cartridges for drive {twice[0]}")
    writable = set(drives) if args.disk_writable == "all" else set(args.disk_writable or ())
    if args.disk_writable and not args.disk:
        raise CliError("--disk-writable: give the cartridge with --disk FILE")
    if writable - set(drives):
        raise CliError(f"--disk-writable: no --disk for drive {min(writable - set(drives))}")
    if args.boot == "disk" and not args.disk:
        raise CliError("--boot disk: give the cartridge with --disk FILE")
    machine = Ibm1130(memory_words=args.memory, cycle_us=args.cycle)
    try:   # every file is checked before anything is attached
        decks = [load_deck(path, args.lowercase, warn=_warn) for path in args.reader]
        for drive, path in args.disk:
            machine.mount(path, drive, writable=drive in writable)
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


def _load_program(machine: Ibm1130, path: str, origin: int | None = None) -> CoreImage:
    """Load PROG.asm (a relocatable one at ``origin``, by default
    ``DMS_ORIGIN``) or PROG.out into ``machine``; returns the image loaded."""
    if path.lower().endswith(".asm"):
        try:
            image = asm_command.assemble_for_run(path, DMS_ORIGIN if origin is None else origin)
        except asm_command.AssemblyFailed as error:
            raise CliError(str(error)) from None
        except OSError as error:
            raise CliError(f"{path}: cannot read: {error.strerror or error}") from None
        if origin is not None and image.origin is None:
            raise CliError(f"--origin: {path} is absolute (ABS); it loads where its ORG says")
    elif origin is not None:
        raise CliError(f"--origin: {path} is a load file; it loads where its @ addresses say "
                       "(give the source to relocate it)")
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
    return image


def _print_text(result: dict, system: System) -> None:
    if "origin" in result:
        print(f"loaded at {result['origin']:04X} (relocatable)")
    print(f"stop {result['stop']} at IAR {result['iar']:04X} after {result['instructions']} instructions"
          f" ({system.real_time_us / 1e6:.6f} s on a {system.cycle_us} us IBM 1130)")
    print(f"ACC {result['acc']:04X}  EXT {result['ext']:04X}  C {int(result['carry'])}  V {int(result['overflow'])}"
          f"  XR1 {result['xr'][0]:04X}  XR2 {result['xr'][1]:04X}  XR3 {result['xr'][2]:04X}")
    if result.get("keyboard") == "waiting":
        print("keyboard: the program waits for a key, and nothing is left to type")
    elif result.get("keyboard", "typed") != "typed":
        print(f"keyboard: {result['keyboard']} to type")
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
    origin = None
    if args.program:
        origin = _load_program(machine, args.program, args.origin).origin
    elif not args.boot:
        raise CliError("run: give a program (PROG.out or PROG.asm) or --boot reader|disk")
    elif args.origin is not None:
        raise CliError("--origin: give the relocatable program (PROG.asm) to load")
    if args.switches is not None:
        machine.system.switches = args.switches
    typist = _typist(machine, args.typing)
    stop = run_interruptibly(machine, args.max_instructions, typist, args.until)
    result = machine.report(args.dump, stop=stop)
    if origin is not None:
        result["origin"] = origin
    if typist is not None or machine.console.keyboard_selected:
        result["keyboard"] = (typist or keyboard_script.Typist(machine.console, [])).state()
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


def _typist(machine: Ibm1130, typing: list[tuple[str, str]]) -> keyboard_script.Typist | None:
    if not typing:
        return None
    keys: list[int] = []
    try:
        for kind, value in typing:
            keys += keyboard_script.read_script(value) if kind == "file" else keyboard_script.parse(value)
    except keyboard_script.ScriptError as error:
        raise CliError(str(error)) from None
    return keyboard_script.Typist(machine.console, keys)


def run_interruptibly(machine: Ibm1130, max_instructions: int,
                      typist: keyboard_script.Typist | None = None, until: str | None = None) -> str:
    """``machine.run(max_instructions)`` in slices, so that Ctrl-C (SIGINT)
    stops it between two instructions: returns the stop, ``"stopped"`` for
    Ctrl-C.  The slices add up to exactly ``max_instructions``.  A disk
    image that cannot be written ends the run with a ``CliError``.
    ``typist`` types its keys as the program asks; ``until`` stops the run
    (``"until"``) once the console printer has printed it, looked for every
    :data:`UNTIL_SLICE` instructions (the keyboard script every
    :data:`WATCH_SLICE`)."""
    interrupted = []
    previous = None
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: interrupted.append(signum))
    except ValueError:           # not the main thread: Ctrl-C is not ours to catch
        pass
    console = machine.console
    printed = console.characters_typed
    step = UNTIL_SLICE if until is not None else WATCH_SLICE if typist is not None else RUN_SLICE
    try:
        left = max_instructions
        while True:
            if typist is not None:
                typist.feed()
            before = machine.system.instructions
            stop = machine.run(min(left, step))
            left -= machine.system.instructions - before
            if interrupted:
                machine.last_stop = "stopped"
                return "stopped"
            if until is not None and console.characters_typed != printed:
                printed = console.characters_typed
                if until in console.output_text():
                    machine.last_stop = "until"
                    return "until"
            if stop == "wait" and typist is not None and typist.keys and not console.pending_keys:
                continue                 # INT REQ is next: it ends the wait
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
    if args.command == "forth":
        from . import forth_session
        return forth_session.main(args)
    if args.command == "bench":
        from .bench import main as bench_main
        return bench_main(repeat=args.repeat)
    if args.command == "asm":
        return asm_command.main(args)
    if args.command == "challenge":
        from ..challenges import command as challenge_command
        return challenge_command.main(args)
    if args.command == "desktop":
        from ..desktop import command as desktop_command
        machine = build_machine(args)
        if args.program:
            _load_program(machine, args.program, args.origin)
        return desktop_command.main(args, machine)
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
