"""Writing every output of a grading run into one folder, replaced as a whole.

Whoever grades a batch (a worker process when grading runs in parallel) also writes its
feedback pages and renders its results.json and gradebook lines. The main process only
appends those lines to two spool files as they arrive, so a run of any size holds a few
batches at a time; results.json and the gradebook are assembled from the spools at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count, groupby
from pathlib import Path

from grading.grade_outputs.feedback_markdown import feedback_markdown, safe_file_name
from grading.grade_outputs.gradebook_csv import gradebook_line, problem_text, write_gradebook_csv
from grading.grader.grade import GradedBatch
from grading.grading_run.gc_pause import cyclic_gc_paused
from grading.grading_run.progress import ProgressCallback
from grading.grading_run.staging import replaced_atomically
from grading.quiz.model import Quiz
from grading.results.model import SubmissionResult
from grading.results.write_json import read_spool, submission_line, write_document

FEEDBACK_FOLDER = "feedback"
RESULTS_SPOOL = ".results.jsonl"
GRADEBOOK_SPOOL = ".gradebook.jsonl"


@dataclass(frozen=True)
class OutputRecord:
    """What the main process needs of one graded submission: its lines and a summary."""

    quiz: str | None
    clean: bool
    problem_line: str | None
    """``<file>: <status>: <problems>`` for the progress display, None when clean."""
    results_line: str
    gradebook_line: str


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


@dataclass(frozen=True)
class BatchOutputs:
    """Writes a batch's feedback pages and renders its output lines (picklable: runs in workers).

    Pages are ``<learner>/<quiz>.md``; a second notebook of one quiz gets ``-2``. Every batch
    holds whole learners, and learner folder names are distinct for distinct learners
    (:func:`safe_file_name`), so workers never write the same file.
    """

    feedback_folder: Path

    def __call__(
        self, results: list[SubmissionResult], quizzes: dict[str, Quiz]
    ) -> list[OutputRecord]:
        self.feedback_folder.mkdir(exist_ok=True)
        for learner, learner_results in groupby(results, key=lambda result: result.learner):
            folder = self.feedback_folder / safe_file_name(learner)
            folder.mkdir(exist_ok=True)
            for result in learner_results:
                page = feedback_markdown(result, quizzes.get(result.quiz or ""))
                _write_new_page(folder, safe_file_name(result.quiz or "unidentified"), page)
        return [_record(result, quizzes.get(result.quiz or "")) for result in results]


def _write_new_page(folder: Path, stem: str, page: str) -> None:
    """Create ``stem.md``, or ``stem-2.md``, ``stem-3.md`` … when the name is taken.

    Plain ``os`` calls: one page per learner makes this the run's most frequent write, and a
    Python file object costs several more system calls (a stat, a seek, a terminal check).
    The file is created, never opened if it exists, so no page can overwrite another.
    """
    data = page.encode()
    for number in count(1):
        name = f"{stem}.md" if number == 1 else f"{stem}-{number}.md"
        try:
            descriptor = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        try:
            written = 0
            while written < len(data):
                written += os.write(descriptor, data[written:])
        finally:
            os.close(descriptor)
        return


def _record(result: SubmissionResult, quiz: Quiz | None) -> OutputRecord:
    problem_line = None
    if not result.clean:
        problem_line = f"{result.path}: {result.status.value}: {problem_text(result)}"
    return OutputRecord(
        quiz=result.quiz,
        clean=result.clean,
        problem_line=problem_line,
        results_line=submission_line(result),
        gradebook_line=gradebook_line(result, quiz),
    )


@dataclass(frozen=True)
class OutputFolder:
    """The staging folder of a run, which replaces OUT when the run completes."""

    staging: Path

    @property
    def batch_outputs(self) -> BatchOutputs:
        return BatchOutputs(self.staging / FEEDBACK_FOLDER)

    def write_records(
        self,
        batches: Iterable[GradedBatch],
        quizzes: dict[str, Quiz],
        *,
        on_batch: ProgressCallback | None = None,
    ) -> OutputSummary:
        """Spool every record's lines, then assemble results.json and gradebook.csv."""
        results_spool = self.staging / RESULTS_SPOOL
        gradebook_spool = self.staging / GRADEBOOK_SPOOL
        used: set[str | None] = set()
        submissions = clean = 0
        with (
            results_spool.open("w", encoding="utf-8") as results_lines,
            gradebook_spool.open("w", encoding="utf-8") as gradebook_lines,
        ):
            for batch in batches:
                records: list[OutputRecord] = batch.items
                results_lines.writelines(record.results_line + "\n" for record in records)
                gradebook_lines.writelines(record.gradebook_line + "\n" for record in records)
                used.update(record.quiz for record in records)
                submissions += len(records)
                clean += sum(record.clean for record in records)
                if on_batch is not None:
                    problems = [record.problem_line for record in records if record.problem_line]
                    on_batch(batch.learners, problems)
        with (self.staging / "results.json").open("w", encoding="utf-8") as stream:
            write_document(stream, read_spool(results_spool), quizzes, used)
        write_gradebook_csv(
            self.staging / "gradebook.csv", read_spool(gradebook_spool), quizzes, used
        )
        results_spool.unlink()
        gradebook_spool.unlink()
        return OutputSummary(submissions, clean)


@contextmanager
def output_folder(out: Path) -> Iterator[OutputFolder]:
    """Stage a run's outputs; on success they replace ``out`` whole, on error nothing changes."""
    with replaced_atomically(out) as staging, cyclic_gc_paused():
        yield OutputFolder(staging)
