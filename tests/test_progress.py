"""Progress output: plain lines when stderr is not a terminal (logs, CI)."""

from __future__ import annotations

import io
from fractions import Fraction

from grading.grader.results import (
    Outcome,
    Problem,
    ProblemKind,
    QuestionResult,
    SubmissionResult,
)
from grading.progress import grading_progress


def test_plain_lines_name_problem_files_and_count() -> None:
    stream = io.StringIO()
    answer = QuestionResult("q1", '"A"', Fraction(1), Fraction(1), Outcome.right, "right")
    clean = SubmissionResult("amara", "amara/quiz.ipynb", None, "quiz", None, (answer,))
    broken = SubmissionResult(
        "bruno",
        "bruno__quiz.ipynb",
        None,
        None,
        None,
        problems=(Problem(ProblemKind.not_json, "not valid JSON"),),
    )
    with grading_progress(2, stream) as on_result:
        on_result(clean)
        on_result(broken)
    lines = stream.getvalue().splitlines()
    assert lines == ["bruno__quiz.ipynb: not_graded: not valid JSON", "graded 2/2"]
