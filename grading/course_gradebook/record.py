"""``caio record OUT``: copy every graded attempt of a results.json into the gradebook.

An attempt is identified by learner, quiz and the sha256 of the submitted file: recording the
same grading output twice adds nothing, while a new file from the same learner is a new attempt.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from grading.course_gradebook.database import WaitNotice, gradebook
from grading.results.read_json import Attempt, GradedResults, load_results


@dataclass(frozen=True)
class RecordOutcome:
    """How many attempts were new, already known, or without a checksum (not recordable)."""

    added: int
    known: int
    skipped: int

    def summary(self, db: Path) -> str:
        skipped = f", {self.skipped} without checksum skipped" if self.skipped else ""
        return f"{self.added} attempts recorded, {self.known} already in {db}{skipped}"


def record_results(
    connection: sqlite3.Connection, results: GradedResults, *, now: datetime | None = None
) -> RecordOutcome:
    """Insert each graded attempt not yet in the gradebook, stamped with ``now`` (UTC)."""
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat()
    added = known = skipped = 0
    with connection:
        for attempt in results.attempts:
            if not attempt.sha256:
                skipped += 1
                continue
            if _insert_attempt(connection, attempt, results, stamp):
                added += 1
            else:
                known += 1
    return RecordOutcome(added=added, known=known, skipped=skipped)


def record_output_folder(
    out: Path, db: Path, *, on_wait: WaitNotice | None = None
) -> RecordOutcome:
    """Record ``out/results.json`` (what ``caio grade`` wrote) into the gradebook at ``db``."""
    results = load_results(out / "results.json")
    with gradebook(db, on_wait=on_wait) as connection:
        return record_results(connection, results)


def _insert_attempt(
    connection: sqlite3.Connection, attempt: Attempt, results: GradedResults, stamp: str
) -> bool:
    cursor = connection.execute(
        "INSERT OR IGNORE INTO attempts (learner, quiz, quiz_version, recorded_at, sha256, file)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (attempt.learner, attempt.quiz, attempt.quiz_version, stamp, attempt.sha256, attempt.file),
    )
    if cursor.rowcount == 0:
        return False
    maxima = {question.id: question.points for question in results.quizzes[attempt.quiz].questions}
    connection.executemany(
        "INSERT INTO answers (attempt_id, position, question, answer, recorded_points,"
        " recorded_max_points, points, max_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                cursor.lastrowid,
                position,
                question,
                attempt.answers.get(question),
                str(points),
                str(maxima.get(question, points)),
                str(points),
                str(maxima.get(question, points)),
            )
            for position, (question, points) in enumerate(attempt.points.items())
        ],
    )
    return True
