"""A practice quiz as interactive nodes: a form per question, feedback, explanation, key.

The browser scores the answer itself (``static/quiz.js``), so the key travels with the page as
data: a practice quiz is for learning, its key is not a secret. Graded quizzes never come here.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes

from grading.messages import message
from grading.quiz.model import (
    MatchQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderQuestion,
    Question,
    Quiz,
    TextQuestion,
)
from grading.quiz.public import public_question
from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.controls import question_form
from grading.sphinx_ext.markup import MarkdownReader


def practice_nodes(
    quiz: Quiz, reader: MarkdownReader, html_id: str, docname: str, lang: str
) -> list[nodes.Node]:
    """Every question as a form, then the key that the page script scores against; the
    page's words are in the edition's language ``lang``."""
    result: list[nodes.Node] = []
    for number, question in enumerate(quiz.questions, start=1):
        question_id = f"{html_id}-{question.id}"
        result.append(_question(question, number, reader, question_id, docname, lang))
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
    question: Question, number: int, reader: MarkdownReader, html_id: str, docname: str, lang: str
) -> quiz_nodes.quiz_question:
    form = question_form(public_question(question), number, reader, html_id, lang)
    form += quiz_nodes.quiz_actions()
    form += _explanation(question, reader, docname, lang)
    return form


def _explanation(
    question: Question, reader: MarkdownReader, docname: str, lang: str
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
            "",
            "",
            nodes.Text(message(lang, "quiz.section_to_reread")),
            xref,
            classes=["caio-section-link"],
        )
    return explanation
