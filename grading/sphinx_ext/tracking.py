"""What the build environment remembers about quizzes: which document uses which quiz.

The records survive incremental and parallel builds (purged per document, merged from worker
processes). They drive two whole-book steps: checking graded questions' ``section:`` labels,
which the page does not link (a graded page gives no hints), and writing learner notebooks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from grading.sphinx_ext.diagnostics import CaioWarning, warn

ATTRIBUTE = "caio_quiz_uses"


@dataclass(frozen=True)
class QuizUse:
    """One ``quiz`` directive: where it is and what it needs checked later."""

    quiz_id: str
    graded: bool
    line: int
    sections: tuple[tuple[str, str], ...] = ()
    """``(question id, label)`` of graded questions, checked once all labels are known."""


def _uses(env: BuildEnvironment) -> dict[str, list[QuizUse]]:
    if not hasattr(env, ATTRIBUTE):
        setattr(env, ATTRIBUTE, {})
    return getattr(env, ATTRIBUTE)


def record_use(env: BuildEnvironment, use: QuizUse) -> None:
    """Remember that the document being read uses this quiz."""
    _uses(env).setdefault(env.docname, []).append(use)


def graded_quiz_ids(env: BuildEnvironment) -> list[str]:
    """Every graded quiz used anywhere in the book, sorted."""
    return sorted({use.quiz_id for uses in _uses(env).values() for use in uses if use.graded})


def all_uses(env: BuildEnvironment) -> Iterator[tuple[str, QuizUse]]:
    """``(docname, use)`` for every quiz directive in the book."""
    for docname, uses in sorted(_uses(env).items()):
        for use in uses:
            yield docname, use


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _uses(env).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = _uses(other)
    for docname in docnames:
        if docname in theirs:
            _uses(env)[docname] = theirs[docname]


def check_sections(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn for every graded question whose ``section:`` names no label in the book."""
    std = env.get_domain("std")
    known = set(std.labels) | set(std.anonlabels)  # type: ignore[attr-defined]
    for docname, use in all_uses(env):
        for question_id, label in use.sections:
            if label.lower() not in known:
                warn(
                    CaioWarning.section,
                    f"quiz {use.quiz_id!r} question {question_id}: section label "
                    f"{label!r} is not defined in the book",
                    (docname, use.line),
                )


def setup_tracking(app: Sphinx) -> None:
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-check-consistency", check_sections)
