"""What the kernel runs and the check cell accepts, the grader reads as the same value."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from IPython.core.inputtransformer2 import TransformerManager
from typer.testing import CliRunner

from grading.cli import app
from grading.grader.answers import parse_source
from grading.grader.ipython_input import as_ipython_parses
from grading.quiz.answer_format import forgiven, format_problem
from grading.quiz.checks import content_problems
from grading.quiz.loading import find_quiz
from grading.quiz.public import answer_spec
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook

KERNEL = TransformerManager()


def kernel_value(source: str, name: str) -> object:
    """What the learner's kernel holds after running ``source`` (test-generated text only)."""
    namespace: dict[str, object] = {}
    exec(compile(KERNEL.transform_cell(source), "<cell>", "exec"), namespace)  # noqa: S102
    return namespace[name]


def grader_value(source: str, name: str) -> object:
    syntax = parse_source(source)
    assert syntax.error is None, syntax.error
    readable, value = syntax.assignments[name].literal
    assert readable
    return value


def case_variants(label: str) -> st.SearchStrategy[str]:
    return st.sampled_from([label, label.lower(), label.upper(), f" {label.lower()} "])


def answers_for(spec: dict) -> st.SearchStrategy[object]:
    """Values of every shape the check cell accepts for ``spec`` (after forgiveness)."""
    kind = spec["type"]
    labels = spec.get("labels", [])
    if kind == "single":
        return st.sampled_from(labels).flatmap(case_variants)
    if kind == "multiple":
        return st.lists(st.sampled_from(labels), unique=True, min_size=1).map(list)
    if kind == "order":
        return st.permutations(labels).map(list)
    if kind == "true_false":
        return st.booleans() | st.sampled_from(["True", "false", " TRUE ", "False"])
    if kind == "numeric":
        big = st.integers(min_value=-(10**400), max_value=10**400)
        return big | st.floats(allow_nan=False, allow_infinity=False)
    if kind == "text":
        return st.text(min_size=1).filter(str.strip)
    if kind == "match":
        responses = spec["responses"]
        return st.fixed_dictionaries({label: st.sampled_from(responses) for label in labels})
    raise AssertionError(kind)


DECORATIONS = st.sampled_from(
    ["{}", "    {}", "\t{}", "\n\n  {}\n", ">>> {}", "  >>> {}", "In [3]: {}", "In [12]: {}\n"]
)


ASSIGNMENTS = st.sampled_from(
    [
        "NAME = VALUE",
        "NAME: object = VALUE",
        "NAME, spare = VALUE, 0",
        "spare, NAME = (0, VALUE)",
        "[NAME] = [VALUE]",
        "NAME = spare = VALUE",
    ]
)
"""Ways of assigning that the kernel runs and the check cell then sees as the answer."""


@st.composite
def typed_answers(draw: st.DrawFn) -> tuple[str, dict, str]:
    quiz = find_quiz(QUIZ_DIR, "caio-responsibilities")
    question = draw(st.sampled_from(quiz.questions))
    spec = answer_spec(question)
    value = draw(answers_for(spec))
    assignment = draw(ASSIGNMENTS).replace("NAME", question.id).replace("VALUE", repr(value))
    source = draw(DECORATIONS).replace("{}", assignment)
    return question.id, spec, source


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed_answers())
def test_every_answer_the_check_cell_accepts_is_read_alike(case: tuple[str, dict, str]) -> None:
    name, spec, source = case
    in_kernel = kernel_value(source, name)
    accepted, _ = forgiven(spec, in_kernel)
    assert format_problem(spec, accepted) is None  # the check cell says "well formed"
    by_grader = grader_value(source, name)
    assert type(by_grader) is type(in_kernel)
    assert by_grader == in_kernel
    assert forgiven(spec, by_grader) == forgiven(spec, in_kernel)


@pytest.mark.parametrize(
    "source",
    [
        '    q1 = "C"',
        '>>> q1 = "C"',
        'In [3]: q1 = "C"',
        '\n\n   q1 = "C"\n',
        '>>> x = 1\n... q1 = "C"',
        'In [3]: q1 = (\n   ...:  "C")',
        'q1 = "C"',
        'x = """\n>>> q1 = "D"\n"""\nq1 = "C"',
    ],
)
def test_prompts_and_indentation_are_stripped_as_ipython_does(source: str) -> None:
    expected = ast.dump(ast.parse(KERNEL.transform_cell(source)))
    assert ast.dump(ast.parse(as_ipython_parses(source))) == expected
    assert grader_value(source, "q1") == kernel_value(source, "q1") == "C"


def test_huge_numbers_are_an_answer_not_a_crash() -> None:
    spec = {"type": "numeric"}
    assert format_problem(spec, 10**400) is None
    assert format_problem(spec, int("f" * 4000, 16)) is None
    assert format_problem({"type": "single", "labels": ["A"]}, int("f" * 4000, 16)) == (
        "write one label in quotes, such as 'A'"
    )
    assert "too long to show" in format_problem(
        {"type": "multiple", "labels": ["A"]}, [int("f" * 4000, 16)]
    )


def test_caio_check_requires_labels_distinct_without_case(tmp_path: Path) -> None:
    quiz = find_quiz(QUIZ_DIR, "caio-responsibilities")
    question = quiz.questions[0]
    clashing = type(question)(**{**vars(question), "choices": {"A": "one", "a": "two"}})
    problems = content_problems(
        type(quiz)(**{**vars(quiz), "questions": [clashing]}), tmp_path / "q.yml"
    )
    assert any("differ only in case" in problem.message for problem in problems)


def grade_one(tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "out"
    arguments = ["grade", str(tmp_path / "submissions"), "-o", str(out)]
    result = CliRunner().invoke(app, [*arguments, "--quizzes", str(QUIZ_DIR)])
    assert result.exit_code == 0, result.output
    with (out / "gradebook.csv").open(encoding="utf-8") as stream:
        (row,) = csv.DictReader(stream)
    row["feedback"] = (out / "feedback" / "caio-responsibilities" / "learner.md").read_text()
    return row


def test_indented_and_pasted_answers_get_their_points(
    tmp_path: Path, write_submission, responsibilities
) -> None:
    notebook = filled_notebook(responsibilities, RIGHT_ANSWERS)
    pasted = {"q1": '    q1 = "A"', "q8": 'In [3]: q8 = "B"', "q4": ">>> q4 = 5"}
    for cell in notebook.cells:
        question = cell.metadata.get("quiz", {}).get("question")
        if cell.cell_type == "code" and question in pasted:
            cell.source = pasted[question]
    write_submission("learner/caio-responsibilities.ipynb", notebook=notebook)
    row = grade_one(tmp_path)
    assert row["total"] == "14"
    assert "not valid Python" not in row["problems"]


def test_wrong_case_label_and_true_as_text_are_forgiven_with_a_note(
    tmp_path: Path, write_submission
) -> None:
    answers = {**RIGHT_ANSWERS, "q1": '"a"', "q3": '"True"', "q2": '["a", "B", "c"]'}
    write_submission("learner/caio-responsibilities.ipynb", answers)
    row = grade_one(tmp_path)
    assert row["total"] == "14"
    assert row["status"] == "graded"
    assert "'a' read as 'A': labels are read without case" in row["problems"]
    assert "'True' is text; read as True" in row["feedback"]
    assert "labels are read without case" in row["feedback"]
