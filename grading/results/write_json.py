"""``results.json``: everything the grader knows, for other tools (and the report command).

The layout is documented in the README ("results.json"). Nothing time-dependent is written, so
grading the same files twice gives the same bytes: results are reproducible and diffable.
Submissions go one per line; during a run they are spooled to a file as they are graded and
joined to the header at the end, so memory does not grow with the cohort.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import orjson

from grading import __version__
from grading.quiz.model import Quiz, exact_fraction
from grading.quiz.public import quiz_version
from grading.results.model import SCHEMA_VERSION, QuestionResult, SubmissionResult
from grading.results.numbers import exact_text


def submission_line(result: SubmissionResult) -> str:
    """One submission as one JSON line (no newline); orjson, as a cohort makes thousands."""
    return orjson.dumps(submission_entry(result)).decode()


def write_document(
    stream: TextIO, lines: Iterable[str], quizzes: dict[str, Quiz], used: set[str | None]
) -> None:
    """The header (quizzes that have submissions), then the submission lines."""
    head = orjson.dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "grader": f"caio-course {__version__}",
            "quizzes": {
                quiz_id: _quiz_entry(quizzes[quiz_id])
                for quiz_id in sorted(quiz for quiz in used if quiz in quizzes)
            },
        }
    ).decode()
    stream.write(head[:-1] + ',"submissions":[')
    separator = "\n"
    for line in lines:
        stream.write(separator + line)
        separator = ",\n"
    stream.write("\n]}\n")


def read_spool(path: Path) -> Iterator[str]:
    """The submission lines of a spool file, one at a time."""
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            yield line.rstrip("\n")


def submission_entry(result: SubmissionResult) -> dict[str, Any]:
    """One submission as plain data, as results.json holds it."""
    return {
        "learner": result.learner,
        "file": result.path,
        "sha256": result.sha256,
        "quiz": result.quiz,
        "quiz_version": result.quiz_version,
        "status": result.status.value,
        "late": result.late,
        "lang": result.lang,
        "total": exact_text(result.total),
        "max_points": exact_text(result.max_points),
        "percent": None if result.percent is None else round(float(result.percent), 4),
        "questions": [_question_entry(question) for question in result.questions],
        "problems": [
            {
                "kind": problem.kind.value,
                "severity": problem.severity.value,
                "question": problem.question,
                "message": problem.message,
            }
            for problem in result.problems
        ],
    }


@lru_cache(maxsize=4096)
def _question_entry(question: QuestionResult) -> dict[str, Any]:
    """Cached, as results are shared among equal answers; callers only serialise it."""
    return {
        "id": question.question,
        "answer": question.answer,
        "points": exact_text(question.points),
        "max_points": exact_text(question.max_points),
        "outcome": question.outcome.value,
        "reason": question.reason,
    }


def _quiz_entry(quiz: Quiz) -> dict[str, Any]:
    return {
        "title": quiz.title,
        "version": quiz_version(quiz),
        "max_points": exact_text(
            sum((exact_fraction(question.points) for question in quiz.questions), Fraction(0))
        ),
        "questions": [
            {
                "id": question.id,
                "type": question.type,
                "points": exact_text(exact_fraction(question.points)),
                "section": question.section,
                "objectives": list(question.objectives),
            }
            for question in quiz.questions
        ],
    }
