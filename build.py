"""Build the static site into dist/ and serve it.

    python build.py                 write dist/
    python build.py serve [--port 8000] [--no-build] [--data DIR]
                                    build, then serve dist/ on 127.0.0.1;
                                    --data serves DIR read-only under /data/
                                    (e.g. ../shared/data for the DMS
                                    cartridge), never copied into dist/

dist/ holds the pages and ES modules from web/, CodeMirror bundled from
its pinned npm packages by the pinned esbuild (bundles/codemirror.js ->
dist/js/lib/codemirror.js, for the assembler editors), the Pyodide runtime
copied from the pinned npm package (node_modules/pyodide), and this project as a
pure-Python wheel registered in dist/pyodide/pyodide-lock.json with
pyodide-lock's ``pyodide lockfile add-wheels`` (it needs Python 3.12+, so
it runs from .venv-tools; see the Makefile).  Nothing comes from a CDN.

Start-up: the npm ``python_stdlib.zip`` holds only sources, which Pyodide
would compile on every boot.  The build compiles the standard library and
our wheel to unchecked-hash ``.pyc`` (PEP 552) inside Pyodide under Node, so
the bytecode matches the browser's Python exactly
(../shared/reference/web.md 1.8).  Results are cached in .sitecache/.
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
CACHE = ROOT / ".sitecache"
WEB = ROOT / "web"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
# ES modules bundled from npm packages (entry -> dist path): the pages import
# them by relative URL, so no CDN and no import map is needed.
BUNDLES = {ROOT / "bundles" / "codemirror.js": "js/lib/codemirror.js"}
LOCK_TOOL = ROOT / ".venv-tools" / "bin" / "pyodide"
PROJECT = "retro1130"
# Copied as they are; python_stdlib.zip is replaced by its compiled copy.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.js",
                 "pyodide-lock.json", "package.json")


class BuildError(RuntimeError):
    pass


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode:
        raise BuildError(f"{' '.join(map(str, cmd))} failed:\n{proc.stdout}{proc.stderr}")
    return proc


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_wheel(out: Path) -> Path:
    """Build the project's pure-Python wheel into ``out``; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.whl"):
        old.unlink()
    # setuptools stages into build/: a stale copy there would leak deleted
    # modules into the wheel.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "-q", "-w", str(out), str(ROOT)])
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    wheels = list(out.glob(f"{PROJECT}-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one wheel in {out}, found {wheels}")
    return wheels[0]


# Runs inside Pyodide: compile every .py of a zip to an unchecked-hash .pyc.
_COMPILE_PY = r'''
import base64, hashlib, importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

TAG = sys.implementation.cache_tag

def compile_zip(src, dst, kind, install_prefix):
    """kind 'stdlib': X.pyc beside X.py (zipimport); 'wheel': __pycache__."""
    added = []
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        record = None
        for info in zin.infolist():
            data = zin.read(info)
            if kind == "wheel" and info.filename.endswith(".dist-info/RECORD"):
                record = (info, data)
                continue
            zout.writestr(info, data)
            if not info.filename.endswith(".py"):
                continue
            try:
                code = compile(data, install_prefix + info.filename, "exec", dont_inherit=True)
            except SyntaxError:
                continue  # test data and the like: leave them as source
            pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
            if kind == "stdlib":
                name = info.filename[:-3] + ".pyc"
            else:
                d, _, base = info.filename.rpartition("/")
                name = (d + "/" if d else "") + "__pycache__/" + base[:-3] + "." + TAG + ".pyc"
            zi = zipfile.ZipInfo(name, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, pyc)
            added.append((name, pyc))
        if record is not None:
            info, data = record
            lines = data.decode().rstrip("\n").split("\n")
            for name, pyc in added:
                digest = base64.urlsafe_b64encode(hashlib.sha256(pyc).digest()).rstrip(b"=").decode()
                lines.insert(-1, f"{name},sha256={digest},{len(pyc)}")
            zout.writestr(info, "\n".join(lines) + "\n")
    return len(added)

stdlib_prefix = next(p for p in sys.path if p.endswith(".zip")) + "/"
site_prefix = next(p for p in sys.path if p.endswith("site-packages")) + "/"
JOBS = __JOBS__
for src, dst, kind in JOBS:
    n = compile_zip(src, dst, kind, stdlib_prefix if kind == "stdlib" else site_prefix)
    print(f"compiled {n} modules of {src.rsplit('/', 1)[-1]}")
'''

_NODE_RUNNER = r'''
import { pathToFileURL } from "node:url";
const [pyodideDir, hostDir, scriptPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
const fs = await import("node:fs");
const py = await loadPyodide({ indexURL: pyodideDir + "/" });
py.FS.mkdirTree("/host");
py.mountNodeFS("/host", hostDir);
py.setStdout({ batched: (s) => console.log(s) });
await py.runPythonAsync(fs.readFileSync(scriptPath, "utf8"));
'''


def precompile(jobs: list[tuple[Path, Path, str]]) -> None:
    """Compile zips to .pyc inside Pyodide under Node (see module docstring)."""
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        host = Path(tmp)
        mapped = []
        for i, (src, dst, kind) in enumerate(jobs):
            local = host / f"in{i}_{src.name}"
            shutil.copyfile(src, local)
            mapped.append((f"/host/{local.name}", f"/host/out{i}_{src.name}", kind))
        script = host / "compile.py"
        script.write_text(_COMPILE_PY.replace("__JOBS__", repr(mapped)))
        runner = host / "runner.mjs"
        runner.write_text(_NODE_RUNNER)
        proc = _run(["node", str(runner), str(NPM_PYODIDE), str(host), str(script)])
        print(proc.stdout.strip())
        for i, (src, dst, kind) in enumerate(jobs):
            shutil.move(str(host / f"out{i}_{src.name}"), dst)


def _cached_compile(src: Path, kind: str) -> Path:
    """Compiled copy of ``src`` from the cache, compiling when it changed."""
    version = json.loads((NPM_PYODIDE / "package.json").read_text())["version"]
    key = hashlib.sha256((_sha256(src) + version + _COMPILE_PY).encode()).hexdigest()[:16]
    out = CACHE / f"{src.stem}.{key}{src.suffix}"
    if not out.exists():
        precompile([(src, out, kind)])
    return out


def register_wheel(wheel: Path, lock_in: Path, lock_out: Path) -> None:
    """Add ``wheel`` to the Pyodide lockfile with pyodide-lock's add-wheels."""
    tool = os.environ.get("PYODIDE_LOCK_TOOL", str(LOCK_TOOL))
    if not Path(tool).exists():
        raise BuildError(f"{tool} not found: create it with `make tools` "
                         "(pyodide-lock[cli,wheel] needs Python 3.12 or later)")
    _run([tool, "lockfile", "add-wheels", "--input", str(lock_in), "--output", str(lock_out),
          "--base-path", str(wheel.parent), str(wheel)])
    lock = json.loads(lock_out.read_text())
    entry = lock["packages"][PROJECT]
    if entry["sha256"] != _sha256(wheel) or entry["file_name"] != wheel.name:
        raise BuildError(f"lockfile entry for {PROJECT} does not match {wheel.name}")


def build() -> Path:
    """Write dist/; return it.  Raises BuildError with the reason."""
    if not (NPM_PYODIDE / "pyodide.mjs").exists():
        raise BuildError("node_modules/pyodide is missing: run `npm ci` (or `make run`)")
    CACHE.mkdir(exist_ok=True)
    if DIST.exists():
        shutil.rmtree(DIST)
    pyo = DIST / "pyodide"
    pyo.mkdir(parents=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(NPM_PYODIDE / name, pyo / name)
    shutil.copyfile(_cached_compile(NPM_PYODIDE / "python_stdlib.zip", "stdlib"),
                    pyo / "python_stdlib.zip")
    raw = build_wheel(CACHE / "wheel")
    wheel = pyo / raw.name
    shutil.copyfile(_cached_compile(raw, "wheel"), wheel)
    register_wheel(wheel, NPM_PYODIDE / "pyodide-lock.json", pyo / "pyodide-lock.json")
    shutil.copytree(WEB, DIST, dirs_exist_ok=True)
    bundle(DIST)
    info = {"project": PROJECT, "wheel": wheel.name, "pyodide": json.loads(
        (NPM_PYODIDE / "package.json").read_text())["version"]}
    (DIST / "build-info.json").write_text(json.dumps(info, indent=1) + "\n")
    return DIST


def bundle(dist: Path) -> None:
    """Bundle each of BUNDLES with the pinned esbuild into ``dist`` (one
    minified ES module each; about 0.2 s)."""
    if not ESBUILD.exists():
        raise BuildError("node_modules/.bin/esbuild is missing: run `npm ci` (or `make build`)")
    for entry, target in BUNDLES.items():
        _run([str(ESBUILD), str(entry), "--bundle", "--format=esm", "--minify", "--legal-comments=eof",
              "--log-level=warning", f"--outfile={dist / target}"])


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with cross-origin isolation (SharedArrayBuffer for the
    1130's interrupt buffer) and revalidated caching, quietly.  With a
    ``data_dir``, ``/data/...`` is served from it (GET only) and
    ``/data/index.json`` lists its files."""

    data_dir: Path | None = None

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if self.data_dir is not None and clean.startswith("/data/"):
            target = self.data_file(urllib.parse.unquote(clean[len("/data/"):]))
            return str(target) if target else ""     # "" is refused with 404 by send_head
        return super().translate_path(path)

    def data_file(self, rel: str) -> Path | None:
        """The file of the data directory at ``rel`` (a decoded URL path),
        or None when it is not a file there: ``..`` and symbolic links that
        lead outside the directory are refused (never served)."""
        parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".", "..")]
        try:
            target = (self.data_dir / Path(*parts)).resolve() if parts else None
        except (OSError, RuntimeError, ValueError):   # a symlink loop, a NUL
            return None
        if target is None or not target.is_relative_to(self.data_dir) or not target.is_file():
            return None
        return target

    def do_GET(self) -> None:
        if self.data_dir is not None and self.path.split("?", 1)[0] == "/data/index.json":
            files = sorted(str(p.relative_to(self.data_dir)) for p in self.data_dir.rglob("*")
                           if self.data_file(str(p.relative_to(self.data_dir))))
            body = json.dumps({"files": files}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def send_head(self):
        if self.data_dir is not None and self.path.startswith("/data/") and not self.translate_path(self.path):
            self.send_error(404, "File not found")
            return None
        return super().send_head()

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json"}

    def end_headers(self) -> None:
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if os.environ.get("RETRO_SERVE_LOG"):
            super().log_message(format, *args)


def make_server(port: int = 8000, directory: Path = DIST,
                data_dir: Path | None = None) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``directory`` on 127.0.0.1 (port 0 picks a free one);
    ``data_dir`` is served read-only under /data/."""
    handler_cls = type("Handler", (SiteHandler,), {"data_dir": data_dir.resolve() if data_dir else None})
    handler = partial(handler_cls, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python build.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command")
    s = sub.add_parser("serve", help="build, then serve dist/ on 127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--no-build", action="store_true", help="serve the existing dist/")
    s.add_argument("--data", type=Path, metavar="DIR",
                   help="serve DIR read-only under /data/ (e.g. ../shared/data), never copied")
    args = p.parse_args(argv)
    try:
        if not (args.command == "serve" and args.no_build):
            build()
            print(f"built {DIST.relative_to(ROOT)}/")
        if args.command == "serve":
            if args.data is not None and not args.data.is_dir():
                raise BuildError(f"--data {args.data}: not a directory")
            try:
                server = make_server(args.port, data_dir=args.data)
            except OSError as e:
                raise BuildError(f"cannot listen on 127.0.0.1:{args.port}: {e.strerror}") from None
            print(f"serving on http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C stops)")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
        return 0
    except BuildError as e:
        print(f"build.py: error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
