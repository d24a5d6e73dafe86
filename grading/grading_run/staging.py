"""Replacing an output folder as a whole, so an interrupted run leaves the last results intact.

Everything is written into a hidden staging folder beside ``OUT``; only when it is complete
is the old folder moved aside and the new one renamed into place (two renames on the same
file system). If a run dies between those renames, the next run puts the old folder back.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from grading.errors import GradingError

MARKER = "results.json"
"""A folder holding this file was written by ``caio grade`` and may be replaced by it."""


@contextmanager
def replaced_atomically(out: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it becomes ``out``, on error it is removed."""
    out = out.absolute()
    _recover_interrupted(out)
    _refuse_foreign(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    backup = out.parent / f".{out.name}.previous-{os.getpid()}"
    if out.exists():
        out.rename(backup)
    staging.rename(out)
    shutil.rmtree(backup, ignore_errors=True)


def _recover_interrupted(out: Path) -> None:
    backups = sorted(
        out.parent.glob(f".{out.name}.previous-*"), key=lambda path: path.stat().st_mtime
    )
    if not out.exists() and backups:
        backups.pop().rename(out)
    for leftover in [*backups, *out.parent.glob(f".{out.name}.staging-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _refuse_foreign(out: Path) -> None:
    if out.is_file():
        raise GradingError(f"output {out} is a file; give a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise GradingError(
            f"output folder {out} is not empty and holds no {MARKER}: it was not written by "
            "caio grade, so it is not replaced. Choose a new or empty folder."
        )
