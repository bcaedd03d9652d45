"""Directives beyond data: subprogram types, object deck layout, conditional
assembly, listing control, literal pools (reference sections 4.8 and 7)."""

from machines.ibm1130 import codes
from machines.ibm1130.asm.constants import name_code
from machines.ibm1130.asm.assembler import assemble
from machines.ibm1130.asm.objectdeck import pack_words, unpack_words


def ok(source, filename="d.asm"):
    asm = assemble(source, filename)
    assert not asm.errors, asm.error_text()
    return asm


def test_pack_and_unpack_54_words_in_72_columns():
    words = [(i * 0x1357 + 0x0ACE) & 0xFFFF for i in range(54)]
    columns = pack_words(words)
    assert len(columns) == 72 and all(c & 0x000F == 0 for c in columns)
    assert columns[0] == words[0] & 0xFFF0                 # 12 high bits of word 0
    from machines.ibm1130.cards import Card
    assert unpack_words(Card(columns)) == words


def test_object_deck_of_a_relocatable_mainline():
    asm = ok("GO\tLD\tL\tV\n\tWAIT\nV\tDC\t\tV\n\tEND\t\tGO\n", "prog.asm")
    header, data, end = [unpack_words(c) for c in asm.object_deck()]
    assert header[2] == 0x0200                        # type 2: relocatable mainline
    assert header[5] == 3 and (header[9], header[10]) == name_code("PROG")
    assert data[0] == 0 and data[2] == 0x0A04         # load address 0, data card, 4 words
    # relocation indicators, 2 bits a word from the left: abs, rel, abs, rel
    assert data[3] == 0b00_01_00_01 << 8
    assert data[9:13] == [0xC400, 0x0003, 0x3000, 0x0003]
    assert end[2] == 0x0F00 and end[0] == 4 and end[3] == 0


def test_object_deck_identification_columns():
    deck = ok("\tABS\n\tORG\t\t/100\n\tBSS\t\t100\n\tDC\t\t1\n", "forth.asm").object_deck()
    idents = [card.ident() for card in deck]
    assert idents == ["FORTH001", "FORTH002", "FORTH003"]      # name + sequence, as DUP
    assert unpack_words(deck[0])[2] == 0x0100             # type 1: absolute
    assert deck[0].columns[72] == codes.ascii_to_hollerith("F")


def test_data_cards_hold_45_words_and_break_at_origin_changes():
    body = "".join("\tDC\t\t%d\n" % i for i in range(50))
    asm = ok("\tABS\n\tORG\t\t/200\n" + body + "\tORG\t\t/300\n\tDC\t\t7\n")
    cards = [unpack_words(c) for c in asm.object_deck()][1:-1]
    assert [(c[0], c[2] & 0xFF) for c in cards] == [(0x200, 45), (0x22D, 5), (0x300, 1)]


def test_subroutine_types_in_the_header():
    call = ok("\tENT\t\tSUB\nSUB\tDC\t\t0\n\tB\tI\tSUB\n\tEND\n", "sub.asm")
    h = unpack_words(call.object_deck()[0])
    assert call.program_type == "call" and h[2] >> 8 == 4
    assert h[5] == 3 and (h[9], h[10]) == name_code("SUB") and h[11] == 0
    libf = ok("\tLIBR\n\tENT\t\tXYZ\nXYZ\tDC\t\t0\n\tEPR\n", "x.asm")
    h = unpack_words(libf.object_deck()[0])
    assert h[2] == 0x0302                               # LIBF, extended precision
    iss = ok("\tISS\t12\tDRV 4\nDRV\tDC\t\t0\n", "d.asm")
    h = unpack_words(iss.object_deck()[0])
    assert h[2] >> 8 == 6 and h[12] == 12 + 0x32 and h[13] == 12 and h[14] == 1 and h[15] == 4
    ils = ok("\tILS\t04\n\tDC\t\t0\n", "i.asm")
    h = unpack_words(ils.object_deck()[0])
    assert h[2] == 0x0700 and h[5] == 4 and h[12] == 4


def test_subroutine_directive_errors():
    assert [str(e) for e in assemble("\tENT\t\tNONE\n", "e.asm").errors] == \
        ["e.asm:1:7: entry point NONE is not defined"]
    assert "ENT is not allowed in an ABS program" in str(
        assemble("\tABS\n\tENT\t\tX\nX\tDC\t\t0\n", "e.asm").errors[0])


def test_call_of_external_and_dsa_file_link_dump():
    asm = ok("\tCALL\t\tSQRT\n\tLINK\t\tNEXT\n\tEXIT\n\tDSA\t\tDATA\n"
             "F\tFILE\t\t1,10,32,U,V\nV\tDC\t\t0\n\tPDMP\t\t/100,/1FF,0\n")
    w = [asm.words[a] for a in sorted(asm.words)]
    assert w[0:2] == list(name_code("SQRT"))
    assert w[2:6] == [0x4400, 0x0039] + list(name_code("NEXT"))     # BSI L $LINK, name
    assert w[6] == 0x6038                              # EXIT: LDX X /38 ($EXIT)
    assert w[7:9] == list(name_code("DATA"))
    f = asm.symbols["F"].value
    assert [asm.words[f + i] for i in range(7)] == [1, 10, 32, f + 7, 0, 10, 16]
    assert w[17:22] == [0x4400, 0x003F, 0, 0x100, 0x1FF]
    assert ("DSA", "DATA") in asm.externals


def test_conditional_assembly():
    asm = ok("\tABS\nN\tEQU\t\t2\n\tAIF\t\t(N EQ 2),SKIP\n\tDC\t\t111\n"
             "SKIP\tANOP\n\tDC\t\t222\n\tAGO\t\tOVER\n\tDC\t\t333\nOVER\tDC\t\t444\n")
    assert sorted(asm.words.values()) == [222, 444]
    asm = ok("\tABS\nN\tEQU\t\t3\n\tAIF\t\t(N LT 2),SKIP\n\tDC\t\t111\nSKIP\tANOP\n")
    assert list(asm.words.values()) == [111]
    assert "no later statement is labelled NOWHERE" in assemble("\tAGO\t\tNOWHERE\n").error_text()


def test_literals_without_lorg_go_after_the_end():
    asm = ok("\tABS\n\tORG\t\t/100\n\tLD\tL\t=7\n\tEND\n")
    assert asm.words == {0x100: 0xC400, 0x101: 0x102, 0x102: 7}


def test_dmes_carries_an_odd_character_to_the_next_dmes_only():
    asm = ok("\tABS\n\tDMES\t\tABC'\n\tDC\t\t/FFFF\n")
    # the carried C is padded when the message does not continue
    assert [asm.words[a] for a in range(3)] == [0x3C18, 0x1C21, 0xFFFF]


def test_listing_controls():
    asm = ok("\tABS\n\tHDNG\t\tMY PROGRAM\n\tDC\t\t1\n\tSPAC\t\t2\n\tLIST\t\tOFF\n"
             "\tDC\t\t2\n\tLIST\t\tON\n\tEJCT\n\tDC\t\t3\n")
    listing = asm.listing()
    assert "\fMY PROGRAM" in listing
    assert listing.count("\f") == 2
    lines = listing.splitlines()
    assert not any("DC      2" in l or "DC\t\t2" in l for l in lines)
    assert any(l.startswith("  0002  0003") for l in lines)


def test_sector_break_cards():
    asm = ok("\tABS\n\tDC\t\t1\n*SBRK PHASE 2\n\tDC\t\t2\n")
    deck = asm.object_deck()
    kinds = [unpack_words(c)[2] >> 8 for c in deck]
    assert kinds == [0x01, 0x0A, 0x01, 0x0A, 0x0F]
    sbrk = deck[2]
    assert sbrk.columns[:5] == [0, 0, 0, 0x1000, 0]
    assert sbrk.to_text(substitute="~")[6:13] == "PHASE 2"
    assert sbrk.to_text(substitute="~")[66:71] == "V2M12"
    from machines.ibm1130.asm.objectdeck import load_object_deck
    assert load_object_deck(deck)[0] == {0: 1, 1: 2}


def test_aif_with_a_forward_reference_is_an_error_not_a_phase_error():
    asm = assemble("\tAIF\t\t(LATER EQ 1),SKIP\n\tDC\t\t1\nSKIP\tDC\t\t2\nLATER\tEQU\t\t1\n", "a.asm")
    assert [str(e) for e in asm.errors] == [
        "a.asm:1:8: AIF may use only symbols defined earlier in the source (both passes "
        "must take the same branch)"]
