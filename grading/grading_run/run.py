"""One grading run, as both ``caio grade`` and ``caio grade-zip`` do it.

Find the submissions below a folder, grade them with a progress display, write every output
into OUT as a whole. The commands differ only in where the folder comes from.
"""

from __future__ import annotations

from pathlib import Path

from grading.grader.grade import grade_stream
from grading.grading_run.discovery import SubmissionsFolder
from grading.grading_run.outputs import OutputSummary, output_folder
from grading.grading_run.progress import grading_progress
from grading.notebooks.read import DEFAULT_MAX_BYTES
from grading.quiz.model import Quiz


def grade_folder_to(
    submissions: Path,
    out: Path,
    quizzes: dict[str, Quiz],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
) -> OutputSummary:
    """Grade everything below ``submissions`` and replace ``out`` with the results."""
    folder = SubmissionsFolder.at(submissions)
    learners = folder.learners()
    with output_folder(out) as staging:
        batches = grade_stream(
            folder, learners, quizzes, max_bytes=max_bytes, jobs=jobs, finish=staging.batch_outputs
        )
        with grading_progress(len(learners)) as on_batch:
            return staging.write_records(batches, quizzes, on_batch=on_batch)
