"""The arcade page in Chromium: boot, drawing, input, errors (issue 2)."""

from __future__ import annotations

import pytest

from conftest import boot

import games
from games import pong as P


def step(page, frames):
    return page.evaluate(f"window.retro.step({frames})")


def hold(page, key, frames):
    """Hold ``key`` down for exactly ``frames`` ticks of the paused game."""
    page.keyboard.down(key)
    step(page, frames)
    page.keyboard.up(key)


def state(page):
    return page.evaluate("window.retro.state()")


def pixels(page, region=None):
    return page.evaluate("(r) => window.retro.pixels(r)", region)


def canvas_region(px, x0, y0, x1, y1, window):
    """Canvas pixel rectangle of a display-unit rectangle (y up)."""
    vp = px["viewport"]
    s = vp["s"]
    wx0, _, _, wy1 = window
    return {"x": vp["x"] + (x0 - wx0) * s, "y": vp["y"] + (wy1 - y1) * s,
            "w": (x1 - x0) * s, "h": (y1 - y0) * s}


def test_page_boots_and_draws_lit_pixels_in_the_game_area(page, site):
    boot(page, site, "?paused=1&seed=7")
    step(page, 30)
    px = pixels(page)
    vp = px["viewport"]
    assert vp["w"] > 300 and abs(vp["w"] / vp["h"] - 4 / 3) < 0.01  # letterboxed 4:3
    inside = pixels(page, {"x": vp["x"], "y": vp["y"], "w": vp["w"], "h": vp["h"]})
    assert inside["lit"] > 500, inside  # net, walls, scores, text, ball
    assert inside["max"] >= 200
    assert page.evaluate("window.retro.frames") == 30
    assert page.console_errors == []


def test_paused_page_advances_only_by_step(page, site):
    boot(page, site, "?paused=1")
    page.wait_for_timeout(500)
    assert page.evaluate("window.retro.frames") == 0
    assert state(page)["tick"] == 0
    step(page, 5)
    assert page.evaluate("window.retro.frames") == 5
    assert state(page)["tick"] == 5


def test_running_page_counts_frames(page, site):
    boot(page, site)
    page.wait_for_function("window.retro.frames > 20", timeout=10000)


def test_key_press_moves_the_paddle(page, site):
    boot(page, site, "?paused=1&seed=3")
    page.locator("#screen").click()
    hold(page, "Enter", 2)
    step(page, 1)
    s0 = state(page)
    assert s0["mode"] == "play"
    px = pixels(page)
    column = canvas_region(px, P.LEFT_PADDLE_X - 2, P.COURT_BOTTOM + 8, P.LEFT_PADDLE_X + P.PADDLE_W + 2,
                           P.COURT_TOP - 8, P.WINDOW)
    before = pixels(page, column)
    hold(page, "w", 12)
    s1 = state(page)
    assert s1["paddles"][0] == pytest.approx(min(s0["paddles"][0] + 12 * P.PADDLE_SPEED,
                                                 P.COURT_TOP - P.TOP_GAP - P.PADDLE_H / 2))
    after = pixels(page, column)
    assert before["lit"] > 50 and after["lit"] > 50
    assert after["cy"] < before["cy"] - 50  # the lit paddle moved up the screen


def test_python_exception_shows_overlay_and_restart_recovers(page, site):
    boot(page, site, "?paused=1")
    page.evaluate("window.retro.send({cmd: 'fault'})")
    step(page, 1)
    overlay = page.locator("#error")
    overlay.wait_for(state="visible")
    assert "injected fault" in overlay.inner_text()
    assert "Traceback" in overlay.inner_text()
    assert "injected fault" in page.evaluate("window.retro.error")
    page.locator(".error-restart").click()
    overlay.wait_for(state="hidden")
    page.wait_for_function("window.retro.error === null")
    step(page, 3)
    assert state(page)["tick"] == 3
    assert pixels(page)["lit"] > 500


def test_unknown_game_in_url_says_so_and_plays_pong(page, site):
    boot(page, site, "?game=spacewar&paused=1")
    notice = page.locator("#notice")
    notice.wait_for(state="visible")
    assert "spacewar" in notice.inner_text()
    assert page.evaluate("window.retro.game") == "pong"


@pytest.mark.parametrize("name", games.available())
def test_every_game_boots_draws_and_reacts_to_start(page, site, name):
    boot(page, site, f"?game={name}&paused=1&seed=5")
    assert page.evaluate("window.retro.game") == name
    step(page, 10)
    assert pixels(page)["lit"] > 200
    before = state(page)
    page.locator("#screen").click()
    hold(page, "Enter", 3)
    step(page, 30)
    after = state(page)
    assert before["mode"] == "attract" and after["mode"] == "play"


def test_launcher_links_to_both_machines(page, site):
    page.goto(site)
    assert page.locator("#open-arcade").get_attribute("href") == "arcade.html"
    page.locator("#open-1130").click()
    page.wait_for_url("**/ibm1130.html")
    assert "IBM 1130" in page.locator("h1").inner_text()


def test_bad_url_settings_say_so_and_the_game_still_runs(page, site):
    boot(page, site, "?players=abc&seed=xyz&paused=1")
    notice = page.locator("#notice")
    notice.wait_for(state="visible")
    assert "players must be 1 or 2" in notice.inner_text()
    step(page, 5)
    assert state(page)["tick"] == 5 and pixels(page)["lit"] > 200


def test_game_sounds_reach_the_page(page, site):
    boot(page, site, "?paused=1&seed=3")
    page.locator("#screen").click()
    hold(page, "Enter", 2)
    step(page, 600)  # the idle player misses: wall bounces, hits and points
    sounds = page.evaluate("window.retro.sounds")
    assert "score" in sounds and ("hit" in sounds or "wall" in sounds)
