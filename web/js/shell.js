// What every emulator page shares: the worker connection with request and
// reply, the loading bar, the error overlay with its restart button, and
// the test hooks of ../shared/DESIGN.md (window.retro: ready, frames,
// error; ?paused=1; the step message).

export function params() {
  return new URLSearchParams(location.search);
}

export class WorkerLink {
  constructor(url) {
    this.url = url;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.early = []; // what came before anyone listened (a worker started early)
    this.start();
  }

  start() {
    this.worker = new Worker(this.url, { type: "module" });
    this.worker.onmessage = (e) => this.dispatch(e.data);
    this.worker.onerror = (e) => this.dispatch({ type: "error", where: "worker", text: e.message || "The worker failed to start." });
  }

  terminate() {
    this.worker.terminate();
    for (const { reject } of this.pending.values()) reject(new Error("worker restarted"));
    this.pending.clear();
  }

  on(fn) {
    this.listeners.push(fn);
    const early = this.early.splice(0);
    for (const msg of early) fn(msg);
  }

  dispatch(msg) {
    if (msg.type === "reply" && this.pending.has(msg.id)) {
      const { resolve } = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      resolve(msg);
      return;
    }
    if (!this.listeners.length) this.early.push(msg);
    for (const fn of this.listeners) fn(msg);
  }

  post(msg, transfer) {
    this.worker.postMessage(msg, transfer || []);
  }

  request(msg) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ ...msg, id });
    });
  }
}

export class LoadingBar {
  constructor(root) {
    this.root = root;
    this.bar = root.querySelector(".bar-fill");
    this.label = root.querySelector(".bar-label");
  }
  show(stage, fraction) {
    this.root.hidden = false;
    this.bar.style.width = `${Math.round(fraction * 100)}%`;
    this.label.textContent = stage;
    this.root.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
  }
  hide() {
    this.root.hidden = true;
  }
}

export class ErrorOverlay {
  constructor(root, onRestart) {
    this.root = root;
    this.text = root.querySelector(".error-text");
    root.querySelector(".error-restart").addEventListener("click", () => {
      this.hide();
      onRestart();
    });
    root.querySelector(".error-close").addEventListener("click", () => this.hide());
  }
  show(title, text) {
    this.root.querySelector(".error-title").textContent = title;
    this.text.textContent = text;
    this.root.hidden = false;
  }
  hide() {
    this.root.hidden = true;
  }
  // A worker's {type: "error", where, text}: keep it in window.retro and show it.
  report(msg, retro, loading) {
    retro.error = msg.text;
    loading.hide();
    this.show(msg.where === "boot" ? "Python could not start" : "Python stopped with an error", msg.text);
  }
}

// window.retro: the test and script hook.
export function installRetro(extra = {}) {
  const retro = { ready: false, frames: 0, error: null, bootMs: null, ...extra };
  window.retro = retro;
  return retro;
}
