"""Reading a submitted file's bytes, if it is a regular file and not larger than the limit.

A folder of submissions may hold anything a file system can: a FIFO (reading it waits
forever for a writer), a device node (``/dev/zero`` never ends, and its size says 0), a link
to either. Only regular files are opened, without blocking, and the limit counts the bytes
actually read, not the size the file system reports.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from grading.results.model import ProblemKind

CHUNK = 1024 * 1024


class FileRefused(NamedTuple):
    """Why a file was not read: the problem kind and a message for the instructor."""

    kind: ProblemKind
    message: str


def read_regular_file(path: Path, *, max_bytes: int) -> bytes | FileRefused:
    """The file's bytes, or why it was refused; never blocks, never reads past the limit."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return FileRefused(ProblemKind.unreadable_file, f"not a regular file ({_kind(info)})")
        if info.st_size > max_bytes:
            return _too_large(f"{info.st_size:,} bytes", max_bytes)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        return FileRefused(ProblemKind.unreadable_file, f"cannot open the file ({error.strerror})")
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # replaced since the first look
            return FileRefused(ProblemKind.unreadable_file, "not a regular file")
        chunks = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(CHUNK, remaining))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        return FileRefused(ProblemKind.unreadable_file, f"cannot read the file ({error.strerror})")
    finally:
        os.close(descriptor)
    if remaining <= 0:
        return _too_large(f"more than {max_bytes:,} bytes", max_bytes)
    return b"".join(chunks)


def _too_large(size: str, max_bytes: int) -> FileRefused:
    message = f"file is {size}, over the limit of {max_bytes:,} bytes"
    return FileRefused(ProblemKind.too_large, message)


def _kind(info: os.stat_result) -> str:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
