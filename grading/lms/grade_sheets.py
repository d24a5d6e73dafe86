"""Filling the grade sheet the LMS gave the instructor, so it can be uploaded back unchanged.

Two sheets are recognised by their header:

* **Moodle**'s offline grading worksheet (assignment → "Download grading worksheet"): columns
  ``Identifier`` (``Participant 42``), ``Full name``, ``Email address``, ``Status``, ``Grade``,
  ``Maximum Grade``, …, ``Last modified (grade)`` and ``Feedback comments`` when feedback
  comments are on. Moodle's importer matches rows by ``Identifier`` alone and reads ``Grade``
  and the feedback columns.
* **Canvas**'s gradebook export (Grades → Export): ``Student``, ``ID``, ``SIS User ID``,
  ``SIS Login ID``, ``Section``, one column per assignment headed ``<title> (<id>)``, a
  ``Points Possible`` row (and sometimes a row of posting notes) before the students.

Learners graded from an LMS zip are matched by the LMS's own id (``OUT/lms_learners.json``:
Moodle participant id, Canvas user id). Learners graded from folders are matched by their
learner id against the e-mail address or full name (Moodle) or the SIS login, SIS user id or
name (Canvas), and only when exactly one row fits. Every other cell and row is written back
as it was read. A learner with several graded submissions of the quiz is left for the
instructor rather than guessed. When the sheet's maximum differs from the quiz's, nothing is
filled unless ``rescale`` converts points to the sheet's scale.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from grading.errors import GradingError
from grading.lms.lms_learners import load_lms_learners
from grading.lms.lms_names import LmsLearner
from grading.results.numbers import format_points
from grading.results.read_json import Attempt, GradedResults, QuizInfo, load_results

MOODLE_ID, MOODLE_GRADE, MOODLE_MAXIMUM = "Identifier", "Grade", "Maximum Grade"
MOODLE_FEEDBACK = "Feedback comments"
MOODLE_PARTICIPANT = re.compile(r"^Participant (\d+)$")
CANVAS_ID, CANVAS_POINTS_ROW = "ID", "Points Possible"
CANVAS_ASSIGNMENT = re.compile(r"^(?P<title>.*) \((?P<id>\d+)\)$")


class GradeSheetError(GradingError):
    """The sheet cannot be filled: unknown layout, no quiz column, another maximum …"""


@dataclass
class FilledSheet:
    """The filled sheet's bytes and what could not be matched."""

    data: bytes = b""
    lms: str = ""
    filled: int = 0
    unmatched_learners: list[str] = field(default_factory=list)
    """Learners with a grade for the quiz and no row (or several rows) in the sheet."""
    unmatched_rows: list[str] = field(default_factory=list)
    """Rows (as the sheet names them) that no graded learner matched; left unchanged."""
    several_attempts: list[str] = field(default_factory=list)
    """Learners with several graded submissions of the quiz: left for the instructor."""


@dataclass(frozen=True)
class _Grade:
    learner: str
    attempt: Attempt


def fill_grade_sheet(
    out: Path, sheet: Path, *, quiz: str | None = None, rescale: bool = False
) -> FilledSheet:
    """Read the LMS's sheet and OUT (results.json, lms_learners.json); return the filled sheet."""
    results = load_results(out)
    info = _chosen_quiz(results, quiz)
    identities = load_lms_learners(out)
    text, newline = _read_sheet(sheet)
    delimiter = _delimiter(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise GradeSheetError(f"{sheet} is empty")
    header = rows[0]
    outcome = FilledSheet()
    grades = _grades(results, info, outcome)
    if MOODLE_ID in header and MOODLE_GRADE in header:
        outcome.lms = "moodle"
        _fill_moodle(rows, grades, identities, info, outcome, rescale)
    elif CANVAS_ID in header and header[:1] and header[0] in ("Student", "LastName"):
        outcome.lms = "canvas"
        _fill_canvas(rows, grades, identities, info, outcome, rescale)
    else:
        raise GradeSheetError(
            f"{sheet} is neither Moodle's grading worksheet (no {MOODLE_ID!r} and "
            f"{MOODLE_GRADE!r} columns) nor a Canvas gradebook export (no 'Student' and "
            f"{CANVAS_ID!r} columns)"
        )
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    outcome.data = buffer.getvalue().encode("utf-8")
    return outcome


def _chosen_quiz(results: GradedResults, quiz: str | None) -> QuizInfo:
    if quiz is not None:
        if quiz not in results.quizzes:
            known = ", ".join(sorted(results.quizzes)) or "none"
            raise GradeSheetError(f"no graded quiz {quiz!r} in the results (graded: {known})")
        return results.quizzes[quiz]
    if len(results.quizzes) != 1:
        known = ", ".join(sorted(results.quizzes)) or "none"
        raise GradeSheetError(f"the results hold quizzes {known}: choose one with --quiz")
    return next(iter(results.quizzes.values()))


def _read_sheet(sheet: Path) -> tuple[str, str]:
    try:
        text = sheet.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise GradeSheetError(f"cannot read {sheet}: {error}") from error
    except UnicodeDecodeError as error:
        raise GradeSheetError(f"{sheet} is not UTF-8 text: {error}") from error
    return text, "\r\n" if "\r\n" in text else "\n"


def _delimiter(text: str) -> str:
    """Comma as the LMSs write it, or the semicolon or tab a spreadsheet may have saved."""
    first_line = text.split("\n", 1)[0]
    return max(",;\t", key=first_line.count)


def _grades(results: GradedResults, info: QuizInfo, outcome: FilledSheet) -> dict[str, _Grade]:
    """One grade per learner; learners with several graded submissions are set aside."""
    by_learner: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in results.attempts:
        if attempt.quiz == info.id:
            by_learner[attempt.learner].append(attempt)
    outcome.several_attempts = sorted(name for name, tries in by_learner.items() if len(tries) > 1)
    single = sorted(name for name, tries in by_learner.items() if len(tries) == 1)
    return {name: _Grade(name, by_learner[name][0]) for name in single}


def _points_text(total: Fraction, info: QuizInfo, maximum: str, rescale: bool) -> str:
    """Points as the sheet wants them, on the sheet's scale when it differs and may be used."""
    sheet_maximum = _number(maximum)
    if sheet_maximum is None or sheet_maximum == info.max_points:
        return format_points(total)
    if not rescale:
        raise GradeSheetError(
            f"the sheet's maximum is {maximum.strip()} but quiz {info.id} is worth "
            f"{format_points(info.max_points)} points: pass --rescale to convert the points "
            "to the sheet's scale, or change the maximum in the LMS"
        )
    return format_points(total * sheet_maximum / info.max_points)


def _number(text: str) -> Fraction | None:
    try:
        return Fraction(text.strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        return None


def _fill_moodle(
    rows: list[list[str]],
    grades: dict[str, _Grade],
    identities: dict[str, LmsLearner],
    info: QuizInfo,
    outcome: FilledSheet,
    rescale: bool,
) -> None:
    header = rows[0]
    column = {name: header.index(name) for name in header}
    by_participant = {
        who.participant_id: name
        for name, who in identities.items()
        if who.lms == "moodle" and who.participant_id
    }

    def row_learner(row: list[str]) -> str | None:
        found = MOODLE_PARTICIPANT.match(_cell(row, column[MOODLE_ID]).strip())
        if found and found.group(1) in by_participant:
            return by_participant[found.group(1)]
        return None

    folder_keys = ("Email address", "Full name")
    _fill_rows(
        rows[1:],
        grades,
        identities,
        row_learner,
        [column[key] for key in folder_keys if key in column],
        outcome,
        lambda row: _cell(row, column[MOODLE_ID]),
        lambda row, grade: _write_moodle(row, grade, column, info, rescale),
    )


def _write_moodle(
    row: list[str], grade: _Grade, column: dict[str, int], info: QuizInfo, rescale: bool
) -> None:
    maximum = _cell(row, column[MOODLE_MAXIMUM]) if MOODLE_MAXIMUM in column else ""
    _set(row, column[MOODLE_GRADE], _points_text(grade.attempt.total, info, maximum, rescale))
    if MOODLE_FEEDBACK in column:
        _set(row, column[MOODLE_FEEDBACK], feedback_summary(grade.attempt, info))


def _fill_canvas(
    rows: list[list[str]],
    grades: dict[str, _Grade],
    identities: dict[str, LmsLearner],
    info: QuizInfo,
    outcome: FilledSheet,
    rescale: bool,
) -> None:
    header = rows[0]
    quiz_column = _canvas_quiz_column(header, info)
    id_column = header.index(CANVAS_ID)
    first = next(
        (index for index, row in enumerate(rows) if _cell(row, 0).strip() == CANVAS_POINTS_ROW),
        0,
    )
    maximum = _cell(rows[first], quiz_column) if first else ""
    by_user = {
        who.user_id: name for name, who in identities.items() if who.lms == "canvas" and who.user_id
    }
    for name, who in identities.items():
        if who.lms == "canvas" and who.user_id is None and name in grades:
            outcome.unmatched_learners.append(f"{name} (anonymous in Canvas: no user id)")
            del grades[name]
    folder_keys = [header.index(key) for key in ("SIS Login ID", "SIS User ID") if key in header]
    _fill_rows(
        [row for row in rows[first + 1 :] if _cell(row, 0).strip()],
        grades,
        identities,
        lambda row: by_user.get(_cell(row, id_column).strip()),
        [*folder_keys, 0],
        outcome,
        lambda row: f"{_cell(row, 0)} (ID {_cell(row, id_column)})",
        lambda row, grade: _set(
            row, quiz_column, _points_text(grade.attempt.total, info, maximum, rescale)
        ),
    )


def _canvas_quiz_column(header: list[str], info: QuizInfo) -> int:
    """The column headed ``<quiz title> (<assignment id>)`` (or the quiz id)."""
    wanted = {" ".join(info.title.split()), info.id}
    matches = [
        index
        for index, name in enumerate(header)
        if (found := CANVAS_ASSIGNMENT.match(name.strip())) and found["title"].strip() in wanted
    ]
    if len(matches) != 1:
        columns = ", ".join(repr(name) for name in header if CANVAS_ASSIGNMENT.match(name))
        raise GradeSheetError(
            f"{'no' if not matches else 'more than one'} column for quiz {info.id} "
            f"({info.title!r}) among the assignments: {columns or 'none'}"
        )
    return matches[0]


def _fill_rows(
    rows: list[list[str]],
    grades: dict[str, _Grade],
    identities: dict[str, LmsLearner],
    lms_learner: Callable[[list[str]], str | None],
    folder_columns: list[int],
    outcome: FilledSheet,
    describe: Callable[[list[str]], str],
    write: Callable[[list[str], _Grade], None],
) -> None:
    """Match rows to learners (LMS ids first, then folder learners by exactly one row)."""
    folder_learners = {name: grade for name, grade in grades.items() if name not in identities}
    candidates: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        for name in folder_learners:
            if any(_same(name, _cell(row, column)) for column in folder_columns):
                candidates[name].append(index)
    matched: dict[int, str] = {}
    for name, indexes in candidates.items():
        if len(set(indexes)) == 1:
            matched[indexes[0]] = name
    remaining = dict(grades)
    for index, row in enumerate(rows):
        name = lms_learner(row) or matched.get(index)
        if name is None or name not in remaining:
            outcome.unmatched_rows.append(describe(row))
            continue
        write(row, remaining.pop(name))
        outcome.filled += 1
    outcome.unmatched_learners += sorted(remaining)


def _same(learner: str, cell: str) -> bool:
    return (
        bool(cell.strip())
        and " ".join(learner.split()).casefold() == " ".join(cell.split()).casefold()
    )


def _cell(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _set(row: list[str], index: int, value: str) -> None:
    row.extend([""] * (index + 1 - len(row)))
    row[index] = value


def feedback_summary(attempt: Attempt, info: QuizInfo) -> str:
    """One line for the LMS's feedback comment: the total and the points per question."""
    parts = [
        f"{question.id} {format_points(attempt.points.get(question.id, Fraction(0)))}"
        f"/{format_points(question.points)}"
        for question in info.questions
    ]
    return (
        f"{format_points(attempt.total)}/{format_points(info.max_points)} points "
        f"({'; '.join(parts)}). The feedback page explains each question."
    )
