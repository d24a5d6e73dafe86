"""Editions in several languages: the language switcher, and search for Vietnamese.

With ``caio_editions`` set (the editions build sets it; see :mod:`.editions`), every page gets a
sidebar list of the same page in each edition, as relative links between the sibling folders
``<lang>/``, so it works from the file system too. Sphinx's German and Vietnamese
catalogs leave some search page messages empty: :func:`complete_search_messages` fills them
in from our catalog. Sphinx has no Vietnamese search language:
:class:`SearchVietnamese` indexes and looks up words with their diacritics folded (``lĩnh
vực`` and ``linh vuc`` find the same pages).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search import SearchLanguage

from grading.messages import LANGUAGES, SOURCE_LANGUAGE, message

TEMPLATES = Path(__file__).parent / "templates"
SWITCHER_TEMPLATE = "caio-editions.html"
SWITCHER_STYLE = "editions.css"
"""In the extension's static folder; linked from every page, as the switcher is on each."""
THEME_SIDEBARS = ["navbar-logo.html", "icon-links.html", "search-button-field.html"]
"""sphinx-book-theme's sidebar before its navigation; the switcher goes after these."""


def fold_vietnamese(word: str) -> str:
    """Lower case without diacritics, đ as d: what a reader without Vietnamese keys types."""
    decomposed = unicodedata.normalize("NFD", word.lower()).replace("đ", "d")
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class SearchVietnamese(SearchLanguage):
    """Vietnamese search: words as written, folded the same way in the index and the query."""

    lang = "vi"
    language_name = "Vietnamese"
    js_stemmer_code = """
var Stemmer = function() {
  this.stemWord = function(word) {
    return word.toLowerCase().normalize("NFD").replace(/\u0111/g, "d")
      .replace(/\\p{M}/gu, "");
  };
};
"""

    def split(self, input: str) -> list[str]:
        return super().split(unicodedata.normalize("NFC", input))

    def stem(self, word: str) -> str:
        return fold_vietnamese(word)


def add_switcher(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: show the switcher in the sidebar when there are editions."""
    if not config.caio_editions:
        return
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    app.add_css_file(SWITCHER_STYLE)
    sidebars = dict(config.html_sidebars or {})
    sidebars.setdefault("**", [*THEME_SIDEBARS, SWITCHER_TEMPLATE, "sbt-sidebar-nav.html"])
    config.html_sidebars = sidebars


def edition_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """On ``html-page-context``: the same page in every edition, relative to this page."""
    editions = app.config.caio_editions
    if not editions:
        return
    current = app.config.language or "en"
    up = "../" * (pagename.count("/") + 1)
    context["caio_edition_label"] = message(current, "book.language")
    context["caio_edition_links"] = [
        {
            "lang": lang,
            "name": message(lang, "book.language_name"),
            "href": f"{up}{lang}/{pagename}.html",
            "current": lang == current,
        }
        for lang in editions
    ]


SEARCH_MESSAGES = {
    "Search Results": "search.results",
    "Search finished, found ${resultCount} page(s) matching the search query.": "search.finished",
    "Your search did not match any documents. Please make sure that all words are spelled "
    "correctly and that you've selected enough categories.": "search.no_match",
    "Searching": "search.searching",
    "Preparing search...": "search.preparing",
    ", in ": "search.in",
    "Hide Search Matches": "search.hide_matches",
}
"""The search page script's messages (Sphinx's msgids) → our catalog's keys."""
TRANSLATIONS_SCRIPT = re.compile(r"Documentation\.addTranslations\((\{.*\})\);", re.DOTALL)


def complete_search_messages(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished``: fill in the search messages Sphinx's catalog leaves empty.

    Sphinx's German and Vietnamese catalogs translate some of them as "", so the search page
    said nothing when it finished (Vietnamese: no heading either). Only empty ones are filled.
    """
    lang = app.config.language or SOURCE_LANGUAGE
    script = Path(app.outdir) / "_static" / "translations.js"
    if exception is not None or lang == SOURCE_LANGUAGE or not script.is_file():
        return
    text = script.read_text(encoding="utf-8")
    found = TRANSLATIONS_SCRIPT.search(text)
    if found is None or lang not in LANGUAGES:
        return
    catalog = json.loads(found.group(1))
    messages = catalog.setdefault("messages", {})
    for msgid, key in SEARCH_MESSAGES.items():
        if not messages.get(msgid):
            messages[msgid] = message(lang, key)
    filled = f"Documentation.addTranslations({json.dumps(catalog, ensure_ascii=False)});"
    script.write_text(text[: found.start()] + filled + text[found.end() :], encoding="utf-8")


def setup_languages(app: Sphinx) -> None:
    app.add_config_value("caio_editions", [], "html", types=[list])
    app.add_search_language(SearchVietnamese)
    app.connect("config-inited", add_switcher)
    app.connect("html-page-context", edition_links)
    app.connect("build-finished", complete_search_messages)
