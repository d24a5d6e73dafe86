"""``caio gradebook -o course.csv``: one row per learner, one column per quiz, and a total.

When a learner has several attempts at a quiz, a policy picks the one that counts:
``latest`` (the most recently recorded; the later insert on a tie) or ``best`` (the highest
share of the maximum; the latest of equals). A quiz a learner never took is left empty, not 0.
"""

from __future__ import annotations

import csv
import sqlite3
from enum import Enum
from fractions import Fraction
from pathlib import Path

from grading.atomic_write import atomic_stream
from grading.results.attempt_score import AttemptScore
from grading.results.numbers import format_points
from grading.results.safe_text import safe_cell


class Policy(str, Enum):
    """Which of a learner's attempts at a quiz counts."""

    latest = "latest"
    best = "best"


def attempt_scores(connection: sqlite3.Connection) -> list[AttemptScore]:
    """Every attempt with its current total, in recording order."""
    rows = connection.execute(
        "SELECT a.id, a.learner, a.quiz, a.recorded_at, s.points, s.max_points"
        " FROM attempts a JOIN answers s ON s.attempt_id = a.id ORDER BY a.id, s.position"
    ).fetchall()
    totals: dict[int, list] = {}
    for attempt_id, learner, quiz, recorded_at, points, maximum in rows:
        entry = totals.setdefault(
            attempt_id, [learner, quiz, recorded_at, Fraction(0), Fraction(0)]
        )
        entry[3] += Fraction(points)
        entry[4] += Fraction(maximum)
    return [AttemptScore(attempt_id, *entry) for attempt_id, entry in totals.items()]


def counted_attempts(
    connection: sqlite3.Connection, policy: Policy
) -> dict[tuple[str, str], AttemptScore]:
    """(learner, quiz) → the attempt that counts under ``policy``."""
    chosen: dict[tuple[str, str], AttemptScore] = {}
    for score in attempt_scores(connection):
        key = (score.learner, score.quiz)
        kept = chosen.get(key)
        if kept is None or _better(score, kept, policy):
            chosen[key] = score
    return chosen


def write_course_csv(connection: sqlite3.Connection, path: Path, policy: Policy) -> int:
    """Write the course CSV; return the number of learners."""
    chosen = counted_attempts(connection, policy)
    learners = sorted({learner for learner, _ in chosen})
    quizzes = sorted({quiz for _, quiz in chosen})
    with atomic_stream(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["learner", *quizzes, "total"])
        for learner in learners:
            scores = [chosen.get((learner, quiz)) for quiz in quizzes]
            total = sum((score.points for score in scores if score), Fraction(0))
            cells = [format_points(score.points) if score else "" for score in scores]
            writer.writerow([safe_cell(learner), *cells, format_points(total)])
    return len(learners)


def _better(candidate: AttemptScore, kept: AttemptScore, policy: Policy) -> bool:
    newer = (candidate.recorded_at, candidate.attempt_id) > (kept.recorded_at, kept.attempt_id)
    if policy is Policy.latest or candidate.share == kept.share:
        return newer
    return candidate.share > kept.share
