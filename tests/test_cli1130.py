"""The IBM 1130 command line, run in-process: run --json contract, dumps,
limits, errors without tracebacks, bench."""

import json

from machines.ibm1130.tools import bench
from machines.ibm1130.tools import cli
from machines.ibm1130.encode import long, short
from machines.ibm1130.asm.loadformat import write_out

WAIT = 0x3000


def write_program(tmp_path, words, start=0x100, name="p.out"):
    path = tmp_path / name
    path.write_text(write_out({start + i: w for i, w in enumerate(words)}, start=start))
    return str(path)


def run_json(capsys, argv):
    assert cli.main(argv + ["--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_run_json_fields(tmp_path, capsys):
    program = [short("LD", 3), short("A", 3), short("STO", 3), WAIT, 0x0102, 0x0203, 0]
    path = write_program(tmp_path, program)
    result = run_json(capsys, ["run", path, "--dump", "0104:3", "--dump", "/0001:3"])
    assert result == {"iar": 0x104, "acc": 0x0305, "ext": 0, "carry": False, "overflow": False,
                      "xr": [0, 0, 0], "stop": "wait", "instructions": 4, "console_printer": "",
                      "printer": "", "memory": {"0104": [0x0102, 0x0203, 0x0305], "0001": [0, 0, 0]}}


def test_limit_executes_exactly_that_many(tmp_path, capsys):
    path = write_program(tmp_path, [short("MDX", 1, tag=1), short("MDX", -2)])
    result = run_json(capsys, ["run", path, "--max-instructions", "1001"])
    assert result["stop"] == "limit" and result["instructions"] == 1001 and result["xr"][0] == 501


def test_invalid_stop_and_switches(tmp_path, capsys):
    path = write_program(tmp_path, long("XIO", 0x110) + [0x0000] + [0] * 13 + [0x0120, 0x3A00])
    result = run_json(capsys, ["run", path, "--switches", "BEEF", "--dump", "120:1"])
    assert result["stop"] == "invalid" and result["iar"] == 0x103 and result["instructions"] == 2
    assert result["memory"]["0120"] == [0xBEEF]


def test_run_starts_from_the_reset_state_at_address_zero_without_a_start(tmp_path, capsys):
    path = tmp_path / "nostart.out"
    path.write_text("@0000\n3000\n")
    result = run_json(capsys, ["run", str(path)])
    assert result["stop"] == "wait" and result["iar"] == 1


def test_text_output(tmp_path, capsys):
    path = write_program(tmp_path, [short("LD", 1), WAIT, 0x1234])
    assert cli.main(["run", path, "--dump", "100:3"]) == 0
    out = capsys.readouterr().out
    assert "stop wait at IAR 0102 after 2 instructions" in out
    assert "ACC 1234" in out and "0100: C001 3000 1234" in out


def test_malformed_load_file_names_file_and_line(tmp_path, capsys):
    path = tmp_path / "bad.out"
    path.write_text("@0100\nC001\nXYZ1\n")
    assert cli.main(["run", str(path)]) != 0
    err = capsys.readouterr().err
    assert err.strip() == f"{path}:3:1: unknown line 'XYZ1'"
    path.write_text("@7FFF\n1 2\n")
    assert cli.main(["run", str(path), "--memory", "32768"]) != 0
    assert f"{path}:2:3: " in capsys.readouterr().err
    path.write_text("@1000\n1\n")
    assert cli.main(["run", str(path), "--memory", "4096"]) != 0
    assert "out of range" in capsys.readouterr().err


def test_missing_file_and_bad_flags(tmp_path, capsys):
    assert cli.main(["run", str(tmp_path / "none.out")]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert cli.main(["run", "x.out", "--memory", "1000"]) == 2
    assert cli.main(["run", "x.out", "--dump", "12"]) == 2
    assert cli.main(["run", "x.out", "--switches", "XYZ"]) == 2
    capsys.readouterr()


def test_run_without_a_program_is_parsed_and_boot_is_reported(capsys):
    args = cli.build_parser().parse_args(["run", "--boot", "disk", "--disk", "d.dsk", "--reader", "a",
                                          "--reader", "b", "--disk-writable", "--display-png", "o.png",
                                          "--plotter-svg", "o.svg"])
    assert args.program is None and args.reader == ["a", "b"] and args.boot == "disk"
    assert cli.main(["run"]) == 1
    assert "give a program" in capsys.readouterr().err


def test_bench_programs_run_and_report(capsys):
    for name in bench.PROGRAMS:
        count, wall, real = bench.measure(name, 2000)
        assert count == 2000 and real > 0
    assert bench.main(budget=2000) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "real 1130" in out


def test_run_assembles_asm_source(tmp_path, capsys):
    source = tmp_path / "add.asm"
    source.write_text("\tABS\n\tORG\t\t/100\nSTART\tLD\t\tX\n\tA\t\tY\n\tSTO\t\tZ\n\tWAIT\n"
                      "X\tDC\t\t3\nY\tDC\t\t4\nZ\tDC\t\t0\n\tEND\t\tSTART\n")
    result = run_json(capsys, ["run", str(source), "--dump", "0104:3"])
    assert result["stop"] == "wait" and result["instructions"] == 4
    assert result["memory"] == {"0104": [3, 4, 7]}
    bad = tmp_path / "bad.asm"
    bad.write_text("\tLD\t\tNOWHERE\n\tEND\n")
    assert cli.main(["run", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:1:") and "Traceback" not in err
