"""Assembled programs run on the CPU: registers and core after the run."""

from machines.ibm1130.asm import loadformat
from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.asm.coreimage import CoreImage
from machines.ibm1130.asm.objectdeck import load_object_deck
from machines.ibm1130.cards import coldstart_words
from machines.ibm1130.machine import Ibm1130
from machines.ibm1130.system import System


def run(source: str, max_instructions: int = 10_000):
    asm = assemble(source, "p.asm")
    assert not asm.errors, asm.error_text()
    machine = Ibm1130(memory_words=32768)
    machine.load_image(asm.image)
    system = machine.system
    stop = system.run(max_instructions)
    assert stop == "wait", stop
    return system, asm


def sym(asm, name):
    return asm.symbols[name].value


def test_loop_sums_one_to_ten():
    system, asm = run("\tABS\n\tORG\t\t/100\n"
                      "GO\tLDX\t1\t10\n\tLD\tL\tZERO\n"
                      "LOOP\tSTX\tL1\tT\n\tA\tL\tT\n\tMDX\t1\t-1\n\tB\t\tLOOP\n"
                      "\tSTO\tL\tSUM\n\tWAIT\n"
                      "ZERO\tDC\t\t0\nT\tDC\t\t0\nSUM\tDC\t\t0\n\tEND\t\tGO\n")
    assert system.acc == 55 and system.memory[sym(asm, "SUM")] == 55
    assert system.xr == [0, 0, 0]


def test_subroutine_call_and_indirect_return():
    system, asm = run("\tABS\n\tORG\t\t/200\n"
                      "GO\tLD\t\tA\n\tBSI\tL\tDBL\n\tSTO\tL\tR\n\tWAIT\n"
                      "DBL\tDC\t\t0\n\tSLA\t\t1\n\tB\tI\tDBL\n"
                      "A\tDC\t\t21\nR\tDC\t\t0\n\tEND\t\tGO\n")
    assert system.memory[sym(asm, "R")] == 42
    assert system.memory[sym(asm, "DBL")] == 0x203       # return address stored by BSI


def test_double_integers_with_dec_and_literals():
    system, asm = run("\tABS\n\tORG\t\t/300\n"
                      "GO\tLDD\tL\tX\n\tAD\tL\t=23456\n\tSTD\tL\tZ\n"
                      "\tLD\tL\t=1234\n\tA\tL\t=/10\n\tWAIT\n\tLORG\n"
                      "X\tDEC\t\t100000\nZ\tDEC\t\t0\n\tEND\t\tGO\n")
    z = sym(asm, "Z")
    assert (system.memory[z] << 16 | system.memory[z + 1]) == 123456
    assert system.acc == 1250


def test_absolute_value_with_branch_alias():
    system, asm = run("\tABS\n\tORG\t\t/100\n"
                      "GO\tLD\tL\tV\n\tBNN\t\tPOS\n\tSTO\tL\tT\n\tSLA\t\t16\n\tS\tL\tT\n"
                      "POS\tSTO\tL\tR\n\tWAIT\n"
                      "V\tDC\t\t-5\nT\tDC\t\t0\nR\tDC\t\t0\n\tEND\t\tGO\n")
    assert system.memory[sym(asm, "R")] == 5


def test_shifts_exchange_and_mdm():
    system, asm = run("\tABS\n\tORG\t\t/100\n"
                      "GO\tLDD\tL\tP\n\tXCH\n\tSRA\t\t4\n\tMDM\tL\tC,5\n\tWAIT\n"
                      "\tBSS\tE\t0\nP\tDC\t\t/1234\n\tDC\t\t/0F00\nC\tDC\t\t10\n\tEND\t\tGO\n")
    assert system.acc == 0x00F0 and system.ext == 0x1234
    assert system.memory[sym(asm, "C")] == 15


def test_table_walk_with_bes_and_index_register():
    # BES gives its label the address after the block: count down through it
    system, asm = run("\tABS\n\tORG\t\t/100\n"
                      "GO\tLDX\t1\t-3\n\tSLA\t\t16\n"
                      "LOOP\tA\tL1\tTEND\n\tMDX\t1\t1\n\tB\t\tLOOP\n\tWAIT\n"
                      "\tDC\t\t1\n\tDC\t\t2\n\tDC\t\t4\nTEND\tBES\t\t0\n\tEND\t\tGO\n")
    assert system.acc == 7


def test_load_file_loads_the_same_words():
    asm = assemble("\tABS\n\tORG\t\t/140\nGO\tLD\tL\tV\n\tWAIT\nV\tDC\t\t9\n\tEND\t\tGO\n", "p.asm")
    image = loadformat.parse_out(asm.to_out(), "p.out")
    assert image == asm.image and image.start == 0x140


def test_relocatable_object_deck_relocates_and_runs():
    asm = assemble("GO\tLD\tL\tV\n\tA\t\tW\n\tSTO\tL\tR\n\tWAIT\n"
                   "V\tDC\t\t40\nW\tDC\t\t2\nR\tDC\t\t0\n\tEND\t\tGO\n", "rel.asm")
    assert not asm.errors and asm.relocatable
    words, start = load_object_deck(asm.object_deck(), base=0x500)
    assert start == 0x500 and words[0x501] == 0x506 and words[0x504] == 0x508
    machine = Ibm1130(memory_words=32768)
    machine.load_image(CoreImage(words, start))
    system = machine.system
    assert system.run(100) == "wait"
    assert system.acc == 42 and system.memory[0x508] == 42


def test_cold_start_card_program_boots():
    # a program in words 0-79 made only of cold-start-punchable words
    asm = assemble("\tABS\n\tORG\t\t/20\nGO\tLD\t\tX\n\tA\t\tX\n\tSTO\t\tX\n\tWAIT\n"
                   "X\tDC\t\t3\n\tEND\t\tGO\n", "boot.asm")
    card = asm.coldstart_card()
    core = coldstart_words(card)
    assert all(core[a] == asm.words.get(a, 0) for a in range(80))
    system = System(memory_words=4096)
    system.load_words(0, core)
    system.iar = 0x20
    assert system.run(100) == "wait"
    assert system.acc == 6 and system.memory[0x24] == 6


def test_relocatable_load_file_marks_load_as_given():
    # asm1130 marks relocatable addresses and words with R; loaders take them as given
    asm = assemble("GO\tLD\tL\tV\nV\tDC\t\tV\n\tEND\t\tGO\n", "r.asm")
    text = asm.to_out()
    assert "@0000R" in text and "0002R" in text
    image = loadformat.parse_out(text, "r.out")
    assert image.words == asm.words == {0: 0xC400, 1: 2, 2: 2} and image.start == 0
