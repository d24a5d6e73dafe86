"""The page script and style: shipped in ``static/``, linked only from pages with a quiz.

No CDN and no other host: the files are copied into ``_static`` of HTML builds only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from grading.sphinx_ext.nodes import quiz_block

STATIC_DIR = Path(__file__).parent / "static"
SCRIPT = "quiz.js"
STYLE = "quiz.css"


def add_static_path(app: Sphinx) -> None:
    """On ``builder-inited``: let HTML builders copy ``static/`` into ``_static``."""
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))


def link_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """On ``html-page-context``: link script and style from the pages that show a quiz."""
    if doctree is not None and any(doctree.findall(quiz_block)):
        app.add_css_file(STYLE)
        app.add_js_file(SCRIPT, defer="defer")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", link_assets)
