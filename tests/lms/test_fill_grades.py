"""``caio fill-grades``: the LMS's own grade sheet filled in, every other cell as it was.

Fixtures are shaped as Moodle's offline grading worksheet and Canvas's gradebook export
(tests/lms/fixtures): same-name learners, a learner with no submission, blind marking,
Canvas's "Manual Posting" and "Points Possible" rows.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.quiz.loading import find_quiz
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook

QUIZ = "caio-responsibilities"
FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(scope="module")
def right() -> str:
    return nbformat.writes(filled_notebook(find_quiz(QUIZ_DIR, QUIZ), RIGHT_ANSWERS))


@pytest.fixture(scope="module")
def wrong() -> str:
    answers = dict.fromkeys(RIGHT_ANSWERS, None)
    return nbformat.writes(filled_notebook(find_quiz(QUIZ_DIR, QUIZ), answers))


def run(*arguments: str):
    register(app)
    return CliRunner().invoke(app, list(arguments))


def grade_zip(tmp_path: Path, entries: dict[str, str]) -> Path:
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
    out = tmp_path / "out"
    result = run("grade-zip", str(archive), "-o", str(out), "-q", str(QUIZ_DIR))
    assert result.exit_code in (0, 1), result.output
    return out


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_moodle_worksheet_filled_by_participant_id(tmp_path: Path, right, wrong) -> None:
    out = grade_zip(
        tmp_path,
        {
            f"Ada Lovelace_42_assignsubmission_file/{QUIZ}.ipynb": right,
            f"Ada Lovelace_43_assignsubmission_file/{QUIZ}.ipynb": wrong,
            f"Alan Turing_7_assignsubmission_file_{QUIZ}.ipynb": right,
            f"Kurt Goedel_99_assignsubmission_file/{QUIZ}.ipynb": right,
        },
    )
    sheet = FIXTURES / "moodle" / "offline-grading-worksheet.csv"
    filled = tmp_path / "upload.csv"
    result = run("fill-grades", str(out), "--sheet", str(sheet), "-o", str(filled))
    assert result.exit_code == 0, result.output
    before, after = rows(sheet), rows(filled)
    header = before[0]
    grade, comments = header.index("Grade"), header.index("Feedback comments")
    assert [row[grade] for row in after[1:]] == ["14", "0", "14", ""]
    assert after[1][comments].startswith("14/14 points (q1 1/1;")
    assert after[4][comments] == "Talk to me, please"
    for old, new in zip(before, after, strict=True):
        unchanged = [i for i in range(len(header)) if i not in (grade, comments)]
        assert [old[i] for i in unchanged] == [new[i] for i in unchanged]
    assert "learners with no row in the sheet (not filled): Kurt-Goedel-99" in result.stderr
    assert "left as they were): Participant 8" in result.stderr
    assert filled.read_bytes().count(b"\r\n") == len(after)


def test_moodle_folder_learners_match_by_email_or_full_name(tmp_path: Path, right) -> None:
    submissions = tmp_path / "submissions"
    for learner in ("alan@example.org", "Grace Hopper", "Ada Lovelace"):
        (submissions / learner).mkdir(parents=True)
        (submissions / learner / f"{QUIZ}.ipynb").write_text(right, encoding="utf-8")
    out = tmp_path / "out"
    assert run("grade", str(submissions), "-o", str(out), "-q", str(QUIZ_DIR)).exit_code == 0
    sheet = FIXTURES / "moodle" / "offline-grading-worksheet.csv"
    filled = tmp_path / "upload.csv"
    result = run("fill-grades", str(out), "--sheet", str(sheet), "-o", str(filled))
    grade = rows(sheet)[0].index("Grade")
    # two rows are called Ada Lovelace: that learner is not guessed
    assert [row[grade] for row in rows(filled)[1:]] == ["", "", "14", "14"]
    assert "learners with no row in the sheet (not filled): Ada Lovelace" in result.stderr


def test_another_maximum_is_refused_unless_rescaled(tmp_path: Path, right) -> None:
    out = grade_zip(tmp_path, {f"Participant_9_assignsubmission_file/{QUIZ}.ipynb": right})
    sheet = FIXTURES / "moodle" / "offline-grading-worksheet-blind.csv"
    filled = tmp_path / "upload.csv"
    refused = run("fill-grades", str(out), "--sheet", str(sheet), "-o", str(filled))
    assert refused.exit_code == 2
    assert "the sheet's maximum is 100.00 but quiz caio-responsibilities is worth 14" in (
        refused.stderr
    )
    assert not filled.exists()
    result = run("fill-grades", str(out), "--sheet", str(sheet), "-o", str(filled), "--rescale")
    assert result.exit_code == 0, result.output
    assert [row[2] for row in rows(filled)[1:]] == ["100", ""]


def test_canvas_export_filled_in_the_quiz_column_by_user_id(tmp_path: Path, right, wrong) -> None:
    out = grade_zip(
        tmp_path,
        {
            f"smithjohn_12345_111_{QUIZ}.ipynb": right,
            f"smithjohn_78901_112_{QUIZ}.ipynb": wrong,
            f"doejane_LATE_34567_113_{QUIZ}.ipynb": right,
            f"anon_x7Yz2_114_{QUIZ}.ipynb": right,
        },
    )
    sheet = FIXTURES / "canvas" / "gradebook-export.csv"
    filled = tmp_path / "import.csv"
    result = run("fill-grades", str(out), "--sheet", str(sheet), "-o", str(filled))
    assert result.exit_code == 0, result.output
    before, after = rows(sheet), rows(filled)
    column = before[0].index("The CAIO's areas of responsibility (1002)")
    assert [row[column] for row in after] == [
        before[0][column],
        "Manual Posting",
        "14.00",
        "14",
        "0",
        "14",
        "",
    ]
    for old, new in zip(before, after, strict=True):
        assert old[:column] + old[column + 1 :] == new[:column] + new[column + 1 :]
    assert "anon_x7Yz2 (anonymous in Canvas: no user id)" in result.stderr
    assert "Roe, Rick (ID 45678)" in result.stderr


def test_canvas_folder_learner_matches_by_sis_login(tmp_path: Path, right) -> None:
    submissions = tmp_path / "submissions"
    (submissions / "rroe").mkdir(parents=True)
    (submissions / "rroe" / f"{QUIZ}.ipynb").write_text(right, encoding="utf-8")
    out = tmp_path / "out"
    assert run("grade", str(submissions), "-o", str(out), "-q", str(QUIZ_DIR)).exit_code == 0
    filled = tmp_path / "import.csv"
    sheet = FIXTURES / "canvas" / "gradebook-export.csv"
    assert run("fill-grades", str(out), "--sheet", str(sheet), "-o", str(filled)).exit_code == 0
    assert rows(filled)[6][6] == "14"


def test_a_sheet_of_neither_lms_is_refused(tmp_path: Path, right) -> None:
    out = grade_zip(tmp_path, {f"smithjohn_12345_111_{QUIZ}.ipynb": right})
    sheet = tmp_path / "other.csv"
    sheet.write_text("name,score\nx,1\n", encoding="utf-8")
    result = run("fill-grades", str(out), "--sheet", str(sheet), "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 2
    assert "neither Moodle's grading worksheet" in result.stderr


def test_canvas_import_csv_carries_the_canvas_user_id(tmp_path: Path, right, wrong) -> None:
    out = grade_zip(
        tmp_path,
        {
            f"smithjohn_12345_111_{QUIZ}.ipynb": right,
            f"smithjohn_78901_112_{QUIZ}.ipynb": wrong,
        },
    )
    db = tmp_path / "gradebook.sqlite"
    assert run("record", str(out), "--db", str(db)).exit_code == 0
    export = tmp_path / "canvas.csv"
    result = run(
        "export-grades", "--lms", "canvas", "--db", str(db), "-o", str(export),
        "-q", str(QUIZ_DIR), "--identities", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    table = {row["Student"]: row for row in csv.DictReader(export.open(encoding="utf-8"))}
    assert table["smithjohn_12345"]["ID"] == "12345"
    assert table["smithjohn_78901"]["ID"] == "78901"
    assert table["smithjohn_78901"]["SIS Login ID"] == ""
