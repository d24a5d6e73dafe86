"""``gradebook.csv``: one row per learner and quiz, the sheet an instructor opens first.

Question columns are named ``<quiz id>/<question id>`` so that one file holds several quizzes
without two quizzes' ``q1`` sharing a column. A submission that could not be graded has empty
score cells and its reason in ``problems``: it can never pass for a real zero. Rows are made
from results.json entries, so the sheet always says exactly what results.json says.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

from grading.quiz.model import Quiz
from grading.reports.numbers import format_points

FIXED_COLUMNS = ("learner", "quiz", "file", "status")
TOTAL_COLUMNS = ("total", "max_points", "percent", "problems")


def write_gradebook_csv(
    path: Path, lines: Iterable[str], quizzes: dict[str, Quiz], used: set[str | None]
) -> None:
    """Write the gradebook from submission lines; only quizzes in ``used`` get columns."""
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
            writer.writerow(_row(json.loads(line), question_columns))


def _row(entry: dict[str, Any], question_columns: list[str]) -> list[str]:
    points = {
        f"{entry['quiz']}/{question['id']}": format_points(Fraction(question["points"]))
        for question in entry["questions"]
    }
    total = _fraction(entry["total"])
    maximum = _fraction(entry["max_points"])
    percent = total * 100 / maximum if total is not None and maximum else None
    problems = "; ".join(
        f"{problem['question']}: {problem['message']}"
        if problem["question"]
        else problem["message"]
        for problem in entry["problems"]
    )
    return [
        _safe_cell(entry["learner"]),
        entry["quiz"] or "",
        _safe_cell(entry["file"]),
        entry["status"],
        *(points.get(column, "") for column in question_columns),
        format_points(total),
        format_points(maximum),
        format_points(percent),
        _safe_cell(problems),
    ]


def _fraction(text: str | None) -> Fraction | None:
    return None if text is None else Fraction(text)


def _safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a learner-chosen name like ``=HYPERLINK(…)`` stays text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
