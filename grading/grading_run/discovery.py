"""Finding submissions and whose they are.

Two layouts, freely mixed in one folder:

* one folder per learner: ``SUBMISSIONS/<learner>/**/*.ipynb`` (nbgrader's
  ``submitted/<learner>/<assignment>/<file>.ipynb`` is this layout with ``submitted`` as root);
* flat files: ``SUBMISSIONS/<learner>__<anything>.ipynb``.

Links are never followed out of the folder: such a file is listed with a problem, unread.
A learner's folder (or a folder below it) that cannot be listed is listed itself, with the
reason, so that it gets a row: no learner is lost without a word.
Hidden files and folders are submissions like any other (flagged); only the folders tools
make (:data:`TOOL_FOLDERS`) are skipped, and the run lists those it skipped.

Listing happens in two steps so that a run never holds every file of a cohort: the top of the
folder says who the learners are (:meth:`SubmissionsFolder.learners`), and each learner's
folder is walked only when that learner is graded (:meth:`SubmissionsFolder.files_of`), in
whichever worker process grades them.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

from grading.errors import GradingError
from grading.grader.submission import SubmissionFile

NOTEBOOK_SUFFIX = ".ipynb"
LEARNER_SEPARATOR = "__"
TOOL_FOLDERS = frozenset({".ipynb_checkpoints", "__pycache__", ".git", "__MACOSX"})
"""Folders that Jupyter, Python, git and macOS's zip tool make: never a learner's work."""


class Learner(NamedTuple):
    """One learner and the names of their entries at the top of the submissions folder (a
    folder, flat notebooks or both). Kept small: a run holds one for every learner."""

    name: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class SubmissionsFolder:
    """The folder of submissions, resolved once (picklable: workers walk learners' folders)."""

    root: Path
    resolved_root: Path

    @classmethod
    def at(cls, root: Path) -> SubmissionsFolder:
        if not root.is_dir():
            raise GradingError(f"submissions folder {root} does not exist or is not a folder")
        return cls(root, root.resolve())

    def _top(self) -> list[os.DirEntry[str]]:
        """The entries at the top; a submissions folder that cannot be listed is an error."""
        try:
            return _listing(self.root)
        except OSError as error:
            cause = error.strerror or type(error).__name__
            raise GradingError(
                f"cannot read the submissions folder {self.root}: {cause}"
            ) from error

    def learners(self) -> list[Learner]:
        """Every learner with a folder or a flat notebook here, sorted by learner id."""
        named = []
        for entry in self._top():
            if entry.name in TOOL_FOLDERS:
                continue
            if _is_folder(entry):
                named.append((_readable(entry.name), entry.name))
            elif entry.name.endswith(NOTEBOOK_SUFFIX):
                named.append((_flat_file_learner(_readable(entry.name))[0], entry.name))
        named.sort()
        return [
            Learner(name, tuple(entry for _, entry in group))
            for name, group in groupby(named, key=lambda pair: pair[0])
        ]

    def tool_folders(self) -> list[str]:
        """The folders made by tools at the top of the submissions folder, skipped."""
        return sorted(
            _readable(entry.name)
            for entry in self._top()
            if entry.name in TOOL_FOLDERS and _is_folder(entry)
        )

    def files_of(self, learner: Learner) -> list[SubmissionFile]:
        """The learner's notebooks sorted by path; links that lead out are listed, unread.

        Walked with ``os.scandir``, whose entries know whether they are links without a
        system call: only links are resolved.
        """
        files = []
        for entry in learner.entries:
            path = self.root / entry
            name = _readable(entry)
            is_link = path.is_symlink()
            if path.is_dir():
                if is_link and not _inside(path, self.resolved_root):
                    files.append(_outside(learner.name, path, name))
                else:
                    files.extend(self._walk(learner.name, path))
            else:
                files.append(self._flat_file(name, path, is_link))
        return sorted(files, key=lambda submission: submission.relative)

    def _walk(self, learner: str, folder: Path) -> list[SubmissionFile]:
        """Every notebook below one learner's folder; links to folders are never entered.

        A folder that cannot be listed is one file of its own, saying why, so it gets a row.
        """
        files = []
        pending: list[tuple[Path, tuple[str, ...]]] = [(folder, ())]
        while pending:
            directory, parts = pending.pop()
            try:
                listing = _listing(directory)
            except OSError as error:
                relative = "/".join((learner, *parts))
                files.append(_unlisted(learner, directory, relative, error))
                continue
            for entry in listing:
                path = directory / entry.name
                name = _readable(entry.name)
                relative = "/".join((learner, *parts, name))
                if _is_folder(entry):
                    if entry.is_symlink():
                        if not _inside(path, self.resolved_root):
                            files.append(_outside(learner, path, relative))
                    elif entry.name not in TOOL_FOLDERS:
                        pending.append((path, (*parts, name)))
                elif entry.name.endswith(NOTEBOOK_SUFFIX):
                    hints = (*parts, name.removesuffix(NOTEBOOK_SUFFIX))
                    outside = entry.is_symlink() and not _inside(path, self.resolved_root)
                    files.append(
                        SubmissionFile(
                            learner, path, relative, hints, outside, hidden=_is_hidden(relative)
                        )
                    )
        return files

    def _flat_file(self, name: str, path: Path, is_link: bool) -> SubmissionFile:
        learner, rest, guessed = _flat_file_learner(name)
        outside = is_link and not _inside(path, self.resolved_root)
        return SubmissionFile(learner, path, name, (rest,), outside, guessed, _is_hidden(name))


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    """The folder's entries, hidden ones too; ``OSError`` if it cannot be listed."""
    with os.scandir(folder) as entries:
        return list(entries)


def _unlisted(learner: str, folder: Path, relative: str, error: OSError) -> SubmissionFile:
    """A folder that cannot be listed (no permission, a vanished folder): listed, unread."""
    cause = error.strerror or type(error).__name__
    return SubmissionFile(
        learner, folder, relative, (), hidden=_is_hidden(relative), unlisted_because=cause
    )


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is (or links to) a folder; a link loop or a vanished target is not."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in relative.split("/"))


def _flat_file_learner(name: str) -> tuple[str, str, bool]:
    """``(learner, rest of the name, guessed)`` for ``<learner>__<rest>.ipynb``; without the
    ``__`` the whole stem is taken as the learner, and guessed is True."""
    stem = name.removesuffix(NOTEBOOK_SUFFIX)
    learner, separator, rest = stem.partition(LEARNER_SEPARATOR)
    if not separator or not learner:
        return stem, stem, True
    return learner, rest, False


def _readable(file_name: str) -> str:
    """A file name as text every output can hold, one text per name on disk.

    Bytes that are not UTF-8 (which Python keeps as lone surrogates) become ``\\xff``
    escapes; a backslash written in the name becomes ``\\\\``, so the byte 0xFF and the four
    characters ``\\xff`` stay two learners.
    """
    if file_name.isascii() and "\\" not in file_name:
        return file_name
    file_name = file_name.replace("\\", "\\\\")
    try:
        raw = file_name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate of another kind (a Windows file name)
        return file_name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _outside(learner: str, path: Path, relative: str) -> SubmissionFile:
    """A link that leads out of the submissions folder: listed, never read."""
    return SubmissionFile(learner, path, relative, (), outside=True)


def _inside(path: Path, resolved_root: Path) -> bool:
    """Whether a link stays inside the folder; a link loop leads nowhere, and reading it
    fails with its own clear reason, so it counts as inside."""
    try:
        return path.resolve().is_relative_to(resolved_root)
    except RuntimeError:  # "Symlink loop" (Python before 3.13)
        return True
    except OSError as error:
        return error.errno == errno.ELOOP
