"""``quizzes/<quiz>.regrade.yml``: corrections to a quiz's grading, written as data.

    quiz: caio-responsibilities
    corrections:
      - question: q8
        action: accept        # also give full credit for another key
        answers: [C]          # each written like the quiz's ``answer`` field
        reason: Choice C is defensible after the chapter was revised.
      - question: q4
        action: drop          # the question no longer counts: 0 of 0 points
        reason: Ambiguous wording.
      - question: q5
        action: full_points   # everyone gets the question's points
        reason: The key had a typo.
      - question: q2
        action: accept
        answers: [B]
        quiz_versions: [32a718d1c546]   # only attempts made from these versions of the quiz
        reason: The question was rewritten; B was right for the old wording.

A question may have several corrections; those that apply to an attempt (no ``quiz_versions``,
or the attempt's recorded version among them) are combined: drop wins over full points, which
wins over accepted keys. ``quiz_versions`` matters when a question is rewritten: the old key
stays right for attempts at the old wording without becoming right for the new one.

Each accepted answer is checked against the question's model (a label must be a choice), so a
correction cannot silently accept nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from grading.errors import GradingError
from grading.quiz.model import Question, Quiz, QuizId, TextQuestion

REGRADE_SUFFIX = ".regrade.yml"


class RegradeFileError(GradingError):
    """A regrade file is unreadable, invalid, or names a question its quiz does not have."""


class Correction(BaseModel):
    """One correction to one question."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str
    action: Literal["accept", "drop", "full_points"]
    answers: list[Any] = Field(default_factory=list, description="For accept: other keys.")
    reason: str = Field(min_length=1, description="Why; printed with the score changes.")
    quiz_versions: list[str] = Field(
        default_factory=list,
        description="Only attempts made from these quiz versions (as recorded); empty: all.",
    )

    def applies_to(self, quiz_version: str | None) -> bool:
        """Whether this correction changes an attempt made from ``quiz_version``."""
        return not self.quiz_versions or quiz_version in self.quiz_versions

    @model_validator(mode="after")
    def _answers_only_to_accept(self) -> Correction:
        if (self.action == "accept") != bool(self.answers):
            raise ValueError("give answers with action accept, and only with it")
        return self


class RegradeFile(BaseModel):
    """All corrections to one quiz."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quiz: QuizId
    corrections: list[Correction] = Field(min_length=1)


def regrade_files(quiz_dir: Path) -> list[Path]:
    """The regrade files of a quiz folder, in a stable order."""
    return sorted(quiz_dir.glob(f"*{REGRADE_SUFFIX}"))


def load_regrade_file(path: Path) -> RegradeFile:
    """Read and validate one regrade file."""
    try:
        document = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        regrade = RegradeFile.model_validate(document)
    except (OSError, UnicodeDecodeError, YAMLError, ValidationError) as error:
        raise RegradeFileError(f"{path}: {error}") from error
    if path.name != f"{regrade.quiz}{REGRADE_SUFFIX}":
        raise RegradeFileError(f"{path}: quiz {regrade.quiz!r} must match the file name")
    return regrade


def load_regrades(quiz_dir: Path, quizzes: dict[str, Quiz]) -> list[RegradeFile]:
    """Every regrade file of the folder, checked against its quiz before anything changes."""
    regrades = []
    for path in regrade_files(quiz_dir):
        regrade = load_regrade_file(path)
        quiz = quizzes.get(regrade.quiz)
        if quiz is None:
            raise RegradeFileError(f"{path}: there is no quiz {regrade.quiz!r}")
        for correction in regrade.corrections:
            try:
                question = quiz.question(correction.question)
            except KeyError as error:
                message = f"{path}: quiz {quiz.id} has no question {correction.question!r}"
                raise RegradeFileError(message) from error
            accepted_keys(question, correction)
        regrades.append(regrade)
    return regrades


def accepted_keys(question: Question, correction: Correction) -> list[Question]:
    """The question with each accepted answer as its key (validated copies of the model)."""
    keys = []
    for answer in correction.answers:
        key = [answer] if isinstance(question, TextQuestion) and isinstance(answer, str) else answer
        data: dict[str, Any] = {**question.model_dump(), "answer": key}
        try:
            keys.append(type(question).model_validate(data))
        except ValidationError as error:
            raise RegradeFileError(
                f"question {question.id}: {answer!r} is not a valid answer: {error}"
            ) from error
    return keys
