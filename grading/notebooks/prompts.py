"""The text of each question as a learner notebook shows it, from the learner-safe view.

Shared by the notebook builder, which puts it in the prompt cells, and by the grader, which
flags a submission whose prompt cell no longer says the same (and needs no notebook library
to know what it should say).
"""

from __future__ import annotations

from typing import Any

from grading.quiz.model import Quiz
from grading.quiz.public import public_quiz

ANSWER_HINTS = {
    "single": 'one label in quotes, such as q = "B"',
    "multiple": 'a list of labels, such as q = ["A", "C"]',
    "true_false": "True or False, without quotes",
    "numeric": "a number, without quotes, such as q = 3",
    "text": 'your answer in quotes, such as q = "my answer"',
    "order": 'every label once, in your order, such as q = ["C", "A", "B", ...]',
    "match": 'a left label → right label pair for each left label, such as q = {"1": "B", ...}',
}
"""How to write each type of answer; examples are about form and use no real key."""


def prompt_markdown(question: dict[str, Any]) -> str:
    """One question of the public view as Markdown: heading with points, prompt, labels, hint."""
    points = question["points"]
    unit = "point" if points == 1 else "points"
    number = f"{points:g}"
    lines = [f"### {question['id']} ({number} {unit})", "", question["prompt"], ""]
    kind = question["type"]
    if kind in ("single", "multiple"):
        lines += _labelled_list(question["choices"])
    elif kind == "order":
        lines += _labelled_list(question["items"])
    elif kind == "match":
        lines += ["Left:", "", *_labelled_list(question["premises"]), ""]
        lines += ["Right:", "", *_labelled_list(question["responses"])]
    lines += ["", f"*Answer with {ANSWER_HINTS[kind]}.*"]
    return "\n".join(lines)


def prompt_texts(quiz: Quiz) -> dict[str, str]:
    """Question id → the prompt cell's text in the quiz's learner notebook."""
    return {
        question["id"]: prompt_markdown(question) for question in public_quiz(quiz)["questions"]
    }


def _labelled_list(labelled: dict[str, str]) -> list[str]:
    return [f"- **{label}**: {text}" for label, text in labelled.items()]
