"""Writing a file so that it is either the old one or the whole new one, never half of either.

Each file goes to a temporary file in the same folder, is flushed and fsynced, then renamed
over the old one (a rename within a folder is atomic). On a full disk, a read-only or an
immutable folder, the temporary file is removed, the old file is untouched, and the error
names the path and the cause. Temporary files are created with mode 0666 less the umask, like
any file a program writes, so the result is as readable as the file it replaces would be.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from grading.errors import GradingError


class OutputWriteError(GradingError):
    """An output could not be written (disk full, read-only, no permission); nothing changed."""


@contextmanager
def atomic_stream(path: Path, mode: str = "w", **options: Any) -> Iterator[IO[Any]]:
    """A stream (``open`` mode ``"w"`` or ``"wb"``) whose content replaces ``path`` on success."""
    temporary = _new_temporary(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(_created(temporary, path), mode, **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _replace(temporary, path)
    except OSError as error:
        _remove(temporary)
        raise OutputWriteError(describe_failure(path, error)) from error
    except BaseException:
        _remove(temporary)
        raise


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` as a whole."""
    with atomic_stream(path, "wb") as stream:
        stream.write(data)


def write_all_atomically(files: Mapping[Path, bytes]) -> None:
    """Replace several files as one whole: every temporary file is written and synced before
    the first rename, so a failure while writing changes none of them."""
    written: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = written[path] = _new_temporary(path)
            with os.fdopen(_created(temporary, path), "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for path, temporary in written.items():
            _replace(temporary, path)
    except OSError as error:
        for temporary in written.values():
            _remove(temporary)
        failed = Path(error.filename) if isinstance(error.filename, str) else next(iter(files))
        raise OutputWriteError(describe_failure(failed, error)) from error


def describe_failure(path: Path, error: OSError) -> str:
    """One line naming the path and the cause, as every ``caio`` command reports it."""
    cause = error.strerror or type(error).__name__
    return f"cannot write {path}: {cause}; nothing was changed there"


def _new_temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def _created(temporary: Path, path: Path) -> int:
    """Create ``temporary`` (never an existing file), honouring the umask."""
    try:
        return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        error.filename = str(path)
        raise


def _replace(temporary: Path, path: Path) -> None:
    try:
        temporary.replace(path)
    except OSError as error:
        error.filename = str(path)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; a folder that cannot be opened for it is left be."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(temporary: Path) -> None:
    """Remove the temporary file if it was made (its folder may be missing, or a file)."""
    with suppress(FileNotFoundError, NotADirectoryError):
        temporary.unlink()
