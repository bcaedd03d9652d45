"""``python -m machines.ibm1130 forth [DIR]``: Moore's 1968 FORTH in this terminal.

The cartridge pair comes from ``forth.prepare`` (the three DMS jobs run
once, about 66 million instructions, then cached in ``--cache``, by default
``~/.cache/retro1130``); ``forth.start`` cold-starts ``// XEQ FORTX``.  Then
what FORTH types on the console printer appears here, and what is typed here
goes to the 1131 console keyboard, a key at a time as FORTH asks for it:
FORTH echoes each key itself.  Enter types a blank (this FORTH ends a word
at a blank and never sees a line end), Backspace the 1131's backspace key;
lower case types as the capitals.  Ctrl-C (or the end of a piped input,
once FORTH waits for a key) stops cleanly.

Reference: ../shared/data/ibm1130/forth68/README.md (the operator's
procedure and a transcript).
"""

from __future__ import annotations

import argparse
import os
import select
import sys
import time

from .. import codes
from ..forth import ForthError, prepare, start
from ..machine import Ibm1130

SLICE = 20_000               # instructions between two looks at the terminal
IDLE_POLL_S = 0.05           # how long to sleep while FORTH waits for a key and none is typed
KEY_ALIASES = {"\r": " ", "\n": " ", "\t": " ", "\x7f": "\b"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", help="the IBM 1130 material folder (dms.dsk, forth68/, jobs/); "
                        "default ../shared/data/ibm1130 or $RETRO1130_DATA")
    parser.add_argument("--cache", metavar="DIR",
                        help="where the prepared cartridge pair is kept (default ~/.cache/retro1130)")


def _progress(fraction: float, stage: str) -> None:
    bar = "#" * int(fraction * 30)
    print(f"\rpreparing the FORTH cartridges: [{bar:<30}] {fraction:4.0%} {stage:<26}",
          end="", file=sys.stderr, flush=True)


def _keys(data: str) -> list[int]:
    """Keyboard codes for what was typed here; a character with no key is
    dropped with a bell, as the 1131 ignores a key it does not have."""
    keys = []
    for char in data:
        try:
            keys.append(codes.ascii_to_keyboard(KEY_ALIASES.get(char, char)))
        except ValueError:
            sys.stdout.write("\a")
    return keys


def converse(machine: Ibm1130, read_ready, write) -> str:
    """Run FORTH until the user stops it: ``read_ready()`` returns the text
    typed since the last call ("" for none, None at the end of the input),
    ``write(text)`` shows what the console printer types.  Returns why it
    ended: ``"end of input"`` or the machine's stop (``"invalid"``...)."""
    console = machine.console
    shown = 0
    ended = False
    while True:
        stop = machine.run(SLICE)
        paper = console.output_text()
        if len(paper) > shown:
            write(paper[shown:])
            shown = len(paper)
        elif len(paper) < shown:          # the paper was torn off elsewhere
            shown = len(paper)
        waiting = stop == "wait" and console.keyboard_selected and not console.pending_keys
        if stop not in ("limit", "wait") or (stop == "wait" and not console.keyboard_selected
                                             and not console.pending_keys):
            return stop
        if not ended:
            typed = read_ready(IDLE_POLL_S if waiting else 0)
            if typed is None:
                ended = True
            elif typed:
                console.type_ahead(_keys(typed))
                continue
        if waiting and ended:
            return "end of input"


def _terminal_reader(stream):
    fd = stream.fileno()

    def read_ready(timeout: float) -> str | None:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return ""
        data = os.read(fd, 1024)
        return data.decode("utf-8", "replace") if data else None
    return read_ready


def main(args: argparse.Namespace) -> int:
    """The ``forth`` command; returns the exit status (0, or 1 with the
    reason on stderr: missing material, a job that failed, FORTH stopped)."""
    try:
        began = time.monotonic()
        pair = prepare(args.dir, args.cache, progress=_progress if sys.stderr.isatty() else None)
        prepared = time.monotonic()
        machine = Ibm1130(32768)
        start(machine, *pair)
        print(("\r" if sys.stderr.isatty() else "") + f"forth: cartridges ready in {prepared - began:.1f} s, "
              f"FORTH started in {time.monotonic() - prepared:.1f} s "
              f"({machine.system.instructions:,} instructions)" + " " * 20, file=sys.stderr)
    except (ForthError, ValueError) as error:     # the material, or a cartridge image
        print(f"\nforth: {error}", file=sys.stderr)
        return 1
    tty = sys.stdin.isatty()
    saved = None
    if tty:
        import termios
        import tty as tty_module
        saved = termios.tcgetattr(sys.stdin.fileno())
        tty_module.setcbreak(sys.stdin.fileno())      # a key at a time, no echo; Ctrl-C still interrupts
        print("Moore's FORTH (1968). Numbers are hexadecimal; end every word with a blank. "
              "Try:  'HELLO' REPLY   Ctrl-C stops.", file=sys.stderr)

    def write(text: str) -> None:
        sys.stdout.write(text.replace("\n", "\r\n") if tty else text)
        sys.stdout.flush()

    began = time.monotonic()
    try:
        why = converse(machine, _terminal_reader(sys.stdin), write)
    except KeyboardInterrupt:
        why = "stopped"
    finally:
        if saved is not None:
            import termios
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved)
    print(f"\nforth: {why} after {machine.system.instructions:,} instructions "
          f"({time.monotonic() - began:.1f} s)", file=sys.stderr)
    return 0 if why in ("stopped", "end of input") else 1
