"""Charles Moore's 1968 FORTH on the IBM 1130: the cartridge pair and the cold start.

The operator's procedure is ../shared/data/ibm1130/forth68/README.md (worked
out from the 2018 restoration by Carl Claunch and Bob Flanders).  On one
writable copy of IBM's DMS R2V12 cartridge (``dms.dsk``, drive 0) three DMS
jobs run one after the other:

1. ``forth68/1_fixed_area.job``: DUP ``*DEFINE FIXED AREA``;
2. ``forth68/2_store_forth_source.job``: the FORTH source cards, stored in
   the order the program reads them, at sector /0268;
3. ``jobs/forth68_asm.job``: assembles the program and stores it as FORTX.

Drive 1 gets a second copy of ``dms.dsk`` whose cartridge ID is /0211
instead of /1234 (sector 0 word 4, sector 1 words 51 and 56): FORTH's own
disk words use drive 1, and DMS refuses two cartridges with one ID.  The
fourth job, ``// XEQ FORTX      1`` (:data:`XEQ_DECK`), is the cold start
that leaves FORTH waiting at the console keyboard after ``HI THERE``.

Each job is booted as SIMH's ``boot dsk`` does (PROGRAM LOAD from the disk:
``coldstart.DMS_COLDSTART_WORDS``, the words IBM's cold start card leaves in
core) with the job deck in the 1442 hopper; booting from the card itself
gives the same cartridges and listings (the card's words are the same).

``prepare`` runs the three jobs once and caches the pair (drive 0, drive
1) in a user cache directory keyed by the material's SHA-256;
``start(machine, drive0, drive1)`` mounts them and runs job 4.  The page
and the desktop window drive the same work in bounded slices through
:class:`Preparation`.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from array import array
from pathlib import Path
from typing import Callable, Sequence

from .cards import DeckError, deck_from_file_bytes
from .devices.disk2310 import IMAGE_BYTES, WORDS_PER_SECTOR
from .machine import Ibm1130

__all__ = ["ForthError", "Material", "Preparation", "prepare", "start", "read_material",
           "default_source_dir", "default_cache_dir", "drive1_image", "XEQ_DECK", "JOBS"]

DMS_IMAGE = "dms.dsk"
JOBS = ("forth68/1_fixed_area.job", "forth68/2_store_forth_source.job", "jobs/forth68_asm.job")
"""The three preparation jobs, as paths in the IBM 1130 material folder, in order."""
XEQ_JOB = "forth68/4_xeq_forth.job"
XEQ_DECK = b"// JOB\n// XEQ FORTX      1\n"
"""Job 4 (the operator's two cards): ``1`` in column 19 because FORTX calls DISK1."""
STAGE_NAMES = ("defining the fixed area", "storing the FORTH source", "assembling FORTH",
               "starting FORTH")
STAGE_ESTIMATES = (9_100_000, 3_340_000, 53_720_000, 7_800_000)
"""Instructions each job takes here (measured), for the progress fraction only."""
JOB_LIMIT = 200_000_000
"""A job not back at the monitor's wait after this many instructions has gone wrong."""
MONITOR_WAIT = (0x002A, 0x1000)
"""IAR and ACC of DMS waiting for the reader with the hopper empty: a job ended."""
DRIVE1_ID = 0x0211
DMS_ID = 0x1234
CARTRIDGE_ID_WORDS = (4, WORDS_PER_SECTOR + 51, WORDS_PER_SECTOR + 56)
"""Where DMS keeps the cartridge ID: sector 0 word 4, DCOM (sector 1) words 51 and 56."""
MEMORY_WORDS = 32768
CACHE_FORMAT = b"retro1130-forth68-pair-1"

Progress = Callable[[float, str], None]
"""``progress(fraction, stage)``: fraction 0.0-1.0 of the whole preparation."""


class ForthError(ValueError):
    """The material is missing or damaged, or a job did not end as it should;
    the message names the file or the job."""


class Material:
    """What the preparation reads: ``dms`` (the DMS cartridge image's bytes)
    and ``jobs`` (the three job decks' bytes, :data:`JOBS` order), each
    with the name used in messages."""

    def __init__(self, dms: bytes, jobs: Sequence[tuple[str, bytes]]) -> None:
        if len(dms) != IMAGE_BYTES:
            raise ForthError(f"{DMS_IMAGE}: a 2310 cartridge image is {IMAGE_BYTES:,} bytes, not {len(dms):,}")
        if len(jobs) != len(JOBS):
            raise ForthError(f"the FORTH preparation needs {len(JOBS)} job decks, not {len(jobs)}")
        self.dms = bytes(dms)
        self.jobs = [(str(name), bytes(data)) for name, data in jobs]

    def key(self) -> str:
        """SHA-256 (hex) of everything the pair depends on: the cache key."""
        digest = hashlib.sha256(CACHE_FORMAT)
        for data in (self.dms, *(data for _, data in self.jobs)):
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()


def default_source_dir() -> Path:
    """The IBM 1130 material: ``$RETRO1130_DATA`` if set, else
    ``../shared/data/ibm1130`` beside the project (from this file, then
    from the working directory)."""
    if os.environ.get("RETRO1130_DATA"):
        return Path(os.environ["RETRO1130_DATA"])
    beside = Path(__file__).resolve().parents[3] / "shared" / "data" / "ibm1130"
    return beside if beside.is_dir() else Path.cwd().parent / "shared" / "data" / "ibm1130"


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/retro1130`` (``~/.cache/retro1130``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "retro1130"


def _find(folder: Path, relative: str) -> Path:
    """``relative`` in ``folder``, or its bare name there (a folder holding
    the files side by side), or in the folder above (the ``forth68`` folder given)."""
    for candidate in (folder / relative, folder / Path(relative).name, folder.parent / relative):
        if candidate.is_file():
            return candidate
    raise ForthError(f"{folder}: {relative} not found (the IBM 1130 material: dms.dsk, "
                     f"{', '.join(JOBS)})")


def read_material(source_dir: str | os.PathLike | None = None) -> Material:
    """Read ``dms.dsk`` and the three job decks from ``source_dir`` (the
    IBM 1130 material folder; default :func:`default_source_dir`).  Raises
    ``ForthError`` naming the file that is missing or unreadable."""
    folder = Path(source_dir) if source_dir is not None else default_source_dir()
    if not folder.is_dir():
        raise ForthError(f"{folder}: no such folder (give the IBM 1130 material folder, "
                         "e.g. ../shared/data/ibm1130)")
    try:
        dms_path = _find(folder, DMS_IMAGE)
        dms = dms_path.read_bytes()
        jobs = [(str(path), path.read_bytes()) for path in (_find(folder, job) for job in JOBS)]
    except OSError as error:
        raise ForthError(f"{error.filename}: cannot read: {error.strerror or error}") from None
    if len(dms) != IMAGE_BYTES:
        raise ForthError(f"{dms_path}: a 2310 cartridge image is {IMAGE_BYTES:,} bytes, not {len(dms):,}")
    return Material(dms, jobs)


def drive1_image(dms: bytes) -> bytes:
    """The drive 1 cartridge: ``dms`` with its cartridge ID changed from
    /1234 to /0211 in the three words where DMS keeps it.  Raises
    ``ForthError`` when the image does not carry ID /1234 there."""
    words = array("H")
    words.frombytes(bytes(dms))
    if sys.byteorder == "big":
        words.byteswap()
    found = [words[i] for i in CARTRIDGE_ID_WORDS]
    if found != [DMS_ID] * len(CARTRIDGE_ID_WORDS):
        raise ForthError(f"{DMS_IMAGE}: expected cartridge ID /{DMS_ID:04X} in sector 0 word 4 and DCOM "
                         f"words 51 and 56, found {' '.join(f'/{w:04X}' for w in found)}")
    for index in CARTRIDGE_ID_WORDS:
        words[index] = DRIVE1_ID
    if sys.byteorder == "big":
        words.byteswap()
    return words.tobytes()


class Preparation:
    """The FORTH jobs on one machine, advanced in bounded slices.

    ``Preparation(material)`` runs the three preparation jobs on a new
    32K machine (``machine``) with a copy of ``material.dms`` on drive 0
    and :func:`drive1_image` on drive 1; ``then_start=True`` goes on with
    job 4, leaving FORTH at the keyboard.  ``Preparation(machine=m)`` with
    ``drives`` already mounted runs job 4 only (:func:`start`).
    ``advance(budget)`` runs at most ``budget`` instructions and returns
    True when every stage is done; ``fraction`` (0.0-1.0) and ``stage``
    (what is running) follow.  A job that ends anywhere but the monitor's
    wait raises ``ForthError`` with the job and the printer's last lines.
    """

    def __init__(self, material: Material | None = None, then_start: bool = False,
                 machine: Ibm1130 | None = None) -> None:
        self.machine = machine if machine is not None else Ibm1130(MEMORY_WORDS)
        self._stages: list[tuple[str, str, bytes, int]] = []
        if material is not None:
            self.machine.mount(material.dms, 0, name="forth68-drive0.dsk")
            self.machine.mount(drive1_image(material.dms), 1, name="forth68-drive1.dsk")
            for (name, deck), label, estimate in zip(material.jobs, STAGE_NAMES, STAGE_ESTIMATES):
                self._stages.append((label, name, deck, estimate))
        if then_start or material is None:
            self._stages.append((STAGE_NAMES[-1], XEQ_JOB, XEQ_DECK, STAGE_ESTIMATES[-1]))
        self._total = sum(stage[3] for stage in self._stages)
        self._done_estimate = 0
        self._index = -1
        self._job_start = 0
        self.stage = self._stages[0][0]
        self.fraction = 0.0
        self.done = False

    def _boot(self) -> None:
        label, name, deck, _ = self._stages[self._index]
        self.stage = label
        try:
            cards = deck_from_file_bytes(deck, name, layout="none")
        except DeckError as error:
            raise ForthError(str(error)) from None
        self.machine.attach_deck(cards, name=name)
        self.machine.program_load("disk", drive=0)
        self._job_start = self.machine.system.instructions

    def advance(self, budget: int) -> bool:
        """Run at most ``budget`` (> 0) instructions; True when all is done."""
        if self.done:
            return True
        if self._index < 0:
            self._index = 0
            self._boot()
        system = self.machine.system
        stop = self.machine.run(budget)
        ran = system.instructions - self._job_start
        estimate = self._stages[self._index][3]
        self.fraction = min(0.999, (self._done_estimate + min(ran, estimate)) / self._total)
        if stop == "limit":
            if ran > JOB_LIMIT:
                self._fail(f"still running after {ran:,} instructions")
            return False
        self._check_end(stop)
        self._done_estimate += estimate
        self._index += 1
        if self._index == len(self._stages):
            self.done, self.fraction = True, 1.0
            # Stopped at a WAIT outside the panel's own runs: tell the panel,
            # so a key typed (FORTH at the keyboard) wakes the CPU there.
            self.machine.panel.stop_reason = "wait"
            return True
        self._boot()
        return False

    def _check_end(self, stop: str) -> None:
        system, console = self.machine.system, self.machine.console
        name = self._stages[self._index][1]
        if name == XEQ_JOB:
            if stop != "wait" or not console.keyboard_selected or "HI THERE" not in console.output_text():
                self._fail(f"FORTH did not reach the keyboard after HI THERE (stop {stop})")
        elif stop != "wait" or (system.iar, system.acc) != MONITOR_WAIT:
            self._fail(f"stopped by {stop} instead of at the monitor's wait")
        elif name.endswith("forth68_asm.job") and "NO ERROR(S)" not in self.machine.printer.output_text():
            self._fail("the assembly flagged errors")

    def _fail(self, what: str) -> None:
        system = self.machine.system
        tail = "\n".join(self.machine.printer.output_text().rstrip().split("\n")[-6:])
        raise ForthError(f"{self._stages[self._index][1]}: {what} at IAR /{system.iar:04X} "
                         f"ACC /{system.acc:04X}; the 1132 printed last:\n{tail}")

    def run(self, progress: Progress | None = None, slice_instructions: int = 2_000_000) -> None:
        """Advance to the end, calling ``progress(fraction, stage)`` after each slice."""
        while not self.advance(slice_instructions):
            if progress is not None:
                progress(self.fraction, self.stage)
        if progress is not None:
            progress(1.0, "ready")

    def cartridges(self) -> tuple[bytes, bytes]:
        """The images on drive 0 and drive 1 now."""
        return tuple(self.machine.disk(n).cartridge.image_bytes() for n in (0, 1))  # type: ignore[return-value]


def _cache_paths(cache_dir: Path, key: str) -> tuple[Path, Path]:
    return tuple(cache_dir / f"forth68-{key[:16]}-drive{n}.dsk" for n in (0, 1))  # type: ignore[return-value]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def prepare(source_dir: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None,
            progress: Progress | None = None) -> tuple[bytes, bytes]:
    """The FORTH cartridge pair ``(drive0, drive1)``, each a SIMH image
    (1,042,608 bytes): drive 0 after the three preparation jobs, drive 1 the
    ID-changed copy.  Read from ``cache_dir`` (default
    :func:`default_cache_dir`) when the material is unchanged; otherwise the
    jobs run (about 66 million instructions) and the pair is written there
    (never into the material folder).  ``progress(fraction, stage)`` follows
    the jobs.  Raises ``ForthError`` (missing material, a job that failed,
    a cache folder inside the material)."""
    folder = Path(source_dir) if source_dir is not None else default_source_dir()
    material = read_material(folder)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if _inside(cache, folder):
        raise ForthError(f"{cache}: the cache must not be inside the material folder {folder}")
    paths = _cache_paths(cache, material.key())
    try:
        pair = tuple(path.read_bytes() for path in paths)
        if all(len(image) == IMAGE_BYTES for image in pair):
            if progress is not None:
                progress(1.0, "ready")
            return pair  # type: ignore[return-value]
    except OSError:
        pass                                   # not cached yet
    preparation = Preparation(material)
    preparation.run(progress)
    pair = preparation.cartridges()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for path, image in zip(paths, pair):
            with tempfile.NamedTemporaryFile(dir=cache, delete=False, suffix=".tmp") as handle:
                handle.write(image)
            os.replace(handle.name, path)
    except OSError:
        pass                                   # a read-only home: the pair is still good, just not kept
    return pair


def start(machine: Ibm1130, drive0: bytes, drive1: bytes, progress: Progress | None = None) -> None:
    """Mount ``drive0`` and ``drive1`` (in-memory copies FORTH may write)
    on ``machine`` and run job 4, ``// XEQ FORTX``, from a cold start until
    FORTH has typed ``HI THERE`` and waits at the console keyboard (about
    7.8 million instructions).  Raises ``ForthError`` if it does not get
    there, ``DiskImageError`` for an image of the wrong size."""
    machine.mount(drive0, 0, name="forth68-drive0.dsk")
    machine.mount(drive1, 1, name="forth68-drive1.dsk")
    Preparation(machine=machine).run(progress)
