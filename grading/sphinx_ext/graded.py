"""A graded quiz as static nodes, built ONLY from :func:`grading.quiz.public.public_quiz`.

Nothing here can see the answer key or the explanations: they are not in the view this module
receives. The page shows the questions and points, links the learner notebook and says how to
submit it. Generic docutils nodes do the work, so every builder renders it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from grading.notebooks.build import ANSWER_HINTS
from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.markup import MarkdownReader
from grading.sphinx_ext.practice import points_text


def graded_nodes(view: dict[str, Any], reader: MarkdownReader, notebook: str) -> list[nodes.Node]:
    """How to submit, then each question. ``notebook`` is the notebook's output path."""
    result: list[nodes.Node] = [_how_to_submit(view["id"], notebook)]
    for number, question in enumerate(view["questions"], start=1):
        result.append(_question(question, number, reader))
    return result


def _how_to_submit(quiz_id: str, notebook: str) -> nodes.Node:
    name = f"{quiz_id}.ipynb"
    link = quiz_nodes.quiz_download("", nodes.literal("", name), target=notebook)
    steps = [
        [nodes.Text("Download the notebook "), link, nodes.Text(" and open it in Jupyter.")],
        [
            nodes.Text("Answer each question by assigning to its variable, such as "),
            nodes.literal("", 'q1 = "B"'),
            nodes.Text(", and run the cell."),
        ],
        [
            nodes.Text(
                "Run the last cell: it checks that every answer is written in the expected "
                "form, not whether it is right."
            )
        ],
        [
            nodes.Text("Save the notebook and upload the "),
            nodes.literal("", name),
            nodes.Text(" file to your instructor."),
        ],
    ]
    items = [nodes.list_item("", nodes.paragraph("", "", *step)) for step in steps]
    return nodes.container(
        "",
        nodes.paragraph("", "", nodes.strong("", "How to take this graded quiz")),
        nodes.enumerated_list("", *items, enumtype="arabic", prefix="", suffix="."),
        classes=["caio-submit"],
    )


def _question(question: dict[str, Any], number: int, reader: MarkdownReader) -> nodes.Node:
    heading = nodes.paragraph(
        "",
        "",
        nodes.strong("", f"Question {number}"),
        nodes.Text(" ("),
        nodes.literal("", question["id"]),
        nodes.Text(f", {points_text(question['points'])})"),
        classes=["caio-question-meta"],
    )
    box = nodes.container("", heading, classes=["caio-graded-question"])
    box.extend(reader.blocks(question["prompt"]))
    kind = question["type"]
    if kind in ("single", "multiple"):
        box += _labelled_list(question["choices"], reader)
    elif kind == "order":
        box += _labelled_list(question["items"], reader)
    elif kind == "match":
        box += nodes.paragraph("", "Left:")
        box += _labelled_list(question["premises"], reader)
        box += nodes.paragraph("", "Right:")
        box += _labelled_list(question["responses"], reader)
    box += _answer_hint(question["id"], kind)
    return box


def _answer_hint(question_id: str, kind: str) -> nodes.paragraph:
    """The notebook's own hint; its example is code (so no smart quotes) and never the key."""
    words, such_as, example = ANSWER_HINTS[kind].partition("such as ")
    hint: list[nodes.Node] = [nodes.Text(f"Answer in the notebook with {words}{such_as}")]
    if example:
        hint.append(nodes.literal("", example.replace("q =", f"{question_id} =")))
    hint.append(nodes.Text("."))
    return nodes.paragraph("", "", *hint, classes=["caio-hint"])


def _labelled_list(labelled: dict[str, str], reader: MarkdownReader) -> nodes.bullet_list:
    items = [
        nodes.list_item(
            "",
            nodes.paragraph(
                "", "", nodes.strong("", f"{label}."), nodes.Text(" "), *reader.inline(text)
            ),
        )
        for label, text in labelled.items()
    ]
    return nodes.bullet_list("", *items, classes=["caio-labelled"])
