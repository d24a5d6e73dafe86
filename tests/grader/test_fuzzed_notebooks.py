"""Hypothesis damages real learner notebooks every way a file can be damaged, and the whole
per-file path (read, identify, grade, render) gives a row for each without raising.

The barrier per submission exists for bugs; this test is how we look for them: no damaged
file may need it (no ``internal_error``), and none may raise.
"""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grading.grade_outputs.feedback_markdown import feedback_markdown
from grading.grade_outputs.gradebook_csv import gradebook_line
from grading.grader.grade_file import Grader
from grading.grader.submission import SubmissionFile
from grading.quiz.loading import find_quiz, load_quizzes
from grading.results.model import ProblemKind
from grading.results.write_json import submission_line
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook

QUIZZES = load_quizzes(QUIZ_DIR)
GRADER = Grader(QUIZZES, max_bytes=200_000)
PRISTINE: dict[str, Any] = json.loads(
    json.dumps(filled_notebook(find_quiz(QUIZ_DIR, "caio-responsibilities"), RIGHT_ANSWERS))
)

HUGE = "<an integer of 5,000 digits>"
"""Stands for a number no Python int converts from text by default (written in raw JSON)."""
DEEP = "<arrays nested thousands deep>"
ODD_TEXT = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["\u202e", "\x1b[2J", "\ufeff", "`", "\ud800", "e\u0301"]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([10**400, 2**64, -1, HUGE])
    | st.floats()
    | ODD_TEXT
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(ODD_TEXT, children, max_size=4)
    ),
    max_leaves=12,
)
NBFORMATS = st.sampled_from([1, 2, 3, 4, 5, 0, -1, 4.0, "4", True, None, [4], {"v": 4}])
ANSWER_TEXTS = (
    st.sampled_from(
        [
            'q1 = "a"',
            '    q1 = "A"',
            '>>> q1 = "A"',
            "In [1]: q1 = 'A'",
            "q4 = 1" + "0" * 400,
            "q4 = 0x" + "f" * 3000,
            "q1 = B",
            "q1 = (",
            "q3 = 'True'",
            "q1 = " + "[" * 200,
        ]
    )
    | ODD_TEXT
)


def paths(document: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside ``document``."""
    found = [prefix]
    if isinstance(document, dict):
        for key, value in document.items():
            found += paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += paths(value, (*prefix, index))
    return found


def set_at(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return document


def delete_at(document: Any, path: tuple) -> Any:
    if not path:
        return document
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return document


@st.composite
def damaged_documents(draw: st.DrawFn) -> Any:
    document = copy.deepcopy(PRISTINE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        action = draw(st.sampled_from(["replace", "delete", "nbformat", "cells", "source", "nest"]))
        if action in ("replace", "delete"):
            path = draw(st.sampled_from(paths(document)))
            if action == "replace":
                document = set_at(document, path, draw(JSON_VALUES))
            else:
                document = delete_at(document, path)
        elif isinstance(document, dict) and action == "nbformat":
            document["nbformat"] = draw(NBFORMATS)
        elif isinstance(document, dict) and action == "cells":
            document["cells"] = draw(JSON_VALUES)
        elif isinstance(document, dict) and action == "source":
            cells = document.get("cells")
            if isinstance(cells, list) and cells:
                cell = draw(st.sampled_from(cells))
                if isinstance(cell, dict):
                    cell["source"] = draw(ANSWER_TEXTS)
        elif isinstance(document, dict) and action == "nest":
            document["metadata"] = {"deep": DEEP}
    return document


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    text = json.dumps(draw(damaged_documents()), ensure_ascii=draw(st.booleans()))
    text = text.replace(json.dumps(HUGE), "-1" + "0" * 5000)
    depth = draw(st.integers(min_value=100, max_value=3000))
    text = text.replace(json.dumps(DEEP), "[" * depth + "]" * depth)
    data = text.encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from(["none", "truncate", "bom", "bytes"]))
    if damage == "truncate":
        data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
    elif damage == "bom":
        data = b"\xef\xbb\xbf" + data
    elif damage == "bytes":
        position = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:position] + draw(st.binary(max_size=8)) + data[position:]
    return data


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(damaged_files())
def test_every_damaged_notebook_is_one_row_and_raises_nothing(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "caio-responsibilities.ipynb"
        path.write_bytes(data)
        submission = SubmissionFile("learner", path, "learner/x.ipynb", ("caio-responsibilities",))
        result = GRADER.grade(submission)
    assert ProblemKind.internal_error not in {problem.kind for problem in result.problems}
    quiz = QUIZZES.get(result.quiz or "")
    feedback_markdown(result, quiz)
    gradebook_line(result, quiz)
    json.loads(submission_line(result))
