"""gradebook.csv: rows assembled from pieces are exactly what the csv module would write."""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from grading.grade_outputs.gradebook_csv import gradebook_line, write_gradebook_csv
from grading.quiz.loading import load_quizzes
from grading.quiz.model import Quiz
from grading.results.model import Outcome, Problem, ProblemKind, QuestionResult, SubmissionResult
from grading.results.numbers import format_points
from tests.conftest import QUIZ_DIR

QUIZZES = load_quizzes(QUIZ_DIR)
SHEET_QUIZZES = ["c-suite-graded", "caio-responsibilities", "final-exam"]
cell_text = st.text(alphabet=st.sampled_from(list('ab ,"\n\r=-+@\t;é')), max_size=8)


@st.composite
def submissions(draw: st.DrawFn) -> SubmissionResult:
    quiz_id = draw(st.sampled_from([*SHEET_QUIZZES, "unknown-quiz", None]))
    quiz = QUIZZES.get(quiz_id or "")
    questions: tuple[QuestionResult, ...] = ()
    if quiz is not None and draw(st.booleans()):
        questions = tuple(
            QuestionResult(
                question.id,
                draw(cell_text),
                Fraction(draw(st.integers(0, 6)), draw(st.integers(1, 3))),
                Fraction(question.points),
                Outcome.partly_right,
                "",
            )
            for question in quiz.questions
        )
    problems = tuple(
        Problem(ProblemKind.prompt_edited, text) for text in draw(st.lists(cell_text, max_size=2))
    )
    learner, path = draw(cell_text), draw(cell_text)
    return SubmissionResult(learner, path, None, quiz_id, None, questions, problems)


def expected_sheet(results: list[SubmissionResult], quizzes: list[Quiz]) -> str:
    """The sheet written cell by cell with the csv module (formula cells neutralised)."""
    columns = [f"{quiz.id}/{question.id}" for quiz in quizzes for question in quiz.questions]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    fixed = ["learner", "quiz", "file", "status", "late", "lang"]
    writer.writerow([*fixed, *columns, "total", "max_points", "percent", "problems"])
    for result in results:
        points = {
            f"{result.quiz}/{answer.question}": format_points(answer.points)
            for answer in result.questions
        }
        cells = [result.learner, result.quiz or "", result.path, result.status.value, ""]
        cells.append(result.lang)
        cells += [points.get(column, "") for column in columns]
        cells += [format_points(result.total), format_points(result.max_points)]
        cells += [format_points(result.percent), "; ".join(map(str, result.problems))]
        safe = [
            "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell for cell in cells
        ]
        writer.writerow(safe)
    return buffer.getvalue()


@settings(max_examples=150, deadline=None)
@given(results=st.lists(submissions(), min_size=1, max_size=6))
def test_assembled_rows_equal_the_csv_module_row_by_row(
    results: list[SubmissionResult], tmp_path_factory
) -> None:
    used = {result.quiz for result in results}
    path = tmp_path_factory.mktemp("sheet") / "gradebook.csv"
    lines = [gradebook_line(result, QUIZZES.get(result.quiz or "")) for result in results]
    write_gradebook_csv(path, lines, QUIZZES, used)
    shown = [QUIZZES[quiz_id] for quiz_id in sorted(SHEET_QUIZZES) if quiz_id in used]
    assert Path(path).read_bytes().decode("utf-8") == expected_sheet(results, shown)
