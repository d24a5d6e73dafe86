"""Run-level faults: a bug on one file, a full or read-only or immutable OUT, overlapping folders.

Each costs one row or one clear line (exit 2), never the batch, never a byte of the previous
OUT, and never a staging folder left behind.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from grading.cli import app
from grading.grader import grade_file
from grading.grading_run.run import grade_folder_to
from grading.quiz.loading import load_quizzes
from tests.conftest import QUIZ_DIR, REPO
from tests.faults import fill, immutable, require_root, small_disk, snapshot

SAMPLES = REPO / "samples" / "submissions"


def grade(submissions: Path, out: Path, *extra: str) -> Result:
    arguments = ["grade", str(submissions), "-o", str(out), "--quizzes", str(QUIZ_DIR), *extra]
    return CliRunner().invoke(app, arguments)


def cohort(folder: Path, learners: int) -> Path:
    """``learners`` copies of one sample learner, each in their own folder."""
    notebook = next((SAMPLES / "amara-okafor").glob("*.ipynb"))
    for number in range(learners):
        learner = folder / f"learner-{number:04d}"
        learner.mkdir(parents=True)
        shutil.copy(notebook, learner / notebook.name)
    return folder


def assert_clean_failure(result: Result, parent: Path, before: dict[str, bytes], cause: str):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert cause in errors[0]
    assert snapshot(parent / "out") == before
    leftovers = [path.name for path in parent.iterdir() if path.name.startswith(".out.")]
    assert leftovers == []


@pytest.fixture
def failing_on_one_learner(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug nobody foresaw, hit by one file only: identification raises for learner 0007."""
    real = grade_file.identify_quiz

    def identify(notebook, name_hints, quizzes):
        if any("0007" in hint for hint in name_hints) or notebook.quiz_id == "boom":
            raise RuntimeError("an unforeseen bug")
        return real(notebook, name_hints, quizzes)

    monkeypatch.setattr(grade_file, "identify_quiz", identify)


@pytest.mark.usefixtures("failing_on_one_learner")
@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_on_one_file_costs_that_row_only(tmp_path: Path, jobs: int) -> None:
    submissions = cohort(tmp_path / "subs", 220)  # enough for worker processes with --jobs 2
    (submissions / "learner-0007" / "caio-responsibilities.ipynb").rename(
        submissions / "learner-0007" / "0007.ipynb"
    )
    out = tmp_path / "out"
    summary = grade_folder_to(submissions, out, load_quizzes(QUIZ_DIR), jobs=jobs)
    assert summary.submissions == 220
    with (out / "gradebook.csv").open(encoding="utf-8") as stream:
        rows = {row["learner"]: row for row in csv.DictReader(stream)}
    broken = rows.pop("learner-0007")
    assert broken["status"] == "not_graded"
    assert broken["total"] == ""
    assert "RuntimeError: an unforeseen bug" in broken["problems"]
    assert {row["status"] for row in rows.values()} <= {"graded", "graded_with_problems"}
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    kinds = [
        problem["kind"]
        for entry in results["submissions"]
        if entry["learner"] == "learner-0007"
        for problem in entry["problems"]
    ]
    assert kinds == ["internal_error"]
    log = (out / "errors.log").read_text(encoding="utf-8")
    assert log.startswith("learner-0007/0007.ipynb:\nTraceback")
    assert "RuntimeError: an unforeseen bug" in log


BUGGY_CAIO = """
import sys
from grading.cli import main
from grading.grader import grade_file

def identify(notebook, name_hints, quizzes):
    raise RuntimeError("an unforeseen bug \x1b]0;owned\x07")

grade_file.identify_quiz = identify
sys.argv = ["caio", *sys.argv[1:]]
main()
"""


def test_the_terminal_shows_the_row_not_a_traceback_and_exit_1(tmp_path: Path) -> None:
    submissions = cohort(tmp_path / "subs", 3)
    arguments = ["grade", submissions, "-o", tmp_path / "out", "-q", QUIZ_DIR, "--jobs", "1"]
    run = subprocess.run(
        [sys.executable, "-c", BUGGY_CAIO, *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "\x1b" not in run.stderr  # the exception's escape sequence is shown, not sent
    assert "learner-0001/caio-responsibilities.ipynb: not_graded: the grader failed" in run.stderr
    log = (tmp_path / "out" / "errors.log").read_text(encoding="utf-8")
    assert "RuntimeError: an unforeseen bug" in log
    assert "\x1b" not in log


def test_clean_runs_write_no_errors_log(tmp_path: Path) -> None:
    grade(SAMPLES, tmp_path / "out")
    assert not (tmp_path / "out" / "errors.log").exists()


def test_submissions_inside_out_are_never_deleted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert grade(SAMPLES, out).exit_code == 1
    shutil.copytree(SAMPLES, out / "subs")
    before = snapshot(out)
    result = grade(out / "subs", out)
    assert result.exit_code == 2
    assert "is inside the output folder" in result.stderr
    assert snapshot(out) == before


def test_a_full_disk_leaves_out_as_it_was(tmp_path: Path) -> None:
    submissions = cohort(tmp_path / "subs", 150)
    with small_disk(tmp_path / "disk") as disk:
        assert grade(SAMPLES, disk / "out").exit_code == 1
        before = snapshot(disk / "out")
        fill(disk, leave=60_000)
        result = grade(submissions, disk / "out", "--jobs", "1")
        assert_clean_failure(result, disk, before, "No space left on device")


def test_a_read_only_file_system_leaves_out_as_it_was(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        assert grade(SAMPLES, disk / "out").exit_code == 1
        before = snapshot(disk / "out")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = grade(SAMPLES, disk / "out")
        assert_clean_failure(result, disk, before, "Read-only file system")


@pytest.mark.parametrize("which", ["out", "parent"])
def test_an_immutable_out_or_parent_leaves_out_as_it_was(tmp_path: Path, which: str) -> None:
    require_root("an immutable-folder test")
    parent = tmp_path / "parent"
    assert grade(SAMPLES, parent / "out").exit_code == 1
    before = snapshot(parent / "out")
    with immutable(parent / "out" if which == "out" else parent):
        result = grade(SAMPLES, parent / "out")
    assert_clean_failure(result, parent, before, "Operation not permitted")
