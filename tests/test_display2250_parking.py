"""A parked 2250 (the CPU waits, two frames alike: regeneration stops)
still shows what is stored into its display list while it is parked: from
the console panel's LOAD mode, from the debugger, by an interrupt routine
woken by another device, and after a saved state is restored."""

from __future__ import annotations

import json

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.machine import Ibm1130
from machines.ibm1130.web.bridge import Bridge

# Starts regeneration and waits.  PROGRAM STOP's level-5 routine moves the
# vector's end to Y = NEWY by a plain STO: no XIO to the 2250.
SOURCE = """\tABS
\tORG\t\t/0D
\tDC\t\tLEV5
\tORG\t\t/100
START\tXIO\t\tGO
IDLE\tWAIT
\tB\t\tIDLE
LEV5\tDC\t\t0
\tXIO\t\tSNS
\tLD\t\tNEWY
\tSTO\t\tVEC+1
\tBOSC\tI\tLEV5
NEWY\tDC\t\t700
\tBSS\tE\t0
GO\tDC\t\tDLIST
\tDC\t\t/C900
SNS\tDC\t\t0
\tDC\t\t/3F01
DLIST\tSTMR
\tMBA\t\t100,100
VEC\tDBA\t\t300,100
\tGB\t\tDLIST
\tEND\t\tSTART
"""
ASSEMBLY = assemble(SOURCE, "park2250.asm")
assert ASSEMBLY.ok, ASSEMBLY.error_text()
VEC_Y = ASSEMBLY.symbols["VEC"].value + 1       # the vector's Y word
IDLE = ASSEMBLY.symbols["IDLE"].value


def parked_machine() -> Ibm1130:
    m = Ibm1130(8192)
    m.load_image(ASSEMBLY.image)
    m.panel.press("start")
    assert m.panel.run_slice(1_000_000) == "wait"
    assert m.display.parked and m.display.segments() == [(100, 100, 300, 100)]
    return m


def test_a_word_stored_from_the_panel_in_load_mode_shows_on_the_next_frame():
    m = parked_machine()
    panel = m.panel
    panel.set_switches(VEC_Y)
    panel.press("load_iar")
    panel.set_mode("LOAD")
    panel.set_switches(400)
    panel.press("start")                        # core[VEC_Y] = 400
    panel.set_switches(IDLE + 1)                # IAR back after the WAIT
    panel.press("load_iar")
    panel.set_mode("RUN")
    frames = m.display.frames
    panel.run_slice(100_000)
    assert m.display.frames > frames
    assert m.display.segments() == [(100, 100, 300, 400)]
    assert m.display.parked and m.system.iar == IDLE + 1      # parked again, still waiting


def test_a_deposit_from_the_debugger_shows_on_the_page():
    bridge = Bridge()
    assert json.loads(bridge.handle(json.dumps({"cmd": "load", "source": SOURCE})))["ok"]
    bridge.handle(json.dumps({"cmd": "button", "name": "start"}))
    for _ in range(5):
        json.loads(bridge.frame(100_000))
    display = bridge.room.machine.display
    assert display.parked
    reply = json.loads(bridge.handle(json.dumps({"cmd": "deposit", "address": VEC_Y, "value": 900})))
    assert reply["ok"]
    snap = json.loads(bridge.frame(100_000))
    assert snap["display"]["segments"][:4] == [100, 100, 300, 900]   # the page's next picture


def test_an_interrupt_routine_that_stores_into_the_list_is_seen():
    m = parked_machine()
    m.system.program_stop()                     # PROGRAM STOP: level 5, its routine moves the vector
    assert m.run(1_000_000) == "wait"
    assert m.memory[VEC_Y] == 700
    assert m.display.segments() == [(100, 100, 300, 700)] and m.display.parked


def test_a_restored_parked_display_still_sees_stores():
    m = parked_machine()
    other = Ibm1130(8192)
    other.load_state(json.loads(json.dumps(m.save_state())))
    assert other.display.parked
    other.system.store(VEC_Y, 50)
    assert other.run(1_000_000) == "wait"
    assert other.display.segments() == [(100, 100, 300, 50)]
