"""Real programs on the IBM 2250: the SIMH kit's gdu.asm (assembled by our
assembler, and by IBM's own under DMS R2V12), the shipped examples
(web/examples/chess2250.asm and menu2250.asm), their stroke tables, the
2250 mnemonics of the assembler, and ``run --display-png``.

Natively the screens are rasterised and compared with stored reference
images (tests/data/display2250/, looked at when they were made) with a
tolerance; in Pyodide (no numpy) the same runs are checked by their
segments.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from machines.ibm1130 import gdufont
from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.asm.command import assemble_file
from machines.ibm1130.asm.relocate import DMS_ORIGIN, relocated
from machines.ibm1130.machine import Ibm1130

REPO = Path(__file__).resolve().parents[1]
KIT = REPO.parent / "shared" / "data" / "ibm1130" / "kit"
EXAMPLES = REPO / "web" / "examples"
REFERENCES = Path(__file__).parent / "data" / "display2250"
REFERENCE_SIZE = 384    # pixels: the reference images (a quarter of run's 768 x 768)
GDU_ORIGIN = DMS_ORIGIN     # where the DMS loader puts it: clear of the vectors

needs_kit = pytest.mark.skipif(not (KIT / "gdu.asm").exists(), reason=f"the SIMH kit not found at {KIT}")


def triangle(x: int, y: int) -> list[tuple[int, int, int, int]]:
    # gdu.asm's TRING: DBI 30,0 / DBI -15,30 / DBI -15,-30 from (x, y)
    return [(x, y, x + 30, y), (x + 30, y, x + 15, y + 30), (x + 15, y + 30, x, y)]


def gdu_machine() -> tuple[Ibm1130, dict]:
    assembly = assemble_file(KIT / "gdu.asm")
    assert assembly.ok, assembly.error_text()
    m = Ibm1130(8192)
    m.load_image(relocated(assembly, GDU_ORIGIN))
    return m, {name: s.value + GDU_ORIGIN for name, s in assembly.symbols.items()}


def example(name: str) -> Ibm1130:
    assembly = assemble_file(EXAMPLES / name)
    assert assembly.ok and not assembly.warnings, assembly.error_text()
    m = Ibm1130()
    m.load_image(assembly.image)
    return m


# ------------------------------------------------------------------ gdu.asm

@needs_kit
def test_gdu_asm_lights_the_lamps_draws_and_moves_a_triangle_when_the_pen_hits_it():
    m, sym = gdu_machine()
    assert m.run(1_000_000) == "wait"                      # regenerating, parked at its WAIT
    d = m.display
    assert d.lamps == 0x1234C002 and d.busy
    assert d.segments() == triangle(100, 100) + triangle(700, 300) + triangle(453, 872)
    # the pen on the first triangle's base: detect (deferred), GIC ,D interrupts,
    # the handler adds 10 to the Y of the MBA before the call and resumes
    d.light_pen(115, 102)
    m.run(1_000_000)
    assert m.memory[sym["GLOOP"] + 2] == 110               # MBA 100,100 is now MBA 100,110
    assert d.segments() == triangle(100, 110) + triangle(700, 300) + triangle(453, 872)
    d.light_pen(715, 315)                                  # inside the second, on no line
    m.run(1_000_000)
    assert d.segments()[3:6] == triangle(700, 300)
    d.light_pen(715, 298)                                  # just below its base
    m.run(1_000_000)
    assert d.segments()[3:6] == triangle(700, 310)


@needs_kit
@pytest.mark.native
@pytest.mark.slow
def test_ibms_assembler_under_dms_writes_the_same_2250_orders_and_the_program_draws():
    """gdu.job as the SIMH kit runs it: IBM's DMS R2V12 assembler (on our
    1130) assembles gdu.asm and runs it: its listing's object words equal
    ours, word for word, and the 2250 shows the three triangles."""
    from test_dms_kit_jobs import listing, run_dms    # the kit's DMS harness

    from machines.ibm1130.cards import deck_from_text
    text = "".join(line[1:] + "\n" if line.startswith("!") else (KIT / line.split()[0]).read_text()
                   for line in (KIT / "gdu.job").read_text().split("\n") if line.strip())
    m, _ = run_dms(deck_from_text(text, "gdu.job", warn=lambda message: None), name="gdu.job")
    ibm = {}
    for line in listing(m):
        match = re.match(r"([0-9A-F]{4}) [01 ]{2} ([0-9A-F]{4,8}) +\d{5} ", line)
        if match:
            address, words = int(match.group(1), 16), match.group(2)
            for i in range(0, len(words), 4):
                ibm[address + i // 4] = int(words[i:i + 4], 16)
    ours = assemble_file(KIT / "gdu.asm")
    assert {a: w for a, w in ibm.items() if a < 0x3A} == ours.words     # 0x3A: the END line
    assert [ours.words[a] for a in (0x22, 0x34, 0x37, 0x38)] == [0x3109, 0x9E80, 0x2002, 0x0000]
    assert m.display.lamps == 0x1234C002
    origin = m.system.iar - 6                                 # stopped at its WAIT (0005)
    assert m.display.segments() == triangle(100, 100) + triangle(700, 300) + triangle(453, 872)
    assert m.memory[origin + 0x25] == 100


# ------------------------------------------------------------- the examples

def test_the_chessboard_has_its_grid_dark_squares_32_pieces_and_labels():
    m = example("chess2250.asm")
    assert m.run(1_000_000) == "wait"
    segments = m.display.segments()
    lines_ = set(segments)
    for i in range(9):                                         # the 8 x 8 grid of 80-unit squares
        assert (192 + 80 * i, 150, 192 + 80 * i, 790) in lines_
        assert (192, 150 + 80 * i, 832, 150 + 80 * i) in lines_
    dark = [s for s in segments if s[1] == s[3] and s[2] - s[0] == 63 and (s[0] - 196) % 80 == 0
            and (s[1] - 154) % 80 == 0]
    assert len(dark) == 32                                    # the inset border's first DBI
    bases = [s for s in segments if s[1] == s[3] and (s[1] - 160) % 80 == 0 and s[2] - s[0] in (40, 44, 48)]
    ranks = sorted({(s[1] - 160) // 80 for s in bases})
    assert len(bases) == 32 and ranks == [0, 1, 6, 7]        # a piece's base line on each
    fills = [s for s in segments if s[2] - s[0] == 16 and s[1] == s[3]]
    assert len(fills) == 16 * 5                               # the black pieces' filled bases
    assert len(segments) == 1304 and m.display.parked


def test_the_light_pen_menu_reacts_to_what_the_pen_points_at():
    m = example("menu2250.asm")
    m.run(1_000_000)
    d = m.display
    square = {(550, 270, 850, 270), (850, 270, 850, 570), (850, 570, 550, 570), (550, 570, 550, 270)}
    assert not square & set(d.segments()) and d.lamps == 0
    d.light_pen(70, 540)                       # the left side of SQUARE's box
    m.run(600)            # about 20 frames: the pen stays on it, each frame interrupts
    assert m.console.output_text() == "SQUARE\n"
    assert d.lamp(1) and not d.lamp(0)
    assert square <= set(d.segments())
    assert {(30, 540, 60, 530), (60, 530, 30, 520)} <= set(d.segments())   # the arrow at SQUARE
    m.run(600)
    assert m.console.output_text() == "SQUARE\n"            # pointing on does not repeat it
    d.light_pen(120, 292)                      # the strokes of STAR (item 3)
    m.run(600)
    assert m.console.output_text() == "SQUARE\nSTAR\n" and d.lamp(3)
    d.light_pen(None, None)
    assert m.run(1_000_000) == "wait"


def test_the_examples_stroke_tables_are_the_project_font():
    inverse = {}
    for code in range(0x20, 0x7F):
        try:
            gdufont.strokes(chr(code))
            inverse[gdufont.label(chr(code))] = chr(code)
        except ValueError:
            pass
    for name in ("chess2250.asm", "menu2250.asm"):
        lines_ = (EXAMPLES / name).read_text().split("\n")
        first = next(i for i, line in enumerate(lines_) if "* CHARACTER STROKE DATA" in line) + 2
        last = next(i for i, line in enumerate(lines_) if line[26:29] == "END")
        table = "\n".join(lines_[first:last]) + "\n"
        labels = re.findall(r"^ {20}(C\w+) ", table, re.M)
        assert len(labels) > 10, name
        assert table == gdufont.stroke_table("".join(inverse[label] for label in labels)), name


def test_stroke_tables_refuse_characters_off_the_grid():
    with pytest.raises(ValueError, match="stroke grid"):
        gdufont.stroke_table("g")           # its descender goes below the baseline
    with pytest.raises(ValueError, match="label"):
        gdufont.label("#")


# ---------------------------------------------------------------- the assembler

def words(source: str) -> list[int]:
    assembly = assemble("\tABS\n\tORG\t\t/100\n" + source + "\tEND\n", "orders.asm")
    assert assembly.ok, assembly.error_text()
    return [w for _, w in sorted(assembly.words.items())]


def test_every_2250_mnemonic_assembles_to_ibms_order_words():
    src = "".join("\t".join(s.split("|")) + "\n" for s in (
        "A|SGMV", "|SGMP", "|SCMB", "|SCML", "|STMR", "|SRVT", "|RVT", "|GNOP", "|SPM||12",
        "|MBA||1023,0", "|DBA||0,1023", "|MBAX||5", "|MBAY||6", "|DBAX||7", "|DBAY||8",
        "|MBI||-64,63", "|DBI||63,-1", "|GSB||/1FFF", "|GB||A", "|GB|I|A", "|GB| N|A", "|GBC||A,S",
        "|GBC||A,SD", "|GI||9", "|GI", "|GIC||3,D", "|CS||7", "|CS|R|1", "|MBS||1,2", "|DBS|R|3,4",
        "|DBS||6,7", "|MBS|D|0,0"))
    assert words(src) == [0x3200, 0x3201, 0x3300, 0x3301, 0x3400, 0x3500, 0x0000, 0x3600, 0x3100,
                          0x310C, 0x43FF, 0x0000, 0x5000, 0x03FF, 0x6005, 0x6806, 0x7007, 0x7808,
                          0xC03F, 0xBFFF, 0x1FFF, 0x2800, 0x100, 0x2880, 0x100, 0x2C00, 0x100,
                          0x2801, 0x100, 0x2803, 0x100, 0x2000, 9, 0x2000, 0, 0x2002, 3, 0x7700,
                          0x7180, 0x92BC, 0xEF00]


@pytest.mark.parametrize("line, message", [
    ("|MBA||1024,0", "x 1024 is outside 0..1023"),
    ("|DBI||64,0", "dx 64 is outside -64..63"),
    ("|SPM||16", "pen mode 16 is outside 0..15"),
    ("|GBC||/100,X", "bad condition 'X'"),
    ("|GBC||/100", "needs a condition"),
    ("|STMR||5", "takes no operand"),
    ("|GB|R|/100", "modifier 'R' is not valid with GB"),
    ("|CS||3", "CS takes 1"),
    ("|MBS||7,0", "x = 7 is a control word"),
    ("|MBA||1,2,3", "MBA takes 2 operands"),
])
def test_bad_2250_orders_are_clear_errors_with_line_and_column(line, message):
    assembly = assemble("\tABS\n" + "\t".join(line.split("|")) + "\n\tEND\n", "bad.asm")
    assert not assembly.ok
    error = assembly.errors[0]
    assert error.line == 2 and error.column > 1 and message in error.message, str(error)


# ------------------------------------------------------- images (native only)

def _compare(image_path: Path, reference: Path) -> None:
    import numpy as np
    from PIL import Image

    got = np.asarray(Image.open(image_path).convert("RGB"), dtype=np.int16)
    want = np.asarray(Image.open(reference).convert("RGB"), dtype=np.int16)
    assert got.shape == want.shape
    differ = (np.abs(got - want).max(axis=2) > 48).mean()
    assert differ < 0.002, f"{image_path.name}: {differ:.4%} of the pixels differ from {reference.name}"
    assert (got.max(axis=2) > 32).mean() > 0.001                # something is drawn


@pytest.mark.native
@pytest.mark.parametrize("name", ["gdu", "chess2250", "menu2250"])
def test_the_screens_match_their_reference_images(name, tmp_path):
    from machines.ibm1130.tools.displaypng import write_display_png

    if name == "gdu":
        if not (KIT / "gdu.asm").exists():
            pytest.skip(f"the SIMH kit not found at {KIT}")
        m, _ = gdu_machine()
        m.run(1_000_000)
        m.display.light_pen(115, 102)            # one hit: the first triangle moves up
    else:
        m = example(f"{name}.asm")
        m.run(1_000_000)
        if name == "menu2250":
            m.display.light_pen(70, 540)         # SQUARE selected
    m.run(600)
    out = tmp_path / f"{name}.png"
    write_display_png(m.display, str(out), size=REFERENCE_SIZE)
    _compare(out, REFERENCES / f"{name}.png")


@pytest.mark.native
def test_run_display_png_writes_the_screen_and_reports_a_bad_path(tmp_path, capsys):
    import numpy as np
    from PIL import Image

    from machines.ibm1130.tools import cli

    source = tmp_path / "diagonal.asm"
    source.write_text("".join("\t".join(s.split("|")) + "\n" for s in (
        "|ABS", "|ORG||/100", "START|XIO||GO", "|WAIT", "|BSS|E|0", "GO|DC||DLIST", "|DC||/C900",
        "DLIST|STMR", "|MBA||0,0", "|DBA||1023,1023", "|GB||DLIST", "|END||START")))
    out = tmp_path / "diagonal.png"
    assert cli.main(["run", str(source), "--display-png", str(out)]) == 0
    image = np.asarray(Image.open(out).convert("RGB"))
    assert image.shape == (768, 768, 3)
    lit = image.max(axis=2) > 128
    assert lit[767 - 5, 5] and lit[384, 383] and lit[5, 767 - 5]     # the diagonal, y up
    assert not lit[5, 5] and not lit[760, 760]
    assert image[384, 383, 1] > image[384, 383, 0]                   # phosphor green
    capsys.readouterr()
    bad = tmp_path / "no" / "such" / "dir.png"
    assert cli.main(["run", str(source), "--display-png", str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "cannot write" in err and "Traceback" not in err
