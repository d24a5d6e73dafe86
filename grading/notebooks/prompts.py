"""The text of each question as a learner notebook shows it, from the learner-safe view.

Shared by the notebook builder, which puts it in the prompt cells, and by the grader, which
flags a submission whose prompt cell no longer says the same (and needs no notebook library
to know what it should say).
"""

from __future__ import annotations

from typing import Any

from grading.messages import SOURCE_LANGUAGE, message
from grading.quiz.model import Quiz
from grading.quiz.public import public_quiz


def answer_hint(kind: str, lang: str = SOURCE_LANGUAGE) -> str:
    """How to write an answer of this type (``q = ...`` examples of form, never a real key)."""
    return message(lang, f"notebook.hint.{kind}")


def prompt_markdown(question: dict[str, Any], lang: str = SOURCE_LANGUAGE) -> str:
    """One question of the public view as Markdown: heading with points, prompt, labels, hint."""
    points = question["points"]
    unit = "notebook.one_point" if points == 1 else "notebook.points"
    worth = message(lang, unit, number=f"{points:g}")
    lines = [f"### {question['id']} ({worth})", "", question["prompt"], ""]
    kind = question["type"]
    if kind in ("single", "multiple"):
        lines += _labelled_list(question["choices"])
    elif kind == "order":
        lines += _labelled_list(question["items"])
    elif kind == "match":
        lines += [message(lang, "notebook.left"), "", *_labelled_list(question["premises"]), ""]
        lines += [message(lang, "notebook.right"), "", *_labelled_list(question["responses"])]
    lines += ["", message(lang, "notebook.answer_with", hint=answer_hint(kind, lang))]
    return "\n".join(lines)


def prompt_texts(quiz: Quiz, lang: str = SOURCE_LANGUAGE) -> dict[str, str]:
    """Question id → the prompt cell's text in the quiz's learner notebook in ``lang``
    (``quiz`` is that edition's quiz)."""
    return {
        question["id"]: prompt_markdown(question, lang)
        for question in public_quiz(quiz)["questions"]
    }


def _labelled_list(labelled: dict[str, str]) -> list[str]:
    return [f"- **{label}**: {text}" for label, text in labelled.items()]
