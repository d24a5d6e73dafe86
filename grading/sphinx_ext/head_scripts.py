"""Write each inline ``<script>`` of a page's ``<head>`` once.

Sphinx 7.4 keeps a script added with ``app.add_js_file(None, body=...)`` after the builder has
started (sphinx-thebe's settings, sphinx-togglebutton's selector) twice: once with the
file name ``None`` and once with ``''``, so the two copies never compare equal. The copies of
``const THEBE_JS_URL = ...`` then stop the page with "Identifier 'THEBE_JS_URL' has already
been declared". Fixed upstream by sphinx-doc/sphinx#13402, in a Sphinx 8 release that Jupyter
Book 1 (``sphinx~=7.0``) cannot use; this drops the second copy until then.
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx

AFTER_OTHER_PAGE_ASSETS = 900
"""Priority for ``html-page-context``: after every handler that adds a script (default 500)."""


def _script_key(script: Any) -> tuple[object, ...]:
    """What makes two scripts the same, with ``None`` and ``''`` as the same "no file"."""
    filename = getattr(script, "filename", script)
    attributes = getattr(script, "attributes", {})
    return (
        os.fspath(filename or ""),
        getattr(script, "priority", None),
        tuple(sorted((name, str(value)) for name, value in attributes.items())),
    )


def drop_repeated_scripts(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """On ``html-page-context``: keep the first of each script, in order, for this page only."""
    scripts = context.get("script_files")
    if not scripts:
        return
    unique: dict[tuple[object, ...], Any] = {}
    for script in scripts:
        unique.setdefault(_script_key(script), script)
    # A new list: the builder restores its own list before the next page.
    context["script_files"] = list(unique.values())


def setup_head_scripts(app: Sphinx) -> None:
    app.connect("html-page-context", drop_repeated_scripts, priority=AFTER_OTHER_PAGE_ASSETS)
