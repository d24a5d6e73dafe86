"""Grade N synthetic submissions and print throughput, wall time and peak memory.

Beside the grader it times the raw floor of the same files: reading the bytes, parsing the
JSON (with orjson, as the grader does) and parsing each answer cell with ``ast``, nothing
else. Each measurement runs in its own process so that peak memory belongs to that
step alone.

    python benchmarks/grade_benchmark.py                 # 10,000 submissions, 15 questions
    python benchmarks/grade_benchmark.py --sizes 1000 10000 --jobs 1 2
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import orjson
import psutil

from grading.notebooks.build import build_learner_notebook
from grading.quiz.loading import load_quiz

QUESTIONS = 15
LABELS = ["A", "B", "C", "D"]


def synthetic_quiz_yaml() -> str:
    """A graded quiz of 15 questions mixing every type."""
    lines = ["id: bench", "title: Benchmark quiz", "mode: graded", "questions:"]
    kinds = ["single", "multiple", "true_false", "numeric", "text", "order", "match"]
    for number in range(1, QUESTIONS + 1):
        kind = kinds[(number - 1) % len(kinds)]
        lines += [
            f"  - id: q{number}",
            f"    type: {kind}",
            "    points: 2",
            f"    prompt: Question {number}?",
            "    explanation: Reread section 1.",
        ]
        if kind in ("single", "multiple"):
            lines.append("    choices: {A: a, B: b, C: c, D: d}")
            lines.append("    answer: B" if kind == "single" else "    answer: [A, C]")
            if kind == "multiple":
                lines.append("    scoring: right_minus_wrong")
        elif kind == "true_false":
            lines.append("    answer: true")
        elif kind == "numeric":
            lines += ["    answer: 5", "    tolerance: 0.5"]
        elif kind == "text":
            lines.append("    answer: [responsible AI]")
        elif kind == "order":
            lines += [
                "    items: {A: a, B: b, C: c, D: d}",
                "    answer: [C, A, D, B]",
                "    scoring: per_position",
            ]
        else:
            lines += [
                '    premises: {"1": x, "2": y, "3": z}',
                "    responses: {A: a, B: b, C: c}",
                '    answer: {"1": C, "2": A, "3": B}',
            ]
    return "\n".join(lines) + "\n"


def random_answer(kind: str, rng: random.Random) -> str:
    if kind == "single":
        return repr(rng.choice(LABELS))
    if kind == "multiple":
        return repr(rng.sample(LABELS, rng.randint(0, 3)))
    if kind == "true_false":
        return rng.choice(["True", "False", "None"])
    if kind == "numeric":
        return str(rng.choice([4, 5, 5.4, 6]))
    if kind == "text":
        return repr(rng.choice(["Responsible AI", "responsible  ai", "ethics", ""]))
    if kind == "order":
        return repr(rng.sample(LABELS, 4))
    return repr({"1": rng.choice("ABC"), "2": rng.choice("ABC"), "3": rng.choice("ABC")})


def make_submissions(folder: Path, quiz_dir: Path, count: int) -> None:
    quiz = load_quiz(quiz_dir / "bench.yml")
    template = build_learner_notebook(quiz)
    kinds = {question.id: question.type for question in quiz.questions}
    rng = random.Random(20261122)
    for number in range(count):
        notebook = template.copy()
        notebook.cells = [cell.copy() for cell in template.cells]
        for cell in notebook.cells:
            question = cell.metadata.get("quiz", {}).get("question")
            if cell.cell_type == "code" and question in kinds:
                cell.source = f"{question} = {random_answer(kinds[question], rng)}"
        learner = folder / f"learner{number:05}"
        learner.mkdir()
        (learner / "bench.ipynb").write_text(nbformat.writes(notebook), encoding="utf-8")


def floor(folder: Path) -> None:
    """The raw floor: read, parse JSON, parse the answer cells. Run in a child process."""
    for path in sorted(folder.rglob("*.ipynb")):
        document = orjson.loads(path.read_bytes())
        for cell in document["cells"]:
            if "question" in cell["metadata"].get("quiz", {}) and cell["cell_type"] == "code":
                ast.parse("".join(cell["source"]))


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB): the largest sum of PSS over the process and its
    workers, sampled every 50 ms by a thread, while the main thread waits for the exit.

    PSS (proportional set size) counts a page shared by n processes as 1/n in each, so
    pages a forked worker shares with its parent count once; a sum of RSS counts them in
    every process.

    Dirty pages are flushed first: otherwise a step pays for writing back what the steps
    before it wrote (200 MB of generated submissions, the previous run's outputs).
    """
    os.sync()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each step, each printed")
    arguments = parser.parse_args()
    print(f"{'N':>7} {'step':<18} {'wall s':>8} {'subs/s':>9} {'peak MiB':>9} {'x floor':>8}")
    # One scratch folder, deleted only after the last step: on ext4 mounted with `discard`
    # (as on this project's VM), creating folders stays several times slower for a while
    # after a large tree was deleted, and every grading run creates one folder per learner.
    with tempfile.TemporaryDirectory() as scratch:
        for size in arguments.sizes:
            root = Path(scratch) / f"n{size}"
            quiz_dir = root / "quizzes"
            quiz_dir.mkdir(parents=True)
            (quiz_dir / "bench.yml").write_text(synthetic_quiz_yaml(), encoding="utf-8")
            submissions = root / "submissions"
            submissions.mkdir()
            make_submissions(submissions, quiz_dir, size)
            for run in range(arguments.repeat):
                floor_seconds = _floor_step(size, submissions)
                for jobs in arguments.jobs:
                    out = root / f"out-j{jobs}-{run}"
                    _grade_step(size, submissions, quiz_dir, out, jobs, floor_seconds)


def _floor_step(size: int, submissions: Path) -> float:
    floor_code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "import grade_benchmark as b; from pathlib import Path; "
        f"b.floor(Path({str(submissions)!r}))"
    )
    seconds, peak = measure([sys.executable, "-c", floor_code])
    print(
        f"{size:>7} {'floor (read+parse)':<18} {seconds:>8.2f} "
        f"{size / seconds:>9.0f} {peak:>9.0f} {1:>8.2f}"
    )
    return seconds


def _grade_step(
    size: int, submissions: Path, quiz_dir: Path, out: Path, jobs: int, floor_seconds: float
) -> None:
    command = [sys.executable, "-m", "grading", "grade", str(submissions), "-o", str(out)]
    seconds, peak = measure([*command, "--quizzes", str(quiz_dir), "--jobs", str(jobs)])
    graded = len(json.loads((out / "results.json").read_text())["submissions"])
    assert graded == size, f"graded {graded} of {size}"
    label = f"caio grade -j{jobs}"
    print(
        f"{size:>7} {label:<18} {seconds:>8.2f} {size / seconds:>9.0f} "
        f"{peak:>9.0f} {seconds / floor_seconds:>8.2f}"
    )


if __name__ == "__main__":
    main()
