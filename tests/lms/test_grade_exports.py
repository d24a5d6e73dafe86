"""Canvas and Moodle grade CSVs and Gradescope-style JSON, from the graded samples."""

from __future__ import annotations

import csv
import json
import shutil
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.course_gradebook.database import open_gradebook
from grading.course_gradebook.record import record_results
from grading.grading_run.run import grade_folder_to
from grading.quiz.loading import load_quizzes
from grading.results.read_json import load_results

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def graded(tmp_path: Path) -> Path:
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    shutil.copy(REPO / "quizzes" / "caio-responsibilities.yml", quizzes)
    loaded = load_quizzes(quizzes)
    out = tmp_path / "out"
    grade_folder_to(REPO / "samples" / "submissions", out, loaded)
    return out


@pytest.fixture
def db(graded: Path, tmp_path: Path) -> Path:
    path = tmp_path / "g.sqlite"
    with closing(open_gradebook(path)) as connection:
        record_results(connection, load_results(graded))
    return path


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_canvas_csv_has_points_possible_and_login_ids(db: Path, tmp_path: Path) -> None:
    register(app)
    out = tmp_path / "canvas.csv"
    result = CliRunner().invoke(
        app,
        [
            "export-grades",
            "--lms",
            "canvas",
            "--db",
            str(db),
            "-o",
            str(out),
            "-q",
            str(REPO / "quizzes"),
        ],
    )
    assert result.exit_code == 0, result.output
    table = rows(out)
    assert table[0] == [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "The CAIO's areas of responsibility",
    ]
    assert table[1] == ["Points Possible", "", "", "", "", "14"]
    assert table[3] == ["bruno-silva", "", "", "bruno-silva", "", "7.2"]


def test_moodle_csv_has_username_and_quiz_columns(db: Path, tmp_path: Path) -> None:
    register(app)
    out = tmp_path / "moodle.csv"
    result = CliRunner().invoke(
        app, ["export-grades", "--lms", "moodle", "--db", str(db), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    table = rows(out)
    assert table[0] == ["username", "caio-responsibilities"]
    assert ["amara-okafor", "14"] in table
    assert len(table) == 7  # header + 6 graded learners


def test_gradescope_json_per_submission(graded: Path, tmp_path: Path) -> None:
    register(app)
    folder = tmp_path / "gradescope"
    result = CliRunner().invoke(app, ["export-gradescope", str(graded), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert "6 files written" in result.output
    document = json.loads(
        (folder / "bruno-silva" / "caio-responsibilities.json").read_text(encoding="utf-8")
    )
    assert document["score"] == pytest.approx(7.2)
    assert len(document["tests"]) == 10
    first = document["tests"][0]
    assert first == {"name": "q1", "score": 1.0, "max_score": 1.0, "output": 'answer: "A"'}
