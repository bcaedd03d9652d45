"""The printed output: the 1131 console printer's paper and the 1132's printout.

Snapshots carry only what was printed since the last one (a delta), so a
long printout crosses to the page once.  When the paper is torn off or a
new program starts, the whole text goes again with ``reset: true``.
Messages: ``tear_off {device: "console"|"printer"}`` -> ``text`` (what was
on the paper), ``printer_text`` -> ``console_printer``, ``printer``.
"""

from __future__ import annotations

from typing import Any

#: A text no printer can have printed: the next delta is then the whole page.
_UNSENT = "\0"


class Output:
    """Output of the ``room``'s console printer and 1132 (``room.machine``
    is read at each call, so a restored machine is followed)."""

    def __init__(self, room) -> None:
        self.room = room
        self._console = self._ribbon = self._printer = ""

    def delta(self) -> dict[str, Any]:
        """What appeared since the last call: ``console`` ``{text, ribbon,
        reset}`` (``ribbon`` one ``r`` or ``b`` per character, lines as in
        ``text``) and ``printer`` ``{text, reset}``, each only when it
        changed; ``reset`` True means the text replaces all shown before."""
        out: dict[str, Any] = {}
        console = self.room.machine.console
        text = console.output_text()
        if text != self._console:
            ribbon = "\n".join(console.ribbon_lines())
            if text.startswith(self._console) and ribbon.startswith(self._ribbon):
                out["console"] = {"text": text[len(self._console):],
                                  "ribbon": ribbon[len(self._ribbon):], "reset": False}
            else:
                out["console"] = {"text": text, "ribbon": ribbon, "reset": True}
            self._console, self._ribbon = text, ribbon
        text = self.room.machine.printer.output_text()
        if text != self._printer:
            if text.startswith(self._printer):
                out["printer"] = {"text": text[len(self._printer):], "reset": False}
            else:
                out["printer"] = {"text": text, "reset": True}
            self._printer = text
        return out

    def resend(self) -> None:
        """Send all printed output again with the next snapshot (a new page)."""
        self._console = self._ribbon = self._printer = _UNSENT

    def tear_off(self, msg: dict) -> dict:
        """Tear the paper off the 1132 (``device: "printer"``) or the
        console printer (anything else); ``text`` is what was on it."""
        machine = self.room.machine
        device = machine.printer if msg.get("device") == "printer" else machine.console
        text = device.tear_off()
        self.resend()
        return {"text": text}

    def printer_text(self, msg: dict) -> dict:
        machine = self.room.machine
        return {"console_printer": machine.console.output_text(),
                "printer": machine.printer.output_text()}
