"""Command line: ``python -m games NAME`` (pyxel window) or headless runs.

``python -m games NAME --headless --frames N --seed S [--inputs FILE]
[--png OUT.png] [--json]`` runs without a window and prints the final
``state()`` (../shared/DESIGN.md, "contract: command line").  Bad input
gets one clear error line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import UnknownGame, available, game_class
from .inputs import MAX_DEPTH, InputFileError, Player, too_deep
from .inputs import read as read_inputs


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m games", description="Play a vector arcade game.")
    p.add_argument("name", help="game: " + ", ".join(available()))
    p.add_argument("--headless", action="store_true", help="run without a window")
    p.add_argument("--frames", type=int, default=600, help="ticks to run headless (default 600)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--inputs", metavar="FILE", help="JSON-lines input file")
    p.add_argument("--png", metavar="OUT.png", help="write the last frame as a PNG")
    p.add_argument("--json", action="store_true", help="print the final state as JSON")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="game setting (operator switch), e.g. --set lives=4")
    return p


def _settings(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"--set needs KEY=VALUE, got {pair!r}")
        if too_deep(value):
            raise ValueError(f"--set {key}: not a usable value (nested more than {MAX_DEPTH} deep)")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
        except (ValueError, RecursionError) as e:     # 5,000 digits, deep nesting
            raise ValueError(f"--set {key}: not a usable value ({str(e).split(';')[0]})") from None
    return out


def run_headless(name: str, frames: int, seed: int = 0, changes=(), settings=None):
    """Run ``frames`` ticks of game ``name``; return the game (for state and render)."""
    game = game_class(name)(settings=settings, seed=seed)
    player = Player(changes)
    for frame in range(frames):
        game.step(player.controls(frame))
    return game


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        cls = game_class(args.name)
        settings = _settings(args.set)
        changes = []
        if args.inputs:
            changes = read_inputs(args.inputs)
        if args.frames < 0:
            raise ValueError("--frames must be 0 or more")
        if not args.headless:
            from .desktop import run_window
            run_window(cls(settings=settings, seed=args.seed), changes)
            return 0
        game = run_headless(args.name, args.frames, args.seed, changes, settings)
        if args.png:
            from machines.vector.displaylist import DisplayList
            from machines.vector.rasterizer import write_png
            dl = DisplayList()
            game.render(dl)
            try:
                write_png(dl, args.png, game.window)
            except OSError as e:
                raise ValueError(f"{args.png}: cannot write PNG: {e.strerror or e}") from None
        state = game.state()
        if args.json:
            print(json.dumps(state, sort_keys=True))
        else:
            print(" ".join(f"{k}={v}" for k, v in sorted(state.items())))
        return 0
    except (UnknownGame, InputFileError, ValueError) as e:
        msg = e.args[0] if isinstance(e, UnknownGame) else str(e)
        print(f"python -m games: error: {msg}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
