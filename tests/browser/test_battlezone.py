"""BattleZone on the arcade page in Chromium: boot, drawing (green field,
red band), the tread keys, the one-stick arrows, fire, and the touch treads."""

from __future__ import annotations

import io

import pytest

from conftest import boot, hold, pixels, state, step

from games import battlezone_numbers as B
from games import battlezone_enemies as E


def start(page, query=""):
    boot(page, page.site_url, "?game=battlezone&paused=1&seed=5" + query)
    page.locator("#screen").click()
    hold(page, ["Enter"], 2)
    step(page, 1)
    s = state(page)
    assert s["mode"] == "play"
    return s


@pytest.fixture
def bz(page, site):
    page.site_url = site
    return page


def colours(page):
    """Counts of clearly red and clearly green pixels in the band and in the
    field of a screenshot of the game's viewport."""
    image = pytest.importorskip("PIL.Image")
    px = pixels(page)
    vp = px["viewport"]
    shot = page.locator("#game-canvas").screenshot()
    img = image.open(io.BytesIO(shot)).convert("RGB")
    k = img.width / px["width"]
    band_h = (B.WINDOW[3] - B.BAND_BOTTOM) * vp["s"]
    out = {"band_red": 0, "band_green": 0, "field_red": 0, "field_green": 0}
    data = img.load()
    for y in range(int(vp["y"] * k), int((vp["y"] + vp["h"]) * k)):
        area = "band" if y < (vp["y"] + band_h) * k else "field"
        for x in range(int(vp["x"] * k), int((vp["x"] + vp["w"]) * k)):
            r, g, b = data[x, y]
            if r > 140 and g < 110:
                out[area + "_red"] += 1
            elif g > 140 and r < 150:
                out[area + "_green"] += 1
    return out


def test_boots_and_draws_a_red_band_over_a_green_field(bz):
    boot(bz, bz.site_url, "?game=battlezone&paused=1&seed=5")
    assert bz.evaluate("window.retro.game") == "battlezone"
    step(bz, 20)
    px = pixels(bz)
    vp = px["viewport"]
    assert abs(vp["w"] / vp["h"] - 1024 / 706) < 0.01      # the 580 x 400 screen's shape
    assert px["lit"] > 500
    c = colours(bz)
    assert c["band_red"] > 100 and c["field_green"] > 300, c
    assert c["field_red"] < c["band_red"] / 10 and c["band_green"] < c["field_green"] / 10, c
    assert bz.console_errors == []


def test_tread_keys_drive_and_turn_the_tank(bz):
    s0 = start(bz)
    hold(bz, ["e", "i"], 20)                       # both treads forward
    s1 = state(bz)
    assert s1["player"]["z"] - s0["player"]["z"] == pytest.approx(20 * E.PLAYER_SPEED, abs=1)
    assert s1["player"]["heading"] == s0["player"]["heading"]
    hold(bz, ["d", "i"], 10)                       # left back, right forward: spin left
    s2 = state(bz)
    assert s2["player"]["heading"] == pytest.approx(10 * E.PLAYER_TURN)
    assert (s2["player"]["x"], s2["player"]["z"]) == (s1["player"]["x"], s1["player"]["z"])
    hold(bz, ["ArrowRight"], 10)                   # the arrows as one stick: spin right
    assert state(bz)["player"]["heading"] == pytest.approx(0.0)
    hold(bz, ["ArrowUp"], 5)
    assert state(bz)["player"]["z"] == pytest.approx(s1["player"]["z"] + 5 * E.PLAYER_SPEED, abs=1)
    assert bz.console_errors == []


def test_space_fires_one_shell_and_the_field_redraws(bz):
    start(bz)
    before = pixels(bz)["lit"]
    hold(bz, ["Space"], 2)
    s = state(bz)
    assert s["shell"] is not None
    sounds = bz.evaluate("window.retro.sounds")
    assert "fire" in sounds
    step(bz, 3)
    assert pixels(bz)["lit"] > 0 and before > 0


def test_touch_treads_drive_the_tank(bz):
    s0 = start(bz, "&touch=1")
    pads = bz.locator(".touch-tread")
    assert pads.count() == 2
    assert bz.locator(".touch-up").count() == 0        # treads replace the arrow buttons
    assert bz.locator(".touch-fire").count() == 1
    # Push the right tread fully forward: the tank turns left on the spot... with the
    # left tread idle it pivots left while creeping forward.
    box = pads.nth(1).bounding_box()
    bz.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    bz.mouse.down()
    bz.mouse.move(box["x"] + box["width"] / 2, box["y"] + 2)
    step(bz, 10)
    s1 = state(bz)
    assert s1["player"]["heading"] == pytest.approx(10 * 0.5 * E.PLAYER_TURN)
    assert s1["player"]["z"] > s0["player"]["z"]
    bz.mouse.up()
    step(bz, 5)
    assert state(bz)["player"]["heading"] == s1["player"]["heading"]     # springs back
    assert bz.console_errors == []
