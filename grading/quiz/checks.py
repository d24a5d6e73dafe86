"""Checks of a quiz's content that a schema cannot express, run by ``caio check``."""

from __future__ import annotations

from pathlib import Path

from grading.errors import QuizProblem
from grading.quiz.model import OrderQuestion, Quiz


def content_problems(quiz: Quiz, path: Path) -> list[QuizProblem]:
    """Problems that make a valid quiz a bad one (a listing that gives the answer away)."""
    problems = []
    for question in quiz.questions:
        if isinstance(question, OrderQuestion) and list(question.items) == question.answer:
            message = "items are listed in the answer order, which gives it away; shuffle them"
            problems.append(QuizProblem(path, message, question=question.id))
    return problems
