"""Progress of a grading run: a bar on a terminal, plain lines in a log or CI."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from grading.grader.results import SubmissionResult

PLAIN_LINE_EVERY = 1000

ProgressCallback = Callable[[SubmissionResult], None]


@contextmanager
def grading_progress(total: int, stream: TextIO = sys.stderr) -> Iterator[ProgressCallback]:
    """Yield a callback to call once per graded submission."""
    if stream.isatty():
        with Progress(
            TextColumn("grading"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=True,
        ) as bar:
            task = bar.add_task("grading", total=total)
            yield lambda _result: bar.advance(task)
        return
    done = 0

    def plain(result: SubmissionResult) -> None:
        nonlocal done
        done += 1
        if not result.clean:
            problems = "; ".join(str(problem) for problem in result.problems)
            print(f"{result.path}: {result.status.value}: {problems}", file=stream)
        if done % PLAIN_LINE_EVERY == 0 or done == total:
            print(f"graded {done}/{total}", file=stream)

    yield plain
