"""A gradebook file that is not one, is damaged, is newer, or is busy: exit 2, file unchanged."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from grading.cli import app
from grading.course_gradebook import database

COMMANDS = {
    "record": lambda db, out, tmp: ["record", str(out), "--db", str(db)],
    "gradebook": lambda db, out, tmp: ["gradebook", "--db", str(db), "-o", str(tmp / "c.csv")],
    "regrade": lambda db, out, tmp: ["regrade", "--db", str(db), "--quizzes", str(tmp / "quizzes")],
    "export-grades": lambda db, out, tmp: [
        "export-grades",
        "--db",
        str(db),
        "-o",
        str(tmp / "e.csv"),
        "--quizzes",
        str(tmp / "quizzes"),
    ],
}


def run(*arguments: str) -> Result:
    return CliRunner().invoke(app, list(arguments))


def recorded(graded: Path, tmp_path: Path) -> Path:
    db = tmp_path / "g.sqlite"
    assert run("record", str(graded), "--db", str(db)).exit_code == 0
    return db


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_that_is_not_sqlite_is_refused(
    command: str, graded: Path, tmp_path: Path, quizzes: Path
) -> None:
    db = tmp_path / "g.sqlite"
    db.write_text("learner,quiz\nann,q\n", encoding="utf-8")
    result = run(*COMMANDS[command](db, graded, tmp_path))
    assert result.exit_code == 2, result.output
    assert "not a gradebook: not an SQLite database file" in result.stderr
    assert "Traceback" not in result.output
    assert db.read_text(encoding="utf-8") == "learner,quiz\nann,q\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_gradebook_from_a_newer_schema_is_refused(
    command: str, graded: Path, tmp_path: Path, quizzes: Path
) -> None:
    db = recorded(graded, tmp_path)
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA user_version = 7")
    before = db.read_bytes()
    result = run(*COMMANDS[command](db, graded, tmp_path))
    assert result.exit_code == 2, result.output
    assert "schema version 7, written by a newer caio" in result.stderr
    assert db.read_bytes() == before


def test_new_gradebooks_carry_the_schema_version(graded: Path, tmp_path: Path) -> None:
    db = recorded(graded, tmp_path)
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (1,)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_gradebook_damaged_in_the_middle_is_not_written_to(
    command: str, graded: Path, tmp_path: Path, quizzes: Path
) -> None:
    db = recorded(graded, tmp_path)
    with closing(sqlite3.connect(db)) as connection:
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    data = bytearray(db.read_bytes())
    assert len(data) >= 4 * page_size
    data[2 * page_size : 2 * page_size + 64] = b"\xa5" * 64  # a b-tree page header
    db.write_bytes(bytes(data))
    result = run(*COMMANDS[command](db, graded, tmp_path))
    assert result.exit_code == 2, result.output
    assert "is damaged" in result.stderr or "not a usable gradebook" in result.stderr
    assert db.read_bytes() == bytes(data)


def hold_write_lock(db: Path, seconds: float) -> threading.Thread:
    started = threading.Event()

    def hold() -> None:
        with closing(sqlite3.connect(db, isolation_level=None)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            started.set()
            time.sleep(seconds)
            connection.execute("ROLLBACK")

    thread = threading.Thread(target=hold)
    thread.start()
    started.wait(5)
    return thread


def test_a_busy_gradebook_is_waited_for_visibly(
    graded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "g.sqlite"
    with closing(database.open_gradebook(db)):
        pass
    monkeypatch.setattr(database, "WAIT_SECONDS", 20.0)
    holder = hold_write_lock(db, 1.5)
    result = run("record", str(graded), "--db", str(db))
    holder.join()
    assert result.exit_code == 0, result.output
    assert f"another process is writing to {db}" in result.stderr


def test_a_gradebook_locked_too_long_fails_clearly(
    graded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = recorded(graded, tmp_path)
    before = db.read_bytes()
    monkeypatch.setattr(database, "WAIT_SECONDS", 0.5)
    holder = hold_write_lock(db, 3)
    result = run("record", str(graded), "--db", str(db))
    holder.join()
    assert result.exit_code == 2, result.output
    assert "still locked by another process" in result.stderr
    assert "Traceback" not in result.output
    assert db.read_bytes() == before
