"""The 1627 plotter (area 5, level 3): programs step the pen and the drawing
is what they stepped (reference ibm1130.md 4.6; SIMH ibm1130_plot.c).

Programs are assembled and run on the standard ``Ibm1130``; each plotter
operation is an XIO Write followed by WAIT for the level-3 op-complete
interrupt, as a 1130 program drives it.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.devices import plotter1627
from machines.ibm1130.devices.plotter1627 import (CARRIAGE_MINUS_Y, CARRIAGE_PLUS_Y, DRUM_MINUS_X,
                                                  DRUM_PLUS_X, PEN_DOWN, PEN_UP, STEP_DELAY)
from machines.ibm1130.machine import Ibm1130
from machines.ibm1130.tools import cli

SVG = "{http://www.w3.org/2000/svg}"
TOP = plotter1627.CARRIAGE_STEPS - 1


def plot_program(commands: list[int]) -> str:
    """A program that sends ``commands`` to the plotter one by one, waiting
    for each op-complete interrupt, then stops with WAIT at label DONE."""
    body = "".join(f"|DC||/{c:04X}\n" for c in commands)
    source = f"""|ABS
|ORG||/0B
|DC||PLTIN
|ORG||/100
START|LDX|L1|CMDS
NEXT|LD|1|0
|BSC|L|DONE,+-
|STO||CMD
|XIO||WRT
|WAIT
|MDX|1|1
|B||NEXT
DONE|WAIT
PLTIN|DC||0
|XIO||SNS
|STO||DSW
|MDX|L|COUNT,1
|BOSC|I|PLTIN
CMD|DC||0
DSW|DC||0
COUNT|DC||0
|BSS|E|0
WRT|DC||CMD
|DC||/2900
SNS|DC||0
|DC||/2F01
CMDS|EQU||*
{body}|DC||0
|END||START
"""
    return source.replace("|", "\t")


def run_plot(commands: list[int]) -> Ibm1130:
    assembly = assemble(plot_program(commands), "plot.asm")
    assert assembly.ok, assembly.error_text()
    machine = Ibm1130(memory_words=4096)
    machine.load_image(assembly)
    assert machine.run(200_000) == "wait"
    return machine


def test_steps_draw_the_expected_path():
    # A 3-step square side per direction, a diagonal, pen up, a move, a dot.
    commands = ([PEN_DOWN] + [DRUM_PLUS_X] * 3 + [CARRIAGE_PLUS_Y] * 3 + [DRUM_MINUS_X] * 3
                + [CARRIAGE_MINUS_Y] * 3 + [DRUM_PLUS_X | CARRIAGE_PLUS_Y] * 2 + [PEN_UP]
                + [DRUM_MINUS_X | CARRIAGE_PLUS_Y] * 5 + [PEN_DOWN, PEN_UP])
    m = run_plot(commands)
    p = m.plotter
    assert (p.x, p.y, p.pen_down) == (2 - 5, 2 + 5, False)
    # Picture coordinates: x = 1099 - Y (across, from the left edge), y = X (along).
    assert p.paths() == [
        [(TOP, 0), (TOP, 3), (TOP - 3, 3), (TOP - 3, 0), (TOP, 0), (TOP - 2, 2)],
    ]   # the final dot is off the paper (X = -3): nothing inked there
    assert m.system.ilsw[3] == 0 and m.plotter.dsw & plotter1627.DSW_OP_COMPLETE == 0


def test_every_operation_interrupts_on_level_3_after_the_step_time():
    commands = [PEN_DOWN, DRUM_PLUS_X, DRUM_PLUS_X | DRUM_MINUS_X, PEN_UP]
    symbols = assemble(plot_program(commands), "plot.asm").symbols
    m = run_plot(commands)
    # The level-3 handler ran once per operation and sensed op complete.
    assert m.memory[symbols["COUNT"].value] == 4
    assert m.memory[symbols["DSW"].value] == plotter1627.DSW_OP_COMPLETE
    assert m.plotter.paths() == [[(TOP, 0), (TOP, 1)]]   # +X with -X together moves nothing
    assert m.system.clock >= 4 * STEP_DELAY


def test_busy_until_the_step_completes():
    m = Ibm1130(memory_words=4096)
    p = m.plotter
    m.system.store(0x200, PEN_DOWN)
    p.xio(1, 0, 0x200, 5)
    assert p.dsw == plotter1627.DSW_BUSY and m.system.ilsw[3] == 0
    m.system.clock += STEP_DELAY
    m.system._fire_due()
    assert p.dsw == plotter1627.DSW_OP_COMPLETE and m.system.ilsw[3] == 0x8000
    assert p.xio(7, 0x01, 0, 5) == plotter1627.DSW_OP_COMPLETE
    assert p.dsw == 0 and m.system.ilsw[3] == 0


def test_carriage_stops_at_its_ends_and_drum_runs_off_the_paper():
    p = Ibm1130(memory_words=4096).plotter
    for command in [PEN_DOWN, CARRIAGE_MINUS_Y, CARRIAGE_MINUS_Y, CARRIAGE_PLUS_Y, DRUM_MINUS_X, DRUM_PLUS_X,
                    DRUM_PLUS_X]:
        p.operate(command)
    assert (p.x, p.y) == (1, 1)
    # -Y at Y = 0 leaves the pen; the step back to X = 0 from off the paper inks from there (SIMH).
    assert p.paths() == [[(TOP, 0), (TOP - 1, 0)], [(TOP - 1, -1), (TOP - 1, 1)]]


def test_no_paper_means_not_ready_and_nothing_drawn():
    m = Ibm1130(memory_words=4096)
    m.plotter.has_paper = False
    m.system.store(0x200, PEN_DOWN)
    m.plotter.xio(1, 0, 0x200, 5)
    assert m.plotter.xio(7, 0, 0, 5) & plotter1627.DSW_NOT_READY
    assert not m.plotter.pen_down and m.system.pending_events() == []
    m.plotter.has_paper = True                      # paper loaded: ready, and the write works
    assert not m.plotter.xio(7, 0, 0, 5) & plotter1627.DSW_NOT_READY
    m.plotter.xio(1, 0, 0x200, 5)
    assert m.plotter.pen_down and m.plotter.registers()["DSW"] == plotter1627.DSW_BUSY


def svg_paths(text: str) -> tuple[ET.Element, list[list[tuple[int, int]]]]:
    root = ET.fromstring(text)
    assert root.tag == SVG + "svg"
    out = []
    for element in root.iter(SVG + "path"):
        points = [tuple(int(v) for v in part.strip().lstrip("ML").split()) for part in element.get("d").split("L")]
        out.append(points)
    return root, out


def test_svg_is_valid_and_its_paths_are_the_steps():
    m = run_plot([PEN_DOWN] + [DRUM_PLUS_X] * 150 + [CARRIAGE_PLUS_Y | DRUM_PLUS_X] * 20 + [PEN_UP]
                 + [CARRIAGE_PLUS_Y] * 10 + [PEN_DOWN, PEN_UP])
    root, paths = svg_paths(m.plotter.svg())
    assert root.get("width") == "11in" and root.get("height") == "2in"
    assert root.get("viewBox") == "0 0 1100 200"
    length = 200
    flipped = [[(x, length - y) for x, y in path] for path in m.plotter.paths()]
    assert paths[0] == flipped[0] == [(TOP, 200), (TOP, 50), (TOP - 20, 30)]
    assert paths[1] == [(TOP - 30, 30), (TOP - 30, 30)]   # the dot
    assert len(paths) == 2


def test_state_round_trip_continues_the_same_drawing():
    first = [PEN_DOWN] + [DRUM_PLUS_X] * 4
    rest = [DRUM_PLUS_X] * 3 + [CARRIAGE_PLUS_Y] * 2
    m = Ibm1130(memory_words=4096)
    for c in first:
        m.plotter.operate(c)
    state = json.loads(json.dumps(m.save_state()))
    other = Ibm1130(memory_words=4096)
    other.load_state(state)
    for machine in (m, other):
        for c in rest:
            machine.plotter.operate(c)
    assert other.plotter.paths() == m.plotter.paths() == [[(TOP, 0), (TOP, 7), (TOP - 2, 7)]]
    assert other.plotter.registers() == m.plotter.registers()


@pytest.mark.parametrize("bad", [{"dsw": 0}, {}])
def test_damaged_state_changes_nothing(bad):
    p = Ibm1130(memory_words=4096).plotter
    p.operate(PEN_DOWN)
    before = p.save_state()
    with pytest.raises(KeyError):
        p.load_state(bad)
    assert p.save_state() == before


def test_run_plotter_svg_writes_what_the_program_drew(tmp_path, capsys):
    source = tmp_path / "square.asm"
    source.write_text(plot_program([PEN_DOWN] + [DRUM_PLUS_X] * 30 + [CARRIAGE_PLUS_Y] * 20 + [PEN_UP]))
    out = tmp_path / "square.svg"
    assert cli.main(["run", str(source), "--plotter-svg", str(out)]) == 0
    assert "stop wait" in capsys.readouterr().out
    root, paths = svg_paths(out.read_text())
    assert paths == [[(TOP, 100), (TOP, 70), (TOP - 20, 70)]]


def test_render_draws_the_paper_edges_the_ink_and_the_pen():
    from machines.vector.displaylist import DisplayList
    p = Ibm1130(memory_words=4096).plotter
    for command in [PEN_DOWN] + [DRUM_PLUS_X] * 100 + [CARRIAGE_PLUS_Y] * 550 + [PEN_UP]:
        p.operate(command)
    dl = DisplayList()
    p.render(dl)
    segments = list(dl.segments())
    edges, ink, pen = segments[:2], segments[2:4], segments[4]
    assert [(s[0], s[2]) for s in edges] == [(edges[0][0],) * 2, (edges[1][0],) * 2]   # two uprights
    assert edges[1][0] - edges[0][0] == pytest.approx(1099 * 1024 / 1100)
    scale = 1024 / 1100
    assert ink[0][:4] == pytest.approx((edges[1][0], ink[0][1], edges[1][0], ink[0][1] + 100 * scale))
    assert ink[1][2] == pytest.approx(edges[1][0] - 550 * scale) and pen[0] == pen[2] == pytest.approx(ink[1][2])
    assert pen[4] < 1.0                               # the pen is up: a dim dot


def test_saved_in_the_middle_of_a_plot_a_machine_continues_the_same_drawing():
    commands = [PEN_DOWN] + [DRUM_PLUS_X] * 5 + [CARRIAGE_PLUS_Y | DRUM_MINUS_X] * 5 + [PEN_UP]
    assembly = assemble(plot_program(commands), "plot.asm")
    m = Ibm1130(memory_words=4096)
    m.load_image(assembly)
    while m.plotter.operations < 4 or not m.plotter.dsw & plotter1627.DSW_BUSY:
        assert m.run(1) == "limit"                    # until some steps are done and one under way
    assert m.system.pending_events()
    other = Ibm1130(memory_words=4096)
    other.load_state(json.loads(json.dumps(m.save_state())))
    assert m.run(200_000) == other.run(200_000) == "wait"
    assert other.plotter.paths() == m.plotter.paths() == [[(TOP, 0), (TOP, 5), (TOP - 5, 0)]]
