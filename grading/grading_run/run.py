"""One grading run, as both ``caio grade`` and ``caio grade-zip`` do it.

Discovery → batches → workers (grade, render) → outputs assembled in a staging folder →
the staging folder replaces OUT whole. Each step calls down only; the commands differ only in
where the submissions folder comes from; ``grade-zip`` also names the learners the LMS marked
late and adds a file saying who is who in the LMS.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

from grading.grader.grade_file import Grader
from grading.grading_run.batch import GradeAndRender
from grading.grading_run.discovery import SubmissionsFolder
from grading.grading_run.gc_pause import cyclic_gc_paused
from grading.grading_run.outputs import OutputSummary, write_outputs
from grading.grading_run.progress import grading_progress
from grading.grading_run.staging import refuse_overlap, replaced_atomically
from grading.grading_run.worker_lifetime import sigterm_as_interrupt
from grading.grading_run.workers import run_in_batches
from grading.notebooks.read import DEFAULT_MAX_BYTES
from grading.quiz.model import Quiz
from grading.results.feedback_layout import FEEDBACK_FOLDER


def grade_folder_to(
    submissions: Path,
    out: Path,
    quizzes: dict[str, Quiz],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    late_learners: frozenset[str] = frozenset(),
    extra_files: Mapping[str, bytes] | None = None,
    editions: dict[tuple[str, str], Quiz] | None = None,
) -> OutputSummary:
    """Grade everything below ``submissions`` and replace ``out`` with the results.

    ``late_learners`` get ``late`` set on their results; ``extra_files`` (name → bytes) are
    written into OUT with the rest, so they are replaced together. ``editions`` are the
    quizzes' translations (see :func:`grading.quiz.translations.load_editions`): a notebook
    of the German or Vietnamese edition is checked against its own text and gets feedback in
    its language.
    """
    folder = SubmissionsFolder.at(submissions)
    refuse_overlap(submissions, out)
    learners = folder.learners()
    with sigterm_as_interrupt(), replaced_atomically(out) as staging, cyclic_gc_paused():
        task = GradeAndRender(
            folder,
            Grader(quizzes, max_bytes, editions or {}),
            staging / FEEDBACK_FOLDER,
            late_learners,
        )
        # Closed on the way out, whatever ends the run: an interrupt that arrives between
        # batches would otherwise leave the workers writing into the staging folder while it
        # is being removed (they stop only when the generator is collected).
        with (
            closing(run_in_batches(learners, task, jobs=jobs)) as batches,
            grading_progress(len(learners)) as on_batch,
        ):
            summary = write_outputs(staging, batches, quizzes, on_batch=on_batch)
        for name, data in (extra_files or {}).items():
            (staging / name).write_bytes(data)
        return summary
