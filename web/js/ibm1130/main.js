// The IBM 1130 page: console panel, console printer, editor, debugger, card
// room and 1132 printout around one worker that owns the Python machine.
// Every action of the page goes through window.retro.send(message), the
// script hook of DESIGN.md, so scripts and tests drive exactly what the
// buttons drive.
//
// This module boots the worker, keeps the hook, hands each snapshot to the
// panes and switches the tabs. Each pane is a module of its own:
// console.js, program.js, debugger.js, cardroom.js, output.js (the two
// printers) and state.js (the Machine menu).

import { ErrorOverlay, LoadingBar, installRetro, params } from "../shell.js";
import { bootWorker, firstWorker } from "./boot.js";
import { MODES } from "./panel.js";
import { $, hex4, makeNotify } from "./page.js";
import { Sound } from "./sound.js";
import { ConsolePane } from "./console.js";
import { ProgramPane } from "./program.js";
import { DebuggerPane } from "./debugger.js";
import { CardRoomPane } from "./cardroom.js";
import { OutputPane } from "./output.js";
import { ForthPane } from "./forth.js";
import { StateMenu } from "./state.js";
import { DisplayPane } from "./display.js";
import { PlotterPane } from "./plotter.js";

const query = params();
const loading = new LoadingBar($("#loading"));
const sound = new Sound();
let link;
let lastSnap = null;
let lastStopReason = null;

// ------------------------------------------------------------ the hook
function strip(reply) {
  const { type, id, ...rest } = reply;
  return rest;
}

const retro = installRetro({
  send: async (msg) => strip(await link.request(msg)),
  step: async (frames) => strip(await link.request({ cmd: "step", frames })),
  state: async () => strip(await link.request({ cmd: "state" })),
  snapshot: null,
  notices: [],
});
const send = retro.send;
const notify = makeNotify($("#notice"), retro);

// Send and show an operator error as a notice (at `where`, the element
// the operator acted on, when given); returns the reply.
async function act(msg, where = null) {
  const reply = await send(msg);
  if (reply && reply.ok === false && reply.error) notify(reply.error, true, where);
  return reply;
}

// ------------------------------------------------------------ the panes
const ctx = {
  send, act, notify, retro, sound,
  request: (msg) => link.request(msg),
  lastSnap: () => lastSnap,
  toEditor: (text, name) => {
    program.setSource(text, name);
    $("#tab-program").click();
  },
};
const output = new OutputPane(ctx);
const consolePane = new ConsolePane({ ...ctx, output });
const panel = consolePane.panel;
const program = new ProgramPane(ctx);
const debug = new DebuggerPane({ ...ctx, panel });
const cardroom = new CardRoomPane(ctx);
const stateMenu = new StateMenu({ ...ctx, program, panel, output, cardroom });
new ForthPane(ctx); // Moore's FORTH (1968)
consolePane.wireKeys(cardroom, () => debug.stepOnce());
const graphics = [new DisplayPane(ctx), new PlotterPane(ctx)]; // the 2250 and the 1627

// ---------------------------------------------------------- the worker
const overlay = new ErrorOverlay($("#error"), () => restart());

// The worker was started by boot.js before the panes were built; a restart
// starts another.
function useWorker({ link: started, interruptBuffer }) {
  link = started;
  retro.interruptBuffer = interruptBuffer;
  link.on(onMessage);
}

// The overlay's restart: keep what can be kept (the machine is saved in
// this browser first if the worker still answers), then a fresh worker,
// which restores it.
async function restart() {
  if (retro.ready) {
    // A busy machine can take seconds to answer; only a worker that never
    // answers (stuck in Python) is given up on, so the restored machine is
    // the newest one whenever it can be.
    loading.show("Saving the machine before the restart", 0.02);
    await Promise.race([stateMenu.saveLocal(true), new Promise((r) => setTimeout(r, 15000))]).catch(() => {});
  }
  retro.error = null;
  retro.ready = false;
  link.terminate();
  useWorker(bootWorker());
}

function onMessage(msg) {
  switch (msg.type) {
    case "progress":
      loading.show(msg.stage, msg.fraction);
      break;
    case "ready":
      loading.hide();
      retro.ready = true;
      retro.bootMs = Math.round(performance.now());
      afterBoot();
      break;
    case "frame":
      onFrame(msg.snap);
      break;
    case "notice":
      notify(msg.text, true);
      break;
    case "error":
      overlay.report(msg, retro, loading);
      break;
  }
}

function onFrame(snap) {
  retro.frames = snap.frames;
  retro.snapshots = snap.snapshots;
  retro.snapshot = snap;
  lastSnap = snap;
  consolePane.onFrame(snap);
  output.onFrame(snap);
  cardroom.onFrame(snap);
  if (snap.stop) {
    program.showStop(snap);
    if (snap.stop === "breakpoint") notify(`Breakpoint at ${hex4(snap.lamps.iar)}`);
  } else if (snap.stop_reason === "stopped" && lastStopReason !== "stopped") {
    program.showStop({ ...snap, stop: "IMM STOP" }); // IMM STOP acts between frames
  }
  lastStopReason = snap.stop_reason;
  debug.onFrame(snap);
  for (const pane of graphics) pane.onFrame(snap);
}

// ---------------------------------------------------------------- tabs
function wireTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener("click", () => {
      for (const t of tabs) {
        const on = t === tab;
        t.setAttribute("aria-selected", String(on));
        $("#" + t.getAttribute("aria-controls")).hidden = !on;
      }
      if (tab.id === "tab-debug") debug.refresh();
      if (tab.id === "tab-cards") cardroom.view();
    });
  }
}

// ----------------------------------------------------------------- start
// retro.started: the page's own start-up after ready is done too (the
// keypunch shown, the last visit restored), so the layout stands still
// (for scripts that measure it).
async function afterBoot() {
  retro.started = false;
  try {
    await consolePane.applySpeed();
    const s = await send({ cmd: "state" });
    panel.showSwitches(s.switches);
    await cardroom.kpAct({ cmd: "keypunch", op: "view" });
    await stateMenu.restoreLastVisit(query);
  } finally {
    retro.started = true;
  }
}

panel.showMode("RUN");
panel.showSwitches(0);
wireTabs();
program.loadExamples();
cardroom.listServer();
program.initialSource();
useWorker(firstWorker);
retro.modes = MODES;
