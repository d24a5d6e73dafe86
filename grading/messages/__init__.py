"""Interface strings in each edition's language, from one catalog per language.

``grading/messages/<lang>/*.yml`` are flat mappings of message keys to text with
``str.format`` placeholders (``"{points} of {max_points}"``); the files of one folder together
are that language's catalog, so each part of the package (feedback pages, learner notebooks,
the page's quiz controls) keeps its strings in a file of its own. English is the source:
every other language must have exactly its keys and placeholders (a test checks this).
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML

LANGUAGES = ("en", "de", "vi")
"""English, the source, first; then the editions translated from it."""

SOURCE_LANGUAGE = "en"
CATALOG_FOLDER = Path(__file__).parent


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every message of ``lang``; an unknown language is a ``KeyError``, not English."""
    if lang not in LANGUAGES:
        raise KeyError(f"no message catalog for language {lang!r} (have {', '.join(LANGUAGES)})")
    messages: dict[str, str] = {}
    for path in sorted((CATALOG_FOLDER / lang).glob("*.yml")):
        document = YAML(typ="safe", pure=False).load(path.read_text(encoding="utf-8")) or {}
        messages.update({str(key): str(text) for key, text in document.items()})
    return messages


def message(lang: str, key: str, **values: object) -> str:
    """The text of ``key`` in ``lang`` with its placeholders filled in."""
    return catalog(lang)[key].format(**values)


def placeholders(text: str) -> set[str]:
    """The names of a message's ``{placeholders}``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
