"""The vector display: display list, vector font, renderers (rasterizer is desktop only)."""

from .displaylist import DEFAULT_PALETTE, RECORD, DisplayList

__all__ = ["DisplayList", "RECORD", "DEFAULT_PALETTE"]
