"""SIMH load format (.out): reading, writing, and errors naming file and line."""

from pathlib import Path

import pytest

from machines.ibm1130.asm.loadformat import LoadFormatError, parse_out, write_out
from machines.ibm1130.asm.coreimage import CoreImage
from machines.ibm1130.machine import Ibm1130

COLDSTART = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ibm1130" / "dms_coldstart.out"


def test_items_comments_and_blanks():
    image = parse_out("""; a comment
# another
@0100
C001 8001   ; LD, A
   3000
Z0003
1234
S00A5
=0100
""", "p.out")
    assert image.words == {0x100: 0xC001, 0x101: 0x8001, 0x102: 0x3000, 0x103: 0, 0x104: 0, 0x105: 0,
                           0x106: 0x1234}
    assert (image.start, image.switches) == (0x100, 0x00A5)


def test_asm1130_relocation_marks_are_accepted():
    image = parse_out("@0500R\n 053FR\n 1234\n=0500R\n", "r.out")
    assert image.words == {0x500: 0x053F, 0x501: 0x1234} and image.start == 0x500


@pytest.mark.parametrize("text, where, message", [
    ("@0100\nC0G1\n", "2:1", "bad hex word 'C0G1'"),
    ("@8000\n", "1:2", "out of range"),
    ("@0FFF\n1 2\n", "2:3", "beyond memory"),
    ("@0100\n\nQ 12\n", "3:1", "unknown line"),
    ("=\n", "1:1", "needs one hex value"),
    ("10000\n", "1:1", "out of range"),
    ("@0FFE\nZ0003\n", "2:1", "past the end of memory"),
])
def test_errors_name_file_line_and_column(text, where, message):
    with pytest.raises(LoadFormatError) as error:
        parse_out(text, "bad.out", memory_words=4096)
    assert str(error.value).startswith(f"bad.out:{where}: ")
    assert message in str(error.value)


def test_write_out_round_trips():
    words = {0: 1, 1: 2, 2: 3, 0x100: 0xFFFF, 0x7FFF: 0x1234}
    text = write_out(words, start=0x100, switches=7, comment="test image")
    image = parse_out(text, "w.out")
    assert (image.words, image.start, image.switches) == (words, 0x100, 7)


@pytest.mark.skipif(not COLDSTART.exists(), reason="shared IBM 1130 data not found at ../shared/data")
def test_dms_cold_start_card_loads_into_core():
    image = parse_out(COLDSTART.read_text(), str(COLDSTART))
    assert len(image.words) == 80 and image.start == 0
    assert isinstance(image, CoreImage)
    m = Ibm1130(32768)
    m.load_image(image)
    assert m.memory[0:2] == [0xC80A, 0x18C2] and m.system.iar == 0
