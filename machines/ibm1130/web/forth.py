"""Moore's FORTH (1968) on the page: the cartridges prepared in bounded slices.

The page mounts IBM's DMS cartridge (``data/ibm1130/dms.dsk``) on drive 0,
fetches the three preparation jobs' text, and sends:

``forth_prepare {jobs: [{name, text}, ...]}``
    starts :class:`machines.ibm1130.forth.Preparation` on a machine of its
    own, from the cartridge on drive 0 (it must carry DMS's ID /1234) and
    the jobs in ``forth.JOBS`` order, going on to job 4 (``// XEQ
    FORTX``) -> ``stage``, ``fraction``;
``forth_step {budget?}``
    runs at most ``budget`` instructions (1,000 to 5,000,000; default
    :data:`STEP_BUDGET`) -> ``stage``, ``fraction``, ``done``.  When done,
    the prepared machine (drives 0 and 1 mounted, ``HI THERE`` on the console
    printer, FORTH waiting at the keyboard) replaces the room's, stopped at
    its WAIT, so a key typed (``console_keys``) wakes it as on the panel;
``forth_cancel``
    forgets a preparation in progress.

A job that fails is ``ok: false`` with the job, IAR and the 1132's last lines.
The page keeps the prepared machine with ``save_state`` and brings it back
with ``load_state`` next time.
"""

from __future__ import annotations

from typing import Callable

from ..forth import JOBS, ForthError, Material, Preparation
from .messages import BridgeError

STEP_BUDGET = 150_000
MIN_STEP_BUDGET, MAX_STEP_BUDGET = 1_000, 5_000_000    # instructions a forth_step may ask for
"""Instructions per ``forth_step``: a tenth of a second or so in the browser."""


class ForthPreset:
    """Prepares FORTH for the ``room``; ``restored()`` tells the other panes
    that a new machine is in the room."""

    def __init__(self, room, restored: Callable[[], None]) -> None:
        self.room = room
        self.restored = restored
        self.preparation: Preparation | None = None

    def prepare(self, msg: dict) -> dict:
        jobs = msg.get("jobs")
        if not isinstance(jobs, list) or len(jobs) != len(JOBS) or not all(
                isinstance(j, dict) and isinstance(j.get("text"), str) for j in jobs):
            raise BridgeError(f"jobs must be the {len(JOBS)} job decks ({', '.join(JOBS)}) as "
                              "{name, text} objects")
        cartridge = self.room.machine.disks[0].cartridge
        if cartridge is None:
            raise BridgeError("mount IBM's DMS cartridge (dms.dsk) on drive 0 first")
        try:
            material = Material(cartridge.image_bytes(),
                                [(str(j.get("name") or f"job {n}"), j["text"].encode("utf-8"))
                                 for n, j in enumerate(jobs, 1)])
            self.preparation = Preparation(material, then_start=True)
        except ForthError as error:
            raise BridgeError(str(error)) from None
        return self._progress()

    def step(self, msg: dict) -> dict:
        preparation = self.preparation
        if preparation is None:
            raise BridgeError("no FORTH preparation is in progress (send forth_prepare first)")
        budget = msg.get("budget", STEP_BUDGET)
        try:
            done = preparation.advance(budget)
        except ForthError as error:
            self.preparation = None
            raise BridgeError(str(error)) from None
        if done:
            self.preparation = None
            self.room.use(preparation.machine)
            self.restored()
        return {**self._progress(preparation), "done": done}

    def cancel(self, msg: dict) -> dict:
        self.preparation = None
        return {}

    def _progress(self, preparation: Preparation | None = None) -> dict:
        preparation = preparation or self.preparation
        return {"stage": preparation.stage, "fraction": round(preparation.fraction, 4),
                "instructions": preparation.machine.system.instructions}
