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
(../shared/reference/web.md 1.8), and stores the CPU core that
machines/ibm1130/cpu.py generates compiled in the wheel (cpu._compiled_core).
Results are cached in .sitecache/.  Each page gets ``modulepreload`` links
for its whole static module graph (add_module_preloads).  The 1130 page
boots from a Pyodide memory snapshot, dist/pyodide/ibm1130.snapshot
(make_snapshot: Python started, the page's bridge imported and a machine
built once, under Node from dist's own runtime, standard library and
wheel; 31 MB, 5.2 MB as gzip), which skips Python's start-up and those
imports; web/js/pyodide-boot.js boots normally when it cannot be used.

Size: beside each compressible file of dist/ (wasm, JavaScript, JSON, HTML,
CSS, SVG, assembler and other text) the build writes ``.br`` (brotli,
quality 11: the wasm 2.74 MB against gzip's 3.53) and ``.gz`` (gzip -9)
copies; ``serve`` sends one of them when the request's
Accept-Encoding allows it (issue 12, item 8).  The plain files stay, so any
static host serves the site as it is.  Zips and wheels are not compressed
again: their members are deflated already, and gzip or brotli saved 1-2 %
of them (python_stdlib.zip 7.07 MB -> 6.97 gz, 6.94 br).
"""

from __future__ import annotations

import argparse
import datetime
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import re
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
import base64, hashlib, importlib.util, marshal, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

TAG = sys.implementation.cache_tag

def compiled_cpu_core(wheel):
    """machines/ibm1130/cpu.py's generated core, compiled (cpu._compiled_core
    reads it): its name in the wheel and its bytes."""
    sys.path.insert(0, wheel)
    try:
        from machines.ibm1130 import cpu
    finally:
        sys.path.remove(wheel)
    source = cpu._core_source()
    blob = cpu.core_cache_key(source) + marshal.dumps(compile(source, cpu.CORE_FILENAME, "exec"))
    return f"machines/ibm1130/__pycache__/cpu_core.{TAG}.bin", blob

def compile_zip(src, dst, kind, install_prefix):
    """kind 'stdlib': X.pyc beside X.py (zipimport); 'wheel': __pycache__."""
    added = [compiled_cpu_core(src)] if kind == "wheel" else []
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
        if kind == "wheel":
            name, blob = added[0]
            zi = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, blob)
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


_SNAPSHOT_MJS = r"""
import { pathToFileURL } from "node:url";
import fs from "node:fs";
const [pyodideDir, wheelPath, sha256, outPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
const py = await loadPyodide({ indexURL: pyodideDir + "/", _makeSnapshot: true });
// unpackArchive, not loadPackage: a snapshot refuses the JS objects loadPackage leaves (web.md 1.8).
py.unpackArchive(new Uint8Array(fs.readFileSync(wheelPath)), "wheel",
                 { extractDir: "/lib/python3.14/site-packages" });
// A machine is built and ticked once, and thrown away: what that imports
// lazily is in the snapshot too, so the page's first calls need no file of
// the wheel (pyodide-boot.js unpacks them after "ready").
py.runPython(`
import gc, sys
from machines.ibm1130.web.bridge import Bridge
bridge = Bridge()
bridge.tick(16.0, True)
bridge.frame(0)
del bridge
gc.collect()
sys._retro1130_snapshot_wheel = "${sha256}"
`);
fs.writeFileSync(outPath, py.makeMemorySnapshot());
"""
#: The 1130 page's memory snapshot in dist/pyodide/ (gzip; web/js/pyodide-boot.js).
SNAPSHOT_NAME = "ibm1130.snapshot"


def make_snapshot(pyo: Path, wheel: Path) -> Path:
    """Write ``pyo/ibm1130.snapshot``: Pyodide's memory (private
    ``makeMemorySnapshot``, web.md 1.8) after booting the runtime, standard
    library and ``wheel`` of ``pyo`` under Node and importing
    machines.ibm1130.web.bridge, gzip-compressed (about 31 MB -> 6 MB).  It
    is only valid with these exact files, so it is made from them (cached
    in .sitecache/ by their digests) and records the wheel's sha256, which
    the page checks against the lockfile before using it."""
    sha = _sha256(wheel)
    parts = [_sha256(pyo / n) for n in ("pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip")]
    key = hashlib.sha256((sha + "".join(parts) + _SNAPSHOT_MJS).encode()).hexdigest()[:16]
    cached = CACHE / f"snapshot.{key}.gz"
    if not cached.exists():
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            script, raw = Path(tmp) / "snapshot.mjs", Path(tmp) / "snapshot.bin"
            script.write_text(_SNAPSHOT_MJS)
            _run(["node", str(script), str(pyo), str(wheel), sha, str(raw)])
            tmp_gz = Path(tmp) / "snapshot.gz"
            tmp_gz.write_bytes(gzip.compress(raw.read_bytes(), 6, mtime=0))
            for old in CACHE.glob("snapshot.*.gz"):
                old.unlink()
            shutil.move(str(tmp_gz), cached)
    out = pyo / SNAPSHOT_NAME
    shutil.copyfile(cached, out)
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
    make_snapshot(pyo, wheel)
    shutil.copytree(WEB, DIST, dirs_exist_ok=True)
    bundle(DIST)
    info = {"project": PROJECT, "wheel": wheel.name, "pyodide": json.loads(
        (NPM_PYODIDE / "package.json").read_text())["version"]}
    (DIST / "build-info.json").write_text(json.dumps(info, indent=1) + "\n")
    add_module_preloads(DIST)
    sizes = precompress(DIST)
    print(f"precompressed {sizes['files']} files: {sizes['raw'] / 1e6:.2f} MB, "
          f"{sizes['br'] / 1e6:.2f} MB as brotli, {sizes['gz'] / 1e6:.2f} MB as gzip")
    return DIST


def bundle(dist: Path) -> None:
    """Bundle each of BUNDLES with the pinned esbuild into ``dist`` (one
    minified ES module each; about 0.2 s)."""
    if not ESBUILD.exists():
        raise BuildError("node_modules/.bin/esbuild is missing: run `npm ci` (or `make build`)")
    for entry, target in BUNDLES.items():
        _run([str(ESBUILD), str(entry), "--bundle", "--format=esm", "--minify", "--legal-comments=eof",
              "--log-level=warning", f"--outfile={dist / target}"])


# A static import or re-export: ``import x from "./a.js"``, ``import "./a.js"``,
# ``export { y } from "./b.js"`` (a statement's start: not in a // comment).
_STATIC_IMPORT = re.compile(r"""(?:^|[;}])[ \t]*(?:import|export)\s*(?:[\w*$\s{},]*?\bfrom\s*)?["']([^"']+)["']""",
                            re.MULTILINE)
_MODULE_SCRIPT = re.compile(r"""<script type="module" src="([^"]+)"></script>""")


def module_graph(entry: Path) -> list[Path]:
    """The ES modules ``entry`` imports statically, directly or not, that
    exist under it (relative specifiers only), in discovery order."""
    seen, queue = [entry.resolve()], [entry.resolve()]
    while queue:
        module = queue.pop(0)
        for spec in _STATIC_IMPORT.findall(module.read_text(encoding="utf-8")):
            if not spec.startswith(("./", "../")):
                continue
            target = (module.parent / spec).resolve()
            if target.is_file() and target not in seen:
                seen.append(target)
                queue.append(target)
    return seen[1:]


def add_module_preloads(directory: Path) -> int:
    """Give each page of ``directory`` a ``<link rel="modulepreload">`` for
    every module its module script imports, directly or not (before the
    script tag), so the browser fetches the whole graph at once instead of
    one import level per round trip (web.md 1.8).  Returns the links added."""
    added = 0
    for page in sorted(directory.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        have = set(re.findall(r'<link rel="modulepreload" href="([^"]+)"', text))
        for script in _MODULE_SCRIPT.finditer(text):
            entry = page.parent / script.group(1)
            if not entry.is_file():
                continue
            hrefs = [Path(os.path.relpath(m, page.parent.resolve())).as_posix()
                     for m in module_graph(entry)]
            links = "".join(f'<link rel="modulepreload" href="{h}">\n' for h in hrefs if h not in have)
            have.update(hrefs)
            added += links.count("\n")
            text = text.replace(script.group(0), links + script.group(0), 1)
        page.write_text(text, encoding="utf-8")
    return added


# Precompressed copies (see the module docstring): what is worth it.
COMPRESSIBLE = (".wasm", ".js", ".mjs", ".json", ".html", ".css", ".svg", ".asm", ".txt", ".toml")
# Content-Encoding -> file suffix, in the server's order of preference.
ENCODINGS = {"br": ".br", "gzip": ".gz"}
_MIN_SAVING = 0.9          # a copy is kept when it is at most 90 % of the file


def _compress(data: bytes, encoding: str) -> bytes:
    """``data`` brotli- (quality 11, the densest) or gzip-compressed (level 9,
    no timestamp, so the same input gives the same bytes)."""
    if encoding == "gzip":
        return gzip.compress(data, 9, mtime=0)
    try:
        import brotli
    except ImportError:
        raise BuildError("the brotli package is missing: pip install -e '.[dev]' "
                         "(or `make build`)") from None
    return brotli.compress(data, quality=11)


def precompress(directory: Path, cache: Path = CACHE / "compressed") -> dict[str, int]:
    """Write ``name.br`` and ``name.gz`` beside every compressible file under
    ``directory`` when they save at least 10 %; return the bytes before and
    after ({"files", "raw", "br", "gz"}).  Copies are kept in ``cache`` by
    content (brotli 11 takes ~25 s of CPU for the 9.6 MB wasm); copies of
    files no longer in ``directory`` are removed from it."""
    cache.mkdir(parents=True, exist_ok=True)
    totals = {"files": 0, "raw": 0, "br": 0, "gz": 0}
    used = set()
    for path in sorted(directory.rglob("*")):
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest()[:24]
        used.add(key)
        totals["files"] += 1
        totals["raw"] += len(data)
        for encoding, suffix in ENCODINGS.items():
            cached = cache / (key + suffix)
            if not cached.exists():
                tmp = cached.with_suffix(".tmp")
                tmp.write_bytes(_compress(data, encoding))
                tmp.replace(cached)
            size = cached.stat().st_size
            totals[suffix[1:]] += min(size, len(data))
            if size <= _MIN_SAVING * len(data):
                shutil.copyfile(cached, path.with_name(path.name + suffix))
    for old in cache.iterdir():          # copies of files no longer in the site
        if old.name.split(".")[0] not in used:
            old.unlink()
    return totals


def accepted_encodings(header: str | None) -> list[str]:
    """The codings of ENCODINGS an ``Accept-Encoding`` header allows, best
    first (by q-value, then brotli before gzip); RFC 9110 12.5.3: ``*``
    stands for the codings not named, ``q=0`` refuses one."""
    q: dict[str, float] = {}
    for item in (header or "").split(","):
        name, *params = (part.strip() for part in item.split(";"))
        if not name:
            continue
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        q[name.lower()] = weight
    ranked = [(q.get(c, q.get("*", 0.0)), -i, c) for i, c in enumerate(ENCODINGS)]
    return [c for weight, _, c in sorted(ranked, reverse=True) if weight > 0]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with cross-origin isolation (SharedArrayBuffer for the
    1130's interrupt buffer) and revalidated caching, quietly.  With a
    ``data_dir``, ``/data/...`` is served from it (GET only) and
    ``/data/index.json`` lists its files.

    A site file with a precompressed copy (``name.br``, ``name.gz``, see
    precompress) is sent as that copy when Accept-Encoding allows, with
    Content-Encoding, the plain file's Content-Type and ``Vary:
    Accept-Encoding``.  Every site file carries an ETag (its content's
    hash, one per encoding) and Last-Modified; ``Cache-Control: no-cache``
    makes the browser revalidate, and an unchanged file answers 304 with
    no body, even after a rebuild."""

    data_dir: Path | None = None
    _etags: dict[tuple[str, int, int], str] = {}    # (path, mtime_ns, size) -> content hash
    # Keep-alive: the page's ~40 requests reuse a few connections instead of
    # one each (every answer has a Content-Length or is a 304).  Without
    # TCP_NODELAY a body sent after its headers waited for the client's
    # delayed ACK (Nagle): the 1130 page was ready ~200 ms later than
    # with HTTP/1.0.
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

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
        if self.data_dir is not None and self.path.startswith("/data/"):
            if not self.translate_path(self.path):
                self.send_error(404, "File not found")
                return None
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urllib.parse.urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or path.endswith("/"):
            return super().send_head()     # redirects, listings and 404s as usual
        return self.send_site_file(path)

    def send_site_file(self, path: str):
        """Headers for the site file at ``path`` (or its precompressed copy);
        the open file to send, or None after a 304."""
        variants = [c for c in ENCODINGS if self._fresh_copy(path, c)]
        encoding = next((c for c in accepted_encodings(self.headers.get("Accept-Encoding"))
                         if c in variants), None)
        served = path + ENCODINGS[encoding] if encoding else path
        f = open(served, "rb")
        try:
            st = os.fstat(f.fileno())
            etag = f'"{self._content_hash(served, st)}{"-" + encoding if encoding else ""}"'
            if self._not_modified(etag, st):
                self.send_response(304)
                f.close()
                f = None
            else:
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Length", str(st.st_size))
                if encoding:
                    self.send_header("Content-Encoding", encoding)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", self.date_time_string(st.st_mtime))
            if variants:
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return f
        except BaseException:
            if f:
                f.close()
            raise

    @staticmethod
    def _fresh_copy(path: str, encoding: str) -> bool:
        """A precompressed copy exists and is not older than the file (a
        file edited in dist/ by hand is sent plain, never a stale copy)."""
        try:
            return os.stat(path + ENCODINGS[encoding]).st_mtime_ns >= os.stat(path).st_mtime_ns
        except OSError:
            return False

    def _content_hash(self, path: str, st: os.stat_result) -> str:
        key = (path, st.st_mtime_ns, st.st_size)
        if key not in self._etags:
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                while chunk := f.read(1 << 20):
                    digest.update(chunk)
            self._etags[key] = digest.hexdigest()[:20]
        return self._etags[key]

    def _not_modified(self, etag: str, st: os.stat_result) -> bool:
        """RFC 9110 13.1: If-None-Match (weak comparison) wins over
        If-Modified-Since."""
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is None:
            return False
        try:
            since = email.utils.parsedate_to_datetime(ims)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        if since.tzinfo is None:                  # the obsolete formats mean GMT
            since = since.replace(tzinfo=datetime.timezone.utc)
        return int(st.st_mtime) <= since.timestamp()

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
