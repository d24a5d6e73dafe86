"""Quiz translations: the learner-facing text of a quiz in another language, as data.

``quizzes/<lang>/<quiz id>.yml`` holds only text (title, intro, prompts, choices, items,
premises, responses, explanations) and, for text questions, the answers accepted in that
language. Everything else (ids, labels, points, keys, scoring) comes from the English quiz,
which stays the single source: a translation cannot change a key, and a question added to the
English quiz shows up as a problem until it is translated.
"""

from __future__ import annotations

from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from grading.errors import QuizProblem
from grading.messages import LANGUAGES as EDITIONS
from grading.messages import SOURCE_LANGUAGE, catalog
from grading.quiz.answer_format import WORDS
from grading.quiz.model import Question, Quiz, QuizId, TextQuestion

LANGUAGES = tuple(lang for lang in EDITIONS if lang != SOURCE_LANGUAGE)
"""The editions besides English; a translation folder is named after its language code."""

LABELLED_TEXTS = ("choices", "items", "premises", "responses")
"""Per-label texts of a question: the translation must give exactly the English labels."""


class QuestionTranslation(BaseModel):
    """One question's text in another language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    choices: dict[str, str] | None = None
    items: dict[str, str] | None = None
    premises: dict[str, str] | None = None
    responses: dict[str, str] | None = None
    answer: list[str] | None = Field(
        default=None, description="Text questions only: the answers accepted in this language."
    )


class QuizTranslation(BaseModel):
    """A quiz's text in another language, keyed by the English question ids and labels."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quiz: QuizId
    lang: str
    title: str = Field(min_length=1)
    intro: str | None = None
    questions: dict[str, QuestionTranslation]


def translation_files(quiz_dir: Path) -> list[Path]:
    """Every translation file, ``<quiz_dir>/<lang>/<quiz id>.yml``, in a stable order."""
    return sorted(
        path for lang in LANGUAGES for path in (quiz_dir / lang).glob("*.yml") if path.is_file()
    )


def check_translations(quiz_dir: Path, quizzes: dict[str, Quiz]) -> list[QuizProblem]:
    """Every problem of every translation file, and every quiz a language lacks."""
    problems: list[QuizProblem] = []
    for lang in LANGUAGES:
        folder = quiz_dir / lang
        if not folder.is_dir():
            continue
        for quiz_id in sorted(set(quizzes) - {path.stem for path in folder.glob("*.yml")}):
            problems.append(QuizProblem(folder, f"no {lang} translation of quiz {quiz_id}"))
    for path in translation_files(quiz_dir):
        problems.extend(_file_problems(path, quizzes))
    return problems


def load_translation(path: Path) -> QuizTranslation:
    """Read one translation file (assumed checked); raise ValueError if it is not valid."""
    document = YAML(typ="safe", pure=False).load(path.read_text(encoding="utf-8"))
    return QuizTranslation.model_validate(document)


def translated_quiz(quiz: Quiz, translation: QuizTranslation) -> Quiz:
    """The English quiz with its text replaced by the translation's; keys stay English.

    A text question accepts the translation's answers and the English ones, so a learner of
    any edition who writes the English term is not marked wrong.
    """
    questions = []
    for question in quiz.questions:
        text = translation.questions[question.id]
        changes: dict[str, Any] = {"prompt": text.prompt, "explanation": text.explanation}
        for field in LABELLED_TEXTS:
            if getattr(text, field) is not None:
                changes[field] = dict(getattr(text, field))
        if isinstance(question, TextQuestion) and text.answer:
            changes["answer"] = list(dict.fromkeys([*text.answer, *question.answer]))
        questions.append(question.model_copy(update=changes))
    return quiz.model_copy(
        update={
            "title": translation.title,
            "intro": translation.intro if quiz.intro is not None else None,
            "questions": questions,
        }
    )


def quiz_in_language(quiz_dir: Path, quiz: Quiz, lang: str) -> Quiz:
    """The quiz as the edition in ``lang`` shows it; the English quiz itself for English.

    Raises :class:`ValueError` when the translation is missing or not valid (``caio check``
    names the problem with file and line).
    """
    if lang == SOURCE_LANGUAGE:
        return quiz
    path = quiz_dir / lang / f"{quiz.id}.yml"
    try:
        translation = load_translation(path)
    except (OSError, UnicodeDecodeError, YAMLError, ValidationError) as error:
        raise ValueError(f"no usable {lang} translation of quiz {quiz.id!r}: {error}") from error
    # The same checks as caio check, without line numbers: the fast YAML reader keeps none,
    # and every grading run loads every translation.
    problems = _translation_problems(path, translation, {quiz.id: quiz}, {})
    if problems:
        shown = "; ".join(str(problem) for problem in problems[:3])
        raise ValueError(f"no usable {lang} translation of quiz {quiz.id!r}: {shown}")
    return translated_quiz(quiz, translation)


def load_editions(quiz_dir: Path, quizzes: dict[str, Quiz]) -> dict[tuple[str, str], Quiz]:
    """(language, quiz id) → the quiz in that edition, for every usable translation.

    A translation with problems is left out (``caio check`` lists them): its learners are
    graded and answered in English, with a problem saying so, rather than not at all.
    """
    editions = {}
    for lang in LANGUAGES:
        for quiz_id, quiz in quizzes.items():
            if (quiz_dir / lang / f"{quiz_id}.yml").is_file():
                with suppress(ValueError):
                    editions[(lang, quiz_id)] = quiz_in_language(quiz_dir, quiz, lang)
    return editions


@cache
def answer_format_words(lang: str) -> dict[str, str]:
    """What the answer-format rules say in ``lang`` (``check.*`` of its catalog, in the order
    of :data:`~grading.quiz.answer_format.WORDS`, placeholders unfilled): the words of that
    edition's notebook check cell and of the grader's feedback to its learners, which must
    say the same thing. English is the module's own words."""
    if lang == SOURCE_LANGUAGE:
        return WORDS
    texts = catalog(lang)
    return {key: texts[f"check.{key}"] for key in WORDS}


def _file_problems(path: Path, quizzes: dict[str, Quiz]) -> list[QuizProblem]:
    """Every problem of one translation file, with line numbers (round-trip YAML: slow)."""
    try:
        document = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        return [QuizProblem(path, f"cannot read: {error}")]
    try:
        translation = QuizTranslation.model_validate(document)
    except ValidationError as error:
        return [
            QuizProblem(path, f"{'.'.join(map(str, detail['loc']))}: {detail['msg']}")
            for detail in error.errors(include_url=False)
        ]
    return _translation_problems(path, translation, quizzes, _question_lines(document))


def _translation_problems(
    path: Path, translation: QuizTranslation, quizzes: dict[str, Quiz], lines: dict[str, int]
) -> list[QuizProblem]:
    """What is wrong with a parsed translation; ``lines`` locates questions when known."""
    problems = []
    lang = path.parent.name
    if translation.lang != lang:
        problems.append(QuizProblem(path, f"lang is {translation.lang!r}, the folder is {lang}"))
    quiz = quizzes.get(translation.quiz)
    if quiz is None or translation.quiz != path.stem:
        message = f"quiz {translation.quiz!r} must be an English quiz named like the file"
        return [*problems, QuizProblem(path, message)]
    if (quiz.intro is None) != (translation.intro is None):
        problems.append(QuizProblem(path, "intro must be translated exactly when English has one"))
    english = {question.id: question for question in quiz.questions}
    for question_id in sorted(set(english) - set(translation.questions)):
        problems.append(QuizProblem(path, "not translated", question=question_id))
    for question_id, text in translation.questions.items():
        line = lines.get(question_id)
        if question_id not in english:
            problems.append(QuizProblem(path, "no such question in English", line, question_id))
            continue
        for message in _question_problems(english[question_id], text):
            problems.append(QuizProblem(path, message, line, question_id))
    return problems


def _question_problems(question: Question, text: QuestionTranslation) -> list[str]:
    problems = []
    for field in LABELLED_TEXTS:
        labels = getattr(question, field, None)
        given = getattr(text, field)
        if labels is None and given is not None:
            problems.append(f"{field}: the English question has none")
        elif labels is not None and (given is None or list(given) != list(labels)):
            shown = ", ".join(labels)
            problems.append(f"{field}: give exactly the English labels in order ({shown})")
    if text.answer is not None and not isinstance(question, TextQuestion):
        problems.append("answer: only text questions take answers in a translation")
    if isinstance(question, TextQuestion) and not text.answer:
        problems.append("answer: list the answers accepted in this language")
    return problems


def _question_lines(document: object) -> dict[str, int]:
    """Question id → 1-based line of its key in the file."""
    questions = document.get("questions") if isinstance(document, CommentedMap) else None
    if not isinstance(questions, CommentedMap):
        return {}
    return {str(key): questions.lc.key(key)[0] + 1 for key in questions}
