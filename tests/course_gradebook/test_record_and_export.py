"""Recording attempts in the gradebook and exporting the course CSV."""

from __future__ import annotations

import csv
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.course_gradebook.course_export import Policy, write_course_csv
from grading.course_gradebook.database import open_gradebook
from grading.course_gradebook.record import record_results
from grading.results.read_json import load_results

MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_recording_twice_adds_nothing(graded: Path, tmp_path: Path) -> None:
    results = load_results(graded)
    with closing(open_gradebook(tmp_path / "g.sqlite")) as db:
        first = record_results(db, results, now=MONDAY)
        second = record_results(db, results, now=MONDAY + timedelta(days=1))
        count = db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    assert (first.added, first.known) == (6, 0)  # 9 files, 3 not graded
    assert (second.added, second.known) == (0, 6)
    assert count == 6


def test_attempt_keeps_time_checksum_answers_and_exact_points(graded, tmp_path) -> None:
    with closing(open_gradebook(tmp_path / "g.sqlite")) as db:
        record_results(db, load_results(graded), now=MONDAY)
        attempt = db.execute(
            "SELECT id, recorded_at, sha256, quiz_version FROM attempts WHERE learner = ?",
            ("bruno-silva",),
        ).fetchone()
        answers = dict(
            db.execute(
                "SELECT question, answer || ' ' || points FROM answers WHERE attempt_id = ?",
                (attempt[0],),
            ).fetchall()
        )
    assert attempt[1] == "2025-03-03T09:00:00+00:00"
    assert len(attempt[2]) == 64
    assert answers["q5"] == '"  responsible   AI " 1'
    assert any("/" in value.rsplit(" ", 1)[1] for value in answers.values())  # 36/5 total


def test_a_changed_file_is_a_new_attempt_and_policy_picks_one(
    submissions: Path, quizzes: Path, graded: Path, tmp_path: Path, regrade_into
) -> None:
    db_path = tmp_path / "g.sqlite"
    with closing(open_gradebook(db_path)) as db:
        record_results(db, load_results(graded), now=MONDAY)
        notebook = submissions / "amara-okafor" / "caio-responsibilities.ipynb"
        text = notebook.read_text(encoding="utf-8")
        notebook.write_text(text.replace('"q4 = 5"', '"q4 = 7"'), encoding="utf-8")
        regraded = regrade_into(submissions, tmp_path / "out2", quizzes)
        outcome = record_results(db, load_results(regraded), now=MONDAY + timedelta(days=1))
        assert (outcome.added, outcome.known) == (1, 5)
        write_course_csv(db, tmp_path / "latest.csv", Policy.latest)
        write_course_csv(db, tmp_path / "best.csv", Policy.best)
    latest, best = read_csv(tmp_path / "latest.csv"), read_csv(tmp_path / "best.csv")
    assert latest[0] == ["learner", "caio-responsibilities", "total"]
    assert latest[1] == ["amara-okafor", "13", "13"]  # the new file lost q4
    assert best[1] == ["amara-okafor", "14", "14"]
    assert latest[2] == ["bruno-silva", "7.2", "7.2"]


def test_quiz_not_taken_is_empty_and_learner_ids_cannot_be_formulas(graded, tmp_path) -> None:
    results = load_results(graded)
    first = results.attempts[0]
    hostile = type(first)(**{**first.__dict__, "learner": "=cmd()", "quiz": "other-quiz"})
    quizzes = {**results.quizzes, "other-quiz": results.quizzes[first.quiz]}
    mixed = type(results)(quizzes, (*results.attempts, hostile), 0)
    with closing(open_gradebook(tmp_path / "g.sqlite")) as db:
        record_results(db, mixed, now=MONDAY)
        write_course_csv(db, tmp_path / "c.csv", Policy.latest)
    rows = read_csv(tmp_path / "c.csv")
    assert rows[0] == ["learner", "caio-responsibilities", "other-quiz", "total"]
    assert rows[1] == ["'=cmd()", "", "14", "14"]
    assert rows[2] == ["amara-okafor", "14", "", "14"]


def test_record_and_gradebook_commands(graded: Path, tmp_path: Path) -> None:
    register(app)
    runner = CliRunner()
    db = str(tmp_path / "course.sqlite")
    first = runner.invoke(app, ["record", str(graded), "--db", db])
    again = runner.invoke(app, ["record", str(graded), "--db", db])
    assert first.exit_code == 0, first.output
    assert "6 attempts recorded, 0 already" in first.output
    assert "0 attempts recorded, 6 already" in again.output
    out = tmp_path / "course.csv"
    export = runner.invoke(app, ["gradebook", "--db", db, "-o", str(out), "--policy", "best"])
    assert export.exit_code == 0, export.output
    assert read_csv(out)[1] == ["amara-okafor", "14", "14"]
    missing = runner.invoke(app, ["gradebook", "--db", str(tmp_path / "none"), "-o", str(out)])
    assert missing.exit_code == 2
    assert "run caio record first" in missing.output
