"""A notebook that lost its top-level quiz metadata (a jupytext round trip) is known by its cells."""

from __future__ import annotations

from pathlib import Path

from grading.grader.identify import identify_quiz
from grading.notebooks.read import read_submission
from grading.results.model import ProblemKind
from tests.conftest import RIGHT_ANSWERS, filled_notebook


def test_quiz_is_read_from_the_cells_and_reported_as_such(
    write_submission, responsibilities, quizzes
) -> None:
    notebook = filled_notebook(responsibilities, RIGHT_ANSWERS)
    del notebook.metadata["quiz"]
    path: Path = write_submission("learner/renamed.ipynb", notebook=notebook)
    read = read_submission(path)
    assert read.notebook is not None
    quiz, problems = identify_quiz(read.notebook, ("renamed",), quizzes)
    assert quiz is not None
    assert quiz.id == responsibilities.id
    assert [problem.kind for problem in problems] == [ProblemKind.quiz_from_cells]
