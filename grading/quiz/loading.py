"""Reading quiz files: YAML with line numbers in, a validated :class:`Quiz` or every problem out.

ruamel.yaml keeps the line of every key, which is what lets a pydantic error location
(``questions → 3 → answer``) become ``quizzes/x.yml:42 [question q4]``. Keeping lines costs
five times as long as plain loading (a fifth of a second for the course's quizzes, paid at
every ``caio grade``), so a file is first read with the plain C loader, and read again with
lines only when it has a problem to report.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from grading.errors import QuizDefinitionError, QuizNotFoundError, QuizProblem
from grading.quiz.model import QUESTION_TYPES, Quiz

QUIZ_SUFFIX = ".yml"


def load_quiz(path: Path) -> Quiz:
    """Read and validate one quiz file; raise :class:`QuizDefinitionError` listing all problems."""
    text = _read_text(path)
    quiz = _valid_quiz_or_none(path, text)
    if quiz is not None:
        return quiz
    document = _read_yaml(path, text)
    problems = _duplicate_question_ids(path, document)
    try:
        quiz = Quiz.model_validate(_plain(document))
    except ValidationError as error:
        problems += [
            problem
            for problem in _problems_from_validation(path, document, error)
            if not (problems and "is used twice" in problem.message)
        ]
        raise QuizDefinitionError(problems) from error
    if problems:
        raise QuizDefinitionError(problems)
    if quiz.id != path.stem:
        raise QuizDefinitionError(
            [QuizProblem(path, f"quiz id {quiz.id!r} must match the file name {path.stem!r}")]
        )
    return quiz


def quiz_files(quiz_dir: Path) -> list[Path]:
    """The quiz definition files of a folder, in a stable order (regrade files excluded)."""
    return sorted(path for path in quiz_dir.glob(f"*{QUIZ_SUFFIX}") if path.stem.count(".") == 0)


def load_quizzes(quiz_dir: Path) -> dict[str, Quiz]:
    """Load every quiz in a folder; raise one :class:`QuizDefinitionError` with all problems."""
    if not quiz_dir.is_dir():
        raise QuizDefinitionError([QuizProblem(quiz_dir, "quiz folder does not exist")])
    quizzes: dict[str, Quiz] = {}
    problems: list[QuizProblem] = []
    for path in quiz_files(quiz_dir):
        try:
            quiz = load_quiz(path)
        except QuizDefinitionError as error:
            problems.extend(error.problems)
            continue
        quizzes[quiz.id] = quiz
    if not quizzes and not problems:
        problems.append(QuizProblem(quiz_dir, f"no quiz files (*{QUIZ_SUFFIX}) in this folder"))
    if problems:
        raise QuizDefinitionError(problems)
    return quizzes


def find_quiz(quiz_dir: Path, quiz_id: str) -> Quiz:
    """Load the quiz with this id from ``quiz_dir/<id>.yml``."""
    path = quiz_dir / f"{quiz_id}{QUIZ_SUFFIX}"
    if not path.is_file():
        raise QuizNotFoundError(f"no quiz {quiz_id!r}: {path} does not exist")
    return load_quiz(path)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QuizDefinitionError([QuizProblem(path, f"cannot read: {error}")]) from error


def _valid_quiz_or_none(path: Path, text: str) -> Quiz | None:
    """The quiz, read without line numbers, if it has no problem at all; else None."""
    try:
        document = YAML(typ="safe", pure=False).load(text)
    except (YAMLError, ValueError):  # the reading with lines reports it
        return None
    if not isinstance(document, dict) or _has_duplicate_question_ids(document):
        return None
    try:
        quiz = Quiz.model_validate(document)
    except ValidationError:
        return None
    return quiz if quiz.id == path.stem else None


def _has_duplicate_question_ids(document: dict[str, Any]) -> bool:
    questions = document.get("questions")
    if not isinstance(questions, list):
        return False
    ids = [str(q["id"]) for q in questions if isinstance(q, dict) and "id" in q]
    return len(ids) != len(set(ids))


def _read_yaml(path: Path, text: str) -> Any:
    yaml = YAML(typ="rt")
    try:
        document = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise QuizDefinitionError([QuizProblem(path, f"YAML: {message}", line)]) from error
    if not isinstance(document, CommentedMap):
        raise QuizDefinitionError([QuizProblem(path, "must be a YAML mapping (id, title, …)")])
    return document


def _plain(node: Any) -> Any:
    """Turn ruamel's commented containers and scalar subclasses into plain Python values."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _duplicate_question_ids(path: Path, document: CommentedMap) -> list[QuizProblem]:
    questions = document.get("questions")
    if not isinstance(questions, CommentedSeq):
        return []
    seen: set[str] = set()
    problems = []
    for index, question in enumerate(questions):
        if not isinstance(question, CommentedMap) or "id" not in question:
            continue
        question_id = str(question["id"])
        if question_id in seen:
            line = questions.lc.item(index)[0] + 1
            problems.append(
                QuizProblem(path, f"question id {question_id!r} is used twice", line, question_id)
            )
        seen.add(question_id)
    return problems


def _problems_from_validation(
    path: Path, document: CommentedMap, error: ValidationError
) -> Iterable[QuizProblem]:
    for detail in error.errors(include_url=False):
        location = [part for part in detail["loc"] if part not in QUESTION_TYPES]
        line = _line_of(document, location)
        question = _question_id_at(document, location)
        field = ".".join(str(part) for part in location[2 if question else 0 :])
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "union_tag_invalid":
            message = f"unknown question type; use one of: {', '.join(QUESTION_TYPES)}"
        elif detail["type"] == "union_tag_not_found":
            message = f"missing 'type'; use one of: {', '.join(QUESTION_TYPES)}"
        yield QuizProblem(path, f"{field}: {message}" if field else message, line, question)


def _line_of(document: CommentedMap, location: list[str | int]) -> int | None:
    """The 1-based line of the deepest node on ``location`` that the YAML file has."""
    node: Any = document
    line = None
    for part in location:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


def _question_id_at(document: CommentedMap, location: list[str | int]) -> str | None:
    if len(location) < 2 or location[0] != "questions" or not isinstance(location[1], int):
        return None
    questions = document.get("questions")
    if not isinstance(questions, CommentedSeq) or location[1] >= len(questions):
        return None
    question = questions[location[1]]
    if isinstance(question, CommentedMap) and "id" in question:
        return str(question["id"])
    return f"#{location[1] + 1}"
