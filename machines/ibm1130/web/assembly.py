"""The assembler service of the Program pane: assemble, load, punch, save.

Messages (``source`` the program's text, ``filename`` its name in
messages):

* ``assemble {source, filename?}`` -> ``ok``, ``errors`` and ``warnings``
  (each ``line``, ``column``, ``message``, ``text``), ``listing``,
  ``start``, ``size``, ``externals`` (the contract's message), ``form``
  (``card``, ``free``, ``tab`` or ``mixed``: asm/freeform.py) and, when
  some lines are not in card columns, ``card_source``: the program
  rewritten in IBM card columns (the page's "Card columns" button);
* ``load {source, format?: "asm"|"out"}``: assemble (or read the SIMH load
  file), CHECK RESET, store the words (a relocatable program at /01FE,
  where DMS and ``run`` load it: asm/relocate.py; ``origin`` in the reply,
  null for an absolute one), preset the switches, IAR <- start (the
  contract's message); errors as ``assemble``;
* ``load_file_text`` -> ``text``, the program in SIMH load format;
* ``object_deck {kind?}`` -> ``cards``, ``deck_size``: the deck punched at
  the back of the keypunch deck.
"""

from __future__ import annotations

from typing import Callable

from ..cards import Card
from .messages import MEMORY_WORDS, BridgeError

#: ``object_deck``'s kinds and the assembly's method that punches each.
DECK_MAKERS = {"object": "object_deck", "core_image": "core_image_deck", "coldstart": "coldstart_card"}


def diagnostics(items) -> list[dict]:
    """Assembler errors or warnings as the page shows them."""
    return [e.to_dict() for e in items]


class AssemblyService:
    """Assembles for the ``room``'s machine.  ``loaded()`` is called before
    a program is stored (a scripted run in progress is forgotten);
    ``punch_deck()`` is the keypunch's deck list that punched decks join."""

    def __init__(self, room, loaded: Callable[[], None], punch_deck: Callable[[], list[Card]]) -> None:
        self.room = room
        self.loaded = loaded
        self.punch_deck = punch_deck

    def _assemble(self, msg: dict):
        from ..asm.assembler import assemble   # the assembler is loaded on first use (page start-up)
        return assemble(msg["source"], msg.get("filename") or "program.asm")

    def assemble(self, msg: dict) -> dict:
        from ..asm.freeform import card_columns, source_form
        asm = self._assemble(msg)
        reply = {"ok": asm.ok, "errors": diagnostics(asm.errors),
                 "warnings": diagnostics(asm.warnings), "listing": asm.listing(),
                 "start": asm.start, "size": len(asm.words),
                 "externals": asm.external_names(), "form": source_form(msg["source"])}
        if reply["form"] != "card":
            reply["card_source"] = card_columns(msg["source"])
        return reply

    def load_file_text(self, msg: dict) -> dict:
        """The program in SIMH load format (``.out``) for download."""
        asm = self._assemble(msg)
        if not asm.ok:
            return {"ok": False, "errors": diagnostics(asm.errors),
                    "error": f"{len(asm.errors)} assembly error(s)"}
        return {"text": asm.to_out()}

    def object_deck(self, msg: dict) -> dict:
        """Assemble and punch the DMS relocatable object deck (``kind``
        ``object``, the default), the absolute core-image deck
        (``core_image``) or the Program Load card of a program in words
        0-79 (``coldstart``) at the back of the keypunch deck, to download,
        to feed DMS or to PROGRAM LOAD."""
        kind = msg.get("kind", "object")
        asm = self._assemble(msg)
        if not asm.ok:
            return {"ok": False, "errors": diagnostics(asm.errors),
                    "error": f"{len(asm.errors)} assembly error(s); nothing punched"}
        try:
            made = getattr(asm, DECK_MAKERS[kind])()
        except ValueError as error:
            raise BridgeError(f"{kind} deck: {error}") from None
        cards = [made] if isinstance(made, Card) else list(made)
        deck = self.punch_deck()
        deck.extend(Card(list(c.columns)) for c in cards)
        return {"cards": len(cards), "deck_size": len(deck)}

    def load(self, msg: dict) -> dict:
        fmt = msg.get("format", "asm")
        if fmt == "out":
            from ..asm.loadformat import parse_out   # (here: the page starts without the assembler)
            image = parse_out(msg["source"], msg.get("filename") or "program.out", MEMORY_WORDS)
            reply = {"errors": [], "listing": ""}
        else:
            asm = self._assemble(msg)
            reply = {"errors": diagnostics(asm.errors), "warnings": diagnostics(asm.warnings),
                     "listing": asm.listing()}
            if not asm.ok:
                return {"ok": False, **reply, "error": f"{len(asm.errors)} assembly error(s); nothing loaded"}
            if asm.externals:
                names = ", ".join(asm.external_names())
                return {"ok": False, **reply,
                        "error": f"the program needs the DMS loader for {names}; run it under DMS instead"}
            from ..asm.relocate import DMS_ORIGIN, relocated
            image = relocated(asm, DMS_ORIGIN)   # where DMS and `run` put a relocatable program
        self.loaded()
        self.room.panel.check_reset()
        try:
            self.room.machine.load_image(image)
        except ValueError as error:           # an address beyond core
            raise BridgeError(str(error)) from None
        return {**reply, "ok": True, "start": image.start or 0, "size": len(image.words),
                "origin": image.origin}
