"""Instructor commands of ``caio``: report, record, gradebook, regrade and LMS import/export.

Argument parsing only; each command calls one keyword-only library function. ``register`` adds
the commands to the main ``caio`` app; a name already taken is left alone.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from grading.atomic_write import write_atomically
from grading.cli_options import DEFAULT_JOBS, Jobs, QuizDir, fail, load_quizzes_or_exit, notify
from grading.course_gradebook.course_export import Policy, counted_attempts, write_course_csv
from grading.course_gradebook.database import DEFAULT_DB
from grading.course_gradebook.database import gradebook as gradebook_file
from grading.course_gradebook.record import record_output_folder
from grading.course_gradebook.regrade import apply_regrades
from grading.course_gradebook.regrade_file import load_regrades
from grading.errors import GradingError, QuizDefinitionError
from grading.grading_run.run import grade_folder_to
from grading.lms.feedback_zip import write_feedback_zip
from grading.lms.gift_export import quiz_to_gift
from grading.lms.gift_import import gift_to_quiz, write_quiz_yaml
from grading.lms.grade_exports import (
    write_canvas_csv,
    write_gradescope_results,
    write_moodle_csv,
)
from grading.lms.grade_sheets import fill_grade_sheet
from grading.lms.lms_learners import (
    LMS_LEARNERS_FILE,
    lms_learners_document,
    load_lms_learners,
)
from grading.lms.qti_export import quiz_to_qti, write_qti_package
from grading.lms.submission_zip import (
    DEFAULT_MAX_FILES,
    DEFAULT_MAX_TOTAL_BYTES,
    Lms,
    unpacked_submissions,
)
from grading.messages import LANGUAGES
from grading.quiz.loading import find_quiz, load_quizzes
from grading.quiz.translations import load_editions
from grading.results.numbers import format_points
from grading.results.read_json import load_results
from grading.terminal_text import terminal_safe

Database = Annotated[Path, typer.Option("--db", help="The course gradebook (SQLite file).")]
ReportLanguage = Enum("ReportLanguage", [(lang, lang) for lang in LANGUAGES], type=str)
"""The choices of ``caio report --lang``: made from the catalogs' languages, so a language added
there is offered here too."""


def report(
    out: Annotated[Path, typer.Argument(help="Output folder of caio grade (holds results.json).")],
    quizzes: QuizDir = Path("quizzes"),
    book: Annotated[Path, typer.Option(help="Book source folder, for section links.")] = Path(
        "book"
    ),
    book_url: Annotated[
        str, typer.Option(help="Base URL of the built book, prefixed to page links.")
    ] = "",
    lang: Annotated[
        ReportLanguage, typer.Option(help="Language of report.html; learner pages keep their own.")
    ] = ReportLanguage.en,
) -> None:
    """Item analysis: write OUT/report.html and OUT/feedback/_objectives/<learner>.md."""
    # Imported here: NumPy and matplotlib take most of a second to load, which every other
    # command (grading above all) would otherwise pay at start-up.
    from grading.report.report import changed_quiz_versions, write_report

    try:
        outcome = write_report(
            out, quizzes_dir=quizzes, book_dir=book, book_url=book_url, lang=lang.value
        )
    except GradingError as error:
        fail(str(error))
    for warning in changed_quiz_versions(out, quizzes):
        typer.echo(f"warning: {warning}", err=True)
    flagged = sum(1 for analysis in outcome.analyses for item in analysis.items if item.flags)
    typer.echo(f"{len(outcome.analyses)} quizzes analysed, {flagged} questions flagged")
    typer.echo(f"report in {outcome.report}")


def record(
    out: Annotated[Path, typer.Argument(help="Output folder of caio grade (holds results.json).")],
    db: Database = DEFAULT_DB,
) -> None:
    """Record every graded attempt of OUT/results.json in the course gradebook."""
    try:
        outcome = record_output_folder(out, db, on_wait=notify)
    except GradingError as error:
        fail(str(error))
    typer.echo(outcome.summary(db))


def gradebook(
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV file to write.")],
    db: Database = DEFAULT_DB,
    policy: Annotated[
        Policy, typer.Option(help="Which attempt counts when there are several.")
    ] = Policy.latest,
) -> None:
    """Export the course gradebook: one row per learner, one column per quiz, and a total."""
    if not db.is_file():
        fail(f"no gradebook at {db}; run caio record first")
    try:
        with gradebook_file(db, on_wait=notify) as connection:
            learners = write_course_csv(connection, output, policy)
    except GradingError as error:
        fail(str(error))
    typer.echo(f"{learners} learners written to {output} (policy: {policy.value})")


def regrade(db: Database = DEFAULT_DB, quizzes: QuizDir = Path("quizzes")) -> None:
    """Apply quizzes/<quiz>.regrade.yml to every recorded attempt; print the changed scores."""
    if not db.is_file():
        fail(f"no gradebook at {db}; run caio record first")
    try:
        loaded = load_quizzes(quizzes)
        regrades = load_regrades(quizzes, loaded)
        with gradebook_file(db, on_wait=notify) as connection:
            changes = apply_regrades(connection, loaded, regrades)
    except QuizDefinitionError as error:
        fail(str(error))
    except GradingError as error:
        fail(str(error))
    for change in changes:
        sign = "+" if change.difference > 0 else ""
        typer.echo(
            f"{terminal_safe(change.learner)} {change.quiz} ({terminal_safe(change.file)}): "
            f"{format_points(change.before)}/{format_points(change.max_before)} -> "
            f"{format_points(change.after)}/{format_points(change.max_after)} "
            f"({sign}{format_points(change.difference)})"
        )
    typer.echo(f"{len(regrades)} regrade files applied, {len(changes)} attempts changed")


def export_gift(
    quiz: Annotated[str, typer.Argument(help="Quiz id.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="GIFT file to write.")],
    quizzes: QuizDir = Path("quizzes"),
) -> None:
    """Export a quiz to Moodle GIFT (order questions cannot be expressed and are left out)."""
    try:
        exported = quiz_to_gift(find_quiz(quizzes, quiz))
        write_atomically(output, exported.text.encode("utf-8"))
    except GradingError as error:
        fail(str(error))
    if exported.skipped:
        typer.echo(f"left out (no GIFT form): {', '.join(exported.skipped)}", err=True)
    for warning in exported.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"written {output}")


def export_qti(
    quiz: Annotated[str, typer.Argument(help="Quiz id.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Zip file to write.")],
    quizzes: QuizDir = Path("quizzes"),
) -> None:
    """Export a quiz as an IMS QTI 1.2 package for Canvas (order questions are left out)."""
    try:
        exported = quiz_to_qti(find_quiz(quizzes, quiz))
        write_qti_package(exported, output)
    except GradingError as error:
        fail(str(error))
    if exported.skipped:
        typer.echo(f"left out (no QTI 1.2 form): {', '.join(exported.skipped)}", err=True)
    typer.echo(f"written {output}")


def import_gift(
    file: Annotated[Path, typer.Argument(help="GIFT file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Quiz folder.")] = Path("quizzes"),
    quiz_id: Annotated[str, typer.Option(help="Quiz id (default: the file name).")] = "",
) -> None:
    """Import Moodle GIFT questions as OUTPUT/<id>.yml (never overwrites a quiz)."""
    identifier = quiz_id or file.stem.lower()
    try:
        quiz = gift_to_quiz(
            file.read_text(encoding="utf-8"), quiz_id=identifier, title=file.stem, source=str(file)
        )
        typer.echo(f"written {write_quiz_yaml(quiz, output)}")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read {file}: {error}")
    except GradingError as error:
        fail(str(error))


def export_grades(
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV file to write.")],
    lms: Annotated[str, typer.Option("--lms", help="canvas or moodle.")] = "canvas",
    db: Database = DEFAULT_DB,
    policy: Annotated[Policy, typer.Option(help="Which attempt counts.")] = Policy.latest,
    quizzes: QuizDir = Path("quizzes"),
    identities: Annotated[
        list[Path] | None,
        typer.Option(
            "--identities",
            help="Output folder of caio grade-zip (repeatable): its Canvas user ids fill ID.",
        ),
    ] = None,
) -> None:
    """Export the gradebook as a Canvas or Moodle grade import CSV."""
    if lms not in ("canvas", "moodle"):
        fail("--lms must be canvas or moodle")
    if not db.is_file():
        fail(f"no gradebook at {db}; run caio record first")
    try:
        with gradebook_file(db, on_wait=notify) as connection:
            chosen = counted_attempts(connection, policy)
        if lms == "canvas":
            titles = {quiz_id: quiz.title for quiz_id, quiz in _quizzes_or_none(quizzes).items()}
            canvas_ids = {
                learner: who.user_id
                for folder in identities or []
                for learner, who in load_lms_learners(folder).items()
                if who.lms == "canvas" and who.user_id
            }
            write_canvas_csv(output, chosen, titles, canvas_ids)
        else:
            write_moodle_csv(output, chosen)
    except GradingError as error:
        fail(str(error))
    typer.echo(f"written {output}")


def export_gradescope(
    out: Annotated[Path, typer.Argument(help="Output folder of caio grade.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the JSON files.")],
) -> None:
    """Write one Gradescope-style results JSON per graded submission."""
    try:
        written = write_gradescope_results(load_results(out / "results.json"), output)
    except GradingError as error:
        fail(str(error))
    typer.echo(f"{len(written)} files written to {output}")


def grade_zip(
    archive: Annotated[Path, typer.Argument(help="Bulk download of submissions (zip).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the results.")],
    lms: Annotated[Lms, typer.Option(help="Whose file naming the zip follows.")] = Lms.auto,
    quizzes: QuizDir = Path("quizzes"),
    max_files: Annotated[
        int, typer.Option(help="Most entries the zip may hold.", min=1)
    ] = DEFAULT_MAX_FILES,
    max_total_bytes: Annotated[
        int, typer.Option(help="Most bytes the notebooks may take unpacked.", min=1)
    ] = DEFAULT_MAX_TOTAL_BYTES,
    jobs: Jobs = DEFAULT_JOBS,
) -> None:
    """Grade a Canvas or Moodle bulk download; write what caio grade writes into OUTPUT."""
    loaded = load_quizzes_or_exit(quizzes)
    try:
        with unpacked_submissions(
            archive, lms=lms, max_files=max_files, max_total_bytes=max_total_bytes
        ) as unpacked:
            identities = lms_learners_document(unpacked.lms.value, unpacked.learners)
            run = grade_folder_to(
                unpacked.folder,
                output,
                loaded,
                jobs=jobs,
                late_learners=unpacked.late_learners,
                extra_files={LMS_LEARNERS_FILE: identities},
                editions=load_editions(quizzes, loaded),
            )
    except GradingError as error:
        fail(str(error))
    for label, entries in (
        ("refused (unsafe path or link, not unpacked)", unpacked.refused),
        (
            f"not in {unpacked.lms.value} naming (learner taken from the file name)",
            unpacked.unrecognised,
        ),
        ("skipped (not a notebook)", unpacked.skipped),
    ):
        if entries:
            typer.echo(terminal_safe(f"{label}: {', '.join(entries)}"), err=True)
    typer.echo(run.summary())
    typer.echo(f"results in {output}")
    raise typer.Exit(0 if run.all_clean and not unpacked.refused else 1)


def fill_grades(
    out: Annotated[Path, typer.Argument(help="Output folder of caio grade or grade-zip.")],
    sheet: Annotated[
        Path, typer.Option(help="Moodle grading worksheet or Canvas gradebook export (CSV).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Filled CSV to upload.")],
    quiz: Annotated[str | None, typer.Option(help="Quiz id, when OUT holds several.")] = None,
    rescale: Annotated[
        bool, typer.Option(help="Convert points to the sheet's maximum when it differs.")
    ] = False,
) -> None:
    """Fill the LMS's own grade sheet (Moodle worksheet, Canvas export) with the grades."""
    try:
        filled = fill_grade_sheet(out, sheet, quiz=quiz, rescale=rescale)
        write_atomically(output, filled.data)
    except GradingError as error:
        fail(str(error))
    for label, names in (
        ("learners with no row in the sheet (not filled)", filled.unmatched_learners),
        ("rows no graded learner matched (left as they were)", filled.unmatched_rows),
        ("several graded submissions (fill in by hand)", filled.several_attempts),
    ):
        if names:
            typer.echo(f"{label}: {', '.join(names)}", err=True)
    typer.echo(f"{filled.filled} grades filled in {output} ({filled.lms} sheet)")


def feedback_zip(
    out: Annotated[Path, typer.Argument(help="Output folder of caio grade-zip.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Zip file to write.")],
) -> None:
    """Zip each learner's feedback pages named as the LMS takes them back."""
    try:
        written = write_feedback_zip(out, output)
    except GradingError as error:
        fail(str(error))
    if written.left_out:
        typer.echo(f"left out: {', '.join(written.left_out)}", err=True)
    typer.echo(f"{len(written.entries)} feedback pages written to {output}")


COMMANDS = {
    "report": report,
    "record": record,
    "gradebook": gradebook,
    "regrade": regrade,
    "export-gift": export_gift,
    "import-gift": import_gift,
    "export-qti": export_qti,
    "grade-zip": grade_zip,
    "export-grades": export_grades,
    "fill-grades": fill_grades,
    "feedback-zip": feedback_zip,
    "export-gradescope": export_gradescope,
}


def _quizzes_or_none(folder: Path) -> dict:
    """The quizzes for their titles; without a valid quiz folder, ids serve as titles."""
    try:
        return load_quizzes(folder)
    except QuizDefinitionError:
        return {}


def register(app: typer.Typer) -> None:
    """Add the instructor commands to ``app`` (idempotent)."""
    taken = {command.name for command in app.registered_commands}
    for name, function in COMMANDS.items():
        if name not in taken:
            app.command(name=name)(function)
