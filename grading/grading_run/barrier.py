"""The one barrier per submission: whatever fails while one file is graded costs that row only.

Reading, identifying, grading and rendering one file are meant never to raise: every fault
anyone foresaw is a problem on the result. This is for the faults no one foresaw (a bug, a
library that raises something new on a file no one imagined). The file gets a ``not_graded``
row with a problem of kind ``internal_error`` naming the exception, the traceback goes to
``OUT/errors.log``, and the batch goes on. Nothing else is caught here: writing outputs is
outside the barrier, so a full disk still ends the run with its own clear message.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from grading.grader.submission import SubmissionFile
from grading.results.model import Problem, ProblemKind, SubmissionResult
from grading.terminal_text import terminal_safe

ERRORS_LOG = "errors.log"

Rendered = TypeVar("Rendered")


def within_barrier(
    submission: SubmissionFile,
    work: Callable[[SubmissionFile], Rendered],
    on_failure: Callable[[SubmissionResult], Rendered],
    log: Path,
) -> Rendered:
    """``work(submission)``, or, if it raises, ``on_failure`` of an ``internal_error`` row."""
    try:
        return work(submission)
    except Exception as error:  # the documented per-submission barrier; traceback is logged
        log_traceback(log, submission, error)
        return on_failure(internal_error_result(submission, error))


def internal_error_result(submission: SubmissionFile, error: BaseException) -> SubmissionResult:
    """The row of a file the grader failed on: not graded, the exception named."""
    message = (
        f"the grader failed on this file ({type(error).__name__}: {_short(error)}); "
        f"the rest was graded. Please report it with {ERRORS_LOG}"
    )
    problem = Problem(ProblemKind.internal_error, message)
    return SubmissionResult(
        learner=submission.learner,
        path=submission.relative,
        sha256=None,
        quiz=None,
        quiz_version=None,
        problems=(problem,),
    )


def log_traceback(log: Path, submission: SubmissionFile, error: BaseException) -> None:
    """Append the file's name and the traceback to ``log`` in one write (workers share it)."""
    text = f"{submission.relative}:\n" + "".join(traceback.format_exception(error))
    entry = "\n".join(terminal_safe(line) for line in text.splitlines()) + "\n\n"
    descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    try:
        os.write(descriptor, entry.encode("utf-8", "backslashreplace"))
    finally:
        os.close(descriptor)


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 200 else text[:199] + "…"
