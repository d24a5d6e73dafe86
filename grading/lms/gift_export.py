"""Exporting a quiz to Moodle's GIFT text format.

GIFT has no choice labels: choices are written in label order and get A, B, C … back on import.
It has no points per question either (Moodle sets the mark on import), and no ordering
question: ``order`` questions are left out and named in :attr:`GiftExport.skipped`. So are
``text`` questions with an accepted answer that contains ``->`` or starts with ``%`` (see
below), with the reason in :attr:`GiftExport.warnings`. What GIFT cannot say exactly is named
there too: ``multiple`` questions scored all-or-nothing are written with partial-credit weights,
the only form GIFT has.

Text is escaped wherever it goes: GIFT's specials ``~ = # { } :`` and the backslash get a
backslash; ``->`` (which splits a match pair at its first arrow) and a leading ``%`` (read as a
weight) have no GIFT escape, so their ``>`` and ``%`` are written as the HTML entities
``&gt;`` and ``&#37;`` (its ``#`` escaped), which Markdown, and so Moodle's ``[markdown]``
format, shows as the same characters. That serves text the learner reads (choices, match
sides), not a short answer the learner types: Moodle compares the typing with the answer text
as written, entity and all, so a short answer that needs either form has no GIFT form at all.
``import-gift`` decodes exactly these two entities back (:mod:`grading.lms.gift_import`).
Numbers are written as plain decimals that read back to the same value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from grading.quiz.model import (
    MatchQuestion,
    MultipleQuestion,
    MultipleScoring,
    NumericQuestion,
    Question,
    Quiz,
    SingleQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

SPECIAL = "\\~=#{}:"
ARROW, ARROW_ESCAPED = "->", "-&gt;"
PERCENT_ESCAPED = "&\\#37;"
"""``&#37;`` with its ``#`` escaped: an unescaped ``#`` starts answer feedback."""


@dataclass(frozen=True)
class GiftExport:
    """The GIFT text, the questions GIFT cannot express, and what it expresses only roughly."""

    text: str
    skipped: tuple[str, ...]
    warnings: tuple[str, ...] = ()


def escape_gift(text: str) -> str:
    """Backslash-escape GIFT's control characters; newlines become ``\\n``."""
    escaped = "".join(f"\\{char}" if char in SPECIAL else char for char in text.strip())
    return escaped.replace("\n", "\\n")


def escape_answer(text: str) -> str:
    """Text inside an answer block: also no ``->`` and no leading ``%`` (see module doc)."""
    escaped = escape_gift(text).replace(ARROW, ARROW_ESCAPED)
    return PERCENT_ESCAPED + escaped[1:] if escaped.startswith("%") else escaped


def plain_decimal(value: float) -> str:
    """The shortest decimal that reads back as ``value``, never in exponent form."""
    text = format(Decimal(repr(value)), "f")
    return text.removesuffix(".0") if "." in text else text


def quiz_to_gift(quiz: Quiz) -> GiftExport:
    """Every question GIFT can express, one block each, in quiz order."""
    blocks = [f"// {quiz.id}: {' '.join(quiz.title.split())}", "$CATEGORY: " + quiz.id, ""]
    skipped, warnings = [], []
    for question in quiz.questions:
        typed = _unwritable_answer(question) if isinstance(question, TextQuestion) else None
        if typed is not None:
            skipped.append(question.id)
            warnings.append(
                f"{question.id}: the accepted answer {typed!r} has no GIFT form ('->' and a "
                "leading '%' cannot be escaped in a short answer); question left out"
            )
            continue
        body = _answer_block(question)
        if body is None:
            skipped.append(question.id)
            continue
        if isinstance(question, MultipleQuestion) and (
            question.scoring is MultipleScoring.all_or_nothing
        ):
            warnings.append(
                f"{question.id}: all_or_nothing scoring cannot be written in GIFT; "
                "exported with partial-credit weights"
            )
        blocks += [
            f"::{question.id}::[markdown]{escape_gift(question.prompt)} {{{body}",
            f"####{escape_gift(question.explanation)}}}",
            "",
        ]
    return GiftExport("\n".join(blocks), tuple(skipped), tuple(warnings))


def _answer_block(question: Question) -> str | None:
    if isinstance(question, SingleQuestion):
        return " ".join(
            f"{'=' if label == question.answer else '~'}{escape_answer(text)}"
            for label, text in question.choices.items()
        )
    if isinstance(question, MultipleQuestion):
        right = 100 / len(question.answer)
        wrong = 100 / max(1, len(question.choices) - len(question.answer))
        return " ".join(
            f"~%{_weight(right if label in question.answer else -wrong)}%{escape_answer(text)}"
            for label, text in question.choices.items()
        )
    if isinstance(question, TrueFalseQuestion):
        return "TRUE" if question.answer else "FALSE"
    if isinstance(question, NumericQuestion):
        return f"#{plain_decimal(question.answer)}:{plain_decimal(question.tolerance)}"
    if isinstance(question, TextQuestion):
        return " ".join(f"={escape_answer(text)}" for text in question.answer)
    if isinstance(question, MatchQuestion):
        return _match_block(question)
    return None


def _unwritable_answer(question: TextQuestion) -> str | None:
    """The first accepted answer GIFT cannot write as typed: one containing ``->`` (a match
    pair to every GIFT reader) or starting with ``%`` (a weight). An entity would change what
    the learner must type."""
    for text in question.answer:
        if ARROW in text or text.strip().startswith("%"):
            return text
    return None


def _match_block(question: MatchQuestion) -> str:
    """``=premise -> response`` per pair, then ``= -> response`` for each distractor."""
    pairs = [
        f"={escape_answer(question.premises[premise])} -> "
        f"{escape_answer(question.responses[response])}"
        for premise, response in question.answer.items()
    ]
    used = set(question.answer.values())
    distractors = [
        f"= -> {escape_answer(text)}"
        for label, text in question.responses.items()
        if label not in used
    ]
    return " ".join([*pairs, *distractors])


def _weight(value: float) -> str:
    """Moodle accepts only certain percentages; five decimals match its own (33.33333)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")
