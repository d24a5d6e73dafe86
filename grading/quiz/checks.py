"""Checks of a quiz's content that a schema cannot express, run by ``caio check``."""

from __future__ import annotations

from pathlib import Path

from grading.errors import QuizProblem
from grading.quiz.model import MatchQuestion, OrderQuestion, Quiz


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
    return problems


def _pairs_follow_listing(question: MatchQuestion) -> bool:
    responses = list(question.responses)
    return all(
        position < len(responses) and question.answer[premise] == responses[position]
        for position, premise in enumerate(question.premises)
    )
