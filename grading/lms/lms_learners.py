"""``OUT/lms_learners.json``: who each learner of an LMS download is in that LMS.

``caio grade-zip`` writes it beside results.json (replaced with the rest of OUT), so that the
commands that send grades and feedback back (:mod:`grading.lms.grade_sheets`,
:mod:`grading.lms.feedback_zip`) match learners by the LMS's own ids, never by name guesses.
A folder graded with ``caio grade`` has no such file: its learners are matched by e-mail or
name instead.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from grading.errors import GradingError
from grading.lms.lms_names import LmsLearner

LMS_LEARNERS_FILE = "lms_learners.json"
FIELDS = frozenset(LmsLearner.__dataclass_fields__)


def lms_learners_document(lms: str, learners: tuple[LmsLearner, ...]) -> bytes:
    """The file's bytes: the LMS and one entry per learner, sorted by learner id."""
    document = {"lms": lms, "learners": [who.as_json() for who in learners]}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def load_lms_learners(out: Path) -> dict[str, LmsLearner]:
    """Learner id → LMS identity, from OUT; empty when OUT was not graded from an LMS zip."""
    path = out / LMS_LEARNERS_FILE
    if not path.is_file():
        return {}
    try:
        document = orjson.loads(path.read_bytes())
        entries = [
            LmsLearner(**{key: value for key, value in entry.items() if key in FIELDS})
            for entry in document["learners"]
        ]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError) as error:
        raise GradingError(f"{path} is damaged ({error}); grade the zip again") from error
    return {who.learner: who for who in entries}
