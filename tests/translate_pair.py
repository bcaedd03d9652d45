"""Two machines for the translator's differential tests: one interpreting,
one translating with threshold 1 (everything hot is compiled at once), run
in the same chunks and compared by their whole saved state."""

from __future__ import annotations

from machines.ibm1130.system import System


def pair(words: dict[int, list[int]], start: int, size: int = 4096, regs=(0, 0, 0, 0)):
    """(interpreting, translating) systems of ``size`` words with ``words``
    loaded (address: list of words), IAR at ``start`` and ACC, EXT, C, V
    from ``regs``.  The translator makes a block a region after 3 runs."""
    machines = []
    for on in (False, True):
        s = System(size, translate=on)
        if on:
            s._core.translator.threshold = 1
            s._core.translator.promote_at = 4
        for address, ws in words.items():
            s.load_words(address, ws)
        s.iar = start
        s.acc, s.ext, s.carry, s.overflow = regs
        machines.append(s)
    return machines


def run_both(plain: System, fast: System, chunks: list[int]) -> None:
    """Run both for each chunk's instructions; after each the stop reason and
    the saved state (core, registers, counters, display registers, events,
    devices) must agree.  A wait or invalid stop is resumed on both."""
    for n in chunks:
        stops = plain.run(n), fast.run(n)
        assert stops[0] == stops[1]
        assert fast.save_state() == plain.save_state(), f"after {plain.instructions} instructions"
        if stops[0] in ("wait", "invalid"):
            if stops[0] == "invalid" or not plain.pending_events():
                plain.program_start()
                fast.program_start()
