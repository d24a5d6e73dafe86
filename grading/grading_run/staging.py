"""Replacing an output folder as a whole, so an interrupted run leaves the last results intact.

Everything is written into a hidden staging folder beside ``OUT``; only when it is complete
is the old folder moved aside and the new one renamed into place (two renames on the same
file system). If a run dies between those renames, the next run puts the old folder back.
"""

from __future__ import annotations

import glob
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from grading.atomic_write import OutputWriteError, describe_failure
from grading.errors import GradingError
from grading.grading_run.out_lock import output_locked

MARKER = "results.json"
"""A folder holding this file was written by ``caio grade`` and may be replaced by it."""


@contextmanager
def replaced_atomically(out: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it becomes ``out``, on error it is removed.

    Any file-system fault (a full disk, a read-only or immutable OUT or parent) becomes an
    :class:`~grading.atomic_write.OutputWriteError` naming the path and the cause; OUT is
    then exactly as it was, and no staging folder is left.
    """
    out = out.absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with output_locked(out):
            _recover_interrupted(out)
            _refuse_foreign(out)
            staging = out.parent / f".{out.name}.staging-{os.getpid()}"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            try:
                yield staging
                _swap_in(staging, out)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except OSError as error:
        failed = Path(error.filename) if isinstance(error.filename, str) else out
        raise OutputWriteError(describe_failure(failed, error)) from error


def _swap_in(staging: Path, out: Path) -> None:
    """Put ``staging`` in the place of ``out``; if the second rename fails, undo the first."""
    backup = out.parent / f".{out.name}.previous-{os.getpid()}"
    if out.exists():
        out.rename(backup)
    try:
        staging.rename(out)
    except OSError:
        if backup.exists():
            backup.rename(out)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def refuse_overlap(submissions: Path, out: Path) -> None:
    """Neither folder may hold the other, and SUBMISSIONS may be none of the leftovers of an
    interrupted run beside OUT (which the next run removes or renames into OUT), nor lie inside
    or hold one: replacing OUT must never touch a submission."""
    inputs, output = submissions.resolve(), out.resolve()
    for leftover in [*_backups(out.absolute()), *_stagings(out.absolute())]:
        try:
            found = leftover.resolve()
        except (OSError, RuntimeError):  # a link loop: recovery cannot reach through it
            continue
        if inputs == found or inputs.is_relative_to(found) or found.is_relative_to(inputs):
            raise GradingError(
                f"the submissions folder {submissions} is, holds or lies inside {leftover}, "
                f"which the next run into {out} removes as the leftover of an interrupted "
                "run; rename it, or give another output folder"
            )
    if output.is_relative_to(inputs):
        raise GradingError(
            "the output folder must not be inside the submissions folder: inputs are never touched"
        )
    if inputs.is_relative_to(output):
        raise GradingError(
            f"the submissions folder {submissions} is inside the output folder {out}, which a "
            "run replaces whole; move the submissions out of it first"
        )


def _recover_interrupted(out: Path) -> None:
    backups = sorted(_backups(out), key=lambda path: path.stat().st_mtime)
    if not out.exists() and backups:
        backups.pop().rename(out)
    for leftover in [*backups, *_stagings(out)]:
        shutil.rmtree(leftover, ignore_errors=True)


def _backups(out: Path) -> list[Path]:
    """The previous OUTs a run moved aside and did not remove (``.OUT.previous-<pid>``)."""
    return list(out.parent.glob(f".{glob.escape(out.name)}.previous-*"))


def _stagings(out: Path) -> list[Path]:
    """The staging folders of runs that did not finish (``.OUT.staging-<pid>``)."""
    return list(out.parent.glob(f".{glob.escape(out.name)}.staging-*"))


def _refuse_foreign(out: Path) -> None:
    if out.is_file():
        raise GradingError(f"output {out} is a file; give a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise GradingError(
            f"output folder {out} is not empty and holds no {MARKER}: it was not written by "
            "caio grade, so it is not replaced. Choose a new or empty folder."
        )
