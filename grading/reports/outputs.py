"""Writing every output of a grading run into one folder, replaced as a whole."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from grading.gc_pause import cyclic_gc_paused
from grading.grader.results import SubmissionResult
from grading.quiz.model import Quiz
from grading.reports.feedback_markdown import feedback_markdown, feedback_path
from grading.reports.gradebook_csv import write_gradebook_csv
from grading.reports.output_folder import replaced_atomically
from grading.reports.results_json import write_results_json

FEEDBACK_FOLDER = "feedback"


def write_outputs(out: Path, results: list[SubmissionResult], quizzes: dict[str, Quiz]) -> None:
    """Write gradebook.csv, results.json and feedback/ into ``out`` atomically."""
    with replaced_atomically(out) as staging, cyclic_gc_paused():
        write_gradebook_csv(staging / "gradebook.csv", results, quizzes)
        write_feedback(staging / FEEDBACK_FOLDER, results, quizzes)
        write_results_json(staging / "results.json", results, quizzes)


def write_feedback(folder: Path, results: list[SubmissionResult], quizzes: dict[str, Quiz]) -> None:
    """One Markdown page per submission, under the learner's folder."""
    seen: Counter[tuple[str, str | None]] = Counter()
    made: set[Path] = set()
    for result in results:
        key = (result.learner, result.quiz)
        path = feedback_path(folder, result.learner, result.quiz, seen[key])
        seen[key] += 1
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(feedback_markdown(result, quizzes.get(result.quiz or "")), encoding="utf-8")
