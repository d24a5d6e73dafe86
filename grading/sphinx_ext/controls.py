"""A question's form controls, built from the learner-safe view of the question.

Practice and graded quizzes show the same controls (radio buttons, checkboxes, a number or
text field, one select per position or premise); only practice quizzes add Check and a key.
The view is :func:`grading.quiz.public.public_question`, so nothing here can see the answer.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.markup import MarkdownReader


def points_text(points: float) -> str:
    """``1 point``, ``2 points``, ``1.5 points``."""
    return f"{points:g} point" + ("" if points == 1 else "s")


def question_form(
    question: dict[str, Any], number: int, reader: MarkdownReader, html_id: str
) -> quiz_nodes.quiz_question:
    """The question as a form: a fieldset whose legend names it, then its controls."""
    form = quiz_nodes.quiz_question(
        question_id=question["id"], qtype=question["type"], html_id=html_id
    )
    legend = quiz_nodes.quiz_legend()
    legend += nodes.inline(
        "", f"Question {number} · {points_text(question['points'])}", classes=["caio-question-meta"]
    )
    fieldset = quiz_nodes.quiz_fieldset(describedby="")
    fieldset += legend
    prompt, phrasing = reader.phrasing_or_blocks(question["prompt"])
    if phrasing:
        legend += nodes.Text(" ")  # keeps "points" and the prompt apart in plain-text output
        legend += nodes.inline("", "", *prompt, classes=["caio-prompt"])
    else:
        fieldset["describedby"] = f"{html_id}-prompt"
        fieldset += nodes.container("", *prompt, classes=["caio-prompt"], ids=[f"{html_id}-prompt"])
    fieldset.extend(_controls(question, reader, html_id))
    form += fieldset
    return form


def _controls(question: dict[str, Any], reader: MarkdownReader, html_id: str) -> list[nodes.Node]:
    kind = question["type"]
    if kind in ("single", "multiple"):
        input_type = "checkbox" if kind == "multiple" else "radio"
        return [
            _choice(input_type, html_id, label, label, reader.inline(text))
            for label, text in question["choices"].items()
        ]
    if kind == "true_false":
        return [
            _choice("radio", html_id, "true", "", [nodes.Text("True")]),
            _choice("radio", html_id, "false", "", [nodes.Text("False")]),
        ]
    if kind == "numeric":
        return [_field("number", f"{html_id}-answer", [nodes.Text("Your answer (a number)")])]
    if kind == "text":
        return [_field("text", f"{html_id}-answer", [nodes.Text("Your answer")])]
    if kind == "order":
        options = _options(question["items"], reader)
        last = len(question["items"])
        return [
            _field(
                "select",
                f"{html_id}-position-{position}",
                [nodes.Text(_position_name(position, last))],
                options,
            )
            for position in range(1, last + 1)
        ]
    if kind == "match":
        options = _options(question["responses"], reader)
        return [
            _field(
                "select",
                f"{html_id}-premise-{label}",
                [nodes.strong("", f"{label}."), nodes.Text(" "), *reader.inline(text)],
                options,
                premise=label,
            )
            for label, text in question["premises"].items()
        ]
    raise TypeError(f"no form controls for question type {kind!r}")


def _position_name(position: int, last: int) -> str:
    suffix = " (first)" if position == 1 else " (last)" if position == last else ""
    return f"Position {position}{suffix}"


def _options(labelled: dict[str, str], reader: MarkdownReader) -> list[list[str]]:
    return [
        [label, f"{label}. {reader.plain(reader.inline(text))}"] for label, text in labelled.items()
    ]


def _choice(
    input_type: str, html_id: str, value: str, label: str, children: list[nodes.Node]
) -> quiz_nodes.quiz_choice:
    return quiz_nodes.quiz_choice(
        "",
        *children,
        input_type=input_type,
        name=html_id,
        value=value,
        html_id=f"{html_id}-{value}",
        label=label,
    )


def _field(
    kind: str,
    html_id: str,
    label: list[nodes.Node],
    options: list[list[str]] | None = None,
    premise: str = "",
) -> quiz_nodes.quiz_field:
    return quiz_nodes.quiz_field(
        "", *label, kind=kind, name=html_id, html_id=html_id, options=options or [], premise=premise
    )
