"""Tempest's skill contour: what each level (wave) 1..99 asks of the player.

The numbers are the original's [S: historicalsource/tempest ALWELG.MAC,
"SKILL CONTOUR TABLES" (TNYMMX, TINVIN, TCHARIN, TSPIIN, TCHARFR, TCHAMX, TPUCHDE, TWFUSC, TFUFRQ, TELIHI,
WFLIMI/WFLIMX, WTANMI/WTANMX, WSPIMI/WSPIMX, WFUSMI/WFUSMX, WPULMI/WPULMX, TWTTFRA,
WPULPOT, WPULTIM, WWTAC2/WWTAC3, CAMWAV) and the EASY/HARD adjustments
after them], re-expressed as plain Python per level; the lookup code is
ours.  Speeds there are signed bytes times 8, in 1/256 depth units per
game frame of 1/20 s [S: ALCOMN.MAC SECOND = 20; TIMES8]; here they are
depth units per 60 Hz tick.

Depth runs from ``RIM`` (16, the player's end) to ``FAR`` (240, the far
end) [S: ALCOMN.MAC ILINLIY = 0x10, ILINDDY = 0xF0].
"""

from __future__ import annotations

from typing import NamedTuple

RIM = 16.0
FAR = 240.0
GAME_FRAME_TICKS = 3         # one 1/20 s game frame of the original = 3 ticks at 60 Hz
MAX_LEVEL = 99               # the level counter stops at 99 [arcade.md 2.3]

FLIPPER, PULSAR, TANKER, SPIKER, FUSEBALL = "flipper", "pulsar", "tanker", "spiker", "fuseball"
KINDS = (FLIPPER, PULSAR, TANKER, SPIKER, FUSEBALL)

# Flipper movement patterns by well [S: CAMWAV, one per well in wave
# order]; what each pattern does is our reading of its name [I].
NOJUMP, MOVJMP, SPIRAL, SPIRCH, COWJM2, AVOIDR = ("nojump", "movjmp", "spiral", "spirch",
                                                  "cowjm2", "avoidr")
FLIPPER_CAMS = (NOJUMP, MOVJMP, SPIRAL, SPIRCH, COWJM2, MOVJMP, SPIRCH, SPIRAL,
                COWJM2, AVOIDR, SPIRCH, SPIRAL, COWJM2, NOJUMP, AVOIDR, SPIRCH)


def _ramp(level: int, first: int, start: float, step: float) -> float:
    """The tables' "TA" records: ``start`` at ``first``, ``step`` more each level."""
    return start + step * (level - first)


def _alternate(level: int, first: int, a: float, b: float) -> float:
    """The tables' "TR" records: ``a`` and ``b`` taking turns from ``first``."""
    return a if (level - first) % 2 == 0 else b


def nymphs(level: int) -> int:
    """Enemies to come out of the far end this level [S: TNYMMX]."""
    if level <= 16:
        return (10, 12, 15, 17, 20, 22, 20, 24, 27, 29, 27, 24, 26, 28, 30, 27)[level - 1]
    if level <= 26:
        return int(_ramp(level, 17, 20, 1))
    if level <= 39:
        return 27
    if level <= 48:
        return int(_ramp(level, 40, 29, 1))
    if level <= 64:
        return int(_ramp(level, 49, 31, 1))
    if level <= 80:
        return int(_ramp(level, 65, 35, 1))
    return int(_ramp(level, 81, 43, 1))


def speed_byte(level: int) -> int:
    """Enemy climbing speed, the table's signed byte (more negative = faster) [S: TINVIN]."""
    if level <= 8:
        return int(_ramp(level, 1, -44, -5))
    if level <= 16:
        return (-81, -84, -84, -84, -88, -92, -96, -96)[level - 9]
    if level <= 25:
        return int(_ramp(level, 17, -81, -3))
    if level <= 32:
        return int(_ramp(level, 26, -99, -3))
    if level <= 39:
        return int(_ramp(level, 33, -108, -3))
    if level <= 48:
        return int(_ramp(level, 40, -110, -1))
    if level <= 64:
        return int(_ramp(level, 49, -120, -1))
    return int(_alternate(level, 65, -160, -191))


def spiker_offset(level: int) -> int:
    """Added to the speed byte for spikers [S: TSPIIN]."""
    if level <= 20:
        return 0
    if level <= 32:
        return -48
    if level <= 48:
        return -40
    return -48


def pulsar_chase_frames(level: int) -> int:
    """Game frames a pulsar moves between flips towards the player [S: TPUCHDE]."""
    if level <= 18:
        return (40, 20)[min(1, max(0, level - 17))]
    if level <= 32:
        return int(_alternate(level, 19, 20, 40))
    if level <= 39:
        return int(_ramp(level, 33, 20, -1))
    return int(_alternate(level, 40, 20, 10))


def fuse_chase_bits(level: int) -> int:
    """Fuseball chase flags [S: TWFUSC]."""
    if level < 17:
        return 0
    if level <= 32:
        return int(_alternate(level, 17, 0, 0x40))
    if level <= 48:
        return int(_alternate(level, 33, 0x40, 0xC0))
    return 0xC0


def fuse_frequency(level: int) -> int:
    """Fuseball jump threshold of 256 [S: TFUFRQ]."""
    if level <= 16:
        return 220
    if level <= 39:
        return 192
    if level <= 64:
        return int(_ramp(level, 40, 192, 1))
    return 230


# Spikes already standing in every lane when a level begins, as the depth
# of their tips (FAR: none) [S: TELIHI, by (level - 1) mod 16, set by INIENE].
_START_SPIKES = (FAR, FAR, FAR, 0xE0, 0xD8, 0xD4, 0xD0, 0xC8, 0xC0, 0xB8, 0xB0, 0xA8, 0xA0,
                 0xA0, 0xA0, 0xA8)


def start_spikes(level: int) -> float:
    """Depth of the tips of the spikes every lane starts ``level`` with (FAR: none)."""
    return float(_START_SPIKES[(level - 1) & 15])


def fire_delay_frames(level: int) -> int:
    """Game frames before an enemy may fire again [S: TCHARFR]."""
    if level <= 20:
        return int(_ramp(level, 1, 80, -3))
    return 20 if level <= 64 else 10


def max_enemy_shots(level: int) -> int:
    """Enemy shots on the well at once [S: TCHAMX, "max # enemy shots - 1"]."""
    if level <= 9:
        return (1, 1, 1, 2, 3, 2, 2, 3, 3)[level - 1] + 1
    return (2 if level <= 64 else 3) + 1


def _lookup(level: int, records) -> int:
    for lo, hi, value in records:
        if lo <= level <= hi:
            return value(level) if callable(value) else value
    return 0


def _items(first: int, values):
    return lambda level: values[level - first]


# (first level, last level, count or per-level function) [S: W*MI / W*MX]
_MIN = {
    FLIPPER: ((1, 4, 1), (5, 99, 0)),
    PULSAR: ((17, 32, 2), (33, 99, 1)),
    TANKER: ((1, 4, _items(1, (0, 0, 1, 0))), (5, 99, 1)),
    SPIKER: ((1, 4, _items(1, (0, 0, 0, 1))), (5, 16, 2), (17, 19, 0), (20, 32, 1),
             (35, 39, 1), (44, 99, 1)),
    FUSEBALL: ((11, 16, 1), (22, 25, 1), (27, 99, 1)),
}
_MAX = {
    FLIPPER: ((1, 4, 4), (5, 16, 5), (17, 19, 3), (20, 25, 4), (26, 99, 5)),
    PULSAR: ((17, 32, _items(17, (5, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 4, 2))),
             (33, 99, 3)),
    TANKER: ((1, 5, _items(1, (0, 0, 1, 0, 1))), (6, 16, 2), (17, 32, 1), (33, 44, 2),
             (45, 99, 3)),
    SPIKER: ((1, 6, _items(1, (0, 0, 0, 2, 3, 4))), (7, 10, 4), (11, 16, 3), (20, 25, 2),
             (26, 32, _items(26, (1, 2, 2, 2, 1, 1, 2))), (35, 39, 1), (43, 99, 1)),
    FUSEBALL: ((11, 16, 1), (22, 25, 1), (27, 32, 1), (33, 39, 4), (40, 99, 3)),
}


def tanker_cargo(level: int) -> tuple[str, str, str, str]:
    """What tankers carry, four slots picked at random [S: WTACAR: two
    flipper slots, then WWTAC2 (fuseballs from 33, pulsars from 41) and
    WWTAC3 (fuseballs from 49)]."""
    c2 = FLIPPER if level <= 32 else FUSEBALL if level <= 40 else PULSAR
    c3 = FLIPPER if level <= 48 else FUSEBALL
    return FLIPPER, FLIPPER, c2, c3


class Level(NamedTuple):
    """Everything that depends on the level number.  Speeds in depth
    units per tick (positive = towards the rim)."""

    number: int
    nymphs: int
    climb: float          # flippers, tankers, pulsars
    spiker_climb: float
    fuse_climb: float     # twice the others [S: "FUSE INC=2X INVADER SPEED"]
    pulsar_climb: float   # fixed [S: ALCOMN.MAC PULVEL = 0xFEA0]
    shot_speed: float     # enemy shots [S: TCHARIN adds -64 to the speed byte]
    fire_delay: int       # ticks
    max_shots: int
    min_counts: dict
    max_counts: dict
    cargo: tuple
    flipper_cam: str
    pulsar_height: float  # pulsars electrify a lane when nearer than this [S: WPULPOT]
    pulse_step: int       # pulse step per game frame [S: WPULTIM]
    pulsars_fire: bool    # [S: TWPULF, from level 60; always on HARD]
    rim_flip_speed: int   # flip steps per game frame at the rim [S: TWTTFRA]
    pulsar_chase: int     # ticks a pulsar moves between flips [S: TPUCHDE]
    spikes: float         # the spike tips every lane starts with (FAR: none) [S: TELIHI]
    fuse_chase: int       # bit 7: fuseballs chase the claw at the top, bit 6: on the tube [S: TWFUSC]
    fuse_freq: int        # a fuseball jumps when a random byte is at least this [S: TFUFRQ]


def _per_tick(byte_value: float) -> float:
    """A table speed byte as depth units per tick: x8, /256 per game frame."""
    return -byte_value * 8 / 256 / GAME_FRAME_TICKS


def level_params(level: int, difficulty: str = "medium") -> Level:
    """The parameters of ``level`` (1..99; higher values use 99) at
    ``difficulty`` "easy", "medium" or "hard" [S: EASY - MED - HARD
    OPTIONS: easy one shot fewer and speeds 1/8 slower; hard one shot more
    (at most 4), speeds and attack 1/8 more, pulsars fire]."""
    n = max(1, min(MAX_LEVEL, level))
    speed = speed_byte(n)
    shots = max_enemy_shots(n)
    count = nymphs(n)
    pulsars_fire = n >= 60
    rim_flip = 2 if n <= 32 else 3
    if difficulty == "easy":
        shots -= 1
        speed -= speed // 8
        if n < 17:
            rim_flip -= 1
    elif difficulty == "hard":
        shots = min(4, shots + 1)
        speed += speed // 8
        count += count // 8
        pulsars_fire = True
    climb = _per_tick(speed)
    return Level(
        number=n,
        nymphs=count,
        climb=climb,
        spiker_climb=_per_tick(speed + spiker_offset(n)),
        fuse_climb=2 * climb,
        pulsar_climb=0x160 / 256 / GAME_FRAME_TICKS,
        shot_speed=_per_tick(speed - 64),
        fire_delay=fire_delay_frames(n) * GAME_FRAME_TICKS,
        max_shots=max(1, shots),
        min_counts={k: _lookup(n, _MIN[k]) for k in KINDS},
        max_counts={k: _lookup(n, _MAX[k]) for k in KINDS},
        cargo=tanker_cargo(n),
        flipper_cam=FLIPPER_CAMS[(n - 1) % 16],
        pulsar_height=float(0xA0 if n <= 64 else 0xC0),
        pulse_step=4 if n <= 48 else 6 if n <= 64 else 8,
        pulsars_fire=pulsars_fire,
        rim_flip_speed=rim_flip,
        pulsar_chase=pulsar_chase_frames(n) * GAME_FRAME_TICKS,
        spikes=start_spikes(n),
        fuse_chase=fuse_chase_bits(n),
        fuse_freq=fuse_frequency(n),
    )


def first_level_of(kind: str) -> int:
    """The first level where ``kind`` may come out of the far end."""
    for n in range(1, MAX_LEVEL + 1):
        if _lookup(n, _MAX[kind]) > 0:
            return n
    raise ValueError(kind)


# --- Skill-Step [S: ALWELG.MAC LEVEL and BONPTM tables; arcade.md 2.3]:
# the levels a player may start on, and the bonus for clearing it.
SKILL_LEVELS = (1, 3, 5, 7, 9, 11, 13, 15, 17, 20, 22, 24, 26, 28, 31, 33, 36, 40, 44,
                47, 49, 52, 56, 60, 63, 65, 73, 81)
SKILL_BONUS = (0, 6_000, 16_000, 32_000, 54_000, 74_000, 94_000, 114_000, 134_000,
               152_000, 170_000, 188_000, 208_000, 226_000, 248_000, 266_000, 300_000,
               340_000, 382_000, 415_000, 439_000, 472_000, 531_000, 581_000, 624_000,
               656_000, 766_000, 898_000)
SKILL_ALWAYS = 5   # levels 1, 3, 5, 7 and 9 are always offered [S: "MAX MIN" = 4]


def skill_choices(best_level_last_game: int) -> tuple[int, ...]:
    """Start levels on offer: 1-9 always, and the higher ones up to the
    best level reached in the last game [S: INIRA0]."""
    n = SKILL_ALWAYS
    for i, lv in enumerate(SKILL_LEVELS):
        if lv <= best_level_last_game:
            n = max(n, i + 1)
    return SKILL_LEVELS[:n]
