"""Quiz translations and book catalogs: checked like the English, merged onto the English key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from grading.grader.scoring import score_value
from grading.quiz.loading import load_quizzes
from grading.quiz.translations import (
    LANGUAGES,
    check_translations,
    load_translation,
    translated_quiz,
)
from grading.results.model import Outcome

REPO = Path(__file__).resolve().parents[2]
QUIZ_DIR = REPO / "quizzes"


@pytest.fixture(scope="module")
def english() -> dict:
    return load_quizzes(QUIZ_DIR)


def test_every_quiz_is_translated_into_every_edition_without_a_problem(english) -> None:
    for lang in LANGUAGES:
        assert {path.stem for path in (QUIZ_DIR / lang).glob("*.yml")} == set(english)
    assert check_translations(QUIZ_DIR, english) == []


@pytest.fixture
def quiz_copy(tmp_path: Path) -> Path:
    """The English quizzes and the German translations, to damage one at a time."""
    folder = tmp_path / "quizzes"
    folder.mkdir()
    for path in QUIZ_DIR.glob("*.yml"):
        shutil.copy(path, folder)
    shutil.copytree(QUIZ_DIR / "de", folder / "de")
    return folder


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  q2:\n", "  q12:\n", "[question q12]: no such question in English"),
        ("  q2:\n", "  q12:\n", "[question q2]: not translated"),
        ("      A: Data Scientists\n", "      Z: Data Scientists\n", "choices: give exactly"),
        ("lang: de\n", "lang: vi\n", "lang is 'vi', the folder is de"),
        ("    prompt: Welcher", "    answer: [A]\n    prompt: Welcher", "only text questions"),
        ("    answer: [verantwortungsvolle", "    choices: {A: x}\n    xanswer: [", "xanswer"),
    ],
)
def test_a_damaged_translation_is_reported_with_file_and_question(
    quiz_copy: Path, old: str, new: str, expected: str
) -> None:
    path = quiz_copy / "de" / "caio-responsibilities.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = [str(problem) for problem in check_translations(quiz_copy, load_quizzes(quiz_copy))]
    assert any(expected in problem and str(path) in problem for problem in problems), problems


def test_a_quiz_without_a_translation_is_reported(quiz_copy: Path) -> None:
    (quiz_copy / "de" / "final-exam.yml").unlink()
    problems = [str(problem) for problem in check_translations(quiz_copy, load_quizzes(quiz_copy))]
    assert any("no de translation of quiz final-exam" in problem for problem in problems)


@pytest.mark.parametrize(
    ("lang", "answer"),
    [("de", "Verantwortungsvolle"), ("vi", "có  trách nhiệm"), ("en", "responsible")],
)
def test_a_translated_quiz_keeps_the_english_key_and_accepts_the_editions_words(
    english, lang: str, answer: str
) -> None:
    quiz = english["caio-responsibilities"]
    if lang != "en":
        quiz = translated_quiz(quiz, load_translation(QUIZ_DIR / lang / f"{quiz.id}.yml"))
        assert quiz.title != english["caio-responsibilities"].title
    for question, original in zip(
        quiz.questions, english["caio-responsibilities"].questions, strict=True
    ):
        assert (question.id, question.points, question.type) == (
            original.id,
            original.points,
            original.type,
        )
        if question.type != "text":
            assert question.answer == original.answer
    text_question = quiz.question("q5")
    assert score_value(text_question, answer).outcome is Outcome.right
    assert score_value(text_question, "responsible").outcome is Outcome.right


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_book_catalog_is_translated_with_nothing_fuzzy(lang: str) -> None:
    folder = REPO / "locales" / lang / "LC_MESSAGES"
    catalogs = sorted(folder.rglob("*.po"))
    pages = {path.relative_to(REPO).with_suffix("") for path in (REPO / "book").glob("*.md")}
    interface = {Path("sphinx")} if (folder / "sphinx.po").exists() else set()
    assert {path.relative_to(folder).with_suffix("") for path in catalogs} == pages | interface
    for path in catalogs:
        with path.open("rb") as stream:
            catalog = read_po(stream)
        messages = [message for message in catalog if message.id]
        assert messages, path
        untranslated = [message.id for message in messages if not message.string]
        fuzzy = [message.id for message in messages if message.fuzzy]
        assert (untranslated, fuzzy) == ([], []), path
