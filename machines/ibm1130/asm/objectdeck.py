"""Assembler outputs: SIMH load file, DMS object deck, core-image deck, cold start card.

* **SIMH load format** (``.out``, DESIGN.md contract): ``@addr`` lines, hex
  words, ``=start``, ``Sxxxx`` switches, ``;`` comments; a relocatable
  program's addresses and relocatable words carry asm1130's trailing ``R``.
* **DMS card-loader object deck** (reference 4.8, after asm1130's
  ``bincard_*``): 54 words per card packed 3 words to 4 columns in columns
  1-72, identification in 73-80.  A header card (program type, length,
  name, entry points), data cards (type 0x0A: load address, relocation
  indicator words, up to 45 data words), an end card (type 0x0F: length,
  transfer address), each with its checksum in word 1.  Checked word for
  word against the deck IBM's DUP punches from the same program
  (``*DUMP WS CD``) on the emulator, except header word 7, DUP's count of
  disk blocks, which the card loader does not need (0 here, as asm1130).
* **core-image deck** (SIMH mkboot's ``core`` format): the same packing,
  data cards with the word count in word 2 and up to 50 words from word 3,
  an end card with 0x8000 in word 2 and the start address in word 53.
* **cold start card**: words 0-79 punched for Program Load (cards.py).
"""

from __future__ import annotations

from .. import codes
from .constants import name_code
from ..cards import Card, coldstart_card

DATA_CARD, END_CARD = 0x0A, 0x0F
CARD_WORDS = 54
DATA_WORDS = 45
CORE_IMAGE_WORDS = 50
ISS_BASE = 0x32      # header word 12 of an ISS is 0x32 + ISS number (DUP's decks)

PROGRAM_TYPES = {"absolute": 1, "relocatable": 2, "libf": 3, "call": 4,
                 "iss_libf": 5, "iss_call": 6, "ils": 7}
"""DMS program type codes of the object deck's header card (reference 4.8),
by the names ``Assembly.program_type`` uses."""


# ------------------------------------------------------------ load file

def load_file_text(asm) -> str:
    """SIMH load-format text of an :class:`~machines.ibm1130.asm.assembly.Assembly`."""
    suffix = "R" if asm.relocatable else ""
    out = [f"; IBM 1130 load file from {asm.filename} (retro1130 assembler)"]
    if asm.relocatable:
        out.append("; relocatable program (no ABS): addresses marked R load as given")
    for kind, name in dict.fromkeys(asm.externals):
        out.append(f"; {kind} {name}: resolved by the DMS loader, not by this file")
    if asm.switches is not None:
        out.append(f"S{asm.switches:04X}")
    expected = None
    row: list[str] = []
    for rec in asm.records:
        if not rec.advances:
            continue
        if rec.address != expected:
            if row:
                out.append(" ".join(row))
                row = []
            out.append(f"@{rec.address:04X}{suffix}")
        row.append(f"{rec.word:04X}" + ("R" if rec.relocation == 1 and asm.relocatable else ""))
        if len(row) == 8:
            out.append(" ".join(row))
            row = []
        expected = (rec.address + 1) & 0xFFFF
    if row:
        out.append(" ".join(row))
    if asm.start is not None:
        out.append(f"={asm.start:04X}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------- packing

def pack_words(words) -> list[int]:
    """72 column words carrying 54 16-bit words, 3 words per 4 columns."""
    w = list(words) + [0] * (CARD_WORDS - len(words))
    columns = []
    for i in range(0, CARD_WORDS, 3):
        a, b, c = w[i] & 0xFFFF, w[i + 1] & 0xFFFF, w[i + 2] & 0xFFFF
        columns += [a & 0xFFF0,
                    ((a << 12) & 0xF000) | ((b >> 4) & 0x0FF0),
                    ((b << 8) & 0xFF00) | ((c >> 8) & 0x00F0),
                    (c << 4) & 0xFFF0]
    return columns


def unpack_words(card: Card) -> list[int]:
    """The 54 words packed in columns 1-72 of a binary card."""
    col = card.columns
    words = []
    for j in range(0, 72, 4):
        c1, c2, c3, c4 = col[j:j + 4]
        words += [(c1 & 0xFFF0) | ((c2 >> 12) & 0x000F),
                  ((c2 << 4) & 0xFF00) | ((c3 >> 8) & 0x00FF),
                  ((c3 << 8) & 0xF000) | ((c4 >> 4) & 0x0FFF)]
    return words


def _ident(name: str, sequence: int) -> list[int]:
    """Columns 73-80: the program name (up to 5 characters) and the card's
    sequence number in the columns left, as DUP punches them (``FORTX001``)."""
    name = name[:5]
    text = name + f"{sequence:0{8 - len(name)}d}"[-(8 - len(name)):]
    return [codes.ascii_to_hollerith(ch) for ch in text]


def checksum(words, sequence: int) -> int:
    """Word 1 of a card-loader card: the one's complement of the end-around-
    carry sum of the other 53 words and ``sequence - 1`` (so the sum of all
    54 words and the card's place in the deck comes to 0xFFFF).  Worked out
    from the decks IBM's DUP punches (``*DUMP WS CD``) on the emulator;
    asm1130 writes 0, which the loaders take as "no checksum"."""
    total = sequence - 1
    for i, word in enumerate(words):
        if i != 1:
            total += word & 0xFFFF
            if total > 0xFFFF:
                total = (total & 0xFFFF) + 1
    return ~total & 0xFFFF


def _card(words, name: str, sequence: int, check: bool = False) -> Card:
    words = list(words) + [0] * (CARD_WORDS - len(words))
    if check:
        words[1] = checksum(words, sequence)
    return Card(pack_words(words) + _ident(name, sequence))


# ----------------------------------------------------- DMS object deck

def object_deck(asm) -> list[Card]:
    """The DMS card-loader deck of an assembly (header, data, end cards)."""
    name = asm.program_name
    cards: list[Card] = []
    sequence = 0

    def add(words):
        nonlocal sequence
        sequence += 1
        cards.append(_card(words, name, sequence, check=True))

    header = [0] * CARD_WORDS
    kind = asm.program_type
    header[2] = (PROGRAM_TYPES[kind] << 8) | asm.real_mode
    header[3] = (program_extent(asm) + 1) & 0xFFFE      # effective length, as DUP punches it
    symbols = asm.symbols
    if kind in ("absolute", "relocatable"):
        header[5] = 3
        header[8] = asm.files_defined
        header[9], header[10] = name_code(name)
        header[11] = asm.start or 0
    elif kind in ("libf", "call"):
        header[5] = 3 * len(asm.entries)
        for i, entry in enumerate(asm.entries):
            header[9 + 3 * i], header[10 + 3 * i] = name_code(entry)
            header[11 + 3 * i] = symbols[entry].value if entry in symbols else 0
    elif kind in ("iss_libf", "iss_call"):
        levels = asm.interrupt_levels
        header[5] = 6 + len(levels)
        entry = asm.entries[0] if asm.entries else name
        header[9], header[10] = name_code(entry)
        header[11] = symbols[entry].value if entry in symbols else 0
        header[12] = asm.iss_number + ISS_BASE
        header[13] = asm.iss_number
        header[14] = len(levels)
        header[15] = levels[0] if levels else 0
        header[16] = levels[1] if len(levels) > 1 else 0
    else:                                                  # ILS
        header[2] = PROGRAM_TYPES[kind] << 8
        header[5] = 4
        header[9], header[10] = name_code(name)
        header[12] = asm.interrupt_levels[0] if asm.interrupt_levels else 0
    add(header)

    data: list = []            # records on the current card
    origin = None              # load address of the current card
    location = None            # next address expected

    def flush():
        nonlocal data
        if not data:
            return
        words = [0] * CARD_WORDS
        words[0] = origin
        words[2] = (DATA_CARD << 8) | len(data)
        for i, rec in enumerate(data):
            words[3 + i // 8] |= (rec.relocation & 3) << (14 - 2 * (i % 8))
            words[9 + i] = rec.word
        add(words)
        data = []

    breaks = dict(asm.sector_breaks)
    records = asm.records
    for index, rec in enumerate(records):
        if index in breaks:
            flush()
            location = None
            sequence += 1
            cards.append(sector_break_card(breaks.pop(index), name, sequence))
        pair = rec.relocation in (2, 3)
        if rec.address != location or len(data) >= DATA_WORDS or (pair and len(data) >= 44):
            flush()
            origin = rec.address
            location = rec.address
        data.append(rec)
        if rec.advances:
            location = (location + 1) & 0xFFFF
    flush()
    for text in breaks.values():
        sequence += 1
        cards.append(sector_break_card(text, name, sequence))

    end = [0] * CARD_WORDS
    end[0] = (program_extent(asm) + 1) & 0xFFFE
    end[2] = END_CARD << 8
    end[3] = asm.start or 0
    add(end)
    return cards


DMS_VERSION = "V2M12"


def sector_break_card(text: str, name: str, sequence: int) -> Card:
    """A ``*SBRK`` card of a DMS system deck, after asm1130: row 1 in column
    4, the card's text from column 6 in Hollerith, the DMS version in
    columns 67-71 unless the text gives one."""
    text = (text + " " * 80)[:80]
    if not text[66:71].strip():
        text = text[:66] + DMS_VERSION + text[71:]
    columns = [0, 0, 0, 0x1000, 0]
    columns += [codes.ascii_to_hollerith(ch) if codes.can_punch(ch) else 0 for ch in text[5:72]]
    return Card(columns + _ident(name, sequence))


def program_extent(asm) -> int:
    """One past the highest address the program loads or reserves."""
    return getattr(asm, "extent", 0) or (max(asm.words) + 1 if asm.words else 0)


def load_object_deck(cards, base: int = 0) -> tuple[dict[int, int], int | None]:
    """Load a DMS object deck as the card loader would, relocating by ``base``.

    Returns (words, start).  Raises ``ValueError`` for a card type this
    loader does not handle (LIBF and CALL references need DMS).
    """
    words: dict[int, int] = {}
    start = None
    header_seen = False
    for number, card in enumerate(cards, start=1):
        w = unpack_words(card)
        kind = w[2] >> 8
        if not header_seen:
            header_seen = True
            if kind not in range(1, 8):
                raise ValueError(f"card {number}: first card is type {kind:02X}, not a header")
            relocate = kind != 1
            continue
        if kind == DATA_CARD:
            count = w[2] & 0xFF
            address = (w[0] + (base if relocate else 0)) & 0xFFFF
            for i in range(count):
                reloc = (w[3 + i // 8] >> (14 - 2 * (i % 8))) & 3
                if reloc in (2, 3):
                    raise ValueError(f"card {number}: LIBF/CALL references need the DMS loader")
                value = w[9 + i]
                if reloc == 1:
                    value = (value + base) & 0xFFFF
                words[address] = value
                address = (address + 1) & 0xFFFF
        elif kind == 0x01:                     # *SBRK sector break card: no data
            continue
        elif kind == END_CARD:
            start = (w[3] + (base if relocate else 0)) & 0xFFFF
            break
        else:
            raise ValueError(f"card {number}: card type {kind:02X} is not handled")
    return words, start


# ----------------------------------------------------- core-image deck

def core_image_deck(asm) -> list[Card]:
    """mkboot's core-image deck: every word from the lowest to the highest
    loaded address (gaps as zeros), then the end card with the start address."""
    if not asm.words:
        raise ValueError("the program has no words to punch")
    low, high = min(asm.words), max(asm.words)
    name = asm.program_name
    cards = []
    address = low
    sequence = 0
    while address <= high:
        count = min(CORE_IMAGE_WORDS, high - address + 1)
        words = [address, 0, count] + [asm.words.get(address + i, 0) for i in range(count)]
        sequence += 1
        cards.append(_card(words, name, sequence))
        address += count
    end = [0] * CARD_WORDS
    end[2] = 0x8000
    end[53] = asm.start or 0
    sequence += 1
    cards.append(_card(end, name, sequence))
    return cards


def coldstart_program_card(asm) -> Card:
    """A Program Load card holding the program's words at 0-79.

    Raises ``ValueError`` if a word lies outside 0-79 or cannot be punched
    (only short instructions with F = T = 0 and bits 8-9 equal can).
    """
    outside = [a for a in asm.words if a >= 80]
    if outside:
        raise ValueError(f"a cold start card loads core 0-79; the program has words up to "
                         f"{max(outside):04X}")
    words = [asm.words.get(a, 0) for a in range(80)]
    return coldstart_card(words)


def load_core_image_deck(cards) -> tuple[dict[int, int], int | None]:
    """Read back a core-image deck: (words by address, start address)."""
    words: dict[int, int] = {}
    for number, card in enumerate(cards, start=1):
        w = unpack_words(card)
        if w[2] == 0x8000:
            return words, w[53]
        count = w[2]
        if not 0 < count <= CORE_IMAGE_WORDS:
            raise ValueError(f"card {number}: word count {count} is not 1-{CORE_IMAGE_WORDS}")
        for i in range(count):
            words[(w[0] + i) & 0xFFFF] = w[3 + i]
    raise ValueError("core-image deck has no end card")
