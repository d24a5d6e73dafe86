"""The quiz's docutils nodes, and how they become generic nodes for builders other than HTML.

HTML comes from the visitors in :mod:`grading.sphinx_ext.html`. Every other builder (text,
LaTeX, man, EPUB, …) gets the same doctree after :mod:`grading.sphinx_ext.plain` has replaced
each node by what :meth:`QuizNode.plain` returns: readable text without form controls, answer
key or feedback, so no builder needs to know these nodes.
"""

from __future__ import annotations

from docutils import nodes

# Node classes are lower case, as docutils' own are: the HTML translator looks up
# ``visit_<class name>``.


class QuizNode(nodes.General, nodes.Element):
    """Base of the quiz nodes: ``plain()`` says what a non-HTML builder gets instead."""

    def plain(self) -> list[nodes.Node]:
        """Keep the children in a neutral container."""
        return [nodes.container("", *self.children, classes=self["classes"])]


class quiz_block(QuizNode):
    """A whole quiz. Attributes: ``quiz_id``, ``mode``, ``html_id``."""


class quiz_title(QuizNode):
    """The quiz title, a heading in HTML. Attribute: ``html_id``."""

    def plain(self) -> list[nodes.Node]:
        return [nodes.rubric("", "", *self.children)]


class quiz_question(QuizNode):
    """One practice question: a form. Attributes: ``question_id``, ``qtype``, ``html_id``."""


class quiz_fieldset(QuizNode):
    """The group of a question's inputs. Attribute: ``describedby`` (an id or empty)."""


class quiz_legend(QuizNode):
    """The group's accessible name: question number, points and (short) prompt."""

    def plain(self) -> list[nodes.Node]:
        return [nodes.paragraph("", "", *self.children)]


class quiz_choice(QuizNode):
    """A radio button or checkbox with its label (the children).

    Attributes: ``input_type`` (radio/checkbox), ``name``, ``value``, ``html_id``, ``label``.
    """

    def plain(self) -> list[nodes.Node]:
        marker = [nodes.strong("", f"{self['label']}."), nodes.Text(" ")] if self["label"] else []
        return [nodes.paragraph("", "", *marker, *self.children)]


class quiz_field(QuizNode):
    """A labelled input: the children are the label.

    Attributes: ``kind`` (number, text or select), ``name``, ``html_id`` and, for selects,
    ``options`` (a list of ``[value, text]`` pairs) and ``premise`` (a match premise label).
    """

    def plain(self) -> list[nodes.Node]:
        return [nodes.paragraph("", "", *self.children, nodes.Text(": ________"))]


class quiz_actions(QuizNode):
    """The Check and Try again buttons and the live region that announces feedback."""

    def plain(self) -> list[nodes.Node]:
        return []


class quiz_explanation(QuizNode):
    """Explanation and section link, hidden in HTML until the learner checks an answer."""

    def plain(self) -> list[nodes.Node]:
        return []


class quiz_key(QuizNode):
    """A practice quiz's scoring data, emitted as a JSON blob. Attribute: ``payload``."""

    def plain(self) -> list[nodes.Node]:
        return []


class quiz_download(QuizNode):
    """A link to a learner notebook in the HTML output. Attribute: ``target`` (output path)."""

    def plain(self) -> list[nodes.Node]:
        return [nodes.literal("", self["target"].rsplit("/", 1)[-1])]


class quiz_instructions(QuizNode):
    """How to take a graded quiz in the page or in Jupyter (the children). Attribute:
    ``notebook`` (the notebook's file name). Without the page script only Jupyter is left."""

    def plain(self) -> list[nodes.Node]:
        return [
            nodes.paragraph(
                "",
                "",
                nodes.strong("", "Graded quiz. "),
                nodes.Text(
                    "Take it in the web version of this book, or in Jupyter with the notebook "
                ),
                nodes.literal("", self["notebook"]),
                nodes.Text(", and hand in the file to your instructor."),
            )
        ]


class quiz_submission(QuizNode):
    """A graded quiz's in-page submission panel: learner name, download, clear, status.

    Attributes: ``quiz_id``, ``html_id``. Only the page script makes it work, so other
    builders leave it out.
    """

    def plain(self) -> list[nodes.Node]:
        return []


class quiz_notebook(QuizNode):
    """A graded quiz's learner notebook as a JSON blob, for the page script to fill in.

    Attribute: ``payload`` (the notebook as ``caio notebooks`` writes it; it holds no key).
    """

    def plain(self) -> list[nodes.Node]:
        return []


QUIZ_NODES: tuple[type[QuizNode], ...] = (
    quiz_block,
    quiz_title,
    quiz_question,
    quiz_fieldset,
    quiz_legend,
    quiz_choice,
    quiz_field,
    quiz_actions,
    quiz_explanation,
    quiz_key,
    quiz_download,
    quiz_instructions,
    quiz_submission,
    quiz_notebook,
)
