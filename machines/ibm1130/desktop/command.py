"""``python -m machines.ibm1130 desktop``: the subcommand's arguments and start.

    desktop [--disk [N:]CART ... [--disk-writable [N,...]]] [--reader DECK ...] [--boot reader|disk]
            [--memory 32768] [--real-speed] [--frames N] [--origin HEX] [PROG.asm|PROG.out]

The machine is built by the command line's ``build_machine`` (tools/cli.py,
the same checks and messages as ``run``) and handed to :func:`main`; a
``--boot`` machine is running when the window opens, a program waits for
PROGRAM START at its start address.  Only this module's :func:`main`
imports pyxel, so the command line works without the desktop extras.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Callable

from .. import timing
from ..machine import MEMORY_SIZES


def add_arguments(parser: argparse.ArgumentParser, disk_spec: Callable[[str], Any],
                  drive_list: Callable[[str], Any], origin: Callable[[str], int]) -> None:
    """The ``desktop`` subcommand's arguments; the media ones are ``run``'s,
    with its ``[N:]FILE``, drive-list and ``--origin`` parsers (``disk_spec``,
    ``drive_list``, ``origin``)."""
    parser.add_argument("program", nargs="?", help="PROG.asm or PROG.out to load (PROGRAM START runs it)")
    parser.add_argument("--origin", type=origin, metavar="HEX",
                        help="load a relocatable PROG.asm here (even; default where DMS loads a mainline)")
    parser.add_argument("--disk", action="append", default=[], type=disk_spec, metavar="[N:]CART",
                        help="a disk cartridge image for drive N (a bare CART is drive 0); repeatable")
    parser.add_argument("--disk-writable", nargs="?", const="all", type=drive_list, metavar="N[,N...]",
                        help="write the program's changes through to every --disk, or only drives N")
    parser.add_argument("--reader", action="append", default=[], metavar="DECK",
                        help="a card deck for the 1442 hopper (repeat to stack decks)")
    parser.add_argument("--lowercase", action="store_true", help="ASCII decks keep lower case (SIMH's -l)")
    parser.add_argument("--boot", choices=("reader", "disk"), help="PROGRAM LOAD from the reader or the disk")
    parser.add_argument("--memory", type=int, default=32768, choices=MEMORY_SIZES, help="core size in words")
    parser.add_argument("--cycle", type=float, default=timing.DEFAULT_CYCLE_US, choices=(3.6, 2.2),
                        help="storage cycle in microseconds for real speed")
    parser.add_argument("--real-speed", action="store_true", help="start at the real 1130's speed "
                        "(default: as fast as the window allows; F4 switches)")
    parser.add_argument("--frames", type=int, metavar="N", help="close the window after N frames")
    parser.set_defaults(display_png=None, plotter_svg=None)


def main(args: argparse.Namespace, machine: Any) -> int:
    """Open the window on ``machine`` (built from ``args``); returns the
    exit status (1 with a message when pyxel is not installed)."""
    try:
        import pyxel  # noqa: F401  (desktop only)
    except ImportError:
        print("desktop: the window needs pyxel and numpy (pip install 'retro1130[desktop]')",
              file=sys.stderr)
        return 1
    from .forthkey import ForthPreset
    from .model import DesktopModel
    from .window import run_desktop
    model = DesktopModel(machine, forth=ForthPreset())
    model.set_real_speed(bool(args.real_speed))
    if args.boot:
        model.press("start")            # PROGRAM LOAD was pressed: the loaded program runs
        model.message = f"program load from the {args.boot}"
    elif args.program:
        model.message = f"{args.program} loaded at IAR {machine.system.iar:04X}: PROGRAM START (F5) runs it"
    title = "IBM 1130" + (f" - {os.path.basename(args.program)}" if args.program else "")
    run_desktop(model, max_frames=args.frames, title=title)
    return 0
