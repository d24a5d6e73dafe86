"""Shared fixtures: the repository's quizzes and a way to write filled-in learner notebooks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from grading.notebooks.build import build_learner_notebook
from grading.quiz.loading import find_quiz, load_quizzes
from grading.quiz.model import Quiz

REPO = Path(__file__).resolve().parent.parent
QUIZ_DIR = REPO / "quizzes"

RIGHT_ANSWERS = {
    "q1": '"A"',
    "q2": '["A", "B", "C"]',
    "q3": "True",
    "q4": "5",
    "q5": '"responsible"',
    "q6": '["B", "D", "E", "C", "A"]',
    "q7": '{"1": "B", "2": "C", "3": "D"}',
    "q8": '"B"',
    "q9": '["A", "B", "C"]',
    "q10": "True",
}
"""Source text of the right answer to each question of caio-responsibilities (14 points)."""


@pytest.fixture(scope="session")
def quizzes() -> dict[str, Quiz]:
    return load_quizzes(QUIZ_DIR)


@pytest.fixture(scope="session")
def responsibilities() -> Quiz:
    return find_quiz(QUIZ_DIR, "caio-responsibilities")


def filled_notebook(quiz: Quiz, answers: dict[str, str], lang: str = "en") -> nbformat.NotebookNode:
    """The learner notebook (of the edition in ``lang``, ``quiz`` being that edition's quiz)
    with each answer cell's placeholder replaced by source text."""
    notebook = build_learner_notebook(quiz, lang)
    for cell in notebook.cells:
        question = cell.metadata.get("quiz", {}).get("question")
        if cell.cell_type == "code" and question in answers:
            cell.source = f"{question} = {answers[question]}"
    return notebook


WriteSubmission = Callable[..., Path]


@pytest.fixture
def write_submission(tmp_path: Path, responsibilities: Quiz) -> WriteSubmission:
    """Write ``submissions/<relative>`` filled with ``answers`` (default: all right)."""

    def write(relative: str, answers: dict[str, str] | None = None, notebook=None) -> Path:
        path = tmp_path / "submissions" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if notebook is None:
            notebook = filled_notebook(
                responsibilities, RIGHT_ANSWERS if answers is None else answers
            )
        nbformat.write(notebook, path)
        return path

    (tmp_path / "submissions").mkdir()
    return write
