"""Per-question statistics of one quiz for a cohort, with flags for questions that look broken.

One attempt per learner counts: a learner who handed in two notebooks would otherwise weigh
twice. The attempt with the highest total is taken (the first one on a tie). A flag is a
message key with its values, not a sentence: the report says it in the language asked for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from grading.quiz.model import MultipleQuestion, Quiz, SingleQuestion, TrueFalseQuestion
from grading.report.statistics import (
    Reliability,
    difficulty,
    item_rest_correlation,
    reliability,
    upper_lower_index,
)
from grading.results.answer_value import answer_value
from grading.results.read_json import Attempt, GradedResults, QuizInfo

TOO_EASY = 0.95
TOO_HARD = 0.05


@dataclass(frozen=True)
class OptionCount:
    """How many learners chose one option of a choice question."""

    label: str
    text: str
    chosen: int
    correct: bool


@dataclass(frozen=True)
class Flag:
    """Why a question looks broken: a key of the report's message catalog and its values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemStatistics:
    """The statistics of one question; a None value means undefined for this cohort."""

    question: str
    type: str
    max_points: float
    mean_points: float
    difficulty: float | None
    """Proportion correct: mean points / max points."""
    item_rest: float | None
    """Corrected item-total (point-biserial) correlation: item against total minus item."""
    upper_lower: float | None
    """Upper-lower 27 % discrimination index."""
    options: tuple[OptionCount, ...]
    """Choice questions only, when the quiz file is available; empty otherwise."""
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class QuizAnalysis:
    """Item analysis of one quiz."""

    quiz: QuizInfo
    learners: tuple[str, ...]
    totals: tuple[float, ...]
    items: tuple[ItemStatistics, ...]
    reliability: Reliability
    key_available: bool
    """False when the quiz file was not found: option counts are then left out."""


def cohort_attempts(results: GradedResults, quiz_id: str) -> list[Attempt]:
    """One attempt per learner for this quiz (the best), sorted by learner id."""
    best: dict[str, Attempt] = {}
    for attempt in results.attempts:
        if attempt.quiz != quiz_id:
            continue
        kept = best.get(attempt.learner)
        if kept is None or attempt.total > kept.total:
            best[attempt.learner] = attempt
    return [best[learner] for learner in sorted(best)]


def analyse_quiz(results: GradedResults, quiz_id: str, quiz: Quiz | None) -> QuizAnalysis:
    """Statistics of every question of ``quiz_id``; ``quiz`` (the YAML) adds option counts."""
    info = results.quizzes[quiz_id]
    attempts = cohort_attempts(results, quiz_id)
    matrix = [[float(a.points.get(q.id, 0)) for q in info.questions] for a in attempts]
    totals = [sum(row) for row in matrix]
    items = []
    for column, question in enumerate(info.questions):
        scores = [row[column] for row in matrix]
        maximum = float(question.points)
        model = _model_question(quiz, question.id)
        options = _option_counts(model, [a.answers.get(question.id) for a in attempts])
        p = difficulty(scores, maximum)
        r = item_rest_correlation(scores, totals)
        items.append(
            ItemStatistics(
                question=question.id,
                type=question.type,
                max_points=maximum,
                mean_points=sum(scores) / len(scores) if scores else 0.0,
                difficulty=p,
                item_rest=r,
                upper_lower=upper_lower_index(scores, totals, maximum),
                options=options,
                flags=_flags(p, r, options),
            )
        )
    return QuizAnalysis(
        quiz=info,
        learners=tuple(a.learner for a in attempts),
        totals=tuple(totals),
        items=tuple(items),
        reliability=reliability(matrix, [float(q.points) for q in info.questions]),
        key_available=quiz is not None,
    )


def _model_question(quiz: Quiz | None, question_id: str) -> object:
    if quiz is None:
        return None
    try:
        return quiz.question(question_id)
    except KeyError:
        return None


def _option_counts(question: object, answers: list[str | None]) -> tuple[OptionCount, ...]:
    if isinstance(question, TrueFalseQuestion):
        values = Counter(value for value in map(answer_value, answers) if isinstance(value, bool))
        return tuple(
            OptionCount(str(value), str(value), values[value], value is question.answer)
            for value in (True, False)
        )
    if not isinstance(question, (SingleQuestion, MultipleQuestion)):
        return ()
    counts: Counter[str] = Counter()
    for value in map(answer_value, answers):
        if isinstance(value, str):
            counts[value.strip()] += 1
        elif isinstance(value, (list, tuple, set)):
            counts.update({item for item in value if isinstance(item, str)})
    key = {question.answer} if isinstance(question, SingleQuestion) else set(question.answer)
    return tuple(
        OptionCount(label, text, counts[label], label in key)
        for label, text in question.choices.items()
    )


def _flags(p: float | None, r: float | None, options: tuple[OptionCount, ...]) -> tuple[Flag, ...]:
    flags = []
    if r is not None and r < 0:
        flags.append(Flag("report.flag.negative_discrimination"))
    if p is not None and p > TOO_EASY:
        flags.append(Flag("report.flag.too_easy", {"threshold": TOO_EASY}))
    if p is not None and p < TOO_HARD:
        flags.append(Flag("report.flag.too_hard", {"threshold": TOO_HARD}))
    flags += [
        Flag("report.flag.unchosen_distractor", {"label": option.label})
        for option in options
        if not option.correct and option.chosen == 0
    ]
    return tuple(flags)
