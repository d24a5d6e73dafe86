"""A learner may answer any edition's notebook: same points, feedback in their language."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.grade_outputs.feedback_markdown import feedback_markdown
from grading.grader.grade_file import Grader
from grading.grader.submission import SubmissionFile
from grading.messages import message
from grading.quiz.model import Quiz
from grading.quiz.translations import load_editions
from grading.results.model import ProblemKind
from grading.results.numbers import format_points
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook

LOCAL_ANSWERS = {
    "de": {**RIGHT_ANSWERS, "q5": '"verantwortungsvolle"', "q1": '"b"'},
    "vi": {**RIGHT_ANSWERS, "q5": '"có trách nhiệm"', "q1": '"b"'},
}
"""All right but q1 (wrong), with q5 written in the edition's own word for "responsible"."""


@pytest.fixture(scope="module")
def editions(quizzes: dict[str, Quiz]) -> dict[tuple[str, str], Quiz]:
    return load_editions(QUIZ_DIR, quizzes)


def _grade(tmp_path: Path, grader: Grader, notebook: nbformat.NotebookNode, name: str):
    path = tmp_path / f"{name}__caio-responsibilities.ipynb"
    nbformat.write(notebook, path)
    return grader.grade(SubmissionFile(name, path, path.name, ("caio-responsibilities",)))


@pytest.mark.parametrize("lang", ["de", "vi"])
def test_a_translated_notebook_gets_the_english_points_and_no_false_flags(
    tmp_path: Path, quizzes: dict[str, Quiz], editions, lang: str
) -> None:
    grader = Grader(quizzes, editions=editions)
    english_quiz = quizzes["caio-responsibilities"]
    local_quiz = editions[(lang, "caio-responsibilities")]
    english = _grade(
        tmp_path, grader, filled_notebook(english_quiz, LOCAL_ANSWERS["de"], "en"), "en"
    )
    local = _grade(tmp_path, grader, filled_notebook(local_quiz, LOCAL_ANSWERS[lang], lang), lang)

    assert local.lang == lang
    assert english.lang == "en"
    kinds = {problem.kind for problem in local.problems}
    assert ProblemKind.version_mismatch not in kinds
    assert ProblemKind.prompt_edited not in kinds
    # q5 in the edition's word is right there; the English notebook wrote the German word.
    local_points = {result.question: result for result in local.questions}
    english_points = {result.question: result for result in english.questions}
    assert local_points["q5"].points == local_points["q5"].max_points > 0
    assert english_points["q5"].points == 0
    assert local.total == english.total + local_points["q5"].max_points
    assert local_points["q1"].points == english_points["q1"].points == 0
    assert local.max_points == english.max_points == 14


@pytest.mark.parametrize("lang", ["de", "vi"])
def test_feedback_is_written_in_the_notebooks_language(
    tmp_path: Path, quizzes: dict[str, Quiz], editions, lang: str
) -> None:
    grader = Grader(quizzes, editions=editions)
    local_quiz = editions[(lang, "caio-responsibilities")]
    result = _grade(tmp_path, grader, filled_notebook(local_quiz, LOCAL_ANSWERS[lang], lang), lang)
    page = feedback_markdown(result, grader.edition(result.quiz, result.lang), result.lang)
    english_page = feedback_markdown(result, quizzes["caio-responsibilities"])
    assert page.startswith(f"# {message(lang, 'feedback.title', title=local_quiz.title)}\n")
    assert local_quiz.questions[0].explanation.split()[0] in page
    assert "Your answer" in english_page
    assert "Your answer" not in page


def test_a_notebook_in_an_edition_the_course_lacks_is_graded_in_english(
    tmp_path: Path, quizzes: dict[str, Quiz], editions
) -> None:
    notebook = filled_notebook(quizzes["caio-responsibilities"], RIGHT_ANSWERS, "en")
    notebook.metadata["quiz"]["lang"] = "fr"
    result = _grade(tmp_path, Grader(quizzes, editions=editions), notebook, "fr")
    assert result.lang == "en"
    assert result.total == 14
    assert [p.kind for p in result.problems] == [ProblemKind.unknown_language]


def test_caio_grade_records_each_learners_language(
    tmp_path: Path, quizzes: dict[str, Quiz], editions
) -> None:
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    for lang in ("en", "de", "vi"):
        quiz = editions.get((lang, "caio-responsibilities"), quizzes["caio-responsibilities"])
        nbformat.write(
            filled_notebook(quiz, RIGHT_ANSWERS, lang),
            submissions / f"learner-{lang}__caio-responsibilities.ipynb",
        )
    out = tmp_path / "out"
    outcome = CliRunner().invoke(
        app, ["grade", str(submissions), "-o", str(out), "--quizzes", str(QUIZ_DIR)]
    )
    assert outcome.exit_code == 0, outcome.output
    with (out / "gradebook.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    assert {learner: row["lang"] for learner, row in rows.items()} == {
        "learner-en": "en",
        "learner-de": "de",
        "learner-vi": "vi",
    }
    assert {row["total"] for row in rows.values()} == {"14"}
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert sorted(entry["lang"] for entry in results["submissions"]) == ["de", "en", "vi"]
    german = (out / "feedback" / "caio-responsibilities" / "learner-de.md").read_text("utf-8")
    assert german.startswith("# Rückmeldung:")


PARTLY_AND_BADLY = {
    **RIGHT_ANSWERS,
    "q1": '"zz"',  # not a label: the format rule's words
    "q6": '["B", "D", "C", "E", "A"]',  # 3 of 5 in place
    "q7": '{"1": "B", "2": "D", "3": "C"}',  # 1 of 3 pairs
}


@pytest.mark.parametrize("lang", ["de", "vi"])
def test_reasons_and_file_notes_are_in_the_learners_language_and_the_gradebook_in_english(
    tmp_path: Path, quizzes: dict[str, Quiz], editions, lang: str
) -> None:
    grader = Grader(quizzes, editions=editions)
    local_quiz = editions[(lang, "caio-responsibilities")]
    notebook = filled_notebook(local_quiz, PARTLY_AND_BADLY, lang)
    notebook.metadata["quiz"]["version"] = "0123456789ab"  # made from an older quiz
    result = _grade(tmp_path, grader, notebook, lang)
    english = _grade(
        tmp_path,
        grader,
        filled_notebook(quizzes["caio-responsibilities"], PARTLY_AND_BADLY, "en"),
        "en",
    )
    reasons = {answer.question: answer.reason for answer in result.questions}
    english_reasons = {answer.question: answer.reason for answer in english.questions}
    assert english_reasons["q6"] == "3 of 5 in the right place"
    assert reasons["q6"] == message(lang, "reason.order", in_place=3, total=5)
    assert reasons["q7"] == message(lang, "reason.match", right=1, total=3)
    assert reasons["q1"].startswith("'zz' ")
    assert "labels" not in reasons["q1"]
    assert reasons["q3"] == message(lang, "reason.right") != "right"
    assert result.total == english.total  # same points in every edition

    page = feedback_markdown(result, grader.edition(result.quiz, result.lang), result.lang)
    assert message(lang, "problem.version_mismatch") in page
    assert "quiz version" not in page
    assert "pairs right" not in page
    percent = format_points(result.percent)
    assert "." in percent
    assert f"({percent.replace('.', ',')} %)" in page

    # The instructor's record of the same problems stays in English.
    problems = " ".join(str(problem) for problem in result.problems)
    assert "made from quiz version 0123456789ab" in problems
    assert "is not one of the labels" in problems


def test_every_kind_of_problem_has_a_sentence_for_the_learner() -> None:
    """The feedback page says each whole-file problem in the page's language; a new kind of
    problem without a sentence would fail there, so it fails here first."""
    for kind in ProblemKind:
        assert message("en", f"problem.{kind.value}").endswith(".")
