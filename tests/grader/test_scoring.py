"""Scoring each question type exactly, and properties that hold for any answer."""

from __future__ import annotations

import unicodedata
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grading.grader.scoring import normalise_text, score_answer
from grading.quiz.answer_format import format_problem
from grading.quiz.model import Quiz
from grading.quiz.public import answer_spec
from grading.results.model import sum_exact

QUIZ = Quiz.model_validate(
    {
        "id": "all-types",
        "title": "All types",
        "mode": "graded",
        "questions": [
            {
                "id": "single",
                "type": "single",
                "prompt": "p",
                "explanation": "e",
                "choices": {"A": "a", "B": "b", "C": "c"},
                "answer": "B",
            },
            {
                "id": "rmw",
                "type": "multiple",
                "points": 3,
                "scoring": "right_minus_wrong",
                "prompt": "p",
                "explanation": "e",
                "choices": {"A": "a", "B": "b", "C": "c", "D": "d"},
                "answer": ["A", "B", "C"],
            },
            {
                "id": "aon",
                "type": "multiple",
                "prompt": "p",
                "explanation": "e",
                "choices": {"A": "a", "B": "b", "C": "c"},
                "answer": ["A", "C"],
            },
            {"id": "tf", "type": "true_false", "prompt": "p", "explanation": "e", "answer": False},
            {
                "id": "num",
                "type": "numeric",
                "prompt": "p",
                "explanation": "e",
                "answer": 2.5,
                "tolerance": 0.1,
            },
            {
                "id": "text",
                "type": "text",
                "prompt": "p",
                "explanation": "e",
                "answer": ["Giám đốc AI", "Müller"],
            },
            {
                "id": "loose",
                "type": "text",
                "prompt": "p",
                "explanation": "e",
                "answer": ["Giám đốc"],
                "ignore_accents": True,
            },
            {
                "id": "order",
                "type": "order",
                "points": 4,
                "scoring": "per_position",
                "prompt": "p",
                "explanation": "e",
                "items": {"A": "a", "B": "b", "C": "c", "D": "d"},
                "answer": ["C", "A", "D", "B"],
            },
            {
                "id": "match",
                "type": "match",
                "points": 3,
                "prompt": "p",
                "explanation": "e",
                "premises": {"1": "x", "2": "y", "3": "z"},
                "responses": {"A": "a", "B": "b", "C": "c"},
                "answer": {"1": "C", "2": "A", "3": "B"},
            },
        ],
    }
)
Q = {question.id: question for question in QUIZ.questions}


@pytest.mark.parametrize(
    ("question", "answer", "points"),
    [
        ("single", "B", 1),
        ("single", "A", 0),
        ("rmw", ["A", "B", "C"], 3),
        ("rmw", ["A", "B"], 2),
        ("rmw", ["A", "B", "D"], 1),
        ("rmw", ["A", "D"], 0),
        ("rmw", ["D"], 0),
        ("aon", ["C", "A"], 1),
        ("aon", ["A"], 0),
        ("tf", False, 1),
        ("tf", True, 0),
        ("num", 2.6, 1),
        ("num", 2.4, 1),
        ("num", 2.61, 0),
        ("num", 3, 0),
        ("order", ["C", "A", "D", "B"], 4),
        ("order", ["C", "A", "B", "D"], 2),
        ("order", ["A", "B", "C", "D"], 0),
        ("match", {"1": "C", "2": "A", "3": "B"}, 3),
        ("match", {"1": "C", "2": "B", "3": "A"}, 1),
        ("match", {"1": "C"}, 1),
    ],
)
def test_points_per_type(question: str, answer: object, points: int) -> None:
    assert score_answer(Q[question], answer).points == points


def test_partial_credit_is_exact() -> None:
    question = Q["match"].model_copy(update={"points": 1})
    score = score_answer(question, {"1": "C", "2": "B", "3": "A"})
    assert score.points == Fraction(1, 3)
    assert score.reason.text() == "1 of 3 pairs right"


@pytest.mark.parametrize(
    "typed",
    [
        "giám đốc ai",
        unicodedata.normalize("NFD", "Giám đốc AI"),
        "  GIÁM   ĐỐC  AI ",
        "MÜLLER",
        unicodedata.normalize("NFD", "Müller"),
    ],
)
def test_text_matches_whatever_the_unicode_form_case_or_spacing(typed: str) -> None:
    assert score_answer(Q["text"], typed).points == 1


def test_text_without_accents_counts_only_when_the_quiz_allows_it() -> None:
    assert score_answer(Q["text"], "Giam doc AI").points == 0
    assert score_answer(Q["loose"], "giam đoc").points == 1
    assert normalise_text("Giám  Đốc", ignore_accents=True) == "giam đoc"


labels = st.sampled_from(["A", "B", "C", "D"])


@given(st.lists(labels, unique=True))
def test_multiple_points_stay_in_range_and_ignore_order(chosen: list[str]) -> None:
    for question in (Q["rmw"], Q["aon"]):
        if format_problem(answer_spec(question), chosen) is not None:
            continue
        forward = score_answer(question, chosen).points
        backward = score_answer(question, list(reversed(chosen))).points
        assert forward == backward
        assert 0 <= forward <= Fraction(str(question.points))


@given(st.permutations(["A", "B", "C", "D"]))
def test_order_points_stay_in_range(order: list[str]) -> None:
    points = score_answer(Q["order"], order).points
    assert 0 <= points <= 4


@given(st.dictionaries(st.sampled_from(["1", "2", "3"]), st.sampled_from(["A", "B", "C"])))
def test_match_points_stay_in_range(pairs: dict[str, str]) -> None:
    assert 0 <= score_answer(Q["match"], pairs).points <= 3


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers())
def test_numeric_points_are_all_or_nothing(value: float) -> None:
    assert score_answer(Q["num"], value).points in (0, 1)


@pytest.mark.parametrize(
    ("question", "answer", "message"),
    [
        ("single", "E", "'E' is not one of the labels"),
        ("single", 1, "write one label in quotes"),
        ("rmw", "A", "write a list of labels"),
        ("order", ["A", "B"], "put all 4 labels in order"),
        ("tf", "True", "write True or False"),
        ("num", "2.5", "write a number"),
        ("match", {"1": "Z"}, "'Z' is not one of the right-hand labels"),
    ],
)
def test_malformed_answers_are_explained(question: str, answer: object, message: str) -> None:
    assert message in (format_problem(answer_spec(Q[question]), answer) or "")


@given(st.lists(st.fractions(min_value=0, max_value=100, max_denominator=60), max_size=20))
def test_totals_are_exact_sums(values: list[Fraction]) -> None:
    assert sum_exact(values) == sum(values, Fraction(0))
