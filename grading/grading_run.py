"""One grading run, as both ``caio grade`` and ``caio grade-zip`` do it.

Find the submissions below a folder, grade them with a progress display, write every output
into OUT as a whole. The commands differ only in where the folder comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grading.grader.discovery import find_submissions
from grading.grader.grade import grade_files
from grading.grader.results import SubmissionResult
from grading.notebooks.read import DEFAULT_MAX_BYTES
from grading.progress import grading_progress
from grading.quiz.model import Quiz
from grading.reports.outputs import write_outputs


@dataclass(frozen=True)
class GradingRun:
    """The results of a run and how many of them need no attention."""

    results: list[SubmissionResult]

    @property
    def clean(self) -> int:
        return sum(1 for result in self.results if result.clean)

    @property
    def all_clean(self) -> bool:
        return self.clean == len(self.results)

    def summary(self) -> str:
        problems = len(self.results) - self.clean
        return f"{len(self.results)} submissions: {self.clean} clean, {problems} with problems"


def grade_folder_to(
    submissions: Path,
    out: Path,
    quizzes: dict[str, Quiz],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
) -> GradingRun:
    """Grade everything below ``submissions`` and replace ``out`` with the results."""
    files = find_submissions(submissions)
    with grading_progress(len(files)) as on_result:
        results = grade_files(files, quizzes, max_bytes=max_bytes, jobs=jobs, on_result=on_result)
    write_outputs(out, results, quizzes, jobs=jobs)
    return GradingRun(results)
