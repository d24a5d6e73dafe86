"""Sphinx extension for the CAIO Course: the ``quiz`` directive, its HTML and learner notebooks.

One module per job: :mod:`.config` (settings), :mod:`.directive` (parsing), :mod:`.practice`
and :mod:`.graded` (nodes per mode), :mod:`.controls` (form controls), :mod:`.html` (HTML
visitors), :mod:`.nodes` (nodes), :mod:`.plain` and :mod:`.plain_answers` (builders without
the page script, such as EPUB), :mod:`.tracking` (environment records), :mod:`.notebooks`
(learner notebooks), :mod:`.assets` (script and style), :mod:`.head_scripts` (no script
twice), :mod:`.accessibility` (repairs to the theme's HTML), :mod:`.epub` (e-book
defaults), :mod:`.languages` (language switcher, Vietnamese search), :mod:`.editions` (building
every edition).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from grading import __version__
from grading.sphinx_ext.accessibility import setup_accessibility
from grading.sphinx_ext.assets import setup_assets
from grading.sphinx_ext.config import setup_config
from grading.sphinx_ext.directive import setup_directive
from grading.sphinx_ext.epub import setup_epub
from grading.sphinx_ext.head_scripts import setup_head_scripts
from grading.sphinx_ext.html import setup_html
from grading.sphinx_ext.languages import setup_languages
from grading.sphinx_ext.notebooks import setup_notebooks
from grading.sphinx_ext.plain import setup_plain
from grading.sphinx_ext.tracking import setup_tracking


def setup(app: Sphinx) -> dict[str, Any]:
    """Wire every part of the extension into Sphinx."""
    for setup_part in (
        setup_config,
        setup_plain,
        setup_html,
        setup_directive,
        setup_tracking,
        setup_notebooks,
        setup_assets,
        setup_head_scripts,
        setup_accessibility,
        setup_epub,
        setup_languages,
    ):
        setup_part(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
