"""Render a specimen of the vector font (every printable ASCII character) to PNG.

``python -m machines.vector.specimen [OUT.png] [--size PIXELS]`` draws the
character set in rows of 16 with the desktop rasterizer (desktop only: numpy, Pillow),
plus a pangram in each case, so the glyphs can be checked by eye.
"""

from __future__ import annotations

import argparse
import sys

from machines.vector import font
from machines.vector.displaylist import DisplayList
from machines.vector.rasterizer import write_png

WINDOW = (0.0, 0.0, 1024.0, 768.0)


def specimen(dl: DisplayList) -> None:
    """Draw the specimen page into ``dl`` (window ``WINDOW``)."""
    size = 36.0
    k = size / font.CAP_HEIGHT
    for row in range(6):
        chars = font.CHARACTERS[row * 16:(row + 1) * 16]
        y = 700 - row * 9.5 * k
        dl.text(chars, 40, y, size=size, colour=row % 3)
        dl.line(40, y, 40 + font.text_width(chars) * k, y, 0.15, 4)  # the baseline
    dl.text("THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG 0123456789", 40, 120, size=14)
    dl.text("the quick brown fox jumps over the lazy dog. (1+2)*3=9?", 40, 80, size=14, colour=1)
    dl.text("Score: 12,340  Hi-Score: 99,990  [P1] {ok} ~#$%&@!", 40, 40, size=14, colour=3)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", nargs="?", default="font_specimen.png")
    p.add_argument("--size", type=int, default=1024, help="image width in pixels")
    args = p.parse_args(argv)
    dl = DisplayList()
    specimen(dl)
    write_png(dl, args.out, WINDOW, width=args.size)
    print(f"{args.out}: {dl.count} segments")
    return 0


if __name__ == "__main__":
    sys.exit(main())
