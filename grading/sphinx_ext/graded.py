"""A graded quiz, built ONLY from :func:`grading.quiz.public.public_quiz` and its notebook.

Nothing here can see the answer key or the explanations: they are not in the view this module
receives. The page shows each question with the same controls as a practice quiz, but without
Check, key or scoring: the page script saves the answers in the browser and writes them into
the learner notebook, which travels with the page as JSON (so it works from ``file://``).
Learners who prefer Jupyter download the notebook itself.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes

from grading.messages import message
from grading.notebooks.prompts import answer_hint
from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.controls import question_form
from grading.sphinx_ext.markup import MarkdownReader

EXAMPLE = re.compile(r"(?=\bq = )")
"""Where a hint's code example starts (``q = "B"``), in any language."""


def graded_nodes(
    view: dict[str, Any],
    reader: MarkdownReader,
    html_id: str,
    notebook_path: str,
    notebook: dict[str, Any],
    lang: str,
) -> list[nodes.Node]:
    """How to submit, each question as a form, the submission panel and the notebook data.

    ``notebook_path`` is the notebook's path in the output; ``notebook`` is its JSON content;
    the page's words are in the edition's language ``lang``.
    """
    result: list[nodes.Node] = [_how_to_submit(view["id"], notebook_path, lang)]
    for number, question in enumerate(view["questions"], start=1):
        form = question_form(question, number, reader, f"{html_id}-{question['id']}", lang)
        form["classes"].append("caio-graded-question")
        form += _answer_hint(question["id"], question["type"], lang)
        result.append(form)
    result.append(quiz_nodes.quiz_submission(quiz_id=view["id"], html_id=f"{html_id}-submit"))
    result.append(quiz_nodes.quiz_notebook(payload=notebook))
    return result


def _how_to_submit(quiz_id: str, notebook: str, lang: str) -> nodes.Node:
    name = f"{quiz_id}.ipynb"
    link = quiz_nodes.quiz_download("", nodes.literal("", name), target=notebook)
    in_page = [
        nodes.Text(message(lang, "quiz.in_page_before")),
        nodes.strong("", message(lang, "quiz.download")),
        nodes.Text(message(lang, "quiz.in_page_after")),
    ]
    in_jupyter = [
        nodes.Text(message(lang, "quiz.in_jupyter_before")),
        link,
        nodes.Text(message(lang, "quiz.in_jupyter_after")),
    ]
    items = [nodes.list_item("", nodes.paragraph("", "", *step)) for step in (in_page, in_jupyter)]
    return quiz_nodes.quiz_instructions(
        "",
        nodes.paragraph("", "", nodes.strong("", message(lang, "quiz.how_to_take"))),
        nodes.bullet_list("", *items),
        nodes.paragraph("", message(lang, "quiz.not_scored")),
        notebook=name,
    )


def _answer_hint(question_id: str, kind: str, lang: str) -> nodes.paragraph:
    """The notebook's own hint; its example is code (so no smart quotes) and never the key."""
    words, *example_or_none = EXAMPLE.split(answer_hint(kind, lang), maxsplit=1)
    example = example_or_none[0] if example_or_none else ""
    hint: list[nodes.Node] = [nodes.Text(message(lang, "quiz.notebook_hint") + words)]
    if example:
        hint.append(nodes.literal("", example.replace("q =", f"{question_id} =")))
    hint.append(nodes.Text("."))
    return nodes.paragraph("", "", *hint, classes=["caio-hint"])
