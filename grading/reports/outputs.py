"""Writing every output of a grading run into one folder, replaced as a whole.

Results stream in (in learner order) and leave memory as soon as their feedback page and
their results.json line are written; the gradebook and results.json are then made from that
spooled line file. A run of any size holds one batch of results at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
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


def feedback_page(result: SubmissionResult, quizzes: dict[str, Quiz]) -> str:
    """The feedback page of one result (module level, so worker processes can render it)."""
    return feedback_markdown(result, quizzes.get(result.quiz or ""))


def write_outputs(
    out: Path,
    graded: Iterable[tuple[SubmissionResult, str | None]],
    quizzes: dict[str, Quiz],
    *,
    on_result: ProgressCallback | None = None,
) -> OutputSummary:
    """Write feedback/, results.json and gradebook.csv into ``out``, replacing it whole.

    ``graded`` yields each result with its feedback page already rendered, or None to
    render it here; results must come grouped by learner (as the grader yields them).
    """
    with replaced_atomically(out) as staging, cyclic_gc_paused():
        spool = staging / SPOOL
        pages = _FeedbackPages(staging / FEEDBACK_FOLDER)
        used: set[str | None] = set()
        count = clean = 0
        with spool.open("w", encoding="utf-8") as lines:
            for result, page in graded:
                pages.write(result, page if page is not None else feedback_page(result, quizzes))
                lines.write(submission_line(result) + "\n")
                used.add(result.quiz)
                count += 1
                clean += result.clean
                if on_result is not None:
                    on_result(result)
        with (staging / "results.json").open("w", encoding="utf-8") as stream:
            write_document(stream, read_spool(spool), quizzes, used)
        write_gradebook_csv(staging / "gradebook.csv", read_spool(spool), quizzes, used)
        spool.unlink()
    return OutputSummary(count, clean)


class _FeedbackPages:
    """Writes pages as ``<learner>/<quiz>.md``; a second notebook of one quiz gets ``-2``.

    Only the current learner's counts are kept: results arrive grouped by learner.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.learner: str | None = None
        self.seen: Counter[str | None] = Counter()

    def write(self, result: SubmissionResult, page: str) -> None:
        if result.learner != self.learner:
            self.learner = result.learner
            self.seen.clear()
        path = feedback_path(self.folder, result.learner, result.quiz, self.seen[result.quiz])
        if not self.seen:
            path.parent.mkdir(parents=True, exist_ok=True)
        self.seen[result.quiz] += 1
        path.write_text(page, encoding="utf-8")
