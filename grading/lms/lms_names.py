"""Whose submission an entry of a Canvas or Moodle bulk download is, read from its name alone.

The names follow the LMSs' own code:

* **Canvas** (``ContentZipper``) names every uploaded file
  ``<sortable name>_<user id>_<attachment id>_<original name>``: the sortable name lowercased
  with everything but word characters removed (``Smith, John`` → ``smithjohn``), ``_LATE`` before
  the user id when the submission was late, and ``anon_<anonymous id>`` instead of name and user
  id under anonymous grading. Older Canvas wrote ``<name>-late_<user id>_…`` or
  ``<name>late_<user id>_…``. The learner id keeps the user id (``smithjohn_12345``), so two
  John Smiths stay two learners; "late" is a flag, not part of the id.
* **Moodle** (``mod_assign\\downloader``) names a folder per learner
  ``<Full Name>_<participant id>_assignsubmission_file`` (Moodle 4.1 on; before, with a trailing
  ``_``), or, with "download submissions in folders" off, prefixes each file with
  ``<Full Name>_<participant id>_assignsubmission_file_``. Under blind marking the full name is
  ``Participant``. The learner id is ``Ada-Lovelace-42``; the participant id is what Moodle's
  offline grading worksheet shows as ``Participant 42``.

Each parsed entry also keeps the prefix under which the LMS takes a file back for that learner
(Canvas's "Upload submissions" reads the first two numeric ``_`` parts as user and attachment
id; Moodle's feedback-files import reads ``<name>_<participant id>_<plugin type>_<plugin>``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import PurePosixPath
from typing import Any

CANVAS_ANONYMOUS = re.compile(
    r"^(?:(?P<late>LATE)_)?anon_(?P<anonymous>[A-Za-z0-9]+)_(?P<attachment>\d+)_(?P<file>.+)$"
)
CANVAS_NAMED = re.compile(
    r"^(?P<name>.*?)(?P<old_late>-?late)?_(?:(?P<late>LATE)_)?(?P<user>\d+)_(?P<attachment>\d+)_"
    r"(?P<file>.+)$"
)
MOODLE_ENTRY = re.compile(
    r"^(?P<name>[^/]+?)_(?P<participant>\d+)_assignsubmission_(?P<plugin>[a-z0-9]+)"
    r"(?P<separator>_?/|_)(?P<file>.+)$"
)
UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f<>:"/\\|?*\s]+')


class Lms(str, Enum):
    """Whose file naming the zip follows; ``auto`` looks for Moodle's marker, else Canvas."""

    canvas = "canvas"
    moodle = "moodle"
    auto = "auto"


@dataclass(frozen=True)
class LmsLearner:
    """One learner of an LMS download, as the LMS identifies them."""

    learner: str
    """The learner id used in the gradebook and results (a safe folder name)."""
    lms: str
    late: bool = False
    """Canvas marked the submission late."""
    user_id: str | None = None
    """Canvas user id: the ``ID`` column of Canvas's gradebook."""
    anonymous_id: str | None = None
    """Canvas anonymous-grading id; no user id is known then."""
    participant_id: str | None = None
    """Moodle participant id: ``Participant <id>`` in the offline grading worksheet."""
    full_name: str | None = None
    """Moodle full name as written in the download (``Participant`` under blind marking)."""
    upload_prefix: str = ""
    """Name prefix under which the LMS takes a file back for this learner."""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ParsedEntry:
    """A notebook entry placed: the learner and the file name inside their folder."""

    who: LmsLearner
    file: str


def parse_entry(parts: tuple[str, ...], lms: Lms) -> ParsedEntry | None:
    """The learner and file name of a zip entry (path parts), or None when the name fits not."""
    if lms is Lms.moodle:
        return _moodle(parts)
    return _canvas(parts[-1])


def safe_name(text: str) -> str:
    """One path segment: spaces and characters file systems reject become ``-``; no dot first."""
    return UNSAFE_IN_NAMES.sub("-", text).strip("-").lstrip(".")


def _canvas(name: str) -> ParsedEntry | None:
    anonymous = CANVAS_ANONYMOUS.match(name)
    if anonymous:
        learner = safe_name(f"anon_{anonymous['anonymous']}")
        who = LmsLearner(
            learner=learner,
            lms=Lms.canvas.value,
            late=bool(anonymous["late"]),
            anonymous_id=anonymous["anonymous"],
            upload_prefix=anonymous.string[: anonymous.start("file")],
        )
        return _entry(who, anonymous["file"])
    named = CANVAS_NAMED.match(name)
    if named is None:
        return None
    user, name = named["user"], named["name"].rstrip("_-")
    learner = safe_name(f"{name}_{user}" if name else f"user_{user}")
    who = LmsLearner(
        learner=learner,
        lms=Lms.canvas.value,
        late=bool(named["late"] or named["old_late"]),
        user_id=user,
        upload_prefix=named.string[: named.start("file")],
    )
    return _entry(who, named["file"])


def _moodle(parts: tuple[str, ...]) -> ParsedEntry | None:
    found = MOODLE_ENTRY.match("/".join(parts))
    if found is None or found["plugin"] != "file":
        return None
    folder = f"{found['name']}_{found['participant']}_assignsubmission_file"
    who = LmsLearner(
        learner=safe_name(f"{found['name']}-{found['participant']}"),
        lms=Lms.moodle.value,
        participant_id=found["participant"],
        full_name=found["name"],
        upload_prefix=folder + found["separator"],
    )
    return _entry(who, PurePosixPath(found["file"]).name)


def _entry(who: LmsLearner, file: str) -> ParsedEntry | None:
    file = safe_name(file)
    return ParsedEntry(who, file) if who.learner and file else None
