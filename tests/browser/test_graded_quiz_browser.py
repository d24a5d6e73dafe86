"""Graded quizzes answered in the page, opened from the file system as a learner would.

For every graded quiz of the book, four learners answer by keyboard (every question right,
wrong, partly right, blank), reload the page halfway, and download their submission. The
files must be the learner notebook exactly as ``caio notebooks`` writes it, with the answers
typed in; ``caio grade`` must then give each learner the points the key gives.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Page, expect

from grading.grader.scoring import score_answer
from grading.notebooks.build import build_learner_notebook
from grading.quiz.loading import find_quiz
from grading.quiz.model import (
    MatchQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderQuestion,
    Question,
    Quiz,
    QuizMode,
    SingleQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from grading.quiz.translations import quiz_in_language

pytestmark = [pytest.mark.browser, pytest.mark.book]

REPO = Path(__file__).resolve().parents[2]
QUIZZES = REPO / "quizzes"


def graded_quiz_ids() -> list[str]:
    ids = []
    for path in sorted(QUIZZES.glob("*.yml")):
        if path.name.endswith(".regrade.yml"):
            continue
        quiz = find_quiz(QUIZZES, path.stem)
        if quiz.mode is QuizMode.graded:
            ids.append(quiz.id)
    return ids


LEARNERS = {
    # way of answering: (name typed in the page, learner id the grader must report)
    "right": ("Ada Lovelace", "Ada-Lovelace"),
    "wrong": ('O\'Brien "Bob" / x:y', "O-Brien-Bob-x-y"),
    "partly": ("Nguyễn Thị Linh 😀", "Nguyễn-Thị-Linh"),
    "blank": ("张伟", "张伟"),
}


def planned_answer(question: Question, way: str) -> object:
    """The answer a learner gives, as typed in the page (numbers as text), or None (blank)."""
    if way == "blank":
        return None
    right = way == "right"
    if isinstance(question, SingleQuestion):
        others = [label for label in question.choices if label != question.answer]
        return question.answer if right else others[-1]
    if isinstance(question, TrueFalseQuestion):
        return question.answer if right else not question.answer
    if isinstance(question, NumericQuestion):
        return str(question.answer if right else question.answer + question.tolerance + 7)
    if isinstance(question, TextQuestion):
        return f"  {question.answer[0].upper()}  " if right else "not this"
    if isinstance(question, MultipleQuestion):
        others = [label for label in question.choices if label not in question.answer]
        if right:
            return list(question.answer)
        if way == "partly":
            return [question.answer[0], *others[:1]]
        return others or list(question.answer[:-1])
    if isinstance(question, OrderQuestion):
        if right:
            return list(question.answer)
        swapped = [question.answer[1], question.answer[0], *question.answer[2:]]
        return swapped if way == "partly" else [*question.answer[1:], question.answer[0]]
    if isinstance(question, MatchQuestion):
        premises = list(question.answer)
        responses = list(question.responses)
        shifted = {
            p: responses[(responses.index(question.answer[p]) + 1) % len(responses)]
            for p in premises
        }
        if right:
            return dict(question.answer)
        if way == "partly":
            return {**shifted, premises[0]: question.answer[premises[0]]}
        return shifted
    raise TypeError(type(question).__name__)


def grader_value(question: Question, answer: object) -> object:
    """What the grader reads from the cell."""
    if isinstance(question, NumericQuestion):
        return ast.literal_eval(answer)
    return answer


def python_literal(question: Question, answer: object) -> str:
    """The answer as a learner types it in the notebook: ``"B"``, ``["A", "C"]``, ``True``."""
    if isinstance(question, NumericQuestion):
        return str(answer)
    if isinstance(answer, bool):
        return str(answer)
    return json.dumps(answer, ensure_ascii=False)


def keys_for(question: Question, answer: object) -> list[str]:
    """Keys pressed after focusing the question's first control."""
    if isinstance(question, SingleQuestion):
        index = list(question.choices).index(answer)
        return ["ArrowDown"] * index or ["Space"]
    if isinstance(question, TrueFalseQuestion):
        return ["Space"] if answer else ["ArrowDown"]
    if isinstance(question, (NumericQuestion, TextQuestion)):
        return [f"type:{answer}"]
    if isinstance(question, MultipleQuestion):
        keys = []
        for label in question.choices:
            keys += ["Space"] if label in answer else []
            keys.append("Tab")
        return keys[:-1]
    if isinstance(question, OrderQuestion):
        labels = answer
    else:
        labels = [answer[premise] for premise in question.premises]
    keys = []
    for label in labels:
        keys += [f"type:{label.lower()}", "Tab"]
    return keys[:-1]


def press(page: Page, keys: list[str]) -> None:
    for key in keys:
        if key.startswith("type:"):
            page.keyboard.type(key.removeprefix("type:"))
        else:
            page.keyboard.press(key)


def answer_in_page(page: Page, quiz: Quiz, answers: dict[str, object], questions) -> None:
    for question in questions:
        answer = answers[question.id]
        if answer is None:
            continue
        form = page.locator(
            f"section[data-quiz-id='{quiz.id}'] form[data-question-id='{question.id}']"
        )
        form.locator("input, select").first.focus()
        press(page, keys_for(question, answer))


def expected_notebook(quiz: Quiz, answers: dict[str, object], lang: str = "en") -> str:
    notebook = build_learner_notebook(quiz, lang)
    for cell in notebook.cells:
        meta = cell.metadata.get("quiz", {})
        answer = answers.get(meta.get("question"))
        if cell.cell_type == "code" and "role" not in meta and answer is not None:
            question = quiz.question(meta["question"])
            comment = cell.source.rsplit("\n", 1)[0]
            cell.source = f"{comment}\n{question.id} = {python_literal(question, answer)}"
    return nbformat.writes(notebook)


def take_quiz(open_page, url: str, quiz: Quiz, name: str, answers, folder: Path) -> Path:
    page, _ = open_page(url)
    half = len(quiz.questions) // 2
    answer_in_page(page, quiz, answers, quiz.questions[:half])
    page.reload()
    page.wait_for_load_state("load")
    answer_in_page(page, quiz, answers, quiz.questions[half:])
    panel = page.locator(f"section[data-quiz-id='{quiz.id}'] .caio-submission")
    panel.locator("input.caio-learner").focus()
    page.keyboard.type(name)
    panel.locator(".caio-download-submission").focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    target = folder / download.suggested_filename
    download.save_as(target)
    expect(panel.locator(".caio-status")).to_contain_text(download.suggested_filename)
    expect(panel.locator(".caio-file-name")).to_contain_text(download.suggested_filename)
    return target


EDITION_CASES = [
    *[("en", quiz_id) for quiz_id in graded_quiz_ids()],
    ("de", "final-exam"),  # every question type, in the other editions too
    ("vi", "final-exam"),
]


@pytest.mark.parametrize(("lang", "quiz_id"), EDITION_CASES)
def test_graded_quiz_answered_in_the_page_grades_like_the_key(
    editions_folder, open_page, tmp_path, lang, quiz_id
):
    english = find_quiz(QUIZZES, quiz_id)
    quiz = quiz_in_language(QUIZZES, english, lang)
    url = (editions_folder / lang / f"{quiz.chapter}.html").as_uri()
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    planned = {}
    for way, (name, learner_id) in LEARNERS.items():
        answers = {question.id: planned_answer(question, way) for question in quiz.questions}
        planned[learner_id] = answers
        saved = take_quiz(open_page, url, quiz, name, answers, submissions)
        assert saved.name == f"{learner_id}__{quiz.id}.ipynb"
        assert saved.read_text(encoding="utf-8") == expected_notebook(quiz, answers, lang), way

    out = tmp_path / "out"
    caio = Path(sys.executable).parent / "caio"
    graded = subprocess.run(
        [str(caio), "grade", str(submissions), "-o", str(out), "--quizzes", str(QUIZZES)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert graded.returncode == 0, graded.stdout + graded.stderr
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    by_learner = {submission["learner"]: submission for submission in results["submissions"]}
    assert sorted(by_learner) == sorted(planned)
    for learner_id, answers in planned.items():
        submission = by_learner[learner_id]
        assert submission["quiz"] == quiz.id
        assert submission["lang"] == lang
        assert submission["problems"] == [] or all(
            problem["kind"] == "unanswered" for problem in submission["problems"]
        ), submission["problems"]
        for graded_question in submission["questions"]:
            question = quiz.question(graded_question["id"])
            answer = answers[question.id]
            expected = (
                Fraction(0)
                if answer is None
                else score_answer(question, grader_value(question, answer)).points
            )
            assert Fraction(graded_question["points"]) == expected, (learner_id, question.id)
    totals = {learner: Fraction(by_learner[learner]["total"]) for learner in planned}
    assert totals["Ada-Lovelace"] == Fraction(by_learner["Ada-Lovelace"]["max_points"])
    assert totals["张伟"] == 0
