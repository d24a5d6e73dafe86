"""Every warning the quiz extension emits, as a kind users can silence, and one way to emit it.

Warnings carry ``type="caio"`` and a subtype from :class:`CaioWarning`, so a book can write
``suppress_warnings = ["caio.section"]``; with ``-W`` they fail the build like Sphinx's own.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

LOGGER = logging.getLogger(__name__)


class CaioWarning(str, Enum):
    """The kinds of problem the extension reports."""

    quiz = "quiz"
    """A quiz id names no file, or its YAML file is invalid."""
    config = "config"
    """A ``caio_*`` configuration value is invalid; the default is used instead."""
    section = "section"
    """A graded question's ``section:`` label names no target in the book."""
    notebook = "notebook"
    """A graded quiz's learner notebook could not be written."""


def warn(kind: CaioWarning, message: str, location: Any = None) -> None:
    """Log a Sphinx warning of this kind; ``location`` is a node, ``(docname, line)`` or text."""
    LOGGER.warning(message, type="caio", subtype=kind.value, location=location)
