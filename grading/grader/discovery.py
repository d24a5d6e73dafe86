"""Finding submissions and whose they are.

Two layouts, freely mixed in one folder:

* one folder per learner: ``SUBMISSIONS/<learner>/**/*.ipynb`` (nbgrader's
  ``submitted/<learner>/<assignment>/<file>.ipynb`` is this layout with ``submitted`` as root);
* flat files: ``SUBMISSIONS/<learner>__<anything>.ipynb``.

Links are never followed out of the folder: such a file is listed with a problem, unread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from grading.errors import GradingError

NOTEBOOK_SUFFIX = ".ipynb"
LEARNER_SEPARATOR = "__"
SKIPPED_FOLDERS = frozenset({".ipynb_checkpoints", "__pycache__", ".git"})


@dataclass(frozen=True)
class SubmissionFile:
    """One notebook file handed in, with the learner it belongs to."""

    learner: str
    """The learner's folder or file-name prefix; bytes that are not UTF-8 appear as ``\\xff``."""
    path: Path
    relative: str
    """Path below the submissions folder, with forward slashes (stable across systems), in
    the same readable form as ``learner``."""
    name_hints: tuple[str, ...]
    """Folder names and the file's stem: where a quiz id may be read when metadata is lost."""
    outside: bool = False
    """A link that resolves outside the submissions folder: it must not be read."""
    learner_guessed: bool = False
    """A flat file without ``<learner>__``: the whole file name was taken as the learner id."""


def find_submissions(root: Path) -> list[SubmissionFile]:
    """Every submission below ``root``, sorted by learner then path, links not followed out.

    Walked with ``os.scandir``, whose entries know whether they are links without a system
    call: only links are resolved, so a cohort of thousands of folders is listed quickly.
    """
    if not root.is_dir():
        raise GradingError(f"submissions folder {root} does not exist or is not a folder")
    resolved_root = root.resolve()
    found: list[SubmissionFile] = []
    for entry in _listing(root):
        if entry.name in SKIPPED_FOLDERS:
            continue
        path = root / entry.name
        learner = readable(entry.name)
        if entry.is_dir():
            if entry.is_symlink() and not _inside(path, resolved_root):
                found.append(_outside(learner, path, learner))
            else:
                found.extend(_learner_folder(learner, path, resolved_root))
        elif entry.name.endswith(NOTEBOOK_SUFFIX):
            found.append(_flat_file(entry, path, resolved_root))
    return sorted(found, key=lambda submission: (submission.learner, submission.relative))


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    """The folder's entries that are not hidden; an unreadable folder lists nothing."""
    try:
        with os.scandir(folder) as entries:
            return [entry for entry in entries if not entry.name.startswith(".")]
    except OSError:
        return []


def _learner_folder(learner: str, folder: Path, resolved_root: Path) -> list[SubmissionFile]:
    """Every notebook below one learner's folder; links to folders are never entered."""
    files = []
    pending: list[tuple[Path, tuple[str, ...]]] = [(folder, ())]
    while pending:
        directory, parts = pending.pop()
        for entry in _listing(directory):
            path = directory / entry.name
            name = readable(entry.name)
            relative = "/".join((learner, *parts, name))
            if entry.is_dir():
                if entry.is_symlink():
                    if not _inside(path, resolved_root):
                        files.append(_outside(learner, path, relative))
                elif entry.name not in SKIPPED_FOLDERS:
                    pending.append((path, (*parts, name)))
            elif entry.name.endswith(NOTEBOOK_SUFFIX):
                hints = (*parts, name.removesuffix(NOTEBOOK_SUFFIX))
                outside = entry.is_symlink() and not _inside(path, resolved_root)
                files.append(SubmissionFile(learner, path, relative, hints, outside=outside))
    return files


def _flat_file(entry: os.DirEntry[str], path: Path, resolved_root: Path) -> SubmissionFile:
    name = readable(entry.name)
    stem = name.removesuffix(NOTEBOOK_SUFFIX)
    learner, separator, rest = stem.partition(LEARNER_SEPARATOR)
    outside = entry.is_symlink() and not _inside(path, resolved_root)
    if not separator or not learner:
        return SubmissionFile(stem, path, name, (stem,), outside=outside, learner_guessed=True)
    return SubmissionFile(learner, path, name, (rest,), outside=outside)


def readable(file_name: str) -> str:
    """A file name as text every output can hold: bytes that are not UTF-8 (which Python keeps
    as lone surrogates) become ``\\xff`` escapes, so two such names stay two learners."""
    try:
        raw = file_name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate of another kind (a Windows file name)
        return file_name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _outside(learner: str, path: Path, relative: str) -> SubmissionFile:
    """A link that leads out of the submissions folder: listed, never read."""
    return SubmissionFile(learner, path, relative, (), outside=True)


def _inside(path: Path, resolved_root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(resolved_root)
    except (OSError, RuntimeError):
        return False
