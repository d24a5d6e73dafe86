"""Real processes: killing or terminating a run leaves no worker behind; two runs never collide.

Each test starts ``caio grade`` as its own process on a cohort large enough for worker
processes, acts on it while it runs, and looks at the process table with psutil.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.conftest import QUIZ_DIR, REPO
from tests.faults import snapshot

SAMPLES = REPO / "samples" / "submissions"
LEARNERS = 1500


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cohort")
    notebook = next((SAMPLES / "amara-okafor").glob("*.ipynb"))
    for number in range(LEARNERS):
        learner = folder / f"learner-{number:04d}"
        learner.mkdir()
        shutil.copy(notebook, learner / notebook.name)
    return folder


def caio_grade(submissions: Path, out: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "grading", "grade", str(submissions), "-o", str(out)]
    return [*command, "--quizzes", str(QUIZ_DIR), *extra]


def start_grading(submissions: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        caio_grade(submissions, out, "--jobs", "2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def workers_of(process: subprocess.Popen[str], count: int = 2) -> list[psutil.Process]:
    """The run's worker processes, once ``count`` of them are up."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        children = psutil.Process(process.pid).children(recursive=True)
        if len(children) >= count:
            return children
        assert process.poll() is None, "the run ended before its workers were seen"
        time.sleep(0.05)
    raise AssertionError("no worker processes appeared")


def assert_all_gone(processes: list[psutil.Process]) -> None:
    _, alive = psutil.wait_procs(processes, timeout=15)
    assert alive == [], f"workers outlived the run: {alive}"


@pytest.fixture
def previous_out(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    subprocess.run(caio_grade(SAMPLES, out), check=False, capture_output=True)
    assert (out / "results.json").is_file()
    return out


def test_no_worker_survives_sigkill_of_the_run(cohort: Path, previous_out: Path) -> None:
    before = snapshot(previous_out)
    run = start_grading(cohort, previous_out)
    workers = workers_of(run)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert_all_gone(workers)
    assert snapshot(previous_out) == before


def test_sigterm_stops_the_run_like_ctrl_c(cohort: Path, previous_out: Path) -> None:
    before = snapshot(previous_out)
    run = start_grading(cohort, previous_out)
    workers = workers_of(run)
    run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode != 0
    assert "Traceback" not in stderr
    assert_all_gone(workers)
    assert snapshot(previous_out) == before
    leftovers = [path.name for path in previous_out.parent.iterdir() if path.name.startswith(".")]
    assert leftovers == []


def test_a_second_run_into_the_same_out_is_refused(cohort: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = start_grading(cohort, out)
    workers_of(first)  # the first run holds the lock from before its workers start
    first.send_signal(signal.SIGSTOP)  # keep it mid-run, whatever the machine's speed
    try:
        second = subprocess.run(
            caio_grade(SAMPLES, out),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        first.send_signal(signal.SIGCONT)
    assert second.returncode == 2
    assert f"another caio grade run is writing to {out}" in second.stderr
    first.communicate(timeout=300)
    assert first.returncode == 0
    assert (out / "gradebook.csv").read_text(encoding="utf-8").count("\n") == LEARNERS + 1
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []
