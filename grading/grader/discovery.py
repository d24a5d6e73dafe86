"""Finding submissions and whose they are.

Two layouts, freely mixed in one folder:

* one folder per learner: ``SUBMISSIONS/<learner>/**/*.ipynb`` (nbgrader's
  ``submitted/<learner>/<assignment>/<file>.ipynb`` is this layout with ``submitted`` as root);
* flat files: ``SUBMISSIONS/<learner>__<anything>.ipynb``.

Links are never followed out of the folder: such a file is listed with a problem, unread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from grading.errors import GradingError

NOTEBOOK_SUFFIX = ".ipynb"
LEARNER_SEPARATOR = "__"
SKIPPED_FOLDERS = frozenset({".ipynb_checkpoints", "__pycache__", ".git"})


@dataclass(frozen=True)
class SubmissionFile:
    """One notebook file handed in, with the learner it belongs to."""

    learner: str
    path: Path
    relative: str
    """Path below the submissions folder, with forward slashes (stable across systems)."""
    name_hints: tuple[str, ...]
    """Folder names and the file's stem: where a quiz id may be read when metadata is lost."""
    outside: bool = False
    """A link that resolves outside the submissions folder: it must not be read."""
    learner_guessed: bool = False
    """A flat file without ``<learner>__``: the whole file name was taken as the learner id."""


def find_submissions(root: Path) -> list[SubmissionFile]:
    """Every submission below ``root``, sorted by learner then path, links not followed out."""
    if not root.is_dir():
        raise GradingError(f"submissions folder {root} does not exist or is not a folder")
    resolved_root = root.resolve()
    found: list[SubmissionFile] = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS:
            continue
        if entry.is_dir():
            found.extend(_learner_folder(entry, root, resolved_root))
        elif entry.name.endswith(NOTEBOOK_SUFFIX):
            found.append(_flat_file(entry, root, resolved_root))
    return sorted(found, key=lambda submission: (submission.learner, submission.relative))


def _learner_folder(folder: Path, root: Path, resolved_root: Path) -> list[SubmissionFile]:
    learner = folder.name
    if not _inside(folder, resolved_root):
        return [_submission(learner, folder, root, resolved_root, ())]
    files = []
    for directory, subfolders, names in os.walk(folder, followlinks=False):
        subfolders[:] = sorted(
            name for name in subfolders if name not in SKIPPED_FOLDERS and not name.startswith(".")
        )
        here = Path(directory)
        for name in subfolders:
            if (here / name).is_symlink() and not _inside(here / name, resolved_root):
                files.append(_submission(learner, here / name, root, resolved_root, ()))
        for name in sorted(names):
            if name.endswith(NOTEBOOK_SUFFIX) and not name.startswith("."):
                hints = (*here.relative_to(folder).parts, Path(name).stem)
                files.append(_submission(learner, here / name, root, resolved_root, hints))
    return files


def _flat_file(path: Path, root: Path, resolved_root: Path) -> SubmissionFile:
    stem = path.name.removesuffix(NOTEBOOK_SUFFIX)
    learner, separator, rest = stem.partition(LEARNER_SEPARATOR)
    if not separator or not learner:
        submission = _submission(stem, path, root, resolved_root, (stem,))
        return replace(submission, learner_guessed=True)
    return _submission(learner, path, root, resolved_root, (rest,))


def _submission(
    learner: str, path: Path, root: Path, resolved_root: Path, hints: tuple[str, ...]
) -> SubmissionFile:
    """``path`` was reached without following links, from a folder inside ``root``: only a
    link itself can lead out, so only links are resolved (one ``lstat`` for the rest)."""
    return SubmissionFile(
        learner=learner,
        path=path,
        relative=path.relative_to(root).as_posix(),
        name_hints=hints,
        outside=path.is_symlink() and not _inside(path, resolved_root),
    )


def _inside(path: Path, resolved_root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(resolved_root)
    except (OSError, RuntimeError):
        return False
