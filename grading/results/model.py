"""Grading results as data: what each submission scored, and every problem met on the way.

Rendering (CSV, JSON, Markdown, HTML) is a separate step; nothing here formats for a reader
except :meth:`Problem.__str__`, which is the one wording every output shares.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from functools import cached_property

SCHEMA_VERSION = 1
"""The layout of results.json (``results.schema.json``), written and read by this package."""


def sum_exact(values: Iterable[Fraction]) -> Fraction:
    """Sum fractions over their common denominator: one normalisation instead of one per add."""
    items = list(values)
    if not items:
        return Fraction(0)
    denominator = math.lcm(*(value.denominator for value in items))
    numerator = sum(value.numerator * (denominator // value.denominator) for value in items)
    return Fraction(numerator, denominator)


class Severity(str, Enum):
    """How much a problem matters to the instructor."""

    note = "note"
    """Worth telling, nothing to act on (an unanswered question)."""
    warning = "warning"
    """Graded, but look at it (a duplicated answer cell, an edited prompt, another version)."""
    error = "error"
    """The submission, or one of its answers, could not be read; no score stands for it."""


class ProblemKind(str, Enum):
    """Every kind of problem the grader reports; the value is the stable name in results.json."""

    unreadable_file = "unreadable_file"
    """The file could not be opened or is not UTF-8 text (a binary, for instance)."""
    too_large = "too_large"
    """The file is larger than the size limit; it was not read."""
    outside_folder = "outside_folder"
    """A symbolic link that points outside the submissions folder; it was not followed."""
    not_json = "not_json"
    """The file is not JSON, often because it was truncated while being uploaded."""
    not_a_notebook = "not_a_notebook"
    """JSON, but not a Jupyter notebook."""
    old_nbformat = "old_nbformat"
    """An nbformat 1, 2 or 3 notebook, converted to nbformat 4 before grading."""
    invalid_notebook = "invalid_notebook"
    """Not valid nbformat 4; answers were still read where the cells allowed it."""
    unknown_quiz = "unknown_quiz"
    """The notebook belongs to a quiz that is not among the instructor's quizzes."""
    quiz_not_identified = "quiz_not_identified"
    """Neither metadata nor the file name says which quiz this is."""
    quiz_from_file_name = "quiz_from_file_name"
    """Notebook metadata was lost; the quiz was taken from the file or folder name."""
    quiz_from_cells = "quiz_from_cells"
    """Notebook metadata was lost (a jupytext round trip drops it); the answer cells' metadata
    said which quiz this is."""
    quiz_mismatch = "quiz_mismatch"
    """The file or folder name names another quiz than the notebook's metadata."""
    version_mismatch = "version_mismatch"
    """The notebook was made from another version of the quiz; graded with today's key."""
    answer_missing = "answer_missing"
    """No cell assigns this question's variable."""
    answer_found_by_name = "answer_found_by_name"
    """The answer cell's metadata was lost; the answer was found by its variable name."""
    answer_duplicated = "answer_duplicated"
    """Several cells assign the variable; the last one counts, as if the notebook were run."""
    cells_reordered = "cells_reordered"
    """Answer cells are not in question order; each was matched by its question id."""
    answer_unreadable = "answer_unreadable"
    """The answer is not a plain literal (``q1 = B``, ``q1 = f()``) or not valid Python."""
    answer_malformed = "answer_malformed"
    """A literal of the wrong form (a number where a label was asked, an unknown label)."""
    unanswered = "unanswered"
    """The placeholder is still there."""
    extra_code_ignored = "extra_code_ignored"
    """The answer cell holds other code too; it was ignored, as all code is: nothing is run."""
    prompt_edited = "prompt_edited"
    """A question's text was changed in the notebook; it was graded against the real quiz."""
    duplicate_submission = "duplicate_submission"
    """The learner handed in more than one notebook for this quiz; each is graded."""
    forgiven = "forgiven"
    """Something a human marker would overlook was overlooked: a label in the wrong case,
    ``"True"`` as text for a true/false question, a byte-order mark at the start of the file."""
    hidden_file = "hidden_file"
    """The notebook or its learner folder is hidden (its name starts with a dot); graded."""
    unknown_language = "unknown_language"
    """The notebook names an edition this course has no translation of; graded in English."""
    internal_error = "internal_error"
    """The grader itself failed on this file (a bug to report); the message names the
    exception and ``OUT/errors.log`` holds the traceback. The rest of the batch was graded."""

    @property
    def severity(self) -> Severity:
        return _SEVERITY.get(self, Severity.warning)


_SEVERITY = {
    ProblemKind.unreadable_file: Severity.error,
    ProblemKind.too_large: Severity.error,
    ProblemKind.outside_folder: Severity.error,
    ProblemKind.not_json: Severity.error,
    ProblemKind.not_a_notebook: Severity.error,
    ProblemKind.unknown_quiz: Severity.error,
    ProblemKind.quiz_not_identified: Severity.error,
    ProblemKind.answer_unreadable: Severity.error,
    ProblemKind.internal_error: Severity.error,
    ProblemKind.forgiven: Severity.note,
    ProblemKind.unanswered: Severity.note,
    ProblemKind.extra_code_ignored: Severity.note,
    ProblemKind.cells_reordered: Severity.note,
}


@dataclass(frozen=True)
class Problem:
    """One problem, about the whole submission or about one question."""

    kind: ProblemKind
    message: str
    question: str | None = None

    @property
    def severity(self) -> Severity:
        return self.kind.severity

    def __str__(self) -> str:
        return f"{self.question}: {self.message}" if self.question else self.message


class Outcome(str, Enum):
    """What became of one question."""

    right = "right"
    partly_right = "partly_right"
    wrong = "wrong"
    unanswered = "unanswered"
    unreadable = "unreadable"
    """The answer could not be read as a value of the right form; scored 0, see problems."""


@dataclass(frozen=True, eq=False)
class QuestionResult:
    """The learner's answer to one question and the points it earned.

    Compared and hashed by identity: the grader hands out one shared result for every equal
    answer to a question, and the reports cache what they render of each result.
    """

    question: str
    answer: str | None
    """The answer as the learner wrote it (source text of the value), or None if absent."""
    points: Fraction
    max_points: Fraction
    outcome: Outcome
    reason: str
    """One line a learner can follow: "2 of 3 pairs right", "not a literal value" …"""


class Status(str, Enum):
    """What became of one submission; ``not_graded`` rows carry no score at all."""

    graded = "graded"
    graded_with_problems = "graded_with_problems"
    not_graded = "not_graded"


@dataclass(frozen=True)
class SubmissionResult:
    """Everything known about one submitted file."""

    learner: str
    path: str
    """Path relative to the submissions folder, with forward slashes."""
    sha256: str | None
    quiz: str | None
    quiz_version: str | None
    """The version the notebook says it was made from (may differ from the quiz's)."""
    questions: tuple[QuestionResult, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    late: bool = False
    """The LMS marked the submission late (Canvas downloads say so in the file name)."""
    lang: str = "en"
    """The edition of the quiz the learner answered (``en``, ``de``, ``vi``); feedback is
    written in it. Points never depend on it: every edition has the English key."""

    @cached_property
    def status(self) -> Status:
        if not self.questions:
            return Status.not_graded
        if any(problem.severity is not Severity.note for problem in self.problems):
            return Status.graded_with_problems
        return Status.graded

    @cached_property
    def total(self) -> Fraction | None:
        if not self.questions:
            return None
        return sum_exact(result.points for result in self.questions)

    @cached_property
    def max_points(self) -> Fraction | None:
        if not self.questions:
            return None
        return sum_exact(result.max_points for result in self.questions)

    @cached_property
    def percent(self) -> Fraction | None:
        total, maximum = self.total, self.max_points
        if total is None or not maximum:
            return None
        return total * 100 / maximum

    @property
    def clean(self) -> bool:
        """True when nothing needs the instructor's eye (notes alone are fine)."""
        return self.status is Status.graded
