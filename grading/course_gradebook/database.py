"""The gradebook file: an SQLite database with one row per attempt and one per answer.

Points are stored as exact fraction text (``"2/3"``), never as floats. Each answer keeps the
points it was graded with (``recorded_*``) beside the current ones (after regrades), so a
regrade is always computed from the recorded grading and can be run again with the same result.
"""

from __future__ import annotations

import sqlite3
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


class GradebookError(GradingError):
    """The gradebook file cannot be opened or is not a gradebook."""


def open_gradebook(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the gradebook at ``path``; the caller closes it."""
    try:
        connection = sqlite3.connect(path)
        connection.executescript(SCHEMA)
    except sqlite3.DatabaseError as error:
        raise GradebookError(f"{path} is not a usable gradebook: {error}") from error
    connection.execute("PRAGMA foreign_keys = ON")
    return connection
