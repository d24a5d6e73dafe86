"""What the grader is given of one submitted file: whose it is and where to read it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SubmissionFile:
    """One notebook file handed in, with the learner it belongs to."""

    learner: str
    """The learner's folder or file-name prefix; bytes that are not UTF-8 appear as ``\\xff``."""
    path: Path
    relative: str
    """Path below the submissions folder, with forward slashes (stable across systems), in
    the same readable form as ``learner``."""
    name_hints: tuple[str, ...]
    """Folder names and the file's stem: where a quiz id may be read when metadata is lost."""
    outside: bool = False
    """A link that resolves outside the submissions folder: it must not be read."""
    learner_guessed: bool = False
    """A flat file without ``<learner>__``: the whole file name was taken as the learner id."""
    hidden: bool = False
    """The file or one of its folders has a name starting with a dot."""
    unlisted_because: str | None = None
    """For a folder that could not be listed, why (``Permission denied``): the path is that
    folder, nothing below it was read, and it gets a row of its own."""
