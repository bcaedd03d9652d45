"""The IBM 2250 on the 1130, order by order (reference section 5; SIMH
ibm1130_gdu.c; IBM's DMS assembler for the order formats).

Each test assembles a small 1130 program with a display list (the 2250
mnemonics are part of our assembler), runs it on an ``Ibm1130`` and looks
at what a user would see: the segments on the screen, core after the
program, the console printer, the lamps.
"""

from __future__ import annotations

import json

import pytest

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.devices import gduorders
from machines.ibm1130.devices.display2250 import AKEY_END, Display2250
from machines.ibm1130.gdufont import stroke_table
from machines.ibm1130.machine import Ibm1130
from machines.vector.displaylist import DisplayList

# The program every test starts from: the level-3 handler counts the 2250's
# interrupts, keeps the ILSW (XIO Sense Interrupt) and the DSW (XIO Sense
# Device with reset), and leaves the display halted unless RESUME is set.
MAIN = """\tABS
\tORG\t\t/0B
\tDC\t\tINT3
\tORG\t\t/100
START\tXIO\t\tGO
IDLE\tWAIT
\tB\t\tIDLE
INT3\tDC\t\t0
\tSTO\t\tSAVA
\tXIO\t\tSNSI
\tSTO\t\tILSW
\tXIO\t\tSNSD
\tSTO\t\tDSW
\tMDX\tL\tCOUNT,1
\tLD\t\tRESUM
\tBSC\tL\tOUT,+-
\tXIO\t\tGO
OUT\tLD\t\tSAVA
\tBOSC\tI\tINT3
SAVA\tDC\t\t0
ILSW\tDC\t\t0
DSW\tDC\t\t0
COUNT\tDC\t\t0
RESUM\tDC\t\t0
\tBSS\tE\t0
GO\tDC\t\tDLIST
\tDC\t\t/C900
SNSI\tDC\t\t0
\tDC\t\t/CB00
SNSD\tDC\t\t0
\tDC\t\t/CF01
"""


def lines(*statements: str) -> str:
    return "".join("\t".join(s.split("|")) + "\n" for s in statements)


# Replaces the WAIT loop with a counting loop: the CPU stays busy.
SPIN = lines("|ORG||IDLE", "|B|L|SPIN", "|ORG||/1F00", "SPIN|MDX|L|SPINC,1", "|B||SPIN", "SPINC|DC||0")


def machine(display_list: str, extra: str = "", chars: str = "") -> tuple[Ibm1130, dict]:
    """A machine with MAIN and ``display_list`` (tab form, starting at
    label DLIST) loaded; ``chars`` adds their stroke table."""
    source = MAIN + display_list + extra + (stroke_table(chars) if chars else "") + "\tEND\t\tSTART\n"
    assembly = assemble(source, "test2250.asm")
    assert assembly.ok, assembly.error_text()
    m = Ibm1130(8192)
    m.load_image(assembly)
    return m, {name: s.value for name, s in assembly.symbols.items()}


def screen(m: Ibm1130, budget: int = 50_000) -> list[tuple[int, int, int, int]]:
    m.run(budget)
    return m.display.segments()


# ------------------------------------------------------------------ vectors

def test_absolute_and_relative_vectors_beam_on_and_off():
    m, _ = machine(lines("DLIST|STMR", "|MBA||100,200", "|DBA||300,200", "|DBAY||400",
                         "|MBAX||50", "|DBAX||60", "|MBI||10,-5", "|DBI||-64,63", "|DBI||63,-64",
                         "|MBAY||900", "|GB||DLIST"))
    assert screen(m) == [(100, 200, 300, 200), (300, 200, 300, 400), (50, 400, 60, 400),
                         (70, 395, 6, 458), (6, 458, 69, 394)]
    assert m.display.registers()["BUSY"] and m.display.frames >= 2


def test_point_mode_draws_points_where_the_beam_lands():
    m, _ = machine(lines("DLIST|STMR", "|SGMP", "|MBA||10,10", "|DBA||500,600", "|DBI||1,1",
                         "|MBA||7,7", "|SGMV", "|DBI||2,0", "|GB||DLIST"))
    assert screen(m) == [(500, 600, 500, 600), (501, 601, 501, 601), (7, 7, 9, 7)]
    assert m.display.dsw & gduorders.DSW_POINT_MODE == 0


def test_render_puts_the_screen_into_a_display_list_in_raster_units():
    m, _ = machine(lines("DLIST|STMR", "|MBA||0,0", "|DBA||1023,1023", "|GB||DLIST"))
    m.run(20_000)
    dl = DisplayList(capacity=16)
    m.display.render(dl)
    assert list(dl.segments()) == [(0.0, 0.0, 1023.0, 1023.0, 1.0, 1)]


# --------------------------------------------------------------- characters

def test_characters_are_drawn_from_stroke_data_in_both_sizes():
    # '1' of the project font: strokes (1,5)-(2,6)-(2,0) and (1,0)-(3,0); basic
    # size scales x by 1.7 and y by 2.0 and spaces 14; large 2.5, 3.0 and 21
    m, _ = machine(lines("DLIST|STMR", "|MBA||100,200", "|SCMB", "|GSB||C1", "|GSB||C1",
                         "|MBA||100,500", "|SCML", "|GSB||C1", "|GNOP", "|DBI||5,0", "|GB||DLIST"),
                   chars="1")

    def one(x, y, sx, sy):
        p = [(x + int(gx * sx + 0.5), y + int(gy * sy + 0.5)) for gx, gy in ((1, 5), (2, 6), (2, 0), (1, 0), (3, 0))]
        return [(*p[0], *p[1]), (*p[1], *p[2]), (*p[3], *p[4])]
    assert screen(m) == (one(100, 200, 1.7, 2.0) + one(114, 200, 1.7, 2.0) + one(100, 500, 2.5, 3.0)
                         + [(121, 500, 126, 500)])


def test_character_control_words_new_line_and_superscript():
    m, _ = machine(lines("DLIST|STMR", "|MBA||300,300", "|SCMB", "|GSB||NL", "|GSB||UP", "|GNOP",
                         "|GB||DLIST",
                         "NL|CS|R|7", "UP|CS||4", "|MBS||0,0", "|DBS|R|0,1"))
    # new line: x back to 0, down one basic line (20); superscript: 6 grid
    # units (12 raster units) up, so the stroke (0,0)-(0,1) lands 12 higher
    assert screen(m) == [(0, 280 + 12, 0, 280 + 14)]


def test_a_character_of_more_than_29_words_is_a_cycle_steal_check():
    m, sym = machine(lines("DLIST|STMR", "|SCMB", "|GSB||LONG", "|GB||DLIST", "LONG|BSS||40"))
    m.run(20_000)
    assert m.memory[sym["COUNT"]] == 1 and m.memory[sym["DSW"]] & gduorders.DSW_CYCLE_STEAL_CHECK


# ------------------------------------------------------- branches and revert

def test_branch_subroutine_store_revert_and_revert():
    m, sym = machine(lines("DLIST|STMR", "|MBA||10,10", "|GB||SUB", "AFTER|MBA||20,20", "|GB||SUB",
                           "|GSB||SUB", "|GB|I|PTR", "|GB| N|SUB", "|GB||DLIST",
                           "SUB|SRVT", "|DBI||5,5", "|RVT", "PTR|DC||SUB"))
    assert screen(m) == [(10, 10, 15, 15), (20, 20, 25, 25), (25, 25, 30, 30), (30, 30, 35, 35)]
    # Store Revert kept the address after the last call (the indirect GB)
    assert m.memory[sym["SUB"] + 1] == sym["AFTER"] + 7


def test_conditional_branch_on_the_light_pen_switch_and_detect():
    m, _ = machine(lines("DLIST|STMR", "|SPM||/9", "|MBA||100,100", "|DBA||200,100",
                         "|GBC||SW,S", "|GBC||DET,D", "|GB||DLIST",
                         "SW|MBA||0,900", "|DBI||1,0", "|GB||DLIST",
                         "DET|MBA||0,800", "|DBI||1,0", "|GB||DLIST"))
    assert screen(m) == [(100, 100, 200, 100)]
    m.display.light_pen(150, 103)                 # on the vector: detect, no switch
    assert screen(m) == [(100, 100, 200, 100), (0, 800, 1, 800)]
    m.display.light_pen(500, 500, switch=True)    # the tip switch, away from the vector
    assert screen(m) == [(100, 100, 200, 100), (0, 900, 1, 900)]


# --------------------------------------------------------------- interrupts

def test_an_order_controlled_interrupt_reaches_level_3_with_ilsw_bit_0800():
    m, sym = machine(lines("DLIST|STMR", "|MBA||1,1", "|GI||77", "|DBA||9,9", "|GB||DLIST"))
    m.run(20_000)
    assert m.memory[sym["COUNT"]] == 1
    assert m.memory[sym["ILSW"]] == 0x0800
    assert m.memory[sym["DSW"]] == gduorders.DSW_ORDER_CONTROLLED_INTERRUPT | 2   # order was 2 words
    assert not m.display.busy and m.system.ilsw[3] == 0     # halted; the sense reset cleared it
    assert m.memory[m.display.ar - 1] == 77                 # the GI's code, before AR


def test_light_pen_detect_on_a_known_vector_raises_its_interrupt():
    m, sym = machine(lines("DLIST|STMR", "|SPM||/A", "|MBA||100,100", "|DBA||300,300",
                           "|MBA||600,100", "|GB||DLIST"), extra=lines("|ORG||RESUM", "|DC||1"))
    m.run(20_000)
    assert m.memory[sym["COUNT"]] == 0
    m.display.light_pen(200 + 5, 200 - 5)         # 7.07 units from the line: beyond the threshold 6
    m.run(20_000)
    assert m.memory[sym["COUNT"]] == 0
    m.display.light_pen(200 + 4, 200 - 4)         # 5.66 units: a hit
    m.run(4_000)
    assert m.memory[sym["COUNT"]] >= 1 and m.memory[sym["ILSW"]] == 0x0800
    assert m.memory[sym["DSW"]] & gduorders.DSW_DETECT_INTERRUPT
    m.display.light_pen(None, None)
    count = m.memory[sym["COUNT"]]
    m.run(20_000)
    assert m.memory[sym["COUNT"]] == count


def test_detects_disabled_or_deferred_raise_no_interrupt():
    for mode in ("/6", "/9"):    # detects off; detects on but deferred (IBM's sense, SIMH #462)
        m, sym = machine(lines("DLIST|STMR", f"|SPM||{mode}", "|MBA||100,100", "|DBA||300,100",
                               "|GB||DLIST"))
        m.display.light_pen(200, 100)
        m.run(20_000)
        assert m.memory[sym["COUNT"]] == 0, mode
        assert bool(m.display.dsw & gduorders.DSW_DETECT_STATUS) == (mode == "/9")


# -------------------------------------------------- XIO, keys, lamps, status

def test_read_status_stores_six_words_and_lamps_come_from_two_words():
    m, sym = machine(lines("DLIST|STMR", "|MBA||123,456", "|GI||5", "|GB||DLIST"),
                     extra=lines("|ORG||/200", "RDST|DC||STAT", "|DC||/CA00", "LMP|DC||LW", "|DC||/C980",
                                 "STAT|BSS||6", "LW|DC||/8001", "|DC||/0003",
                                 "GET|XIO||RDST", "|XIO||LMP", "|WAIT"))
    m.run(20_000)
    m.display.press_alpha_key(AKEY_END)
    m.system.iar = sym["GET"]
    m.system.program_start()
    m.run(100)
    stat = m.memory[sym["STAT"]:sym["STAT"] + 6]
    assert stat[0] == sym["DLIST"] + 5                 # AR after the GI
    assert stat[2:4] == [123, 456]
    assert stat[4] == 0 and stat[5] == 0x8000 | AKEY_END
    assert m.display.lamps == 0x80010003 and m.display.lamp(0) and m.display.lamp(31)
    assert not m.display.lamp(1)
    assert m.system.ilsw[3] == 0                       # reading the status cleared it


def test_function_keys_and_alpha_keys_interrupt_with_their_codes():
    d = Ibm1130(4096).display
    d.press_function_key(31)
    assert d.fkey == 0x8000 | 31 << 8 and d.dsw & gduorders.DSW_KEYBOARD_INTERRUPT
    assert d.system.ilsw[3] == 0x0800
    with pytest.raises(ValueError, match="0-31"):
        d.press_function_key(32)
    with pytest.raises(ValueError, match="alpha key"):
        d.press_alpha_key(0x1234)
    d.press_alpha_key(0xC1)      # EBCDIC A
    assert d.akey == 0x80C1


def test_control_reset_stops_regeneration_and_darkens_the_screen():
    m, sym = machine(lines("DLIST|STMR", "|MBA||1,1", "|DBA||2,2", "|GB||DLIST"),
                     extra=lines("|BSS|E|0", "RST|DC||0", "|DC||/CC80", "DORST|XIO||RST", "|WAIT"))
    assert screen(m) == [(1, 1, 2, 2)]
    m.system.iar = sym["DORST"]
    m.system.program_start()
    m.run(100)
    assert not m.display.busy and m.display.segments() == [] and m.display.lamps == 0
    assert not m.system.pending_events()


# ------------------------------------------------------------------- timing

def frame_clocks(m: Ibm1130, frames: int) -> list[int]:
    """The clock (instructions) at each of the next ``frames`` frame ends."""
    seen = []
    while len(seen) < frames:
        before = m.display.frames
        m.system.step()
        if m.display.frames != before:
            seen.append(m.system.clock)
    return seen


def counting_program(orders: str) -> Ibm1130:
    # a program that keeps the CPU busy (no WAIT), so the display never parks
    m, _ = machine(orders, extra=SPIN)
    return m


def test_a_short_list_regenerates_40_times_a_second_a_long_one_slower():
    m = counting_program(lines("DLIST|STMR", "|MBA||0,0", "|DBA||10,10", "|GB||DLIST"))
    clocks = frame_clocks(m, 5)[1:]    # the first frame ends at the list's first STMR
    period = round(gduorders.FRAME_US / (m.system.cycle_us * gduorders.INSTRUCTION_CYCLES))
    assert [b - a for a, b in zip(clocks, clocks[1:])] == [period] * 3   # 25 ms: 40 per second
    # 3,000 full-screen vectors: two words each stolen from core, the beam
    # settling and sweeping 1023 units: about 110 ms, 9 frames a second
    long = lines("DLIST|STMR", *["|DBA||1023,1023", "|DBA||0,0"] * 1500, "|GB||DLIST")
    m = counting_program(long)
    clocks = frame_clocks(m, 3)
    each = 2 * m.system.cycle_us + gduorders.VECTOR_SETTLE_US + 1023 * gduorders.VECTOR_US_PER_UNIT
    frame_us = 3000 * each + 3 * m.system.cycle_us             # STMR and GB DLIST
    assert frame_us > 100_000
    assert abs((clocks[2] - clocks[1]) - frame_us / (m.system.cycle_us * gduorders.INSTRUCTION_CYCLES)) < 6
    assert len(m.display.segments()) == 3000                   # the whole picture, not a part


def test_regeneration_parks_while_the_cpu_waits_and_the_pen_wakes_it():
    m, sym = machine(lines("DLIST|STMR", "|SPM||/A", "|MBA||100,100", "|DBA||300,100", "|GB||DLIST"))
    assert m.run(10**6) == "wait"                 # the same picture twice: parked
    assert m.display.busy and m.display.parked and m.system.instructions < 10
    m.display.light_pen(200, 101)
    m.run(20_000)
    assert m.memory[sym["COUNT"]] == 1            # woke, detected, interrupted


# --------------------------------------------------------------- save/load

def test_save_and_load_in_the_middle_of_regeneration_continue_the_same():
    m, sym = machine(lines("DLIST|STMR", "|SPM||/A", "|MBA||100,100", "|DBI||50,50", "|DBI||50,-50",
                           "|GB||DLIST"), extra=lines("|ORG||RESUM", "|DC||1") + SPIN)
    m.display.light_pen(125, 125)
    m.run(7_000)
    saved = json.loads(json.dumps(m.save_state()))
    other = Ibm1130(8192)
    other.load_state(saved)
    for x in (m, other):
        x.run(30_000)
    assert other.display.save_state() == m.display.save_state()
    assert other.memory == m.memory and m.memory[sym["COUNT"]] > 1
    assert set(Display2250().save_state()) == {f.key for f in Display2250.STATE}
