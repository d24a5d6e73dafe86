"""Learner-controlled text made safe for the places outputs put it: file names, CSV cells
and Markdown pages.

Every output that names a file after a learner or puts a learner's text in a spreadsheet cell
uses these, so the gradebook, the feedback folders and the LMS exports agree on names.
Feedback pages are read in viewers and LMSs that render Markdown and HTML: learner text there
is a code span (a value shown as such) or escaped text (a sentence quoting learner input),
with whitespace collapsed so that it can never start a block of its own.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata


def safe_file_name(text: str) -> str:
    """One path component that cannot climb out of its folder, hide itself or be too long.

    Distinct texts give distinct names, on any file system: a text is kept as it is only when
    it is plain (letters, digits, ``.@+-_``), in lower case, in Unicode's composed form (NFC)
    and short; any other gets a short hash of itself, so "A b", "a_b", "..a_b", "Ab" in NFD
    and "ab" never share a folder, even where the file system ignores case or normalises.
    """
    cleaned = UNSAFE_CHARACTERS.sub("_", text).lstrip(".")
    if (
        cleaned == text
        and text
        and text == text.lower()
        and unicodedata.is_normalized("NFC", text)
        and len(text.encode("utf-8")) <= MAX_NAME_BYTES
    ):
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{_cut_to_bytes(cleaned, MAX_NAME_BYTES - 11) or '_'}-{digest}"


def _cut_to_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits in ``limit`` bytes."""
    encoded = text.encode("utf-8", "surrogatepass")[:limit]
    return encoded.decode("utf-8", "ignore")


UNSAFE_CHARACTERS = re.compile(r"[^\w.@+-]")
MAX_NAME_BYTES = 120
"""Far below the 255 bytes a file name may have, leaving room for ``-2.md`` and the like."""


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a learner-chosen name like ``=HYPERLINK(…)`` stays text.

    Scores never start with these characters (they are never negative), so only text changes.
    """
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&!~|#./@]")
"""Characters that can start inline markup, an entity or (with linkify on) a bare link."""
BLOCK_MARKER = re.compile(r"^(?:[-+=]|\d+\))")
"""What starts a list item when it opens the text (``- x``, ``+ x``, ``1) x``); the ``.`` of
``1. x`` is escaped anyway. Learner text never opens a line: whitespace is collapsed."""


def code_span(text: str) -> str:
    """``text`` as an inline code span that nothing in it can close early."""
    flat = " ".join(text.split()).replace("`", "'")
    return f"`` {flat} ``"


def escaped_text(text: str) -> str:
    """``text`` as Markdown that renders to exactly these characters (spacing collapsed)."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\g<0>", " ".join(text.split()))
    return BLOCK_MARKER.sub(_escaped_marker, escaped)


def _escaped_marker(match: re.Match[str]) -> str:
    marker = match.group()
    return marker[:-1] + "\\" + marker[-1]
