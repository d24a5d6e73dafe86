"""The sample submissions graded once with the real grader and the real quiz."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grading.grading_run.run import grade_folder_to
from grading.quiz.loading import load_quizzes

REPO = Path(__file__).resolve().parents[2]
QUIZ = "caio-responsibilities"


def grade_into(submissions: Path, out: Path, quizzes: Path) -> Path:
    """Grade ``submissions`` and write ``out/results.json``; return ``out``."""
    loaded = load_quizzes(quizzes)
    grade_folder_to(submissions, out, loaded)
    return out


@pytest.fixture
def quizzes(tmp_path: Path) -> Path:
    """A quiz folder holding only the real caio-responsibilities quiz (no regrade file)."""
    folder = tmp_path / "quizzes"
    folder.mkdir()
    shutil.copy(REPO / "quizzes" / f"{QUIZ}.yml", folder)
    return folder


@pytest.fixture
def submissions(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    shutil.copytree(REPO / "samples" / "submissions", folder)
    return folder


@pytest.fixture
def regrade_into():
    """The grading function, for tests that change a submission and grade again."""
    return grade_into


@pytest.fixture
def graded(submissions: Path, quizzes: Path, tmp_path: Path) -> Path:
    return grade_into(submissions, tmp_path / "out", quizzes)
