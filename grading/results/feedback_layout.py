"""Where each learner's feedback pages are: ``feedback/<quiz>/<learner>.md``.

One folder per quiz (one LMS assignment), one page per learner in it, rather than a folder
per learner: a folder is a second new inode per learner, and writing the pages with a folder
each took 1.4 to 2 times as long as the pages alone on a journalled ext4 and in memory
(``benchmarks/folder_creation.py``, figures in the README).
``caio grade`` writes these pages, ``caio report`` adds the mastery pages, ``caio feedback-zip``
reads them all back; this module is the one place that knows the names.

* a quiz's pages: ``feedback/<quiz>/<learner>.md``; a second notebook of the same quiz from the
  same learner ``<learner> (2).md``, a third ``<learner> (3).md``. :func:`safe_file_name` never
  gives a name with a space or a parenthesis, so no learner's page can take another's name;
* notebooks of no known quiz (and a page whose rendering failed): ``feedback/_unidentified/``;
* each learner's mastery per objective: ``feedback/_objectives/<learner>.md``.

The two special folders start with an underscore, which no quiz id can (ids start with a
letter or digit), so they never meet a quiz's folder.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from grading.results.safe_text import safe_file_name

FEEDBACK_FOLDER = "feedback"
OBJECTIVES_FOLDER = "_objectives"
UNIDENTIFIED_FOLDER = "_unidentified"


def quiz_folder_name(quiz: str | None) -> str:
    """The folder of a quiz's pages; notebooks of no known quiz share ``_unidentified``."""
    return safe_file_name(quiz) if quiz else UNIDENTIFIED_FOLDER


def page_name(learner: str, copy: int = 1) -> str:
    """The name of a learner's page in a folder: the ``copy``-th notebook of that quiz."""
    name = safe_file_name(learner)
    return f"{name}.md" if copy == 1 else f"{name} ({copy}).md"


class LearnerPage(NamedTuple):
    """One page found in a feedback folder: whose, which folder, which copy."""

    folder: str
    """The quiz's folder name, or ``_unidentified`` or ``_objectives``."""
    copy: int
    path: Path


def pages_by_learner(feedback: Path) -> dict[str, list[LearnerPage]]:
    """Every page under ``feedback``, by the learner's file name (:func:`safe_file_name`),
    each learner's sorted by folder and copy. Files not named as pages are left out."""
    if not feedback.is_dir():
        return {}
    pages: dict[str, list[LearnerPage]] = defaultdict(list)
    for folder in sorted(entry for entry in feedback.iterdir() if entry.is_dir()):
        for path in folder.iterdir():
            match = PAGE_NAME.fullmatch(path.name)
            if match:
                copy = int(match["copy"] or 1)
                pages[match["learner"]].append(LearnerPage(folder.name, copy, path))
    return {learner: sorted(found) for learner, found in pages.items()}


PAGE_NAME = re.compile(r"(?P<learner>[^ ]+?)(?: \((?P<copy>[2-9]|[1-9]\d+)\))?\.md")
"""``<learner>.md`` or ``<learner> (<n>).md`` with n ≥ 2, as :func:`page_name` writes them."""
