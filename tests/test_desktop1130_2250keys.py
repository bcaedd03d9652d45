"""Keys typed on the desktop window's 2250 keyboard faster than the
program takes them wait their turn instead of overwriting the key
register: a program that collects every key gets them all, in order.

The window's model is driven as the window drives it (no pyxel): the
mouse over the 2250's face, text typed in one go, one frame at a time."""

from __future__ import annotations

from machines.ibm1130 import codes
from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.desktop import layout
from machines.ibm1130.desktop.model import DesktopModel
from machines.ibm1130.devices.display2250 import AKEY_DATA_AVAILABLE, AKEY_END
from machines.ibm1130.machine import Ibm1130

# Regenerates a one-vector list and counts.  Each 2250 interrupt: read the
# status words, keep the alphanumeric key in KEYS, spend DLY loop turns
# (a program busy with the key), restart regeneration (which clears the
# key register), return.
SOURCE = """\tABS
\tORG\t\t/0B
\tDC\t\tINT3
\tORG\t\t/100
START\tLDX\tL1\tKEYS
\tXIO\t\tGO
IDLE\tMDX\tL\tCOUNT,1
\tNOP
\tB\t\tIDLE
INT3\tDC\t\t0
\tXIO\t\tRDST
\tLD\t\tSTAT+5
\tSTO\t1\t0
\tMDX\t1\t1
\tLDX\tI2\tDLY
SLOW\tMDX\t2\t-1
\tB\t\tSLOW
\tXIO\t\tGO
\tBOSC\tI\tINT3
DLY\tDC\t\t0
COUNT\tDC\t\t0
\tBSS\tE\t0
GO\tDC\t\tDLIST
\tDC\t\t/C900
RDST\tDC\t\tSTAT
\tDC\t\t/CA00
STAT\tBSS\t\t6
KEYS\tBSS\t\t16
DLIST\tSTMR
\tMBA\t\t100,100
\tDBA\t\t300,100
\tGB\t\tDLIST
\tEND\t\tSTART
"""
ASSEMBLY = assemble(SOURCE, "keys2250.asm")
assert ASSEMBLY.ok, ASSEMBLY.error_text()
KEYS = ASSEMBLY.symbols["KEYS"].value
TYPED = "HELLO\n"
EXPECTED = [AKEY_DATA_AVAILABLE | codes.ascii_to_ebcdic(c) for c in "HELLO"] + [AKEY_DATA_AVAILABLE | AKEY_END]


def model_with_program(delay: int) -> DesktopModel:
    machine = Ibm1130(8192)
    machine.load_image(ASSEMBLY.image)
    machine.system.store(ASSEMBLY.symbols["DLY"].value, delay)
    model = DesktopModel(machine)
    sx, sy, _, _ = layout.SCREEN
    model.pointer(sx + 10, sy + 10, False)      # over the face: keys go to the 2250
    assert model.keys_go_to == "2250"
    return model


def keys_received(model: DesktopModel, keys: int = KEYS) -> list[int]:
    memory = model.machine.memory
    return [w for w in memory[keys:keys + 16] if w]


def run_frames(model: DesktopModel, frames: int) -> None:
    for _ in range(frames):
        model.frame(16.7)


def test_keys_typed_while_the_cpu_is_stopped_all_reach_the_program_when_it_goes_on():
    model = model_with_program(delay=0)
    model.press("start")
    run_frames(model, 2)
    assert model.machine.display.busy
    model.press("imm_stop")
    model.type_text(TYPED)
    run_frames(model, 4)                        # the CPU is stopped: nobody takes the keys
    model.press("start")
    run_frames(model, 20)
    assert keys_received(model) == EXPECTED


def test_a_program_slower_than_the_typist_at_real_speed_gets_every_key():
    model = model_with_program(delay=6000)      # about three frames of 1130 time per key
    model.set_real_speed(True)
    model.press("start")
    run_frames(model, 2)
    model.type_text(TYPED)
    run_frames(model, 60)
    assert keys_received(model) == EXPECTED


def test_a_program_that_reads_keys_without_regenerating_gets_every_key():
    # No display list: the program waits, reads each key and waits again;
    # the key register stays full (only XIO Write clears it).
    source = (SOURCE.replace("START\tLDX\tL1\tKEYS\n\tXIO\t\tGO\n", "START\tLDX\tL1\tKEYS\n\tNOP\n")
              .replace("IDLE\tMDX\tL\tCOUNT,1\n", "IDLE\tWAIT\n")
              .replace("\tXIO\t\tGO\n\tBOSC", "\tNOP\n\tBOSC"))
    assembly = assemble(source, "keys2250.asm")
    assert assembly.ok, assembly.error_text()
    machine = Ibm1130(8192)
    machine.load_image(assembly.image)
    model = DesktopModel(machine)
    sx, sy, _, _ = layout.SCREEN
    model.pointer(sx + 10, sy + 10, False)
    model.press("start")
    run_frames(model, 2)
    model.type_text(TYPED)
    run_frames(model, 20)
    assert not machine.display.busy
    assert keys_received(model, assembly.symbols["KEYS"].value) == EXPECTED
