"""A zip of feedback pages that the LMS takes back and hands to each learner.

* **Moodle** ("Upload multiple feedback files in a zip", assignfeedback_file): the importer
  reads the participant id from a path part ``<name>_<participant id>_<plugin type>_<plugin>``
  and imports every file that is new or changed. Each page goes under the learner's own folder
  (or file prefix) from the download, as ``<quiz>-feedback.md``.
* **Canvas** ("Upload submissions" on the assignment's submissions page): Canvas takes the
  first two numeric ``_``-separated parts of a file name as user id and the id of a file the
  learner submitted, and attaches the file as a comment. Each page is named
  ``<download prefix><quiz>-feedback.md``, e.g. ``smithjohn_12345_111_caio-…-feedback.md``.
  Under anonymous grading the download names carry no user id, so those learners are left out.

Only learners graded from an LMS zip (``OUT/lms_learners.json``) can be named this way; the
others are listed as left out. Entries carry a fixed date: the same OUT gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from grading.atomic_write import write_atomically
from grading.errors import GradingError
from grading.lms.lms_learners import load_lms_learners
from grading.results.feedback_layout import FEEDBACK_FOLDER, LearnerPage, pages_by_learner
from grading.results.safe_text import safe_file_name

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
SUFFIX = "-feedback.md"


@dataclass
class FeedbackZip:
    """What went into the zip and who could not be named for the LMS."""

    entries: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def write_feedback_zip(out: Path, path: Path) -> FeedbackZip:
    """Write every LMS learner's feedback pages from ``out`` into the zip at ``path``."""
    identities = load_lms_learners(out)
    if not identities:
        raise GradingError(
            f"{out} was not graded from an LMS zip (no lms_learners.json): "
            "grade the Canvas or Moodle download with caio grade-zip"
        )
    pages = pages_by_learner(out / FEEDBACK_FOLDER)
    outcome = FeedbackZip()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for learner, who in sorted(identities.items()):
            if who.lms == "canvas" and who.user_id is None:
                outcome.left_out.append(f"{learner} (anonymous in Canvas: no user id)")
                continue
            for page in pages.get(safe_file_name(learner), []):
                name = who.upload_prefix + _entry_stem(page).lstrip("_") + SUFFIX
                entry = zipfile.ZipInfo(name, date_time=FIXED_DATE)
                bundle.writestr(entry, page.path.read_bytes(), zipfile.ZIP_DEFLATED)
                outcome.entries.append(name)
    known = {safe_file_name(learner) for learner in identities}
    outcome.left_out += sorted(f"{name} (not from the LMS zip)" for name in pages.keys() - known)
    write_atomically(path, buffer.getvalue())
    return outcome


def _entry_stem(page: LearnerPage) -> str:
    """What names the page in the zip: its quiz (``objectives``, ``unidentified`` for the
    special folders) and ``-2`` for a second notebook of the quiz."""
    return page.folder + ("" if page.copy == 1 else f"-{page.copy}")
