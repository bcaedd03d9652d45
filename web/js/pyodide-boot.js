// Boot Pyodide from this site (never a CDN) with the project wheel, inside
// a worker. The wheel and the standard library were precompiled to .pyc by
// build.py, and the wheel is fetched in parallel with the runtime through
// the lockfile (web.md 1.6, 1.8).
//
// The 1130 page boots from a memory snapshot when one is there
// (pyodide/ibm1130.snapshot, made by build.py inside Pyodide under Node from
// this very runtime, standard library and wheel, with the page's bridge
// imported): Python's start-up and those imports are then skipped. It is
// Pyodide's private _loadSnapshot (web.md 1.8): whatever goes wrong with it
// (no file, another build's snapshot, a runtime that refuses it), the
// normal boot follows.
//
// pyodide.mjs is a static import, so it arrives with the worker's own
// modules instead of one round trip later. Each stage leaves a User Timing
// mark ("boot:...") in the worker's timeline, for
// tests/browser/bench_page_start.py.

import { loadPyodide } from "../pyodide/pyodide.mjs";

const PYODIDE_BASE = new URL("../pyodide/", import.meta.url).href;
const PROJECT = "retro1130";
const SITE_PACKAGES = "/lib/python3.14/site-packages";
const GZIP_MAGIC = [0x1f, 0x8b];

function options(extra) {
  return {
    indexURL: PYODIDE_BASE,
    checkAPIVersion: true,
    stdout: (s) => console.log(s),
    stderr: (s) => console.warn(s),
    ...extra,
  };
}

// bootPython(progress, {snapshot}): `snapshot` names a snapshot file in
// pyodide/ (only the 1130 page has one); then call finishBoot(py) right
// after the page is told Python is ready.
export async function bootPython(progress, { snapshot = null } = {}) {
  performance.mark("boot:start");
  progress("Loading Python 3.14 (WebAssembly) and the retro1130 package", 0.1);
  if (snapshot) {
    const bytes = fetchSnapshot(PYODIDE_BASE + snapshot);
    const wheel = fetchWheel();
    bytes.catch(() => {}); // (reported where awaited; never an unhandled rejection)
    wheel.catch(() => {});
    try {
      const py = await bootFromSnapshot(bytes, wheel);
      progress("Python ready", 0.9);
      return py;
    } catch (err) {
      console.warn(`Booting from the snapshot failed (${(err && err.message) || err}); booting normally`);
      performance.mark("boot:snapshot failed");
    }
  }
  return bootNormally(progress);
}

async function bootNormally(progress) {
  const errors = [];
  const py = await loadPyodide(options({ packages: [PROJECT] }));
  performance.mark("boot:loadPyodide");
  // loadPackage reports failures only through callbacks; a missing wheel
  // must not look like success (web.md 1.6, pitfall 2).
  await py.loadPackage([PROJECT], { errorCallback: (m) => errors.push(m), messageCallback: () => {} });
  if (errors.length) throw new Error("Loading the retro1130 package failed:\n" + errors.join("\n"));
  performance.mark("boot:package");
  progress("Python ready", 0.9);
  return py;
}

// The snapshot's bytes, gunzipped (a host that sends the .gz-compressed
// file with Content-Encoding has already unpacked it).
async function fetchSnapshot(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const data = new Uint8Array(await response.arrayBuffer());
  if (data[0] !== GZIP_MAGIC[0] || data[1] !== GZIP_MAGIC[1]) return data;
  const plain = new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(plain).arrayBuffer());
}

// The wheel's name comes from the lockfile, which loadPyodide fetches
// anyway; the wheel is fetched as soon as that name is known.
async function fetchWheel() {
  const lock = await (await fetch(PYODIDE_BASE + "pyodide-lock.json")).json();
  const entry = lock.packages[PROJECT];
  const response = await fetch(PYODIDE_BASE + entry.file_name);
  if (!response.ok) throw new Error(`${entry.file_name}: HTTP ${response.status}`);
  const data = new Uint8Array(await response.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  if (hex !== entry.sha256) throw new Error(`${entry.file_name} does not match the lockfile`);
  return { data, sha256: hex };
}

async function bootFromSnapshot(bytes, wheelPromise) {
  const py = await loadPyodide(options({ _loadSnapshot: bytes }));
  performance.mark("boot:loadPyodide");
  const wheel = await wheelPromise;
  // The snapshot holds the modules of the wheel it was made with: it must be this one.
  const made = py.runPython("import sys; getattr(sys, '_retro1130_snapshot_wheel', '')");
  if (made !== wheel.sha256) throw new Error("the snapshot was made with another wheel");
  // Every visit restores the same memory: the random generator is seeded anew.
  py.runPython("import sys\nif 'random' in sys.modules: sys.modules['random'].seed()");
  performance.mark("boot:package");
  // The wheel's files, for what is imported later (the assembler, ...):
  // unpacked by finishBoot, once the page is told Python is ready.
  unpackLater.set(py, () => py.unpackArchive(wheel.data, "wheel", { extractDir: SITE_PACKAGES }));
  return py;
}

const unpackLater = new WeakMap();

// What a snapshot boot left for after the page is ready (~0.25 s: the
// wheel's files); call it at once after posting "ready", before any other
// Python call that may import a module the snapshot does not hold.
export function finishBoot(py) {
  const unpack = unpackLater.get(py);
  if (!unpack) return;
  unpackLater.delete(py);
  unpack();
  performance.mark("boot:files");
}
