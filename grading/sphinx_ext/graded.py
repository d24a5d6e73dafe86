"""A graded quiz, built ONLY from :func:`grading.quiz.public.public_quiz` and its notebook.

Nothing here can see the answer key or the explanations: they are not in the view this module
receives. The page shows each question with the same controls as a practice quiz, but without
Check, key or scoring: the page script saves the answers in the browser and writes them into
the learner notebook, which travels with the page as JSON (so it works from ``file://``).
Learners who prefer Jupyter download the notebook itself.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from grading.notebooks.prompts import answer_hint
from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.controls import question_form
from grading.sphinx_ext.markup import MarkdownReader


def graded_nodes(
    view: dict[str, Any],
    reader: MarkdownReader,
    html_id: str,
    notebook_path: str,
    notebook: dict[str, Any],
) -> list[nodes.Node]:
    """How to submit, each question as a form, the submission panel and the notebook data.

    ``notebook_path`` is the notebook's path in the output; ``notebook`` is its JSON content.
    """
    result: list[nodes.Node] = [_how_to_submit(view["id"], notebook_path)]
    for number, question in enumerate(view["questions"], start=1):
        form = question_form(question, number, reader, f"{html_id}-{question['id']}")
        form["classes"].append("caio-graded-question")
        form += _answer_hint(question["id"], question["type"])
        result.append(form)
    result.append(quiz_nodes.quiz_submission(quiz_id=view["id"], html_id=f"{html_id}-submit"))
    result.append(quiz_nodes.quiz_notebook(payload=notebook))
    return result


def _how_to_submit(quiz_id: str, notebook: str) -> nodes.Node:
    name = f"{quiz_id}.ipynb"
    link = quiz_nodes.quiz_download("", nodes.literal("", name), target=notebook)
    in_page = [
        nodes.Text(
            "Answer the questions below; your browser keeps your answers as you go. Then type "
            "your name or learner id, choose "
        ),
        nodes.strong("", "Download my submission"),
        nodes.Text(" and upload the file it saves to your instructor."),
    ]
    in_jupyter = [
        nodes.Text("Or download the notebook "),
        link,
        nodes.Text(
            ", answer in Jupyter by assigning to each question's variable, run the last cell "
            "(it checks the form of your answers, not whether they are right), save it and "
            "upload it."
        ),
    ]
    items = [nodes.list_item("", nodes.paragraph("", "", *step)) for step in (in_page, in_jupyter)]
    return quiz_nodes.quiz_instructions(
        "",
        nodes.paragraph("", "", nodes.strong("", "How to take this graded quiz")),
        nodes.bullet_list("", *items),
        nodes.paragraph(
            "",
            "The page does not score your answers: your instructor grades the file you hand in.",
        ),
        notebook=name,
    )


def _answer_hint(question_id: str, kind: str) -> nodes.paragraph:
    """The notebook's own hint; its example is code (so no smart quotes) and never the key."""
    # English: the page's text is translated with the book's catalogs, like the rest of it.
    words, such_as, example = answer_hint(kind).partition("such as ")
    hint: list[nodes.Node] = [nodes.Text(f"In the notebook, answer with {words}{such_as}")]
    if example:
        hint.append(nodes.literal("", example.replace("q =", f"{question_id} =")))
    hint.append(nodes.Text("."))
    return nodes.paragraph("", "", *hint, classes=["caio-hint"])
