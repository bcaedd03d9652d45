// Run Python inside Pyodide under Node: the project's wheel from dist/,
// extra wheels from a folder, the repository's parent mounted at its own
// path (so ../shared resolves as it does natively).
//   node runner.mjs --pyodide DIR --wheel FILE [--wheels DIR] --mount DIR -- pytest ARGS...
//   node runner.mjs ... -- exec FILE.py [ARGS...]
import { pathToFileURL } from "node:url";
import fs from "node:fs";
import path from "node:path";

const argv = process.argv.slice(2);
const opts = { wheels: [], mounts: [] };
while (argv.length && argv[0] !== "--") {
  const flag = argv.shift();
  const value = argv.shift();
  if (flag === "--pyodide") opts.pyodide = value;
  else if (flag === "--wheel") opts.wheels.push(path.resolve(value));
  else if (flag === "--wheels") {
    for (const f of fs.readdirSync(value)) if (f.endsWith(".whl")) opts.wheels.push(path.resolve(value, f));
  } else if (flag === "--mount") opts.mounts.push(path.resolve(value));
  else throw new Error(`unknown option ${flag}`);
}
argv.shift();
const [mode, ...rest] = argv;

const { loadPyodide } = await import(pathToFileURL(path.join(opts.pyodide, "pyodide.mjs")).href);
const t0 = performance.now();
// CI and RETRO_REQUIRE_ALL reach the tests (tests/conftest.py: skips fail there).
const env = { PYTHONHASHSEED: "0" };
for (const name of ["CI", "RETRO_REQUIRE_ALL"]) if (process.env[name] !== undefined) env[name] = process.env[name];
const py = await loadPyodide({ indexURL: opts.pyodide + "/", env });
const errors = [];
await py.loadPackage(opts.wheels, { errorCallback: (m) => errors.push(m), messageCallback: () => {} });
if (errors.length) {
  console.error("loading wheels failed:\n" + errors.join("\n"));
  process.exit(2);
}
for (const dir of opts.mounts) {
  py.FS.mkdirTree(dir);
  py.mountNodeFS(dir, dir);
}
console.error(`pyodide ${py.version} ready in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
py.globals.set("ARGS", py.toPy(rest));
py.globals.set("MODE", mode);
py.globals.set("CWD", process.cwd());
const code = `
import os, sys
sys.dont_write_bytecode = True
os.chdir(CWD)
# Import the project from the wheel, never from the mounted sources.
sys.path[:] = [p for p in sys.path if p not in ('', '.', CWD)]
import games, machines
for package in (games, machines):
    assert "site-packages" in package.__file__, package.__file__
args = list(ARGS)
if MODE == "pytest":
    import pytest
    rc = int(pytest.main(["-p", "no:cacheprovider", *args]))
elif MODE == "exec":
    import runpy
    try:
        if args[0] == "-m":
            sys.argv = args[1:]
            runpy.run_module(args[1], run_name="__main__", alter_sys=True)
        else:
            sys.argv = args
            runpy.run_path(args[0], run_name="__main__")
        rc = 0
    except SystemExit as e:
        rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
else:
    raise SystemExit(f"unknown mode {MODE!r}")
rc
`;
try {
  process.exitCode = await py.runPythonAsync(code);
} catch (e) {
  console.error(String(e.message || e));
  process.exitCode = 1;
}
