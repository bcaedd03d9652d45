// Starts the 1130's worker, and with it Python, as soon as the page is
// parsed: before the panes and the editor (CodeMirror) are loaded and
// built, which delayed it by about 0.3 s of a 1.5 s start
// (tests/browser/bench_page_start.py --breakdown). The page loads this
// module with a script tag of its own ahead of main.js, which takes the
// link from here; what the worker says before main.js listens waits in
// the link (shell.js WorkerLink).

import { WorkerLink, params } from "../shell.js";
import { restoreSpeed, speedSetting } from "./speed.js";

// A new worker told to start: {link, interruptBuffer} (the buffer, shared
// with the worker for IMM STOP, only where the page is cross-origin
// isolated; else null).
export function bootWorker() {
  const link = new WorkerLink(new URL("./worker.js", import.meta.url));
  let interruptBuffer = null;
  if (self.crossOriginIsolated && typeof SharedArrayBuffer === "function") {
    interruptBuffer = new Uint8Array(new SharedArrayBuffer(1));
  }
  link.post({ cmd: "init", paused: params().get("paused") === "1", speed: speedSetting(), interruptBuffer });
  return { link, interruptBuffer };
}

restoreSpeed();
export const firstWorker = bootWorker();
