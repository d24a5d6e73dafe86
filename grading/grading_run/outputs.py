"""Assembling a run's results.json and gradebook.csv from the lines its batches rendered.

The main process appends each batch's lines to two spool files as the batch arrives, so a run
of any size holds a few batches at a time; the two documents are joined from the spools at
the end, inside the staging folder that replaces OUT as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grading.grade_outputs.gradebook_csv import write_gradebook_csv
from grading.grading_run.batch import RenderedBatch
from grading.grading_run.progress import ProgressCallback
from grading.quiz.model import Quiz
from grading.results.write_json import read_spool, write_document

RESULTS_SPOOL = ".results.jsonl"
GRADEBOOK_SPOOL = ".gradebook.jsonl"


@dataclass(frozen=True)
class OutputSummary:
    """How many submissions were written, and how many need no attention."""

    submissions: int
    clean: int

    @property
    def all_clean(self) -> bool:
        return self.clean == self.submissions

    def summary(self) -> str:
        problems = self.submissions - self.clean
        return f"{self.submissions} submissions: {self.clean} clean, {problems} with problems"


def write_outputs(
    staging: Path,
    batches: Iterable[RenderedBatch],
    quizzes: dict[str, Quiz],
    *,
    on_batch: ProgressCallback | None = None,
) -> OutputSummary:
    """Spool every record's lines, then assemble results.json and gradebook.csv."""
    results_spool = staging / RESULTS_SPOOL
    gradebook_spool = staging / GRADEBOOK_SPOOL
    used: set[str | None] = set()
    submissions = clean = 0
    with (
        results_spool.open("w", encoding="utf-8") as results_lines,
        gradebook_spool.open("w", encoding="utf-8") as gradebook_lines,
    ):
        for batch in batches:
            records = batch.records
            results_lines.writelines(record.results_line + "\n" for record in records)
            gradebook_lines.writelines(record.gradebook_line + "\n" for record in records)
            used.update(record.quiz for record in records)
            submissions += len(records)
            clean += sum(record.clean for record in records)
            if on_batch is not None:
                problems = [record.problem_line for record in records if record.problem_line]
                on_batch(batch.learners, problems)
    with (staging / "results.json").open("w", encoding="utf-8") as stream:
        write_document(stream, read_spool(results_spool), quizzes, used)
    write_gradebook_csv(staging / "gradebook.csv", read_spool(gradebook_spool), quizzes, used)
    results_spool.unlink()
    gradebook_spool.unlink()
    return OutputSummary(submissions, clean)
