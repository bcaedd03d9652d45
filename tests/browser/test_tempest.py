"""Tempest in Chromium: boot, the well drawn in perspective, keyboard,
mouse and touch spinner, fire and superzapper through the page."""

from __future__ import annotations

from conftest import animation_frames, boot, hold, pixels, state, step

from games import tempest as T


def start_playing(page):
    """Start, take level 1 on the Skill-Step screen, let the well come up."""
    hold(page, "Enter", 2)
    assert state(page)["phase"] == "rate"
    hold(page, "Space", 2)
    step(page, T.ZOOM_TICKS + 2)
    s = state(page)
    assert s["phase"] == "play" and s["level"] == 1, s
    return s


def test_tempest_boots_and_draws_the_well(page, site):
    boot(page, site, "?game=tempest&paused=1&seed=5")
    assert page.evaluate("window.retro.game") == "tempest"
    step(page, 10)
    px = pixels(page)
    vp = px["viewport"]
    assert abs(vp["w"] / vp["h"] - 3 / 4) < 0.01          # the vertical monitor
    title = pixels(page, {"x": vp["x"], "y": vp["y"], "w": vp["w"], "h": vp["h"]})
    assert title["lit"] > 300                              # TEMPEST, PRESS START
    start_playing(page)
    step(page, 1)
    inside = pixels(page, {"x": vp["x"], "y": vp["y"] + vp["h"] * 0.15,
                           "w": vp["w"], "h": vp["h"] * 0.85})
    assert inside["lit"] > 2000 and inside["max"] >= 200, inside
    # The lit lane under the claw, at the bottom middle of the circle well.
    claw = pixels(page, {"x": vp["x"] + vp["w"] * 0.4, "y": vp["y"] + vp["h"] * 0.82,
                         "w": vp["w"] * 0.2, "h": vp["h"] * 0.1})
    assert claw["lit"] > 50, claw
    page.screenshot(path="tests/artifacts/tempest_play.png")
    assert page.console_errors == []


def test_keys_spin_the_claw_fire_and_zap(page, site):
    boot(page, site, "?game=tempest&paused=1&seed=5")
    start_playing(page)
    for _ in range(3):                        # each key press: one rim segment
        hold(page, "ArrowRight", 1)
        step(page, 1)
    assert state(page)["player"]["lane"] == 3
    hold(page, "ArrowLeft", T.KEY_REPEAT_DELAY + int(4 * T.SPIN_PER_LANE / T.KEY_SPIN) + 1)
    assert state(page)["player"]["lane"] == 14     # held: the claw keeps going
    hold(page, "Space", 1)
    s = state(page)
    assert len(s["shots"]) == 1 and s["shots"][0]["lane"] == 14
    hold(page, "q", 1)
    assert state(page)["zaps_used"] == 1
    sounds = page.evaluate("window.retro.sounds")
    assert "fire" in sounds and "zap" in sounds


def test_mouse_drag_spins_the_claw(page, site):
    boot(page, site, "?game=tempest&paused=1&seed=5")
    start_playing(page)
    box = page.locator("#screen").bounding_box()
    y = box["y"] + box["height"] / 2
    x = box["x"] + box["width"] * 0.3
    page.mouse.move(x, y)
    page.mouse.down()
    # 8 steps a lane at 0.25 steps a pixel: 32 pixels a lane; 128 is 4 lanes.
    for i in range(1, 9):
        page.mouse.move(x + i * 16, y)
    page.mouse.up()
    animation_frames(page, 2)                 # the next animation frame sends it
    step(page, 2)
    assert state(page)["player"]["lane"] == 4
    # The click locked the mouse to the game: plain movement now spins.
    assert page.evaluate("document.pointerLockElement && document.pointerLockElement.id") == "screen"
    page.mouse.move(x + 128 + 64, y)
    animation_frames(page, 2)
    step(page, 2)
    assert state(page)["player"]["lane"] == 6
    # Freed (Esc), moving without a button held does not spin.
    page.evaluate("document.exitPointerLock()")
    page.wait_for_function("document.pointerLockElement === null")
    page.mouse.move(x + 20, y)
    animation_frames(page, 2)
    step(page, 2)
    assert state(page)["player"]["lane"] == 6


def test_touch_drag_strip_spins_the_claw(page, site):
    boot(page, site, "?game=tempest&paused=1&seed=5&touch=1")
    strip = page.locator(".touch-spinner")
    assert strip.is_visible()
    assert page.locator(".touch-fire").is_visible() and page.locator(".touch-zap").is_visible()
    start_playing(page)
    box = strip.bounding_box()
    y = box["y"] + box["height"] / 2
    x = box["x"] + box["width"] * 0.7
    page.evaluate("""([x, y]) => {
        const el = document.querySelector('.touch-spinner');
        const ev = (type, cx) => el.dispatchEvent(new PointerEvent(type, {
            clientX: cx, clientY: y, pointerId: 7, pointerType: 'touch', bubbles: true,
            buttons: type === 'pointerup' ? 0 : 1}));
        ev('pointerdown', x);
        for (let i = 1; i <= 8; i++) ev('pointermove', x - i * 4);
        ev('pointerup', x - 32);
    }""", [x, y])
    animation_frames(page, 2)
    step(page, 2)
    assert state(page)["player"]["lane"] == 15     # 32 px to the left: one segment
    page.locator(".touch-fire").dispatch_event("pointerdown")
    step(page, 1)
    page.locator(".touch-fire").dispatch_event("pointerup")
    assert len(state(page)["shots"]) == 1


def test_gamepad_stick_spins_and_buttons_fire_and_zap(page, site):
    boot(page, site, "?game=tempest&paused=1&seed=5")
    start_playing(page)
    # A standard-mapping pad, stick pushed right, read by the page each frame.
    page.evaluate("""() => {
        const buttons = Array.from({length: 17}, () => ({pressed: false, value: 0}));
        window.fakePad = {index: 0, axes: [1, 0, 0, 0], buttons};
        navigator.getGamepads = () => [window.fakePad];
    }""")
    animation_frames(page, 18)                        # 0.3 s of frames at 60 Hz
    page.evaluate("window.fakePad.axes[0] = 0")
    animation_frames(page, 2)
    step(page, 2)
    lane = state(page)["player"]["lane"]
    assert 1 <= lane <= 8, lane                       # turned right along the bottom
    page.evaluate("window.fakePad.buttons[0].pressed = true")
    animation_frames(page, 2)
    step(page, 1)
    page.evaluate("window.fakePad.buttons[0].pressed = false; window.fakePad.buttons[3].pressed = true")
    animation_frames(page, 2)
    step(page, 1)
    s = state(page)
    assert len(s["shots"]) >= 1 and s["zaps_used"] == 1
