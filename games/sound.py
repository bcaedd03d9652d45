"""Sound descriptions games emit; the front ends synthesise them.

A game declares ``SOUNDS``: name -> tuple of ``Tone`` played one after the
other.  Each tick it appends names to ``game.sound_events``; continuous
sounds (thrust, saucer siren) are reported by ``game.loops()`` as
name -> level 0..1.  WebAudio (web/audio.js) and pyxel (games/desktop.py)
turn these into sound, so the game logic never touches an audio API.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

WAVES = ("square", "triangle", "sine", "sawtooth", "noise")


@dataclass(frozen=True)
class Tone:
    """One tone: ``wave`` in WAVES, ``freq`` Hz at the start, ``freq_end`` Hz
    at the end (a sweep; None = constant), ``ms`` duration in milliseconds,
    ``volume`` 0..1."""

    wave: str
    freq: float
    ms: float
    volume: float = 0.5
    freq_end: float | None = None

    def __post_init__(self) -> None:
        if self.wave not in WAVES:
            raise ValueError(f"unknown wave {self.wave!r}")


def to_json(sounds: dict[str, tuple[Tone, ...]]) -> dict[str, list[dict]]:
    """The sound bank as plain data for JavaScript."""
    return {name: [asdict(t) for t in tones] for name, tones in sounds.items()}
