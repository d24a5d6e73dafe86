"""``results.json``: everything the grader knows, for other tools (and the report command).

The layout is documented in the README ("results.json"). Nothing time-dependent is written, so
grading the same files twice gives the same bytes: results are reproducible and diffable.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from grading import __version__
from grading.grader.results import SubmissionResult
from grading.grader.scoring import exact_fraction
from grading.quiz.model import Quiz
from grading.quiz.public import quiz_version
from grading.reports.numbers import exact_text

RESULTS_SCHEMA_VERSION = 1


def write_results_json(
    path: Path, results: list[SubmissionResult], quizzes: dict[str, Quiz]
) -> None:
    """Write results.json: one submission per line, so it diffs well and streams out."""
    used = sorted({result.quiz for result in results if result.quiz in quizzes})
    head = json.dumps(
        {
            "schema_version": RESULTS_SCHEMA_VERSION,
            "grader": f"caio-course {__version__}",
            "quizzes": {quiz_id: _quiz_entry(quizzes[quiz_id]) for quiz_id in used},
        },
        ensure_ascii=False,
    )
    with path.open("w", encoding="utf-8") as stream:
        stream.write(head[:-1] + ', "submissions": [\n')
        for index, result in enumerate(results):
            stream.write(json.dumps(_submission_entry(result), ensure_ascii=False))
            stream.write(",\n" if index < len(results) - 1 else "\n")
        stream.write("]}\n")


def _quiz_entry(quiz: Quiz) -> dict[str, Any]:
    return {
        "title": quiz.title,
        "version": quiz_version(quiz),
        "max_points": exact_text(
            sum((exact_fraction(q.points) for q in quiz.questions), Fraction(0))
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


def _submission_entry(result: SubmissionResult) -> dict[str, Any]:
    return {
        "learner": result.learner,
        "file": result.path,
        "sha256": result.sha256,
        "quiz": result.quiz,
        "quiz_version": result.quiz_version,
        "status": result.status.value,
        "total": exact_text(result.total),
        "max_points": exact_text(result.max_points),
        "percent": None if result.percent is None else round(float(result.percent), 4),
        "questions": [
            {
                "id": question.question,
                "answer": question.answer,
                "points": exact_text(question.points),
                "max_points": exact_text(question.max_points),
                "outcome": question.outcome.value,
                "reason": question.reason,
            }
            for question in result.questions
        ],
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
