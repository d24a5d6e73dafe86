"""``gradebook.csv``: one row per learner and quiz, the sheet an instructor opens first.

Question columns are named ``<quiz id>/<question id>`` so that one file holds several quizzes
without two quizzes' ``q1`` sharing a column. A submission that could not be graded has empty
score cells and its reason in ``problems``: it can never pass for a real zero.
"""

from __future__ import annotations

import csv
from pathlib import Path

from grading.grader.results import SubmissionResult
from grading.quiz.model import Quiz
from grading.reports.numbers import format_points

FIXED_COLUMNS = ("learner", "quiz", "file", "status")
TOTAL_COLUMNS = ("total", "max_points", "percent", "problems")


def write_gradebook_csv(
    path: Path, results: list[SubmissionResult], quizzes: dict[str, Quiz]
) -> None:
    """Write the gradebook; quizzes without submissions add no columns."""
    graded_quizzes = [quiz for quiz_id, quiz in sorted(quizzes.items()) if _has(results, quiz_id)]
    question_columns = [
        f"{quiz.id}/{question.id}" for quiz in graded_quizzes for question in quiz.questions
    ]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([*FIXED_COLUMNS, *question_columns, *TOTAL_COLUMNS])
        for result in results:
            points = {
                f"{result.quiz}/{question.question}": format_points(question.points)
                for question in result.questions
            }
            writer.writerow(
                [
                    _safe_cell(result.learner),
                    result.quiz or "",
                    _safe_cell(result.path),
                    result.status.value,
                    *(points.get(column, "") for column in question_columns),
                    format_points(result.total),
                    format_points(result.max_points),
                    format_points(result.percent),
                    _safe_cell("; ".join(str(problem) for problem in result.problems)),
                ]
            )


def _has(results: list[SubmissionResult], quiz_id: str) -> bool:
    return any(result.quiz == quiz_id for result in results)


def _safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a learner-chosen name like ``=HYPERLINK(…)`` stays text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
