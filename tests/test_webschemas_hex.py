"""Hex as the operator types it on the page (``1A0``, ``/1A0``,
``0x1A0``): the schema that checks a message and the pane that acts on it
read it the same way, through one parser, so what the schema lets through
is what the pane stores, and what it refuses no pane half-accepts."""

from __future__ import annotations

import json

import pytest

from machines.ibm1130.web.bridge import Bridge
from machines.ibm1130.web.messages import parse_hex
from machines.ibm1130.web.schemas import check


def send(bridge: Bridge, **msg) -> dict:
    return json.loads(bridge.handle(json.dumps(msg)))


def run(bridge: Bridge, **msg) -> dict:
    started = bridge.run_begin(json.dumps({"cmd": "run", **msg}))
    return json.loads(started) if started else json.loads(bridge.run_continue(10_000) or bridge.run_abort())


@pytest.mark.parametrize("typed", ["100", "/100", "0x100", "0X100", " 100 ", 256])
def test_every_accepted_form_of_an_address_deposits_at_the_same_word(typed):
    bridge = Bridge()
    assert send(bridge, cmd="deposit", address=typed, value="/BEEF")["ok"]
    assert bridge.system.memory[0x100] == 0xBEEF
    rows = send(bridge, cmd="memory", address=typed, count=1)["rows"]
    assert rows[0]["address"] == 0x100 and rows[0]["words"][0] == 0xBEEF


@pytest.mark.parametrize("typed", ["-1", "+100", "1_00", "//100", "/0x100", "", "0x", "G1", "1 00"])
def test_a_form_the_schema_refuses_changes_nothing(typed):
    bridge = Bridge()
    reply = send(bridge, cmd="deposit", address=typed, value=1)
    assert not reply["ok"] and reply["error"].startswith("deposit: address must be a hex number")
    assert parse_hex(typed) is None and not any(bridge.system.memory)
    reply = send(bridge, cmd="switches", value=typed)
    assert not reply["ok"] and bridge.system.switches == 0


def test_counts_are_numbers_not_hex_text_and_whole_floats_are_whole():
    bridge = Bridge()
    reply = send(bridge, cmd="memory", address=0, count="10")
    assert not reply["ok"] and "count must be a number" in reply["error"]
    assert len(send(bridge, cmd="memory", address=0, count=16.0)["rows"]) == 16
    assert send(bridge, cmd="switches", value=4660.0)["switches"] == 0x1234
    assert check({"cmd": "deposit", "address": "/10", "value": 255.0}) == {"cmd": "deposit", "address": 16,
                                                                          "value": 255}


def test_a_runs_dump_reads_hex_as_the_schema_does():
    bridge = Bridge()
    send(bridge, cmd="load", source="\tABS\n\tORG\t\t/100\nGO\tWAIT\n\tEND\t\tGO\n")
    assert run(bridge, dump=[["/100", 1]])["memory"] == {"0100": [0x3000]}
    reply = run(bridge, dump=[["1_00", 1]])
    assert not reply["ok"] and "not a hex number" in reply["error"]
