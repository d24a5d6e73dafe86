"""The ``caio`` command: argument parsing only; each command calls one library function.

Exit codes: 0 all clean, 1 some submissions or quizzes had problems, 2 usage or configuration
errors (a missing folder, an invalid quiz set).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from grading.cli_instructor import register as register_instructor_commands
from grading.errors import GradingError, QuizDefinitionError
from grading.grader.discovery import find_submissions
from grading.grader.grade import grade_files
from grading.notebooks.build import write_learner_notebook
from grading.notebooks.read import DEFAULT_MAX_BYTES
from grading.progress import grading_progress
from grading.quiz.checks import content_problems
from grading.quiz.loading import load_quizzes
from grading.quiz.model import QuizMode
from grading.quiz.schema import write_quiz_json_schema
from grading.reports.outputs import write_outputs

app = typer.Typer(
    help="The CAIO Course: check quizzes, build learner notebooks, grade submissions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

QuizDir = Annotated[
    Path, typer.Option("--quizzes", "-q", help="Folder of quiz YAML files.", show_default=True)
]


@app.command()
def check(quizzes: QuizDir = Path("quizzes")) -> None:
    """Validate every quiz and its answer key; list all problems, exit 1 if there are any."""
    loaded = _load(quizzes)
    problems = [
        problem
        for quiz_id, quiz in loaded.items()
        for problem in content_problems(quiz, quizzes / f"{quiz_id}.yml")
    ]
    for problem in problems:
        typer.echo(str(problem), err=True)
    questions = sum(len(quiz.questions) for quiz in loaded.values())
    typer.echo(f"{len(loaded)} quizzes, {questions} questions, {len(problems)} problems")
    raise typer.Exit(1 if problems else 0)


@app.command()
def notebooks(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the notebooks.")],
    quizzes: QuizDir = Path("quizzes"),
) -> None:
    """Write one learner notebook per graded quiz: OUTPUT/<quiz id>.ipynb."""
    for quiz in _load(quizzes).values():
        if quiz.mode is QuizMode.graded:
            typer.echo(write_learner_notebook(quiz, output))


@app.command()
def grade(
    submissions: Annotated[Path, typer.Argument(help="Folder of submitted notebooks.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the results.")],
    quizzes: QuizDir = Path("quizzes"),
    max_size: Annotated[
        int, typer.Option(help="Largest file read, in bytes.", min=1)
    ] = DEFAULT_MAX_BYTES,
    jobs: Annotated[
        int, typer.Option(help="Worker processes (default: one per CPU, at most 4).", min=1)
    ] = min(4, os.cpu_count() or 1),
) -> None:
    """Grade every submission; write gradebook.csv, results.json and feedback/ into OUTPUT."""
    loaded = _load(quizzes)
    if output.absolute().is_relative_to(submissions.absolute()):
        _fail(
            "the output folder must not be inside the submissions folder (inputs are never touched)"
        )
    try:
        files = find_submissions(submissions)
        with grading_progress(len(files)) as on_result:
            results = grade_files(files, loaded, max_bytes=max_size, jobs=jobs, on_result=on_result)
        write_outputs(output, results, loaded)
    except GradingError as error:
        _fail(str(error))
    clean = sum(1 for result in results if result.clean)
    typer.echo(f"{len(results)} submissions: {clean} clean, {len(results) - clean} with problems")
    typer.echo(f"results in {output}")
    raise typer.Exit(0 if clean == len(results) else 1)


@app.command()
def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for quiz.schema.json.")
    ] = Path("quizzes"),
) -> None:
    """Write the quiz JSON Schema (for editor completion of quiz YAML)."""
    typer.echo(write_quiz_json_schema(output))


def _load(folder: Path) -> dict:
    try:
        return load_quizzes(folder)
    except QuizDefinitionError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{len(error.problems)} problems in the quizzes", err=True)
        raise typer.Exit(2) from error


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


register_instructor_commands(app)


def main() -> None:
    """Console-script entry point."""
    app()
