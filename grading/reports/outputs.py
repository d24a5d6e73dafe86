"""Writing every output of a grading run into one folder, replaced as a whole.

Feedback pages are written batch by batch, by whoever graded the batch (a worker process
when grading runs in parallel). Results then stream through the main process, where each
leaves memory once its results.json line is spooled; results.json and the gradebook are made
from that spool. A run of any size holds a few batches of results at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from grading.gc_pause import cyclic_gc_paused
from grading.grader.results import SubmissionResult
from grading.progress import ProgressCallback
from grading.quiz.model import Quiz
from grading.reports.feedback_markdown import feedback_markdown, feedback_path
from grading.reports.gradebook_csv import write_gradebook_csv
from grading.reports.output_folder import replaced_atomically
from grading.reports.results_json import read_spool, submission_line, write_document

FEEDBACK_FOLDER = "feedback"
SPOOL = ".submissions.jsonl"


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
class FeedbackPages:
    """Writes ``<learner>/<quiz>.md`` pages; a second notebook of one quiz gets ``-2``.

    Picklable, so worker processes can write the pages of the batches they grade. Every
    batch holds whole learners, which is all the page names depend on.
    """

    folder: Path

    def write_batch(self, results: list[SubmissionResult], quizzes: dict[str, Quiz]) -> None:
        for learner, learner_results in groupby(results, key=lambda result: result.learner):
            seen: Counter[str | None] = Counter()
            for result in learner_results:
                path = feedback_path(self.folder, learner, result.quiz, seen[result.quiz])
                if not seen:
                    path.parent.mkdir(parents=True, exist_ok=True)
                seen[result.quiz] += 1
                page = feedback_markdown(result, quizzes.get(result.quiz or ""))
                path.write_text(page, encoding="utf-8")


@dataclass(frozen=True)
class OutputFolder:
    """The staging folder of a run, which replaces OUT when the run completes."""

    staging: Path

    @property
    def feedback(self) -> FeedbackPages:
        return FeedbackPages(self.staging / FEEDBACK_FOLDER)

    def write_results(
        self,
        results: Iterable[SubmissionResult],
        quizzes: dict[str, Quiz],
        *,
        on_result: ProgressCallback | None = None,
    ) -> OutputSummary:
        """Spool each result's results.json line, then write results.json and the gradebook."""
        spool = self.staging / SPOOL
        used: set[str | None] = set()
        count = clean = 0
        with spool.open("w", encoding="utf-8") as lines:
            for result in results:
                lines.write(submission_line(result) + "\n")
                used.add(result.quiz)
                count += 1
                clean += result.clean
                if on_result is not None:
                    on_result(result)
        with (self.staging / "results.json").open("w", encoding="utf-8") as stream:
            write_document(stream, read_spool(spool), quizzes, used)
        write_gradebook_csv(self.staging / "gradebook.csv", read_spool(spool), quizzes, used)
        spool.unlink()
        return OutputSummary(count, clean)


@contextmanager
def output_folder(out: Path) -> Iterator[OutputFolder]:
    """Stage a run's outputs; on success they replace ``out`` whole, on error nothing changes."""
    with replaced_atomically(out) as staging, cyclic_gc_paused():
        yield OutputFolder(staging)


def write_outputs(
    out: Path, results: list[SubmissionResult], quizzes: dict[str, Quiz]
) -> OutputSummary:
    """Write every output for results already in memory (grouped by learner, as graded)."""
    with output_folder(out) as folder:
        folder.feedback.write_batch(results, quizzes)
        return folder.write_results(results, quizzes)
