"""The page script and style: shipped in ``static/``, linked only from pages with a quiz.

No CDN and no other host: the files are copied into ``_static`` of HTML builds only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from grading.sphinx_ext.nodes import quiz_block
from grading.sphinx_ext.plain import is_interactive

STATIC_DIR = Path(__file__).parent / "static"
STYLE = "quiz.css"
SCRIPTS = {
    "practice": ("scoring.js", "quiz.js"),
    "graded": ("submission.js",),
}
"""The scripts each quiz mode needs, in order (``quiz.js`` uses ``scoring.js``)."""


def add_static_path(app: Sphinx) -> None:
    """On ``builder-inited``: let web builders copy ``static/`` into ``_static``."""
    if is_interactive(app.builder):
        app.config.html_static_path.append(str(STATIC_DIR))


def link_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """On ``html-page-context``: link style and scripts from the pages that show a quiz."""
    if doctree is None:
        return
    modes = {block["mode"] for block in doctree.findall(quiz_block)}
    if modes:
        app.add_css_file(STYLE)
    for mode, scripts in SCRIPTS.items():
        if mode in modes:
            for script in scripts:
                app.add_js_file(script, defer="defer")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", link_assets)
