"""Writing every output of a grading run into one folder, replaced as a whole."""

from __future__ import annotations

from collections import Counter
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from grading.gc_pause import cyclic_gc_paused
from grading.grader.results import SubmissionResult
from grading.quiz.model import Quiz
from grading.reports.feedback_markdown import feedback_markdown, feedback_path
from grading.reports.gradebook_csv import write_gradebook_csv
from grading.reports.output_folder import replaced_atomically
from grading.reports.results_json import write_results_json

FEEDBACK_FOLDER = "feedback"


def write_outputs(
    out: Path, results: list[SubmissionResult], quizzes: dict[str, Quiz], *, jobs: int = 1
) -> None:
    """Write gradebook.csv, results.json and feedback/ into ``out`` atomically."""
    with replaced_atomically(out) as staging, cyclic_gc_paused():
        write_gradebook_csv(staging / "gradebook.csv", results, quizzes)
        write_feedback(staging / FEEDBACK_FOLDER, results, quizzes, jobs=jobs)
        write_results_json(staging / "results.json", results, quizzes)


def write_feedback(
    folder: Path, results: list[SubmissionResult], quizzes: dict[str, Quiz], *, jobs: int = 1
) -> None:
    """One Markdown page per submission, under the learner's folder.

    With several jobs the pages are split among forked processes, at learner boundaries so
    that each learner's folder belongs to one process; forking shares the results without
    copying them.
    """
    pages = _page_paths(folder, results)
    spans = _learner_spans(results, parts=jobs)
    if jobs <= 1 or len(results) < PARALLEL_FROM or "fork" not in get_all_start_methods():
        for span in spans:
            _write_pages(results, quizzes, pages, span)
        return
    _FORKED.update(results=results, quizzes=quizzes, pages=pages)
    try:
        with get_context("fork").Pool(jobs) as pool:
            pool.map(_write_forked_pages, spans)
    finally:
        _FORKED.clear()


PARALLEL_FROM = 1000
"""Fewer pages than this are written in one process: forking would cost more than it saves."""

_FORKED: dict[str, Any] = {}


def _write_forked_pages(span: tuple[int, int]) -> None:
    _write_pages(_FORKED["results"], _FORKED["quizzes"], _FORKED["pages"], span)


def _write_pages(
    results: list[SubmissionResult],
    quizzes: dict[str, Quiz],
    pages: list[Path],
    span: tuple[int, int],
) -> None:
    made: set[Path] = set()
    for index in range(*span):
        result, path = results[index], pages[index]
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(feedback_markdown(result, quizzes.get(result.quiz or "")), encoding="utf-8")


def _page_paths(folder: Path, results: list[SubmissionResult]) -> list[Path]:
    """Each result's page; a learner's second notebook of one quiz gets ``-2`` and so on."""
    seen: Counter[tuple[str, str | None]] = Counter()
    paths = []
    for result in results:
        key = (result.learner, result.quiz)
        paths.append(feedback_path(folder, result.learner, result.quiz, seen[key]))
        seen[key] += 1
    return paths


def _learner_spans(results: list[SubmissionResult], *, parts: int) -> list[tuple[int, int]]:
    """About ``parts * 4`` index ranges that never split one learner's results."""
    target = max(1, len(results) // max(1, parts * 4))
    spans = []
    start = 0
    for index in range(1, len(results) + 1):
        boundary = index == len(results) or results[index].learner != results[index - 1].learner
        if boundary and index - start >= target:
            spans.append((start, index))
            start = index
    if start < len(results):
        spans.append((start, len(results)))
    return spans
