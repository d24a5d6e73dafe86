"""Run-level faults: a bug on one file, a full or read-only or immutable OUT, overlapping folders.

Each costs one row or one clear line (exit 2), never the batch, never a byte of the previous
OUT, and never a staging folder left behind.
"""

from __future__ import annotations

import csv
import errno
import functools
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner, Result

from grading.cli import app
from grading.grader import grade_file
from grading.grading_run import batch, progress
from grading.grading_run.run import grade_folder_to
from grading.quiz.loading import load_quizzes
from grading.quiz.translations import load_editions
from grading.results.safe_text import safe_file_name
from tests.conftest import QUIZ_DIR, REPO, RIGHT_ANSWERS, filled_notebook
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


def cohort_with_a_buggy_file(folder: Path) -> Path:
    submissions = cohort(folder, 220)  # enough for worker processes with --jobs 2
    (submissions / "learner-0007" / "caio-responsibilities.ipynb").rename(
        submissions / "learner-0007" / "0007.ipynb"
    )
    return submissions


def assert_only_the_buggy_row_is_lost(out: Path) -> None:
    with (out / "gradebook.csv").open(encoding="utf-8") as stream:
        rows = {row["learner"]: row for row in csv.DictReader(stream)}
    assert len(rows) == 220
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


@pytest.mark.usefixtures("failing_on_one_learner")
def test_an_exception_on_one_file_costs_that_row_only(tmp_path: Path) -> None:
    submissions = cohort_with_a_buggy_file(tmp_path / "subs")
    out = tmp_path / "out"
    summary = grade_folder_to(submissions, out, load_quizzes(QUIZ_DIR), jobs=1)
    assert summary.submissions == 220
    assert_only_the_buggy_row_is_lost(out)


BUG_IN_EVERY_PROCESS = """
from grading.grader import grade_file

_real = grade_file.identify_quiz


def _identify(notebook, name_hints, quizzes):
    if any("0007" in hint for hint in name_hints):
        raise RuntimeError("an unforeseen bug")
    return _real(notebook, name_hints, quizzes)


grade_file.identify_quiz = _identify
"""
"""A ``sitecustomize`` module: every Python process started with it on its path, worker
processes of any start method included, has the bug (a patch in the test process reaches
only forked workers)."""

CAIO_WITH_START_METHOD = """
import multiprocessing, sys
multiprocessing.set_start_method(sys.argv[1])
from grading.cli import main
sys.argv = ["caio", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("start_method", ["fork", "forkserver", "spawn"])
def test_an_exception_in_a_worker_costs_that_row_only(tmp_path: Path, start_method: str) -> None:
    submissions = cohort_with_a_buggy_file(tmp_path / "subs")
    bug = tmp_path / "bug"
    bug.mkdir()
    (bug / "sitecustomize.py").write_text(BUG_IN_EVERY_PROCESS, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(bug), str(REPO)])}
    out = tmp_path / "out"
    command = [sys.executable, "-c", CAIO_WITH_START_METHOD, start_method, "grade"]
    command += [str(submissions), "-o", str(out), "-q", str(QUIZ_DIR), "--jobs", "2"]
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=300, env=environment, check=False
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert_only_the_buggy_row_is_lost(out)


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


def rows_of(out: Path) -> dict[str, dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8") as stream:
        return {row["file"]: row for row in csv.DictReader(stream)}


def kinds_of(out: Path) -> dict[str, list[str]]:
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return {
        entry["file"]: [problem["kind"] for problem in entry["problems"]]
        for entry in results["submissions"]
    }


def refuse_listing(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> None:
    """``os.scandir`` fails on ``folders`` as it does on a mode-000 folder for anyone but root
    (root may list it anyway, so the permission cannot be taken away for real here)."""
    real = os.scandir
    refused = {str(folder) for folder in folders}

    def scandir(path=".", /):
        if str(path) in refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_listed_gets_a_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    submissions = cohort(tmp_path / "subs", 3)
    deep = submissions / "learner-0002" / "deep"
    deep.mkdir()
    shutil.copy(submissions / "learner-0002" / "caio-responsibilities.ipynb", deep / "x.ipynb")
    refuse_listing(monkeypatch, submissions / "learner-0001", deep)
    terminal = io.StringIO()
    shown = functools.partial(progress.grading_progress, stream=terminal)
    monkeypatch.setattr("grading.grading_run.run.grading_progress", shown)
    out = tmp_path / "out"
    result = grade(submissions, out, "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    rows = rows_of(out)
    assert set(rows) == {
        "learner-0000/caio-responsibilities.ipynb",
        "learner-0001",
        "learner-0002/caio-responsibilities.ipynb",
        "learner-0002/deep",
    }
    for unlisted in ("learner-0001", "learner-0002/deep"):
        assert rows[unlisted]["status"] == "not_graded"
        assert rows[unlisted]["total"] == ""
        assert "cannot read folder: Permission denied" in rows[unlisted]["problems"]
        assert kinds_of(out)[unlisted] == ["unreadable_file"]
    assert rows["learner-0002/caio-responsibilities.ipynb"]["status"] == "graded"
    for unlisted in ("learner-0001", "learner-0002/deep"):
        line = f"{unlisted}: not_graded: cannot read folder: Permission denied"
        assert line in terminal.getvalue()
    assert "graded 3/3 learners" in terminal.getvalue()


def test_a_submissions_folder_that_cannot_be_listed_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    submissions = cohort(tmp_path / "subs", 1)
    refuse_listing(monkeypatch, submissions)
    result = grade(submissions, tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"error: cannot read the submissions folder {submissions}: Permission denied"
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "name", [".out.staging-7", ".out.previous-7", ".out.staging-7/subs", ".out.previous-7/subs"]
)
@pytest.mark.parametrize("out_exists", [True, False])
def test_submissions_named_like_the_leftovers_of_a_run_are_never_touched(
    tmp_path: Path, name: str, out_exists: bool
) -> None:
    out = tmp_path / "out"
    if out_exists:
        assert grade(SAMPLES, out).exit_code == 1
    submissions = tmp_path / name
    shutil.copytree(SAMPLES, submissions)
    before, out_before = snapshot(tmp_path / name.split("/")[0]), snapshot(out)
    result = grade(submissions, out)
    assert result.exit_code == 2, result.output
    assert "which the next run into" in result.stderr
    assert snapshot(tmp_path / name.split("/")[0]) == before
    assert snapshot(out) == out_before
    assert out.exists() == out_exists


@pytest.fixture
def failing_to_render_one_learner(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in the feedback renderer, hit by one learner only."""
    real = batch.feedback_markdown

    def render(result, *arguments, **options):
        if result.learner == "learner-0001":
            raise RuntimeError("an unforeseen rendering bug")
        return real(result, *arguments, **options)

    monkeypatch.setattr(batch, "feedback_markdown", render)


@pytest.mark.usefixtures("failing_to_render_one_learner")
def test_a_file_whose_feedback_cannot_be_rendered_still_gets_its_row(tmp_path: Path) -> None:
    submissions = cohort(tmp_path / "subs", 3)
    out = tmp_path / "out"
    result = grade(submissions, out, "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    rows = rows_of(out)
    assert set(rows) == {f"learner-000{n}/caio-responsibilities.ipynb" for n in range(3)}
    broken = "learner-0001/caio-responsibilities.ipynb"
    assert rows[broken]["status"] == "not_graded"
    assert "RuntimeError: an unforeseen rendering bug" in rows[broken]["problems"]
    assert kinds_of(out)[broken] == ["internal_error"]
    assert rows["learner-0000/caio-responsibilities.ipynb"]["status"] == "graded"
    log = (out / "errors.log").read_text(encoding="utf-8")
    assert log.startswith(f"{broken}:\nTraceback")
    assert "RuntimeError: an unforeseen rendering bug" in log
    page = (out / "feedback" / "_unidentified" / "learner-0001.md").read_text(encoding="utf-8")
    assert page == batch.FALLBACK_PAGES["en"]
    assert page.startswith("# Feedback\n\nThe grader failed while writing the feedback")


@pytest.mark.usefixtures("failing_to_render_one_learner")
def test_the_page_in_place_of_failed_feedback_is_in_the_learners_language(tmp_path: Path) -> None:
    submissions = cohort(tmp_path / "subs", 3)
    quizzes = load_quizzes(QUIZ_DIR)
    german = load_editions(QUIZ_DIR, quizzes)[("de", "caio-responsibilities")]
    for old in (submissions / "learner-0001").iterdir():
        old.unlink()
    target = submissions / "learner-0001" / "caio-responsibilities.ipynb"
    nbformat.write(filled_notebook(german, RIGHT_ANSWERS, "de"), target)
    out = tmp_path / "out"
    assert grade(submissions, out, "--jobs", "1").exit_code == 1
    page = (out / "feedback" / "_unidentified" / "learner-0001.md").read_text(encoding="utf-8")
    assert page == batch.FALLBACK_PAGES["de"]
    assert page.startswith("# Rückmeldung\n\n")
    assert "errors.log" in page


def test_the_fallback_row_is_written_even_if_the_record_fails_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text no output can hold (what the real serializers reject, here any non-ASCII learner)
    fails the page, the record, and the fallback's first record: the row is made in ASCII."""
    submissions = cohort(tmp_path / "subs", 2)
    (submissions / "learner-0001").rename(submissions / "zoë")
    real = batch.gradebook_line

    def line(result, quiz):
        if not result.learner.isascii():
            raise ValueError("cannot write this learner")
        return real(result, quiz)

    monkeypatch.setattr(batch, "gradebook_line", line)
    out = tmp_path / "out"
    result = grade(submissions, out, "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    rows = rows_of(out)
    assert rows["zo\\xeb/caio-responsibilities.ipynb"]["status"] == "not_graded"
    assert kinds_of(out)["zo\\xeb/caio-responsibilities.ipynb"] == ["internal_error"]
    log = (out / "errors.log").read_text(encoding="utf-8")
    assert log.count("zoë/caio-responsibilities.ipynb:\nTraceback") == 2  # page, then record
    assert (out / "feedback" / "_unidentified" / f"{safe_file_name('zoë')}.md").is_file()


EVIL = "evil\x1b]0;x\x07\x1b[2J"
FAILING_ON_EVIL = """
import sys
from grading.cli import main
from grading.grader import grade_file

real = grade_file.read_submission

def read(path, **options):
    if "evil" in str(path):
        raise RuntimeError(f"cannot read {path}")
    return real(path, **options)

grade_file.read_submission = read
sys.argv = ["caio", *sys.argv[1:]]
main()
"""


def test_escape_sequences_in_file_names_never_reach_the_terminal_or_the_log(
    tmp_path: Path,
) -> None:
    """A learner folder and a flat file named with a title-setting and a screen-clearing
    sequence, whose reading raises (so the names reach the terminal, the rows and the log)."""
    submissions = cohort(tmp_path / "subs", 2)
    (submissions / "learner-0001").rename(submissions / EVIL)
    (submissions / f"{EVIL}__caio-responsibilities.ipynb").write_text("{}", encoding="utf-8")
    out = tmp_path / "out"
    arguments = ["grade", submissions, "-o", out, "-q", QUIZ_DIR, "--jobs", "1"]
    run = subprocess.run(
        [sys.executable, "-c", FAILING_ON_EVIL, *map(str, arguments)],
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    shown = r"evil\x1b]0;x\x07\x1b[2J"
    assert f"{shown}/caio-responsibilities.ipynb: not_graded".encode() in run.stderr
    assert f"{shown}__caio-responsibilities.ipynb: not_graded".encode() in run.stderr
    for control in (b"\x1b", b"\x07"):
        assert control not in run.stdout
        assert control not in run.stderr
    log = (out / "errors.log").read_bytes()
    assert log.count(b"Traceback") == 2
    assert f"{shown}/caio-responsibilities.ipynb:\nTraceback".encode() in log
    assert b"\x1b" not in log
    assert b"\x07" not in log
