"""Tempest: scripted scenarios through step(controls) with fixed seeds
(../shared/reference/arcade.md 2.3; the original's program for what the
reference leaves open)."""

from __future__ import annotations

import pytest

from games import tempest as T
from games.tempest import Tempest
from games.tempest_draw import CLAW, C_CURSOR, C_WELL, PALETTES, RGB
from games.tempest_enemies import FUSEBALL_POINTS
from games.tempest_levels import (FAR, FLIPPER, FUSEBALL, KINDS, PULSAR, RIM, SKILL_BONUS,
                                  SPIKER, TANKER, first_level_of, level_params, nymphs,
                                  skill_choices)
from games.tempest_wells import LINES, WELLS, well_for_level
from machines.vector.displaylist import DisplayList

GUARD = [10 ** 9, 0]   # a nymph that never hatches: keeps a level from ending


def playing(level: int = 1, seed: int = 1, **settings) -> Tempest:
    """A game in play on ``level`` with an empty well (no nymphs coming, no
    spikes)."""
    g = Tempest(settings=settings or None, seed=seed)
    g.step({"start": True})
    g.step({"fire": True})           # picks level 1 on the Skill-Step screen
    assert g.phase == "zoom"
    g._set_level(level)
    g.phase = "play"
    g.nymphs = [list(GUARD)]
    g.spikes = [FAR] * LINES
    return g


def run(g: Tempest, ticks: int, controls=None) -> list[str]:
    sounds = []
    for _ in range(ticks):
        g.step(controls or {})
        sounds += g.sound_events
    return sounds


def fire_once(g: Tempest, ticks: int = 60) -> list[str]:
    g.step({"fire": True})
    sounds = list(g.sound_events)
    return sounds + run(g, ticks)


# ---------------------------------------------------------------- scoring
def test_a_shot_flipper_scores_150():
    g = playing(1)
    e = g.spawn(FLIPPER, g.player_lane, 120.0)
    e.timer = 10 ** 6                  # no flipping away
    e.fire_timer = 10 ** 6
    sounds = fire_once(g)
    assert g.score == 150
    assert g.enemies == []
    assert "fire" in sounds and "explode" in sounds


def test_a_shot_in_another_lane_misses():
    g = playing(1)
    e = g.spawn(FLIPPER, g.player_lane + 3, 120.0)
    e.timer = e.fire_timer = 10 ** 6
    fire_once(g)
    assert g.score == 0 and len(g.enemies) == 1


def test_scores_of_the_reference():
    expected = {FLIPPER: 150, PULSAR: 200, TANKER: 100, SPIKER: 50}
    for kind, points in expected.items():
        g = playing(20)
        e = g.spawn(kind, g.player_lane, 150.0)
        e.timer = e.fire_timer = 10 ** 6
        e.turn = 20.0
        g.kill_enemy(e)
        assert g.score == points, kind


def test_fuseball_scores_250_500_or_750_and_only_while_jumping():
    g = playing(11)
    e = g.spawn(FUSEBALL, g.player_lane, 150.0)     # riding the lane's left line
    e.timer = 10 ** 6
    fire_once(g, 40)
    assert g.score == 0 and len(g.enemies) == 1     # a shot passes it by
    e.lane, e.depth, e.up = g.player_lane, 40.0, True
    e.target, e.flip = g.player_lane + 1, 0.1       # jumping across the claw's lane
    fire_once(g, 40)
    assert g.enemies == [] and g.score in FUSEBALL_POINTS
    scores = set()
    for seed in range(40):
        h = playing(11, seed=seed)
        f = h.spawn(FUSEBALL, 3, 150.0)
        f.target, f.flip = 4, 0.5
        h.kill_enemy(f)
        scores.add(h.score)
    assert scores == set(FUSEBALL_POINTS)


def test_a_tanker_splits_into_two_flippers():
    g = playing(3)
    lane = g.player_lane
    e = g.spawn(TANKER, lane, 140.0)
    e.cargo = FLIPPER
    e.fire_timer = 10 ** 6
    g.step({"fire": True})
    run(g, 44)
    assert g.score == 100
    kinds = [x.kind for x in g.enemies]
    assert kinds == [FLIPPER, FLIPPER]
    # They leave the tanker's lane flipping one each way.
    lanes = sorted(x.target if x.flipping else x.lane for x in g.enemies)
    assert lanes == sorted([(lane - 1) % 16, (lane + 1) % 16])
    assert all(90.0 < x.depth < 140.0 for x in g.enemies)


def test_a_tanker_reaching_the_rim_splits_there_and_its_flippers_stay_in_its_lane():
    g = playing(3)
    e = g.spawn(TANKER, 8, RIM + 1.0)
    e.cargo = FLIPPER
    e.fire_timer = 10 ** 6
    run(g, 3)
    assert [x.kind for x in g.enemies] == [FLIPPER, FLIPPER]
    assert all(x.depth == RIM and x.lane == 8 for x in g.enemies)
    assert g.score == 0
    run(g, 250)                                  # then they chase the claw along the rim
    assert g.state()["death"] == "grabbed"


def test_a_shot_eats_into_a_spike_for_a_point_a_frame_then_is_spent():
    g = playing(4)
    lane = g.player_lane
    g.spikes[lane] = 100.0
    fire_once(g, 70)
    assert g.score == 2 and g.shots == []
    assert 100.0 + 9.0 <= g.spikes[lane] <= 100.0 + 2 * 9.0 + 3.0
    for _ in range(12):                 # enough shots eat the whole spike
        fire_once(g, 5)
    run(g, 80)
    assert g.spikes[lane] == FAR


# -------------------------------------------------------------- superzapper
def test_the_superzapper_clears_the_well_once_then_kills_one():
    g = playing(5)
    for i, kind in enumerate((FLIPPER, FLIPPER, TANKER, SPIKER, FLIPPER)):
        e = g.spawn(kind, 2 + 2 * i, 150.0 + 5 * i)
        e.timer = e.fire_timer = 10 ** 6
        e.turn = 20.0
    g.enemy_shots.append(T.Shot(3, 120.0))
    g.step({"zap": True})
    assert "zap" in g.sound_events
    run(g, 60)
    assert g.enemies == [] and g.enemy_shots == []
    assert g.score == 150 * 3 + 100 + 50       # a zapped tanker does not split
    assert g.zaps_used == 1
    for lane in (1, 4, 7):
        e = g.spawn(FLIPPER, lane, 200.0)
        e.timer = e.fire_timer = 10 ** 6
    g.step({"zap": True})
    run(g, 60)
    assert len(g.enemies) == 2 and g.zaps_used == 2
    g.step({})
    g.step({"zap": True})
    run(g, 60)
    assert len(g.enemies) == 2 and g.zaps_used == 2


def test_the_superzapper_is_recharged_on_the_next_level():
    g = playing(1)
    g.step({"zap": True})
    run(g, 10)
    assert g.zaps_used == 1
    g.nymphs = []
    run(g, T.WARP_TICKS + T.ZOOM_TICKS + 5)
    assert g.level == 2 and g.zaps_used == 0


# --------------------------------------------------------- levels and wells
def test_clearing_a_level_warps_to_the_next_well_shape():
    g = playing(1)
    assert g.state()["well"] == "circle"
    e = g.spawn(FLIPPER, g.player_lane, 120.0)
    e.timer = e.fire_timer = 10 ** 6
    g.nymphs = []
    sounds = fire_once(g, 30)
    assert g.phase == "warp" and "warp" in sounds
    depths = []
    while g.phase == "warp":
        depths.append(g.player_depth)
        g.step({})
    assert depths == sorted(depths) and max(depths) > FAR   # the claw dives past the far end
    assert g.phase == "zoom" and g.level == 2
    s = g.state()
    assert s["well"] == "square" and s["nymphs"] == nymphs(2)
    run(g, T.ZOOM_TICKS)
    assert g.phase == "play"


def test_the_warp_dies_on_a_spike_in_the_claws_lane():
    g = playing(4)
    g.nymphs = []
    g.spikes[g.player_lane] = 120.0
    run(g, T.WARP_TICKS)
    assert g.state()["death"] == "spike" and g.phase == "dying"


def test_levels_from_4_start_with_spikes_in_every_lane():
    g = playing(1)
    for level, tip in ((1, None), (3, None), (4, 0xE0), (13, 0xA0), (16, 0xA8), (20, 0xE0)):
        g._set_level(level)
        want = {} if tip is None else {str(i): float(tip) for i in range(g.well.lanes)}
        assert g.state()["spikes"] == want, level
    g._set_level(8)                                  # the open V: 15 lanes
    assert len(g.state()["spikes"]) == 15
    # The warp kills on them unless they are shot away.
    g.phase = "play"
    g.nymphs = []
    run(g, T.WARP_TICKS + 2)
    assert g.state()["death"] == "spike"


def test_level_17_uses_the_next_palette():
    g = playing(16)
    dl = DisplayList()
    g.render(dl)
    assert g.palette_index == 0 and dl.palette[C_WELL] == RGB["blue"]
    g.nymphs = []
    run(g, 2 + T.WARP_TICKS)
    assert g.level == 17
    g.render(dl)
    assert g.palette_index == 1
    assert dl.palette == list(PALETTES[1]) and dl.palette[C_WELL] == RGB["red"]
    assert dl.palette[C_CURSOR] == RGB["green"]
    for level, index in ((1, 0), (32, 1), (33, 2), (64, 3), (65, 4), (80, 4), (81, 5), (99, 5)):
        g._set_level(level)
        assert g.palette_index == index, level
    g._set_level(70)
    g.render(dl)
    assert dl.palette[C_WELL] == RGB["black"]          # the invisible well of 65-80


def test_the_level_counter_stops_at_99_with_random_skill_and_wells():
    g = playing(98)
    seen_wells, seen_skill = set(), set()
    for _ in range(12):
        g.nymphs = []
        g.enemies = []
        g.spikes = [FAR] * LINES
        run(g, 2 + T.WARP_TICKS)
        assert g.level == 99 and g.palette_index == 5
        seen_wells.add(g.well.name)
        seen_skill.add(g.level_params.number)
        g.phase = "play"
    assert len(seen_wells) > 3 and all(65 <= n <= 96 for n in seen_skill) and len(seen_skill) > 3


def test_the_16_wells_in_order_closed_and_open():
    names = [w.name for w in WELLS]
    assert names == ["circle", "square", "cross", "peanut", "key", "triangle", "clover", "v",
                     "stairs", "u", "flat", "heart", "star", "waves", "topo", "eight"]
    open_ = {w.name for w in WELLS if not w.closed}
    assert open_ == {"v", "stairs", "u", "flat", "waves", "topo"}
    for w in WELLS:
        assert len(w.points) == LINES
        assert w.lanes == (16 if w.closed else 15)
        assert len(set(w.points)) == LINES, w.name      # 16 distinct lines
    assert well_for_level(17).name == "circle" and well_for_level(32).name == "eight"


def test_enemies_first_appear_on_their_levels():
    # [S: the W*MX tables]; the manual gives pulsars at 20, the program at 17.
    assert {k: first_level_of(k) for k in KINDS} == {
        FLIPPER: 1, TANKER: 3, SPIKER: 4, FUSEBALL: 11, PULSAR: 17}
    for level, kind in ((3, TANKER), (4, SPIKER), (11, FUSEBALL), (17, PULSAR)):
        g = playing(level, seed=level)
        g.nymphs = [[0, i % 15] for i in range(nymphs(level))]
        seen = set()
        for _ in range(600):
            g.step({})
            seen |= {e.kind for e in g.enemies}
            if g.phase != "play":
                break
        assert kind in seen, (level, seen)
        g2 = playing(level - 1, seed=level)
        g2.nymphs = [[0, i % 15] for i in range(nymphs(level - 1))]
        seen = set()
        for _ in range(600):
            g2.step({})
            seen |= {e.kind for e in g2.enemies}
        assert kind not in seen


def test_level_parameters_follow_the_tables():
    assert [nymphs(n) for n in (1, 2, 16, 17, 26, 99)] == [10, 12, 27, 20, 29, 61]
    one, ten = level_params(1), level_params(10)
    assert ten.climb > one.climb and ten.shot_speed > one.shot_speed
    assert one.max_shots == 2 and level_params(99).max_shots == 4
    assert level_params(1, "easy").climb < one.climb < level_params(1, "hard").climb


# ------------------------------------------------------------------ deaths
def test_a_flipper_at_the_rim_grabs_the_claw():
    g = playing(1)
    e = g.spawn(FLIPPER, g.player_lane + 2, RIM)
    e.fire_timer = 10 ** 6
    e.timer = 1
    lives = g.lives
    run(g, 60)
    assert g.state()["death"] == "grabbed"
    run(g, T.DEATH_TICKS + 1)
    assert g.lives == lives - 1 and g.phase == "play" and g.alive
    assert g.enemies == [] and len(g.nymphs) == 2       # it went back to the far end


def test_an_enemy_shot_reaching_the_rim_in_the_claws_lane_kills():
    g = playing(1)
    g.enemy_shots.append(T.Shot(g.player_lane, 60.0))
    run(g, 60)
    assert g.state()["death"] == "shot"


def test_a_charged_pulsar_electrifies_its_lane():
    g = playing(17)
    e = g.spawn(PULSAR, g.player_lane, 100.0)
    e.timer = 10 ** 6
    g.pulse, g.pulse_dir = -27, 1
    ticks = 0
    while g.alive and ticks < 100:
        g.step({})
        ticks += 1
    assert g.state()["death"] == "pulsar"
    assert 3 * 6 < ticks <= 3 * 7                # 7 game frames from -27 by 4 to the pulse
    h = playing(17)                              # charged, but in another lane: harmless
    f = h.spawn(PULSAR, h.player_lane + 4, 100.0)
    f.timer = 10 ** 6
    h.pulse = 0
    run(h, 30)
    assert h.alive


def test_a_spiker_lays_a_spike_then_tries_another_lane_and_at_last_becomes_a_tanker():
    g = playing(4)
    e = g.spawn(SPIKER, 6, 200.0)
    e.fire_timer = 10 ** 9
    for _ in range(2000):
        g.step({})
        if e.depth >= FAR:
            break
    assert g.spikes[6] == 32.0                  # laid up to near the rim [S: MAX HEIGHT 0x20]
    assert e.kind == SPIKER and e.up            # more enemies to come: up a new lane
    g.nymphs = []
    for _ in range(2000):
        g.step({})
        if e.kind == TANKER:
            break
    assert e.kind == TANKER and e.depth == FAR and e.cargo == FLIPPER


def test_game_over_after_the_last_life_and_lives_cap_at_6():
    g = playing(1, lives=2, bonus_life=10_000)
    for _ in range(2):
        g.catch_player("shot")
        run(g, T.DEATH_TICKS)
    assert g.mode == "game_over"
    g = playing(1, bonus_life=10_000)
    g.lives = 5
    g.add_score(10_000)
    assert g.lives == 6 and "bonus_life" in g.sound_events
    g.add_score(10_000)
    assert g.lives == 6
    g = playing(1, bonus_life=0)
    g.add_score(100_000)
    assert g.lives == 3


def test_bad_settings_are_refused():
    for bad in ({"lives": 7}, {"bonus_life": 15_000}, {"difficulty": "insane"}):
        with pytest.raises(ValueError):
            Tempest(settings=bad)


# -------------------------------------------------------------- Skill-Step
def test_skill_step_offers_1_3_5_7_9_and_pays_the_start_bonus():
    g = Tempest(seed=2)
    g.step({"start": True})
    assert g.phase == "rate" and g.state()["choices"] == [1, 3, 5, 7, 9]
    for _ in range(10):                  # two rim segments' worth of spinner
        g.step({"spinner": 1.6})
    assert g.state()["choice"] == 5
    g.step({"left": True})               # a key press walks one choice back ...
    g.step({})
    g.step({"right": True})              # ... and one forward
    assert g.state()["choice"] == 5
    g.step({"fire": True})
    assert g.level == 5 and g.state()["well"] == "key"
    assert g.state()["spikes"] == {str(i): 0xD8 for i in range(16)}   # level 5's [S: TELIHI]
    run(g, T.ZOOM_TICKS)
    g.nymphs = []
    g.spikes = [FAR] * LINES
    run(g, T.WARP_TICKS + 2)
    assert g.level == 6 and g.score == SKILL_BONUS[2] == 16_000
    assert skill_choices(12) == (1, 3, 5, 7, 9, 11)


def test_skill_step_times_out_after_10_seconds():
    g = Tempest(seed=2)
    g.step({"start": True})
    run(g, T.RATE_SECONDS * T.SECOND + 1)
    assert g.level == 1 and g.phase in ("zoom", "play")


# ---------------------------------------------------------------- the claw
def test_the_spinner_moves_the_claw_rim_segment_by_segment():
    g = playing(1)
    g.step({"spinner": T.SPIN_PER_LANE})
    assert g.player_lane == 1
    g.step({"spinner": -2 * T.SPIN_PER_LANE})
    assert g.player_lane == 15                   # a closed well goes round
    g.step({"spinner": T.SPIN_PER_LANE / 2})
    assert g.player_lane == 15                   # half a segment: not yet
    g.step({"spinner": T.SPIN_PER_LANE / 2})
    assert g.player_lane == 0
    g.step({"right": True})
    assert g.player_lane == 1                    # a key press: one segment at once
    run(g, 1)
    g.step({"right": True})
    g.step({"right": True})
    assert g.player_lane == 2                    # held: nothing more until the repeat
    ticks = 2
    while g.player_lane != 5:
        g.step({"right": True})
        ticks += 1
    assert ticks == pytest.approx(T.KEY_REPEAT_DELAY + 3 * T.SPIN_PER_LANE / T.KEY_SPIN, abs=2)
    f = playing(11)                               # open: the flat well stops at its ends
    for _ in range(40):
        f.step({"spinner": -T.SPIN_PER_LANE})
    assert f.player_lane == 0
    for _ in range(40):
        f.step({"spinner": T.SPIN_PER_LANE})
    assert f.player_lane == 14


def test_at_most_8_shots():
    g = playing(1)
    for i in range(40):
        g.step({"fire": i % 2 == 0})
    assert len(g.shots) == T.MAX_SHOTS


# ---------------------------------------------------------------- drawing
def test_the_well_is_drawn_in_perspective_with_the_claws_lane_lit():
    g = playing(1)
    dl = DisplayList()
    g.render(dl)
    segs = list(dl.segments())
    x0, y0, x1, y1 = T.WINDOW
    for sx0, sy0, sx1, sy1, _, _ in segs:
        assert x0 - 1 <= min(sx0, sx1) and max(sx0, sx1) <= x1 + 1
        assert y0 - 1 <= min(sy0, sy1) and max(sy0, sy1) <= y1 + 1
    well = [s for s in segs if s[5] == C_WELL]
    lit = [s for s in segs if s[5] == C_CURSOR]
    assert len(well) == 48 - 2 - 2        # 16 lines, 16 rim, 16 far edges, less the lit lane
    assert len(lit) == 4 + (len(CLAW) - 1) * g.lives  # lane lines and edges, claw, spare claws
    # Perspective: the far outline is much smaller than the rim, and dimmer.
    def span(ss):
        xs = [c for s in ss for c in (s[0], s[2])]
        return max(xs) - min(xs)
    rim = [s for s in well if abs(s[1] - s[3]) + abs(s[0] - s[2]) > 60]
    assert span(rim) > 600
    far = [s for s in well if abs(s[0] - s[2]) < 40 and abs(s[1] - s[3]) < 40]
    assert far and span(far) < 200
    assert min(s[4] for s in far) < max(s[4] for s in rim)


def test_a_flipper_flips_end_over_end_into_the_next_lane():
    g = playing(3)                                   # the cross: a spiral cam
    e = g.spawn(FLIPPER, 5, 150.0)
    e.fire_timer = 10 ** 6
    e.timer = 1
    lanes = []
    flips = []
    for _ in range(120):
        g.step({})
        lanes.append(e.lane)
        flips.append(e.flip)
    assert len(set(lanes)) >= 3                      # it moved over lanes ...
    assert any(0.0 < f < 1.0 for f in flips)         # ... through flips in between
    assert all(abs((b - a + 8) % 16 - 8) <= 1 for a, b in zip(lanes, lanes[1:]))


def test_every_level_runs_and_draws():
    dl = DisplayList()
    for level in (1, 8, 11, 17, 33, 43, 65, 81, 99):
        g = playing(level, seed=level)
        g.nymphs = [[i * 20, i % 15] for i in range(12)]
        for i in range(400):
            g.step({"fire": i % 3 == 0, "spinner": 1.0 if i % 200 < 100 else -1.0})
            if i % 50 == 0:
                g.render(dl)
                assert dl.count > 40 and dl.overflow == 0


# ------------------------------------------------------------- determinism
def _script(frame: int) -> dict:
    return {"start": frame == 5, "fire": frame % 9 < 4,
            "spinner": (2.0 if (frame // 90) % 2 else -1.5), "zap": frame == 900}


def test_same_seed_and_inputs_give_the_same_game():
    a, b = Tempest(seed=9), Tempest(seed=9)
    for f in range(1500):
        a.step(_script(f))
        b.step(_script(f))
    assert a.state() == b.state()
    assert a.state()["score"] > 0
    c = Tempest(seed=10)
    for f in range(1500):
        c.step(_script(f))
    assert c.state() != a.state()


def test_attract_mode_shows_the_title_then_a_demo():
    g = Tempest(seed=4)
    assert g.state()["mode"] == "attract" and g.phase == "title"
    run(g, T.ATTRACT_TITLE_TICKS + T.ZOOM_TICKS + 200)
    assert g.mode == "attract" and g.demo and 1 <= g.level <= 8
    assert g.score == 0                            # the demo does not score
    dl = DisplayList()
    g.render(dl)
    assert dl.count > 40


def test_the_runner_gives_a_drag_of_the_spinner_to_the_next_tick_once():
    from games.runner import GameRunner
    r = GameRunner("tempest", seed=3)
    g = r.game
    r.set_control("start", 1)
    r.frame(1)
    r.set_control("start", 0)
    r.set_control("fire", 1)
    r.frame(1)
    r.set_control("fire", 0)
    r.frame(T.ZOOM_TICKS + 1)
    assert g.phase == "play" and g.player_lane == 0
    r.spin(T.SPIN_PER_LANE * 2)          # a drag two rim segments long
    r.frame(3)
    assert g.player_lane == 2            # given once, not once per tick
    r.spin(-200.0)                       # more than a tick takes: spread over ticks
    r.frame(1)
    assert g.player_lane == (2 - 8) % 16
    r.frame(1)
    assert g.player_lane == (2 - 8 - 8) % 16
    info = __import__("json").loads(r.info_json())
    assert "spinner" in info["controls"] and "zap" in info["controls"]


def test_the_bench_scene_is_busy_and_measured():
    from games import bench
    g = Tempest.bench_scene(1)
    kinds = {e.kind for e in g.enemies}
    assert kinds == set(KINDS) and len(g.shots) == T.MAX_SHOTS
    m = bench.measure("tempest", frames=3, repeats=1)
    assert m["segments"] > 200 and m["total_ms"] > 0


def test_a_flipper_reaching_the_rim_in_the_claws_lane_grabs_and_drags_it_down():
    g = playing(1)
    e = g.spawn(FLIPPER, g.player_lane, RIM + 2.0)
    e.timer = e.fire_timer = 10 ** 6
    run(g, 20)
    assert g.state()["death"] == "grabbed"
    run(g, 30)
    assert g.player_depth > RIM + 100                 # the claw goes down the well with it
    dl = DisplayList()
    g.render(dl)
    assert any(s[5] == C_CURSOR for s in dl.segments())


def test_a_flipper_coming_up_the_claws_lane_can_be_shot_point_blank():
    g = playing(1)
    e = g.spawn(FLIPPER, g.player_lane, RIM + 2.0)
    e.timer = e.fire_timer = 10 ** 6
    run(g, 4)
    g.step({"fire": True})
    assert g.score == 150 and g.alive


def test_a_top_score_is_entered_with_the_spinner_and_kept():
    g = playing(1, lives=2)
    g.add_score(4321)
    for _ in range(2):
        g.catch_player("shot")
        run(g, T.DEATH_TICKS)
    run(g, T.GAME_OVER_TICKS)
    assert g.phase == "enter_initials"
    g.step({"spinner": T.SPIN_PER_LANE})            # A -> B
    g.step({"fire": True})
    g.step({})
    g.step({"fire": True})                           # A
    g.step({})
    g.step({"spinner": -T.SPIN_PER_LANE})            # A -> (back round to) the last letter
    g.step({"fire": True})
    assert g.mode == "attract" and g.phase == "title"
    assert g.high_scores.entries[0][0] == 4321
    assert g.high_scores.entries[0][1][:2] == "BA"
    data = g.persistent_data()
    h = Tempest(seed=1)
    h.load_persistent_data(data)
    assert h.high_scores.entries == g.high_scores.entries


def test_the_best_level_reached_widens_the_skill_step_offer_next_game():
    g = playing(12)
    g.nymphs = []
    run(g, T.WARP_TICKS + 2)
    assert g.level == 13 and g.best_level == 12
    h = Tempest(seed=2)
    h.load_persistent_data(g.persistent_data())
    h.step({"start": True})
    assert h.state()["choices"] == [1, 3, 5, 7, 9, 11]


def test_the_key_legend_names_keys_and_actions():
    legend = Tempest.key_legend
    assert legend and all(isinstance(k, str) and isinstance(a, str) and k and a
                          for k, a in legend)
    text = " ".join(k + " " + a for k, a in legend).lower()
    for word in ("fire", "superzapper", "spin", "start"):
        assert word in text
