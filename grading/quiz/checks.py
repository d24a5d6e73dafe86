"""Checks of a quiz's content that a schema cannot express, run by ``caio check``."""

from __future__ import annotations

from pathlib import Path

from grading.errors import QuizProblem
from grading.quiz.model import MatchQuestion, OrderQuestion, Quiz
from grading.quiz.public import answer_spec


def content_problems(quiz: Quiz, path: Path) -> list[QuizProblem]:
    """Problems that make a valid quiz a bad one (a listing that gives the answer away)."""
    problems = []
    for question in quiz.questions:
        if isinstance(question, OrderQuestion) and list(question.items) == question.answer:
            message = "items are listed in the answer order, which gives it away; shuffle them"
            problems.append(QuizProblem(path, message, question=question.id))
        if isinstance(question, MatchQuestion) and _pairs_follow_listing(question):
            message = (
                "each premise pairs with the response listed at the same position, which "
                "gives the answer away; reorder the responses"
            )
            problems.append(QuizProblem(path, message, question=question.id))
        problems.extend(
            QuizProblem(path, message, question=question.id)
            for message in _labels_equal_without_case(answer_spec(question))
        )
    return problems


def _labels_equal_without_case(spec: dict[str, object]) -> list[str]:
    """The grader reads ``"c"`` as the label ``"C"``; that needs labels distinct without case."""
    messages = []
    for field in ("labels", "responses"):
        labels = spec.get(field)
        if not isinstance(labels, list):
            continue
        seen: dict[str, str] = {}
        for label in labels:
            other = seen.setdefault(str(label).casefold(), str(label))
            if other != label:
                messages.append(
                    f"labels {other!r} and {label!r} differ only in case; learners' answers "
                    "are read without case, so rename one"
                )
    return messages


def _pairs_follow_listing(question: MatchQuestion) -> bool:
    responses = list(question.responses)
    return all(
        position < len(responses) and question.answer[premise] == responses[position]
        for position, premise in enumerate(question.premises)
    )
