"""``gradebook.csv``: one row per learner and quiz, the sheet an instructor opens first.

Question columns are named ``<quiz id>/<question id>`` so that one file holds several quizzes
without two quizzes' ``q1`` sharing a column. A submission that could not be graded has empty
score cells and its reason in ``problems``: it can never pass for a real zero.

Which question columns exist is known only once every submission is graded. So each row is
rendered where it is graded, as CSV text in three pieces (:func:`gradebook_line`: fixed cells,
the quiz's own question cells, total cells), and the sheet is assembled at the end by placing
each row's question cells under its quiz's columns: joining text, no parsing of cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import orjson

from grading.quiz.model import Quiz
from grading.results.model import SubmissionResult
from grading.results.numbers import format_points
from grading.results.safe_text import safe_cell

FIXED_COLUMNS = ("learner", "quiz", "file", "status", "late", "lang")
TOTAL_COLUMNS = ("total", "max_points", "percent", "problems")
LINE_END = "\r\n"
"""What the csv module ends a row with (its default dialect), kept for the assembled rows."""


def gradebook_line(result: SubmissionResult, quiz: Quiz | None) -> str:
    """One row as a JSON line: CSV text of the fixed cells, the quiz id, CSV text of the
    quiz's question cells in the quiz's order, CSV text of the total cells."""
    late = "late" if result.late else ""
    fixed = [result.learner, result.quiz or "", result.path, result.status.value, late, result.lang]
    questions = ""
    if quiz is not None and result.questions:
        points = {answer.question: format_points(answer.points) for answer in result.questions}
        questions = _csv_text([points.get(question.id, "") for question in quiz.questions])
    totals = [
        format_points(result.total),
        format_points(result.max_points),
        format_points(result.percent),
        problem_text(result),
    ]
    return orjson.dumps([_csv_text(fixed), result.quiz, questions, _csv_text(totals)]).decode()


def problem_text(result: SubmissionResult) -> str:
    """All of a submission's problems in one cell."""
    return "; ".join(str(problem) for problem in result.problems)


def write_gradebook_csv(
    path: Path, lines: Iterable[str], quizzes: dict[str, Quiz], used: set[str | None]
) -> None:
    """Write the sheet from :func:`gradebook_line` lines; quizzes in ``used`` get columns."""
    shown = [quiz for quiz_id, quiz in sorted(quizzes.items()) if quiz_id in used]
    columns_before: dict[str, int] = {}
    question_columns: list[str] = []
    for quiz in shown:
        columns_before[quiz.id] = len(question_columns)
        question_columns += [f"{quiz.id}/{question.id}" for question in quiz.questions]
    with path.open("w", encoding="utf-8", newline="") as stream:
        header = [*FIXED_COLUMNS, *question_columns, *TOTAL_COLUMNS]
        stream.write(_csv_text(header, header=True) + LINE_END)
        for line in lines:
            fixed, quiz_id, questions, totals = orjson.loads(line)
            cells = [fixed, *[""] * len(question_columns), totals]
            if questions and quiz_id in columns_before:
                before = columns_before[quiz_id]
                width = len(quizzes[quiz_id].questions)
                cells[1 + before : 1 + before + width] = [questions]
            stream.write(",".join(cells) + LINE_END)


def _csv_text(cells: list[str], *, header: bool = False) -> str:
    """Cells as one CSV row without its line end; in data rows, formulas are neutralised
    (:func:`safe_cell`). A lone empty cell is the empty text: the csv module would write it
    as ``""`` (to tell it from an empty line), but here it always sits among other cells."""
    if cells == [""]:
        return ""
    buffer = io.StringIO()
    row = cells if header else [safe_cell(cell) for cell in cells]
    csv.writer(buffer, lineterminator=LINE_END).writerow(row)  # which cells need quotes
    return buffer.getvalue().removesuffix(LINE_END)  # depends on the line end: keep it
