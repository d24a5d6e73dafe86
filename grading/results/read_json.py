"""Reading ``results.json`` back into typed data: the input of the report and the gradebook.

The file is checked against the published schema (``results.schema.json`` beside this module)
before anything is taken from it, so a damaged or foreign file is refused with the place and
the reason instead of half-read. Only graded submissions become attempts; a submission that
could not be graded carries no score, so counting it as zero would distort every statistic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from grading.errors import GradingError
from grading.results.model import SCHEMA_VERSION

NOT_GRADED = "not_graded"
SCHEMA_FILE = Path(__file__).with_name("results.schema.json")


class ResultsFileError(GradingError):
    """``results.json`` is missing or not in the layout ``caio grade`` writes."""


@dataclass(frozen=True)
class QuestionInfo:
    """One question as results.json describes it (no key: that stays in the quiz file)."""

    id: str
    type: str
    points: Fraction
    section: str | None
    objectives: tuple[str, ...]


@dataclass(frozen=True)
class QuizInfo:
    """One quiz as graded: its version at grading time and its questions in order."""

    id: str
    title: str
    version: str
    questions: tuple[QuestionInfo, ...]

    @property
    def max_points(self) -> Fraction:
        return sum((question.points for question in self.questions), Fraction(0))


@dataclass(frozen=True)
class Attempt:
    """One graded submission: whose, which file, and the points and answer per question."""

    learner: str
    quiz: str
    file: str
    sha256: str | None
    quiz_version: str | None
    points: dict[str, Fraction]
    """Question id → points earned (exact)."""
    answers: dict[str, str | None]
    """Question id → the answer's source text as the learner wrote it, None when absent."""
    lang: str = "en"
    """The edition the learner answered (``en`` in files written before editions)."""

    @property
    def total(self) -> Fraction:
        return sum(self.points.values(), Fraction(0))


@dataclass(frozen=True)
class GradedResults:
    """Everything the report needs from one results.json."""

    quizzes: dict[str, QuizInfo]
    attempts: tuple[Attempt, ...]
    not_graded: int
    """Submissions left out because they carry no score."""


def load_results(path: Path) -> GradedResults:
    """Read ``path`` (a results.json, or a folder holding one); raise ResultsFileError."""
    if path.is_dir():
        path = path / "results.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ResultsFileError(f"{path} does not exist; run caio grade first") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ResultsFileError(f"cannot read {path}: {error}") from error
    _check_layout(path, document)
    try:
        quizzes = {
            quiz_id: _quiz_info(quiz_id, entry) for quiz_id, entry in document["quizzes"].items()
        }
        submissions = document["submissions"]
        attempts = tuple(
            _attempt(entry)
            for entry in submissions
            if entry["status"] != NOT_GRADED and entry["quiz"] in quizzes
        )
    except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError) as error:
        raise ResultsFileError(f"{path} is not a results.json of caio grade: {error!r}") from error
    not_graded = len(submissions) - len(attempts)
    return GradedResults(quizzes=quizzes, attempts=attempts, not_graded=not_graded)


def _check_layout(path: Path, document: object) -> None:
    """Refuse a file of another schema version, or one that breaks the schema, naming where."""
    version = document.get("schema_version") if isinstance(document, dict) else None
    if isinstance(version, int) and version != SCHEMA_VERSION:
        raise ResultsFileError(
            f"{path} has schema_version {version}; this caio reads version {SCHEMA_VERSION}"
        )
    error = next(_validator().iter_errors(document), None)
    if error is not None:
        where = "/".join(str(part) for part in error.instance_path) or "the top level"
        raise ResultsFileError(
            f"{path} is not a results.json of caio grade: at {where}: {error.message}"
        )


@cache
def _validator() -> jsonschema_rs.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema)


def _quiz_info(quiz_id: str, entry: dict[str, Any]) -> QuizInfo:
    questions = tuple(
        QuestionInfo(
            id=str(question["id"]),
            type=str(question["type"]),
            points=Fraction(question["points"]),
            section=question.get("section"),
            objectives=tuple(question.get("objectives") or ()),
        )
        for question in entry["questions"]
    )
    return QuizInfo(
        id=quiz_id, title=str(entry["title"]), version=str(entry["version"]), questions=questions
    )


def _attempt(entry: dict[str, Any]) -> Attempt:
    return Attempt(
        learner=str(entry["learner"]),
        quiz=str(entry["quiz"]),
        file=str(entry["file"]),
        sha256=entry.get("sha256"),
        quiz_version=entry.get("quiz_version"),
        points={str(q["id"]): Fraction(q["points"]) for q in entry["questions"]},
        answers={str(q["id"]): q.get("answer") for q in entry["questions"]},
        lang=str(entry.get("lang", "en")),
    )
