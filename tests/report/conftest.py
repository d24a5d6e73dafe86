"""A hand-made cohort: four learners, three questions, written as results.json + quiz YAML.

Points per learner (q1 single 1 pt, q2 true_false 1 pt, q3 multiple 2 pts):

    ann  1 0 2  total 3
    ben  1 0 1  total 2
    cat  1 1 0  total 2
    dan  0 1 0  total 1

ben also handed in a worse second file (ignored: the best attempt counts) and eve's file could
not be graded (ignored: no score).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from grading.quiz.loading import load_quizzes
from grading.quiz.model import Quiz
from grading.quiz.public import quiz_version
from grading.results.model import Outcome, QuestionResult, SubmissionResult
from grading.results.write_json import submission_line, write_document

QUIZ_YAML = """\
id: toy
title: A <toy> quiz
mode: graded
questions:
  - id: q1
    type: single
    prompt: Pick A.
    choices: {A: Right, B: Wrong, C: Never chosen}
    answer: A
    explanation: A.
    section: sec-one
    objectives: [o1]
  - id: q2
    type: true_false
    prompt: True?
    answer: true
    explanation: True.
    section: sec-two
    objectives: [o1, o2]
  - id: q3
    type: multiple
    points: 2
    scoring: right_minus_wrong
    prompt: Pick A and B.
    choices: {A: a, B: b, C: c, D: d}
    answer: [A, B]
    explanation: A and B.
    section: sec-three
    objectives: [o2]
"""

ROWS = {
    "ann": [('"A"', "1"), ("False", "0"), ('["A", "B"]', "2")],
    "ben": [('"A"', "1"), ("False", "0"), ('["A"]', "1")],
    "cat": [('"A"', "1"), ("True", "1"), ('["C"]', "0")],
    "dan": [('"B"', "0"), ("True", "1"), ("[]", "0")],
}
MAXIMA = ["1", "1", "2"]


def submission(
    quiz: Quiz, learner: str, rows: list[tuple[str, str]], file: str = ""
) -> SubmissionResult:
    """One graded submission of the toy quiz, built with the results model."""
    questions = tuple(
        QuestionResult(f"q{n}", answer, Fraction(points), Fraction(top), Outcome.right, "")
        for n, ((answer, points), top) in enumerate(zip(rows, MAXIMA, strict=True), start=1)
    )
    return SubmissionResult(
        learner=learner,
        path=file or f"{learner}/toy.ipynb",
        sha256=hashlib.sha256((file or learner).encode()).hexdigest(),
        quiz="toy",
        quiz_version=quiz_version(quiz),
        questions=questions,
    )


def write_cohort(
    root: Path,
    rows: dict[str, list[tuple[str, str]]],
    extra: tuple[str, ...] = (),
    languages: dict[str, str] | None = None,
) -> tuple[Path, Path]:
    """Write quizzes/toy.yml and OUT/results.json (these learners, the ``extra`` learners'
    worse second files, and eve's file that could not be graded) under ``root``."""
    out, quizzes = root / "out", root / "quizzes"
    out.mkdir()
    quizzes.mkdir()
    (quizzes / "toy.yml").write_text(QUIZ_YAML, encoding="utf-8")
    toy = load_quizzes(quizzes)["toy"]
    results = [submission(toy, learner, answers) for learner, answers in rows.items()]
    for learner in extra:
        worse = [('"B"', "0"), ("False", "0"), ("[]", "0")]
        results.insert(1, submission(toy, learner, worse, f"{learner}/again.ipynb"))
    results = [
        replace(result, lang=(languages or {}).get(result.learner, "en")) for result in results
    ]
    results.append(SubmissionResult("eve", "eve.ipynb", None, None, None))
    with (out / "results.json").open("w", encoding="utf-8") as stream:
        lines = (submission_line(result) for result in results)
        write_document(stream, lines, {"toy": toy}, {"toy"})
    return out, quizzes


@pytest.fixture
def cohort(tmp_path: Path) -> tuple[Path, Path]:
    return write_cohort(tmp_path, dict(ROWS), extra=("ben",))


@pytest.fixture
def make_cohort(tmp_path: Path):
    """Write a cohort whose learners copy the rows of the named hand-made learners."""

    def make(copies: dict[str, str]) -> tuple[Path, Path]:
        return write_cohort(tmp_path, {learner: ROWS[model] for learner, model in copies.items()})

    return make
