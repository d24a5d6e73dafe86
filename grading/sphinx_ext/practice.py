"""A practice quiz as interactive nodes: a form per question, feedback, explanation, key.

The browser scores the answer itself (``static/quiz.js``), so the key travels with the page as
data: a practice quiz is for learning, its key is not a secret. Graded quizzes never come here.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes

from grading.quiz.model import (
    ChoiceQuestion,
    MatchQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderQuestion,
    Question,
    Quiz,
    TextQuestion,
    TrueFalseQuestion,
)
from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.markup import MarkdownReader


def points_text(points: float) -> str:
    """``1 point``, ``2 points``, ``1.5 points``."""
    return f"{points:g} point" + ("" if points == 1 else "s")


def practice_nodes(
    quiz: Quiz, reader: MarkdownReader, html_id: str, docname: str
) -> list[nodes.Node]:
    """Every question as a form, then the key that the page script scores against."""
    result: list[nodes.Node] = []
    for number, question in enumerate(quiz.questions, start=1):
        result.append(_question(question, number, reader, f"{html_id}-{question.id}", docname))
    key = {"quiz": quiz.id, "questions": {q.id: scoring_key(q) for q in quiz.questions}}
    result.append(quiz_nodes.quiz_key(payload=key))
    return result


def scoring_key(question: Question) -> dict[str, Any]:
    """What ``quiz.js`` needs to score like :func:`grading.grader.scoring.score_answer`.

    Numbers go out as the decimal text the grader turns into fractions, so the browser can
    compare them exactly too.
    """
    key: dict[str, Any] = {"type": question.type, "points": question.points}
    if isinstance(question, NumericQuestion):
        key.update(answer=str(question.answer), tolerance=str(question.tolerance))
    elif isinstance(question, TextQuestion):
        key.update(answer=list(question.answer), ignore_accents=question.ignore_accents)
    elif isinstance(question, (MultipleQuestion, OrderQuestion)):
        key.update(answer=list(question.answer), scoring=question.scoring.value)
    elif isinstance(question, MatchQuestion):
        key.update(answer=dict(question.answer))
    else:
        key.update(answer=question.answer)
    return key


def _question(
    question: Question, number: int, reader: MarkdownReader, html_id: str, docname: str
) -> quiz_nodes.quiz_question:
    form = quiz_nodes.quiz_question(question_id=question.id, qtype=question.type, html_id=html_id)
    legend = quiz_nodes.quiz_legend()
    legend += nodes.inline(
        "", f"Question {number} · {points_text(question.points)}", classes=["caio-question-meta"]
    )
    fieldset = quiz_nodes.quiz_fieldset(describedby="")
    fieldset += legend
    prompt, phrasing = reader.phrasing_or_blocks(question.prompt)
    if phrasing:
        legend += nodes.Text(" ")  # keeps "points" and the prompt apart in plain-text output
        legend += nodes.inline("", "", *prompt, classes=["caio-prompt"])
    else:
        fieldset["describedby"] = f"{html_id}-prompt"
        fieldset += nodes.container("", *prompt, classes=["caio-prompt"], ids=[f"{html_id}-prompt"])
    fieldset.extend(_controls(question, reader, html_id))
    form += fieldset
    form += quiz_nodes.quiz_actions()
    form += _explanation(question, reader, docname)
    return form


def _controls(question: Question, reader: MarkdownReader, html_id: str) -> list[nodes.Node]:
    if isinstance(question, ChoiceQuestion):
        input_type = "checkbox" if isinstance(question, MultipleQuestion) else "radio"
        return [
            _choice(input_type, html_id, label, label, reader.inline(text))
            for label, text in question.choices.items()
        ]
    if isinstance(question, TrueFalseQuestion):
        return [
            _choice("radio", html_id, "true", "", [nodes.Text("True")]),
            _choice("radio", html_id, "false", "", [nodes.Text("False")]),
        ]
    if isinstance(question, NumericQuestion):
        return [_field("number", f"{html_id}-answer", [nodes.Text("Your answer (a number)")])]
    if isinstance(question, TextQuestion):
        return [_field("text", f"{html_id}-answer", [nodes.Text("Your answer")])]
    if isinstance(question, OrderQuestion):
        options = _options(question.items, reader)
        last = len(question.items)
        return [
            _field(
                "select",
                f"{html_id}-position-{position}",
                [nodes.Text(_position_name(position, last))],
                options,
            )
            for position in range(1, last + 1)
        ]
    if isinstance(question, MatchQuestion):
        options = _options(question.responses, reader)
        return [
            _field(
                "select",
                f"{html_id}-premise-{label}",
                [nodes.strong("", f"{label}."), nodes.Text(" "), *reader.inline(text)],
                options,
                premise=label,
            )
            for label, text in question.premises.items()
        ]
    raise TypeError(f"no practice rendering for {type(question).__name__}")


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


def _explanation(
    question: Question, reader: MarkdownReader, docname: str
) -> quiz_nodes.quiz_explanation:
    explanation = quiz_nodes.quiz_explanation()
    explanation.extend(reader.blocks(question.explanation))
    if question.section:
        label = question.section.lower()
        xref = addnodes.pending_xref(
            "",
            nodes.inline(label, label, classes=["xref", "std", "std-ref"]),
            refdomain="std",
            reftype="ref",
            reftarget=label,
            refexplicit=False,
            refwarn=True,
            refdoc=docname,
        )
        explanation += nodes.paragraph(
            "", "", nodes.Text("Section to reread: "), xref, classes=["caio-section-link"]
        )
    return explanation
