"""Practice answers for books read without the page script (EPUB): after each practice quiz.

An e-reader cannot run the quiz, so a practice quiz there is followed by its answers and
explanations, taken from the practice key and explanation nodes. Graded quizzes carry neither,
so nothing here can print their key.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from docutils import nodes

from grading.sphinx_ext import nodes as quiz_nodes


def answer_text(key: dict[str, Any]) -> str:
    """A practice key as a reader would say it: ``B``, ``A, C``, ``1 → B, 2 → A``."""
    answer = key["answer"]
    kind = key["type"]
    if kind == "true_false":
        return "True" if answer else "False"
    if kind == "numeric":
        number, tolerance = (_decimal(key[name]) for name in ("answer", "tolerance"))
        return number if tolerance == "0" else f"{number} (give or take {tolerance})"
    if kind == "text":
        return " or ".join(f"“{text}”" for text in answer)
    if kind == "match":
        return ", ".join(f"{premise} → {response}" for premise, response in answer.items())
    if isinstance(answer, list):
        return ", ".join(answer)
    return str(answer)


def _decimal(text: str) -> str:
    """``25.0`` as ``25``, ``0.50`` as ``0.5``: the number as a reader writes it."""
    return format(Decimal(text).normalize(), "f")


def practice_answers(block: quiz_nodes.quiz_block) -> list[nodes.Node]:
    """An "Answers" heading and, per question, its answer and explanation."""
    key_node = next(iter(block.findall(quiz_nodes.quiz_key)), None)
    if key_node is None:
        return []
    keys = key_node["payload"]["questions"]
    items = []
    for number, form in enumerate(block.findall(quiz_nodes.quiz_question), start=1):
        answer = nodes.paragraph(
            "",
            "",
            nodes.strong("", f"Question {number}: "),
            nodes.Text(answer_text(keys[form["question_id"]])),
        )
        explanations = list(form.findall(quiz_nodes.quiz_explanation))
        details = [copy.deepcopy(child) for node in explanations for child in node.children]
        items.append(nodes.list_item("", answer, *details))
    return [
        nodes.rubric("", "Answers"),
        nodes.bullet_list("", *items, classes=["caio-practice-answers"]),
    ]
