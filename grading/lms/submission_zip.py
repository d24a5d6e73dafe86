"""Unpacking an LMS bulk download of submissions, safely, into the layout ``caio grade`` reads.

The zip is untrusted. Before anything is extracted, its central directory is checked: at most
``max_files`` entries, no encrypted entry (flag bit 0x1), no entry that inflates more than
:data:`MAX_RATIO` times (a zip bomb), and at most ``max_total_bytes`` in the notebooks to
extract. While extracting, the real bytes are counted, so a header that lies about sizes
changes nothing. An entry whose path is absolute, climbs with ``..`` or is a symbolic link is
refused (listed, never written); other files than ``.ipynb`` are skipped (listed).

Notebooks land in a temporary folder as ``<learner>/<original file name>``, the learner read
from the LMS's naming (:mod:`grading.lms.lms_names`: Canvas ``smithjohn_12345``, ``anon_x7Yz2``;
Moodle ``Ada-Lovelace-42``). Mac archivers' ``__MACOSX/`` folders and ``._*`` files are not
submissions and are left out. A notebook whose name fits neither form is kept as
``<name>.ipynb`` at the top of the folder, where ``caio grade`` takes its name for the learner
and flags it, so it still gets a row.
"""

from __future__ import annotations

import re
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from grading.errors import GradingError
from grading.lms.lms_names import Lms, LmsLearner, parse_entry, safe_name

DEFAULT_MAX_FILES = 5000
DEFAULT_MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100
"""An entry that inflates more than this many times its compressed size is treated as a bomb."""
RATIO_FLOOR = 1024 * 1024
"""Ratios are judged above this size only: a few kilobytes of blanks can shrink 100 times."""
CHUNK = 64 * 1024
NOTEBOOK_SUFFIX = ".ipynb"

MAC_METADATA_FOLDER = "__MACOSX"
MAC_METADATA_PREFIX = "._"


class SubmissionZipError(GradingError):
    """The zip cannot be read, or is unsafe to unpack as a whole (bomb, encrypted, too big)."""


@dataclass(frozen=True)
class UnpackedZip:
    """What :func:`unpacked_submissions` made of a zip."""

    folder: Path
    """The temporary submissions folder; removed when the context ends."""
    lms: Lms
    """The naming used (``auto`` resolved)."""
    extracted: int
    skipped: tuple[str, ...]
    """Entries that are not notebooks."""
    refused: tuple[str, ...]
    """Entries with an unsafe path or a link, never written."""
    unrecognised: tuple[str, ...]
    """Notebooks whose name fits neither form, kept under their own name."""
    learners: tuple[LmsLearner, ...] = ()
    """Who the LMS says each learner folder belongs to, sorted by learner id."""

    @property
    def late_learners(self) -> frozenset[str]:
        return frozenset(who.learner for who in self.learners if who.late)


@contextmanager
def unpacked_submissions(
    archive: Path,
    *,
    lms: Lms = Lms.auto,
    max_files: int = DEFAULT_MAX_FILES,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
) -> Iterator[UnpackedZip]:
    """Unpack the notebooks of ``archive`` into a temporary folder that lives for the context."""
    with tempfile.TemporaryDirectory(prefix="caio-zip-") as temporary:
        folder = Path(temporary) / "submissions"
        folder.mkdir()
        try:
            with zipfile.ZipFile(archive) as bundle:
                unpacked = _unpack(bundle, folder, lms, max_files, max_total_bytes)
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
            raise SubmissionZipError(
                f"{archive} is not a zip file or is damaged: {error}"
            ) from error
        except OSError as error:
            raise SubmissionZipError(f"cannot read {archive}: {error}") from error
        yield unpacked


def _unpack(
    bundle: zipfile.ZipFile, folder: Path, lms: Lms, max_files: int, max_total_bytes: int
) -> UnpackedZip:
    entries = [info for info in bundle.infolist() if not info.is_dir()]
    _check_directory(entries, max_files, max_total_bytes)
    if lms is Lms.auto:
        moodle = any("_assignsubmission_" in info.filename for info in entries)
        lms = Lms.moodle if moodle else Lms.canvas
    skipped, refused, unrecognised = [], [], []
    learners: dict[str, LmsLearner] = {}
    budget = _Budget(max_total_bytes)
    extracted = 0
    for info in entries:
        parts = _safe_parts(info)
        if parts is None:
            refused.append(info.filename)
            continue
        if _mac_metadata(parts):
            continue
        if not parts[-1].lower().endswith(NOTEBOOK_SUFFIX):
            skipped.append(info.filename)
            continue
        parsed = parse_entry(parts, lms)
        if parsed is None:
            unrecognised.append(info.filename)
            target = _free_path(folder, None, safe_name(parts[-1]))
        else:
            learners.setdefault(parsed.who.learner, parsed.who)
            target = _free_path(folder, parsed.who.learner, parsed.file)
        _extract(bundle, info, target, budget)
        extracted += 1
    return UnpackedZip(
        folder=folder,
        lms=lms,
        extracted=extracted,
        skipped=tuple(skipped),
        refused=tuple(refused),
        unrecognised=tuple(unrecognised),
        learners=tuple(learners[name] for name in sorted(learners)),
    )


def _mac_metadata(parts: tuple[str, ...]) -> bool:
    """macOS archivers add ``__MACOSX/`` and ``._<name>`` resource forks: never submissions."""
    return parts[0] == MAC_METADATA_FOLDER or parts[-1].startswith(MAC_METADATA_PREFIX)


def _check_directory(entries: list[zipfile.ZipInfo], max_files: int, max_total_bytes: int) -> None:
    """Refuse the zip from its central directory alone, before a byte is extracted."""
    if len(entries) > max_files:
        raise SubmissionZipError(f"{len(entries)} files in the zip; the limit is {max_files}")
    for info in entries:
        if info.flag_bits & 0x1:
            raise SubmissionZipError(f"{info.filename} is encrypted; it cannot be graded")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SubmissionZipError(
                f"{info.filename} inflates {info.file_size // max(info.compress_size, 1)} times "
                f"(limit {MAX_RATIO}): this looks like a zip bomb"
            )
    declared = sum(
        info.file_size for info in entries if info.filename.lower().endswith(NOTEBOOK_SUFFIX)
    )
    if declared > max_total_bytes:
        raise SubmissionZipError(
            f"the notebooks would take {declared} bytes unpacked; the limit is {max_total_bytes}"
        )


class _Budget:
    """Bytes still allowed in total; counts what was really written, not what headers say."""

    def __init__(self, total: int) -> None:
        self.left = total

    def spend(self, size: int, entry: str) -> None:
        self.left -= size
        if self.left < 0:
            raise SubmissionZipError(
                f"unpacking {entry} went over the limit on total size: a zip bomb or a damaged zip"
            )


def _extract(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: _Budget) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with bundle.open(info) as source, target.open("xb") as sink:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            budget.spend(len(chunk), info.filename)
            if written > RATIO_FLOOR and written > MAX_RATIO * max(info.compress_size, 1):
                raise SubmissionZipError(
                    f"{info.filename} inflates more than {MAX_RATIO} times: a zip bomb"
                )
            sink.write(chunk)


def _safe_parts(info: zipfile.ZipInfo) -> tuple[str, ...] | None:
    """The entry's path parts, or None for an absolute path, ``..``, or a link."""
    if stat.S_ISLNK(info.external_attr >> 16):
        return None
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = tuple(part for part in PurePosixPath(name).parts if part not in ("", "."))
    if not parts or ".." in parts:
        return None
    return parts


def _free_path(folder: Path, learner: str | None, file: str) -> Path:
    """``folder/learner/file``, numbered ``-2``, ``-3`` … when two entries land on one name."""
    base = folder / learner if learner else folder
    path = base / file
    number = 1
    while path.exists():
        number += 1
        path = base / f"{Path(file).stem}-{number}{Path(file).suffix}"
    if not path.resolve().is_relative_to(folder.resolve()):
        raise SubmissionZipError(f"{file} would be written outside the submissions folder")
    return path
