"""One batch of learners, graded and rendered where it is graded (a worker, in parallel runs).

Whoever grades a batch also writes its learners' feedback pages and renders its results.json
and gradebook.csv lines, so the main process receives only text to append: a run of any size
holds a few batches at a time.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, replace
from itertools import count
from pathlib import Path
from typing import NamedTuple

from grading.grade_outputs.feedback_markdown import feedback_markdown
from grading.grade_outputs.gradebook_csv import gradebook_line, problem_text
from grading.grader.grade_file import Grader
from grading.grader.submission import SubmissionFile
from grading.grading_run.barrier import ERRORS_LOG, log_traceback, within_barrier
from grading.grading_run.discovery import Learner, SubmissionsFolder
from grading.messages import LANGUAGES, SOURCE_LANGUAGE, message
from grading.quiz.model import Quiz
from grading.results.feedback_layout import UNIDENTIFIED_FOLDER, page_name, quiz_folder_name
from grading.results.model import Problem, ProblemKind, SubmissionResult
from grading.results.write_json import submission_line
from grading.terminal_text import terminal_safe


class OutputRecord(NamedTuple):
    """What the main process needs of one graded submission: its lines and a summary."""

    quiz: str | None
    clean: bool
    problem_line: str | None
    """``<file>: <status>: <problems>`` for the progress display, None when clean."""
    results_line: str
    gradebook_line: str


class RenderedBatch(NamedTuple):
    """A batch's learners, graded: how many, and one record per submission, in order."""

    learners: int
    records: list[OutputRecord]


@dataclass(frozen=True)
class GradeAndRender:
    """Grades a batch of learners and renders it (picklable: each worker receives it once).

    Feedback pages are ``<quiz>/<learner>.md`` (:mod:`grading.results.feedback_layout`); a
    second notebook of one quiz gets `` (2)``. Every batch holds whole learners, and page names
    are distinct for distinct learners, so workers never write the same file, and which copy of
    a learner's page is ``(2)`` depends on the order of their files, not on the workers.
    """

    folder: SubmissionsFolder
    grader: Grader
    feedback_folder: Path
    late_learners: frozenset[str] = frozenset()
    """Learners the LMS marked late (``caio grade-zip``): their results get ``late``."""

    @property
    def errors_log(self) -> Path:
        return self.feedback_folder.parent / ERRORS_LOG

    def __call__(self, learners: list[Learner]) -> RenderedBatch:
        files = [file for learner in learners for file in self.folder.files_of(learner)]
        graded = [
            within_barrier(file, self.grader.grade, _as_is, self.errors_log) for file in files
        ]
        results = _flag_duplicate_submissions(graded)
        if self.late_learners:
            results = [
                replace(result, late=True) if result.learner in self.late_learners else result
                for result in results
            ]
        rendered = [
            self._rendered_safely(file, result) for file, result in zip(files, results, strict=True)
        ]
        for folder_name in dict.fromkeys(page.folder for page in rendered):
            (self.feedback_folder / folder_name).mkdir(parents=True, exist_ok=True)
        for page in rendered:
            _write_new_page(self.feedback_folder / page.folder, page.learner, page.text)
        return RenderedBatch(len(learners), [page.record for page in rendered])

    def _rendered_safely(self, file: SubmissionFile, result: SubmissionResult) -> RenderedResult:
        return within_barrier(
            file,
            lambda _: self._rendered(result),
            lambda failed: _fallback_rendered(file, failed, self.errors_log, result.lang),
            self.errors_log,
        )

    def _rendered(self, result: SubmissionResult) -> RenderedResult:
        """The feedback page and output lines of one result (inside the barrier)."""
        quiz = self.grader.quizzes.get(result.quiz or "")
        edition = self.grader.edition(result.quiz, result.lang)
        return RenderedResult(
            result.learner,
            quiz_folder_name(quiz.id if quiz else None),
            feedback_markdown(result, edition, result.lang),
            _record(result, quiz),
        )


class RenderedResult(NamedTuple):
    """One submission, rendered: its learner, page folder, page text and output lines."""

    learner: str
    folder: str
    text: str
    record: OutputRecord


def _as_is(result: SubmissionResult) -> SubmissionResult:
    return result


FALLBACK_PAGES = {
    lang: f"# {message(lang, 'feedback.failed_title')}\n\n"
    f"{message(lang, 'feedback.failed', errors_log=ERRORS_LOG)}\n"
    for lang in LANGUAGES
}
"""The page of a file whose feedback could not be rendered, in each edition: made once, when
the module loads, so nothing that has just failed (a renderer, the learner's text) is needed
again; only a lookup by the result's language, English for any other."""


def _fallback_rendered(
    file: SubmissionFile, result: SubmissionResult, log: Path, lang: str
) -> RenderedResult:
    """The ``internal_error`` row of a file whose rendering raised, made without the feedback
    renderer: the page made in advance and the record without a quiz. This has its own guard:
    if even that raises, its traceback is logged too and the record is made of a constant
    message and the file's names in ASCII (backslash escapes), so the file still gets its row.
    ``lang`` is the edition the learner answered: the page is in it."""
    try:
        record = _record(result, None)
    except Exception as error:  # the fallback of the barrier: it must not raise in turn
        log_traceback(log, file, error)
        record = _record(_plain(result), None)
    page = FALLBACK_PAGES.get(lang, FALLBACK_PAGES[SOURCE_LANGUAGE])
    return RenderedResult(result.learner, UNIDENTIFIED_FOLDER, page, record)


def _plain(result: SubmissionResult) -> SubmissionResult:
    """The ``internal_error`` row with nothing in it but ASCII and constant text."""
    message = (
        f"the grader failed on this file; the rest was graded. Please report it with {ERRORS_LOG}"
    )
    return SubmissionResult(
        learner=_ascii(result.learner),
        path=_ascii(result.path),
        sha256=None,
        quiz=None,
        quiz_version=None,
        problems=(Problem(ProblemKind.internal_error, message),),
    )


def _ascii(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("ascii")


def _flag_duplicate_submissions(results: list[SubmissionResult]) -> list[SubmissionResult]:
    counts = Counter((result.learner, result.quiz) for result in results if result.quiz)
    flagged = []
    for result in results:
        copies = counts.get((result.learner, result.quiz), 0)
        if copies > 1:
            message = f"{copies} notebooks of quiz {result.quiz} from this learner; each is graded"
            extra = Problem(ProblemKind.duplicate_submission, message)
            result = replace(result, problems=(*result.problems, extra))
        flagged.append(result)
    return flagged


def _write_new_page(folder: Path, learner: str, page: str) -> None:
    """Create the learner's page in ``folder``, or their ``(2)``, ``(3)`` … when it is taken.

    Plain ``os`` calls: one page per learner makes this the run's most frequent write, and a
    Python file object costs several more system calls (a stat, a seek, a terminal check).
    The file is created, never opened if it exists, so no page can overwrite another.
    """
    data = page.encode()
    for number in count(1):
        try:
            path = folder / page_name(learner, number)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
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
        problem_line = terminal_safe(
            f"{result.path}: {result.status.value}: {problem_text(result)}"
        )
    return OutputRecord(
        quiz=result.quiz,
        clean=result.clean,
        problem_line=problem_line,
        results_line=submission_line(result),
        gradebook_line=gradebook_line(result, quiz),
    )
