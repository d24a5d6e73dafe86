"""``caio regrade``: apply the regrade files to every recorded attempt, deterministically.

New points are always computed from the *recorded* answers and grading, never from an earlier
regrade, so running it twice changes nothing the second time, and removing a correction
restores the recorded score. Scoring reuses :func:`grading.grader.scoring.score_value`, as
grading does.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from fractions import Fraction

from grading.course_gradebook.regrade_file import Correction, RegradeFile, accepted_keys
from grading.grader.scoring import score_value
from grading.quiz.model import Question, Quiz, exact_fraction
from grading.results.answer_value import answer_value


@dataclass(frozen=True)
class ScoreChange:
    """One attempt whose total changed."""

    learner: str
    quiz: str
    file: str
    before: Fraction
    after: Fraction
    max_before: Fraction
    max_after: Fraction

    @property
    def difference(self) -> Fraction:
        return self.after - self.before


def regraded_points(
    question: Question, corrections: list[Correction], answer: str | None
) -> tuple[Fraction, Fraction]:
    """(points, max points) of one answer under the corrections that apply to its attempt."""
    maximum = exact_fraction(question.points)
    actions = {correction.action for correction in corrections}
    if "drop" in actions:
        return Fraction(0), Fraction(0)
    if "full_points" in actions:
        return maximum, maximum
    value = answer_value(answer)
    keys = [question, *(key for c in corrections for key in accepted_keys(question, c))]
    return max(score_value(key, value).points for key in keys), maximum


def apply_regrades(
    connection: sqlite3.Connection, quizzes: dict[str, Quiz], regrades: list[RegradeFile]
) -> list[ScoreChange]:
    """Recompute every recorded attempt's current points; return the totals that changed."""
    corrections: dict[str, dict[str, list[Correction]]] = {}
    for regrade in regrades:
        by_question = corrections.setdefault(regrade.quiz, {})
        for correction in regrade.corrections:
            by_question.setdefault(correction.question, []).append(correction)
    changes = []
    with connection:
        attempts = connection.execute(
            "SELECT id, learner, quiz, quiz_version, file FROM attempts ORDER BY id"
        )
        for attempt_id, learner, quiz_id, version, file in attempts.fetchall():
            applying = {
                question: [correction for correction in listed if correction.applies_to(version)]
                for question, listed in corrections.get(quiz_id, {}).items()
            }
            change = _regrade_attempt(connection, attempt_id, quizzes.get(quiz_id), applying)
            if change is not None:
                changes.append(ScoreChange(learner, quiz_id, file, *change))
    return changes


def _regrade_attempt(
    connection: sqlite3.Connection,
    attempt_id: int,
    quiz: Quiz | None,
    corrections: dict[str, list[Correction]],
) -> tuple[Fraction, Fraction, Fraction, Fraction] | None:
    rows = connection.execute(
        "SELECT question, answer, recorded_points, recorded_max_points, points, max_points"
        " FROM answers WHERE attempt_id = ?",
        (attempt_id,),
    ).fetchall()
    before = after = max_before = max_after = Fraction(0)
    for question_id, answer, recorded, recorded_max, points, maximum in rows:
        new_points, new_max = Fraction(recorded), Fraction(recorded_max)
        applying = corrections.get(question_id)
        if applying and quiz is not None:
            new_points, new_max = regraded_points(quiz.question(question_id), applying, answer)
        connection.execute(
            "UPDATE answers SET points = ?, max_points = ? WHERE attempt_id = ? AND question = ?",
            (str(new_points), str(new_max), attempt_id, question_id),
        )
        before += Fraction(points)
        max_before += Fraction(maximum)
        after += new_points
        max_after += new_max
    if (before, max_before) == (after, max_after):
        return None
    return before, after, max_before, max_after
