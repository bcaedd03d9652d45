"""Each device driven by a real 1130 program (assembled, run on the CPU):
XIO sequences, interrupt handlers entered through the level vectors,
DSWs as the program senses them, and the data in core and on paper."""

from __future__ import annotations

from machines.ibm1130 import codes
from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.cards import Card
from machines.ibm1130.devices.disk2310 import WORDS_PER_SECTOR, Cartridge
from machines.ibm1130.machine import Ibm1130


def machine(source: str, budget: int = 200_000):
    """Assemble ``source`` (tab form), load it into a standard installation."""
    assembly = assemble("\tABS\n" + source, "test.asm")
    assert assembly.ok, assembly.error_text()
    m = Ibm1130(8192)
    m.load_image(assembly.image)
    return m, assembly.symbols


def word(symbols, system, name, offset=0):
    return system.memory[symbols[name].value + offset]


def lines(*statements: str) -> str:
    return "".join("\t".join(s.split("|")) + "\n" for s in statements)


def test_disk_seek_and_read_through_level_2_interrupts():
    source = lines(
        "|ORG||/0A", "|DC||DSKIN",                       # level 2 vector
        "|ORG||/100",
        "START|XIO||SEEK", "|WAIT",                      # the handler returns after the WAIT
        "|XIO||READ", "|WAIT",
        "|XIO||SENSE", "|STO||DSW3", "|WAIT",
        "DSKIN|DC||0", "|XIO||SNSR", "|STO||DSW2", "|MDX|L|COUNT,1", "|BOSC|I|DSKIN",
        "COUNT|DC||0", "DSW1|DC||0", "DSW2|DC||0", "DSW3|DC||0",
        "|BSS|E|0",
        "SEEK|DC||3", "|DC||/2400",                      # area 4 control: seek 3 forward
        "READ|DC||BUF", "|DC||/2603",                    # area 4 initiate read, sector 3
        "SNSR|DC||0", "|DC||/2701",                      # sense device, reset
        "SENSE|DC||0", "|DC||/2700",
        "BUF|DC||4", "|BSS||4",
        "|END||START")
    m, symbols = machine(source)
    system = m.system
    cartridge = Cartridge()
    sector = 3 * 8 + 3
    cartridge.write_sector(sector, [sector, 0x1130, 0xCAFE, 7] + [0] * (WORDS_PER_SECTOR - 4))
    m.disks[0].mount(cartridge)
    assert system.run(10_000) == "wait"
    assert word(symbols, system, "COUNT") == 2               # two op-complete interrupts
    assert word(symbols, system, "DSW2") & 0xF800 == 0x4000   # op complete, off cylinder 0
    assert [word(symbols, system, "BUF", i) for i in range(1, 5)] == [sector, 0x1130, 0xCAFE, 7]
    assert word(symbols, system, "DSW3") & 0xC000 == 0        # responses reset by the handler
    assert system.ilsw[2] == 0


def test_disk_not_ready_without_cartridge():
    source = lines("|ORG||/100", "START|XIO||SENSE", "|STO||DSW", "|WAIT",
                   "DSW|DC||0", "|BSS|E|0", "SENSE|DC||0", "|DC||/8F00",   # drive 1 (area 0x11)
                   "|END||START")
    m, symbols = machine(source)
    system = m.system
    assert system.run(1000) == "wait"
    assert word(symbols, system, "DSW") & 0x2000


def test_1442_reads_a_card_column_by_column():
    source = lines(
        "|ORG||/08", "|DC||COLIN",                       # level 0: column response
        "|ORG||/0C", "|DC||OPCIN",                       # level 4: operation complete
        "|ORG||/100",
        "START|LDX|1|0", "|XIO||READ",
        "LOOP|LD||DSW", "|BSC|L|LOOP,+-", "|WAIT",
        "COLIN|DC||0", "|STO||SAVE0", "|STX|1|RIOCC", "|LD||RIOCC", "|A||BUFA", "|STO||RIOCC",
        "|XIO||RIOCC", "|XIO||SNS0", "|MDX|1|1", "|LD||SAVE0", "|BOSC|I|COLIN",
        "OPCIN|DC||0", "|STO||SAVE4", "|XIO||SNS4", "|STO||DSW", "|LD||SAVE4", "|BOSC|I|OPCIN",
        "DSW|DC||0", "BUFA|DC||BUF", "SAVE0|DC||0", "SAVE4|DC||0",
        "|BSS|E|0",
        "READ|DC||0", "|DC||/1404",                      # area 2 control: start read
        "RIOCC|DC||0", "|DC||/1200",                     # area 2 read one column
        "SNS0|DC||0", "|DC||/1701",
        "SNS4|DC||0", "|DC||/1702",
        "BUF|BSS||80",
        "|END||START")
    m, symbols = machine(source)
    system = m.system
    card = Card.from_text("// JOB 1130", layout="none")
    m.reader.load_hopper([card.columns], deck="job.txt")
    assert system.run(100_000) == "wait"
    assert [word(symbols, system, "BUF", i) for i in range(80)] == card.columns
    assert word(symbols, system, "DSW") & 0x1800 == 0x1800   # op complete, last card


def test_2501_initiate_read_whole_card():
    source = lines(
        "|ORG||/0C", "|DC||OPCIN",
        "|ORG||/100",
        "START|XIO||READ",
        "LOOP|LD||DSW", "|BSC|L|LOOP,+-", "|WAIT",
        "OPCIN|DC||0", "|STO||SAVE", "|XIO||SNS", "|STO||DSW", "|LD||SAVE", "|BOSC|I|OPCIN",
        "DSW|DC||0", "SAVE|DC||0",
        "|BSS|E|0",
        "READ|DC||BUF", "|DC||/4E00",                    # area 9 initiate read
        "SNS|DC||0", "|DC||/4F01",
        "BUF|DC||3", "|BSS||3",
        "|END||START")
    m, symbols = machine(source)
    system = m.system
    m.reader2501.load_hopper([Card.from_text("XYZ", layout="none").columns])
    assert system.run(10_000) == "wait"
    assert [word(symbols, system, "BUF", i) for i in (1, 2, 3)] == \
        [codes.ascii_to_hollerith(c) for c in "XYZ"]
    assert word(symbols, system, "DSW") & 0x1800 == 0x1800


def test_console_printer_types_through_interrupts_and_keyboard_reads():
    source = lines(
        "|ORG||/0C", "|DC||CONIN",
        "|ORG||/100",
        "START|XIO||PRT1", "|WAIT", "|XIO||PRT2", "|WAIT",
        "|XIO||KSEL", "|WAIT", "|XIO||KRD", "|WAIT",
        "CONIN|DC||0", "|XIO||SNS", "|STO||DSW", "|BOSC|I|CONIN",
        "DSW|DC||0", "CH1|DC||/0900", "CH2|DC||/3C00", "KEY|DC||0",   # red ribbon, 'A'
        "|BSS|E|0",
        "PRT1|DC||CH1", "|DC||/0900",                    # area 1 write
        "PRT2|DC||CH2", "|DC||/0900",
        "KSEL|DC||0", "|DC||/0C00",                      # control: select keyboard
        "KRD|DC||KEY", "|DC||/0A00",                     # read key code
        "SNS|DC||0", "|DC||/0F01",
        "|END||START")
    m, symbols = machine(source)
    system = m.system
    console = m.console
    console.type_ahead("Q")
    assert system.run(10_000) == "wait"
    assert console.output_text() == "A" and console.ribbon_lines()[0] == "r"
    assert word(symbols, system, "KEY") == codes.ascii_to_hollerith("Q")
    assert word(symbols, system, "DSW") & 0x4000                   # keyboard response seen
    assert not console.keyboard_selected


def test_1132_prints_one_character_from_the_emitter():
    # On each emitter response: read the character; if it is 'H', set the
    # scan-field bit of column 3; mark the scan field ready; after the
    # hammers fired (the response after 'H'), stop the printer and space.
    source = lines(
        "|ORG||/09", "|DC||PRTIN",
        "|ORG||/100",
        "START|LD||ONE", "|STO|L|/27", "|XIO||STRT",
        "LOOP|LD||DONE", "|BSC|L|LOOP,+-", "|XIO||SPACE", "|WAIT", "|WAIT",
        "PRTIN|DC||0", "|STO||SAVE", "|XIO||SNS", "|AND||EMIT", "|BSC|L|OUT,+-",
        "|XIO||RDCH",
        "|LD||FIRED", "|BSC|L|STOP,Z",                  # 'H' already set: hammers have fired
        "|LD||CHAR", "|S||HCODE", "|BSC|L|RDY,Z",
        "|LD||COL3", "|STO|L|/20", "|STO||FIRED",
        "RDY|LD||ONE", "|OR|L|/27", "|STO|L|/27", "|LD||SAVE", "|BOSC|I|PRTIN",
        "STOP|SLA||16", "|STO|L|/20", "|XIO||STOPP", "|LD||ONE", "|STO||DONE",
        "OUT|LD||SAVE", "|BOSC|I|PRTIN",
        "ONE|DC||1", "SAVE|DC||0", "EMIT|DC||/8000", "DONE|DC||0", "FIRED|DC||0", "CHAR|DC||0",
        "HCODE|DC||/C800", "COL3|DC||/2000",
        "|BSS|E|0",
        "STRT|DC||0", "|DC||/3480",                      # area 6 control: start printer
        "STOPP|DC||0", "|DC||/3440",
        "SPACE|DC||0", "|DC||/3401",
        "RDCH|DC||CHAR", "|DC||/3200",
        "SNS|DC||0", "|DC||/3701",
        "|END||START")
    m, symbols = machine(source)
    system = m.system
    assert system.run(2_000_000) == "wait"
    assert m.printer.output_text() == "  H"
