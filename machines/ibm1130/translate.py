"""Hot-block translation for the IBM 1130 CPU: straight-line code that has
run often becomes one Python function.

The interpreter (cpu.py's run loop) counts how often it starts an
instruction at each address (``heat``).  When an address reaches the
threshold, :meth:`Translator.translate` follows the code from there along
its fall-through path and writes one Python function for it:

* each instruction's code is the body of its cpu.py template (``cpu.BODIES``,
  the interpreter's handlers are made of the same text), read once into a
  ``blockcode.Template`` whose lines are format strings over the decoded operands
  (next IAR, address, tag, count, memory mask) with the places to
  specialise marked: the effective address when it is the operand (then a
  literal everywhere), the stores (the block test left out for words
  0-3), the returns (a constant target computed when translating) and the
  BSC/BSI condition test (written for the bits the instruction tests).
  An instruction's code is thus written folded at once; nothing rewrites
  generated lines afterwards;
* unconditional jumps with a constant target (short MDX with T = 0, BSC L
  with no condition, LDX to IAR, BSI without conditions) are followed, not
  left: the block goes on at the target;
* a skip or a conditional branch taken leaves the block (``return``) with
  the number of instructions and cycles executed so far; the block ends at
  its first unconditional transfer to a computed address, at an instruction
  for the checked path (XIO, WAIT, BOSC, invalid operations), at a jump back
  into itself, or after ``MAX_INSTRUCTIONS``;
* a block that stores runs as a loop: a branch or skip back to its start
  goes round again inside the function while another pass fits in the room
  it was given; a block that leaves for other code counts its runs and,
  after ``promote_at`` of them, is translated again as a *region*: up to
  ``MAX_CASES`` paths in one function (its own, the warm places it leaves
  for at constant addresses, the places its subroutines return to), with
  the moves between them (``pc``) made inside under the same room test,
  computed branches (a subroutine's ``BSC I``, a stored jump) included; a
  case's path stops where another case starts and moves there, so no code
  is written twice;
* exits, moves, stores and the tests after stores stay objects
  (blockcode's ``Exit``, ``Check``, ``Call``, ``Store``) until
  ``_assemble`` writes them for the block's shape (returns, or moves and
  returns in a looping block, which drops what its constant stores drop
  once before its loop);
* the function is ``blk(room, acc, ext, carry, ovf, afr)``: the registers
  (AFR too, the display register the arithmetic operations set) come in
  as arguments (locals inside, the fastest variables) and go back with
  the result, ``(next IAR, instructions, cycles, last, acc, ext, carry,
  ovf, afr)``, ``last`` being the decode-cache entry of the last instruction
  executed (for the display registers); the run loop keeps them in the
  core's cells.

Exactness (the interpreter is the reference, instruction for instruction):

* the run loop calls a block only if its longest path fits in the budget, so
  ``--max-instructions``, device events and interrupts fall where they fall
  when interpreting (the system's budget already stops before each event);
* ``own[w]`` lists the blocks whose code includes word ``w``; every store
  (the templates' store, ``System.store``) drops them, and a block whose
  store drops itself leaves at once, before its stale rest;
* self-modifying code: a word stored into twice while translated (``smc``)
  is never compiled in again as it stands: the block runs it compiled for
  the form it has now behind a test of its words (a short ``MDX`` jump for
  any displacement, a long instruction with its address word read when it
  runs, anything else for exactly its words) and otherwise fetches it from
  the decode cache and runs its handler, leaving the block if it is no
  longer the same kind of instruction (another length, cycles, or a
  checked-path operation) or if it branched;
* words 0-3 (the index registers) are never part of a block;
* a dropped block is kept (``DORMANT`` versions an address): when its
  head runs again (``REVIVE_AFTER`` times, not the threshold, after a drop
  or after a load changed that word) and every word it was made from
  holds what it held then, with no word become self-modifying since, the
  same block is put back: it is the translation those words give;
* nothing of this is saved: ``save_state``/``load_state`` see only core and
  registers, and ``load_state`` drops every block.

Profiled on DMS (tools/dmsbench.py, cProfile and CPU-time wrappers):

* FORTH assembly (53.7 M instructions): 24 M are counted busy waits, 27 M
  run in blocks, 2 M are interpreted; XIO and BOSC were 275 k trips to the
  checked path (now inline, see cpu.py); translation is 6% of the time
  (554 blocks, 511 later dropped by overlays, 484 compiles);
* FORTRAN job (3.6 M): 2.4 M are counted waits once ``MDX L X,0`` waits
  store nothing (cpu.py's MDM0); compiling is most of translating (about
  0.4 ms a block) and most blocks are dropped by the next overlay, so the
  threshold is 500 (FORTRAN 0.76 s at 200, 0.70 at 500, 0.65 at 1000;
  FORTH 10.7 / 10.7 / 11.3 s);
* registers in locals: +7% on the bench mix (alternating runs).

Profiled again (issue 17's second round, CPU time under load):

* FORTH assembly: 1.19 M decodes a run came from one word, a short
  ``MDX *+0`` into which ``STS`` stores C and V (a four-way computed
  branch in the assembler's inner loop); compiled for any displacement
  (the guard above) the job went from 5.8 to 5.0 s.  Its 3.06 M block
  calls (8.5 instructions each) fell to 0.46 M with loops and regions;
* FORTRAN job: translating is about a fifth of its time, compile() half of
  that; a cache of compiled code by block content would save little: of
  144 translations only 22 repeat an earlier block's words (the source
  cache ``_CODE`` already reuses those), so regions wait for promotion
  rather than being made at the threshold (made at once, they doubled the
  translation time).

Profiled a third time (FORTRAN job, CPU-time wrappers per block): 93 of
152 blocks ran fewer than 1,000 instructions in all and cost 0.073 of the
0.12 s of translating: an address's heat had been earned by the earlier
overlays read into the same words.  A disk read now stores its sector in
one slice (``System.load_words``), and only the words it changes drop
their decoded instructions and blocks and start counting afresh: 118
blocks, 0.065 s, and overlays read again unchanged keep their blocks.

Profiled a fourth time (FORTRAN job, CPU time, medians of 5-7 runs on a
shared machine, against the translator before this round in the same
session): compile() costs about 6 us a statement (indentation and long
names cost next to nothing), so the source was made smaller and written
directly (templates above, no regex
passes over generated lines, registers as arguments instead of loads and
write-backs at every exit, region cases not repeated): 95 compiles of
187 K characters became 95 of 94 K, compile() 33 -> 23 ms, translating
in all 64 -> 36 ms (still over the 25 ms aimed at: of the rest, about
4.5 ms is walking paths, 4.5 ms writing instructions and 2 ms assembling);
the job 0.35 -> 0.32 s, 1.43x -> 1.61x the interpreter, the rest of the
job unchanged (0.27 s); FORTH and DUMPLET unchanged, 2.2-2.4x.  A lower
threshold still does not pay: FORTRAN's speed-up is 1.53x at 300, 1.55x
at 400, 1.59x at 500, 1.58x at 700 (translating 46 ms at 350, 29 ms at
750, 25 ms at 1000); PROMOTE 2 or 8 and MAX_INSTRUCTIONS 16 or 24 change
nothing either.  A third of the blocks ran fewer than 100 instructions in all
(28 ran once: a store into their words, from themselves or from other
code, dropped them; marking the words a block stores into at a constant
address self-modifying before compiling it saved 5 compiles but left
guarded code where a word had been stored into once, so it was not
kept; the threshold cannot tell the others from the rest), and with
translating free the job would still take about 0.27 s (1.9x): the
interpreted warm-up code, the I/O and the waits are the rest.

Profiled a fifth time (FORTRAN job; deterministic counts of the
interpreter's machine instructions under callgrind, job minus set-up, as
the machine's speed wandered by 2x): of 118 translations 23 made a block
whose words had been translated before, and the heads waiting for the
threshold again after a drop ran 115 K instructions interpreted (02BC,
the same 20 words, was translated 5 times and interpreted 2,495 times).
Dormant blocks put back: 32 revivals, 97 translations, 517 K -> 462 K
instructions interpreted, 2,882 -> 2,772 M machine instructions (-3.8%).
Translating again at once a block dropped by stores into its operand
words (rather than counting to the threshold) interpreted 27 K fewer
but translated 11 more blocks: no change (2,768 M), not kept.

Measured and not kept (same round): a tier without compile(), runs of
decoded handlers recorded at a warm head (heat 4-64) and called in a row
with their cycles and count added once, dropped through ``own`` like
blocks.  It saved about 40 ns an instruction (130 -> 95 ns interpreted),
but recording cost about 25 us a trace and at most 290 K of the FORTRAN
job's instructions ran in traces (half of the warm code left is runs of 4
instructions or fewer at heads reached under 30 times an overlay load):
4% at best, 0 +- 2% measured.  Refusing blocks of two instructions that
leave (7 K calls of two-instruction blocks in the FORTRAN job, each dearer
than interpreting its two): 1.57x -> 1.45x, they are what regions are later
made of.

Profiled a sixth time (FORTRAN job, callgrind counts as above): compile()
is 211 M of the translated run's 2,772 M machine instructions (7.6%, the
parser 70% of it); the job's 3.56 M instructions are 2.37 M counted waits,
0.72 M in 54 K block calls and 0.47 M interpreted in 119 K runs.  The
threshold stays 500: 125 gives 3,194 M, 250 2,951 M, 1,000 2,862 M.
Translating early a head that reaches 64 within 4,000 (or 16,000)
instructions of its first execution, the rest at 500, translated 62 (111)
heads early and 122 (128) blocks in all against 97, most dropped by the
next overlay: 2,895 M (2,807 M), not kept.
Cache and branch simulation (callgrind --cache-sim --branch-sim): both
runs miss the caches alike (12 M instruction, 14 M data misses), the
interpreter alone mispredicts twice as many branches (110 M to 60 M), so
the time ratio (about 1.7x) is lower than the counts' (2.28x).  A store
of the value already there drops nothing (cpu.py's store): 35 -> 25
blocks dropped by CPU stores, 2,775 -> 2,734 M.
"""

from __future__ import annotations

import builtins
import operator
import os
import time
from itertools import compress
from types import CodeType, FunctionType
from typing import Any

from .blockcode import (Call, Check, Exit, Store, exit_targets, has_computed_exit, indented, instruction_code,
                        template_of)

#: Executions of an address before it is translated.
THRESHOLD = 500
#: Longest path of one block, in instructions.
MAX_INSTRUCTIONS = 48
#: A block dropped this often is not translated again.
MAX_DROPS = 12
#: Most paths in one block function (the first and the places it leaves for).
MAX_CASES = 4
#: A block that leaves for other code becomes a region after running this
#: many times the threshold (counted from its translation at the threshold),
#: and at least PROMOTE_MIN times.
PROMOTE = 4
PROMOTE_MIN = 256
#: Stores into a translated word before it counts as self-modifying.
SMC_STORES = 2
#: A dropped block is kept (up to DORMANT versions an address): when its
#: head is reached again this many times with the block's words as they
#: were when it was made, it is put back as it was, without translating.
REVIVE_AFTER = 8
DORMANT = 4
#: Dropped blocks kept in all; past this they are all forgotten (a long
#: session meets ever more code; what is hot comes back soon enough).
DORMANT_TOTAL = 4096

#: Compiled blocks kept by source text (DMS reloads the same overlays).
CODE_CACHE = 4096

_NEVER = -(1 << 62)
_CODE: dict[str, CodeType] = {}
_LINES: dict[tuple, tuple] = {}


def _no_words(memory: list[int]) -> tuple:
    return ()


def forget_compiled() -> None:
    """Empty the process-wide caches of compiled blocks and written
    instruction code (``_CODE``, ``_LINES``), so the next machine pays
    for its translations as a fresh process would (benchmarks that repeat
    a job in one process: tools/dmsbench.py ``--repeat``)."""
    _CODE.clear()
    _LINES.clear()


def translating_by_default() -> bool:
    """Translation is on unless the environment says ``IBM1130_TRANSLATE=0``."""
    return os.environ.get("IBM1130_TRANSLATE", "1").strip().lower() not in ("0", "off", "no", "false")


def default_threshold() -> int:
    """``IBM1130_TRANSLATE_THRESHOLD`` if set (tests use 1), else THRESHOLD."""
    value = os.environ.get("IBM1130_TRANSLATE_THRESHOLD", "")
    return max(1, int(value)) if value.strip() else THRESHOLD


def handler_name(handler: Any) -> str:
    """The template name of a decoded instruction's handler (``LD_D``...),
    from the maker that made it (``build.<locals>.mk_LD_D.<locals>.h``)."""
    code = getattr(handler, "__code__", None)
    name = _HANDLER_NAMES.get(code)
    if name is None:
        parts = handler.__qualname__.split(".")
        name = parts[2][3:] if len(parts) > 2 and parts[2].startswith("mk_") else ""
        if code is not None:
            _HANDLER_NAMES[code] = name
    return name


_HANDLER_NAMES: dict[CodeType, str] = {}


class Translator:
    """The translated blocks of one core: ``blk[address]`` is ``(function,
    longest path, spins, head)`` or None; ``heat``, ``own`` and ``smc`` are
    per-word lists (see the module docstring).  The lists are shared with
    the run loop and never replaced."""

    def __init__(self, core: Any, bodies: dict[str, str], threshold: int = THRESHOLD) -> None:
        size = len(core.memory)
        self.core = core
        self.bodies = bodies
        self._threshold = threshold
        self.threshold_cell: Any = None     # the run loop's, set by the core
        #: A block's count (heat) at which it becomes a region (promote).
        self.promote_at = max(PROMOTE * threshold, PROMOTE_MIN)
        self.blk: list[tuple | None] = [None] * size
        self.heat: list[int] = [0] * size
        self.own: list[list[int] | None] = [None] * size
        self.smc = bytearray(size)
        self._drops: dict[int, int] = {}
        #: head -> (the block, its words, a function reading their values at
        #: once, those values and how many of the words were self-modifying
        #: when it was made) for the blocks in ``blk``; dropped ones go to
        #: ``_dormant`` (newest first) and ``revive`` marks their heads.
        self._made: dict[int, tuple] = {}
        self._dormant: dict[int, list[tuple]] = {}
        self._early: set[int] = set()
        self.revive = bytearray(size)
        self.stats = {"translated": 0, "dropped": 0, "refused": 0, "seconds": 0.0, "instructions": 0,
                      "compiled": 0, "cpu_drops": 0, "promoted": 0, "revived": 0}

    @property
    def threshold(self) -> int:
        """Executions of an address before it is translated (settable)."""
        return self._threshold

    @threshold.setter
    def threshold(self, value: int) -> None:
        self._threshold = max(1, int(value))
        self.promote_at = max(PROMOTE * self._threshold, PROMOTE_MIN)
        if self.threshold_cell is not None:
            self.threshold_cell.cell_contents = self._threshold

    def reset(self) -> None:
        """Forget every block, count and mark (after core was rewritten)."""
        size = len(self.blk)
        self.blk[:] = [None] * size
        self.heat[:] = [0] * size
        self.own[:] = [None] * size
        self.smc[:] = bytes(size)
        self.revive[:] = bytes(size)
        self._drops.clear()
        self._made.clear()
        self._dormant.clear()
        self._early.clear()

    # ------------------------------------------------------------ invalidation
    def kill(self, address: int, mark: bool = True) -> bool:
        """A store into ``address``: drop the blocks that include it; a CPU
        store (``mark``) counts towards the word being self-modifying.
        Returns True (the templates test ``own[x] and kill(x)``)."""
        heads = self.own[address]
        if heads:
            for head in tuple(heads):
                self.drop(head)
            if mark:
                self.stats["cpu_drops"] += 1
                if self.smc[address] < 255:
                    self.smc[address] += 1
        return True

    def drop(self, head: int) -> None:
        """Forget the block at ``head``; it may be translated again when hot,
        or put back as it was (``translate``) if its words come back."""
        if self.blk[head] is None:
            return
        made = self._forget(head)
        drops = self._drops.get(head, 0) + 1
        self._drops[head] = drops
        self.stats["dropped"] += 1
        if drops >= MAX_DROPS:
            self.heat[head] = _NEVER
            return
        self.heat[head] = 0
        if made is not None:
            if len(self._dormant) >= DORMANT_TOTAL and head not in self._dormant:
                self._dormant.clear()
                self._early.clear()
                self.revive[:] = bytes(len(self.revive))
            versions = self._dormant.setdefault(head, [])
            versions.insert(0, made)
            del versions[DORMANT:]
            self.revive[head] = 1
            self.reloaded(head)

    def reloaded(self, head: int) -> None:
        """``head`` holds a dropped block's start and its count starts
        again (a drop, or a load changing that word): its blocks are tried
        after REVIVE_AFTER executions rather than the threshold."""
        if self.heat[head] >= 0 and head in self._dormant:
            self.heat[head] = max(0, self._threshold - REVIVE_AFTER)
            self._early.add(head)

    def loaded(self, start: int, old: list[int], new: list[int]) -> None:
        """Words ``start`` .. ``start + len(new) - 1`` are being loaded
        (a disk sector, a loader's record: ``System.load_words``), ``old``
        what they hold, ``new`` what they will hold (equal lengths, no
        wrap).  Only the words that change count: the blocks holding them
        are dropped (not as self-modifying stores), their counts start
        afresh (new code earns its own translation; an address refused for
        good stays refused), and where a dropped block started the code
        read may be that block's again (an overlay read back): it is tried
        early (``reloaded``).  The words to look at are found among the
        few addresses that have a block, a count or a mark (a loop over all
        321 words of a sector cost 15 us)."""
        end = start + len(new)
        offsets = range(len(new))
        own = self.own
        owned = own[start:end]
        if any(owned):
            for offset in compress(offsets, owned):
                at = start + offset
                if own[at] and old[offset] != new[offset]:
                    self.kill(at, False)
        heat = self.heat
        for offset in compress(offsets, heat[start:end]):
            at = start + offset
            if heat[at] > 0 and old[offset] != new[offset]:
                heat[at] = 0
        revive = self.revive
        if revive.find(1, start, end) >= 0:
            for offset in compress(offsets, revive[start:end]):
                if old[offset] != new[offset]:
                    self.reloaded(start + offset)

    def _live(self, address: int) -> tuple:
        """The decode-cache entry of ``address`` now (a self-modifying
        instruction's, for the display registers at a block's exit)."""
        return self.core.dec[address] or self.core.decode(address)

    def _forget(self, head: int) -> tuple | None:
        """Take the block at ``head`` out of ``blk`` and the owner map;
        returns what ``_made`` held for it."""
        self.blk[head] = None
        made = self._made.pop(head, None)
        own = self.own
        for word in made[1] if made is not None else ():
            heads = own[word]
            if heads is not None:
                heads.remove(head)
                if not heads:
                    own[word] = None
        return made

    # ------------------------------------------------------------- translation
    def translate(self, head: int) -> bool:
        """Translate the code at ``head`` into a block; False if there is
        nothing worth a block there (the address is not tried again until
        its block, if any, is dropped)."""
        start = time.process_time()      # CPU time: the machine may be busy with others
        made = self._from_dormant(head) if head in self._dormant else None
        if made is None:
            made = self._translate(head)
            if not made:
                self.stats["refused"] += 1
        self.stats["seconds"] += time.process_time() - start
        return made

    def _from_dormant(self, head: int) -> bool | None:
        """True if a dropped block of ``head`` is put back (``_revived``);
        False if ``head`` was tried early and holds other code now (its
        count goes on from the executions made); None: translate."""
        if self._revived(head):
            return True
        if head in self._early:
            self._early.discard(head)
            self.heat[head] = min(REVIVE_AFTER, self._threshold - 1)
            return False
        return None

    def _revived(self, head: int) -> bool:
        """Put back a dropped block of ``head`` whose words are again what
        they were when it was made (it is then the same translation)."""
        memory = self.core.memory
        for made in self._dormant[head]:
            block, words, read, values, marked = made
            # (A word that has become self-modifying since is translated
            # behind a guard now: that block is not the same.)
            if read(memory) == values and self._marked(words) == marked:
                self._install(head, made)
                self.stats["revived"] += 1
                return True
        return False

    def _marked(self, words: tuple[int, ...]) -> int:
        """How many of ``words`` count as self-modifying (translated behind
        a guard, not as they stand)."""
        smc = self.smc
        return sum(smc[word] >= SMC_STORES for word in words)

    def _install(self, head: int, made: tuple) -> None:
        block, words = made[0], made[1]
        own = self.own
        for word in words:
            if own[word] is None:
                own[word] = [head]
            else:
                own[word].append(head)
        self._made[head] = made
        self._early.discard(head)
        self.blk[head] = block

    def promote(self, head: int) -> None:
        """The block at ``head`` has run PROMOTE x threshold times: translate
        it again as a region (with the warm places it leaves for)."""
        start = time.process_time()
        if self.blk[head] is not None:
            self._forget(head)
            self._translate(head, True)
            self.stats["promoted"] += 1
        self.stats["seconds"] += time.process_time() - start

    def _translate(self, head: int, region: bool = False) -> bool:
        core = self.core
        dec = core.dec
        first = self._path(head, head, "")
        items, consts, owned, k, cy, spins, addr, prev_d, calls = first[:9]
        if k == 0 or (k == 1 and addr != head):   # one instruction: the interpreter does as well
            return False
        cases = {head: first}
        if not spins and not region and (any(target != head for target in exit_targets(items, addr))
                                         or any(type(item) is Exit and item.move and item.target == "p"
                                                for item in items)
                                         or calls and has_computed_exit(items)):
            # It may leave for other hot code: count its runs, to make it
            # a region once it has run often (promote).
            prologue = [f"heat[{head}] += 1", f"if heat[{head}] == {self.promote_at}: promote({head})"]
        else:
            prologue = []
        if region:
            # A region: the warm places this path leaves for at a constant
            # address become cases of the same function (see _assemble).
            # So do the places its subroutines return to (BSI's next
            # instruction: the return is a computed branch, see _assemble).
            threshold = self._threshold
            queue = exit_targets(items, addr) + calls
            while queue and len(cases) < MAX_CASES:
                target = queue.pop(0)
                if target in cases or target < 4 or not (self.blk[target] is not None
                                                         or self.heat[target] * 2 >= threshold):
                    continue
                case = self._path(target, head, f"{len(cases)}_")
                if case[3] and not case[5]:
                    cases[target] = case
                    queue += exit_targets(case[0], case[6]) + case[8]
            if len(cases) > 1:
                # A path that reaches another case's start moves there
                # rather than repeating its code.
                starts = set(cases)
                for number, start in enumerate(cases):
                    cases[start] = self._path(start, head, f"{number}_" if number else "", starts)
                first = cases[head]
                k = first[3]
            for case in cases.values():
                consts.update(case[1])
            owned = [word for case in cases.values() for word in case[2]]
        held = set(owned)
        body, several = self._assemble(head, cases, spins, held, self.smc)
        if several:
            consts["SZ"] = {start: case[3] for start, case in cases.items()}
        # The registers are the function's arguments and come back with
        # its result (the run loop's cells; locals are faster inside).
        source = "def blk(room, acc, ext, carry, ovf, afr):\n    " + "\n    ".join(prologue + body) + "\n"
        code = _CODE.get(source)
        if code is None:
            module = compile(source, f"<ibm1130 block {head:04X}>", "exec")
            code = next(c for c in module.co_consts if isinstance(c, CodeType))
            if len(_CODE) >= CODE_CACHE:
                _CODE.clear()
            _CODE[source] = code
            self.stats["compiled"] += 1
        glob = {"__builtins__": builtins, "M": core.memory, "dec": dec, "own": self.own,
                "kill": self.kill, "drop": self.drop, "B": self.blk, "decode": core.decode, "L": self._live,
                "heat": self.heat, "promote": self.promote,
                "put": core.put_all, "get": core.get_all, **consts}
        function = FunctionType(code, glob, f"block_{head:04X}")
        function.source = source  # type: ignore[attr-defined]  # for debugging
        words = tuple(sorted(set(owned)))
        # (A tuple even for one word; a block of guarded words alone tests
        # them as it runs.)
        read = operator.itemgetter(*words, words[0]) if words else _no_words
        self._install(head, ((function, k, spins, head), words, read, read(core.memory), self._marked(words)))
        self.stats["translated"] += 1
        self.stats["instructions"] += k
        return True

    def _guarded(self, d: tuple, addr: int, head: int, k: int, cy: int,
                 dname: str) -> tuple[str, list, str] | None:
        """A self-modifying instruction compiled for the form it has now:
        ``(test, body, last)``, the body running while ``test`` holds (its
        words, or the part of them the body reads at run time, unchanged),
        ``last`` the decoded entry to report for it.  Two common forms:
        a short ``MDX`` jump whose displacement is stored (a computed
        branch: STS into it, DMS's assembler) and a long instruction whose
        address word is stored (``STX 1 X+1 ... X LDX L1 *-*``, the
        1130's way to save an index register); any other keeps its words.
        None if there is no such form (the decode cache is used)."""
        mask = self.core.mask
        name = handler_name(d[0])
        w1, w2, nxt = d[7], d[8], d[2]
        if name == "JMP":
            # Any displacement: the display shows the same (no operand).
            return (f"if M[{addr}] >> 8 == {w1 >> 8}:",
                    [f"p = ({nxt} + (((M[{addr}] & 0xFF) ^ 0x80) - 0x80)) & {mask}",
                     f"if p != {nxt}:", Exit("    ", "p", k, cy, dname)], dname)
        if name not in self.bodies:
            return None
        last = dname
        out: list[Any] = []
        a = None
        if w2 is not None:
            # The address word as decode() makes ``a`` of it: masked except
            # for an index displacement and LDX's/MDX's immediate value.
            whole = d[9] in ("X", "XI") or name in ("LDX_D", "LDXB_D", "MDXL_D")
            if d[3] != (w2 if whole else w2 & mask):
                return None
            out.append(f"a_ = M[{(addr + 1) & mask}]" + ("" if whole else f" & {mask}"))
            a = "a_"
            last = f"L({addr})"
        template = template_of(name, self.bodies)
        lines, words, _ = instruction_code(template, d, mask, a)
        for line in lines:
            out.append(Exit(line[0], line[1], k, cy, last, False) if type(line) is tuple else line)
        if words:
            out.append(Check("", ["*"], Exit("", nxt, k, cy, last, False)))
        if not out:
            out = ["pass"]
        return f"if M[{addr}] == {w1}:", out, last

    def _path(self, start: int, head: int, tag: str, stops: Any = ()) -> tuple:
        """The code of the path from ``start`` along its fall-through
        (unconditional jumps with a constant target followed, up to one of
        ``stops``) in the block or region of ``head``: ``(items, consts,
        owned words, instructions, cycles, spins, end, last, calls)``; ``end`` is where it falls through
        to (-1 if it ends in a transfer), ``spins`` False if it stores,
        ``calls`` where its subroutine calls return to.  An item is a line,
        an Exit, a Check or a Call (``_assemble`` writes them).
        ``tag`` keeps the names of the decoded constants apart."""
        core = self.core
        dec = core.dec
        mask = core.mask
        smc = self.smc
        items: list[Any] = []
        consts: dict[str, Any] = {}
        owned: list[int] = []
        seen: set[int] = set()
        k = cy = 0
        spins = True
        addr = start
        prev_d = "None"
        calls: list[int] = []
        while True:
            if k >= MAX_INSTRUCTIONS or addr < 4 or addr in seen or (k and addr in stops):
                break
            d = dec[addr]
            if d is None:
                d = core.decode(addr)
            if d[6] is not None:
                break
            long = d[8] is not None
            if long and addr == mask:
                break
            seen.add(addr)
            nxt = d[2]
            cycles = d[1]
            dname = f"D{tag}{k}"
            consts[dname] = d
            k += 1
            cy += cycles
            if smc[addr] >= SMC_STORES or (long and smc[addr + 1] >= SMC_STORES):
                # Self-modifying: fetch it from the decode cache every time,
                # unless its words are still those of a form compiled in.
                spins = False
                generic = [f"d = dec[{addr}]",
                           "if d is None:",
                           f"    d = decode({addr})",
                           f"if d[6] is not None or d[2] != {nxt} or d[1] != {cycles}:",
                           f"    drop({head})",
                           Exit("    ", addr, k - 1, cy - cycles, prev_d, False),
                           Call(""),
                           f"if p != {nxt} or B[{head}] is None:",
                           Exit("    ", "p", k, cy, "d", False)]
                guarded = self._guarded(d, addr, head, k, cy, dname)
                if guarded is None:
                    items += generic
                    prev_d = f"L({addr})"
                else:
                    test, body, prev_d = guarded
                    items += [test] + indented(body) + ["else:"] + indented(generic)
                addr = nxt
                continue
            owned.append(addr)
            if long:
                owned.append(addr + 1)
            prev_d = dname
            name = handler_name(d[0])
            if name == "JMP" or (name == "BSCL_D" and not d[5] & 0x3F):
                addr = d[3] & mask                      # unconditional: follow
                continue
            memo_key = (name, nxt, d[3], d[4], d[5], mask)
            memo = _LINES.get(memo_key)
            if memo is None:
                memo = self._body(name, d, mask)
                if len(_LINES) >= 8 * CODE_CACHE:
                    _LINES.clear()
                _LINES[memo_key] = memo
            lines, stores, words, follow, terminal, exits = memo
            if stores:
                spins = False
            if follow is not None:
                if name == "BSI_D":
                    calls.append(nxt)                   # where the subroutine returns to
                items += lines[:-1]
                if words:
                    items.append(Check("", words, Exit("", follow, k, cy, dname, False)))
                addr = follow
                continue
            if exits:
                items += [Exit(line[0], line[1], k, cy, dname) if type(line) is tuple else line for line in lines]
            else:
                items += lines
            if terminal:
                addr = -1
                break
            if words:
                items.append(Check("", words, Exit("", nxt, k, cy, dname, False)))
            addr = nxt
        if addr >= 0 and k:
            items.append(Exit("", addr, k, cy, prev_d))
        return items, consts, owned, k, cy, spins, addr, prev_d, calls

    def _body(self, name: str, d: tuple, mask: int) -> tuple:
        """One instruction's code in a path, for every path that has it
        (memoised by its operands): ``(lines, stores, store words, follow,
        terminal, exits)`` (see instruction_code);
        ``follow`` is the constant address an unconditional transfer goes
        on at (None if none; the last line is then its exit)."""
        if name == "RTE_S" and d[5] == 16:
            # XCH (RTE 16): the rotation by half the width swaps the words.
            return ["v = acc", "acc = ext", "ext = v"], False, [], None, False, False
        template = template_of(name, self.bodies)
        lines, words, top = instruction_code(template, d, mask)
        exits = sum(type(line) is tuple for line in lines)
        follow = None
        if top is not None and type(top[1]) is int and exits == 1:
            follow = top[1]
        return lines, template.stores, words, follow, top is not None, exits > 0

    @staticmethod
    def _assemble(head: int, cases: dict[int, tuple], spins: bool, held: set[int],
                  smc: bytearray) -> tuple[list[str], bool]:
        """The body of the block function from its cases (``_path``'s
        results, the first at ``head``) and whether it has several.  A
        block that stores runs as a loop: an exit to one of its cases goes
        there inside the function (``pc``) while the longest path of that
        case fits in the room left (the run loop's budget test); other
        exits return.  A block that does not store returns at every exit,
        so the run loop can count its spins.  Every exit returns the
        registers too (the function's arguments).

        In a looping block, what a store at a constant address drops (the
        decoded instructions there, other blocks holding the word) is
        dropped once, before the loop: nothing in the loop decodes that
        word or runs another block, and dropping early costs at most a
        decode or a translation again.  Not for a word of the block itself
        (the store may drop the block: it is tested at once) nor next to a
        self-modifying word (the block decodes those as it runs)."""
        size = {start: case[3] for start, case in cases.items()}
        several = len(cases) > 1
        looping = not spins and (several or any(target in size for case in cases.values()
                                                for target in exit_targets(case[0], case[6]))
                                 or has_computed_exit(cases[head][0]))

        rooms: set[int] = set()

        def leave(result: str) -> str:
            return f"return {result}, acc, ext, carry, ovf, afr"

        def exit_(item: Exit, out: list[str], indent: str) -> None:
            target = item.target
            if not looping:
                out.append(f"{indent}{leave(f'{target}, {item.k}, {item.cy}, {item.last}')}")
            elif item.move and type(target) is int and target in size:
                # A move, if another pass of the case fits in the room left
                # (the run loop's budget test).
                rooms.add(size[target])
                move = f"pc = {target}; continue" if several else "continue"
                out += [f"{indent}k0 += {item.k}; c0 += {item.cy}",
                        f"{indent}if k0 <= room_{size[target]}: {move}",
                        f"{indent}{leave(f'{target}, k0, c0, {item.last}')}"]
            elif item.move and type(target) is str:
                # A computed branch (a subroutine's return, a stored jump):
                # a move if it goes to a case.
                if target != "p":
                    out.append(f"{indent}p = {target}")
                out.append(f"{indent}k0 += {item.k}; c0 += {item.cy}")
                if several:
                    out.append(f"{indent}if k0 <= room - SZ.get(p, 1 << 30): pc = p; continue")
                else:
                    rooms.add(size[head])
                    out.append(f"{indent}if p == {head} and k0 <= room_{size[head]}: continue")
                out.append(f"{indent}{leave(f'p, k0, c0, {item.last}')}")
            else:
                out.append(f"{indent}{leave(f'{target}, k0 + {item.k}, c0 + {item.cy}, {item.last}')}")

        depth = "    " if looping else ""
        out: list[str] = []
        hoisted: dict[int, str] = {}
        for number, (start, case) in enumerate(cases.items()):
            indent = depth
            if several:
                out.append(f"{depth}{'if' if number == 0 else 'elif'} pc == {start}:")
                indent += "    "
            for item in case[0]:
                kind = type(item)
                if kind is str:
                    out.append(indent + item)
                elif kind is Store:
                    address = item.address
                    if looping and address not in held and smc[address] < SMC_STORES \
                            and smc[address - 1] < SMC_STORES:
                        out.append(indent + item.indent + item.text)
                        hoisted[address] = item.tail[2:]
                    else:
                        out.append(indent + item.whole())
                elif kind is Exit:
                    exit_(item, out, indent + item.indent)
                elif kind is Check:
                    if "*" in item.words or any(word in held for word in item.words):
                        out.append(f"{indent}{item.indent}if B[{head}] is None:")
                        exit_(item.exit, out, f"{indent}{item.indent}    ")
                else:
                    out.append(f"{indent}{item.indent}put(acc, ext, carry, ovf, afr); p = d[0](); acc, ext, carry, ovf, afr = get()")
        top = [f"room_{n} = room - {n}" for n in sorted(rooms)] + list(hoisted.values())
        if several:
            top.append(f"pc = {head}")
        if looping:
            top.append("k0 = c0 = 0")
        if depth:
            top.append("while True:")
        return top + out, several
