"""The ``quiz`` directive: ```` ```{quiz} <quiz-id> ```` renders ``<caio_quiz_dir>/<id>.yml``.

A missing or invalid quiz is a ``caio.quiz`` warning at the directive's line, never a crash:
the page builds without the quiz and ``-W`` turns the warning into a failed build.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from grading.errors import QuizDefinitionError, QuizNotFoundError
from grading.messages import SOURCE_LANGUAGE
from grading.quiz.loading import QUIZ_SUFFIX, find_quiz
from grading.quiz.model import Quiz, QuizMode
from grading.quiz.public import public_quiz
from grading.quiz.translations import quiz_in_language
from grading.sphinx_ext import nodes as quiz_nodes
from grading.sphinx_ext.config import QuizSettings
from grading.sphinx_ext.diagnostics import CaioWarning, warn
from grading.sphinx_ext.graded import graded_nodes
from grading.sphinx_ext.markup import MarkdownReader
from grading.sphinx_ext.notebooks import edition_language, learner_notebook_json, notebook_target
from grading.sphinx_ext.practice import practice_nodes
from grading.sphinx_ext.tracking import QuizUse, record_use

QUIZ_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class QuizDirective(SphinxDirective):
    """Render one quiz: interactive if ``mode: practice``, questions + notebook if graded."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        quiz_id = self.arguments[0]
        location = (self.env.docname, self.lineno)
        if not QUIZ_ID.match(quiz_id):
            warn(CaioWarning.quiz, f"invalid quiz id {quiz_id!r} (use a-z, 0-9, -)", location)
            return []
        settings = QuizSettings.from_config(self.config)
        folder = settings.quiz_folder(self.env.app.confdir)
        self.env.note_dependency(str(folder / f"{quiz_id}{QUIZ_SUFFIX}"))
        if self.edition != SOURCE_LANGUAGE:
            self.env.note_dependency(str(folder / self.edition / f"{quiz_id}{QUIZ_SUFFIX}"))
        try:
            quiz = quiz_in_language(folder, find_quiz(folder, quiz_id), self.edition)
        except QuizNotFoundError as error:
            warn(CaioWarning.quiz, f"unknown quiz {quiz_id!r}: {error}", location)
            return []
        except (QuizDefinitionError, ValueError) as error:
            warn(CaioWarning.quiz, f"invalid quiz {quiz_id!r}:\n{error}", location)
            return []
        if quiz.chapter and quiz.chapter != self.env.docname:
            warn(
                CaioWarning.quiz,
                f"quiz {quiz_id!r} declares chapter {quiz.chapter!r} but is used here",
                location,
            )
        return [self._render(quiz, settings)]

    @property
    def edition(self) -> str:
        """The language of the book being built: its quizzes and notebooks are in it too."""
        return edition_language(self.config)

    def _render(self, quiz: Quiz, settings: QuizSettings) -> quiz_nodes.quiz_block:
        serial = self.env.new_serialno(f"caio-quiz-{quiz.id}")
        html_id = f"caio-quiz-{quiz.id}" + (f"-{serial + 1}" if serial else "")
        source, _ = self.get_source_info()
        reader = MarkdownReader(self, source)
        graded = quiz.mode is QuizMode.graded
        block = quiz_nodes.quiz_block(quiz_id=quiz.id, mode=quiz.mode.value, html_id=html_id)
        self.set_source_info(block)
        title = reader.inline(quiz.title)
        block += quiz_nodes.quiz_title("", *title, html_id=f"{html_id}-title")
        if quiz.intro:
            block += nodes.container("", *reader.blocks(quiz.intro), classes=["caio-quiz-intro"])
        if graded:
            view = public_quiz(quiz)  # the only source of a graded page: no key, no explanations
            notebook = learner_notebook_json(quiz, self.edition)
            target = notebook_target(settings, quiz.id)
            block.extend(graded_nodes(view, reader, html_id, target, notebook, self.edition))
        else:
            block.extend(practice_nodes(quiz, reader, html_id, self.env.docname, self.edition))
        for xref in block.findall(addnodes.pending_xref):
            if xref.line is None:
                self.set_source_info(xref)
        sections = tuple(
            (question.id, question.section)
            for question in quiz.questions
            if graded and question.section
        )
        record_use(self.env, QuizUse(quiz.id, graded, self.lineno, sections))
        return block


def setup_directive(app: Sphinx) -> None:
    app.add_directive("quiz", QuizDirective)
