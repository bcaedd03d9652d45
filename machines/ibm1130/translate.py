"""Hot-block translation for the IBM 1130 CPU: straight-line code that has
run often becomes one Python function.

The interpreter (cpu.py's run loop) counts how often it starts an
instruction at each address (``heat``).  When an address reaches the
threshold, :meth:`Translator.translate` follows the code from there along
its fall-through path and writes one Python function for it:

* each instruction's code is the body of its cpu.py template (``cpu.BODIES``),
  with the decoded operands (next IAR, address, tag, count) and the memory
  mask as literals, so constant effective addresses are folded;
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
  computed branches (a subroutine's ``BSC I``, a stored jump) included;
* the function returns ``(next IAR, instructions, cycles, last)``, ``last``
  being the decode-cache entry of the last instruction executed (for the
  display registers).

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
"""

from __future__ import annotations

import builtins
import os
import re
import time
from types import CodeType, FunctionType
from typing import Any

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

#: Compiled blocks kept by source text (DMS reloads the same overlays).
CODE_CACHE = 4096

_NEVER = -(1 << 62)
_CODE: dict[str, CodeType] = {}
_LINES: dict[tuple, list[str]] = {}
_NAMES = re.compile(r"\b(nxt|a|t|aux|mask)\b")
_RETURN = re.compile(r"^(\s*)return (.*)$")
_RESULT = re.compile(r"return \((.*), (\d+), (\d+), (\w+|L\(\d+\))\)$")
_EXIT = re.compile(r"^(\s*)EXIT (\d+|p) (\d+) (\d+) (\w+|L\(\d+\))$")
_XR_STORE = re.compile(r"; own\[([0-3])\] and kill\(\1\)$")
_ASSIGN_CONSTANT = re.compile(r"^(ea) = (\d+)$")
_EXITV = re.compile(r"^(\s*)EXITV (\d+) (\d+) (\S+) (.+)$")
_CHECK = re.compile(r"^(\s*)CHECK (\S+) (\d+) (\d+) (\d+) (\S+)$")
_STORE_TAIL = re.compile(r"; own\[([^\]]+)\] and kill\(\1\)$")


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
    parts = handler.__qualname__.split(".")
    return parts[2][3:] if len(parts) > 2 and parts[2].startswith("mk_") else ""


_TESTS = ((0x20, "acc == 0"), (0x10, "acc & 0x8000"), (0x08, "0 < acc < 0x8000"),
          (0x04, "not acc & 1"), (0x02, "not carry"), (0x01, "not ovf"))


def _conditions(lines: list[str]) -> list[str]:
    """Specialise the condition test of BSC/BSI (cpu._FLAGS, then
    ``c = aux``, the overflow reset and ``if c & f:``) to the bits the
    instruction tests: the same truth value, without building the mask."""
    if len(lines) < 5 or not lines[0].startswith("f = (0x20") or not lines[1].startswith("c = "):
        return lines
    if lines[2:5] != ["if c & 1:", "    ovf = 0", "if c & f:"]:
        return lines
    c = int(lines[1][4:])
    cond = " or ".join(f"({test})" for bit, test in _TESTS if c & bit) or "False"
    if c & 1:
        return [f"f = {cond}", "ovf = 0", "if f:"] + lines[5:]
    return [f"if {cond}:"] + lines[5:]


def _divide(name: str, lines: list[str]) -> list[str]:
    """D's template leaves early (``return nxt``) after its common case;
    in a block the rest becomes that case's ``else``."""
    if not name.startswith("D_"):
        return lines
    at = next(i for i, line in enumerate(lines) if line.startswith("        return "))
    indent = "    "
    return lines[:at] + [indent + "else:"] + ["    " + line for line in lines[at + 1:]]


_REGISTERS = ("acc", "ext", "carry", "ovf")
_REGISTER = re.compile(r"\b(acc|ext|carry|ovf)\b")
_ASSIGNED = re.compile(r"\b(acc|ext|carry|ovf)\s*(?:[-+&|^]|>>|<<)?=(?!=)")


_LOCALS: dict[str, tuple[str, frozenset, frozenset]] = {}


def _registers_in_locals(lines: list[str]) -> list[str]:
    """The block's registers as local variables (``r_acc`` ...): read
    from the core's cells once at the start, written back before every
    ``return`` and around a handler call (the self-modifying path runs
    cpu.py's handler, which uses the cells)."""
    converted = []
    used: set[str] = set()
    assigned: set[str] = set()
    for line in lines:
        memo = _LOCALS.get(line)
        if memo is None:
            memo = (_REGISTER.sub(r"r_\1", line), frozenset(_REGISTER.findall(line)),
                    frozenset(_ASSIGNED.findall(line)))
            if len(_LOCALS) >= 16 * CODE_CACHE:
                _LOCALS.clear()
            _LOCALS[line] = memo
        converted.append(memo[0])
        used |= memo[1]
        assigned |= memo[2]
    if not used:
        return lines
    load = "; ".join(f"r_{r} = {r}" for r in _REGISTERS if r in used)
    store = "; ".join(f"{r} = r_{r}" for r in _REGISTERS if r in assigned)
    out = [load]
    for line in converted:
        body = line.lstrip()
        indent = line[:len(line) - len(body)]
        if store and body.startswith("return "):
            out.append(f"{indent}{store}")
        elif body.startswith("p = d[0]()"):
            if store:
                out.append(f"{indent}{store}")
            out.append(line)
            line = f"{indent}{load}"
        out.append(line)
    return out


def _constant(expression: str) -> int | None:
    """The value of a return expression made of literals only (a constant
    branch or skip target), else None."""
    value = _CONSTANTS.get(expression, _NEVER)
    if value == _NEVER:
        value = eval(expression, {"__builtins__": {}}) if _LITERAL_ONLY.match(expression) else None  # noqa: S307 - digits and operators only
        if len(_CONSTANTS) >= 8 * CODE_CACHE:
            _CONSTANTS.clear()
        _CONSTANTS[expression] = value
    return value


_CONSTANTS: dict[str, int | None] = {}
_LITERAL_ONLY = re.compile(r"^[\d\s()+\-&|^]+$")


def _fold(lines: list[str]) -> list[str]:
    """Code that never runs (``if False:``, a branch on no condition)
    left out; A constant effective address (``ea = 516`` at the top of the
    body) written into the lines that use it, and STX's ``M[t] if t
    else nxt`` decided: fewer names to load and store per instruction."""
    if "if False:" in lines:
        at = lines.index("if False:")
        end = at + 1
        while end < len(lines) and lines[end].startswith(" "):
            end += 1
        lines = lines[:at] + lines[end:]
    at = next((i for i, line in enumerate(lines) if _ASSIGN_CONSTANT.match(line)), None)
    if at is None or any(line.lstrip().startswith(("ea = ", "e = ")) for line in lines[at + 1:]
                         if not line.startswith("e = ea | 1")):
        return [_PICK.sub(lambda m: f"M[{m[1]}]" if int(m[2]) else m[3], line) for line in lines]
    ea = int(_ASSIGN_CONSTANT.match(lines[at]).group(2))
    out = lines[:at]
    for line in lines[at + 1:]:
        if line == "e = ea | 1":
            continue
        line = _E.sub(str(ea | 1), _EA_NAME.sub(str(ea), line))
        out.append(_PICK.sub(lambda m: f"M[{m[1]}]" if int(m[2]) else m[3], line))
    return out


_EA_NAME = re.compile(r"\bea\b")
_E = re.compile(r"\be\b")
_PICK = re.compile(r"M\[(\d+)\] if (\d+) else (\d+)")


def _checks(lines: list[str], head: int, held: set[int]) -> list[str]:
    """After an instruction that stores (a ``CHECK words next k cycles
    last`` line): leave the block if the store dropped it, where it may
    have (a computed address, or a constant one among the ``held`` words)."""
    out = []
    for line in lines:
        m = _CHECK.match(line) if line.lstrip().startswith("CHECK ") else None
        if m is None:
            out.append(line)
            continue
        indent, words, nxt, k, cy, last = m.groups()
        if words == "*" or any(int(word) in held for word in words.split(",")):
            out += [f"{indent}if B[{head}] is None:", f"{indent}    return ({nxt}, {k}, {cy}, {last})"]
    return out


def _exits(lines: list[str], end: int) -> list[int]:
    """The constant addresses a path's lines leave for, in order, and the
    one it falls through to (``end``, if any)."""
    out = [int(m.group(2)) for m in map(_EXIT.match, lines) if m and m.group(2) != "p"]
    if end >= 0:
        out.append(end)
    return out


def _literal(value: int) -> str:
    return f"({value})" if value < 0 else str(value)


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
        self._words: dict[int, tuple[int, ...]] = {}
        self._drops: dict[int, int] = {}
        self.stats = {"translated": 0, "dropped": 0, "refused": 0, "seconds": 0.0, "instructions": 0,
                      "compiled": 0, "cpu_drops": 0, "promoted": 0}

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
        self._words.clear()
        self._drops.clear()

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
        """Forget the block at ``head``; it may be translated again when hot."""
        if self.blk[head] is None:
            return
        self._forget(head)
        drops = self._drops.get(head, 0) + 1
        self._drops[head] = drops
        self.heat[head] = 0 if drops < MAX_DROPS else _NEVER
        self.stats["dropped"] += 1

    def _live(self, address: int) -> tuple:
        """The decode-cache entry of ``address`` now (a self-modifying
        instruction's, for the display registers at a block's exit)."""
        return self.core.dec[address] or self.core.decode(address)

    def _forget(self, head: int) -> None:
        self.blk[head] = None
        own = self.own
        for word in self._words.pop(head, ()):
            heads = own[word]
            if heads is not None:
                heads.remove(head)
                if not heads:
                    own[word] = None

    # ------------------------------------------------------------- translation
    def translate(self, head: int) -> bool:
        """Translate the code at ``head`` into a block; False if there is
        nothing worth a block there (the address is not tried again until
        its block, if any, is dropped)."""
        start = time.process_time()      # CPU time: the machine may be busy with others
        made = self._translate(head)
        self.stats["seconds"] += time.process_time() - start
        if not made:
            self.stats["refused"] += 1
        return made

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
        lines, consts, owned, k, cy, spins, addr, prev_d, calls = first
        if k == 0 or (k == 1 and addr != head):   # one instruction: the interpreter does as well
            return False
        cases = {head: first}
        if not spins and not region and (any(target != head for target in _exits(lines, addr))
                                         or any(line.lstrip().startswith("EXIT p ") for line in lines)
                                         or calls and any(line.lstrip().startswith("EXITV ") for line in lines)):
            # It may leave for other hot code: count its runs, to make it
            # a region once it has run often (promote).
            prologue = [f"heat[{head}] += 1", f"if heat[{head}] == {self.promote_at}:", f"    promote({head})"]
        else:
            prologue = []
        if region:
            # A region: the warm places this path leaves for at a constant
            # address become cases of the same function (see _assemble).
            # So do the places its subroutines return to (BSI's next
            # instruction: the return is a computed branch, see _assemble).
            threshold = self._threshold
            queue = _exits(lines, addr) + calls
            while queue and len(cases) < MAX_CASES:
                target = queue.pop(0)
                if target in cases or target < 4 or not (self.blk[target] is not None
                                                         or self.heat[target] * 2 >= threshold):
                    continue
                case = self._path(target, head, f"{len(cases)}_")
                if case[3] and not case[5]:
                    cases[target] = case
                    queue += _exits(case[0], case[6]) + case[8]
            for case in cases.values():
                consts.update(case[1])
            owned = [word for case in cases.values() for word in case[2]]
        held = set(owned)
        for case in cases.values():
            case[0][:] = _checks(case[0], head, held)
        lines = prologue + self._assemble(head, cases, spins)
        source = ("def _mk():\n    acc = ext = carry = ovf = 0\n    def blk(room):\n"
                  "        nonlocal acc, ext, carry, ovf\n"
                  + "".join(f"        {line}\n" for line in _registers_in_locals(lines))
                  + "    return blk\n")
        code = _CODE.get(source)
        if code is None:
            module = compile(source, f"<ibm1130 block {head:04X}>", "exec")
            maker = next(c for c in module.co_consts if isinstance(c, CodeType))
            code = next(c for c in maker.co_consts if isinstance(c, CodeType))
            if len(_CODE) >= CODE_CACHE:
                _CODE.clear()
            _CODE[source] = code
            self.stats["compiled"] += 1
        cells = core.cells
        t = self
        glob = {"__builtins__": builtins, "M": core.memory, "dec": dec, "own": self.own,
                "kill": t.kill, "drop": t.drop, "B": self.blk, "decode": core.decode, "L": self._live,
                "heat": self.heat, "promote": self.promote, **consts}
        function = FunctionType(code, glob, f"block_{head:04X}", None,
                                tuple(cells[name] for name in code.co_freevars))
        function.source = source  # type: ignore[attr-defined]  # for debugging
        own = self.own
        words = tuple(sorted(set(owned)))
        for word in words:
            if own[word] is None:
                own[word] = [head]
            else:
                own[word].append(head)
        self._words[head] = words
        self.blk[head] = (function, k, spins, head)
        self.stats["translated"] += 1
        self.stats["instructions"] += k
        return True

    def _guarded(self, d: tuple, addr: int, head: int, k: int, cy: int,
                 dname: str) -> tuple[str, list[str], str] | None:
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
                     f"if p != {nxt}:",
                     f"    EXIT p {k} {cy} {dname}"], dname)
        if name not in self.bodies:
            return None
        values = {"nxt": _literal(nxt), "a": _literal(d[3]), "t": _literal(d[4]),
                  "aux": _literal(d[5]), "mask": str(mask)}
        last = dname
        prefix: list[str] = []
        if w2 is None:
            test = f"if M[{addr}] == {w1}:"
        else:
            # The address word as decode() makes ``a`` of it: masked except
            # for an index displacement and LDX's/MDX's immediate value.
            whole = d[9] in ("X", "XI") or name in ("LDX_D", "LDXB_D", "MDXL_D")
            if d[3] != (w2 if whole else w2 & mask):
                return None
            test = f"if M[{addr}] == {w1}:"
            prefix = [f"a_ = M[{(addr + 1) & mask}]" + ("" if whole else f" & {mask}")]
            values["a"] = "a_"
            last = f"L({addr})"
        text = _NAMES.sub(lambda m: values[m.group(1)], self.bodies[name])
        body = _divide(name, _conditions([text.split("\n")[0]] + [line[8:] for line in text.split("\n")[1:]]))
        body = [_XR_STORE.sub("", line) for line in body if line.strip()]
        out = list(prefix)
        for line in body:
            m = _RETURN.match(line)
            out.append(f"{m.group(1)}return ({m.group(2)}, {k}, {cy}, {last})" if m else line)
        if not out:
            out = ["pass"]
        return test, self._stores(out, head, nxt, k, cy, last), last

    def _path(self, start: int, head: int, tag: str) -> tuple:
        """The code of the path from ``start`` along its fall-through
        (unconditional jumps with a constant target followed) in the block
        or region of ``head``: ``(lines, consts, owned words, instructions,
        cycles, spins, end, last)``; ``end`` is where it falls through to
        (-1 if it ends in a transfer), ``spins`` False if it stores.  An
        exit to a constant address is an ``EXIT target k cycles last`` line
        (``_assemble`` makes it a return or a move to another case).
        ``tag`` keeps the names of the decoded constants apart."""
        core = self.core
        dec = core.dec
        mask = core.mask
        smc = self.smc
        lines: list[str] = []
        consts: dict[str, Any] = {}
        owned: list[int] = []
        seen: set[int] = set()
        k = cy = 0
        spins = True
        addr = start
        prev_d = "None"
        calls: list[int] = []
        while True:
            if k >= MAX_INSTRUCTIONS or addr < 4 or addr in seen:
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
                           f"    return ({addr}, {k - 1}, {cy - cycles}, {prev_d})",
                           "p = d[0]()",
                           f"if p != {nxt} or B[{head}] is None:",
                           f"    return (p, {k}, {cy}, d)"]
                guarded = self._guarded(d, addr, head, k, cy, dname)
                if guarded is None:
                    lines += generic
                    prev_d = f"L({addr})"
                else:
                    test, body, prev_d = guarded
                    lines += [test] + ["    " + line for line in body] + ["else:"] + ["    " + line for line in generic]
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
            body_lines, stores, self_drop, follow, terminal = memo
            if stores:
                spins = False
            if follow is not None:
                if name == "BSI_D":
                    calls.append(nxt)                   # where the subroutine returns to
                lines += body_lines[:-1]
                if self_drop:
                    lines.append(f"CHECK {self_drop} {follow} {k} {cy} {dname}")
                addr = follow
                continue
            for line in body_lines:
                if type(line) is tuple:                 # an exit: (indent, target expression, constant)
                    indent, target, value = line
                    lines.append(f"{indent}EXIT {value} {k} {cy} {dname}" if value is not None
                                 else f"{indent}EXITV {k} {cy} {dname} {target}")
                else:
                    lines.append(line)
            if terminal:
                addr = -1
                break
            if self_drop:
                lines.append(f"CHECK {self_drop} {nxt} {k} {cy} {dname}")
            addr = nxt
        if addr >= 0 and k:
            lines.append(f"EXIT {addr} {k} {cy} {prev_d}")
        return lines, consts, owned, k, cy, spins, addr, prev_d, calls

    def _body(self, name: str, d: tuple, mask: int) -> tuple:
        """One instruction's code in a path, for every path that has it
        (memoised by its operands): ``(lines, stores, self_drop, follow,
        terminal)``; an exit line is a tuple ``(indent, target expression,
        constant target or None)``; ``follow`` is the constant address an
        unconditional transfer goes on at (None if none), ``self_drop``
        whether a store may drop the block itself (the path then tests
        B[head] after it)."""
        values = {"nxt": _literal(d[2]), "a": _literal(d[3]), "t": _literal(d[4]),
                  "aux": _literal(d[5]), "mask": str(mask)}
        if name == "RTE_S" and d[5] == 16:
            # XCH (RTE 16): the rotation by half the width swaps the words.
            return ["v = acc", "acc = ext", "ext = v"], False, "", None, False
        text = _NAMES.sub(lambda m: values[m.group(1)], self.bodies[name])
        body_lines = _fold(_divide(name, _conditions([text.split("\n")[0]] + [line[8:] for line in text.split("\n")[1:]])))
        stores = any("kill(" in line for line in body_lines)
        if stores:
            # Words 0-3 (the index registers) are never in a block:
            # a store there drops none, so neither test is needed.
            body_lines = [_XR_STORE.sub("", line) for line in body_lines]
        # The addresses it may store into that a block may hold: "*" if
        # computed, else the constants ("" if it stores into none).
        targets = [m.group(1) for m in map(_STORE_TAIL.search, body_lines) if m]
        constants = dict(m.groups() for m in map(_ASSIGN_CONSTANT.match, body_lines) if m)
        if "ea" in constants:
            constants["e"] = str(int(constants["ea"]) | 1)
        words = [target if target.isdigit() else constants.get(target, "*") for target in targets]
        self_drop = "*" if "*" in words else ",".join(words)
        last = body_lines[-1] if body_lines else ""
        returns = [line for line in body_lines if _RETURN.match(line)]
        top_return = _RETURN.match(last) if last and not last[0].isspace() else None
        if top_return and len(returns) == 1:
            if name == "BSI_D":                         # a call: store, go on at EA + 1
                target = (d[3] + 1) & mask
            else:                                       # a constant target: follow it
                target = _constant(top_return.group(2))
            if target is not None:
                return body_lines, stores, self_drop, target & mask, False
        out: list[Any] = []
        for line in body_lines:
            m = _RETURN.match(line)
            if m:
                value = _constant(m.group(2))
                out.append((m.group(1), m.group(2), None if value is None else value & mask))
            else:
                out.append(line)
        return out, stores, self_drop, None, top_return is not None

    @staticmethod
    def _assemble(head: int, cases: dict[int, tuple], spins: bool) -> list[str]:
        """The body of the block function from its cases (``_path``'s
        results, the first at ``head``).  A block that stores runs as a
        loop: an exit to one of its cases goes there inside the function
        (``pc``) while the longest path of that case fits in the room left
        (the run loop's budget test); other exits return.  A block that
        does not store returns at every exit, so the run loop can count
        its spins."""
        size = {start: case[3] for start, case in cases.items()}
        several = len(cases) > 1
        looping = not spins and (several or any(target in size for case in cases.values()
                                                for target in _exits(case[0], case[6]))
                                 or any(line.lstrip().startswith(("EXIT p ", "EXITV ")) for line in cases[head][0]))
        out: list[str] = ["k0 = c0 = 0", "while True:"] if looping else []
        for number, (start, case) in enumerate(cases.items()):
            body = []
            for line in case[0]:
                m = _EXIT.match(line)
                v = _EXITV.match(line) if m is None else None
                if v:
                    # A computed branch (a subroutine's return): a move if
                    # it goes to a case.
                    indent, kk, cc, dd, expression = v.groups()
                    if looping:
                        body.append(f"{indent}p = {expression}")
                        m = _EXIT.match(f"{indent}EXIT p {kk} {cc} {dd}")
                    else:
                        body.append(f"{indent}return ({expression}, {kk}, {cc}, {dd})")
                        continue
                if m and m.group(2) == "p":
                    # A computed jump (``p``): a move if it goes to a case.
                    indent, kk, cc, dd = m.group(1), m.group(3), m.group(4), m.group(5)
                    if looping:
                        for target in size:
                            body += [f"{indent}if p == {target}:", f"{indent}    k0 += {kk}", f"{indent}    c0 += {cc}",
                                     f"{indent}    if k0 > room_{size[target]}:",
                                     f"{indent}        return ({target}, k0, c0, {dd})"]
                            if several:
                                body.append(f"{indent}    pc = {target}")
                            body.append(f"{indent}    continue")
                        body.append(f"{indent}return (p, k0 + {kk}, c0 + {cc}, {dd})")
                    else:
                        body.append(f"{indent}return (p, {kk}, {cc}, {dd})")
                elif m:
                    indent, target, kk, cc, dd = m.group(1), int(m.group(2)), m.group(3), m.group(4), m.group(5)
                    if looping and target in size:
                        body += [f"{indent}k0 += {kk}", f"{indent}c0 += {cc}",
                                 f"{indent}if k0 > room_{size[target]}:",
                                 f"{indent}    return ({target}, k0, c0, {dd})"]
                        if several:
                            body.append(f"{indent}pc = {target}")
                        body.append(f"{indent}continue")
                    elif looping:
                        body.append(f"{indent}return ({target}, k0 + {kk}, c0 + {cc}, {dd})")
                    else:
                        body.append(f"{indent}return ({target}, {kk}, {cc}, {dd})")
                elif looping:
                    body.append(_RESULT.sub(r"return (\1, k0 + \2, c0 + \3, \4)", line))
                else:
                    body.append(line)
            if not looping:
                return body
            if several:
                out.append(f"    {'if' if number == 0 else 'elif'} pc == {start}:")
                out += ["        " + line for line in body]
            else:
                out += ["    " + line for line in body]
        # The room test of a move: another pass of the case fits.
        out[:0] = [f"room_{n} = room - {n}" for n in sorted(set(size.values()))]
        if several:
            out.insert(0, f"pc = {head}")
        return out

    @staticmethod
    def _stores(body: list[str], head: int, nxt: int, k: int, cy: int, dname: str) -> list[str]:
        """An instruction in the middle of a block: if its stores dropped
        this block, leave the block after it (the rest may be stale)."""
        if not any(_STORE_TAIL.search(line) for line in body):
            return body
        return body + [f"if B[{head}] is None:", f"    return ({nxt}, {k}, {cy}, {dname})"]
