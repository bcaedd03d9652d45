// Boot Pyodide from this site (never a CDN) with the project wheel, inside
// a worker. The wheel and the standard library were precompiled to .pyc by
// build.py, and the wheel is fetched in parallel with the runtime through
// the lockfile (web.md 1.6, 1.8).
//
// pyodide.mjs is a static import, so it arrives with the worker's own
// modules instead of one round trip later. Each stage leaves a User Timing
// mark ("boot:...") in the worker's timeline, for
// tests/browser/bench_page_start.py.

import { loadPyodide } from "../pyodide/pyodide.mjs";

const PYODIDE_BASE = new URL("../pyodide/", import.meta.url).href;

export async function bootPython(progress) {
  performance.mark("boot:start");
  progress("Loading Python 3.14 (WebAssembly) and the retro1130 package", 0.1);
  const errors = [];
  const py = await loadPyodide({
    indexURL: PYODIDE_BASE,
    packages: ["retro1130"],
    checkAPIVersion: true,
    stdout: (s) => console.log(s),
    stderr: (s) => console.warn(s),
  });
  performance.mark("boot:loadPyodide");
  // loadPackage reports failures only through callbacks; a missing wheel
  // must not look like success (web.md 1.6, pitfall 2).
  await py.loadPackage(["retro1130"], { errorCallback: (m) => errors.push(m), messageCallback: () => {} });
  if (errors.length) throw new Error("Loading the retro1130 package failed:\n" + errors.join("\n"));
  performance.mark("boot:package");
  progress("Python ready", 0.9);
  return py;
}
