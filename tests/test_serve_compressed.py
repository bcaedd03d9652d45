"""``build.py``'s precompressed site (issue 12, item 8): the build writes
``.br``/``.gz`` copies beside compressible files, and ``build.py serve``
sends one when the request's Accept-Encoding allows it (decoding to the
very bytes of the plain file), the plain file otherwise, and answers a
revalidation of an unchanged file with 304 and no body."""

from __future__ import annotations

import gzip
import os
import threading
import urllib.error
import urllib.request

import pytest

import build

pytestmark = pytest.mark.native       # a socket server: not inside Pyodide


def unbrotli(data: bytes) -> bytes:
    import brotli     # here, not at the top: this file is collected inside Pyodide too
    return brotli.decompress(data)


SCRIPT = ("export function add(a, b) { return a + b; }\n" * 400).encode()
WASM = b"\0asm\x01\0\0\0" + bytes(range(256)) * 200


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "js").mkdir(parents=True)
    (root / "js" / "app.js").write_bytes(SCRIPT)
    (root / "core.wasm").write_bytes(WASM)
    (root / "index.html").write_text("<!doctype html><title>t</title>" + "<p>retro1130</p>" * 200)
    (root / "noise.js").write_bytes(os.urandom(4000))         # incompressible
    (root / "lib.zip").write_bytes(SCRIPT)                    # zips are never recompressed
    (tmp_path / "secret.txt").write_text("not for the web")
    (tmp_path / "secret.txt.gz").write_bytes(gzip.compress(b"not for the web"))
    totals = build.precompress(root, cache=tmp_path / "cache")
    return root, totals


@pytest.fixture
def served(site):
    server = build.make_server(0, directory=site[0])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(url: str, method: str = "GET", **headers) -> tuple[int, dict, bytes]:
    """(status, headers with lower-case names, body as sent on the wire)."""
    request = urllib.request.Request(url, method=method,
                                     headers={k.replace("_", "-"): v for k, v in headers.items()})
    try:
        with urllib.request.urlopen(request, timeout=10) as res:
            return res.status, {k.lower(): v for k, v in res.headers.items()}, res.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_build_writes_copies_only_where_they_pay(site):
    root, totals = site
    assert unbrotli((root / "js" / "app.js.br").read_bytes()) == SCRIPT
    assert gzip.decompress((root / "core.wasm.gz").read_bytes()) == WASM
    assert (root / "index.html.br").exists() and (root / "index.html.gz").exists()
    assert not (root / "noise.js.br").exists() and not (root / "noise.js.gz").exists()
    assert not (root / "lib.zip.br").exists() and not (root / "lib.zip.gz").exists()
    assert totals["files"] == 4 and totals["br"] < totals["raw"] / 10


@pytest.mark.parametrize("encoding, decode", [("br", unbrotli), ("gzip", gzip.decompress)])
def test_a_precompressed_copy_is_sent_when_accepted(served, encoding, decode):
    status, headers, body = fetch(served + "/core.wasm", Accept_Encoding=encoding)
    assert status == 200
    assert headers["content-encoding"] == encoding
    assert headers["content-type"] == "application/wasm"       # streaming compilation needs it
    assert headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < len(WASM) / 5
    assert decode(body) == WASM
    status, headers, body = fetch(served + "/js/app.js", Accept_Encoding="gzip, deflate, br, zstd")
    assert headers["content-encoding"] == "br" and headers["content-type"] == "text/javascript"
    assert unbrotli(body) == SCRIPT


def test_the_directory_index_is_compressed_too(served, site):
    status, headers, body = fetch(served + "/", Accept_Encoding="br")
    assert status == 200 and headers["content-type"] == "text/html"
    assert unbrotli(body) == (site[0] / "index.html").read_bytes()


@pytest.mark.parametrize("accept", [None, "identity", "deflate", "br;q=0, gzip;q=0", "*;q=0"])
def test_the_plain_file_is_sent_when_no_copy_is_accepted(served, accept):
    headers = {"Accept_Encoding": accept} if accept else {}
    status, got, body = fetch(served + "/core.wasm", **headers)
    assert status == 200 and body == WASM
    assert "content-encoding" not in got
    assert got["content-type"] == "application/wasm" and got["vary"] == "Accept-Encoding"
    assert int(got["content-length"]) == len(WASM)


def test_q_values_choose_between_codings():
    assert build.accepted_encodings("gzip, deflate, br, zstd") == ["br", "gzip"]
    assert build.accepted_encodings("gzip;q=1, br;q=0.5") == ["gzip", "br"]
    assert build.accepted_encodings("br;q=0, *") == ["gzip"]
    assert build.accepted_encodings("GZIP;Q=0.8") == ["gzip"]
    assert build.accepted_encodings("br;q=bad") == []
    assert build.accepted_encodings("") == build.accepted_encodings(None) == []


def test_files_without_copies_are_served_plain(served):
    status, headers, _ = fetch(served + "/noise.js", Accept_Encoding="br, gzip")
    assert status == 200 and "content-encoding" not in headers and "vary" not in headers
    status, headers, body = fetch(served + "/lib.zip", Accept_Encoding="br, gzip")
    assert body == SCRIPT and "content-encoding" not in headers


def test_a_copy_older_than_its_file_is_never_sent(served, site):
    root = site[0]
    copy = root / "js" / "app.js.br"
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))     # the file was edited after the build
    status, headers, body = fetch(served + "/js/app.js", Accept_Encoding="br")
    assert status == 200 and body == SCRIPT and "content-encoding" not in headers


def test_an_unchanged_file_revalidates_with_304(served):
    _, first, _ = fetch(served + "/core.wasm", Accept_Encoding="br")
    etag = first["etag"]
    status, headers, body = fetch(served + "/core.wasm", Accept_Encoding="br", If_None_Match=etag)
    assert (status, body) == (304, b"")
    assert headers["etag"] == etag and headers["vary"] == "Accept-Encoding"
    # the gzip copy is another representation: its own ETag, so a full answer
    status, headers, body = fetch(served + "/core.wasm", Accept_Encoding="gzip", If_None_Match=etag)
    assert status == 200 and headers["etag"] != etag and gzip.decompress(body) == WASM
    status, _, body = fetch(served + "/core.wasm", If_Modified_Since=first["last-modified"])
    assert (status, body) == (304, b"")
    status, _, body = fetch(served + "/core.wasm", If_None_Match='"other"',
                            If_Modified_Since=first["last-modified"])
    assert status == 200 and body == WASM                    # If-None-Match wins (RFC 9110)


def test_the_etag_survives_a_rebuild_of_the_same_content(served, site):
    _, first, _ = fetch(served + "/js/app.js")
    path = site[0] / "js" / "app.js"
    path.write_bytes(SCRIPT)                                  # rewritten: new mtime, same bytes
    status, _, _ = fetch(served + "/js/app.js", If_None_Match=first["etag"])
    assert status == 304
    path.write_bytes(SCRIPT + b"//\n")
    status, _, body = fetch(served + "/js/app.js", If_None_Match=first["etag"])
    assert status == 200 and body == SCRIPT + b"//\n"


def test_head_sends_the_headers_without_the_body(served):
    status, headers, body = fetch(served + "/js/app.js", method="HEAD", Accept_Encoding="gzip")
    assert status == 200 and body == b""
    assert headers["content-encoding"] == "gzip"
    assert int(headers["content-length"]) == len(gzip.compress(SCRIPT, 9, mtime=0))


def test_nothing_outside_the_site_is_served_compressed_or_not(served):
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/js/%2E%2E%2F%2E%2E%2Fsecret.txt",
                 "/js/..%5C..%5Csecret.txt", "/secret.txt"):
        for accept in ("gzip", "identity"):
            status, _, body = fetch(served + path, Accept_Encoding=accept)
            assert status == 404 and b"not for the web" not in body, (path, accept)
