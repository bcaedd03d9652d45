"""The computer room behind the page: the one 1130 every pane works on.

Each pane's module keeps the ``Room`` and reads ``room.machine`` when it
acts, never a machine of its own: restoring a saved state puts a whole new
machine in the room (:meth:`Room.use`) and every pane follows.
"""

from __future__ import annotations

from ..machine import Ibm1130
from .messages import MEMORY_WORDS


class Room:
    """Holds ``machine`` (an ``Ibm1130`` of 32K words with the standard
    devices) and, for short, its ``system`` and ``panel``."""

    def __init__(self) -> None:
        self.use(Ibm1130(MEMORY_WORDS))

    def use(self, machine: Ibm1130) -> None:
        """Put ``machine`` in the room in place of the one there."""
        self.machine = machine
        self.system, self.panel = machine.system, machine.panel
