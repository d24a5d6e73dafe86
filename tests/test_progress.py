"""Progress output: plain lines when stderr is not a terminal (logs, CI)."""

from __future__ import annotations

import io

from grading.progress import grading_progress


def test_plain_lines_name_problem_files_and_count() -> None:
    stream = io.StringIO()
    with grading_progress(2, stream) as on_result:
        on_result(None)
        on_result("bruno__quiz.ipynb: not_graded: not valid JSON")
    lines = stream.getvalue().splitlines()
    assert lines == ["bruno__quiz.ipynb: not_graded: not valid JSON", "graded 2/2"]
