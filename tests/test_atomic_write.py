"""Every file a command writes is the old one or the whole new one: disk full, immutable folder.

Each command first writes its file once; then the fault is made real (a 2 MB tmpfs filled
up, or ``chattr +i`` on the folder) and the command runs again: exit 2, one line naming the
path and the cause, the earlier bytes unchanged, no temporary file left.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from grading.atomic_write import OutputWriteError, write_all_atomically
from grading.cli import app
from tests.conftest import QUIZ_DIR, REPO
from tests.faults import fill, immutable, small_disk, snapshot

QUIZ = "caio-responsibilities"


def run(*arguments: str) -> Result:
    return CliRunner().invoke(app, [str(argument) for argument in arguments])


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The samples graded once (OUT) and recorded in a gradebook (DB)."""
    folder = tmp_path_factory.mktemp("graded")
    out, db = folder / "out", folder / "g.sqlite"
    run("grade", REPO / "samples" / "submissions", "-o", out, "--quizzes", QUIZ_DIR)
    assert run("record", out, "--db", db).exit_code == 0
    return out, db


def writers(graded: tuple[Path, Path]) -> dict[str, Callable[[Path], list[object]]]:
    db = graded[1]
    return {
        "gradebook": lambda folder: ["gradebook", "--db", db, "-o", folder / "course.csv"],
        "export-grades": lambda folder: [
            "export-grades",
            "--db",
            db,
            "-o",
            folder / "canvas.csv",
            "--quizzes",
            QUIZ_DIR,
        ],
        "export-qti": lambda folder: [
            "export-qti",
            QUIZ,
            "-o",
            folder / "quiz.zip",
            "-q",
            QUIZ_DIR,
        ],
        "export-gift": lambda folder: [
            "export-gift",
            QUIZ,
            "-o",
            folder / "quiz.gift",
            "-q",
            QUIZ_DIR,
        ],
    }


COMMANDS = ["gradebook", "export-grades", "export-qti", "export-gift"]


def rewritable(folder: Path, arguments: list[object]) -> None:
    """Write the file once, so that there is a previous file to keep."""
    assert run(*arguments).exit_code == 0
    target = Path(str(arguments[arguments.index("-o") + 1]))
    assert target.stat().st_size > 0


def assert_refused(result: Result, folder: Path, before: dict[str, bytes], cause: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    assert cause in lines[0]
    assert str(folder) in lines[0]
    assert snapshot(folder) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_leaves_the_previous_file_whole(
    command: str, graded: tuple[Path, Path], tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        arguments = writers(graded)[command](disk)
        rewritable(disk, arguments)
        before = snapshot(disk)
        fill(disk)
        assert_refused(run(*arguments), disk, before, "No space left on device")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_immutable_folder_leaves_the_previous_file_whole(
    command: str, graded: tuple[Path, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    arguments = writers(graded)[command](folder)
    rewritable(folder, arguments)
    before = snapshot(folder)
    with immutable(folder):
        assert_refused(run(*arguments), folder, before, "Operation not permitted")


def test_report_and_objective_pages_change_together_or_not_at_all(
    graded: tuple[Path, Path], tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        out = disk / "out"
        shutil.copytree(graded[0], out)
        assert run("report", out, "--quizzes", QUIZ_DIR).exit_code == 0
        (out / "report.html").write_text("an earlier report", encoding="utf-8")
        before = snapshot(out)
        fill(disk, leave=20_000)  # room for some pages, not for all of them
        result = run("report", out, "--quizzes", QUIZ_DIR)
        assert_refused(result, out, before, "No space left on device")


def test_a_write_that_fails_midway_renames_nothing(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "locked" / "b.txt"
    first.write_text("old a", encoding="utf-8")
    second.parent.mkdir()
    second.write_text("old b", encoding="utf-8")
    with immutable(second.parent), pytest.raises(OutputWriteError, match="not permitted"):
        write_all_atomically({first: b"new a", second: b"new b"})
    assert first.read_text() == "old a"
    assert second.read_text() == "old b"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.txt", "locked"]


def test_written_files_respect_the_umask(graded: tuple[Path, Path], tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        assert run("notebooks", "-o", tmp_path / "nb", "-q", QUIZ_DIR).exit_code == 0
        assert run(*writers(graded)["gradebook"](tmp_path)).exit_code == 0
    finally:
        os.umask(previous)
    notebooks = [path for path in tmp_path.joinpath("nb").rglob("*") if path.is_file()]
    assert {path.parent.name for path in notebooks} == {"nb", "de", "vi"}
    for path in [*notebooks, tmp_path / "course.csv"]:
        assert path.stat().st_mode & 0o777 == 0o644, path
