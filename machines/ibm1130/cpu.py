"""The IBM 1130 processor: instruction decoding and execution.

Semantics: ../shared/reference/ibm1130.md sections 4.1-4.4 (SIMH's
``ibm1130_cpu.c`` is the executable reference, the IBM 1130 Functional
Characteristics GA26-5881 wins where they differ).

How it is fast (reference web.md section 5.4):

* memory is a plain ``list`` of ints (0-65535), ``mask`` = size - 1;
* every address has a decode cache entry (``dec[address]``), a tuple made by
  :func:`decode` from the instruction's words; a store to address ``a``
  drops ``dec[a]`` and ``dec[a - 1]`` (the long instruction whose second word
  it was; ``dec[-1]`` is the top of memory, so the wrap is free);
* each decoded tuple carries a handler specialised for its operation and
  addressing mode (direct, indexed, indirect, indexed indirect), so the
  handler does no mode tests; the handler makers are generated once from the
  per-operation templates below (one template per operation, the effective
  address expression substituted), which keeps the semantics in one place;
  decoding calls the maker with the instruction's operands, giving a
  zero-argument closure whose operands are cells, not tuple lookups;
  instructions with the shift count in the word get count-specific bodies;
* ACC, EXT, carry and overflow live in closure cells shared by the handlers
  and the ``run`` loop; IAR is the loop's local variable (each handler
  returns the next IAR).

Measured and rejected (see bench.py and machines/ibm1130/tools/dmsbench.py): an
if/elif chain on the hottest handlers inside the loop, unrolling the loop.
An earlier attempt at compiling straight-line runs into one function per
block was slower on DMS; the translator of translate.py (``run_blocks``,
on by default) answers what the profile of DMS jobs showed: code run once
never pays (a threshold of executions, counted only where control
arrives), the busy-wait loops (``LD $PBSY; BSC *-2``, a quarter of the
DUMPLET assembly's instructions) are counted rather than run, words that
are stored into are fetched from the decode cache instead of recompiled,
and compiled code is cached by source text.  Decoding itself was 15-18% of
a DMS job: a store next to code drops the decoded instruction before it;
:meth:`Core.decode` now reuses the last entry of an address whose words are
unchanged.

The instruction set itself (operation codes, formats, shift sub-operations,
condition bits, cycles) is the table of isa.py; the templates below are its
semantics, named by its mnemonics.

The few instructions that touch the rest of the machine (XIO, WAIT, BOSC and
the invalid operations) raise :class:`Slow` in the fast loop; the system
then executes them on its checked path through the ``slow`` function of the
same decoded instruction.  XIO and BOSC (INLINE_OPERATIONS) are handed to
the system's ``inline`` function instead, which runs them with the clock in
step and says whether the loop may go on: DMS's interrupt handlers and
device-polling loops (XIO sense, test, branch back) stay in the fast loop,
where the checked path cost a quarter of a DMS job's time.  A decoded instruction is a :class:`Decoded`::

    Decoded(handler, cycles, next_iar, a, tag, aux, slow, word1, word2, mode, name)

``handler()`` executes the instruction and returns the next IAR.

The decode cache holds each one's fields as a plain tuple in that order, and
the run loop reads ``d[0]`` and ``d[1]``, and the system's inline I/O path
(``System._inline``, ``_xio``, ``_bosc``, ``_display``) reads the entry by
index too; everything else reads the named tuple (:meth:`Core.decoded`,
:func:`named`).  Measured
and rejected: the named tuple itself in the cache, 0.81x on bench.py
overall (CPython specialises indexing only for exact tuples, not for
subclasses; attribute access was no faster).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from importlib.util import MAGIC_NUMBER
from typing import Any, Callable, NamedTuple

from . import isa
from .isa import (OP_BSC, OP_BSI, OP_LDS, OP_LDX, OP_MDX, OP_SHL, OP_SHR, OP_STX, OP_WAIT,
                  OP_XIO)

# The instruction set (operation codes, mnemonics, formats, shift
# sub-operations, cycles) is isa.py's table; these names are re-exported for
# the code that used to find them here.
MNEMONICS = isa.MNEMONICS
SHORT_ONLY = isa.SHORT_ONLY
SHIFT_NAMES = isa.SHIFT_NAMES
# Operations that use the general effective-address modes of 4.2.
_EA_OPS = isa.GENERAL_EA


class Decoded(NamedTuple):
    """A decoded instruction (reference 4.2-4.4), made by :meth:`Core.decode`.

    The decode cache holds the same fields as a plain tuple, in this order,
    for the run loop (see the module docstring); :meth:`Core.decoded` and
    :func:`named` give the named view that the rest of the machine reads."""

    handler: Callable[[], int]
    """Executes the instruction and returns the next IAR (raises
    :class:`Slow` for XIO, WAIT, BOSC and invalid operations)."""
    cycles: int
    """Storage cycles (isa.cycles, reference 4.10)."""
    next_iar: int
    """IAR after the fetch: the address of the next instruction."""
    a: int
    """The effective address (mode ``D``), the displacement or address word
    to index (``X``), the pointer (``I``), both (``XI``), or an immediate
    value (LDX, short MDX, MDM's address)."""
    tag: int
    """The T field, 0-3."""
    aux: int
    """Condition bits (BSC, BOSC, long BSI), the shift count, LDS's bits or
    MDM's increment."""
    slow: Callable[..., int] | None
    """The system's checked-path function ``f(decoded, ea) -> next IAR`` for
    XIO, WAIT, BOSC and invalid operations, else None."""
    word1: int
    """The first instruction word."""
    word2: int | None
    """The second word of a long instruction, None for a short one."""
    mode: str
    """Effective-address mode ``D``, ``X``, ``I``, ``XI``, or ``""``."""
    name: str
    """The operation: the mnemonic of isa.py (the shift's own: SLA ... RTE),
    ``BOSC`` (BSC with bit 9), ``MDM`` (long MDX with T = 0) or ``INVALID``."""


# Condition bits of BSC/BOSC/BSI (reference 4.4): the conditions that hold
# are computed as a mask and ANDed with the instruction's bits 10-15.
_FLAGS = """\
        f = (0x20 if acc == 0 else (0x10 if acc & 0x8000 else 0x08)) | (0 if acc & 1 else 0x04) \
| (0 if carry else 0x02) | (0 if ovf else 0x01)"""

# A store that changes the word drops the decode-cache entries covering it
# and, if a translated block owns the word (translate.py), that block; the
# same value stored again changes nothing (DMS saves an index register into
# the LDX that restores it, mostly the same value call after call).
_STORE = "if M[{0}] != {1}: M[{0}] = {1}; dec[{0}] = None; dec[{0} - 1] = None; own[{0}] and kill({0})"

# Effective-address expressions by mode (reference 4.2).
_EA = {
    "D": "a",
    "X": "(M[t] + a) & mask",
    "I": "M[a] & mask",
    "XI": "M[(M[t] + a) & mask] & mask",
}

# One template per operation that addresses memory.  ``EA`` is replaced by
# the mode's expression; each body ends by returning the next IAR.
_EA_TEMPLATES: dict[str, tuple[str, str]] = {
    # name: (nonlocal names, body)
    "LD": ("acc, afr", "acc = afr = M[EA]"),
    "LDD": ("acc, ext, afr", "ea = EA\n        acc = afr = M[ea]\n        ext = M[ea | 1]"),
    "STO": ("", "ea = EA\n        " + _STORE.format("ea", "acc")),
    # STD writes EXT to EA|1 first, then ACC to EA (odd EA: ACC remains).
    "STD": ("", "ea = EA\n        e = ea | 1\n        " + _STORE.format("e", "ext")
            + "\n        " + _STORE.format("ea", "acc")),
    "A": ("acc, carry, ovf, afr", """v = afr = M[EA]
        s = acc + v
        r = s & 0xFFFF
        carry = s >> 16
        if (acc ^ r) & (v ^ r) & 0x8000:
            ovf = 1
        acc = r"""),
    "S": ("acc, carry, ovf, afr", """v = afr = M[EA]
        r = (acc - v) & 0xFFFF
        carry = 1 if acc < v else 0
        if (acc ^ v) & (acc ^ r) & 0x8000:
            ovf = 1
        acc = r"""),
    "AD": ("acc, ext, carry, ovf, afr", """ea = EA
        afr = M[ea]
        v = (afr << 16) | M[ea | 1]
        x = (acc << 16) | ext
        s = x + v
        r = s & 0xFFFFFFFF
        carry = s >> 32
        if (x ^ r) & (v ^ r) & 0x80000000:
            ovf = 1
        acc = r >> 16
        ext = r & 0xFFFF"""),
    "SD": ("acc, ext, carry, ovf, afr", """ea = EA
        afr = M[ea]
        v = (afr << 16) | M[ea | 1]
        x = (acc << 16) | ext
        r = (x - v) & 0xFFFFFFFF
        carry = 1 if x < v else 0
        if (x ^ v) & (x ^ r) & 0x80000000:
            ovf = 1
        acc = r >> 16
        ext = r & 0xFFFF"""),
    "M": ("acc, ext, afr", """afr = M[EA]
        p = (((acc ^ 0x8000) - 0x8000) * ((afr ^ 0x8000) - 0x8000)) & 0xFFFFFFFF
        acc = p >> 16
        ext = p & 0xFFFF"""),
    # D: reference 4.4.  Zero divisor and 0x80000000 / -1 set V and leave
    # ACC and EXT unchanged ("undefined" on the hardware); any other
    # quotient overflow sets V and stores the truncated quotient and the
    # remainder (sign of the dividend), as SIMH does.
    "D": ("acc, ext, ovf, afr", """v = afr = M[EA]
        if v == 0:
            ovf = 1
        else:
            n = (acc << 16) | ext
            if n < 0x80000000 and v < 0x8000:   # both positive: the common case
                q = n // v
                if q > 32767:
                    ovf = 1
                acc = q & 0xFFFF
                ext = n - q * v
                return nxt
            if n & 0x80000000:
                n -= 0x100000000
            v = (v ^ 0x8000) - 0x8000
            if n == -0x80000000 and v == -1:
                ovf = 1
            else:
                # Truncating division (the remainder keeps the dividend's
                # sign).  |n| < 2**32 and |v| < 2**16, so the float quotient
                # is never within rounding of the wrong integer.
                q = int(n / v)
                if q < -32768 or q > 32767:
                    ovf = 1
                acc = q & 0xFFFF
                ext = (n - q * v) & 0xFFFF"""),
    "AND": ("acc, afr", "afr = M[EA]\n        acc &= afr"),
    "OR": ("acc, afr", "afr = M[EA]\n        acc |= afr"),
    "EOR": ("acc, afr", "afr = M[EA]\n        acc ^= afr"),
    # STS: bits 8-13 cleared, C -> bit 14, V -> bit 15, then C and V reset.
    "STS": ("carry, ovf", """ea = EA
        v = (M[ea] & 0xFF00) | (2 if carry else 0) | (1 if ovf else 0)
        """ + _STORE.format("ea", "v") + """
        carry = 0
        ovf = 0"""),
    # BSI: store the return address (the next instruction) at EA, go to EA+1.
    "BSI": ("", "ea = EA\n        " + _STORE.format("ea", "nxt") + "\n        return (ea + 1) & mask"),
    # Long BSI with conditions: no store and no branch if any holds.
    "BSIC": ("ovf", _FLAGS.strip() + """
        c = aux
        if c & 1:
            ovf = 0
        if c & f:
            return nxt
        ea = EA
        """ + _STORE.format("ea", "nxt") + "\n        return (ea + 1) & mask"),
    # Long BSC: continue in sequence if any condition holds, else branch.
    "BSCL": ("ovf", _FLAGS.strip() + """
        c = aux
        if c & 1:
            ovf = 0
        if c & f:
            return nxt
        return EA"""),
    # STX stores XR[T], or the (advanced) IAR when T = 0; never indexed.
    "STX": ("", "ea = EA\n        v = M[t] if t else nxt\n        " + _STORE.format("ea", "v")),
    # LDX: immediate value (mode D: a) or M[address] (mode I), to XR[T].
    "LDX": ("", _STORE.format("t", "VALUE")),
    # LDX with T = 0 loads IAR: a branch.
    "LDXB": ("", "return VALUE & mask"),
    # MDX long with T != 0: XR[T] += address or M[address].
    "MDXL": ("", """o = M[t]
        n = (o + VALUE) & 0xFFFF
        """ + _STORE.format("t", "n") + """
        if n == 0 or (o ^ n) & 0x8000:
            return (nxt + 1) & mask"""),
}

# Templates that take no effective address (the immediate/static forms).
_PLAIN_TEMPLATES: dict[str, tuple[str, str]] = {
    "BSCS": ("ovf", _FLAGS.strip() + """
        c = aux
        if c & 1:
            ovf = 0
        if c & f:
            return (nxt + 1) & mask"""),
    "JMP": ("", "return a"),
    "NOP": ("", ""),
    # MDX short with T != 0: XR[T] += displacement; skip on zero or sign change.
    "MDXS": ("", """o = M[t]
        n = (o + a) & 0xFFFF
        """ + _STORE.format("t", "n") + """
        if n == 0 or (o ^ n) & 0x8000:
            return (nxt + 1) & mask"""),
    # MDX long with T = 0 ("MDM"): M[address] += sign-extended bits 8-15.
    "MDM": ("", """o = M[a]
        n = (o + aux) & 0xFFFF
        """ + _STORE.format("a", "n") + """
        if n == 0 or (o ^ n) & 0x8000:
            return (nxt + 1) & mask"""),
    # MDM with a zero increment (``MDX L X,0``, the 1130's test of a word
    # for zero, DMS's busy-wait on an I/O flag): the store would write the
    # word back unchanged, so it is left out; a translated wait loop then
    # stores nothing and is counted rather than run (translate.py).
    "MDM0": ("", """if M[a] == 0:
            return (nxt + 1) & mask"""),
    "LDS": ("carry, ovf", "carry = aux >> 1\n        ovf = aux & 1"),
    # Shifts (reference 4.4).  COUNT is aux (T = 0) or XR[T] & 0x3F.
    # SLA: C = the last bit shifted out of bit 0; counts above 16 clear both.
    "SLA": ("acc, carry", """n = COUNT
        if n:
            if n <= 16:
                carry = (acc >> (16 - n)) & 1
                acc = (acc << n) & 0xFFFF
            else:
                carry = 0
                acc = 0"""),
    "SLT": ("acc, ext, carry", """n = COUNT
        if n:
            v = (acc << 16) | ext
            if n <= 32:
                carry = (v >> (32 - n)) & 1
                v = (v << n) & 0xFFFFFFFF
            else:
                carry = 0
                v = 0
            acc = v >> 16
            ext = v & 0xFFFF"""),
    # SLCA/SLC with an index register: shift until bit 0 is 1 or the count
    # runs out; the remaining count replaces XR[T] bits 8-15; C = count left.
    "SLCA": ("acc, carry", """x = M[t]
        n = x & 0x3F
        if n:
            while n and not acc & 0x8000:
                acc = (acc << 1) & 0xFFFF
                n -= 1
            carry = 1 if n else 0
            """ + _STORE.format("t", "(x & 0xFF00) | n")),
    "SLC": ("acc, ext, carry", """x = M[t]
        n = x & 0x3F
        if n:
            v = (acc << 16) | ext
            while n and not v & 0x80000000:
                v = (v << 1) & 0xFFFFFFFF
                n -= 1
            carry = 1 if n else 0
            acc = v >> 16
            ext = v & 0xFFFF
            """ + _STORE.format("t", "(x & 0xFF00) | n")),
    # SRA is logical: zeros enter bit 0 (FC "Shift Right Logical A").
    "SRA": ("acc", "acc >>= COUNT"),
    # SRT is arithmetic on ACC:EXT; bits leave EXT bit 15.
    "SRT": ("acc, ext", """n = COUNT
        if n:
            v = (acc << 16) | ext
            if v & 0x80000000:
                v -= 0x100000000
            v = (v >> n) & 0xFFFFFFFF
            acc = v >> 16
            ext = v & 0xFFFF"""),
    "RTE": ("acc, ext", """n = COUNT & 31
        if n:
            v = (acc << 16) | ext
            v = ((v >> n) | (v << (32 - n))) & 0xFFFFFFFF
            acc = v >> 16
            ext = v & 0xFFFF"""),
}


# Shifts with the count in the instruction (T = 0): the count is known when
# decoding, so the decoder picks one of these with the constants ready
# (aux = count, a = its complement) and no count tests run per execution.
_STATIC_SHIFT_TEMPLATES: dict[str, tuple[str, str]] = {
    "SLA_S": ("acc, carry", "carry = (acc >> a) & 1\n        acc = (acc << aux) & 0xFFFF"),     # a = 16 - n
    "SLT_S": ("acc, ext, carry", """v = (acc << 16) | ext
        carry = (v >> a) & 1
        v = (v << aux) & 0xFFFFFFFF
        acc = v >> 16
        ext = v & 0xFFFF"""),                                                              # a = 32 - n
    "SLA_Z": ("acc, carry", "carry = 0\n        acc = 0"),                                 # n > 16
    "SLT_Z": ("acc, ext, carry", "carry = 0\n        acc = 0\n        ext = 0"),           # n > 32
    "SRA_S": ("acc", "acc >>= aux"),
    "SRT_S": ("acc, ext", """v = ((((acc ^ 0x8000) - 0x8000) << 16) | ext) >> aux
        acc = (v >> 16) & 0xFFFF
        ext = v & 0xFFFF"""),
    "RTE_S": ("acc, ext", """v = (acc << 16) | ext
        v = ((v >> aux) | (v << a)) & 0xFFFFFFFF
        acc = v >> 16
        ext = v & 0xFFFF"""),                                                              # a = 32 - n % 32
}


_new = tuple.__new__


def named(entry: tuple) -> Decoded:
    """The :class:`Decoded` view of a decode-cache entry (no copy of the
    fields' values; half the time of ``Decoded._make``, which also checks
    the length)."""
    return _new(Decoded, entry)


class Slow(Exception):
    """Raised by the fast handler of XIO, WAIT, BOSC and invalid operations:
    the system executes them on its checked path."""


def _raise_slow() -> int:
    raise Slow


def _make_slow(nxt: int, a: int, t: int, aux: int) -> Callable[[], int]:
    return _raise_slow


def _handler_source(name: str, nonlocals: str, body: str) -> str:
    """A maker ``mk_NAME(nxt, a, t, aux)`` returning the handler for one
    decoded instruction: the fields next_iar, a, tag and aux of
    :class:`Decoded`, which the templates name ``nxt``, ``a``, ``t`` and
    ``aux``, become closure cells, so the handler does no indexing."""
    body = body.lstrip()
    for cell in ("nxt", "a", "t", "aux"):
        if f"\n{cell} = " in "\n" + "\n".join(line.strip() for line in body.split("\n")):
            raise AssertionError(f"template {name} assigns the cell {cell!r}")
    lines = [f"    def mk_{name}(nxt, a, t, aux):", "        def h():"]
    if nonlocals:
        lines.append(f"            nonlocal {nonlocals}")
    lines.append("            " + body.replace("\n        ", "\n            ") if body else "            pass")
    # Fall through to the next instruction unless the body ends in a
    # return at the function's own level.
    if not lines[-1].splitlines()[-1].startswith("            return"):
        lines.append("            return nxt")
    lines.append("        return h")
    return "\n".join(lines) + "\n"


#: The body of each handler by name (``LD_X``, ``BSCS``, ``SRA_S``...), with
#: the effective address, VALUE and COUNT substituted: the block translator
#: (translate.py) inlines these, so the semantics stay in one place.
BODIES: dict[str, str] = {}


# Both run loops end the same way on an XIO, WAIT, BOSC or invalid
# operation (Slow): an XIO or BOSC goes to the system's ``inline`` and the
# loop goes on (Core's docstring), anything else returns to the system.
_SLOW_BRANCH = """\
            except Slow:
                if inline is None or d[10] not in INLINE:
                    return i, pc, cy, d
                cy += d[1]
                pc, n = inline(d, i, n)
                i += 1
                d = None
                if i >= n:
                    return i, pc, cy, d
"""


def _core_source() -> str:
    parts = []
    for op, (nonlocals, body) in _EA_TEMPLATES.items():
        for mode, expr in _EA.items():
            text = body.replace("EA", expr)
            if "VALUE" in text:
                text = text.replace("VALUE", "a" if mode == "D" else "M[a]")
                if mode not in ("D", "I"):
                    continue
            BODIES[f"{op}_{mode}"] = text
            parts.append(_handler_source(f"{op}_{mode}", nonlocals, text))
    for op, (nonlocals, body) in list(_PLAIN_TEMPLATES.items()) + list(_STATIC_SHIFT_TEMPLATES.items()):
        if "COUNT" in body:
            BODIES[f"{op}_D"] = body.replace("COUNT", "aux")
            BODIES[f"{op}_X"] = body.replace("COUNT", "(M[t] & 0x3F)")
            parts.append(_handler_source(f"{op}_D", nonlocals, BODIES[f"{op}_D"]))
            parts.append(_handler_source(f"{op}_X", nonlocals, BODIES[f"{op}_X"]))
        else:
            BODIES[op] = body
            parts.append(_handler_source(f"{op}", nonlocals, body))
    handlers = "".join(parts)
    names = [line.split("(")[0][8:] for line in handlers.splitlines() if line.startswith("    def mk_")]
    table = ", ".join(f"{n[3:]!r}: {n}" for n in names)
    return f'''
def build(M, dec, mask, decode, own, kill, blk, heat, translate, threshold, inline):
    acc = 0
    ext = 0
    carry = 0
    ovf = 0
    afr = 0

    def get():
        return acc, ext, carry, ovf

    def put(a, e, c, v):
        nonlocal acc, ext, carry, ovf
        acc, ext, carry, ovf = a & 0xFFFF, e & 0xFFFF, 1 if c else 0, 1 if v else 0

    def put_acc(a):
        nonlocal acc
        acc = a

    def put_all(a, e, c, v, f):
        # With AFR: a translated block around a handler it calls (cells() reads them back).
        nonlocal acc, ext, carry, ovf, afr
        acc, ext, carry, ovf, afr = a, e, c, v, f

    def conditions(c):
        """True if any condition in bits 10-15 holds; testing O resets V."""
        nonlocal ovf
{_FLAGS}
        if c & 1:
            ovf = 0
        return bool(c & f)

{handlers}
    def run(n, pc):
        # An XIO or BOSC raises Slow; inline(d, i, n) executes it for the
        # system with its clock in step and returns (next IAR, new budget),
        # so device-polling code and interrupt handlers stay in this loop.
        cy = 0
        d = None
        i = 0
        while True:
            try:
                for i in range(i, n):
                    d = dec[pc]
                    if d is None:
                        d = decode(pc)
                    pc = d[0]()
                    cy += d[1]
                return n, pc, cy, d
{_SLOW_BRANCH}
    def run_blocks(n, pc):
        nonlocal acc, ext, carry, ovf, afr
        # The run loop with translated blocks (translate.py): blk[pc] is
        # (function, most instructions, spins, head); the function takes
        # the room and the registers and returns (next IAR, instructions,
        # cycles, decoded entry executed last, the registers).  A block runs
        # only if its longest path fits in the budget; otherwise, and where
        # no block is translated, one instruction is interpreted as in run().
        # A block that loops on itself with stores iterates inside while
        # another pass fits in the room it is given (n - i).
        # A block that loops on itself without stores and leaves the
        # registers as they were will do the same until the budget ends:
        # its remaining iterations are counted, not run.
        cy = 0
        d = None
        i = 0
        while True:
            try:
                while i < n:
                    b = blk[pc]
                    if b is not None:
                        if i + b[1] <= n:
                            if b[2]:
                                r = (acc, ext, carry, ovf)
                                p, k, c, last, acc, ext, carry, ovf, afr = b[0](n - i, acc, ext, carry, ovf, afr)
                                i += k
                                cy += c
                                if last is not None:
                                    d = last
                                if p == pc and k and r == (acc, ext, carry, ovf):
                                    reps = (n - i) // k
                                    i += reps * k
                                    cy += reps * c
                                pc = p
                                continue
                            pc, k, c, last, acc, ext, carry, ovf, afr = b[0](n - i, acc, ext, carry, ovf, afr)
                            i += k
                            cy += c
                            if last is not None:
                                d = last
                            continue
                    else:
                        h = heat[pc] + 1
                        heat[pc] = h
                        if h == threshold and translate(pc):
                            continue
                    # Interpret up to the next transfer of control (a branch or
                    # a skip taken): blocks are looked up and heat counted only
                    # at the addresses control goes to.
                    while True:
                        d = dec[pc]
                        if d is None:
                            d = decode(pc)
                        p = d[0]()
                        cy += d[1]
                        i += 1
                        if p != d[2] or i >= n:
                            pc = p
                            break
                        pc = p
                return n, pc, cy, d
{_SLOW_BRANCH}
    handlers = {{{table}}}
    def cells():
        return acc, ext, carry, ovf, afr

    return get, put, put_acc, conditions, handlers, run, run_blocks, cells, put_all
'''


#: Checked-path operations the run loops hand to the system's ``inline``
#: function without leaving (Core's docstring).
INLINE_OPERATIONS = frozenset({"XIO", "BOSC"})

CORE_FILENAME = "<ibm1130 cpu core>"


def core_cache_key(source: str) -> bytes:
    """What a stored compiled core must start with to be used for
    ``source``: the bytecode version, then a digest of the source."""
    return MAGIC_NUMBER + hashlib.sha256(source.encode()).digest()[:16]


def _compiled_core(source: str, path: str | None = None) -> Any:
    """The generated core compiled.  build.py stores it compiled in the
    browser's wheel (``path``, by default ``__pycache__/cpu_core.<cache
    tag>.bin`` here: the core_cache_key, then the marshalled code), which
    saves Pyodide ~50 ms of compile at each page start (issue 12, item 8);
    without that file, or when it was made for another source or
    interpreter, or is damaged, it is compiled here."""
    if path is None:
        path = os.path.join(os.path.dirname(__file__), "__pycache__",
                            f"cpu_core.{sys.implementation.cache_tag}.bin")
    key = core_cache_key(source)
    try:
        with open(path, "rb") as f:
            data = f.read()
        if data.startswith(key):
            return marshal.loads(data[len(key):])
    except (OSError, EOFError, ValueError, TypeError):
        pass
    return compile(source, CORE_FILENAME, "exec")


_namespace: dict[str, Any] = {"Slow": Slow, "INLINE": INLINE_OPERATIONS}
exec(_compiled_core(_core_source()), _namespace)  # noqa: S102 - generated once, see module docstring
_build = _namespace["build"]


# How decode makes an instruction's operand ``a`` (Core._plan).
_CONSTANT, _RELATIVE, _LONG, _LONG_MASKED = 0, 1, 2, 3


def _signed8(value: int) -> int:
    return value - 256 if value & 0x80 else value


class Core:
    """The processor's registers and execution loop over a memory list.

    ``memory`` is the core list (shared with the system, never replaced),
    ``size`` its length (a power of two).  ACC/EXT/carry/overflow are read and
    written with :meth:`registers` and :meth:`set_registers`.  ``slow``
    maps ``"XIO"``, ``"WAIT"``, ``"INVALID"``, ``"BOSC"`` to functions
    ``f(d, ea) -> next IAR`` supplied by the system (they need the bus and
    the interrupt levels): ``d`` the :class:`Decoded` instruction, ``ea``
    its effective address now (:meth:`effective_address`).

    ``inline(d, i, n) -> (next IAR, budget)``, if given, executes an XIO or
    BOSC (INLINE_OPERATIONS) met inside ``run`` without leaving it: ``d``
    is its cache entry, ``i`` the instructions this call executed before
    it, ``n`` the call's budget; it returns the next IAR and the budget
    the call goes on with (``i + 1`` to stop after it).  The system keeps
    its clock in step there, so devices see the same instruction counts
    as on the checked path.
    """

    def __init__(self, memory: list[int], slow: dict[str, Callable[..., int]],
                 translate: bool | None = None, threshold: int | None = None,
                 inline: Callable[[tuple, int, int], tuple[int, int]] | None = None) -> None:
        from .translate import Translator, default_threshold, translating_by_default

        self.memory = memory
        self.mask = len(memory) - 1
        self.dec: list[tuple | None] = [None] * len(memory)
        self._last: list[tuple | None] = [None] * len(memory)
        self._plans: list[tuple | None] = [None] * 65536
        self.slow = slow
        self.translating = translating_by_default() if translate is None else bool(translate)
        self.translator = Translator(self, BODIES, default_threshold() if threshold is None else threshold)
        t = self.translator
        get, put, put_acc, conditions, handlers, run, run_blocks, cells, put_all = _build(
            memory, self.dec, self.mask, self.decode, t.own, t.kill, t.blk, t.heat, t.translate,
            t.threshold, inline)
        self.registers = get
        self.set_registers = put
        self.set_acc = put_acc
        """``set_acc(value)``: ACC only (0-65535, not checked; XIO's)."""
        self.conditions = conditions
        self.handlers = handlers
        self.cells = dict(zip(cells.__code__.co_freevars, cells.__closure__ or ()))
        self.afr_cell = self.cells["afr"]
        """AFR (the arithmetic factor register, a display register): set by
        the arithmetic operations' handlers and blocks (the operand they
        read) and by XIO (its IOCC's second word); ``cell_contents``."""
        self.get_all, self.put_all = cells, put_all
        """The five registers of a translated block (ACC, EXT, C, V, AFR),
        as a tuple and set at once, around a handler it calls."""
        t.threshold_cell = dict(zip(run_blocks.__code__.co_freevars, run_blocks.__closure__ or ()))["threshold"]
        self.run = run_blocks if self.translating else run
        """``run(n, iar) -> (executed, iar, cycles, last)``: execute up to
        ``n`` instructions, stopping before the first slow one; ``last`` is
        the cache entry of the instruction last executed or stopped at (None
        if ``n`` is 0): :func:`named` makes it a :class:`Decoded`.  With
        ``translate`` on, hot code runs as translated blocks (translate.py),
        with the same result instruction for instruction."""

    def invalidate(self, address: int | None = None) -> None:
        """Drop decode-cache entries and translated blocks: all (``None``)
        or those covering ``address``."""
        if address is None:
            self.dec[:] = [None] * len(self.dec)
            self.translator.reset()
        else:
            address &= self.mask
            self.dec[address] = None
            self.dec[address - 1] = None
            if self.translator.own[address]:
                self.translator.kill(address, False)

    def decode(self, address: int) -> tuple:
        """Decode the instruction at ``address``, cache it and return the
        cache entry: the fields of :class:`Decoded` as a plain tuple (the
        run loop's form; :meth:`decoded` gives the named one)."""
        M = self.memory
        mask = self.mask
        w = M[address]
        # The entry decoded here last time, if its words are unchanged: a
        # store next to code (DMS keeps variables between instructions)
        # drops the entry of the instruction before it, which is mostly
        # still the same instruction.  An entry depends only on the address
        # and its words.
        d = self._last[address]
        if d is not None and d[7] == w and (d[8] is None or d[8] == M[(address + 1) & mask]):
            self.dec[address] = d
            return d
        plan = self._plans[w]
        if plan is None:
            plan = self._plans[w] = self._plan(w)
        maker, cycles, t, aux, slow, mode, key, how, c = plan
        if how >= _LONG:
            w2 = M[(address + 1) & mask]
            nxt = (address + 2) & mask
            a = w2 & mask if how == _LONG_MASKED else w2
        else:
            w2 = None
            nxt = (address + 1) & mask
            a = (nxt + c) & mask if how == _RELATIVE else c
        # The fields of Decoded, in order, as a plain tuple (module docstring).
        d = (maker(nxt, a, t, aux), cycles, nxt, a, t, aux, slow, w, w2, mode, key)
        self.dec[address] = d
        self._last[address] = d
        return d

    def _plan(self, w: int) -> tuple:
        """What decoding the first word ``w`` gives wherever it stands:
        ``(maker, cycles, tag, aux, slow, mode, name, how, c)``; ``how``
        says how the operand ``a`` comes from the address and second word
        (``_CONSTANT``: ``c``; ``_RELATIVE``: next IAR + ``c``; ``_LONG``:
        the second word; ``_LONG_MASKED``: it within memory).  Memoised per
        word by :meth:`decode` (a new decode is half the work it was)."""
        H = self.handlers
        op = w >> 11
        t = (w >> 8) & 3
        disp = _signed8(w & 0xFF)
        name = MNEMONICS[op]
        long = bool(w & 0x0400) and op not in SHORT_ONLY
        indirect = long and bool(w & 0x80)
        aux = 0
        slow = None
        mode = ""
        how, c = _CONSTANT, 0
        key = name
        if name is None:
            name = key = "INVALID"
            handler = _make_slow
            slow = self.slow["INVALID"]
        elif op in _EA_OPS or op == OP_BSC and long:
            if not long:
                mode, how, c = ("X", _CONSTANT, disp) if t else ("D", _RELATIVE, disp)
            elif t:
                mode, how = ("XI" if indirect else "X"), _LONG
            else:
                mode, how = ("I" if indirect else "D"), _LONG_MASKED
            kind = name
            if op == OP_BSI and long and w & 0x3F:
                kind, aux = "BSIC", w & 0x3F
            elif op == OP_BSC:
                kind, aux = "BSCL", w & 0x3F
            if op == OP_XIO or (op == OP_BSC and w & 0x40):
                handler = _make_slow
                slow = self.slow["XIO" if op == OP_XIO else "BOSC"]
                key = "BOSC" if op == OP_BSC else key
            else:
                handler = H[f"{kind}_{mode}"]
        elif op == OP_BSC:  # short: skip
            aux = w & 0x3F
            handler = H["BSCS"]
            if w & 0x40:
                handler, slow, key = _make_slow, self.slow["BOSC"], "BOSC"
        elif op == OP_LDX:
            mode = "I" if indirect else "D"
            if long:
                how = _LONG_MASKED if indirect else _LONG
            else:
                c = disp & 0xFFFF
            handler = H[f"LDX_{mode}" if t else f"LDXB_{mode}"]
        elif op == OP_STX:
            if not long:
                mode, how, c = "D", _RELATIVE, disp
            else:
                mode, how = ("I" if indirect else "D"), _LONG_MASKED
            handler = H[f"STX_{mode}"]
        elif op == OP_MDX:
            if not long:
                if t:
                    c, handler = disp, H["MDXS"]
                else:
                    how, c, handler = _RELATIVE, disp, H["JMP"]
            elif t:
                mode = "I" if indirect else "D"
                how = _LONG_MASKED if indirect else _LONG
                handler = H[f"MDXL_{mode}"]
            else:
                how, aux, handler, key = _LONG_MASKED, disp, H["MDM" if disp else "MDM0"], "MDM"
        elif op in (OP_SHL, OP_SHR):
            kind = SHIFT_NAMES[(op, (w >> 6) & 3)]
            key = kind or "INVALID"
            if kind is None:
                handler, slow = _make_slow, self.slow["INVALID"]
            else:
                if not t:  # SLCA/SLC need an index register for the count write-back
                    kind = {"SLCA": "SLA", "SLC": "SLT"}.get(kind, kind)
                    aux = w & 0x3F
                    width = 16 if kind == "SLA" else 32
                    if kind == "RTE":
                        aux %= 32
                        c = 32 - aux
                    elif kind in ("SLA", "SLT"):
                        c = width - aux
                    if not aux:
                        handler = H["NOP"]
                    elif kind in ("SLA", "SLT") and aux > width:
                        handler = H[f"{kind}_Z"]
                    else:
                        handler = H[f"{kind}_S"]
                else:
                    handler = H[kind] if kind in ("SLCA", "SLC") else H[f"{kind}_X"]
        elif op == OP_LDS:
            aux, handler = w & 3, H["LDS"]
        elif op == OP_WAIT:
            handler, slow = _make_slow, self.slow["WAIT"]
        else:  # pragma: no cover - every op is handled above
            raise AssertionError(op)
        cycles = isa.cycles(None if key == "INVALID" else op, long, t, indirect)
        return handler, cycles, t, aux, slow, mode, key, how, c

    def decoded(self, address: int) -> Decoded:
        """The decoded instruction at ``address`` (from the cache), named."""
        address &= self.mask
        return _new(Decoded, self.dec[address] or self.decode(address))

    def effective_address(self, d: Decoded) -> int | None:
        """The effective address a decoded instruction uses now (for the
        display registers), or ``None`` if it has no memory operand."""
        # By index (d may be a cache entry too): every XIO and BOSC asks.
        mode = d[9]
        if mode == "D":
            return d[3] & self.mask
        if not mode:
            return d[3] if d[10] == "MDM" else None
        M = self.memory
        mask = self.mask
        if mode == "X":
            return (M[d[4]] + d[3]) & mask
        if mode == "I":
            return M[d[3]] & mask
        return M[(M[d[4]] + d[3]) & mask] & mask
