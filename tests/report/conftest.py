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

import json
from pathlib import Path

import pytest

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


def submission(learner: str, rows: list[tuple[str, str]], file: str = "") -> dict:
    """One graded submission entry of results.json."""
    questions = [
        {
            "id": f"q{n}",
            "answer": answer,
            "points": points,
            "max_points": top,
            "outcome": "right",
            "reason": "",
        }
        for n, ((answer, points), top) in enumerate(zip(rows, MAXIMA, strict=True), start=1)
    ]
    return {
        "learner": learner,
        "file": file or f"{learner}/toy.ipynb",
        "sha256": learner * 4,
        "quiz": "toy",
        "quiz_version": "v1",
        "status": "graded",
        "total": "0",
        "max_points": "4",
        "percent": 0,
        "questions": questions,
        "problems": [],
    }


def results_document(rows: dict[str, list[tuple[str, str]]]) -> dict:
    """A results.json with these learners, plus one not-graded file."""
    submissions = [submission(learner, answers) for learner, answers in rows.items()]
    submissions.append(
        {
            "learner": "eve",
            "file": "eve.ipynb",
            "sha256": None,
            "quiz": None,
            "quiz_version": None,
            "status": "not_graded",
            "total": None,
            "max_points": None,
            "percent": None,
            "questions": [],
            "problems": [],
        }
    )
    questions = [
        {"id": "q1", "type": "single", "points": "1", "section": "sec-one", "objectives": ["o1"]},
        {
            "id": "q2",
            "type": "true_false",
            "points": "1",
            "section": "sec-two",
            "objectives": ["o1", "o2"],
        },
        {
            "id": "q3",
            "type": "multiple",
            "points": "2",
            "section": "sec-three",
            "objectives": ["o2"],
        },
    ]
    return {
        "schema_version": 1,
        "grader": "test",
        "quizzes": {
            "toy": {
                "title": "A <toy> quiz",
                "version": "v1",
                "max_points": "4",
                "questions": questions,
            }
        },
        "submissions": submissions,
    }


def write_cohort(root: Path, rows: dict[str, list[tuple[str, str]]]) -> tuple[Path, Path]:
    """Write OUT/results.json and quizzes/toy.yml under ``root``; return (out, quizzes)."""
    out, quizzes = root / "out", root / "quizzes"
    out.mkdir()
    quizzes.mkdir()
    (out / "results.json").write_text(json.dumps(results_document(rows)), encoding="utf-8")
    (quizzes / "toy.yml").write_text(QUIZ_YAML, encoding="utf-8")
    return out, quizzes


@pytest.fixture
def cohort(tmp_path: Path) -> tuple[Path, Path]:
    document_rows = dict(ROWS)
    out, quizzes = write_cohort(tmp_path, document_rows)
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    worse = submission("ben", [('"B"', "0"), ("False", "0"), ("[]", "0")], "ben/again.ipynb")
    document["submissions"].insert(1, worse)
    (out / "results.json").write_text(json.dumps(document), encoding="utf-8")
    return out, quizzes


@pytest.fixture
def make_cohort(tmp_path: Path):
    """Write a cohort whose learners copy the rows of the named hand-made learners."""

    def make(copies: dict[str, str]) -> tuple[Path, Path]:
        return write_cohort(tmp_path, {learner: ROWS[model] for learner, model in copies.items()})

    return make
