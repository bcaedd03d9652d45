"""The page's view of one frame: lamp glow, output, the card room's counts.

A snapshot is what the worker posts to the page after each frame (at most
30 a second, DESIGN.md "Web front end"); the page only draws it.
"""

from __future__ import annotations

from typing import Any

from ..panel import REGISTERS


class Glow:
    """Lamp samples over one frame: for each register of the display panel
    (``panel.REGISTERS``) 16 counts, bit 0 first, and for the six interrupt
    levels one count each, of the samples in which the lamp was lit.  A
    register that changes during the frame glows in proportion to the time
    each bit was lit."""

    def __init__(self, panel) -> None:
        self.panel = panel
        self.counts: dict[str, list[int]] = {r: [0] * 16 for r in REGISTERS}
        self.counts["levels"] = [0] * 6
        self.taken = 0
        self.lamps: dict | None = None

    def sample(self) -> None:
        """Look at the lamps once."""
        lamps = self.panel.lamps()
        for r in REGISTERS:
            value, row = lamps[r], self.counts[r]
            for bit in range(16):
                if value & (0x8000 >> bit):
                    row[bit] += 1
        for level, lit in enumerate(lamps["levels"]):
            self.counts["levels"][level] += lit
        self.lamps = lamps
        self.taken += 1


def snapshot(room, output, job: bool, ips: int, glow: Glow | None = None, stop: str | None = None,
             executed: int = 0, cycles: int = 0) -> dict[str, Any]:
    """The page's view: ``lamps`` (``ConsolePanel.lamps``), ``glow`` (see
    :class:`Glow`, with ``samples`` the number taken), ``stop`` (the reason
    the CPU stopped in this frame, or None), ``executed`` and ``cycles`` in
    this frame, ``instructions`` in all, ``ips``, ``job`` (a scripted run is
    going on), ``breakpoints``, the output that appeared (``console``,
    ``printer``: see ``Output.delta``), the 1442's counts (``reader``) and
    whether drive 0 is ready (``disk``)."""
    machine, system, panel = room.machine, room.system, room.panel
    lamps = glow.lamps if glow is not None and glow.lamps is not None else panel.lamps()
    out: dict[str, Any] = {"lamps": lamps, "samples": glow.taken if glow is not None else 1,
                           "stop": stop, "executed": executed, "cycles": cycles, "ips": ips,
                           "instructions": system.instructions, "stop_reason": panel.stop_reason,
                           "job": job, "breakpoints": sorted(system.breakpoints)}
    if glow is not None:
        out["glow"] = glow.counts
    out.update(output.delta())
    reader = machine.reader
    out["reader"] = {"hopper": reader.cards_in_hopper, "stacker": len(reader.stacker),
                     "punched": len(reader.punched_cards()), "read": reader.cards_read}
    out["disk"] = {"ready": machine.disks[0].ready}
    return out


class Quiet:
    """Only what changed crosses to the page (issue 12: a stopped machine
    posted 30 snapshots a second).  :meth:`pass_on` gets each frame's
    snapshot (JSON text) and returns it, or "" when it is the same text as
    the last one passed on and the machine is ``idle`` (the CPU not running,
    no scripted run): nothing in such a machine changes until a message
    comes, so the worker may stop asking until then.  ``force`` passes it on
    anyway (a message was handled: the page waits for a snapshot after it)."""

    def __init__(self) -> None:
        self._last = ""

    def pass_on(self, text: str, idle: bool, force: bool = False) -> str:
        if idle and not force and text == self._last:
            return ""
        self._last = text
        return text
