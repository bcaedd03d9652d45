"""Moore's 1968 FORTH, the whole operator's procedure
(../shared/data/ibm1130/forth68/README.md): three DMS jobs prepare the
cartridge, drive 1 gets the ID-changed copy, job 4 (the cold start card and
``// XEQ FORTX`` from the 1442, from the command line) types ``HI THERE``,
and the README's phrase typed on the console keyboard gives its transcript."""

from __future__ import annotations

import json
import subprocess
import sys
from array import array

import pytest

from forth_pair import DATA, REPO, prepared, readme_session

pytestmark = [pytest.mark.native, pytest.mark.slow,
              pytest.mark.skipif(not (DATA / "forth68").is_dir(),
                                 reason=f"IBM 1130 FORTH material not found at {DATA / 'forth68'}")]


def words(image: bytes) -> array:
    result = array("H")
    result.frombytes(image)
    return result


def test_four_jobs_drive_1_and_a_typed_phrase_give_the_readme_transcript(tmp_path, capsys):
    from machines.ibm1130 import forth
    from machines.ibm1130.tools import cli

    cache, drive0, drive1 = prepared()
    paths = []
    for number, image in enumerate((drive0, drive1)):
        paths.append(tmp_path / f"drive{number}.dsk")
        paths[-1].write_bytes(image)
    phrase, transcript = readme_session()
    argv = ["run", "--boot", "reader", "--reader", str(DATA / "dms_coldstart.bin"),
            "--reader", str(DATA / "forth68" / "4_xeq_forth.job"),
            "--disk", f"0:{paths[0]}", "--disk", f"1:{paths[1]}", "--disk-writable",
            "--type", phrase + " ", "--json"]
    assert cli.main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["stop"] == "wait" and result["keyboard"] == "waiting"
    assert result["console_printer"].strip("\n") == transcript
    assert "// XEQ FORTX      1" in result["printer"] and "0211        0001" in result["printer"]
    # After the fourth job (written through, --disk-writable) the word the
    # reference was seen to differ in is still the reference's.
    assert words(paths[0].read_bytes())[0x3C1 * 321 + 89] == 0xC5C3
    # The pair is cached, keyed by the material: a second prepare reads it.
    assert sorted(p.name[-10:] for p in cache.iterdir()) == ["drive0.dsk", "drive1.dsk"]
    assert forth.prepare(DATA, cache) == (drive0, drive1)
    assert forth.XEQ_DECK == (DATA / "forth68" / "4_xeq_forth.job").read_bytes()


def test_the_cartridges_match_the_reference_where_it_was_seen_to_differ():
    # No image of the reference's cartridge after the jobs is in
    # ../shared/data; the issue reports its one differing word: sector /03C1
    # word 89, /C5C3 ("EC" of NEXT REcORD, the lower-case c read as C).
    _, drive0, drive1 = prepared()
    disk0, disk1 = words(drive0), words(drive1)
    assert disk0[0x3C1 * 321 + 89] == 0xC5C3
    assert disk0[0x3C1 * 321] == 0x03C1                     # the sector's own address, as DMS writes it
    dms = words((DATA / "dms.dsk").read_bytes())
    assert [disk1[i] for i in (4, 321 + 51, 321 + 56)] == [0x0211] * 3
    assert [i for i in range(len(dms)) if dms[i] != disk1[i]] == [4, 321 + 51, 321 + 56]


def test_forth_command_answers_a_piped_phrase(tmp_path):
    cache, _, _ = prepared()
    phrase, transcript = readme_session()
    done = subprocess.run([sys.executable, "-m", "machines.ibm1130", "forth", str(DATA), "--cache", str(cache)],
                          input=phrase + " ", capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip("\n") == transcript
    assert "forth: end of input" in done.stderr
    missing = subprocess.run([sys.executable, "-m", "machines.ibm1130", "forth", str(tmp_path)],
                             capture_output=True, text=True, cwd=REPO, timeout=60)
    assert missing.returncode == 1 and f"{tmp_path}: dms.dsk not found" in missing.stderr
