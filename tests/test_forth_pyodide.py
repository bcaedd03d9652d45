"""FORTH at the keyboard in whichever Python runs the tests (WebAssembly
too): the page's prepared machine (tests/forth_pair.page_state, made
natively from the three jobs and job 4) answers the README's phrase with
the README's transcript."""

from __future__ import annotations

import json

import pytest

from forth_pair import DATA, page_state, readme_session

pytestmark = pytest.mark.skipif(not (DATA / "forth68").is_dir(),
                                reason=f"IBM 1130 FORTH material not found at {DATA}")


def test_forth_from_the_prepared_state_answers_the_readme_phrase():
    from machines.ibm1130.web.machine_state import STATE_FORMAT
    from machines.ibm1130.machine import Ibm1130

    state = json.loads(page_state())
    assert state["format"] == STATE_FORMAT
    machine = Ibm1130(32768)
    machine.load_state(state["machine"])
    assert machine.console.output_text() == "\nHI THERE\n"
    phrase, transcript = readme_session()
    machine.console.type_ahead(phrase + " ")
    assert machine.run(5_000_000) == "wait" and machine.console.keyboard_selected
    assert machine.console.output_text().strip("\n") == transcript
