"""The gradebook file: an SQLite database with one row per attempt and one per answer.

Points are stored as exact fraction text (``"2/3"``), never as floats. Each answer keeps the
points it was graded with (``recorded_*``) beside the current ones (after regrades), so a
regrade is always computed from the recorded grading and can be run again with the same result.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from grading.errors import GradingError

DEFAULT_DB = Path("gradebook.sqlite")

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    learner TEXT NOT NULL,
    quiz TEXT NOT NULL,
    quiz_version TEXT,
    recorded_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    file TEXT NOT NULL,
    UNIQUE (learner, quiz, sha256)
);
CREATE TABLE IF NOT EXISTS answers (
    attempt_id INTEGER NOT NULL REFERENCES attempts (id),
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer TEXT,
    recorded_points TEXT NOT NULL,
    recorded_max_points TEXT NOT NULL,
    points TEXT NOT NULL,
    max_points TEXT NOT NULL,
    PRIMARY KEY (attempt_id, question)
);
"""


SCHEMA_VERSION = 1
"""Kept in SQLite's ``PRAGMA user_version``; a gradebook from before it was kept reads 0."""
SQLITE_HEADER = b"SQLite format 3\x00"
WAIT_SECONDS = 60.0
"""How long to wait for another process (a ``caio record`` or ``regrade``) to finish writing."""


class GradebookError(GradingError):
    """The gradebook file cannot be opened or is not a gradebook."""


WaitNotice = Callable[[str], None]


@contextmanager
def gradebook(path: Path, *, on_wait: WaitNotice | None = None) -> Iterator[sqlite3.Connection]:
    """The gradebook at ``path``, checked, for the duration of a ``with`` block.

    Any database error inside the block (a lock held too long, damage found while reading)
    becomes a :class:`GradebookError` naming the file, and the connection is closed.
    """
    connection = open_gradebook(path, on_wait=on_wait)
    try:
        yield connection
    except sqlite3.DatabaseError as error:
        raise GradebookError(_explained(path, error)) from error
    finally:
        connection.close()


def open_gradebook(path: Path, *, on_wait: WaitNotice | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the gradebook at ``path``; the caller closes it.

    Before anything is written the file is checked: it must be SQLite, undamaged (SQLite's
    ``quick_check``) and of a schema version this code knows. A write lock held by another
    process is waited for, up to :data:`WAIT_SECONDS`, with a notice through ``on_wait``.
    """
    _refuse_other_files(path)
    try:
        connection = sqlite3.connect(path, timeout=0)
    except sqlite3.DatabaseError as error:
        raise GradebookError(_explained(path, error)) from error
    try:
        _wait_for_writers(connection, path, on_wait)
        if _checked_version(connection, path) != SCHEMA_VERSION:
            connection.executescript(SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as error:
        connection.close()
        raise GradebookError(_explained(path, error)) from error
    except GradebookError:
        connection.close()
        raise
    return connection


def _refuse_other_files(path: Path) -> None:
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as error:
        raise GradebookError(f"cannot read the gradebook {path}: {error.strerror}") from error
    if header and header != SQLITE_HEADER:
        raise GradebookError(f"{path} is not a gradebook: not an SQLite database file")


def _wait_for_writers(
    connection: sqlite3.Connection, path: Path, on_wait: WaitNotice | None
) -> None:
    """Take and release the write lock once, waiting visibly if another process holds it."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" not in str(error):
            raise
        if on_wait is not None:
            on_wait(f"waiting up to {WAIT_SECONDS:.0f} s: another process is writing to {path}")
        connection.execute(f"PRAGMA busy_timeout = {int(WAIT_SECONDS * 1000)}")
        connection.execute("BEGIN IMMEDIATE")
    connection.execute("ROLLBACK")
    connection.execute(f"PRAGMA busy_timeout = {int(WAIT_SECONDS * 1000)}")


def _checked_version(connection: sqlite3.Connection, path: Path) -> int:
    """The schema version of an undamaged gradebook (0: new, or from before versions)."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise GradebookError(
            f"{path} is a gradebook of schema version {version}, written by a newer caio; "
            f"this one knows version {SCHEMA_VERSION}. Update caio; the file was not changed."
        )
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if tables and not {"attempts", "answers"} <= tables:
        raise GradebookError(f"{path} is an SQLite database, but not a gradebook")
    (verdict,) = connection.execute("PRAGMA quick_check(1)").fetchone()
    if verdict != "ok":
        raise GradebookError(
            f"{path} is damaged ({verdict}); nothing was written. Restore it from a backup."
        )
    return version


def _explained(path: Path, error: sqlite3.DatabaseError) -> str:
    if "locked" in str(error) or "busy" in str(error):
        return (
            f"{path} is still locked by another process after {WAIT_SECONDS:.0f} s; "
            "try again when it has finished"
        )
    return f"{path} is not a usable gradebook: {error}"
