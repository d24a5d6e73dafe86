"""``gradebook.csv``: one row per learner and quiz, the sheet an instructor opens first.

Question columns are named ``<quiz id>/<question id>`` so that one file holds several quizzes
without two quizzes' ``q1`` sharing a column. A submission that could not be graded has empty
score cells and its reason in ``problems``: it can never pass for a real zero.

Which question columns exist is known only once every submission is graded, so each row is
first kept as a compact line (:func:`gradebook_line`) and the sheet is written at the end.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import orjson

from grading.grader.results import SubmissionResult
from grading.quiz.model import Quiz
from grading.reports.numbers import format_points

FIXED_COLUMNS = ("learner", "quiz", "file", "status")
TOTAL_COLUMNS = ("total", "max_points", "percent", "problems")


def gradebook_line(result: SubmissionResult) -> str:
    """One row as a JSON line: fixed cells, question points by column, total cells."""
    points = {
        f"{result.quiz}/{question.question}": format_points(question.points)
        for question in result.questions
    }
    fixed = [result.learner, result.quiz or "", result.path, result.status.value]
    totals = [
        format_points(result.total),
        format_points(result.max_points),
        format_points(result.percent),
        problem_text(result),
    ]
    return orjson.dumps([fixed, points, totals]).decode()


def problem_text(result: SubmissionResult) -> str:
    """All of a submission's problems in one cell."""
    return "; ".join(str(problem) for problem in result.problems)


def write_gradebook_csv(
    path: Path, lines: Iterable[str], quizzes: dict[str, Quiz], used: set[str | None]
) -> None:
    """Write the sheet from :func:`gradebook_line` lines; quizzes in ``used`` get columns."""
    question_columns = [
        f"{quiz.id}/{question.id}"
        for quiz_id, quiz in sorted(quizzes.items())
        if quiz_id in used
        for question in quiz.questions
    ]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([*FIXED_COLUMNS, *question_columns, *TOTAL_COLUMNS])
        for line in lines:
            fixed, points, totals = orjson.loads(line)
            cells = [*fixed, *(points.get(column, "") for column in question_columns), *totals]
            writer.writerow([_safe_cell(cell) for cell in cells])


def _safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a learner-chosen name like ``=HYPERLINK(…)`` stays text.

    Scores never start with these characters (they are never negative), so only text changes.
    """
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
