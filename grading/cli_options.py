"""Options and error handling shared by every ``caio`` command."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from grading.errors import QuizDefinitionError
from grading.quiz.loading import load_quizzes
from grading.quiz.model import Quiz
from grading.terminal_text import terminal_safe

QuizDir = Annotated[Path, typer.Option("--quizzes", "-q", help="Folder of quiz YAML files.")]
Jobs = Annotated[
    int, typer.Option(help="Worker processes (default: one per CPU, at most 4).", min=1)
]
DEFAULT_JOBS = min(4, os.cpu_count() or 1)


def fail(message: str) -> NoReturn:
    """Print ``error: …`` and exit 2 (usage or configuration error)."""
    typer.echo(f"error: {terminal_safe(message)}", err=True)
    raise typer.Exit(2)


def notify(message: str) -> None:
    """Print a notice on stderr (a wait, a skipped folder): seen, but not part of the output."""
    typer.echo(terminal_safe(message), err=True)


def load_quizzes_or_exit(folder: Path) -> dict[str, Quiz]:
    """Every quiz in ``folder``; on invalid files list all problems and exit 2."""
    try:
        return load_quizzes(folder)
    except QuizDefinitionError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        fail(f"{len(error.problems)} problems in the quizzes")
