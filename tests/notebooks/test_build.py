"""Learner notebooks: the answer contract, no key inside, and they run in a real kernel."""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.notebooks.build import build_learner_notebook
from grading.quiz.model import QuizMode
from grading.quiz.public import quiz_version
from grading.quiz.translations import quiz_in_language
from tests.conftest import QUIZ_DIR


def test_contract_metadata_and_placeholders(responsibilities) -> None:
    notebook = build_learner_notebook(responsibilities)
    assert (notebook.nbformat, notebook.nbformat_minor) == (4, 5)
    assert notebook.metadata.quiz == {
        "id": "caio-responsibilities",
        "version": quiz_version(responsibilities),
        "lang": "en",
    }
    answer_cells = [
        cell
        for cell in notebook.cells
        if set(cell.metadata.get("quiz", {})) == {"quiz", "question"}
    ]
    assert [cell.metadata.quiz["question"] for cell in answer_cells] == [
        question.id for question in responsibilities.questions
    ]
    sources = {
        cell.metadata.quiz["question"]: cell.source.splitlines()[-1] for cell in answer_cells
    }
    assert sources["q1"] == 'q1 = ""'
    assert sources["q2"] == "q2 = []"
    assert sources["q3"] == "q3 = None"
    assert sources["q7"] == "q7 = {}"
    assert all(cell.id for cell in notebook.cells)


def test_building_twice_gives_the_same_file(responsibilities) -> None:
    first = nbformat.writes(build_learner_notebook(responsibilities))
    assert first == nbformat.writes(build_learner_notebook(responsibilities))


def test_no_key_explanation_or_revealing_hash_in_any_learner_notebook(
    tmp_path: Path, quizzes
) -> None:
    result = CliRunner().invoke(app, ["notebooks", "-o", str(tmp_path), "--quizzes", str(QUIZ_DIR)])
    assert result.exit_code == 0, result.output
    graded = [quiz for quiz in quizzes.values() if quiz.mode is QuizMode.graded]
    assert sorted(path.stem for path in tmp_path.glob("*.ipynb")) == sorted(q.id for q in graded)
    for quiz in graded:
        text = (tmp_path / f"{quiz.id}.ipynb").read_text(encoding="utf-8")
        for question in quiz.questions:
            assert question.explanation not in text
            assert '"answer"' not in text
            assert '"tolerance"' not in text
        changed_key = quiz.model_copy(
            update={
                "questions": [q.model_copy(update={"explanation": "x"}) for q in quiz.questions]
            }
        )
        assert quiz_version(changed_key) == quiz_version(quiz)


def test_version_changes_when_what_learners_see_changes(responsibilities) -> None:
    first = responsibilities.questions[0]
    edited = responsibilities.model_copy(
        update={
            "questions": [first.model_copy(update={"points": 5}), *responsibilities.questions[1:]]
        }
    )
    assert quiz_version(edited) != quiz_version(responsibilities)


def test_notebook_runs_top_to_bottom_and_the_check_reports_form_only(responsibilities) -> None:
    notebook = build_learner_notebook(responsibilities)
    for cell in notebook.cells:
        if cell.metadata.get("quiz", {}).get("question") == "q1" and cell.cell_type == "code":
            cell.source = 'q1 = "Z"'
        if cell.metadata.get("quiz", {}).get("question") == "q3" and cell.cell_type == "code":
            cell.source = "q3 = True"
    client = nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3")
    client.execute()
    output = "".join(notebook.cells[-1].outputs[0]["text"])
    assert "q1: 'Z' is not one of the labels 'A', 'B', 'C', 'D'" in output
    assert "q3: well formed" in output
    assert "q2: not answered yet" in output
    assert "1 of 10 answers are well formed." in output
    assert "right" not in output.replace("whether an answer is right", "")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "de",
            ["ist keine der Bezeichnungen", "q3: richtig geschrieben", "noch nicht beantwortet"],
        ),
        ("vi", ["không phải là một trong các nhãn", "q3: viết đúng dạng", "chưa trả lời"]),
    ],
)
def test_a_translated_notebooks_check_speaks_its_language(
    responsibilities, lang: str, expected: list[str]
) -> None:
    quiz = quiz_in_language(QUIZ_DIR, responsibilities, lang)
    notebook = build_learner_notebook(quiz, lang)
    for cell in notebook.cells:
        if cell.metadata.get("quiz", {}).get("question") == "q1" and cell.cell_type == "code":
            cell.source = 'q1 = "Z"'
        if cell.metadata.get("quiz", {}).get("question") == "q3" and cell.cell_type == "code":
            cell.source = "q3 = True"
    nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    output = "".join(notebook.cells[-1].outputs[0]["text"])
    for words in expected:
        assert words in output
    assert "well formed" not in output
    assert "1 " in output.splitlines()[-2]  # one of ten answers is well formed


GRADED_QUIZ_IDS = sorted(
    path.stem
    for path in QUIZ_DIR.glob("*.yml")
    if "." not in path.stem and "mode: graded" in path.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("quiz_id", GRADED_QUIZ_IDS)
def test_every_graded_quiz_notebook_runs_untouched(quizzes, quiz_id: str) -> None:
    notebook = build_learner_notebook(quizzes[quiz_id])
    nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
    assert "not answered yet" in "".join(notebook.cells[-1].outputs[0]["text"])
