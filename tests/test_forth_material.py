"""forth.prepare's material and cache (machines/ibm1130/forth.py), without
running the jobs: missing or damaged material gets one clear error, the
cache never goes into the material, and a cached pair is read back as it
is, keyed by the material."""

from __future__ import annotations

from array import array

import pytest

from machines.ibm1130 import forth
from machines.ibm1130.devices.disk2310 import IMAGE_BYTES


def dms_image(cartridge_id: int = 0x1234) -> bytes:
    words = array("H", bytes(IMAGE_BYTES))
    for index in forth.CARTRIDGE_ID_WORDS:
        words[index] = cartridge_id
    return words.tobytes()


def material_folder(root, dms: bytes):
    (root / "forth68").mkdir(parents=True)
    (root / "jobs").mkdir()
    (root / "dms.dsk").write_bytes(dms)
    for job in forth.JOBS:
        (root / job).write_text(f"// JOB\n// * {job}\n")
    return root


def test_missing_or_damaged_material_is_named(tmp_path):
    with pytest.raises(forth.ForthError, match=r"dms.dsk not found \(the IBM 1130 material"):
        forth.read_material(tmp_path)
    with pytest.raises(forth.ForthError, match="no such folder"):
        forth.read_material(tmp_path / "nowhere")
    folder = material_folder(tmp_path / "m", b"short")
    with pytest.raises(forth.ForthError) as error:
        forth.read_material(folder)
    assert str(error.value) == f"{folder / 'dms.dsk'}: a 2310 cartridge image is 1,042,608 bytes, not 5"
    (folder / forth.JOBS[2]).unlink()
    (folder / "dms.dsk").write_bytes(dms_image())
    with pytest.raises(forth.ForthError, match="jobs/forth68_asm.job not found"):
        forth.read_material(folder)


def test_drive_1_gets_id_0211_and_only_that(tmp_path):
    dms = dms_image()
    drive1 = array("H", forth.drive1_image(dms))
    original = array("H", dms)
    assert [i for i in range(len(drive1)) if drive1[i] != original[i]] == list(forth.CARTRIDGE_ID_WORDS)
    assert {drive1[i] for i in forth.CARTRIDGE_ID_WORDS} == {0x0211}
    with pytest.raises(forth.ForthError, match="expected cartridge ID /1234 .* found /0211 /0211 /0211"):
        forth.drive1_image(bytes(drive1))


def test_the_cached_pair_is_read_back_and_keyed_by_the_material(tmp_path):
    folder = material_folder(tmp_path / "material", dms_image())
    with pytest.raises(forth.ForthError, match="must not be inside the material folder"):
        forth.prepare(folder, folder / "cache")
    cache = tmp_path / "cache"
    cache.mkdir()
    key = forth.read_material(folder).key()
    pair = (bytes([1]) * IMAGE_BYTES, bytes([2]) * IMAGE_BYTES)
    for number, image in enumerate(pair):
        (cache / f"forth68-{key[:16]}-drive{number}.dsk").write_bytes(image)
    seen = []
    assert forth.prepare(folder, cache, progress=lambda f, s: seen.append((f, s))) == pair
    assert seen == [(1.0, "ready")]
    (folder / forth.JOBS[0]).write_text("// JOB\n// * changed\n")
    assert forth.read_material(folder).key() != key            # another material, another pair
