"""``build.py serve --data DIR``: the files of DIR under /data/, listed in
/data/index.json; a listed name with a space (percent-encoded by the
browser) is served, and nothing outside DIR is, through ``..`` or a
symbolic link (issue 12, section 7)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

import build

pytestmark = pytest.mark.native       # a socket server: not inside Pyodide


@pytest.fixture
def served(tmp_path):
    data = tmp_path / "data"
    (data / "jobs").mkdir(parents=True)
    (data / "jobs" / "my job.txt").write_text("// JOB\n")
    (tmp_path / "secret.txt").write_text("not for the web")
    (data / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (data / "outside").symlink_to(tmp_path)
    (data / "inside.txt").symlink_to(data / "jobs" / "my job.txt")
    site = tmp_path / "site"
    site.mkdir()
    server = build.make_server(0, directory=site, data_dir=data)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_listed_file_with_a_space_is_served(served):
    status, body = get(served + "/data/index.json")
    files = json.loads(body)["files"]
    assert status == 200 and "jobs/my job.txt" in files
    assert get(served + "/data/" + urllib.request.quote("jobs/my job.txt")) == (200, b"// JOB\n")
    assert get(served + "/data/inside.txt") == (200, b"// JOB\n")    # a link that stays inside


def test_nothing_outside_the_data_directory_is_served_or_listed(served):
    files = json.loads(get(served + "/data/index.json")[1])["files"]
    assert sorted(files) == ["inside.txt", "jobs/my job.txt"]
    for path in ("/data/leak.txt", "/data/outside/secret.txt", "/data/../secret.txt",
                 "/data/%2e%2e/secret.txt", "/data/jobs/%2E%2E%2F%2E%2E%2Fsecret.txt",
                 "/data/jobs/..%5C..%5Csecret.txt", "/data/%00", "/data/jobs"):
        assert get(served + path)[0] == 404, path


def test_make_run_serves_the_ibm_material_beside_the_repository():
    # The main command: `make run` must serve ../shared/data, or PROGRAM LOAD
    # on the 1130 page finds no DMS cartridge.
    import subprocess
    from pathlib import Path

    root = Path(build.__file__).resolve().parent
    if not (root.parent / "shared" / "data").is_dir():
        pytest.skip("no ../shared/data beside the repository")
    lines = subprocess.run(["make", "-n", "run"], cwd=root, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    serve = [line for line in lines if "build.py serve" in line]
    assert serve and serve[-1].endswith("--data ../shared/data")
    off = subprocess.run(["make", "-n", "run", "DATA="], cwd=root, capture_output=True, text=True,
                         check=True).stdout
    assert "--data" not in off
