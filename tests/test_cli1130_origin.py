"""``run`` loads a relocatable source where DMS loads a mainline (/01FE)
or at ``--origin``, and says where: the SIMH kit's gdu.asm then survives
its light-pen interrupt (at address 0 its interrupt vector landed inside
its own code)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from machines.ibm1130.tools import cli

KIT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ibm1130" / "kit"
GDU = KIT / "gdu.asm"
needs_kit = pytest.mark.skipif(not GDU.exists(), reason=f"the SIMH kit not found at {KIT}")


def triangle(x: int, y: int) -> list[tuple[int, int, int, int]]:
    # gdu.asm's TRING: DBI 30,0 / DBI -15,30 / DBI -15,-30 from (x, y)
    return [(x, y, x + 30, y), (x + 30, y, x + 15, y + 30), (x + 15, y + 30, x, y)]


def run_json(capsys, argv: list[str]) -> dict:
    assert cli.main(argv + ["--json"]) == 0
    return json.loads(capsys.readouterr().out)


def machine_for(argv: list[str]):
    """The machine ``run`` builds and loads for ``argv``, not yet run."""
    args = cli.build_parser().parse_args(argv)
    machine = cli.build_machine(args)
    cli._load_program(machine, args.program, args.origin)
    return machine


@needs_kit
def test_gdu_asm_is_loaded_where_dms_puts_it_and_the_report_says_so(capsys):
    result = run_json(capsys, ["run", str(GDU), "--max-instructions", "100000"])
    assert result["origin"] == 0x01FE
    assert result["stop"] == "wait" and result["iar"] == 0x01FE + 6     # at its LOOP WAIT
    assert cli.main(["run", str(GDU), "--max-instructions", "100000"]) == 0
    assert capsys.readouterr().out.startswith("loaded at 01FE (relocatable)\n")


@needs_kit
def test_a_pen_hit_on_gdu_asm_moves_the_triangle_it_hit():
    machine = machine_for(["run", str(GDU)])
    assert machine.run(1_000_000) == "wait"
    display = machine.display
    assert display.lamps == 0x1234C002
    assert display.segments() == triangle(100, 100) + triangle(700, 300) + triangle(453, 872)
    display.light_pen(115, 102)                 # on the first triangle's base
    machine.run(1_000_000)
    assert display.segments() == triangle(100, 110) + triangle(700, 300) + triangle(453, 872)
    display.light_pen(460, 874)                 # on the third's base: it moves, the first stays
    machine.run(1_000_000)
    assert display.segments() == triangle(100, 110) + triangle(700, 300) + triangle(453, 882)
    assert machine.system.iar == 0x01FE + 6 and not any(machine.system.levels)


@needs_kit
def test_origin_puts_the_program_elsewhere(capsys):
    result = run_json(capsys, ["run", str(GDU), "--origin", "/1000", "--max-instructions", "100000",
                               "--dump", "1000:2"])
    assert result["origin"] == 0x1000 and result["iar"] == 0x1006
    machine = machine_for(["run", str(GDU), "--origin", "1000"])
    machine.run(1_000_000)
    machine.display.light_pen(115, 102)
    machine.run(1_000_000)
    assert machine.display.segments()[:3] == triangle(100, 110)


def test_a_relocatable_program_using_an_index_register_runs(tmp_path, capsys):
    # At address 0 its LDX would overwrite its own second word (XR1 is word 1).
    source = tmp_path / "count.asm"
    source.write_text("\tLDX\t1\t5\nLOOP\tMDX\t1\t-1\n\tMDX\t\tLOOP\n\tWAIT\n\tEND\n")
    result = run_json(capsys, ["run", str(source)])
    assert result["stop"] == "wait" and result["xr"][0] == 0
    assert result["origin"] == 0x01FE and result["iar"] == 0x01FE + 4   # no END operand: starts at its origin


def test_origin_errors_are_one_line_each(tmp_path, capsys):
    relocatable = tmp_path / "r.asm"
    relocatable.write_text("\tWAIT\n\tEND\n")
    absolute = tmp_path / "a.asm"
    absolute.write_text("\tABS\n\tORG\t\t/100\nGO\tWAIT\n\tEND\t\tGO\n")
    load_file = tmp_path / "p.out"
    load_file.write_text("@0100\n3000\n=0100\n")
    cases = [(["run", str(relocatable), "--origin", "201"], "is odd"),
             (["run", str(relocatable), "--origin", "8000"], "out of range"),
             (["run", str(absolute), "--origin", "400"], "is absolute (ABS)"),
             (["run", str(load_file), "--origin", "400"], "is a load file")]
    for argv, words in cases:
        assert cli.main(argv) != 0
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, (argv, err)
    assert run_json(capsys, ["run", str(absolute)]).get("origin") is None
