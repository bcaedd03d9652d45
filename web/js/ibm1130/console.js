// The 1131 console around the panel: the entry switches' hex field, the
// console keyboard, INT REQ, the speed and sound settings, and the page's
// keyboard shortcuts for the console's keys. panel.js draws the panel;
// the console's behaviour is in Python (machines/ibm1130/panel.py, and
// machines/ibm1130/web/console.py for the messages).

import { ConsolePanelView } from "./panel.js";
import { $, parseHex } from "./page.js";
import { keepSpeed, speedSetting } from "./speed.js";

const IMM_STOP_PATIENCE_MS = 2000;

function typing(target) {
  return target && target.closest && target.closest("input, textarea, select, [contenteditable], #card-box, dialog");
}

export class ConsolePane {
  // ctx: {send, act, notify, retro, sound, output (OutputPane)}
  constructor(ctx) {
    this.ctx = ctx;
    this.panel = new ConsolePanelView(document, (msg) => this.panelAct(msg));
    this.wire();
  }

  // IMM STOP must always work: if the worker does not answer within 2 s
  // (Python stuck in one call), interrupt Python through the shared buffer
  // (web.md 1.5; only when the page is cross-origin isolated).
  async panelAct(msg) {
    const { act, retro } = this.ctx;
    if (msg.cmd !== "button" || msg.name !== "imm_stop") return act(msg);
    const timer = setTimeout(() => {
      if (retro.interruptBuffer) retro.interruptBuffer[0] = 2;
    }, IMM_STOP_PATIENCE_MS);
    try {
      return await act(msg);
    } finally {
      clearTimeout(timer);
    }
  }

  onFrame(snap) {
    this.panel.update(snap);
    $("#ips").textContent = snap.lamps.run ? `${snap.ips.toLocaleString("en")} instr/s` : "stopped";
    this.showStatus(snap);
  }

  // The console's status line: running, or why the CPU stopped in the
  // operator's words (console.py's stop_detail: WAIT, IMM STOP, a
  // breakpoint, an invalid instruction and the interrupt level behind it).
  async showStatus(snap) {
    const held = this.panel.lampTestHeld;
    const key = `${snap.lamps.run}|${snap.stop_reason}|${snap.lamps.iar}|${snap.lamps.power_on}|${held}`;
    if (key === this.statusKey) return;
    this.statusKey = key;
    const line = $("#console-status");
    if (held) {
      line.textContent = "LAMP TEST: every lamp lit while it is held";
      line.classList.remove("bad");
      return;
    }
    if (!snap.lamps.power_on && !snap.lamps.run) {
      line.textContent = "POWER is off";
      return;
    }
    if (snap.lamps.run) {
      line.textContent = "Running";
      line.classList.remove("bad");
      return;
    }
    const s = await this.ctx.send({ cmd: "state" });
    if (key !== this.statusKey || !s.ok) return; // a newer snapshot came meanwhile
    line.textContent = s.stop_detail ? `Stopped: ${s.stop_detail}` : "Stopped";
    line.classList.toggle("bad", s.stop_reason === "invalid");
  }

  // The speed chosen reaches Python (pacing.py, the one owner of speed)
  // and the console paper's pace.
  applySpeed() {
    this.ctx.output.setPaced(speedSetting().real);
    return this.ctx.act({ cmd: "speed", ...speedSetting() });
  }

  wire() {
    const { act, notify, sound } = this.ctx;
    const panel = this.panel;
    $("#ces-clear").addEventListener("click", () => panel.setSwitches(0));
    $("#ces-input").addEventListener("change", (e) => {
      const v = parseHex(e.target.value);
      if (v === null) notify(`“${e.target.value}” is not a hex number (0000 to FFFF)`, true, $(".ces-value"));
      else panel.setSwitches(v);
      e.target.value = "";
    });
    $("#console-keys-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const input = $("#console-keys");
      const r = await act({ cmd: "console_keys", text: input.value + "\n" }, $("#console-keys-form"));
      if (r.ok) input.value = "";
    });
    $("#int-req").addEventListener("click", () => act({ cmd: "int_req" }));
    $("#speed").addEventListener("change", () => {   // the saved choice was restored by boot.js
      keepSpeed();
      this.applySpeed();
    });
    $("#sound").addEventListener("click", () => {
      const on = sound.enable(!sound.on);
      $("#sound").textContent = on ? "Sound: on" : "Sound: off";
      $("#sound").setAttribute("aria-pressed", String(on));
    });
    $("#help-open").addEventListener("click", () => $("#help").showModal());
  }

  // The page's keys: typing on the card box goes to the keypunch
  // (cardroom.key), Esc is IMM STOP, and with no text field focused the
  // console's keys and switches (the help dialog lists them); N steps one
  // instruction (stepOnce).
  wireKeys(cardroom, stepOnce) {
    const panel = this.panel;
    window.addEventListener("keydown", (e) => {
      if (e.target && e.target.closest && e.target.closest("#card-box")) {
        if (cardroom.key(e)) e.preventDefault();
        return;
      }
      if (e.key === "Escape" && !(e.target && e.target.closest && e.target.closest("dialog"))) {
        panel.press("imm_stop");
        return;
      }
      if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key;
      // Enter and space on a focused page button press that button, not the console's.
      if ((k === "Enter" || k === " ") && e.target.closest && e.target.closest("button, a, summary")) return;
      if (/^[0-9a-fA-F]$/.test(k)) {
        panel.flip(parseInt(k, 16));
      } else if (k === "s" || k === "S" || k === "Enter") panel.press("start");
      else if (k === "p" || k === "P") panel.press("stop");
      else if (k === "r" || k === "R") panel.press("reset");
      else if (k === "i" || k === "I") panel.press("load_iar");
      else if (k === "l" || k === "L") panel.press("program_load");
      else if (k === "t" || k === "T") panel.holdLampTest(true); // until the key is let go
      else if (k === "x" || k === "X") panel.setSwitches(0);
      else if (k === ",") panel.turn(-1);
      else if (k === ".") panel.turn(1);
      else if (k === "n" || k === "N") stepOnce();
      else if (k === "?") $("#help").showModal();
      else return;
      e.preventDefault();
    });
    window.addEventListener("keyup", (e) => {
      if (e.key === "t" || e.key === "T") panel.holdLampTest(false);
    });
  }
}
