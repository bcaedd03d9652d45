"""The arcade page in Chromium: boot, drawing, input, errors (issue 2)."""

from __future__ import annotations

import pytest

from conftest import animation_frames, boot, hold, pixels, state, step

import games
from games import pong as P


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
    animation_frames(page, 30)                  # half a second of frames at 60 Hz: none counted
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


def test_each_game_shows_its_own_keys(page, site):
    boot(page, site, "?paused=1")
    keys = page.locator("#keys")
    pong = keys.inner_text()
    assert "paddle" in pong and "hyperspace" not in pong
    page.select_option("#game-select", "asteroids")
    page.wait_for_function("window.retro.game === 'asteroids'")
    asteroids = keys.inner_text()
    assert "hyperspace" in asteroids and "thrust" in asteroids and "paddle" not in asteroids
    from games.asteroids import Asteroids
    for k, action in Asteroids.key_legend:
        assert k in asteroids and action in asteroids


def test_the_mouse_over_the_court_is_the_paddle_knob(page, site):
    boot(page, site, "?paused=1&seed=3")
    page.locator("#screen").click()
    hold(page, "Enter", 2)
    box = page.locator("#screen").bounding_box()
    px = pixels(page)
    lo, hi = P.Pong.paddle_travel
    # The pointer at the top of the left half: the left paddle at its highest.
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + 2)
    step(page, 2)
    assert state(page)["paddles"][0] == pytest.approx(hi)
    # Half-way up the paddle's travel, in canvas pixels.
    mid = canvas_region(px, 100, (lo + hi) / 2, 101, (lo + hi) / 2 + 1, P.WINDOW)
    page.mouse.move(box["x"] + mid["x"], box["y"] + mid["y"])
    step(page, 2)
    assert state(page)["paddles"][0] == pytest.approx((lo + hi) / 2, abs=3)


def test_the_halo_falls_off_smoothly_across_a_line(page, site):
    boot(page, site, "?paused=1&seed=7")
    step(page, 5)
    px = pixels(page)
    column = canvas_region(px, 200, P.COURT_TOP, 201, P.COURT_TOP, P.WINDOW)
    r = pixels(page, {"x": column["x"], "y": column["y"] - 24, "w": 1, "h": 49, "raw": True})
    v = r["values"]
    peak = max(v)
    at = v.index(peak)
    assert peak >= 150, v                       # a bright core
    for side in (1, -1):
        halo = [v[at + side * d] for d in range(2, 22)]
        # Brightness falls away from the line and never rises again ...
        assert all(b <= a + 1 for a, b in zip(halo, halo[1:])), v
        # ... through many levels (a graded halo, not a flat band) ...
        assert len({x for x in halo if x >= 4}) >= 5, v
        assert 0.08 * peak <= halo[1] <= 0.5 * peak, v     # 3 px out: glowing
        assert halo[-1] <= 0.05 * peak, v                  # 21 px out: dark
        # ... with no hard edge: within the halo no step loses more than half.
        for a, b in zip(halo, halo[1:]):
            if a >= 8:
                assert b >= 0.45 * a, v


def test_renderer_benchmark_on_the_busiest_asteroids_scene(page, site):
    boot(page, site, "?game=asteroids&paused=1&seed=1")
    step(page, 2)
    results = [page.evaluate("window.retro.send({cmd: 'bench', frames: 120})") for _ in range(3)]
    for r in results:
        assert r["scene"] is True and r["segments"] > 500 and r["median_ms"] > 0
    best = min(r["best_ms"] for r in results)
    median = sorted(r["median_ms"] for r in results)[1]
    print(f"\nrenderer, busiest Asteroids scene ({results[0]['segments']} segments, "
          f"{results[0]['width']}x{results[0]['height']} canvas): median {median:.2f} ms/frame, "
          f"best {best:.2f} ms/frame (budget 4 ms)")


# ------------------------------------------------------- high scores persist

def test_asteroids_high_scores_survive_a_reload(page, site):
    """The table goes page -> localStorage -> Python on load, and Python ->
    localStorage as the game runs: a table stored unsorted, with a bad entry
    and lower-case initials, comes back as the game keeps it, and survives
    a second reload."""
    key = "retro1130.persist.asteroids"
    boot(page, site, "?game=asteroids&paused=1&seed=3")
    assert state(page)["high_score"] == 0
    assert page.evaluate(f"localStorage.getItem('{key}')") is None
    stored = {"high_scores": {"entries": [{"score": 4210, "initials": "abc"},
                                          {"score": 12340, "initials": "XYZ"},
                                          {"score": -5, "initials": "BAD"}]}}
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, stored])
    boot(page, site, "?game=asteroids&paused=1&seed=3")          # the reload
    assert state(page)["high_score"] == 12340
    step(page, 600)                                               # the game saves its table now and then
    page.wait_for_function(f"!localStorage.getItem('{key}').includes('BAD')")
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{key}'))")
    assert saved == {"high_scores": {"entries": [{"score": 12340, "initials": "XYZ"},
                                                 {"score": 4210, "initials": "ABC"}]}}
    boot(page, site, "?game=asteroids&paused=1&seed=5")
    assert state(page)["high_score"] == 12340
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{key}'))") == saved


# ------------------------------------------- the renderer draws what it is given

def render_column(page, site, segments, palette, size=512):
    """Draw ``segments`` (x0, y0, x1, y1, intensity, colour) with the page's
    VectorRenderer on a ``size`` square canvas (window 0-1024) and return
    the RGB of the middle column, top row first."""
    page.goto(site + "index.html")
    return page.evaluate("""async ([segments, palette, size]) => {
        const { VectorRenderer } = await import("./js/vector-renderer.js");
        const canvas = document.createElement("canvas");
        canvas.width = canvas.height = size;
        const ctx = canvas.getContext("2d", { alpha: false, willReadFrequently: true });
        const r = new VectorRenderer(ctx);
        r.setWindow([0, 0, 1024, 1024]);
        r.setPalette(palette);
        r.clear();
        r.draw(new Float32Array(segments.flat()), segments.length);
        const img = ctx.getImageData(size / 2, 0, 1, size).data;
        const out = [];
        for (let i = 0; i < img.length; i += 4) out.push([img[i], img[i + 1], img[i + 2]]);
        return out;
    }""", [segments, palette, size])


def peak(column, y_units, size=512, reach=8):
    """The brightest pixel (RGB) within ``reach`` pixels of the horizontal
    line drawn at ``y_units`` (window 0-1024, y up)."""
    row = round((1024 - y_units) * size / 1024)
    return max(column[row - reach:row + reach + 1], key=sum)


def test_brightness_follows_a_segments_intensity(page, site):
    # Below saturation (a full-intensity core and its glow clip at 255).
    levels = [0.1, 0.25, 0.4, 0.55, 1.0]
    ys = [130, 320, 510, 700, 890]
    column = render_column(page, site, [[100, y, 924, y, i, 0] for y, i in zip(ys, levels)],
                           [[255, 255, 255]])
    brightness = [max(peak(column, y)) for y in ys]
    # Beam alpha is 0.1 + 0.9 * intensity (MAME: alpha = intensity, with a
    # floor): each step up in intensity is clearly brighter.
    assert all(b >= 1.2 * a for a, b in zip(brightness, brightness[1:-1])), brightness
    assert brightness[0] <= 0.35 * brightness[3], brightness
    assert brightness[-1] >= 240, brightness
    # Between the lines the screen is dark: the light is where the segments are.
    assert max(column[round((1024 - 225) / 2)]) <= 0.1 * brightness[-1], column[round((1024 - 225) / 2)]
    # A segment of intensity 0 is not drawn at all.
    dark = render_column(page, site, [[100, 512, 924, 512, 0.0, 0]], [[255, 255, 255]])
    assert max(max(px) for px in dark) == 0


def test_colour_follows_the_palette(page, site):
    palette = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 160, 0], [255, 255, 255]]
    ys = [150, 330, 510, 690, 870]
    column = render_column(page, site, [[100, y, 924, y, 1.0, n] for n, y in enumerate(ys)], palette)
    for colour, y in zip(palette, ys):
        got = peak(column, y)
        assert max(got) >= 200, (colour, got)
        for want, channel in zip(colour, got):
            # each channel in the palette's proportion (the glow keeps the hue)
            assert abs(channel / max(got) - want / 255) <= 0.15, (colour, got)
