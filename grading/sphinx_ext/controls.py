"""A question's form controls, built from the learner-safe view of the question.

Practice and graded quizzes show the same controls (radio buttons, checkboxes, a number or
text field, one select per position or premise); only practice quizzes add Check and a key.
The view is :func:`grading.quiz.public.public_question`, so nothing here can see the answer.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from grading.messages import message
from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.markup import MarkdownReader


def question_meta(number: int, points: float, lang: str) -> str:
    """``Question 1 · 1 point``, ``Question 2 · 1.5 points`` in ``lang``."""
    key = "quiz.question_one_point" if points == 1 else "quiz.question_points"
    return message(lang, key, number=number, points=f"{points:g}")


def question_form(
    question: dict[str, Any], number: int, reader: MarkdownReader, html_id: str, lang: str
) -> quiz_nodes.quiz_question:
    """The question as a form: a fieldset whose legend names it, then its controls, with the
    page's words in the edition's language ``lang``."""
    form = quiz_nodes.quiz_question(
        question_id=question["id"], qtype=question["type"], html_id=html_id
    )
    legend = quiz_nodes.quiz_legend()
    legend += nodes.inline(
        "", question_meta(number, question["points"], lang), classes=["caio-question-meta"]
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
    fieldset.extend(_controls(question, reader, html_id, lang))
    form += fieldset
    return form


def _controls(
    question: dict[str, Any], reader: MarkdownReader, html_id: str, lang: str
) -> list[nodes.Node]:
    kind = question["type"]
    if kind in ("single", "multiple"):
        input_type = "checkbox" if kind == "multiple" else "radio"
        return [
            _choice(input_type, html_id, label, label, reader.inline(text))
            for label, text in question["choices"].items()
        ]
    if kind == "true_false":
        return [
            _choice("radio", html_id, "true", "", [nodes.Text(message(lang, "quiz.true"))]),
            _choice("radio", html_id, "false", "", [nodes.Text(message(lang, "quiz.false"))]),
        ]
    if kind == "numeric":
        label = [nodes.Text(message(lang, "quiz.your_number"))]
        return [_field("number", f"{html_id}-answer", label)]
    if kind == "text":
        label = [nodes.Text(message(lang, "quiz.your_answer"))]
        return [_field("text", f"{html_id}-answer", label)]
    if kind == "order":
        options = _options(question["items"], reader)
        last = len(question["items"])
        return [
            _field(
                "select",
                f"{html_id}-position-{position}",
                [nodes.Text(_position_name(position, last, lang))],
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


def _position_name(position: int, last: int, lang: str) -> str:
    key = "first" if position == 1 else "last" if position == last else ""
    return message(lang, f"quiz.position_{key}" if key else "quiz.position", position=position)


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
