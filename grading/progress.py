"""Progress of a grading run: a bar on a terminal, plain lines in a log or CI."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

PLAIN_LINE_EVERY = 1000

ProgressCallback = Callable[[str | None], None]
"""Called once per graded submission with its problem line, or None when it is clean."""


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
            yield lambda _problem_line: bar.advance(task)
        return
    done = 0

    def plain(problem_line: str | None) -> None:
        nonlocal done
        done += 1
        if problem_line is not None:
            print(problem_line, file=stream)
        if done % PLAIN_LINE_EVERY == 0 or done == total:
            print(f"graded {done}/{total}", file=stream)

    yield plain
