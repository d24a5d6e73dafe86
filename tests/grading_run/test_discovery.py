"""Finding submissions: both layouts, what is skipped, and links that lead out."""

from __future__ import annotations

from pathlib import Path

import pytest

from grading.errors import GradingError
from grading.grading_run.discovery import SubmissionFile, SubmissionsFolder


def find_submissions(root: Path) -> list[SubmissionFile]:
    """Every submission, in the order grading takes them: learners listed, then walked."""
    folder = SubmissionsFolder.at(root)
    return [file for learner in folder.learners() for file in folder.files_of(learner)]


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}", encoding="utf-8")
    return path


@pytest.fixture
def submissions(tmp_path: Path) -> Path:
    root = tmp_path / "submissions"
    touch(root / "ana" / "quiz-a.ipynb")
    touch(root / "ana" / "notes.txt")
    touch(root / "ana" / ".ipynb_checkpoints" / "quiz-a-checkpoint.ipynb")
    touch(root / "ana" / ".hidden.ipynb")
    touch(root / "bo" / "quiz-b" / "deep" / "answers.ipynb")
    touch(root / "bo" / "__pycache__" / "x.ipynb")
    touch(root / "cy__quiz-a.ipynb")
    touch(root / "lonely.ipynb")
    touch(root / ".git" / "x.ipynb")
    touch(root / "readme.md")
    return root


def test_both_layouts_sorted_by_learner_then_path(submissions: Path) -> None:
    found = find_submissions(submissions)
    assert [(item.learner, item.relative) for item in found] == [
        ("ana", "ana/.hidden.ipynb"),
        ("ana", "ana/quiz-a.ipynb"),
        ("bo", "bo/quiz-b/deep/answers.ipynb"),
        ("cy", "cy__quiz-a.ipynb"),
        ("lonely", "lonely.ipynb"),
    ]
    hints = {item.learner: item.name_hints for item in found}
    assert [item.relative for item in found if item.hidden] == ["ana/.hidden.ipynb"]
    assert hints == {
        "ana": ("quiz-a",),
        "bo": ("quiz-b", "deep", "answers"),
        "cy": ("quiz-a",),
        "lonely": ("lonely",),
    }
    assert [item.learner for item in found if item.learner_guessed] == ["lonely"]
    assert all(item.path == submissions / item.relative for item in found)
    assert not any(item.outside for item in found)


def test_links_out_of_the_folder_are_listed_unfollowed(submissions: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    touch(elsewhere / "secret.ipynb")
    (submissions / "dee__quiz-a.ipynb").symlink_to(elsewhere / "secret.ipynb")
    (submissions / "eve").symlink_to(elsewhere)
    (submissions / "ana" / "more").symlink_to(elsewhere)
    (submissions / "ana" / "again").symlink_to(submissions / "bo")
    (submissions / "fay").symlink_to(submissions / "bo")
    outside = {item.relative for item in find_submissions(submissions) if item.outside}
    assert outside == {"dee__quiz-a.ipynb", "eve", "ana/more"}
    relatives = {item.relative for item in find_submissions(submissions)}
    assert "fay/quiz-b/deep/answers.ipynb" in relatives
    assert not any(relative.startswith("ana/again") for relative in relatives)


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(GradingError, match="does not exist"):
        find_submissions(tmp_path / "nowhere")
