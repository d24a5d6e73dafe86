"""Exporting a quiz to Moodle's GIFT text format.

GIFT has no choice labels: choices are written in label order and get A, B, C … back on import.
It has no points per question either (Moodle sets the mark on import), and no ordering
question: ``order`` questions are left out and named in the returned list of skipped ids. A
``match`` question keeps its pairs; responses that pair with no premise cannot be written.
"""

from __future__ import annotations

from dataclasses import dataclass

from grading.quiz.model import (
    MatchQuestion,
    MultipleQuestion,
    NumericQuestion,
    Question,
    Quiz,
    SingleQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

SPECIAL = "\\~=#{}:"


@dataclass(frozen=True)
class GiftExport:
    """The GIFT text and the questions that GIFT cannot express."""

    text: str
    skipped: tuple[str, ...]


def escape_gift(text: str) -> str:
    """Backslash-escape GIFT's control characters; newlines become ``\\n``."""
    escaped = "".join(f"\\{char}" if char in SPECIAL else char for char in text.strip())
    return escaped.replace("\n", "\\n")


def quiz_to_gift(quiz: Quiz) -> GiftExport:
    """Every question GIFT can express, one block each, in quiz order."""
    blocks = [f"// {quiz.id}: {' '.join(quiz.title.split())}", "$CATEGORY: " + quiz.id, ""]
    skipped = []
    for question in quiz.questions:
        body = _answer_block(question)
        if body is None:
            skipped.append(question.id)
            continue
        blocks += [
            f"::{question.id}::[markdown]{escape_gift(question.prompt)} {{{body}",
            f"####{escape_gift(question.explanation)}}}",
            "",
        ]
    return GiftExport("\n".join(blocks), tuple(skipped))


def _answer_block(question: Question) -> str | None:
    if isinstance(question, SingleQuestion):
        return " ".join(
            f"{'=' if label == question.answer else '~'}{escape_gift(text)}"
            for label, text in question.choices.items()
        )
    if isinstance(question, MultipleQuestion):
        right = 100 / len(question.answer)
        wrong = 100 / max(1, len(question.choices) - len(question.answer))
        return " ".join(
            f"~%{_weight(right if label in question.answer else -wrong)}%{escape_gift(text)}"
            for label, text in question.choices.items()
        )
    if isinstance(question, TrueFalseQuestion):
        return "TRUE" if question.answer else "FALSE"
    if isinstance(question, NumericQuestion):
        return f"#{question.answer:g}:{question.tolerance:g}"
    if isinstance(question, TextQuestion):
        return " ".join(f"={escape_gift(text)}" for text in question.answer)
    if isinstance(question, MatchQuestion):
        return " ".join(
            f"={escape_gift(question.premises[premise])} -> "
            f"{escape_gift(question.responses[response])}"
            for premise, response in question.answer.items()
        )
    return None


def _weight(value: float) -> str:
    """Moodle accepts only certain percentages; five decimals match its own (33.33333)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")
