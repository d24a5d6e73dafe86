"""Grades for LMS import: Canvas and Moodle gradebook CSVs, Gradescope-style JSON.

Canvas (Grades → Import): columns ``Student, ID, SIS User ID, SIS Login ID, Section`` and one
column per assignment named ``<title>``; Canvas matches rows by ID, SIS User ID or SIS Login ID.
Our learner id goes into ``Student``; a learner graded from a Canvas zip gets their Canvas user
id in ``ID`` (which Canvas matches first), any other learner's id goes into ``SIS Login ID``
and ID is left empty; a second row
``Points Possible`` gives each quiz's maximum. Moodle (Grades → Import → CSV file): a header
row, one identifying column ``username`` to map to the user's username and one column per quiz
id to map to a grade item. Points use a dot as decimal mark; untaken quizzes are left empty.
"""

from __future__ import annotations

import csv
import json
from fractions import Fraction
from pathlib import Path

from grading.atomic_write import atomic_stream, write_atomically
from grading.results.attempt_score import AttemptScore
from grading.results.numbers import format_points
from grading.results.read_json import GradedResults
from grading.results.safe_text import safe_cell, safe_file_name

CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def write_canvas_csv(
    path: Path,
    chosen: dict[tuple[str, str], AttemptScore],
    titles: dict[str, str],
    canvas_ids: dict[str, str] | None = None,
) -> None:
    """Canvas gradebook import CSV from the attempts that count; ``canvas_ids`` maps learner
    ids to Canvas user ids (from ``lms_learners.json``)."""
    canvas_ids = canvas_ids or {}
    learners, quizzes = _axes(chosen)
    with atomic_stream(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*CANVAS_FIXED, *(safe_cell(titles.get(q, q)) for q in quizzes)])
        maxima = [_maximum(chosen, quiz) for quiz in quizzes]
        writer.writerow(["Points Possible", "", "", "", "", *maxima])
        for learner in learners:
            name = safe_cell(learner)
            user_id = canvas_ids.get(learner, "")
            login = "" if user_id else name
            writer.writerow([name, user_id, "", login, "", *_cells(chosen, learner, quizzes)])


def write_moodle_csv(path: Path, chosen: dict[tuple[str, str], AttemptScore]) -> None:
    """Moodle grade import CSV from the attempts that count."""
    learners, quizzes = _axes(chosen)
    with atomic_stream(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["username", *quizzes])
        for learner in learners:
            writer.writerow([safe_cell(learner), *_cells(chosen, learner, quizzes)])


def write_gradescope_results(results: GradedResults, folder: Path) -> list[Path]:
    """One ``<learner>/<quiz>[-n].json`` per graded submission, in Gradescope's layout."""
    written = []
    seen: dict[Path, int] = {}
    for attempt in results.attempts:
        quiz = results.quizzes[attempt.quiz]
        base = folder / safe_file_name(attempt.learner) / safe_file_name(attempt.quiz)
        seen[base] = seen.get(base, 0) + 1
        path = base.with_name(base.name + ("" if seen[base] == 1 else f"-{seen[base]}") + ".json")
        tests = [
            {
                "name": question.id,
                "score": float(attempt.points.get(question.id, Fraction(0))),
                "max_score": float(question.points),
                "output": f"answer: {attempt.answers.get(question.id)}",
            }
            for question in quiz.questions
        ]
        document = {"score": float(attempt.total), "tests": tests}
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
        write_atomically(path, text.encode("utf-8"))
        written.append(path)
    return written


def _axes(chosen: dict[tuple[str, str], AttemptScore]) -> tuple[list[str], list[str]]:
    return sorted({learner for learner, _ in chosen}), sorted({quiz for _, quiz in chosen})


def _maximum(chosen: dict[tuple[str, str], AttemptScore], quiz: str) -> str:
    return format_points(max(score.max_points for (_, q), score in chosen.items() if q == quiz))


def _cells(
    chosen: dict[tuple[str, str], AttemptScore], learner: str, quizzes: list[str]
) -> list[str]:
    return [
        format_points(chosen[(learner, quiz)].points) if (learner, quiz) in chosen else ""
        for quiz in quizzes
    ]
