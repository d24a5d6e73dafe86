"""Scoring one answer against the instructor's key, exactly, with rational arithmetic.

Points are :class:`fractions.Fraction` from the decimal text of the YAML value, so 1/3 + 1/3 +
1/3 is 1 and a total never drifts by a rounding error; rendering decides how to round.
:func:`score_value` is the one chain from a value to its result (unanswered, then malformed,
then scored) shared by grading and regrading, so the two can never disagree.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from grading.messages import SOURCE_LANGUAGE, message
from grading.quiz.answer_format import forgiven, format_problem, is_unanswered
from grading.quiz.model import (
    MatchQuestion,
    MultipleQuestion,
    MultipleScoring,
    NumericQuestion,
    OrderQuestion,
    OrderScoring,
    Question,
    SingleQuestion,
    TextQuestion,
    TrueFalseQuestion,
    exact_fraction,
)
from grading.quiz.public import answer_spec
from grading.quiz.translations import answer_format_words
from grading.results.model import Outcome, ProblemKind

ZERO = Fraction(0)


class Reason(NamedTuple):
    """Why an answer earned its points, as a message key and its counts, so that each edition
    words it in its own language (``reason.*`` in ``grading/messages/<lang>/scoring.yml``,
    which the practice quizzes' scoring.js says too)."""

    key: str
    counts: tuple[tuple[str, int], ...] = ()

    def text(self, lang: str = SOURCE_LANGUAGE) -> str:
        return message(lang, f"reason.{self.key}", **dict(self.counts))


RIGHT = Reason("right")
WRONG = Reason("wrong")


@dataclass(frozen=True)
class Score:
    """Points earned on one question and a one-line reason a learner can follow."""

    points: Fraction
    max_points: Fraction
    reason: Reason

    @property
    def correct(self) -> bool:
        return self.points == self.max_points


class ScoredValue(NamedTuple):
    """What one answer value earned, and the problem to report with it, if any."""

    points: Fraction
    max_points: Fraction
    outcome: Outcome
    reason: str
    """In the language asked for: the learner's feedback says it."""
    problem: ProblemKind | None
    """``unanswered`` for a placeholder, ``answer_malformed`` for a value of the wrong form."""


def score_value(
    question: Question,
    value: object,
    spec: dict[str, Any] | None = None,
    lang: str = SOURCE_LANGUAGE,
) -> ScoredValue:
    """Score a literal the learner wrote: a placeholder is unanswered, a value of the wrong
    form (an unknown label, a number for a label) scores 0 with the reason, anything else is
    scored against the key. ``spec`` is :func:`answer_spec` of the question, when at hand;
    the reason is worded in ``lang``, as the learner's notebook check words it."""
    maximum = exact_fraction(question.points)
    if is_unanswered(value):
        reason = Reason("not_answered").text(lang)
        return ScoredValue(ZERO, maximum, Outcome.unanswered, reason, ProblemKind.unanswered)
    spec = spec or answer_spec(question)
    words = answer_format_words(lang)
    value, note = forgiven(spec, value, words)
    form = format_problem(spec, value, words)
    if form is not None:
        return ScoredValue(ZERO, maximum, Outcome.unreadable, form, ProblemKind.answer_malformed)
    score = score_answer(question, value)
    if score.points == maximum:
        outcome = Outcome.right
    elif score.points == 0:
        outcome = Outcome.wrong
    else:
        outcome = Outcome.partly_right
    reason = score.reason.text(lang)
    if note is not None:  # read as a human marker would; said in the feedback
        reason = message(lang, "reason.with_note", reason=reason, note=note)
        return ScoredValue(score.points, maximum, outcome, reason, ProblemKind.forgiven)
    return ScoredValue(score.points, maximum, outcome, reason, None)


def score_answer(question: Question, answer: object) -> Score:
    """Score a well-formed answer; the result is always within ``[0, question.points]``."""
    maximum = exact_fraction(question.points)
    if isinstance(question, SingleQuestion):
        right = isinstance(answer, str) and answer.strip() == question.answer
        return _all_or_nothing(maximum, right)
    if isinstance(question, TrueFalseQuestion):
        return _all_or_nothing(maximum, answer is question.answer)
    if isinstance(question, NumericQuestion):
        right = _within_tolerance(answer, question.answer, question.tolerance)
        return _all_or_nothing(maximum, right)
    if isinstance(question, TextQuestion):
        given = normalise_text(str(answer), ignore_accents=question.ignore_accents)
        accepted = _accepted_texts(tuple(question.answer), question.ignore_accents)
        return _all_or_nothing(maximum, given in accepted)
    if isinstance(question, MultipleQuestion):
        return _score_multiple(question, maximum, answer)
    if isinstance(question, OrderQuestion):
        return _score_order(question, maximum, answer)
    if isinstance(question, MatchQuestion):
        return _score_match(question, maximum, answer)
    raise TypeError(f"no scoring rule for {type(question).__name__}")


def normalise_text(text: str, *, ignore_accents: bool = False) -> str:
    """Fold case, spacing and Unicode form, so "Giám đốc" typed any way compares equal.

    NFKC makes precomposed and combining-accent spellings one; with ``ignore_accents`` the
    combining marks are dropped as well (é → e; đ is a letter of its own and stays).
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    if ignore_accents:
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
        folded = unicodedata.normalize("NFKC", folded)
    return " ".join(folded.split())


@lru_cache(maxsize=1024)
def _accepted_texts(answers: tuple[str, ...], ignore_accents: bool) -> frozenset[str]:
    return frozenset(normalise_text(text, ignore_accents=ignore_accents) for text in answers)


def _all_or_nothing(maximum: Fraction, right: bool) -> Score:
    return Score(maximum if right else ZERO, maximum, RIGHT if right else WRONG)


def _within_tolerance(answer: object, key: float, tolerance: float) -> bool:
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return False
    given = Fraction(str(answer)) if isinstance(answer, float) else Fraction(answer)
    difference = abs(given - exact_fraction(key))
    return difference <= exact_fraction(tolerance)


def _score_multiple(question: MultipleQuestion, maximum: Fraction, answer: object) -> Score:
    chosen = set(answer) if isinstance(answer, (list, tuple)) else set()
    key = set(question.answer)
    if question.scoring is MultipleScoring.all_or_nothing:
        return _all_or_nothing(maximum, chosen == key)
    right = len(chosen & key)
    wrong = len(chosen - key)
    share = Fraction(max(right - wrong, 0), len(key))
    reason = Reason("multiple", (("right", right), ("wrong", wrong), ("total", len(key))))
    return Score(maximum * share, maximum, reason)


def _score_order(question: OrderQuestion, maximum: Fraction, answer: object) -> Score:
    given = list(answer) if isinstance(answer, (list, tuple)) else []
    if question.scoring is OrderScoring.all_or_nothing:
        return _all_or_nothing(maximum, given == question.answer)
    in_place = sum(1 for mine, key in zip(given, question.answer, strict=False) if mine == key)
    total = len(question.answer)
    share = Fraction(in_place, total)
    reason = Reason("order", (("in_place", in_place), ("total", total)))
    return Score(maximum * share, maximum, reason)


def _score_match(question: MatchQuestion, maximum: Fraction, answer: object) -> Score:
    given = answer if isinstance(answer, dict) else {}
    right = sum(
        1 for premise, response in question.answer.items() if given.get(premise) == response
    )
    total = len(question.answer)
    reason = Reason("match", (("right", right), ("total", total)))
    return Score(maximum * Fraction(right, total), maximum, reason)
