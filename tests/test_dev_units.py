"""Device models driven XIO by XIO on a minimal bus (no CPU): DSWs,
interrupt requests, data in core and timing in instructions, as SIMH has
them (reference sections 4.6-4.8 and 6)."""

from __future__ import annotations


import pytest

from machines.ibm1130 import codes
from machines.ibm1130.cards import Card
from machines.ibm1130.devices.console1131 import Console1131
from machines.ibm1130.devices.disk2310 import (IMAGE_BYTES, Cartridge, Disk2310, DiskImageError,
                                       WORDS_PER_SECTOR)
from machines.ibm1130.devices.papertape1134 import Papertape1134
from machines.ibm1130.devices.printer1132 import Printer1132
from machines.ibm1130.devices.reader1442 import Reader1442
from machines.ibm1130.devices.reader2501 import Reader2501


class Bus:
    """The System services of device.py, without a CPU: ``advance(n)`` runs
    n instructions' worth of device events."""

    def __init__(self, words: int = 32768) -> None:
        self.memory = [0] * words
        self.ilsw = [0] * 6
        self.instructions = 0
        self.events: dict[tuple[int, str], tuple[int, object]] = {}
        self.devices: dict[int, object] = {}

    def add_device(self, device):
        device.attach_to(self)
        for area in device.areas:
            self.devices[area] = device
        return device

    def store(self, address, word):
        self.memory[address & (len(self.memory) - 1)] = word & 0xFFFF

    def load_words(self, address, words):
        for offset, word in enumerate(words):
            self.store(address + offset, word)

    def schedule(self, device, delay, event=""):
        self.events[(device.area, event)] = (self.instructions + delay, device)

    def cancel(self, device, event=""):
        self.events.pop((device.area, event), None)

    def request_interrupt(self, level, bit):
        self.ilsw[level] |= bit

    def clear_interrupt(self, level, bit):
        self.ilsw[level] &= ~bit

    def advance(self, count):
        end = self.instructions + count
        while True:
            due = [(t, key) for key, (t, _) in self.events.items() if t <= end]
            if not due:
                break
            t, key = min(due)
            self.instructions = t
            _, device = self.events.pop(key)
            device.event(key[1])
        self.instructions = end

    def xio(self, device, function, modifier=0, address=0):
        return device.xio(function, modifier, address, device.area)


# ---------------------------------------------------------------- 2310 disk

def blank_cartridge():
    cart = Cartridge()
    for sector in range(16):
        cart.words[sector * WORDS_PER_SECTOR] = sector     # DMS sector addresses
    return cart


def test_disk_without_cartridge_is_not_ready_and_ignores_operations():
    bus = Bus()
    disk = bus.add_device(Disk2310(0))
    assert bus.xio(disk, 7) & 0x2000
    bus.memory[0x100] = 10
    bus.xio(disk, 6, 0, 0x100)
    bus.advance(1000)
    assert bus.ilsw[2] == 0
    assert bus.xio(disk, 7) & 0x2000


def test_disk_read_sector_after_50_instructions_with_interrupt():
    bus = Bus()
    disk = bus.add_device(Disk2310(0))
    cart = blank_cartridge()
    cart.words[3 * WORDS_PER_SECTOR + 1] = 0xBEEF
    disk.mount(cart)
    assert bus.xio(disk, 7) & 0xF800 == 0x0800            # ready, carriage home
    bus.memory[0x200] = 4                                 # word count
    bus.xio(disk, 6, 0x03, 0x200)                         # read sector 3
    assert bus.xio(disk, 7) & 0x3000 == 0x3000            # busy and not ready
    bus.advance(49)
    assert bus.memory[0x201] == 0 and bus.ilsw[2] == 0    # data arrives at op complete
    bus.advance(1)
    assert bus.memory[0x201:0x206] == [3, 0xBEEF, 0, 0, 0]
    assert bus.ilsw[2] == 0x8000
    dsw = bus.xio(disk, 7, 0x01)
    assert dsw & 0x4000 and not dsw & 0x8000
    assert bus.ilsw[2] == 0 and not bus.xio(disk, 7) & 0x4000


def test_disk_seek_forward_backward_and_carriage_home():
    bus = Bus()
    disk = bus.add_device(Disk2310(0))
    cart = blank_cartridge()
    cart.words[(5 * 8 + 2) * WORDS_PER_SECTOR] = 42
    disk.mount(cart)
    bus.xio(disk, 4, 0x00, 7)                              # forward 7
    bus.advance(50)
    assert disk.cylinder == 7 and bus.ilsw[2] == 0x8000
    bus.xio(disk, 7, 0x01)
    bus.xio(disk, 4, 0x04, 2)                              # backward 2
    bus.advance(50)
    assert disk.cylinder == 5
    bus.xio(disk, 7, 0x01)
    bus.memory[0x300] = 1
    bus.xio(disk, 6, 0x02, 0x300)
    bus.advance(50)
    assert bus.memory[0x301] == 42
    bus.xio(disk, 4, 0x04, 200)                            # past cylinder 0: stops there
    bus.advance(50)
    assert disk.cylinder == 0 and bus.xio(disk, 7, 1) & 0x0800


def test_disk_write_then_read_check_and_bad_word_count():
    bus = Bus()
    disk = bus.add_device(Disk2310(1))
    assert disk.area == 0x11 and disk.ilsw_bit == 0x4000
    disk.mount(blank_cartridge())
    bus.memory[0x400:0x404] = [3, 9, 0x1234, 0x5678]
    bus.xio(disk, 5, 0x01, 0x400)
    bus.advance(50)
    assert bus.ilsw[2] == 0x4000
    assert list(disk.cartridge.read_sector(1)[:4]) == [9, 0x1234, 0x5678, 0]
    bus.xio(disk, 7, 1)
    bus.xio(disk, 6, 0x81, 0x400)                          # read check: no transfer
    bus.memory[0x401] = 0
    bus.advance(50)
    assert bus.memory[0x401] == 0 and bus.xio(disk, 7, 1) & 0x4000
    bus.memory[0x400] = 400                                # too many words: data error
    bus.xio(disk, 6, 0x00, 0x400)
    bus.advance(50)
    assert bus.xio(disk, 7, 1) & 0xC000 == 0xC000


def test_disk_write_locked_cartridge_sets_data_error():
    bus = Bus()
    disk = bus.add_device(Disk2310(0))
    disk.mount(blank_cartridge(), write_locked=True)
    bus.memory[0x400:0x402] = [1, 7]
    bus.xio(disk, 5, 0x00, 0x400)
    assert bus.xio(disk, 7) & 0xA000 == 0xA000
    assert disk.cartridge.read_sector(0)[0] == 0


def test_cartridge_image_wrong_size_names_file_and_size(tmp_path):
    path = tmp_path / "short.dsk"
    path.write_bytes(bytes(1000))
    with pytest.raises(DiskImageError) as info:
        Cartridge.open(str(path))
    message = str(info.value)
    assert "short.dsk" in message and "1,042,608" in message and "1,000" in message


def test_cartridge_read_only_copy_never_changes_file(tmp_path):
    path = tmp_path / "c.dsk"
    path.write_bytes(bytes(IMAGE_BYTES))
    cart = Cartridge.open(str(path))
    cart.write_sector(5, [5] + [0xAAAA] * 320)
    assert path.read_bytes() == bytes(IMAGE_BYTES)


def test_cartridge_writable_writes_through_at_once(tmp_path):
    path = tmp_path / "w.dsk"
    path.write_bytes(bytes(IMAGE_BYTES))
    cart = Cartridge.open(str(path), writable=True)
    cart.write_sector(2, [2, 0x1234] + [0] * 319)
    data = path.read_bytes()                # visible before close: nothing to lose in a crash
    offset = 2 * WORDS_PER_SECTOR * 2
    assert data[offset:offset + 4] == bytes([2, 0, 0x34, 0x12])
    assert len(data) == IMAGE_BYTES
    cart.close()


# -------------------------------------------------------------------- 1442

def text_card(text):
    return Card.from_text(text, layout="none").columns


def test_1442_read_columns_then_op_complete():
    bus = Bus()
    reader = bus.add_device(Reader1442())
    reader.load_hopper([text_card("AB1"), text_card("XYZ")], deck="deck.txt")
    assert bus.xio(reader, 7) & 0x1001 == 0                # cards: not last, ready
    bus.xio(reader, 4, 0x04)                               # start read
    got = []
    for column in range(80):
        bus.advance(35)
        assert bus.ilsw[0] == 0x8000
        assert bus.xio(reader, 7, 0x01) & 0x8000
        bus.xio(reader, 2, 0, 0x500)
        got.append(bus.memory[0x500])
    assert got[:4] == [0x9000, 0x8800, 0x1000, 0]
    bus.advance(35)
    assert bus.ilsw[4] == 0x2000
    dsw = bus.xio(reader, 7, 0x02)
    assert dsw & 0x0800 and not dsw & 0x1000                # one more card: not last
    assert bus.ilsw[4] == 0


def test_1442_last_card_and_not_ready():
    bus = Bus()
    reader = bus.add_device(Reader1442())
    assert bus.xio(reader, 7) == 0x1001                    # nothing in the reader
    reader.load_hopper([text_card("ONLY")])
    bus.xio(reader, 4, 0x04)
    dsw = bus.xio(reader, 7)
    assert dsw & 0x1003 == 0x0003                          # busy; the card is still in the reader
    bus.advance(35 * 81)
    assert bus.xio(reader, 7, 0x03) & 0x1803 == 0x1800     # last card, op complete, ready


def test_1442_feed_cycle_raises_no_op_complete():
    bus = Bus()
    reader = bus.add_device(Reader1442())
    reader.load_hopper([text_card("A"), text_card("B")])
    bus.xio(reader, 4, 0x02)
    bus.advance(100)
    assert bus.ilsw[4] == 0 and bus.ilsw[0] == 0
    assert not bus.xio(reader, 7) & 0x0002


def test_1442_punch_with_last_column_bit():
    bus = Bus()
    reader = bus.add_device(Reader1442())
    reader.blank_cards = True
    bus.xio(reader, 4, 0x01)                                # start punch
    text = "HI"
    for column, char in enumerate(text):
        bus.advance(25)
        assert bus.xio(reader, 7, 0x01) & 0x4000
        word = codes.ascii_to_hollerith(char) | (0x0008 if column == len(text) - 1 else 0)
        bus.memory[0x600] = word
        bus.xio(reader, 1, 0, 0x600)
    bus.advance(25)
    assert bus.ilsw[4] == 0x2000
    assert reader.output_text() == "HI\n"


def test_1442_multiple_control_bits_is_an_error():
    bus = Bus()
    reader = bus.add_device(Reader1442())
    bus.xio(reader, 4, 0x06)
    assert reader.errors and "06" in reader.errors[0]


# -------------------------------------------------------------------- 2501

def test_2501_reads_whole_card_then_interrupts():
    bus = Bus()
    reader = bus.add_device(Reader2501())
    reader.load_hopper([text_card("HELLO")])
    bus.memory[0x700] = 5
    bus.xio(reader, 6, 0, 0x700)
    assert bus.xio(reader, 7) & 0x0002
    bus.advance(499)
    assert bus.memory[0x701] == 0
    bus.advance(1)
    assert bus.memory[0x701:0x706] == [codes.ascii_to_hollerith(c) for c in "HELLO"]
    assert bus.ilsw[4] == 0x1000
    dsw = bus.xio(reader, 7, 0x01)
    assert dsw & 0x0800 and dsw & 0x1000 and bus.ilsw[4] == 0


# -------------------------------------------------------------------- 1132

def program_print_line(bus, printer, text):
    """What DMS does: start the printer, on each emitter response set the
    scan field bits of the columns holding that character, then stop."""
    bus.memory[39] = 1                                     # scan field ready (empty)
    bus.xio(printer, 4, 0x80)
    printed = set()
    for _ in range(48 * 2):
        bus.advance(1250)
        assert bus.xio(printer, 7, 0x01) & 0x8000
        bus.xio(printer, 2, 0, 0x800)
        char = codes.ebcdic_to_ascii(bus.memory[0x800] >> 8)
        for word in range(32, 40):
            bus.memory[word] = 0
        for column, c in enumerate(text):
            if c == char and column not in printed:
                bus.memory[32 + column // 16] |= 0x8000 >> (column % 16)
                printed.add(column)
        bus.memory[39] |= 1
        if len(printed) == len(text.replace(" ", "")):
            break
    bus.advance(1250)                                      # hammers fire
    for word in range(32, 40):
        bus.memory[word] = 0
    bus.xio(printer, 4, 0x40)
    bus.xio(printer, 7, 0x01)


def test_1132_prints_a_line_through_the_scan_field():
    bus = Bus()
    printer = bus.add_device(Printer1132())
    program_print_line(bus, printer, "HELLO 1130")
    bus.xio(printer, 4, 0x01)                               # space
    bus.advance(1250)
    assert bus.xio(printer, 7, 0x01) & 0x2000
    assert printer.output_text() == "HELLO 1130"
    program_print_line(bus, printer, "BYE")                 # struck, not yet spaced
    assert printer.output_text() == "HELLO 1130\nBYE"


def test_1132_prints_all_120_columns_and_the_ready_bit_strikes_nothing():
    # Every column from 1 to 120 (the last scan word holds columns 113-120
    # in its high byte; its bit 15 is the ready bit, not a column).
    wheel = codes.PRINTER_1132_WHEEL.replace(" ", "")
    text = "".join(wheel[(column * 7) % len(wheel)] for column in range(120))
    bus = Bus()
    printer = bus.add_device(Printer1132())
    program_print_line(bus, printer, text)
    assert printer.output_text() == text


def test_1132_scan_check_without_ready_bit():
    bus = Bus()
    printer = bus.add_device(Printer1132())
    bus.xio(printer, 4, 0x80)
    bus.advance(1250)
    bus.xio(printer, 7, 0x01)
    bus.advance(1250)                                      # word 39 bit 15 not set
    assert bus.xio(printer, 7) & 0x0800
    assert not printer.printing


def test_1132_skip_to_channel_1_and_channel_bits():
    bus = Bus()
    printer = bus.add_device(Printer1132())
    assert bus.xio(printer, 7) & 0xFF == 0                  # line 1: no punch
    bus.xio(printer, 4, 0x04)                               # skip
    bus.advance(1250)
    dsw = bus.xio(printer, 7, 0x01)
    assert dsw & 0x4000 and dsw & 0x0080                    # skip response at channel 1
    assert printer.row == 1
    bus.xio(printer, 4, 0x02)                               # stop carriage
    for _ in range(60):                                     # space down to line 62
        bus.xio(printer, 4, 0x01)
        bus.advance(1250)
        bus.xio(printer, 7, 0x01)
    assert bus.xio(printer, 7) & 0x0001                     # channel 12


def test_1132_wheel_order_seen_by_program():
    bus = Bus()
    printer = bus.add_device(Printer1132())
    seen = []
    for _ in range(48):
        bus.xio(printer, 2, 0, 0x900)
        seen.append(codes.ebcdic_to_ascii(bus.memory[0x900] >> 8))
    assert "".join(seen) == "ABCDFHISTUV1234567890=$.',)-(+/*&JKLMNOPQREGWXYZ"


# ----------------------------------------------------------- 1131 console

def test_console_printer_characters_controls_and_timing():
    bus = Bus()
    console = bus.add_device(Console1131())
    for code in (0x09, 0x3C, 0x21, 0x05, 0x18, 0x81, 0x1C, 0x11, 0x84):   # red A space black B CR C BS -
        bus.memory[0xA00] = code << 8
        bus.xio(console, 1, 0, 0xA00)
        assert bus.xio(console, 7) & 0x0800
        bus.advance(199)
        assert bus.ilsw[4] == 0
        bus.advance(1)
        assert bus.ilsw[4] == 0x4000
        assert bus.xio(console, 7, 0x01) & 0x8000
    assert console.output_text() == "A B\n-"
    assert console.ribbon_lines()[0] == "rbb"


def test_console_keyboard_select_key_read():
    bus = Bus()
    console = bus.add_device(Console1131())
    assert console.press_char("A") is False                 # not selected: locked
    bus.xio(console, 4)
    assert bus.xio(console, 7) & 0x0200 and console.keyboard_selected
    assert console.press_char("A")
    assert bus.ilsw[4] == 0x4000
    assert bus.xio(console, 7, 0x01) & 0x4000
    bus.xio(console, 2, 0, 0xB00)
    assert bus.memory[0xB00] == 0x9000
    assert not console.keyboard_selected
    console.interrupt_request()
    assert bus.xio(console, 7, 0x01) & 0x2000 and bus.ilsw[4] == 0


def test_console_type_ahead_delivers_keys_on_selection():
    bus = Bus()
    console = bus.add_device(Console1131())
    console.type_ahead("Z\n")
    keys = []
    for _ in range(2):
        bus.xio(console, 4)
        bus.advance(1000)
        bus.xio(console, 7, 0x01)
        bus.xio(console, 2, 0, 0xB00)
        keys.append(bus.memory[0xB00])
    assert keys == [0x2010, codes.KEY_EOF]


def test_console_real_speed_is_15_5_characters_per_second():
    console = Console1131()
    console.real_speed(120_000)
    assert console.print_delay == round(120_000 / 15.5)


# ------------------------------------------------------------- 1134/1055

def test_paper_tape_reads_characters_then_not_ready_at_end():
    bus = Bus()
    tape = bus.add_device(Papertape1134())
    assert bus.xio(tape, 7) & 0x0400                        # no tape: not ready
    tape.load_tape(b"\x12\x34")
    got = []
    for _ in range(2):
        bus.xio(tape, 4)
        assert bus.xio(tape, 7) & 0x0800
        bus.advance(1000)
        assert bus.ilsw[4] == 0x8000
        dsw = bus.xio(tape, 7, 0x01)
        assert dsw & 0x4000
        bus.xio(tape, 2, 0, 0xC00)
        got.append(bus.memory[0xC00])
    assert got == [0x1200, 0x3400]
    assert dsw & 0x0400                                    # the last frame: reader not ready


def test_paper_tape_punch():
    bus = Bus()
    tape = bus.add_device(Papertape1134())
    bus.memory[0xC10] = 0xAB00
    bus.xio(tape, 1, 0, 0xC10)
    assert bus.xio(tape, 7) & 0x0300 == 0x0300              # busy, not ready while punching
    bus.advance(1000)
    assert bus.xio(tape, 7, 0x01) & 0x1300 == 0x1000
    assert tape.punched_tape() == b"\xab"


def test_disk_state_round_trip_keeps_cartridge_contents_and_pending_read(tmp_path):
    import json
    bus = Bus()
    disk = bus.add_device(Disk2310(0))
    cart = blank_cartridge()
    cart.write_sector(9, [9, 0x4242] + [0] * 319)
    disk.mount(cart)
    bus.xio(disk, 4, 0, 1)
    bus.advance(50)
    bus.xio(disk, 7, 1)
    bus.memory[0x100] = 2
    bus.xio(disk, 6, 0x01, 0x100)                          # read pending when saved
    state = json.loads(json.dumps(disk.save_state()))
    other_bus = Bus()
    other = other_bus.add_device(Disk2310(0))
    other.load_state(state)
    other_bus.schedule(other, 50, "op")
    other_bus.advance(50)
    assert other_bus.memory[0x101:0x103] == [9, 0x4242]
    assert other.cylinder == 1
