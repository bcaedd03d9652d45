"""IBM 1130 CPU: loads, stores, effective addresses (reference 4.2, 4.4, 9)."""

from machines.ibm1130.encode import long, short
from machines.ibm1130.system import System

WAIT = 0x3000


def machine(program, data=None, start=0x100, size=4096, **registers):
    system = System(size)
    system.load_words(start, program)
    for address, words in (data or {}).items():
        system.load_words(address, words)
    system.iar = start
    for name, value in registers.items():
        setattr(system, name, value)
    return system


def test_short_ea_is_relative_to_the_advanced_iar():
    # Section 9: EA = IAR + disp with IAR already past the instruction.
    s = machine([short("LD", 2), WAIT, 0x1111, 0x2222])   # LD at 100 -> EA 101+2 = 103
    assert s.run(10) == "wait"
    assert s.acc == 0x2222


def test_negative_short_displacement():
    s = machine([0x4444, short("LD", -2), WAIT], start=0x100)
    s.iar = 0x101                                            # EA = 0x102 - 2 = 0x100
    s.run(10)
    assert s.acc == 0x4444


def test_indexed_short_uses_xr_not_iar():
    s = machine([short("LD", 3, tag=2), WAIT], data={2: [0x0300], 0x303: [0xBEEF]})
    s.run(10)
    assert s.acc == 0xBEEF


def test_long_direct_indexed_indirect_and_preindexed_indirect():
    data = {1: [0x0010], 0x200: [0xAAAA], 0x210: [0xBBBB], 0x220: [0x0200], 0x230: [0x0210]}
    cases = [(long("LD", 0x200), 0xAAAA),
             (long("LD", 0x200, tag=1), 0xBBBB),
             (long("LD", 0x220, indirect=True), 0xAAAA),
             (long("LD", 0x220, tag=1, indirect=True), 0xBBBB)]   # M[0x220 + XR1] = M[0x230] -> 0x210
    for program, expected in cases:
        s = machine(program + [WAIT], data=data)
        s.run(10)
        assert s.acc == expected, program


def test_sto_and_wrap_modulo_memory_size():
    s = machine(long("STO", 0x1005) + [WAIT], size=4096, acc=0x1234)   # 0x1005 wraps to 0x005
    s.run(10)
    assert s.memory[0x005] == 0x1234
    s = machine([short("LD", 0, tag=1), WAIT], data={1: [0xFFFF], 0xFFF: [0x7777]}, size=4096)
    s.run(10)
    assert s.acc == 0x7777                                  # XR1 + 0 = 0xFFFF masks to 0xFFF


def test_iar_wraps_at_the_top_of_memory():
    s = machine([short("LD", 0x7F)], start=0xFFF, size=4096, )
    s.memory[0x07F] = 0x5A5A
    s.store(0, WAIT)
    s.run(10)                                                # LD at FFF -> EA (000 + 7F); then WAIT at 000
    assert s.acc == 0x5A5A and s.iar == 1


def test_ldd_and_std_use_ea_or_1():
    s = machine(long("LDD", 0x201) + [WAIT], data={0x200: [0x1111, 0x2222]})
    s.run(10)
    assert (s.acc, s.ext) == (0x2222, 0x2222)             # odd EA: both get M[EA]
    s = machine(long("LDD", 0x200) + [WAIT], data={0x200: [0x1111, 0x2222]})
    s.run(10)
    assert (s.acc, s.ext) == (0x1111, 0x2222)
    s = machine(long("STD", 0x200) + long("STD", 0x203) + [WAIT], acc=0xAAAA, ext=0x5555)
    s.run(10)
    assert s.memory[0x200:0x202] == [0xAAAA, 0x5555]
    assert s.memory[0x203] == 0xAAAA and s.memory[0x202] == 0    # odd EA: EXT then ACC to the same word


def test_ldx_immediate_short_long_and_indirect():
    s = machine([short("LDX", -3, tag=1)] + long("LDX", 0x1234, tag=2) + long("LDX", 0x200, tag=3, indirect=True)
                + [WAIT], data={0x200: [0x4321]})
    s.run(10)
    assert s.xr == [0xFFFD, 0x1234, 0x4321]
    assert s.acc == 0


def test_ldx_tag0_loads_iar_absolute():
    s = machine([short("LDX", 0x40)], data={0x40: [WAIT]})
    s.run(10)
    assert s.iar == 0x41 and s.instructions == 2
    s = machine(long("LDX", 0x300, indirect=True), data={0x300: [0x0250], 0x250: [WAIT]})
    s.run(10)
    assert s.iar == 0x251


def test_stx_short_is_never_indexed_and_tag0_stores_iar():
    s = machine([short("STX", 4, tag=1), WAIT], data={1: [0x0ABC], 0x0ABC + 4: [0x5555]})
    s.run(10)
    assert s.memory[0x105] == 0x0ABC                        # EA = 0x101 + 4, XR1 is the source
    assert s.memory[0x0ABC + 4] == 0x5555                   # not XR1 + 4
    s = machine([short("STX", 3, tag=0), WAIT])
    s.run(10)
    assert s.memory[0x104] == 0x101                         # the advanced IAR


def test_stx_long_and_indirect():
    s = machine(long("STX", 0x200, tag=3) + long("STX", 0x210, tag=2, indirect=True) + long("STX", 0x220) + [WAIT],
                data={2: [0x1111], 3: [0x3333], 0x210: [0x0240]})
    s.run(10)
    assert s.memory[0x200] == 0x3333 and s.memory[0x240] == 0x1111
    assert s.memory[0x220] == 0x106


def test_lds_sets_carry_and_overflow_from_the_instruction():
    s = machine([short("LDS", 3), WAIT])
    s.run(10)
    assert s.carry and s.overflow
    s = machine([short("LDS", 2), WAIT], overflow=True)
    s.run(10)
    assert s.carry and not s.overflow


def test_sts_clears_bits_8_to_15_stores_c_v_then_resets_them():
    # Section 9: STS keeps bits 0-7, clears 8-13, C -> bit 14, V -> bit 15.
    s = machine(long("STS", 0x200) + [WAIT], data={0x200: [0xABFF]}, carry=True, overflow=False)
    s.run(10)
    assert s.memory[0x200] == 0xAB02
    assert not s.carry and not s.overflow
    s = machine(long("STS", 0x200) + [WAIT], data={0x200: [0x12FC]}, carry=False, overflow=True)
    s.run(10)
    assert s.memory[0x200] == 0x1201 and not s.overflow


def test_self_modifying_store_invalidates_decoded_instructions():
    # STO over the second word of a long instruction that already ran once.
    program = long("LD", 0x200) + long("STO", 0x101) + [short("MDX", 1, tag=1), short("MDX", -6), WAIT]
    s = machine(program, data={1: [0xFFFE], 0x200: [0x0300], 0x300: [0x9999]})
    s.run(100)
    # First pass loads M[0x200] = 0x300 and patches LD's address to 0x300; second pass loads 0x9999.
    assert s.acc == 0x9999
