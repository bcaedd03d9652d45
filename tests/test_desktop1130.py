"""The IBM 1130 desktop window (machines/ibm1130/desktop/).

The window model is driven as a user drives the window, by clicking at the
places the layout gives the controls (no pixels); the real window opens
under Xvfb in its own process (pyxel is initialised once per process) and
its pixels are read at the lamps, the switches, the 2250's face and the
console printer's paper."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pyxel")
pytest.importorskip("numpy")

from machines.ibm1130 import codes  # noqa: E402
from machines.ibm1130.asm.assembler import assemble  # noqa: E402
from machines.ibm1130.desktop import layout  # noqa: E402
from machines.ibm1130.desktop.model import DesktopModel  # noqa: E402
from machines.ibm1130.machine import Ibm1130  # noqa: E402

pytestmark = pytest.mark.desktop

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "ibm1130"


def program_source(text: str = "HELLO 1130") -> str:
    """Types ``text`` on the console printer (a level-4 handler answers each
    character), starts the 2250 on a square display list (100..900 raster
    units a side, then Start Timer and a branch back), and counts forever."""
    rows = ["|ABS", "|ORG||/0C", "|DC||CONIN", "|ORG||/100",
            "START|LDX|L1|TABLE", "LOOP|LD|1|0", "|BSC|L|SHOW,+-", "|STX|L1|IOCC",
            "|XIO||IOCC", "|WAIT", "|MDX|1|1", "|MDX||LOOP",
            "SHOW|XIO||GO", "SPIN|MDX|L|CNT,1", "|MDX||SPIN", "|MDX||SPIN",
            "CONIN|DC||0", "|XIO||SNS", "|BOSC|I|CONIN", "CNT|DC||0",
            "|BSS|E|0", "IOCC|DC||0", "|DC||/0900", "SNS|DC||0", "|DC||/0F01",
            "GO|DC||LIST", "|DC||/C900",
            # MBA 100,100; DBA 900,100; DBA 900,900; DBA 100,900; DBA 100,100; STMR; GB LIST
            "LIST|DC||/4064", "|DC||/0064", "|DC||/5384", "|DC||/0064", "|DC||/5384", "|DC||/0384",
            "|DC||/5064", "|DC||/0384", "|DC||/5064", "|DC||/0064", "|DC||/3400", "|DC||/2800",
            "|DC||LIST", "TABLE|EQU||*"]
    rows += [f"|DC||/{codes.ascii_to_console_printer(c) << 8:04X}" for c in text]
    rows += ["|DC||0", "|END||START"]
    return "".join("\t".join(r.split("|")) + "\n" for r in rows)


def loaded_model() -> DesktopModel:
    assembly = assemble(program_source(), "hello.asm")
    assert assembly.ok, assembly.error_text()
    machine = Ibm1130(8192)
    machine.load_image(assembly.image)
    return DesktopModel(machine)


def click(model: DesktopModel, kind: str, arg) -> None:
    """Click the middle of the control the layout puts there."""
    control = next(c for c in model.controls if c.kind == kind and c.arg == arg)
    assert model.click(control.x + control.w / 2, control.y + control.h / 2) == control


def run_until(model: DesktopModel, done, frames: int = 600) -> int:
    for frame in range(frames):
        model.frame(16.7)
        if done():
            return frame
    raise AssertionError(f"not done after {frames} frames: {model.status()}")


def test_start_button_runs_the_program_and_the_console_tail_shows_its_output():
    model = loaded_model()
    m = model.machine
    model.frame(16.7)
    assert m.system.instructions == 0 and model.console_tail(3) == [("", "")]   # not started yet
    click(model, "button", "start")
    assert model.panel.running
    run_until(model, lambda: m.console.characters_typed >= 10 and m.display.frames >= 3)
    assert model.console_tail(2)[-1][0] == "HELLO 1130"
    segments = sorted(m.display.segments())
    assert (100, 100, 900, 100) in segments and (100, 900, 100, 100) in segments
    click(model, "button", "imm_stop")
    assert not model.panel.running and model.message.startswith("stopped at IAR")
    executed = m.system.instructions
    model.frame(16.7)
    assert m.system.instructions == executed                   # IMM STOP holds the CPU


def test_lamps_glow_by_the_share_of_a_running_frame_they_were_lit():
    source = "".join("\t".join(r.split("|")) + "\n" for r in (
        "|ABS", "|ORG||/100", "LOOP|A||ONE", "|MDX||LOOP", "ONE|DC||1", "|END||LOOP"))
    machine = Ibm1130(8192)
    machine.load_image(assemble(source, "count.asm").image)
    model = DesktopModel(machine)
    model.set_real_speed(True)                      # the throttle: deterministic slices
    model.press("start")
    for _ in range(3):
        model.frame(16.7)
    glow = model.glow
    assert glow is not None and glow.taken == 8
    levels = {(lamp.key, lamp.bit): level for lamp, level in model.lamp_levels()}
    assert levels[("acc", 15)] == glow.counts["acc"][15] / 8
    assert any(0.0 < levels[("acc", bit)] < 1.0 for bit in range(10, 16))   # the counting bits glow
    assert levels[("iar", 0)] == 0.0 and levels[("run", None)] == 1.0
    model.press("imm_stop")
    model.frame(16.7)
    assert model.glow is None
    assert all(level in (0.0, 1.0) for _, level in model.lamp_levels())


def test_switches_knob_load_iar_and_hex_keys():
    model = loaded_model()
    system = model.machine.system
    click(model, "switch", 0)
    click(model, "switch", 15)
    assert system.switches == 0x8001
    model.type_text("12Ab")                         # not selected: hex digits into the switches
    assert system.switches == 0x12AB
    click(model, "button", "load_iar")
    assert system.iar == 0x12AB
    click(model, "mode", "LOAD")
    model.set_switches(0xBEEF)
    click(model, "button", "start")                 # LOAD: PROGRAM START stores the switches
    assert system.memory[0x12AB] == 0xBEEF and system.iar == 0x12AC
    model.press("mode_left")
    assert model.panel.mode == "DISP"
    model.press("speed")
    assert model.real_speed and model.message == "real speed"
    model.press("clear_switches")
    assert system.switches == 0


def test_typed_keys_go_to_the_1131_keyboard_while_the_program_waits_for_one():
    # Select the keyboard, wait for the key, read it, wait.
    source = "".join("\t".join(r.split("|")) + "\n" for r in (
        "|ABS", "|ORG||/0C", "|DC||CONIN", "|ORG||/100",
        "START|XIO||KSEL", "|WAIT", "|XIO||KRD", "|WAIT",
        "CONIN|DC||0", "|XIO||SNS", "|BOSC|I|CONIN", "KEY|DC||0",
        "|BSS|E|0", "KSEL|DC||0", "|DC||/0C00", "KRD|DC||KEY", "|DC||/0A00",
        "SNS|DC||0", "|DC||/0F01", "|END||START"))
    assembly = assemble(source, "key.asm")
    machine = Ibm1130(8192)
    machine.load_image(assembly.image)
    model = DesktopModel(machine)
    model.press("start")
    run_until(model, lambda: machine.console.keyboard_selected)
    assert model.keyboard_active
    model.press("clear_switches")                   # Delete: the ERASE FIELD key, not the switches
    assert machine.console.pending_keys == [codes.KEY_ERASE_FIELD]
    machine.console.pending_keys.clear()
    model.type_text("q")
    run_until(model, lambda: not model.panel.running and not machine.console.pending_keys)
    assert machine.memory[assembly.symbols["KEY"].value] == codes.ascii_to_hollerith("Q")
    assert machine.system.switches == 0             # the key did not go to the switches


def test_the_mouse_over_the_2250_is_the_light_pen_and_its_lamps_are_its_keys():
    model = loaded_model()
    display = model.machine.display
    sx, sy, sw, sh = layout.SCREEN
    model.pointer(sx + sw / 2, sy + sh / 4, True)
    assert display.pen == pytest.approx((512.0, 768.0))
    model.pointer(10, 10, False)
    assert display.pen is None
    click(model, "function_key", 5)
    assert display.fkey == 0x8000 | (5 << 8)
    assert model.keys_go_to == "switches"
    model.pointer(sx + 10, sy + 10, False)          # over the face: keys go to the 2250's keyboard
    assert model.keys_go_to == "2250"
    model.type_text("a\n")
    model.frame(16.7)
    assert display.akey == 0x8000 | codes.ascii_to_ebcdic("A")
    model.frame(16.7)
    assert display.akey == 0x8000 | codes.ascii_to_ebcdic("A")    # END waits: no program took A
    display.xio(1, 0, 0x0200, 0x19)                 # XIO Write (regeneration) clears the key register
    model.frame(16.7)
    assert display.akey == 0x8000 | 0x1000          # END
    assert model.machine.system.switches == 0


def test_the_mouse_on_a_menu2250_item_is_seen_by_the_program():
    from machines.ibm1130.tools.cli import _load_program, build_machine, build_parser
    args = build_parser().parse_args(["desktop", str(REPO / "web" / "examples" / "menu2250.asm")])
    machine = build_machine(args)
    _load_program(machine, args.program)
    model = DesktopModel(machine)
    click(model, "button", "start")
    run_until(model, lambda: machine.display.frames >= 2)
    # The items' boxes: long horizontal edges left on the screen, top edge first.
    segments = machine.display.segments()
    edges = sorted((s for s in segments if s[1] == s[3] and abs(s[2] - s[0]) > 100), key=lambda s: -s[1])
    x0, y, x1, _ = edges[2]                         # the second item's top edge: SQUARE
    sx, sy, sw, sh = layout.SCREEN
    model.pointer(sx + (x0 + x1) / 2 * sw / 1024, sy + sh - y * sh / 1024, True)
    run_until(model, lambda: machine.console.output_text() == "SQUARE\n")
    assert machine.display.lamp(1) and not machine.display.lamp(0)


@pytest.mark.native
@pytest.mark.skipif(not (DATA / "dms.dsk").exists(), reason=f"IBM 1130 DMS material not found at {DATA}")
def test_dms_runs_the_fortran_job_in_the_window_model():
    from machines.ibm1130.tools.cli import build_machine, build_parser
    args = build_parser().parse_args([
        "desktop", "--disk", str(DATA / "dms.dsk"), "--reader", str(DATA / "dms_coldstart.bin"),
        "--reader", str(DATA / "jobs" / "fortran_iterations.job"), "--boot", "reader"])
    machine = build_machine(args)
    model = DesktopModel(machine)
    click(model, "button", "start")                 # as the desktop command does after --boot
    run_until(model, lambda: not model.panel.running, frames=2000)
    assert model.message == "stop: wait at IAR 002A" and machine.reader.cards_in_hopper == 0
    expected = [line.rstrip() for line in (DATA / "jobs" / "fortran_iterations.expected.lst")
                .read_text().split("\n") if line.strip()]
    assert model.printer_tail(3) == expected[-3:]
    assert model.printer_tail(1) == ["ITERATION NUMBER   20"]


WINDOW_SCRIPT = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {repo!r})
    sys.path.insert(0, {tests!r})
    import pyxel
    from machines.ibm1130.desktop import layout, paint, window
    from test_desktop1130 import loaded_model, run_until

    model = loaded_model()
    m = model.machine
    model.press("start")
    run_until(model, lambda: m.console.characters_typed >= 10 and m.display.frames >= 3)
    model.press("imm_stop")
    m.system.acc, m.system.ext = 0xC3A4, 0x0F01
    model.set_switches(0x8001)

    def on_exit(win):
        lamps = [[lamp.key, lamp.bit, pyxel.pget(lamp.x + 4, lamp.y + 4)] for lamp in layout.lamp_positions()]
        switches = [pyxel.pget(c.x + c.w // 2, c.y + 3) for c in model.controls if c.kind == "switch"]
        sx, sy, sw, sh = layout.SCREEN
        edge_x = sx + round(100 * sw / 1024)                  # the square's left side, x = 100
        column = [pyxel.pget(edge_x, y) for y in range(sy, sy + sh)]
        px, py, pw, _ = layout.CONSOLE_PAPER
        ink = sum(1 for y in range(py, py + 7) for x in range(px, px + 60) if pyxel.pget(x, y) == paint.INK)
        print(json.dumps({{"size": [pyxel.width, pyxel.height], "frames": win.frame, "lamps": lamps,
                          "switches": switches, "switch_value": m.system.switches,
                          "real": model.real_speed, "column": column, "ink": ink, "iar": m.system.iar,
                          "on": paint.LAMP_ON, "off": paint.LAMP_OFF, "up": paint.SWITCH_UP,
                          "screen_black": pyxel.pget(sx + sw // 2, sy + sh // 2)}}), flush=True)

    read_input = window.DesktopWindow.read_input

    def scripted_input(win):                        # the keyboard as pyxel reports it
        if win.frame == 1:
            pyxel.set_input_text("c")               # a hex digit into the switches
            pyxel.set_btn(pyxel.KEY_F4, True)       # real speed
        elif win.frame == 2:
            pyxel.set_btn(pyxel.KEY_F4, False)
        read_input(win)

    window.DesktopWindow.read_input = scripted_input
    window.run_desktop(model, max_frames=4, on_exit=on_exit)
""")


@pytest.mark.native
def test_the_window_opens_under_xvfb_with_the_lamps_lit_where_the_state_says(tmp_path):
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        pytest.skip("xvfb-run is not installed (apt-get install xvfb libgl1-mesa-dri xauth)")
    script = WINDOW_SCRIPT.format(repo=str(REPO), tests=str(REPO / "tests"))
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", LIBGL_ALWAYS_SOFTWARE="1", HOME=str(tmp_path))
    proc = subprocess.run([xvfb, "-a", "-s", "-screen 0 1024x768x24", sys.executable, "-c", script],
                          capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no report from the window (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr[-2000:]}"
    report = json.loads(lines[-1])
    assert report["size"] == [layout.WIDTH, layout.HEIGHT] and report["frames"] == 4
    on, off = report["on"], report["off"]
    rows: dict[str, list[int]] = {}
    for key, bit, colour in report["lamps"]:
        assert colour in (on, off), f"lamp {key} {bit} shows colour {colour}"
        rows.setdefault(key, []).append(int(colour == on))

    def bits(value: int, width: int = 16) -> list[int]:
        return [(value >> (width - 1 - i)) & 1 for i in range(width)]
    assert rows["acc"] == bits(0xC3A4) and rows["ext"] == bits(0x0F01)
    assert rows["iar"] == bits(report["iar"]) and report["iar"] != 0
    assert rows["run"] == [0] and rows["power_on"] == [1] and rows["wait"] == [0]
    assert report["switch_value"] == 0x001C and report["real"]     # "c" typed, F4 pressed
    assert [int(c == report["up"]) for c in report["switches"]] == bits(0x001C)
    # The 2250's square: its left side lights the column x = 100 from y = 100 to 900.
    lit = [i for i, c in enumerate(report["column"]) if c]
    assert lit and 80 <= len(lit) <= 250 and report["screen_black"] == 0
    assert report["ink"] > 30                       # "HELLO" on the console printer's paper


@pytest.mark.slow
@pytest.mark.native
@pytest.mark.skipif(not (DATA / "forth68").exists(), reason=f"FORTH material not found at {DATA}")
def test_the_forth_key_brings_forth_to_the_keyboard_and_it_answers():
    from forth_pair import prepared, readme_session

    from machines.ibm1130.desktop.forthkey import ForthPreset
    cache, _, _ = prepared()                        # the pair the FORTH tests prepared (cached)
    preset = ForthPreset(str(DATA), str(cache))
    model = DesktopModel(Ibm1130(), forth=preset)
    click(model, "button", "forth")
    assert model.busy is not None and model.press("start").startswith("wait: FORTH")
    preset.thread.join(timeout=300)
    assert model.busy is None, model.message
    assert model.console_tail(2)[0][0] == "HI THERE" and model.keyboard_active
    phrase, transcript = readme_session()
    model.type_text(phrase + " ")
    run_until(model, lambda: not model.machine.console.pending_keys and model.keyboard_active
              and model.machine.console.output_text().strip("\n") == transcript, frames=3000)


def test_a_dropped_deck_is_stacked_and_a_bad_one_is_reported(tmp_path):
    model = loaded_model()
    deck = tmp_path / "job.txt"
    deck.write_text("// JOB\n// XEQ\n")
    model.drop(str(deck))
    assert model.machine.reader.cards_in_hopper == 2 and model.message == "2 cards of job.txt in the 1442 hopper"
    bad = tmp_path / "bad.dsk"
    bad.write_bytes(b"\0" * 100)
    model.drop(str(bad))
    assert "bad.dsk" in model.message and model.machine.disks[0].cartridge is None
