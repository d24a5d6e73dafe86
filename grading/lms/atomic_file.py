"""Writing an export file whole or not at all.

The bytes go to a temporary file in the same folder, are flushed to disk (``fsync``) and
renamed over the target, so a crash or a full disk leaves either the old file or the new one,
never half of one. (Issue 9 brings a shared helper for the grader; this one serves the LMS
exports until the two are merged.)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from grading.errors import GradingError


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; raise :class:`GradingError` on failure."""
    folder = path.parent if str(path.parent) else Path()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise GradingError(f"cannot write {path}: {error}") from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise GradingError(f"cannot write {path}: {error}") from error
