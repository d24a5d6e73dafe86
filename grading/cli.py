"""The ``caio`` command: argument parsing only; each command calls one library function.

Exit codes: 0 all clean, 1 some submissions or quizzes had problems, 2 usage or configuration
errors (a missing folder, an invalid quiz set).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grading.cli_instructor import register as register_instructor_commands
from grading.cli_options import DEFAULT_JOBS, Jobs, QuizDir, fail, load_quizzes_or_exit, notify
from grading.course_gradebook.record import record_output_folder
from grading.errors import GradingError
from grading.grading_run.discovery import SubmissionsFolder
from grading.grading_run.run import grade_folder_to
from grading.notebooks.read import DEFAULT_MAX_BYTES
from grading.quiz.checks import content_problems
from grading.quiz.model import QuizMode
from grading.quiz.schema import write_quiz_json_schema
from grading.quiz.translations import check_translations, load_editions
from grading.terminal_text import terminal_safe

app = typer.Typer(
    help="The CAIO Course: check quizzes, build learner notebooks, grade submissions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def check(quizzes: QuizDir = Path("quizzes")) -> None:
    """Validate every quiz, its answer key and its translations; list all problems, exit 1 if
    there are any."""
    loaded = load_quizzes_or_exit(quizzes)
    problems = [
        problem
        for quiz_id, quiz in loaded.items()
        for problem in content_problems(quiz, quizzes / f"{quiz_id}.yml")
    ]
    problems += check_translations(quizzes, loaded)
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
    """Write one learner notebook per graded quiz and edition: OUTPUT/<quiz id>.ipynb in
    English, OUTPUT/<lang>/<quiz id>.ipynb in each translated edition (de, vi)."""
    # nbformat is imported here, not at the top: `caio grade` never needs it (0.1 s).
    from grading.notebooks.build import write_learner_notebook

    loaded = load_quizzes_or_exit(quizzes)
    editions = load_editions(quizzes, loaded)
    for quiz in loaded.values():
        if quiz.mode is QuizMode.graded:
            typer.echo(write_learner_notebook(quiz, output))
    for (lang, _), quiz in sorted(editions.items()):
        if quiz.mode is QuizMode.graded:
            typer.echo(write_learner_notebook(quiz, output / lang, lang))


@app.command()
def grade(
    submissions: Annotated[Path, typer.Argument(help="Folder of submitted notebooks.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the results.")],
    quizzes: QuizDir = Path("quizzes"),
    max_size: Annotated[
        int, typer.Option(help="Largest file read, in bytes.", min=1)
    ] = DEFAULT_MAX_BYTES,
    jobs: Jobs = DEFAULT_JOBS,
    record: Annotated[
        Path | None,
        typer.Option(help="Also record the graded attempts in this course gradebook (SQLite)."),
    ] = None,
) -> None:
    """Grade every submission; write gradebook.csv, results.json and feedback/ into OUTPUT."""
    loaded = load_quizzes_or_exit(quizzes)
    try:
        for name in SubmissionsFolder.at(submissions).tool_folders():
            typer.echo(f"skipped {terminal_safe(name)}/: a folder made by a tool", err=True)
        run = grade_folder_to(
            submissions,
            output,
            loaded,
            max_bytes=max_size,
            jobs=jobs,
            editions=load_editions(quizzes, loaded),
        )
        recorded = record_output_folder(output, record, on_wait=notify) if record else None
    except GradingError as error:
        fail(str(error))
    typer.echo(run.summary())
    typer.echo(f"results in {output}")
    if recorded is not None:
        typer.echo(recorded.summary(record))
    raise typer.Exit(0 if run.all_clean else 1)


@app.command()
def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for quiz.schema.json.")
    ] = Path("quizzes"),
) -> None:
    """Write the quiz JSON Schema (for editor completion of quiz YAML)."""
    try:
        written = write_quiz_json_schema(output)
    except GradingError as error:
        fail(str(error))
    typer.echo(written)


register_instructor_commands(app)


def main() -> None:
    """Console-script entry point."""
    app()
