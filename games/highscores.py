"""A top-N high-score table with 3-initial entries, as on Asteroids.

Asteroids keeps a top-10 table and, after a game good enough to enter it,
lets the player spell 3 initials with the rotate buttons, accepting each
letter with a button (../shared/reference/arcade.md 2.1, "High-Score-
Initial" mode).  ``HighScoreTable`` is the table (JSON round trip for the
front ends' local storage or desktop file); ``InitialsEntry`` is the
letter-by-letter editor a game drives from its controls each tick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from machines.vector.displaylist import DisplayList

TABLE_SIZE = 10          # top 10 [arcade.md 2.1]
INITIALS = 3             # 3 initials [arcade.md 2.1]
# The letters offered: a blank then A-Z, cycling; entry starts on "A".
ALPHABET = " ABCDEFGHIJKLMNOPQRSTUVWXYZ"
REPEAT_DELAY = 20        # ticks a held rotate key waits before auto-repeat
REPEAT_EVERY = 6         # ticks between repeated letter steps while held


def clean_initials(text: Any) -> str:
    """``text`` as exactly 3 upper-case letters/blanks; anything else becomes a blank."""
    s = str(text).upper()[:INITIALS]
    return "".join(c if c in ALPHABET else " " for c in s).ljust(INITIALS)


class HighScoreTable:
    """Entries ``(score, initials)`` best first, at most ``size`` of them.

    A later entry with the same score ranks below earlier ones (the earlier
    player got there first)."""

    def __init__(self, size: int = TABLE_SIZE,
                 entries: list[tuple[int, str]] | None = None) -> None:
        if size <= 0:
            raise ValueError("high-score table size must be positive")
        self.size = size
        self.entries: list[tuple[int, str]] = []
        for score, initials in entries or ():
            self.insert(score, initials)

    def rank_for(self, score: int) -> int | None:
        """0-based place ``score`` would take, or None if it does not qualify.

        A score of 0 never qualifies."""
        if score <= 0:
            return None
        for i, (s, _) in enumerate(self.entries):
            if score > s:
                return i
        return len(self.entries) if len(self.entries) < self.size else None

    def qualifies(self, score: int) -> bool:
        return self.rank_for(score) is not None

    def insert(self, score: int, initials: str) -> int | None:
        """Add an entry; returns its 0-based rank, or None if it did not qualify."""
        rank = self.rank_for(int(score))
        if rank is None:
            return None
        self.entries.insert(rank, (int(score), clean_initials(initials)))
        del self.entries[self.size:]
        return rank

    @property
    def best(self) -> int:
        """The top score, 0 when the table is empty."""
        return self.entries[0][0] if self.entries else 0

    def to_json(self) -> dict[str, Any]:
        """``{"entries": [{"score": int, "initials": str}, ...]}``, best first."""
        return {"entries": [{"score": s, "initials": i} for s, i in self.entries]}

    @classmethod
    def from_json(cls, data: Any, size: int = TABLE_SIZE) -> "HighScoreTable":
        """Rebuild a table from ``to_json`` output.  Malformed entries (wrong
        types, negative scores) are skipped rather than raised: the data
        comes from local storage or a file a user may have edited."""
        table = cls(size)
        entries = data.get("entries") if isinstance(data, Mapping) else None
        if not isinstance(entries, list):
            return table
        for e in entries:
            if not isinstance(e, Mapping):
                continue
            score, initials = e.get("score"), e.get("initials", "")
            if isinstance(score, bool) or not isinstance(score, int) or score < 0:
                continue
            table.insert(score, initials if isinstance(initials, str) else "")
        return table


class InitialsEntry:
    """Spelling 3 initials with the controls, one letter at a time.

    Each tick call ``step(controls)``: ``left``/``down`` step the current
    letter back, ``right``/``up`` forward through ``ALPHABET`` (cycling,
    auto-repeating while held), ``fire`` or ``hyperspace`` accepts the
    letter and moves on (a new press each time).  ``done`` turns true after
    the third letter; ``initials`` is the text so far (unset letters blank).
    """

    def __init__(self) -> None:
        self.letters = [ALPHABET.index("A")] + [0] * (INITIALS - 1)
        self.position = 0
        self.done = False
        self._held = 0
        self._accept_was_down = True   # the button that ended the game may still be held

    @property
    def initials(self) -> str:
        return "".join(ALPHABET[i] for i in self.letters)

    def draw(self, dl: "DisplayList", cx: float, y: float, tick: int, size: float = 36,
             spacing: float = 48, colour: int = 0) -> None:
        """Draw the letters, centred on ``cx`` with their baseline at ``y``
        (display units), the current one underlined and blinking every 15
        ticks (a quarter second at 60 Hz)."""
        under, half = size // 3, round(size * 0.45)
        for i, ch in enumerate(self.initials):
            x = cx - 60 + i * spacing
            if ch != " ":
                dl.text(ch, x, y, size, 1.0, colour, align="center")
            if i == self.position and (tick // 15) % 2 == 0:
                dl.line(x - half, y - under, x + half, y - under, 1.0, colour)

    def step(self, controls: Mapping[str, Any]) -> None:
        if self.done:
            return
        accept = bool(controls.get("fire") or controls.get("hyperspace"))
        if accept and not self._accept_was_down:
            self.position += 1
            if self.position >= INITIALS:
                self.done = True
                self.position = INITIALS - 1
            else:
                self.letters[self.position] = ALPHABET.index("A")
            self._accept_was_down = True
            return
        self._accept_was_down = accept
        d = (1 if controls.get("right") or controls.get("up") else 0) - \
            (1 if controls.get("left") or controls.get("down") else 0)
        if d == 0:
            self._held = 0
            return
        if self._held == 0 or (self._held >= REPEAT_DELAY and
                               (self._held - REPEAT_DELAY) % REPEAT_EVERY == 0):
            p = self.position
            self.letters[p] = (self.letters[p] + d) % len(ALPHABET)
        self._held += 1


class KeepsHighScores:
    """What a game with a top-N table does after GAME OVER, once (mixed
    into a ``Game`` before ``Game`` in the bases).

    The game keeps ``high_scores`` (a :class:`HighScoreTable`), ``score``,
    ``phase``, ``phase_timer`` and ``entry``; ``HIGH_SCORE_SIZE`` is its
    table's length.  ``persistent_data`` keeps the table between games
    (front ends store it); a game that keeps more extends both methods.
    """

    HIGH_SCORE_SIZE = TABLE_SIZE
    high_scores: HighScoreTable
    score: int
    phase: str
    phase_timer: int
    entry: "InitialsEntry | None"
    last_rank: int | None = None

    def high_score_tick(self, controls: Mapping[str, Any], initials_ticks: int,
                        no_entry: Any, entered: Any) -> None:
        """One tick after the game: while ``phase`` is ``game_over`` its
        timer runs down, then a score good enough for the table starts
        ``enter_initials`` (for at most ``initials_ticks``) and any other
        calls ``no_entry()``; while entering, ``controls`` spell the
        initials, and when done (or timed out) the entry goes into the
        table (``last_rank``) and ``entered()`` is called."""
        if self.phase == "game_over":
            self.phase_timer -= 1
            if self.phase_timer <= 0:
                if self.high_scores.qualifies(self.score):
                    self.phase = "enter_initials"
                    self.phase_timer = initials_ticks
                    self.entry = InitialsEntry()
                else:
                    no_entry()
            return
        entry = self.entry
        assert entry is not None
        entry.step(controls)
        self.phase_timer -= 1
        if entry.done or self.phase_timer <= 0:
            self.last_rank = self.high_scores.insert(self.score, entry.initials)
            self.entry = None
            entered()

    def persistent_data(self) -> dict[str, Any]:
        """``{"high_scores": {"entries": [{"score", "initials"}, ...]}}``."""
        return {"high_scores": self.high_scores.to_json()}

    def load_persistent_data(self, data: dict[str, Any]) -> None:
        """Restore the table; anything malformed is ignored."""
        if isinstance(data, Mapping):
            self.high_scores = HighScoreTable.from_json(data.get("high_scores"), self.HIGH_SCORE_SIZE)
