"""The configured IBM 1130 (machines.ibm1130.machine.Ibm1130): the front
door every front end uses, driven as an operator would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.cards import Card, DeckError
from machines.ibm1130.devices.disk2310 import IMAGE_BYTES, DiskImageError
from machines.ibm1130.machine import Ibm1130, ProgramLoadError

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ibm1130"

needs_dms = pytest.mark.skipif(not (DATA / "dms.dsk").exists(), reason=f"DMS material not found at {DATA}")

ADD = "\tABS\n\tORG\t\t/100\nSTART\tLD\t\tA\n\tA\t\tB\n\tSTO\t\tC\n\tWAIT\nA\tDC\t\t5\nB\tDC\t\t7\nC\tDC\t\t0\n\tEND\t\tSTART\n"


def test_named_devices_answer_their_ibm_area_codes():
    m = Ibm1130(8192)
    s = m.system
    assert s.device(0x01) is m.console and s.device(0x02) is m.reader and s.device(0x03) is m.tape
    assert s.device(0x06) is m.printer and s.device(0x07) is m.switches and s.device(0x09) is m.reader2501
    assert [s.device(a) for a in (0x04, 0x11, 0x12, 0x13, 0x14)] == list(m.disks)
    assert len(m.memory) == 8192 and len(Ibm1130(4096, drives=1).disks) == 1
    with pytest.raises(ValueError, match="0 to 5 disk drives"):
        Ibm1130(drives=6)
    with pytest.raises(ValueError, match="memory size"):
        Ibm1130(memory_words=12288)


def test_an_assembled_program_loads_runs_and_reports_like_run_json():
    m = Ibm1130(4096)
    assembly = assemble(ADD, "add.asm")
    assert assembly.ok, assembly.error_text()
    m.load_image(assembly)
    assert m.system.iar == 0x100
    assert m.run(1000) == "wait"
    report = m.report(dumps=[(0x104, 3)])
    assert report["stop"] == "wait" and report["acc"] == 12 and report["instructions"] == 4
    assert report["memory"] == {"0104": [5, 7, 12]}
    assert set(report) == {"iar", "acc", "ext", "carry", "overflow", "xr", "stop", "instructions",
                           "console_printer", "printer", "memory"}
    json.dumps(report)


def test_an_image_beyond_core_is_refused_before_anything_is_stored():
    class Image:
        words = {0x0010: 0x1234, 0x1000: 1}
        start = 0x10
        switches = None

    m = Ibm1130(4096)
    with pytest.raises(ValueError, match="0x1000 is beyond memory"):
        m.load_image(Image())
    assert m.memory[0x10] == 0


def test_decks_stack_in_the_hopper_the_operator_names(tmp_path):
    m = Ibm1130(4096)
    deck = tmp_path / "job.txt"
    deck.write_text("// JOB\n// XEQ\n")
    assert m.attach_deck(deck) == 2
    assert m.attach_deck([Card.from_text("DATA", layout="none")], name="data") == 1
    assert m.reader.cards_in_hopper == 3
    assert m.attach_deck([[0] * 80], hopper="2501") == 1 and m.reader2501.cards_in_hopper == 1
    with pytest.raises(ValueError, match="hopper must be"):
        m.attach_deck([[0] * 80], hopper="2540")
    with pytest.raises(ValueError, match="short: card 1: a card has 80 columns"):
        m.attach_deck([[0] * 79], name="short")
    bad = tmp_path / "bad.txt"
    bad.write_text("GOOD\nBAD \u00c8\n")
    with pytest.raises(DeckError, match="bad.txt"):
        m.attach_deck(bad)
    assert m.reader.cards_in_hopper == 3           # nothing of a bad deck is stacked


def test_cartridges_mount_from_a_file_or_bytes_and_bad_images_change_nothing(tmp_path):
    m = Ibm1130(4096)
    image = tmp_path / "blank.dsk"
    image.write_bytes(bytes(IMAGE_BYTES))
    m.mount(image, drive=2)
    assert m.disks[2].ready and not m.disks[0].ready
    m.mount(bytes(IMAGE_BYTES), name="upload.dsk")
    assert m.disks[0].ready and m.disks[0].cartridge.path == "upload.dsk"
    with pytest.raises(DiskImageError, match="short.dsk: a 2310 cartridge image is 1,042,608 bytes"):
        m.mount(b"\0" * 100, drive=1, name="short.dsk")
    with pytest.raises(DiskImageError, match="cannot read"):
        m.mount(tmp_path / "missing.dsk", drive=1)
    assert not m.disks[1].ready
    with pytest.raises(ValueError, match="no disk drive 5"):
        m.mount(image, drive=5)
    assert m.unmount(0) is not None and not m.disks[0].ready


def test_program_load_from_an_empty_hopper_says_so():
    with pytest.raises(ProgramLoadError, match="hopper is empty"):
        Ibm1130(4096).program_load("reader")


def test_the_panel_shows_the_named_devices():
    m = Ibm1130(4096, drives=1)
    assert m.panel.lamps()["disk_unlock"] and not m.panel.lamps()["forms_check"]
    m.mount(bytes(IMAGE_BYTES))
    m.printer.set_paper(False)
    lamps = m.panel.lamps()
    assert lamps["file_ready"] and lamps["forms_check"]


@needs_dms
def test_the_fortran_job_boots_and_prints_through_the_front_door_alone():
    m = Ibm1130(memory_words=32768)
    m.mount(DATA / "dms.dsk")
    m.attach_deck(DATA / "dms_coldstart.bin")
    m.attach_deck(DATA / "jobs" / "fortran_iterations.job")
    assert m.program_load("reader") == "reader"
    assert m.run(max_instructions=10_000_000) == "wait"
    expected = (DATA / "jobs" / "fortran_iterations.expected.lst").read_text()
    assert [line.rstrip() for line in m.report()["printer"].split("\n")] == \
        [line.rstrip() for line in expected.split("\n")]


@needs_dms
def test_a_machine_saved_mid_job_goes_on_identically_elsewhere():
    first = Ibm1130()
    first.mount(DATA / "dms.dsk")
    first.attach_deck(DATA / "dms_coldstart.bin")
    first.attach_deck(DATA / "jobs" / "fortran_iterations.job")
    first.program_load("reader")
    first.panel.set_mode("SI")
    assert first.run(1_500_000) == "limit"
    assert first.system.pending_events()          # I/O in progress at the save
    second = Ibm1130()
    second.load_state(json.loads(json.dumps(first.save_state())))
    assert second.panel.mode == "SI"
    assert first.run(10_000_000) == second.run(10_000_000) == "wait"
    assert second.report() == first.report() and second.memory == first.memory
    with pytest.raises(ValueError, match="not a saved IBM 1130"):
        second.load_state({"format": "other"})
