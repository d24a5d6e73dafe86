"""One grading run at a time per output folder.

Two ``caio grade`` runs into one OUT used to destroy each other: the later run's recovery
removed the earlier run's staging folder. A run now holds an exclusive ``flock`` on a lock
file beside OUT (``.OUT.lock``) from before recovery until OUT is in place; a second run is
refused at once with a message saying so. The kernel releases the lock when its process ends,
however it ends, so a killed run never leaves OUT locked. The lock file is removed when the
run ends (the inode check below makes that safe against a run that opened it meanwhile).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from grading.errors import GradingError


class OutputBusy(GradingError):
    """Another run holds the output folder's lock."""


@contextmanager
def output_locked(out: Path) -> Iterator[None]:
    """Hold the lock of ``out`` for the duration of the block, or raise :class:`OutputBusy`."""
    lock = out.parent / f".{out.name}.lock"
    descriptor = _locked_descriptor(lock, out)
    try:
        yield
    finally:
        with suppress(FileNotFoundError):
            lock.unlink()
        os.close(descriptor)


def _locked_descriptor(lock: Path, out: Path) -> int:
    while True:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise OutputBusy(
                f"another caio grade run is writing to {out} (it holds {lock}); wait until it "
                "has finished, or give another output folder"
            ) from None
        if _same_file(descriptor, lock):
            return descriptor
        os.close(descriptor)  # the run before us removed this lock file as we opened it


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)
