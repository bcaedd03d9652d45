"""The site works from any static host (issue 12, item 8): served from dist/
by the standard library's plain ``http.server`` (no precompressed copies
sent, no cross-origin isolation headers, no ETags), each page that boots
Python gets ready, and every file arrives as it is."""

from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest

from conftest import build

PAGES = ("ibm1130", "arcade", "challenge")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def plain_site():
    handler = partial(Quiet, directory=str(build.DIST))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name", PAGES)
def test_the_page_boots_from_a_plain_static_server(page, plain_site, name):
    encodings = []
    page.on("response", lambda r: encodings.append(r.headers.get("content-encoding")))
    page.goto(plain_site + f"{name}.html")
    page.wait_for_function("window.retro && (window.retro.ready || window.retro.error)", timeout=120000)
    assert page.evaluate("window.retro.error") is None, page.evaluate("window.retro.error")
    assert page.evaluate("self.crossOriginIsolated") is False
    assert len(encodings) > 5 and set(encodings) == {None}
    assert page.console_errors == []
