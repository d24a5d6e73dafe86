"""The feedback folder's names: every learner's page is found again, and none takes another's."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from grading.quiz.model import QuizId
from grading.results.feedback_layout import page_name, pages_by_learner, quiz_folder_name
from grading.results.safe_text import safe_file_name

learner_ids = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
copies = st.integers(min_value=1, max_value=30)


@given(first=learner_ids, second=learner_ids, first_copy=copies, second_copy=copies)
def test_two_pages_share_a_name_only_when_learner_and_copy_are_the_same(
    first: str, second: str, first_copy: int, second_copy: int
) -> None:
    same_page = page_name(first, first_copy) == page_name(second, second_copy)
    same_learner = safe_file_name(first) == safe_file_name(second)
    assert same_page == (same_learner and first_copy == second_copy)


@given(learners=st.lists(learner_ids, min_size=1, max_size=8, unique=True), copy=copies)
def test_every_page_written_is_read_back_as_its_learners(
    tmp_path_factory, learners: list[str], copy: int
) -> None:
    feedback = tmp_path_factory.mktemp("feedback")
    quiz = feedback / quiz_folder_name("final-exam")
    quiz.mkdir()
    for learner in learners:
        for number in range(1, copy + 1):
            (quiz / page_name(learner, number)).write_bytes(learner.encode())
    found = pages_by_learner(feedback)
    assert set(found) == {safe_file_name(learner) for learner in learners}
    for learner in learners:
        pages = found[safe_file_name(learner)]
        assert [page.copy for page in pages] == list(range(1, copy + 1))
        assert {page.folder for page in pages} == {"final-exam"}
        assert all(page.path.read_bytes() == learner.encode() for page in pages)


def test_files_that_are_not_pages_are_left_out(tmp_path: Path) -> None:
    quiz = tmp_path / "final-exam"
    quiz.mkdir()
    for name in ("ada.md", "ada (2).md", ".ada.md.1f2e3d4c.tmp", "notes.txt", "ada (1).md"):
        (quiz / name).write_text("x", encoding="utf-8")
    (tmp_path / "stray.md").write_text("x", encoding="utf-8")
    found = pages_by_learner(tmp_path)
    assert {learner: [page.copy for page in pages] for learner, pages in found.items()} == {
        "ada": [1, 2]
    }


def test_no_quiz_id_can_name_a_special_folder() -> None:
    """The two special folders start with ``_``; a quiz id that did would share one."""
    with pytest.raises(ValidationError):
        TypeAdapter(QuizId).validate_python("_objectives")
    assert quiz_folder_name(None) == "_unidentified"
