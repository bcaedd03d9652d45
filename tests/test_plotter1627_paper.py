"""A program asks the 1627 whether it is ready before each step, as
plotting drivers do: without paper XIO Sense Device answers not ready
(DSW 0x0100) and the program sees it; with paper loaded it plots.

SIMH differs here: its detached plotter (no paper) returns from the XIO
before setting ACC, so Sense reads 0, "ready" (ibm1130_plot.c
``xio_1627_plotter``; ACC is zeroed by every XIO in ibm1130_cpu.c)."""

from __future__ import annotations

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.devices.plotter1627 import DRUM_PLUS_X, DSW_NOT_READY, PEN_DOWN
from machines.ibm1130.machine import Ibm1130

# Ten pen-down +X steps; before each one the program senses the plotter
# and stops at NOPAP (with the DSW in SEEN) when it is not ready.
SOURCE = """\tABS
\tORG\t\t/0B
\tDC\t\tPLTIN
\tORG\t\t/100
START\tLDX\t1\t10
\tLD\t\tDOWN
\tSTO\t\tCMD
\tXIO\t\tWRT
\tWAIT
\tLD\t\tPLUSX
\tSTO\t\tCMD
STEP\tXIO\t\tSNS
\tSTO\t\tSEEN
\tAND\t\tNRDY
\tBSC\tL\tNOPAP,Z
\tXIO\t\tWRT
\tWAIT
\tMDX\t1\t-1
\tB\t\tSTEP
DONE\tWAIT
NOPAP\tWAIT
PLTIN\tDC\t\t0
\tXIO\t\tSNSR
\tBOSC\tI\tPLTIN
CMD\tDC\t\t0
SEEN\tDC\t\t0
DOWN\tDC\t\t/%04X
PLUSX\tDC\t\t/%04X
NRDY\tDC\t\t/%04X
\tBSS\tE\t0
WRT\tDC\t\tCMD
\tDC\t\t/2900
SNS\tDC\t\t0
\tDC\t\t/2F00
SNSR\tDC\t\t0
\tDC\t\t/2F01
\tEND\t\tSTART
""" % (PEN_DOWN, DRUM_PLUS_X, DSW_NOT_READY)
ASSEMBLY = assemble(SOURCE, "plotready.asm")
assert ASSEMBLY.ok, ASSEMBLY.error_text()
SYMBOLS = {name: s.value for name, s in ASSEMBLY.symbols.items()}


def machine(has_paper: bool) -> Ibm1130:
    m = Ibm1130(4096)
    m.plotter.has_paper = has_paper
    m.load_image(ASSEMBLY.image)
    return m


def test_with_paper_the_program_sees_ready_and_draws_its_line():
    m = machine(True)
    assert m.run(100_000) == "wait" and m.system.iar == SYMBOLS["DONE"] + 1
    assert m.memory[SYMBOLS["SEEN"]] & DSW_NOT_READY == 0
    assert m.plotter.paths() == [[(1099, 0), (1099, 10)]]


def test_paper_taken_out_mid_plot_is_seen_as_not_ready_at_the_next_step():
    m = machine(True)
    while m.plotter.x < 4:                      # four steps drawn
        m.system.step()
    m.plotter.has_paper = False
    assert m.run(100_000) == "wait" and m.system.iar == SYMBOLS["NOPAP"] + 1
    assert m.memory[SYMBOLS["SEEN"]] == DSW_NOT_READY
    assert m.plotter.paths() == [[(1099, 0), (1099, m.plotter.x)]] and m.plotter.x <= 5
    assert m.plotter.registers()["DSW"] & DSW_NOT_READY          # the debugger's view agrees


def test_without_paper_the_pen_never_moves_and_no_interrupt_comes():
    m = machine(False)
    # The first XIO Write (pen down) is ignored: no op-complete interrupt
    # ends the WAIT after it, so the program stops there.
    assert m.run(100_000) == "wait" and m.system.iar == SYMBOLS["START"] + 5
    assert not m.plotter.pen_down and m.plotter.paths() == [] and m.system.ilsw[3] == 0
