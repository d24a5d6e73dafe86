"""Grade N synthetic submissions of the largest graded quiz, against an honest floor.

The floor is the least any grader must do: in this process, with the files just written
(warm page cache), read each file, parse it with the standard ``json`` module and parse each
answer cell with ``ast``, nothing else. ``caio grade`` then runs as instructors run it (its
own process, every output written), three times; the median is compared with the floor.
It runs with OUT on the disk, each run into a new folder, and with OUT in memory (tmpfs,
/dev/shm), which leaves out the disk's part of writing the outputs. The stages of grading are
then timed one after another in this process, on one core, to show where the time goes:
reading and parsing, grading, rendering, writing the outputs. Last, ``caio grade`` runs three
times more into one OUT, each run replacing the one before (as regrading does: the old OUT is
deleted at the end of each run). Peak memory is measured for each run.

Deleting files can make creating files slow for a while: ext4 without a journal (this
project's VM) skips, one by one, inodes freed in the last minute (up to six while their
inode table is not written back) when it allocates one (``recently_deleted`` in the
kernel's inode allocation, seen with ``perf``). So nothing is deleted before the last line is
printed, the runs start ``--settle`` seconds after a sync, the runs that replace an OUT come
last, and the time to create N empty files on the disk just before the runs is printed with
the rest, so a reader can tell a slow disk from a slow grader.

    python benchmarks/grade_benchmark.py                      # 10,000 submissions, -j2
    python benchmarks/grade_benchmark.py --size 1000 --jobs 1 2 --runs 3 --settle 5
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import psutil

from grading.grade_outputs.feedback_markdown import feedback_markdown
from grading.grade_outputs.gradebook_csv import gradebook_line
from grading.grader.grade_file import Grader
from grading.grading_run.batch import GradeAndRender
from grading.grading_run.discovery import SubmissionsFolder
from grading.notebooks.build import build_learner_notebook
from grading.notebooks.read import read_submission
from grading.quiz.loading import load_quizzes
from grading.quiz.model import Question, Quiz, QuizMode
from grading.results.write_json import submission_line

REPO = Path(__file__).resolve().parents[1]
MEMORY_FOLDER = Path("/dev/shm")


def largest_graded_quiz(quizzes: dict[str, Quiz]) -> Quiz:
    graded = [quiz for quiz in quizzes.values() if quiz.mode is QuizMode.graded]
    return max(graded, key=lambda quiz: (len(quiz.questions), quiz.id))


def random_answer(question: Question, rng: random.Random) -> str:
    """Source text of a plausible answer: right, wrong, partly right or blank."""
    kind = question.type
    labels = list(getattr(question, "choices", None) or getattr(question, "items", None) or [])
    if kind == "single":
        return repr(rng.choice(labels))
    if kind == "multiple":
        return repr(rng.sample(labels, rng.randint(0, min(3, len(labels)))))
    if kind == "true_false":
        return rng.choice(["True", "False", "None"])
    if kind == "numeric":
        return str(rng.choice([question.answer, question.answer + 1, 0]))
    if kind == "text":
        return repr(rng.choice([*question.answer, "something else", ""]))
    if kind == "order":
        return repr(rng.sample(labels, len(labels)))
    responses = list(question.responses)
    return repr({premise: rng.choice(responses) for premise in question.premises})


def make_submissions(folder: Path, quiz: Quiz, count: int) -> None:
    template = build_learner_notebook(quiz)
    questions = {question.id: question for question in quiz.questions}
    rng = random.Random(20261123)
    for number in range(count):
        notebook = template.copy()
        notebook.cells = [cell.copy() for cell in template.cells]
        for cell in notebook.cells:
            question = cell.metadata.get("quiz", {}).get("question")
            if cell.cell_type == "code" and question in questions:
                cell.source = f"{question} = {random_answer(questions[question], rng)}"
        learner = folder / f"learner{number:05}"
        learner.mkdir()
        (learner / f"{quiz.id}.ipynb").write_text(nbformat.writes(notebook), encoding="utf-8")


def floor(paths: list[Path]) -> None:
    """Read, ``json.loads``, ``ast.parse`` each answer cell: the least a grader must do."""
    for path in paths:
        document = json.loads(path.read_bytes())
        for cell in document["cells"]:
            if cell["cell_type"] == "code" and "question" in cell["metadata"].get("quiz", {}):
                ast.parse("".join(cell["source"]))


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def caio_grade(submissions: Path, quiz_dir: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one ``caio grade`` run in its own process.

    Peak memory is the largest sum of PSS over the run and its workers, sampled every 50 ms:
    PSS counts a page shared by n processes as 1/n in each, so what a forked worker shares
    with its parent counts once.
    """
    command = [sys.executable, "-m", "grading", "grade", str(submissions), "-o", str(out)]
    command += ["--quizzes", str(quiz_dir), "--jobs", str(jobs)]
    os.sync()  # the run before it pays for writing back its own outputs
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finished = threading.Event()
    peak = [0]
    sampler = threading.Thread(target=_sample_memory, args=(child.pid, finished, peak))
    sampler.start()
    child.wait()
    seconds = time.perf_counter() - start
    finished.set()
    sampler.join()
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(document["submissions"]) == len(list(submissions.iterdir()))
    return seconds, peak[0] / 1024 / 1024


def _sample_memory(pid: int, finished: threading.Event, peak: list[int]) -> None:
    try:
        tree = psutil.Process(pid)
    except psutil.Error:  # gone already: a run shorter than one sample
        return
    while not finished.wait(0.05):
        try:
            members = [tree, *tree.children(recursive=True)]
            peak[0] = max(peak[0], sum(member.memory_full_info().pss for member in members))
        except psutil.Error:
            pass


def stage_split(submissions: Path, quizzes: dict[str, Quiz], scratch: Path) -> dict[str, float]:
    """Each stage of grading timed on its own, one after another, in this process.

    Each timing uses a fresh :class:`Grader` (no answers remembered from an earlier pass),
    after a warm-up on a few files (the schema validator is built on first use). Grading
    includes reading, so its own part is the difference, shown as 0 when within the noise.
    """
    folder = SubmissionsFolder.at(submissions)
    learners = folder.learners()
    files = [file for learner in learners for file in folder.files_of(learner)]
    for file in files[:50]:
        Grader(quizzes).grade(file)
    read = timed(lambda: [read_submission(file.path) for file in files])
    grader = Grader(quizzes)
    results = []
    graded = timed(lambda: results.extend(grader.grade(file) for file in files))

    def render() -> None:
        for result in results:
            quiz = quizzes.get(result.quiz or "")
            feedback_markdown(result, quiz)
            submission_line(result)
            gradebook_line(result, quiz)

    rendered = timed(render)
    os.sync()
    everything = GradeAndRender(folder, Grader(quizzes), scratch / "feedback")
    whole = timed(lambda: everything(learners))
    return {
        "reading and parsing": read,
        "grading, beyond reading": max(0.0, graded - read),
        "rendering": rendered,
        "writing the outputs": max(0.0, whole - graded - rendered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--settle", type=float, default=65, help="seconds to wait after sync before the runs"
    )
    arguments = parser.parse_args()
    quizzes = load_quizzes(REPO / "quizzes")
    quiz = largest_graded_quiz(quizzes)
    # Every scratch folder is kept until the last line is printed: deleting files makes
    # creating files slower for a minute or more on some disks (see the module docstring).
    with (
        tempfile.TemporaryDirectory() as scratch,
        tempfile.TemporaryDirectory(dir=MEMORY_FOLDER) as memory,
    ):
        root = Path(scratch)
        submissions = root / "submissions"
        submissions.mkdir()
        make_submissions(submissions, quiz, arguments.size)
        os.sync()  # the files stay in the page cache; their write-back is not charged to a step
        time.sleep(arguments.settle)
        paths = sorted(submissions.rglob("*.ipynb"))
        floor_seconds = statistics.median(timed(lambda: floor(paths)) for _ in range(3))
        print(f"{arguments.size} submissions of {quiz.id} ({len(quiz.questions)} questions)")
        print(f"{'step':<34} {'runs (s)':<22} {'median s':>8} {'x floor':>8} {'peak MiB':>9}")
        print(f"{'floor: json + ast, in-process':<34} {'':<22} {floor_seconds:>8.2f} {1:>8.2f}")
        control = timed(lambda: create_empty_files(root / "control", arguments.size))
        for jobs in arguments.jobs:
            for where, base in (("disk", root), ("memory", Path(memory))):
                outs = [base / f"out-j{jobs}-{run}" for run in range(arguments.runs)]
                runs = [caio_grade(submissions, REPO / "quizzes", out, jobs) for out in outs]
                _print_runs(f"caio grade -j{jobs}, OUT on {where}", runs, floor_seconds)
        split = stage_split(submissions, quizzes, root)
        for jobs in arguments.jobs:
            same_out = root / f"regraded-j{jobs}"
            caio_grade(submissions, REPO / "quizzes", same_out, jobs)  # the OUT to replace
            runs = [
                caio_grade(submissions, REPO / "quizzes", same_out, jobs)
                for _ in range(arguments.runs)
            ]
            _print_runs(f"caio grade -j{jobs}, replacing OUT", runs, floor_seconds)
        print("stages, one after another on one core (s):")
        for stage, seconds in split.items():
            print(f"  {stage:<32} {seconds:>8.2f}")
        print(f"this disk, creating {arguments.size:,} empty files (s): {control:.2f}")


def create_empty_files(folder: Path, count: int) -> None:
    """What the disk alone costs: ``count`` new files in one folder, nothing written in them."""
    folder.mkdir()
    for number in range(count):
        os.close(os.open(folder / f"{number:05}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))


def _print_runs(label: str, runs: list[tuple[float, float]], floor_seconds: float) -> None:
    seconds = [run[0] for run in runs]
    median = statistics.median(seconds)
    shown = " ".join(f"{value:.2f}" for value in seconds)
    peak = max(run[1] for run in runs)
    print(f"{label:<34} {shown:<22} {median:>8.2f} {median / floor_seconds:>8.2f} {peak:>9.0f}")


if __name__ == "__main__":
    main()
