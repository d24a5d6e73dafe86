"""What a learner may see of a quiz: everything but the answer key and the explanations.

Learner notebooks and graded quizzes in the book are built from this view only, so the key
cannot leak through them by accident. The quiz version is a hash of this view too: a hash over
the key could be brute-forced (ten questions of four choices are a million guesses).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from grading.quiz.model import ChoiceQuestion, MatchQuestion, OrderQuestion, Question, Quiz

PRIVATE_FIELDS = frozenset({"answer", "explanation", "scoring", "tolerance", "ignore_accents"})
"""Fields that say or hint at what is right; never shown to a learner before grading."""


def public_question(question: Question) -> dict[str, Any]:
    """The question as a learner sees it (prompt, choices, points), without the key."""
    data = question.model_dump(mode="json", exclude=set(PRIVATE_FIELDS))
    data.pop("objectives", None)
    return data


def public_quiz(quiz: Quiz) -> dict[str, Any]:
    """The quiz as a learner sees it."""
    return {
        "id": quiz.id,
        "title": quiz.title,
        "mode": quiz.mode.value,
        "intro": quiz.intro,
        "questions": [public_question(question) for question in quiz.questions],
    }


_VERSIONS: dict[int, tuple[Quiz, str]] = {}


def quiz_version(quiz: Quiz) -> str:
    """A short hash of what learners see; changes when a prompt, choice or point value does."""
    cached = _VERSIONS.get(id(quiz))
    if cached is not None and cached[0] is quiz:
        return cached[1]
    version = _hash_public_view(quiz)
    _VERSIONS[id(quiz)] = (quiz, version)
    return version


def _hash_public_view(quiz: Quiz) -> str:
    canonical = json.dumps(public_quiz(quiz)["questions"], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def answer_spec(question: Question) -> dict[str, Any]:
    """Type and labels of a question: what :mod:`grading.quiz.answer_format` checks against."""
    spec: dict[str, Any] = {"type": question.type}
    if isinstance(question, ChoiceQuestion):
        spec["labels"] = list(question.choices)
    elif isinstance(question, OrderQuestion):
        spec["labels"] = list(question.items)
    elif isinstance(question, MatchQuestion):
        spec["labels"] = list(question.premises)
        spec["responses"] = list(question.responses)
    return spec
