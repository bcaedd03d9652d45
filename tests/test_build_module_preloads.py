"""``build.py`` gives each page a ``<link rel="modulepreload">`` for every
module its module script imports, directly or not, so the browser fetches
the whole graph at once instead of one import level per round trip
(issue 12, item 8)."""

from __future__ import annotations

import re

import build

PAGE = """<!doctype html>
<html><head>
<link rel="modulepreload" href="js/main.js">
<script type="module" src="js/main.js"></script>
</head><body><p>the body stays as it is</p></body></html>
"""


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def links(html: str) -> list[str]:
    return re.findall(r'<link rel="modulepreload" href="([^"]+)">', html)


def test_the_whole_static_graph_is_preloaded_before_the_script(tmp_path):
    write(tmp_path, {
        "page.html": PAGE,
        "js/main.js": 'import { a } from "./a.js";\nimport {\n  b,\n  c,\n} from "./lib/b.js";\n'
                      'import "./side.js";\nexport { d } from "./d.js";\n',
        "js/a.js": 'import { b } from "./lib/b.js"; import { main } from "./main.js";\n',
        "js/lib/b.js": 'import { shell } from "../../shared/shell.js";\n',
        "shared/shell.js": "export const shell = 1;\n",
        "js/side.js": "",
        "js/d.js": "export const d = 4;\n",
    })
    assert build.add_module_preloads(tmp_path) == 5          # main.js had its link
    html = (tmp_path / "page.html").read_text()
    assert links(html) == ["js/main.js", "js/a.js", "js/lib/b.js", "js/side.js", "js/d.js",
                           "shared/shell.js"]
    assert html.index("shared/shell.js") < html.index('<script type="module"')
    assert "<p>the body stays as it is</p>" in html


def test_only_files_that_exist_are_preloaded(tmp_path):
    write(tmp_path, {
        "page.html": PAGE,
        "js/main.js": '// import { old } from "./old.js";\nimport { x } from "./missing.js";\n'
                      'import { y } from "https://cdn.example/y.js";\nimport { z } from "bare";\n'
                      'const later = () => import("./lazy.js");\n',
        "js/old.js": "", "js/lazy.js": "",
    })
    assert build.add_module_preloads(tmp_path) == 0
    assert links((tmp_path / "page.html").read_text()) == ["js/main.js"]


def test_a_second_run_adds_nothing(tmp_path):
    write(tmp_path, {"page.html": PAGE, "js/main.js": 'import "./a.js";\n', "js/a.js": ""})
    assert build.add_module_preloads(tmp_path) == 1
    first = (tmp_path / "page.html").read_text()
    assert build.add_module_preloads(tmp_path) == 0
    assert (tmp_path / "page.html").read_text() == first
