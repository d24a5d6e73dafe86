"""Repairs to the theme's and Sphinx's HTML that accessibility checkers (axe-core) report.

None of these come from the quizzes, and the templates that write them belong to other
packages (pydata-sphinx-theme's navigation, Sphinx's citation list), so the finished pages are
patched when the build ends. Each repair is a replacement that does nothing once
applied, so rebuilding is safe; the browser tests scan every page to show they still apply.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sphinx.application import Sphinx

from grading.messages import SOURCE_LANGUAGE, message
from grading.sphinx_ext.notebooks import edition_language
from grading.sphinx_ext.plain import is_interactive

REPAIRS: tuple[tuple[str, str, str], ...] = (
    (
        "label-content-name-mismatch: the search button shows 'Search Ctrl+K' (in the edition's "
        "language) but is named 'Search'; without aria-label it is named by what it shows",
        r'(search-button__button pst-js-only" title="[^"]*") aria-label="[^"]*"',
        r"\1",
    ),
    (
        "label-content-name-mismatch: the colour mode button's icons carry titles (Light, "
        "Dark, System Settings) that its name 'Color mode' does not include; they are "
        "decoration",
        r'<i class="theme-switch ',
        '<i aria-hidden="true" class="theme-switch ',
    ),
    (
        "summary-name: the navigation's expand toggle is an icon with no name",
        r'<summary><span class="toctree-toggle" role="presentation">',
        '<summary aria-label="{toggle_name}"><span class="toctree-toggle" role="presentation">',
    ),
    (
        "aria-required-children and aria-deprecated-role: a role=list of doc-biblioentry "
        "(deprecated in ARIA 1.3) becomes a list of list items",
        r'role="doc-biblioentry"',
        'role="listitem"',
    ),
)
"""``(why, a regular expression for what the page says, what it should say)``; the
replacement's ``{toggle_name}`` is the edition's name for the toggle."""


def repair_html(text: str, lang: str = SOURCE_LANGUAGE) -> str:
    """Apply every repair to one page's HTML in the edition ``lang``."""
    toggle_name = html.escape(message(lang, "book.toggle_sections"), quote=True)
    for _why, pattern, replacement in REPAIRS:
        text = re.sub(pattern, replacement.replace("{toggle_name}", toggle_name), text)
    return text


def repair_pages(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished`` of an HTML build: repair every page written."""
    if exception is not None or not is_interactive(app.builder):
        return
    lang = edition_language(app.config)
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        repaired = repair_html(text, lang)
        if repaired != text:
            page.write_text(repaired, encoding="utf-8")


def setup_accessibility(app: Sphinx) -> None:
    app.connect("build-finished", repair_pages)
