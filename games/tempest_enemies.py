"""Tempest's enemies: how flippers, tankers, spikers, fuseballs and pulsars
move along the well, one 60 Hz tick at a time.

Every enemy lives on the well's lanes (numbers, see games/tempest_wells.py)
at a depth between ``RIM`` (16, the player's end) and ``FAR`` (240)
[S: ALCOMN.MAC ILINLIY, ILINDDY].  The behaviours are those of
../shared/reference/arcade.md 2.3 and the original's program [S:
historicalsource/tempest ALWELG.MAC]; timings the tables do not give are
ours and marked [I].  Randomness only comes from the game's seeded rng.

``tick_enemy(game, e)`` moves one enemy; the game (games/tempest.py) owns
the lists and calls back ``game.catch_player(reason)``,
``game.enemy_fire(e)``, ``game.spawn_cargo(e)`` and ``game.grow_spike(lane, depth)``.
"""

from __future__ import annotations

from .tempest_wells import LINES
from .tempest_levels import (AVOIDR, COWJM2, FAR, FLIPPER, FUSEBALL, GAME_FRAME_TICKS,
                             MOVJMP, NOJUMP, PULSAR, RIM, SPIKER, SPIRAL, SPIRCH, TANKER)

# --- Scores [S: ALEXEC.MAC TUPSCL/TUPSCM with ALWELG.MAC INVPIN;
# arcade.md 2.3: flipper 150, pulsar 200, tanker 100, spiker 50].
POINTS = {FLIPPER: 150, PULSAR: 200, TANKER: 100, SPIKER: 50}
# A shot fuseball gives 250, 500 or 750: 500 and 750 one time in 8 each
# [S: INCFS2, "RANDOMLY CHOOSE 0 (250), 1 (500), OR 2 (750)" from RANDO2 & 7].
FUSEBALL_POINTS = (250, 500, 750)
# Zapped, a fuseball counts as the table's first entry, 150 [S: INVPIN].
FUSEBALL_ZAP_POINTS = 150

# --- Motion timings, ticks.  A flip turns the flipper one sixteenth of a
# turn each game frame: half a turn takes 8 frames [S: JJUMPM, the jump
# angle mod 16]; at the rim WTTFRA steps a frame [S: TOPPER "DOUBLE SPEED
# JUMP"].  Between flips the cams climb for so many game frames [S: MOVJMP
# "VSLOOP 8", SPIRAL one move, AVOIDR "VSLOOP 4"]; at the rim a flipper
# crouches 4 frames [S: TOPPER].
FLIP_TICKS = 8 * GAME_FRAME_TICKS
RIM_PAUSE = 4 * GAME_FRAME_TICKS
CAM_CLIMB = {MOVJMP: 8 * GAME_FRAME_TICKS, SPIRAL: GAME_FRAME_TICKS,
             SPIRCH: GAME_FRAME_TICKS, COWJM2: GAME_FRAME_TICKS, AVOIDR: 4 * GAME_FRAME_TICKS}
PULSAR_RIM_TICKS = 90      # a pulsar at the rim goes back down after this long [I]
FUSE_CROSS_TICKS = 7 * GAME_FRAME_TICKS  # a jump across a lane: 7 angle steps [S: JJUMPM]
FUSE_TOP_TURN = 32.0       # early waves turn fuseballs back here [S: JFUSEUP, CMP 0x20]
FUSE_BOTTOM_TURN = 128.0   # going down, they turn at this depth [S: JFUSEUP, CMP 0x80]
# All pulsars pulse together: the pulse value bounces between -27 and +15
# by the level's step each game frame, and is on from 0 up [S: MOVINV,
# PULSON, "BOUNCE BETWEEN -27. AND +15."].
PULSE_LOW, PULSE_HIGH = -27, 15
SPIKER_TOP = 32.0         # a spiker turns back here [S: JSTRAI "MAX HEIGHT" 0x20]
MIN_FIRE_DEPTH = RIM + 24.0  # enemies do not fire from right at the rim [I]


class Enemy:
    """One enemy on the well.

    ``kind``: FLIPPER, TANKER, SPIKER, FUSEBALL or PULSAR.  ``lane``: the
    lane it is in (for a fuseball, the rim line it rides, 0..15).
    ``depth``: RIM..FAR.  ``flip``: 0 when not flipping, else the fraction
    (0..1) of a flip (fuseball: of a jump) towards lane ``target``.
    ``up``: climbing (True) or going back down.  ``timer``: ticks to the
    next decision; ``fire_timer``: ticks until it may fire; ``turn``: the
    depth where a spiker turns back; ``spin``: the flipping direction (+1
    or -1) a cam keeps; ``cargo``: what a tanker carries; ``rim_time``:
    ticks spent at the rim; ``steps``: flips made (a cam's count).
    """

    __slots__ = ("kind", "lane", "depth", "flip", "target", "up", "timer", "fire_timer",
                 "turn", "spin", "cargo", "rim_time", "steps")

    def __init__(self, kind: str, lane: int, depth: float = FAR) -> None:
        self.kind = kind
        self.lane = lane
        self.depth = depth
        self.flip = 0.0
        self.target = lane
        self.up = True
        self.timer = 0
        self.fire_timer = 0
        self.turn = RIM
        self.spin = 1
        self.cargo = FLIPPER
        self.rim_time = 0
        self.steps = 0

    @property
    def flipping(self) -> bool:
        return self.flip > 0.0

    def hit_lanes(self) -> tuple[int, ...]:
        """Lanes where a shot can hit it: its own; a flipper or pulsar in a
        flip also its target lane once past half way; a fuseball only
        while jumping across a lane, that lane [S: ALWELG.MAC collision:
        "VULNERABLE FUSE"; arcade.md 2.3]."""
        if self.kind == FUSEBALL:
            return (self.cross_lane(),) if self.flipping and self.depth > RIM else ()
        if self.flipping and self.flip >= 0.5:
            return (self.target,)
        return (self.lane,)

    def cross_lane(self) -> int:
        """The lane a jumping fuseball is crossing (between its two lines)."""
        a, b = self.lane, self.target
        if abs(a - b) > 1:           # across the seam of a closed well
            return max(a, b)
        return min(a, b)

    def as_dict(self) -> dict:
        d = {"kind": self.kind, "lane": self.lane, "depth": round(self.depth, 3)}
        if self.flipping:
            d["flip_to"] = self.target
        return d


# ------------------------------------------------------------------ lanes
def neighbour(game, lane: int, direction: int) -> int | None:
    """The lane next to ``lane`` in ``direction`` (+1/-1), wrapping on a
    closed well; None past the end of an open one."""
    n = game.well.lanes
    nxt = lane + direction
    if game.well.closed:
        return nxt % n
    return nxt if 0 <= nxt < n else None


def toward(game, lane: int, goal: int) -> int:
    """+1 or -1: the shorter way from ``lane`` to ``goal`` (0 if there)."""
    if lane == goal:
        return 0
    n = game.well.lanes
    if game.well.closed:
        d = (goal - lane) % n
        return 1 if d <= n // 2 else -1
    return 1 if goal > lane else -1


def _start_flip(game, e: Enemy, direction: int) -> bool:
    """Begin a flip to the next lane in ``direction``; at the end of an open
    well the flip goes the other way [S: OKTOJM]."""
    nxt = neighbour(game, e.lane, direction)
    if nxt is None:
        e.spin = -direction
        nxt = neighbour(game, e.lane, -direction)
        if nxt is None:
            return False
    e.target = nxt
    e.flip = 1e-9
    return True


# ---------------------------------------------------------------- movers
def tick_enemy(game, e: Enemy) -> None:
    """One tick of enemy ``e`` on ``game``'s well at ``game.level_params``."""
    if e.fire_timer > 0:
        e.fire_timer -= 1
    kind = e.kind
    if kind == FLIPPER or kind == PULSAR:
        _flipper(game, e)
    elif kind == TANKER:
        _tanker(game, e)
    elif kind == SPIKER:
        _spiker(game, e)
    else:
        _fuseball(game, e)
    if (e.fire_timer == 0 and e.depth > MIN_FIRE_DEPTH and not e.flipping and e.up and
            (kind in (FLIPPER, TANKER, SPIKER) or
             (kind == PULSAR and game.level_params.pulsars_fire))):
        game.enemy_fire(e)


def _flipper(game, e: Enemy) -> None:
    """Flippers (and pulsars) climb their lane, flipping end over end to the
    next lane as their well's cam says; at the rim they crouch, flip along
    it towards the player at double speed, and catch the claw in their
    lane [S: ALWELG.MAC cams NOJUMP, MOVJMP, SPIRAL, SPIRCH, COWJM2, AVOIDR,
    TOPPER, PULSCH; arcade.md 2.3]."""
    lp = game.level_params
    at_rim = e.depth <= RIM
    if e.flipping:
        e.flip += lp.rim_flip_speed / FLIP_TICKS if at_rim else 1.0 / FLIP_TICKS
        if e.flip >= 1.0:
            e.flip = 0.0
            e.lane = e.target
            e.timer = RIM_PAUSE if at_rim else e.timer
    if at_rim:
        _topper(game, e)
        return
    if e.kind == PULSAR:
        _pulsar(game, e)
        return
    cam = lp.flipper_cam
    if not (cam == MOVJMP and e.flipping):
        e.depth -= lp.climb
        if e.depth <= RIM:
            e.depth = RIM
            e.timer = RIM_PAUSE
            return
    if e.flipping or cam == NOJUMP:
        return
    e.timer -= 1
    if e.timer > 0:
        return
    if cam == MOVJMP:
        _start_flip(game, e, e.spin)
        e.timer = CAM_CLIMB[MOVJMP]
    elif cam == SPIRAL:
        _start_flip(game, e, e.spin)
        e.timer = CAM_CLIMB[SPIRAL]
    elif cam == SPIRCH:
        e.steps += 1
        if e.steps % 5 in (2, 0):       # 2 flips one way, 3 the other [S: SPIRCH]
            e.spin = -e.spin
        _start_flip(game, e, e.spin)
        e.timer = CAM_CLIMB[SPIRCH]
    elif cam == COWJM2:
        # Straight up a lane with a spike in it, flipping over the others.
        if game.spikes[e.lane] >= FAR:
            _start_flip(game, e, e.spin)
        e.timer = CAM_CLIMB[COWJM2]
    else:                               # AVOIDR: flip away from the claw, then climb
        d = toward(game, e.lane, game.player_lane)
        _start_flip(game, e, -d if d else e.spin)
        e.timer = CAM_CLIMB[AVOIDR]


def _pulsar(game, e: Enemy) -> None:
    """Pulsars go up and down between the rim and their potency depth,
    and after each stretch of moving flip towards the player, unless they
    are pulsing [S: PULSCH, "MOVE 1/8 OF TUBE BEFORE NEXT FLIP", "SET FLIP
    DIRECTION TOWARD PLAYER"; the reversal at PULPOT]."""
    lp = game.level_params
    if e.up:
        e.depth -= lp.pulsar_climb
        if e.depth <= RIM:
            e.depth = RIM
            e.timer = RIM_PAUSE
            return
    else:
        e.depth += lp.pulsar_climb
        if e.depth >= lp.pulsar_height:
            e.up = True
    if e.flipping:
        return
    e.timer -= 1
    if e.timer <= 0 and not game.pulsing:
        d = toward(game, e.lane, game.player_lane) or e.spin
        _start_flip(game, e, d)
        e.timer = lp.pulsar_chase


def _topper(game, e: Enemy) -> None:
    """At the rim: crouch, then flip towards the claw; crouched in the
    claw's lane it catches it [S: TOPPER, "WAIT IN CROUCH", "TEST FOR
    CURSOR KILL"]; a pulsar drops back down after a while [I]."""
    if e.flipping:
        return
    e.rim_time += 1
    if (e.lane == game.player_lane and game.player_alive() and
            e.timer <= RIM_PAUSE - GAME_FRAME_TICKS):
        game.catch_player("grabbed" if e.kind == FLIPPER else "pulsar")
        return
    if e.kind == PULSAR and e.rim_time > PULSAR_RIM_TICKS:
        e.up = False
        e.rim_time = 0
        e.timer = game.level_params.pulsar_chase
        e.depth = RIM + game.level_params.pulsar_climb
        return
    e.timer -= 1
    if e.timer <= 0:
        d = toward(game, e.lane, game.player_lane) or e.spin
        _start_flip(game, e, d)


def _tanker(game, e: Enemy) -> None:
    """Tankers climb one lane and split at the rim into their cargo."""
    e.depth -= game.level_params.climb
    if e.depth <= RIM:
        e.depth = RIM
        game.spawn_cargo(e)


def _spiker(game, e: Enemy) -> None:
    """Spikers climb their lane laying a spike behind them, turn back near
    the rim, and at the far end start up a new lane; once no enemies are
    left to come they turn into tankers carrying flippers [S: JSTRAI,
    "MAX HEIGHT", "REASSIGN, REVERSE", "CONVERT IT TO TANKER"; arcade.md 2.3]."""
    speed = game.level_params.spiker_climb
    if e.up:
        e.depth -= speed
        if e.depth <= e.turn:
            e.depth = e.turn
            e.up = False
        game.grow_spike(e.lane, e.depth)
    else:
        e.depth += speed
        if e.depth >= FAR:
            e.depth = FAR
            e.up = True
            if game.nymphs:
                e.lane = game.rng.randrange(game.well.lanes)
            else:
                e.kind = TANKER
                e.cargo = FLIPPER


def _fuseball(game, e: Enemy) -> None:
    """Fuseballs ride the lines between lanes up and down the well, jumping
    across a lane now and then and turning back after each jump; they turn
    down near the top and up at mid depth while enemies are still to come,
    then head for the rim, where they jump along it after the claw and
    burn it on contact, and go back down [S: JFUSEUP, MAYBLR, FUCHPL, LEFRIT, JJUMPM
    "REVERSE UP DOWN DIRECTION", JFUSKI; arcade.md 2.3]."""
    lp = game.level_params
    if e.flipping:
        e.flip += 1.0 / FUSE_CROSS_TICKS
        if e.flip >= 1.0:
            e.flip = 0.0
            e.lane = e.target
            e.up = not e.up
        if e.depth <= RIM and game.player_alive() and game.fuse_touches_player(e):
            game.catch_player("fuseball")
        return
    if e.depth <= RIM and e.up:
        if game.player_alive() and game.fuse_touches_player(e):
            game.catch_player("fuseball")
            return
        if game.tick % GAME_FRAME_TICKS == 0:   # at the top: a jump along the rim
            _fuse_jump(game, e, lp.fuse_chase & 0x80)
        return
    if e.up:
        e.depth -= lp.fuse_climb
        if e.depth <= RIM:
            e.depth = RIM
            return
        if not game.nymphs:
            return                              # none left to come: head for the top
    else:
        e.depth += lp.fuse_climb
    if game.tick % GAME_FRAME_TICKS:
        return                                  # the choices are made once a game frame
    if e.up and lp.number < 17 and e.depth < FUSE_TOP_TURN:
        _fuse_jump(game, e, lp.fuse_chase & 0x80)
    elif not e.up and e.depth >= FUSE_BOTTOM_TURN:
        _fuse_jump(game, e, lp.fuse_chase & 0x40)
    elif int(e.depth) & 0x20 and game.rng.randrange(256) >= lp.fuse_freq:
        _fuse_jump(game, e, lp.fuse_chase & 0x40)


def _line_toward(game, line: int, player_lane: int) -> int:
    """Direction along the rim from rim line ``line`` to the player's lane."""
    n = 16
    if game.well.closed:
        d = (player_lane - line) % n
        return 1 if d < n // 2 else -1
    return 1 if player_lane >= line else -1


def _fuse_jump(game, e: Enemy, chase: int) -> None:
    """Start a jump across the next lane: towards the claw when ``chase``,
    else a random way; open wells turn back at their ends [S: FUCHPL,
    LEFRIT, GOTJUM]."""
    if chase:
        direction = _line_toward(game, e.lane, game.player_lane)
    else:
        direction = 1 if game.rng.random() < 0.5 else -1
    nxt = e.lane + direction
    if game.well.closed:
        nxt %= LINES
    elif not 0 <= nxt < LINES:
        nxt = e.lane - direction
    e.target = nxt
    e.flip = 1e-9
