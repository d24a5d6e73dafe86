"""Progress of a grading run: a bar on a terminal, plain lines in a log or CI."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

PLAIN_LINE_EVERY = 1000

ProgressCallback = Callable[[int, list[str]], None]
"""Called after each graded batch with its number of learners and the problem lines of its
submissions (clean ones have none)."""


@contextmanager
def grading_progress(learners: int, stream: TextIO = sys.stderr) -> Iterator[ProgressCallback]:
    """Yield a callback to call after each graded batch; progress is counted in learners,
    since each learner's folder is only listed when that learner is graded."""
    if stream.isatty():
        with Progress(
            TextColumn("grading"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("learners"),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=True,
        ) as bar:
            task = bar.add_task("grading", total=learners)

            def advance(done: int, problem_lines: list[str]) -> None:
                for line in problem_lines:
                    bar.console.print(line, markup=False, highlight=False)
                bar.advance(task, done)

            yield advance
        return
    done = 0

    def plain(batch: int, problem_lines: list[str]) -> None:
        nonlocal done
        for line in problem_lines:
            print(line, file=stream)
        before, done = done, done + batch
        if done // PLAIN_LINE_EVERY > before // PLAIN_LINE_EVERY or done == learners:
            print(f"graded {done}/{learners} learners", file=stream)

    yield plain
