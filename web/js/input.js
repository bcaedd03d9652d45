// Keyboard, gamepad and touch, mapped onto the named controls of
// ../shared/DESIGN.md ("contract: controls"). Only changes are sent.

// Key code -> controls it holds. Keys may drive several controls; a game
// reads the ones it uses (Pong: W/S the left paddle, arrows the right one).
const KEYS = {
  ArrowLeft: ["left"], ArrowRight: ["right"],
  ArrowUp: ["p2_up", "thrust"], ArrowDown: ["p2_down"],
  KeyW: ["up"], KeyS: ["down"], KeyA: ["left"], KeyD: ["right"],
  Space: ["fire"], KeyZ: ["fire"], ControlLeft: ["fire"], ControlRight: ["fire"],
  KeyX: ["thrust"], ShiftLeft: ["hyperspace"], ShiftRight: ["hyperspace"], KeyH: ["hyperspace"],
  KeyQ: ["zap"], Enter: ["start"], Digit1: ["start"], Digit2: ["p2_start"],
};
// Arrow keys also mean up/down for games without a second player.
const SOLO_ARROWS = { ArrowUp: ["up"], ArrowDown: ["down"] };
const LEVER_STEP = 0.1; // keyboard steps of Lunar Lander's thrust lever

export class Input {
  constructor(send) {
    this.send = send; // (name, value) => void
    this.state = new Map();
    this.sources = new Map(); // control -> set of sources holding it
    this.controls = new Set();
    this.lever = 0;
    this.pads = {};
    this.window = [0, 0, 1024, 1024];
    this.paddleTravel = null;
    this.knobs = {};
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

  releaseAll() {
    for (const [name, value] of this.state) if (value) this.send(name, 0);
    this.state.clear();
    this.sources.clear();
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
      this.hold("left", src, b(14) || ax(0) < -0.5);
      this.hold("right", src, b(15) || ax(0) > 0.5);
      const knob = this.controls.has("paddle");
      this.hold("up", src, b(12) || (!knob && ax(1) < -0.5));
      this.hold("down", src, b(13) || (!knob && ax(1) > 0.5));
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
      this.hold("zap", src, b(3));
      this.hold("start", src, b(9));
      if (this.controls.has("lever") && pad.buttons[7]) {
        const v = pad.buttons[7].value; // right trigger as the lever
        if (v > 0.02 || this.pads[src]) this.setLever(v);
        this.pads[src] = v > 0.02;
      }
      for (const name of ["left_tread", "right_tread"]) {
        if (this.controls.has(name)) this.set(name, Math.round(-ax(name === "left_tread" ? 1 : 3) * 20) / 20);
      }
    }
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
  const names = info.controls.filter((n) => TOUCH_LABELS[n]);
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
}
