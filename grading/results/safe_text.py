"""Learner-controlled text made safe for the places outputs put it: file names and CSV cells.

Every output that names a file after a learner or puts a learner's text in a spreadsheet cell
uses these, so the gradebook, the feedback folders and the LMS exports agree on names.
"""

from __future__ import annotations

import hashlib
import re


def safe_file_name(text: str) -> str:
    """One path component that cannot climb out of its folder or hide itself.

    Distinct texts give distinct names: a text that had to be changed ("a b" → "a_b") gets a
    short hash of itself, so it never lands on the page of a learner really called "a_b".
    """
    cleaned = UNSAFE_CHARACTERS.sub("_", text).lstrip(".")[:MAX_NAME]
    if cleaned == text and cleaned:
        return cleaned
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{cleaned[: MAX_NAME - 11] or '_'}-{digest}"


UNSAFE_CHARACTERS = re.compile(r"[^\w.@+-]")
MAX_NAME = 100


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a learner-chosen name like ``=HYPERLINK(…)`` stays text.

    Scores never start with these characters (they are never negative), so only text changes.
    """
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
