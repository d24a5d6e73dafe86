"""Quizzes for builders that do not run the page script: text, LaTeX, man, EPUB, ….

Each quiz node becomes what :meth:`grading.sphinx_ext.nodes.QuizNode.plain` returns: readable
text without controls, key or feedback. E-readers get practice answers after each practice
quiz (:mod:`grading.sphinx_ext.plain_answers`); graded quizzes never carry a key to print.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform

from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.plain_answers import practice_answers


def is_interactive(builder: Builder) -> bool:
    """Web pages run the quiz script; EPUB is HTML too, but e-readers do not run it."""
    return builder.format == "html" and not builder.name.startswith("epub")


class PlainQuizTransform(SphinxPostTransform):
    """For every builder without the page script, replace quiz nodes (innermost first) by
    generic nodes; in an EPUB, each practice quiz is followed by its answers."""

    default_priority = 500  # after references are resolved (10), so a bad label still warns

    def is_supported(self) -> bool:
        return not is_interactive(self.app.builder)

    def run(self, **kwargs: object) -> None:
        for fieldset in list(self.document.findall(quiz_nodes.quiz_fieldset)):
            _list_select_options(fieldset)
        if self.app.builder.name.startswith("epub"):
            for block in list(self.document.findall(quiz_nodes.quiz_block)):
                if block["mode"] == "practice":
                    block.extend(practice_answers(block))
        found = list(self.document.findall(quiz_nodes.QuizNode))
        for node in reversed(found):  # children before parents: a parent moves final children
            node.replace_self(node.plain())


def _list_select_options(fieldset: quiz_nodes.quiz_fieldset) -> None:
    """Order and match questions offer their items as select options; without selects, a
    reader needs them listed once, after the prompt."""
    fields = [field for field in fieldset.findall(quiz_nodes.quiz_field) if field["options"]]
    if not fields:
        return
    items = [
        nodes.list_item("", nodes.paragraph("", text)) for _value, text in fields[0]["options"]
    ]
    listing = [nodes.paragraph("", "Choose from:"), nodes.bullet_list("", *items)]
    fieldset.insert(fieldset.index(fields[0]), listing)


def setup_plain(app: Sphinx) -> None:
    """Let builders without the page script see generic nodes."""
    app.add_post_transform(PlainQuizTransform)
