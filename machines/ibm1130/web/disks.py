"""The disk drive of the Card room: mount, unmount and download a cartridge.

Cartridges are SIMH's raw 2315 images (1,042,608 bytes), mounted as
in-memory copies through ``Ibm1130.mount``, which checks them.  The worker
fetches or reads the bytes and hands them over (``mount`` message of the
page); ``unmount`` and ``disks`` (-> ``drives``: each drive's ``drive``,
``cartridge`` name or None and ``ready``) are ordinary messages.
"""

from __future__ import annotations

from typing import Any


class DiskDrives:
    """The drives of the ``room``'s machine (the page uses drive 0)."""

    def __init__(self, room) -> None:
        self.room = room

    def mount(self, data: Any, name: str = "cartridge", drive: int = 0) -> dict:
        """Mount an image (bytes, or a Pyodide buffer proxy with
        ``to_bytes``) on ``drive`` (0-4, ``name`` text: checked by the
        ``mount`` schema): ``mounted``, ``drive``; or ``ok: false`` with the
        operator's message (not a cartridge image)."""
        if hasattr(data, "to_bytes"):
            data = data.to_bytes()
        try:
            self.room.machine.mount(bytes(data), drive=drive, name=name)
        except (TypeError, ValueError) as error:      # DiskImageError, no such drive, not bytes
            return {"ok": False, "error": str(error)}
        return {"ok": True, "mounted": name, "drive": drive}

    def unmount(self, msg: dict) -> dict:
        self.room.machine.unmount(0)
        return {}

    def drives(self, msg: dict) -> dict:
        """What the card room shows of each drive, read from the machine
        (so a restored state shows its own cartridges)."""
        return {"drives": [{"drive": i, "ready": d.ready,
                            "cartridge": (d.cartridge.path or "cartridge") if d.cartridge is not None else None}
                           for i, d in enumerate(self.room.machine.disks)]}

    def image(self) -> bytes:
        """The image of the cartridge on drive 0 (for download), or b""."""
        cartridge = self.room.machine.disks[0].cartridge
        return cartridge.image_bytes() if cartridge is not None else b""
