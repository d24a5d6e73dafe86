"""Progress output: plain lines when stderr is not a terminal (logs, CI)."""

from __future__ import annotations

import io

from grading.grading_run.progress import grading_progress


def test_plain_lines_name_problem_files_and_count_learners() -> None:
    stream = io.StringIO()
    with grading_progress(3, stream) as on_batch:
        on_batch(2, [])
        on_batch(1, ["bruno__quiz.ipynb: not_graded: not valid JSON"])
    lines = stream.getvalue().splitlines()
    assert lines == ["bruno__quiz.ipynb: not_graded: not valid JSON", "graded 3/3 learners"]


def test_a_count_line_each_thousand_learners_whatever_the_batch_size() -> None:
    stream = io.StringIO()
    with grading_progress(2600, stream) as on_batch:
        for _ in range(10):
            on_batch(250, [])
        on_batch(100, [])
    assert stream.getvalue().splitlines() == [
        "graded 1000/2600 learners",
        "graded 2000/2600 learners",
        "graded 2600/2600 learners",
    ]
