"""Learner notebooks: written into the HTML output when the build ends, next to the pages.

Each graded quiz used in the book gets ``<outdir>/<caio_notebook_dir>/<id>.ipynb`` from
:func:`grading.notebooks.build.write_learner_notebook`, which reads the learner-safe view only.
Writing them on every build keeps them in step with the YAML even when no page was re-read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx
from sphinx.config import Config

from grading.errors import GradingError
from grading.messages import LANGUAGES, SOURCE_LANGUAGE
from grading.notebooks.build import build_learner_notebook, write_learner_notebook
from grading.quiz.loading import find_quiz
from grading.quiz.model import Quiz
from grading.quiz.translations import quiz_in_language
from grading.sphinx_ext.config import QuizSettings
from grading.sphinx_ext.diagnostics import CaioWarning, warn
from grading.sphinx_ext.plain import is_interactive
from grading.sphinx_ext.tracking import graded_quiz_ids


def notebook_target(settings: QuizSettings, quiz_id: str) -> str:
    """The notebook's path in the output folder, with ``/`` (it is also the link's URL)."""
    return f"{settings.notebook_dir.strip('/')}/{quiz_id}.ipynb"


def edition_language(config: Config) -> str:
    """The book's language if it has an edition of quizzes, else English (the source)."""
    language = config.language or SOURCE_LANGUAGE
    return language if language in LANGUAGES else SOURCE_LANGUAGE


def learner_notebook_json(quiz: Quiz, lang: str) -> dict[str, Any]:
    """The learner notebook exactly as it is written to disk, parsed: the page carries it so
    that the page script can fill in the answers without fetching a file."""
    return json.loads(nbformat.writes(build_learner_notebook(quiz, lang)))


def write_notebooks(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished`` of a web build: write the notebook of every graded quiz."""
    if exception is not None or not is_interactive(app.builder):
        return
    settings = QuizSettings.from_config(app.config)
    folder = settings.quiz_folder(app.confdir)
    lang = edition_language(app.config)
    for quiz_id in graded_quiz_ids(app.env):
        target = Path(app.outdir) / notebook_target(settings, quiz_id)
        try:
            quiz = quiz_in_language(folder, find_quiz(folder, quiz_id), lang)
            written = write_learner_notebook(quiz, target.parent, lang)
        except (GradingError, OSError, ValueError) as error:
            # The page already warned about an unreadable quiz; this covers the rest.
            warn(CaioWarning.notebook, f"cannot write the notebook of quiz {quiz_id!r}: {error}")
            continue
        if written != target:
            written.replace(target)


def setup_notebooks(app: Sphinx) -> None:
    app.connect("build-finished", write_notebooks)
