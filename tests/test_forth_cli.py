"""``run --type``/``--keyboard``, ``--until`` and ``--disk N:FILE``: the
command line's console keyboard scripts and drives, with small 1130
programs that read the 1131 keyboard and type on its printer through
level-4 interrupts (no IBM material needed)."""

from __future__ import annotations

import json
from array import array

from machines.ibm1130 import codes
from machines.ibm1130.devices.disk2310 import IMAGE_BYTES, WORDS_PER_SECTOR
from machines.ibm1130.tools import cli


def tab_form(*statements: str) -> str:
    return "".join("\t".join(s.split("|")) + "\n" for s in statements)


# Selects the keyboard, waits for the interrupt, reads the key: each key's
# code goes to KEYS (/0200...) and the DSW the handler sensed to DSWS (/0210...).
KEYBOARD_ECHO = tab_form(
    "|ABS", "|ORG||/0C", "|DC||CONIN", "|ORG||/100",
    "START|XIO||KSEL", "|WAIT", "|XIO||KRD", "|LD||KEY", "|STO|L1|KEYS", "|LD||DSW", "|STO|L1|DSWS",
    "|MDX|1|1", "|B||START",
    "CONIN|DC||0", "|XIO||SNS", "|STO||DSW", "|BOSC|I|CONIN",
    "DSW|DC||0", "KEY|DC||0", "|BSS|E|0",
    "KSEL|DC||0", "|DC||/0C00", "KRD|DC||KEY", "|DC||/0A00", "SNS|DC||0", "|DC||/0F01",
    "|ORG||/200", "KEYS|BSS||16", "DSWS|BSS||16", "|END||START")


def printing(text: str) -> str:
    """A program that types ``text`` on the console printer, one XIO Write
    and one interrupt per character, then waits."""
    body, data = [], []
    for i, char in enumerate(text):
        body += [f"|XIO||P{i}", "|WAIT"]
        data += [f"C{i}|DC||/{codes.ascii_to_console_printer(char) << 8:04X}"]
    iocc = [f"P{i}|DC||C{i}\n|DC||/0900" for i in range(len(text))]
    return tab_form("|ABS", "|ORG||/0C", "|DC||CONIN", "|ORG||/100", "START|NOP", *body, "|WAIT",
                    "CONIN|DC||0", "|XIO||SNS", "|BOSC|I|CONIN", *data, "|BSS|E|0",
                    "SNS|DC||0", "|DC||/0F01", *"\n".join(iocc).split("\n"), "|END||START")


def run_json(capsys, argv):
    status = cli.main(argv + ["--json"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return json.loads(captured.out)


def keyboard_program(tmp_path):
    path = tmp_path / "echo.asm"
    path.write_text(KEYBOARD_ECHO)
    return str(path)


def test_type_escapes_reach_the_program_as_the_keys_codes(tmp_path, capsys):
    program = keyboard_program(tmp_path)
    result = run_json(capsys, ["run", program, "--type", "Ab{EOF}{BS}{erase field}{INT REQ}Z",
                               "--dump", "0200:7", "--dump", "0210:7"])
    assert result["stop"] == "wait" and result["keyboard"] == "waiting"
    assert result["memory"]["0200"] == [codes.ascii_to_hollerith("A"), codes.ascii_to_hollerith("B"),
                                        codes.KEY_EOF, codes.KEY_BACKSPACE, codes.KEY_ERASE_FIELD,
                                        0, codes.ascii_to_hollerith("Z")]
    dsws = result["memory"]["0210"]
    assert dsws[5] & 0x2000 and not any(d & 0x2000 for d in dsws[:5] + dsws[6:])   # INT REQ in order
    assert all(d & 0x4000 for d in dsws[:5])                                      # keyboard responses


def test_keyboard_file_lines_end_with_eof_and_follow_type_in_order(tmp_path, capsys):
    program = keyboard_program(tmp_path)
    script = tmp_path / "keys.txt"
    script.write_text("1\n2\r\n")
    result = run_json(capsys, ["run", program, "--keyboard", str(script), "--type", "3",
                               "--dump", "0200:6"])
    hollerith = codes.ascii_to_hollerith
    assert result["memory"]["0200"] == [hollerith("1"), codes.KEY_EOF, hollerith("2"), codes.KEY_EOF,
                                        hollerith("3"), 0]


def test_a_program_waiting_for_a_key_says_so_in_text(tmp_path, capsys):
    assert cli.main(["run", keyboard_program(tmp_path)]) == 0
    assert "keyboard: the program waits for a key, and nothing is left to type" in capsys.readouterr().out


def test_until_stops_once_the_console_printer_has_printed_the_text(tmp_path, capsys):
    path = tmp_path / "print.asm"
    text = "HELLO WORLD, THIS LINE GOES ON AND ON"
    path.write_text(printing(text))
    whole = run_json(capsys, ["run", str(path)])
    assert whole["stop"] == "wait" and whole["console_printer"] == text
    stopped = run_json(capsys, ["run", str(path), "--until", "LO WO"])
    assert stopped["stop"] == "until"
    printed = stopped["console_printer"]
    # Seen within a few characters of the match (a character takes 200 instructions).
    assert printed.startswith("HELLO WO") and len(printed) <= len("HELLO WO") + 4
    assert stopped["instructions"] < whole["instructions"]
    never = run_json(capsys, ["run", str(path), "--until", "GOODBYE"])
    assert never["stop"] == "wait" and never["console_printer"] == text


def _image_with_word(value: int) -> bytes:
    words = array("H", bytes(IMAGE_BYTES))
    words[WORDS_PER_SECTOR * 1 + 5] = value      # sector 1, word 5
    return words.tobytes()


def test_disk_n_file_mounts_each_drive_and_only_the_writable_ones_change(tmp_path, capsys):
    # Reads sector 1 of drive 1 (area /11) into core, then writes it to sector 1 of drive 0.
    program = tmp_path / "copy.asm"
    program.write_text(tab_form(
        "|ABS", "|ORG||/0A", "|DC||DISKI", "|ORG||/100",
        "START|XIO||RD1", "|WAIT", "|XIO||WR0", "|WAIT", "|WAIT",
        "DISKI|DC||0", "|XIO||SN1", "|XIO||SN0", "|BOSC|I|DISKI",
        "|BSS|E|0", "RD1|DC||BUF", "|DC||/8E01", "WR0|DC||BUF", "|DC||/2501",
        "SN1|DC||0", "|DC||/8F01", "SN0|DC||0", "|DC||/2701",
        "BUF|DC||321", "|BSS||321", "|END||START"))
    drive0, drive1 = tmp_path / "zero.dsk", tmp_path / "one.dsk"
    drive0.write_bytes(_image_with_word(0x0000))
    drive1.write_bytes(_image_with_word(0xBEEF))
    result = run_json(capsys, ["run", str(program), "--disk", f"1:{drive1}", "--disk", str(drive0),
                               "--dump", "0000:1"])
    assert result["stop"] == "wait"
    assert drive0.read_bytes() == _image_with_word(0)               # in-memory copy only
    run_json(capsys, ["run", str(program), "--disk", f"1:{drive1}", "--disk", f"0:{drive0}",
                      "--disk-writable", "0"])
    assert drive0.read_bytes() == _image_with_word(0xBEEF)          # drive 1's sector, written to drive 0
    assert drive1.read_bytes() == _image_with_word(0xBEEF)


def test_bad_drives_and_escapes_get_one_clear_error(tmp_path, capsys):
    program = keyboard_program(tmp_path)
    assert cli.main(["run", program, "--disk", "7:x.dsk"]) == 2
    assert "drive 7 does not exist (drives are 0-4)" in capsys.readouterr().err
    assert cli.main(["run", program, "--type", "AB{FOO}"]) == 1
    err = capsys.readouterr().err.strip().split("\n")
    assert err == ["--type:1:3: unknown key {FOO}; the keys are {EOF}, {BACKSPACE} ({BS}), "
                   "{ERASE FIELD} ({ERASE}), {INT REQ}"]
    assert cli.main(["run", program, "--type", "A{EOF"]) == 1
    assert "--type:1:2: '{' opens a key name that is not closed" in capsys.readouterr().err
    script = tmp_path / "keys.txt"
    script.write_text("OK\nA\tB\n")
    assert cli.main(["run", program, "--keyboard", str(script)]) == 1
    assert capsys.readouterr().err.startswith(f"{script}:2:2: '\\t' has no key on the 1131 keyboard")
    assert cli.main(["run", program, "--disk", "a.dsk", "--disk", "0:b.dsk"]) == 1
    assert "two cartridges for drive 0" in capsys.readouterr().err
    assert cli.main(["run", program, "--disk", "a.dsk", "--disk-writable", "2"]) == 1
    assert "--disk-writable: no --disk for drive 2" in capsys.readouterr().err
