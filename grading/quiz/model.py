"""The quiz model: what an instructor writes in ``quizzes/*.yml``.

One pydantic model per question type, joined in a union discriminated by ``type``, so that a
YAML file is validated by the schema library (and the same schema is published as JSON Schema
for editors) instead of by hand-written checks. Cross-field rules that a JSON Schema cannot say
(an answer must be one of the choices) are model validators, reported like any other error.
"""

from __future__ import annotations

import math
from enum import Enum
from fractions import Fraction
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)


@lru_cache(maxsize=1024)
def exact_fraction(value: float) -> Fraction:
    """A YAML number (points, key, tolerance) as an exact fraction: 0.1 stays one tenth."""
    return Fraction(str(value))


Label = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,8}$")]
"""A choice label as the learner types it: ``A``, ``B`` … or ``1``, ``2`` …"""

Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=40)]
"""A question id: it becomes the learner's variable name, so it must be a Python identifier."""

QuizId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
"""A quiz id: lower-case letters, digits and hyphens, because it names files and URLs."""

MarkdownText = Annotated[str, StringConstraints(min_length=1)]


class QuizMode(str, Enum):
    """Whether a quiz is for practice in the book or graded from a submitted notebook."""

    graded = "graded"
    practice = "practice"


class MultipleScoring(str, Enum):
    """How a ``multiple`` question turns a partly right selection into points."""

    all_or_nothing = "all_or_nothing"
    """Full points for exactly the right set of labels, otherwise zero."""
    right_minus_wrong = "right_minus_wrong"
    """Each right label earns ``points / len(answer)``, each wrong one costs as much; never < 0."""


class OrderScoring(str, Enum):
    """How an ``order`` question turns a partly right sequence into points."""

    all_or_nothing = "all_or_nothing"
    """Full points for the exact sequence, otherwise zero."""
    per_position = "per_position"
    """Each item in its right place earns ``points / len(answer)``."""


def _require_known_labels(labels: list[str], defined: dict[str, str] | None, what: str) -> None:
    """Fail unless every label is defined; skip when the definitions are themselves invalid."""
    if defined is None:
        return
    unknown = [label for label in labels if label not in defined]
    if unknown:
        raise ValueError(f"{', '.join(unknown)} is not among the {what} ({', '.join(defined)})")


class QuestionBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    id: Identifier = Field(description="Unique in the quiz; the learner's variable name.")
    points: float = Field(default=1, gt=0, description="Maximum points; must be positive.")
    prompt: MarkdownText = Field(description="The question, in Markdown.")
    explanation: MarkdownText = Field(
        description="Shown in feedback; names the book section to reread."
    )
    section: str | None = Field(
        default=None,
        description="Label of the book section this question tests (a MyST target).",
    )
    objectives: list[str] = Field(
        default_factory=list, description="Learning-objective tags, for mastery reports."
    )


class ChoiceQuestion(QuestionBase):
    choices: dict[Label, MarkdownText] = Field(min_length=2, description="Label → Markdown text.")


class SingleQuestion(ChoiceQuestion):
    """One right label among the choices."""

    type: Literal["single"]
    answer: Label

    @field_validator("answer")
    @classmethod
    def _answer_is_a_choice(cls, answer: str, info: ValidationInfo) -> str:
        _require_known_labels([answer], info.data.get("choices"), "choices")
        return answer


class MultipleQuestion(ChoiceQuestion):
    """A set of right labels, scored by a declared partial-credit policy."""

    type: Literal["multiple"]
    answer: list[Label] = Field(min_length=1)
    scoring: MultipleScoring = MultipleScoring.all_or_nothing

    @field_validator("answer")
    @classmethod
    def _answer_is_a_set_of_choices(cls, answer: list[str], info: ValidationInfo) -> list[str]:
        if len(set(answer)) != len(answer):
            raise ValueError("answer lists a label twice")
        _require_known_labels(answer, info.data.get("choices"), "choices")
        return answer


class TrueFalseQuestion(QuestionBase):
    """A statement the learner marks True or False."""

    type: Literal["true_false"]
    answer: bool


class NumericQuestion(QuestionBase):
    """A number, right when within ``tolerance`` (absolute) of the answer."""

    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(default=0, ge=0, description="Absolute tolerance; not negative.")

    @model_validator(mode="after")
    def _finite(self) -> NumericQuestion:
        if not (math.isfinite(self.answer) and math.isfinite(self.tolerance)):
            raise ValueError("answer and tolerance must be finite numbers")
        return self


class TextQuestion(QuestionBase):
    """Free text compared with accepted answers after normalising case, spacing and Unicode."""

    type: Literal["text"]
    answer: list[MarkdownText] = Field(min_length=1, description="Accepted answers.")
    ignore_accents: bool = Field(
        default=False, description="Also accept answers typed without accents (é → e)."
    )


class OrderQuestion(QuestionBase):
    """Put labelled items in the right order."""

    type: Literal["order"]
    items: dict[Label, MarkdownText] = Field(min_length=2, description="Label → item text.")
    answer: list[Label] = Field(min_length=2, description="Every label, in the right order.")
    scoring: OrderScoring = OrderScoring.all_or_nothing

    @field_validator("answer")
    @classmethod
    def _answer_is_a_permutation(cls, answer: list[str], info: ValidationInfo) -> list[str]:
        items = info.data.get("items")
        if items is not None and sorted(answer) != sorted(items):
            raise ValueError("answer must list every item label exactly once")
        return answer


class MatchQuestion(QuestionBase):
    """Pair each premise with one response; each right pair earns its share of the points."""

    type: Literal["match"]
    premises: dict[Label, MarkdownText] = Field(min_length=2, description="Label → left side.")
    responses: dict[Label, MarkdownText] = Field(min_length=2, description="Label → right side.")
    answer: dict[Label, Label] = Field(description="Premise label → response label.")

    @field_validator("answer")
    @classmethod
    def _answer_pairs_every_premise(
        cls, answer: dict[str, str], info: ValidationInfo
    ) -> dict[str, str]:
        premises = info.data.get("premises")
        if premises is not None and sorted(answer) != sorted(premises):
            raise ValueError("answer must pair every premise label exactly once")
        _require_known_labels(list(answer.values()), info.data.get("responses"), "responses")
        return answer


Question = Annotated[
    SingleQuestion
    | MultipleQuestion
    | TrueFalseQuestion
    | NumericQuestion
    | TextQuestion
    | OrderQuestion
    | MatchQuestion,
    Field(discriminator="type"),
]

QUESTION_TYPES: tuple[str, ...] = (
    "single",
    "multiple",
    "true_false",
    "numeric",
    "text",
    "order",
    "match",
)


class Quiz(BaseModel):
    """A quiz: its identity, its mode and its questions with their answer key."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    id: QuizId = Field(description="Unique; used in file names and notebook metadata.")
    title: MarkdownText
    mode: QuizMode
    chapter: str | None = Field(default=None, description="The book document this quiz is in.")
    intro: str | None = Field(default=None, description="Markdown shown before the questions.")
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _question_ids_unique(self) -> Quiz:
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"question id {question.id!r} is used twice")
            seen.add(question.id)
        return self

    @property
    def max_points(self) -> float:
        return sum(question.points for question in self.questions)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)
