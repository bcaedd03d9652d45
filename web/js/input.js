// Keyboard, gamepad and touch, mapped onto the named controls of
// ../shared/DESIGN.md ("contract: controls"). Only changes are sent.

// Key code -> controls it holds. Keys may drive several controls; a game
// reads the ones it uses (Pong: W/S the left paddle, arrows the right one).
const KEYS = {
  ArrowLeft: ["left"], ArrowRight: ["right"],
  ArrowUp: ["p2_up", "thrust"], ArrowDown: ["p2_down"],
  KeyW: ["up"], KeyS: ["down"], KeyA: ["left"], KeyD: ["right"],
  Space: ["fire"], KeyZ: ["fire"], ControlLeft: ["fire"], ControlRight: ["fire"],
  KeyX: ["thrust"], ShiftLeft: ["hyperspace", "zap"], ShiftRight: ["hyperspace", "zap"], KeyH: ["hyperspace"],
  KeyQ: ["zap"], Enter: ["start"], Digit1: ["start"], Digit2: ["p2_start"],
};
// Arrow keys also mean up/down for games without a second player.
const SOLO_ARROWS = { ArrowUp: ["up"], ArrowDown: ["down"] };
const LEVER_STEP = 0.1; // keyboard steps of Lunar Lander's thrust lever
// BattleZone's two treads on the keyboard (MAME's default keys for the
// left and right sticks): E/D left tread forward/back, I/K right tread.
const TREAD_KEYS = { KeyE: ["left_tread", 1], KeyD: ["left_tread", -1], KeyI: ["right_tread", 1], KeyK: ["right_tread", -1] };
const TREAD_DEAD_ZONE = 0.15; // gamepad sticks
// Tempest's spinner is relative: a drag of the mouse or a finger, or the
// left stick, turns it (steps per CSS pixel / per frame at full tilt).
const SPIN_PER_PX = 0.25;
const SPIN_STICK = 2.5;

export class Input {
  constructor(send, spin) {
    this.send = send; // (name, value) => void
    this.spinSend = spin; // (steps) => void: relative spinner steps
    this.spinAcc = 0;
    this.state = new Map();
    this.sources = new Map(); // control -> set of sources holding it
    this.controls = new Set();
    this.lever = 0;
    this.pads = {};
    this.treadKeys = new Set(); // tread keys held
    this.treadParts = new Map(); // source -> {left_tread, right_tread}
    this.window = [0, 0, 1024, 1024];
    this.paddleTravel = null;
    this.knobs = {};
  }

  // Each source (keys, a pad, touch) adds to a tread; the sum is clamped.
  setTread(source, name, value) {
    const part = this.treadParts.get(source) || { left_tread: 0, right_tread: 0 };
    part[name] = value;
    this.treadParts.set(source, part);
    let sum = 0;
    for (const p of this.treadParts.values()) sum += p[name];
    this.set(name, Math.round(Math.min(1, Math.max(-1, sum)) * 100) / 100);
  }

  treadKey(code, down) {
    if (down) this.treadKeys.add(code);
    else this.treadKeys.delete(code);
    for (const name of ["left_tread", "right_tread"]) {
      let v = 0;
      for (const k of this.treadKeys) if (TREAD_KEYS[k][0] === name) v += TREAD_KEYS[k][1];
      this.setTread("keys", name, v);
    }
  }

  setGame(info) {
    this.controls = new Set(info.controls);
    this.window = info.window;
    this.paddleTravel = info.paddle_travel || null;
    this.knobs = {};
    this.releaseAll();
  }

  // Pong's knobs from a pointer (mouse or finger) over the screen: its
  // height on the court is the paddle's position (``paddle`` 0 bottom to 1
  // top), the left half for the left player, the right half for the right.
  // `rect` is the canvas's box; the game's window is letterboxed in it.
  pointer(event, rect) {
    if (!this.controls.has("paddle") || !this.paddleTravel || !rect.width || !rect.height) return false;
    const [x0, y0, x1, y1] = this.window;
    const s = Math.min(rect.width / (x1 - x0), rect.height / (y1 - y0));
    const ox = rect.left + (rect.width - (x1 - x0) * s) / 2;
    const oy = rect.top + (rect.height - (y1 - y0) * s) / 2;
    const wx = x0 + (event.clientX - ox) / s;
    const wy = y1 - (event.clientY - oy) / s;
    const [lo, hi] = this.paddleTravel;
    const value = Math.min(1, Math.max(0, (wy - lo) / (hi - lo)));
    this.set(wx < (x0 + x1) / 2 ? "paddle" : "p2_paddle", Math.round(value * 1000) / 1000);
    return true;
  }

  keyControls(code) {
    if (TREAD_KEYS[code] && this.controls.has("left_tread")) return [TREAD_KEYS[code][0]];
    let names = KEYS[code] || [];
    if (SOLO_ARROWS[code] && !this.controls.has("p2_up")) names = names.concat(SOLO_ARROWS[code]);
    return names.filter((n) => this.controls.has(n));
  }

  hold(name, source, down) {
    let set = this.sources.get(name);
    if (!set) this.sources.set(name, (set = new Set()));
    if (down) set.add(source);
    else set.delete(source);
    this.set(name, set.size > 0 ? 1 : 0);
  }

  set(name, value) {
    if (this.state.get(name) === value) return;
    this.state.set(name, value);
    this.send(name, value);
  }

  // Returns true when the key belongs to the game (so the page keeps it).
  key(event, down) {
    if (this.controls.has("lever") && (event.code === "ArrowUp" || event.code === "ArrowDown")) {
      if (down) this.setLever(this.lever + (event.code === "ArrowUp" ? LEVER_STEP : -LEVER_STEP));
      return true;
    }
    if (TREAD_KEYS[event.code] && this.controls.has("left_tread")) {
      this.treadKey(event.code, down);
      return true;
    }
    const names = this.keyControls(event.code);
    for (const n of names) this.hold(n, "key:" + event.code, down);
    return names.length > 0;
  }

  setLever(value) {
    this.lever = Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
    this.set("lever", this.lever);
  }

  wheel(event) {
    if (!this.controls.has("lever")) return false;
    this.setLever(this.lever - Math.sign(event.deltaY) * LEVER_STEP);
    return true;
  }

  // Relative spinner movement, gathered and sent once per animation frame.
  spin(steps) {
    if (!this.controls.has("spinner")) return false;
    this.spinAcc += steps;
    return true;
  }

  spinPixels(dx) {
    return this.spin(dx * SPIN_PER_PX);
  }

  flushSpin() {
    if (this.spinAcc && this.spinSend) this.spinSend(Math.round(this.spinAcc * 100) / 100);
    this.spinAcc = 0;
  }

  releaseAll() {
    for (const [name, value] of this.state) if (value) this.send(name, 0);
    this.state.clear();
    this.sources.clear();
    this.treadKeys.clear();
    this.treadParts.clear();
    if (this.controls.has("lever")) this.setLever(0);
  }

  // Standard-mapping gamepads, polled once per animation frame.
  pollGamepads() {
    const pads = navigator.getGamepads ? navigator.getGamepads() : [];
    for (const pad of pads) {
      if (!pad) continue;
      const b = (i) => !!(pad.buttons[i] && pad.buttons[i].pressed);
      const ax = (i) => pad.axes[i] || 0;
      const src = "pad" + pad.index;
      const sticks = !this.controls.has("left_tread"); // tread games: the sticks are the treads
      const stickX = sticks && !this.controls.has("spinner"); // Tempest: the stick is the spinner
      const knob = this.controls.has("paddle");
      this.hold("left", src, b(14) || (stickX && ax(0) < -0.5));
      this.hold("right", src, b(15) || (stickX && ax(0) > 0.5));
      this.hold("up", src, b(12) || (sticks && !knob && ax(1) < -0.5));
      this.hold("down", src, b(13) || (sticks && !knob && ax(1) > 0.5));
      if (knob) {
        // The left stick's height is the knob (first pad the left player's,
        // second the right's); a stick left alone does not fight the mouse.
        const v = Math.round((1 - ax(1)) * 500) / 1000;
        if (this.knobs[src] === undefined || Math.abs(v - this.knobs[src]) > 0.01) {
          if (this.knobs[src] !== undefined) this.set(pad.index % 2 ? "p2_paddle" : "paddle", v);
          this.knobs[src] = v;
        }
      }
      this.hold("fire", src, b(0));
      this.hold("thrust", src, b(1) || b(7));
      this.hold("hyperspace", src, b(2));
      this.hold("zap", src, b(3) || (this.controls.has("spinner") && b(1)));
      if (this.controls.has("spinner") && Math.abs(ax(0)) > 0.2) this.spin(ax(0) * SPIN_STICK);
      this.hold("start", src, b(9));
      if (this.controls.has("lever") && pad.buttons[7]) {
        const v = pad.buttons[7].value; // right trigger as the lever
        if (v > 0.02 || this.pads[src]) this.setLever(v);
        this.pads[src] = v > 0.02;
      }
      for (const name of ["left_tread", "right_tread"]) {
        if (!this.controls.has(name)) continue;
        const v = -ax(name === "left_tread" ? 1 : 3);
        this.setTread(src, name, Math.abs(v) < TREAD_DEAD_ZONE ? 0 : Math.round(v * 20) / 20);
      }
    }
    this.flushSpin();
  }
}

// On-screen buttons for phones and tablets: one per digital control the
// game uses, sending the same named controls as the keyboard.
const TOUCH_LABELS = {
  up: "▲", down: "▼", left: "◀", right: "▶", fire: "FIRE", thrust: "THRUST",
  hyperspace: "HYPER", zap: "ZAP", start: "START", p2_up: "P2 ▲", p2_down: "P2 ▼", p2_start: "2P",
};

export function buildTouchControls(container, info, input) {
  container.textContent = "";
  const treads = info.controls.includes("left_tread");
  // Tread games get two tread pads instead of the arrow buttons.
  const names = info.controls.filter((n) => TOUCH_LABELS[n] && !(treads && ["up", "down", "left", "right"].includes(n)));
  if (treads) container.appendChild(buildTread("left_tread", input));
  for (const name of names) {
    const btn = document.createElement("button");
    btn.className = "touch-btn touch-" + name;
    btn.textContent = (info.labels && info.labels[name]) || TOUCH_LABELS[name];
    btn.setAttribute("aria-label", name.replace("_", " "));
    const press = (down) => (e) => {
      e.preventDefault();
      input.hold(name, "touch", down);
      btn.classList.toggle("down", down);
    };
    btn.addEventListener("pointerdown", press(true));
    btn.addEventListener("pointerup", press(false));
    btn.addEventListener("pointercancel", press(false));
    btn.addEventListener("pointerleave", press(false));
    container.appendChild(btn);
  }
  if (treads) container.appendChild(buildTread("right_tread", input));
  if (info.controls.includes("lever")) {
    const lever = document.createElement("input");
    lever.type = "range";
    lever.min = 0;
    lever.max = 100;
    lever.value = 0;
    lever.className = "touch-lever";
    lever.setAttribute("aria-label", "thrust lever");
    lever.addEventListener("input", () => input.setLever(lever.value / 100));
    container.appendChild(lever);
  }
  if (info.controls.includes("spinner")) {
    // A drag spinner: slide a finger along the strip to turn the knob.
    const strip = document.createElement("div");
    strip.className = "touch-spinner";
    strip.textContent = "◀ drag to spin ▶";
    strip.setAttribute("aria-label", "spinner");
    wireSpinDrag(strip, input, true);
    container.prepend(strip);
  }
}

// Dragging on ``el`` turns the spinner by the horizontal movement.
// ``anyPointer``: every pointer (the touch strip); otherwise mice only
// while a button is held or the pointer is locked to the game.
export function wireSpinDrag(el, input, anyPointer = false) {
  let last = null;
  el.addEventListener("pointerdown", (e) => {
    if (!input.controls.has("spinner")) return;
    last = e.clientX;
    if (anyPointer) {
      e.preventDefault();
      el.setPointerCapture?.(e.pointerId);
    }
  });
  el.addEventListener("pointermove", (e) => {
    if (document.pointerLockElement === el) {
      input.spinPixels(e.movementX);
      return;
    }
    if (last === null || !(anyPointer || e.buttons)) return;
    input.spinPixels(e.clientX - last);
    last = e.clientX;
  });
  const end = () => { last = null; };
  el.addEventListener("pointerup", end);
  el.addEventListener("pointercancel", end);
  el.addEventListener("pointerleave", end);
}

// A touch tread: drag the knob up to drive that tread forward, down for
// back; it springs back to the middle when let go.
function buildTread(name, input) {
  const pad = document.createElement("div");
  pad.className = "touch-tread touch-" + name;
  pad.setAttribute("role", "slider");
  pad.setAttribute("aria-label", name.replace("_", " "));
  pad.setAttribute("aria-valuemin", "-1");
  pad.setAttribute("aria-valuemax", "1");
  pad.setAttribute("aria-valuenow", "0");
  const knob = document.createElement("div");
  knob.className = "touch-tread-knob";
  pad.appendChild(knob);
  const show = (v) => {
    knob.style.transform = `translateY(${-v * (pad.clientHeight / 2 - knob.clientHeight / 2)}px)`;
    pad.setAttribute("aria-valuenow", String(v));
  };
  const move = (e) => {
    const r = pad.getBoundingClientRect();
    const v = Math.max(-1, Math.min(1, (r.top + r.height / 2 - e.clientY) / (r.height / 2 - 20)));
    const q = Math.round(v * 20) / 20;
    input.setTread("touch", name, q);
    show(q);
  };
  pad.addEventListener("pointerdown", (e) => { e.preventDefault(); pad.setPointerCapture(e.pointerId); move(e); });
  pad.addEventListener("pointermove", (e) => { if (pad.hasPointerCapture(e.pointerId)) move(e); });
  const end = () => { input.setTread("touch", name, 0); show(0); };
  pad.addEventListener("pointerup", end);
  pad.addEventListener("pointercancel", end);
  return pad;
}
