"""Worker processes: a worker killed from outside ends the run cleanly, whatever the start method.

The worker is killed for real (SIGKILL from this test), not replaced by a patched function:
a patch in the test process never reaches workers started by ``spawn`` or ``forkserver``.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

from grading.grading_run import run
from grading.quiz.loading import load_quizzes
from tests.conftest import QUIZ_DIR

LEARNERS = 3000
"""Enough that the run is still grading when the workers have started."""


def _cohort(tmp_path: Path, write_submission) -> Path:
    first = write_submission("learner0000/caio-responsibilities.ipynb")
    for number in range(1, LEARNERS):
        folder = tmp_path / "submissions" / f"learner{number:04}"
        folder.mkdir()
        shutil.copyfile(first, folder / first.name)
    return tmp_path / "submissions"


CAIO_WITH_START_METHOD = """
import multiprocessing, sys
multiprocessing.set_start_method(sys.argv[1])
from grading.cli import main
sys.argv = ["caio", *sys.argv[2:]]
main()
"""


def _grade(
    submissions: Path, out: Path, environment: dict[str, str], start_method: str
) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", CAIO_WITH_START_METHOD, start_method]
    command += ["grade", str(submissions), "-o", str(out), "--quizzes", str(QUIZ_DIR)]
    command += ["--jobs", "2"]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment
    )


HELPERS = ("resource_tracker",)
"""Processes multiprocessing starts besides workers and the fork server (whose workers are
its children, so it is never taken for a worker once they exist)."""


def _kill_a_worker(run: subprocess.Popen[str]) -> bool:
    """SIGKILL one worker process of ``run`` (under ``fork`` a child of the run, under
    ``forkserver`` a grandchild) once both workers exist: processes without children that
    are not helpers, and old enough to have replaced their command line (a helper is started
    by fork and exec, and looks like the run for a moment)."""
    parent = psutil.Process(run.pid)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:
        try:
            workers = [
                process
                for process in parent.children(recursive=True)
                if time.time() - process.create_time() > 0.05
                and not process.children()
                and not any(name in " ".join(process.cmdline()) for name in HELPERS)
            ]
        except psutil.NoSuchProcess:
            continue
        if len(workers) >= 2:
            os.kill(workers[0].pid, signal.SIGKILL)
            return True
        time.sleep(0.01)
    return False


@pytest.mark.parametrize("start_method", ["fork", "forkserver", "spawn"])
def test_a_killed_worker_ends_the_run_with_a_clear_error_and_old_results_intact(
    tmp_path: Path, write_submission, start_method: str
) -> None:
    submissions = _cohort(tmp_path, write_submission)
    out = tmp_path / "out"
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    first = _grade(submissions, out, environment, start_method)
    assert first.wait(timeout=300) == 0, first.stdout.read() if first.stdout else ""
    previous = (out / "results.json").read_bytes()

    again = _grade(submissions, out, environment, start_method)
    killed = _kill_a_worker(again)
    output, _ = again.communicate(timeout=300)

    assert killed, "no worker process appeared while the run was going"
    assert again.returncode == 2, output
    assert "worker process stopped abruptly" in output
    assert (out / "results.json").read_bytes() == previous
    assert not list(tmp_path.glob(".out.staging-*"))


def test_an_interrupt_between_batches_stops_the_workers_before_out_is_cleaned_up(
    tmp_path: Path, write_submission, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or SIGTERM) that arrives while the main process is busy with a batch it has
    received, not waiting for the next: the workers must be gone before the staging folder is
    removed, or they go on writing into it and leave a half-removed folder beside OUT."""
    submissions = _cohort(tmp_path, write_submission)

    @contextmanager
    def interrupted_progress(learners: int):
        def on_batch(done: int, problem_lines: list[str]) -> None:
            raise KeyboardInterrupt

        yield on_batch

    monkeypatch.setattr(run, "grading_progress", interrupted_progress)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run.grade_folder_to(submissions, out, load_quizzes(QUIZ_DIR), jobs=2)
    assert multiprocessing.active_children() == []  # (other tests' children, a browser, stay)
    time.sleep(0.5)  # a worker still running would be writing into the staging folder now
    assert sorted(path.name for path in tmp_path.iterdir()) == ["submissions"]
