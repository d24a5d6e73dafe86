"""EPUB defaults, so the book builds as an e-book without a ``sphinx: config:`` block.

EPUB 3 needs a version (a book that sets none gets the course package's release) and takes
its title and file name from ``project``, which Jupyter Book leaves unset (it sets
``html_title``). Jupyter Book's redirecting ``index.html`` is no part of the e-book.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from grading import __version__

UNSET_PROJECT = "Project name not set"
"""Sphinx's default ``project``."""


def epub_defaults(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: fill in what an e-book needs and the book did not say."""
    if config.project == UNSET_PROJECT and config.html_title:
        config.project = config.html_title
    if "index.html" not in config.epub_exclude_files:
        config.epub_exclude_files = [*config.epub_exclude_files, "index.html"]
    if not config.version:
        config.version = __version__
    if not config.release:
        config.release = config.version


def setup_epub(app: Sphinx) -> None:
    app.connect("config-inited", epub_defaults)
