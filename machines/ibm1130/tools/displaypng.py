"""``run --display-png OUT.png``: the IBM 2250's screen as an image.

The screen when the run stopped (``Display2250.render``: the last
regenerated frame, raster units 0-1023) is drawn into a display list and
rasterised by machines/vector/rasterizer.py (numpy and Pillow: desktop
only, so this module is imported only by the command line's ``run``).
"""

from __future__ import annotations

from ...vector.displaylist import DisplayList
from ..devices.display2250 import Display2250

#: The 2250's raster: 1024 x 1024 addressable points, origin bottom left.
SCREEN = (0.0, 0.0, 1024.0, 1024.0)
#: Image side in pixels.
SIZE = 768


def screen_list(display: Display2250) -> DisplayList:
    """The 2250's screen as a display list (phosphor green, colour 1)."""
    segments = display.segments()
    dl = DisplayList(capacity=max(1, len(segments)))
    display.render(dl)
    return dl


def write_display_png(display: Display2250, path: str, size: int = SIZE) -> None:
    """Write the 2250's screen to ``path`` as a ``size`` x ``size`` RGB PNG.
    Raises ``OSError`` when the file cannot be written and ``ImportError``
    without numpy/Pillow."""
    from ...vector import rasterizer   # numpy: desktop only
    rasterizer.write_png(screen_list(display), path, SCREEN, size, size)
