"""The statistics against values computed by hand for the cohort in conftest.py."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from grading.quiz.loading import load_quiz
from grading.report.item_analysis import TOO_EASY, Flag, analyse_quiz
from grading.report.statistics import (
    item_rest_correlation,
    reliability,
    upper_lower_index,
)
from grading.results.read_json import load_results


@pytest.fixture
def analysis(cohort: tuple[Path, Path]):
    out, quizzes = cohort
    results = load_results(out)
    return analyse_quiz(results, "toy", load_quiz(quizzes / "toy.yml"))


def test_only_graded_and_best_attempt_count(analysis) -> None:
    # eve was not graded, ben's worse second file is ignored
    assert analysis.learners == ("ann", "ben", "cat", "dan")
    assert analysis.totals == (3, 2, 2, 1)


def test_difficulty_is_mean_points_over_maximum(analysis) -> None:
    q1, q2, q3 = analysis.items
    assert q1.difficulty == pytest.approx(0.75)  # (1+1+1+0)/4 / 1
    assert q2.difficulty == pytest.approx(0.5)  # (0+0+1+1)/4 / 1
    assert q3.difficulty == pytest.approx(0.375)  # (2+1+0+0)/4 = 0.75, / 2


def test_discrimination_uses_total_minus_item(analysis) -> None:
    q1, q2, q3 = analysis.items
    # q1: x=[1,1,1,0], rest=[2,1,1,1]; dx=[.25,.25,.25,-.75], dr=[.75,-.25,-.25,-.25]
    # sum dx*dr = .25, sum dx^2 = .75, sum dr^2 = .75 -> r = .25/.75 = 1/3
    assert q1.item_rest == pytest.approx(1 / 3)
    # q2: x=[0,0,1,1], rest=[3,2,1,0]; sum dx*dr = -2, sum dx^2 = 1, sum dr^2 = 5 -> -2/sqrt(5)
    assert q2.item_rest == pytest.approx(-2 / math.sqrt(5))
    # q3: x=[2,1,0,0], rest=[1,1,2,1]; sum dx*dr = -.75, sum dx^2 = 2.75, sum dr^2 = .75
    assert q3.item_rest == pytest.approx(-0.75 / math.sqrt(2.75 * 0.75))


def test_upper_lower_index_compares_top_and_bottom_27_percent(analysis) -> None:
    # n=4 -> groups of round(0.27*4)=1: upper = ann (3), lower = dan (1)
    assert [item.upper_lower for item in analysis.items] == pytest.approx([1.0, -1.0, 1.0])


def test_alpha_when_an_item_has_partial_credit(analysis) -> None:
    # item variances (÷N): q1 .75*.25=.1875, q2 .25, q3 ([2,1,0,0]: 2.75/4) .6875 -> 1.125
    # total variance of [3,2,2,1]: 2/4 = .5; alpha = 3/2 * (1 - 1.125/.5) = -1.875
    assert analysis.reliability.method == "alpha"
    assert analysis.reliability.value == pytest.approx(-1.875)


def test_kr20_when_every_item_is_right_or_wrong() -> None:
    # p = [.75,.5,.25]; sum pq = .1875+.25+.1875 = .625; totals [3,2,1,0] variance 1.25
    # KR-20 = 3/2 * (1 - .625/1.25) = .75
    matrix = [[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0]]
    result = reliability(matrix, [1, 1, 1])
    assert result.method == "kr20"
    assert result.value == pytest.approx(0.75)


def test_kr20_with_a_two_point_item_scored_zero_or_two() -> None:
    # same as above with q3 worth 2: item variances 0.1875, 0.25, 4*.1875 = .75 -> 1.1875
    # totals [4,2,1,0], mean 1.75, variance (5.0625+.0625+.5625+3.0625)/4 = 2.1875
    # KR-20 = 1.5 * (1 - 1.1875/2.1875)
    matrix = [[1, 1, 2], [1, 1, 0], [1, 0, 0], [0, 0, 0]]
    assert reliability(matrix, [1, 1, 2]).value == pytest.approx(1.5 * (1 - 1.1875 / 2.1875))


def test_option_counts_and_unpicked_distractors(analysis) -> None:
    q1, q2, q3 = analysis.items
    assert [(o.label, o.chosen, o.correct) for o in q1.options] == [
        ("A", 3, True),
        ("B", 1, False),
        ("C", 0, False),
    ]
    assert [(o.label, o.chosen) for o in q2.options] == [("True", 2), ("False", 2)]
    assert [(o.label, o.chosen) for o in q3.options] == [("A", 2), ("B", 1), ("C", 1), ("D", 0)]
    assert Flag("report.flag.unchosen_distractor", {"label": "C"}) in q1.flags
    assert Flag("report.flag.unchosen_distractor", {"label": "D"}) in q3.flags


def test_negative_discrimination_is_flagged(analysis) -> None:
    q1, q2, _ = analysis.items
    assert Flag("report.flag.negative_discrimination") in q2.flags
    assert Flag("report.flag.negative_discrimination") not in q1.flags


def test_one_learner_gives_undefined_not_a_crash() -> None:
    assert item_rest_correlation([1], [3]) is None
    assert upper_lower_index([1], [3], 1) is None
    assert reliability([[1, 0, 1]], [1, 1, 1]).value is None


def test_zero_variance_gives_undefined() -> None:
    # everyone has the same total: no correlation and no reliability can be computed
    assert item_rest_correlation([1, 1, 1], [2, 2, 2]) is None
    assert reliability([[1, 1], [1, 1], [1, 1]], [1, 1]).value is None


def test_everyone_right_is_flagged_as_very_easy(make_cohort) -> None:
    out, quizzes = make_cohort({learner: "ann" for learner in ("a", "b", "c")})
    analysis = analyse_quiz(load_results(out), "toy", load_quiz(quizzes / "toy.yml"))
    q1 = analysis.items[0]
    assert q1.difficulty == 1.0
    assert q1.item_rest is None
    assert Flag("report.flag.too_easy", {"threshold": TOO_EASY}) in q1.flags
    assert analysis.reliability.value is None
