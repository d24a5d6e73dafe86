"""Reading a submitted notebook as untrusted data: bytes in, cells or problems out.

Nothing is executed and nothing is written. A submission may be anything (a binary, a
truncated upload, a link to ``/etc``, a notebook from 2014), so every step turns failure into
a :class:`~grading.results.model.Problem` instead of an exception, and only what grading
needs is kept: cell type, source and the ``quiz`` metadata.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from grading.notebooks.old_formats import OldNotebookUnreadable, converted_to_v4
from grading.notebooks.regular_file import FileRefused, read_regular_file
from grading.notebooks.validation import NotebookInvalid, validate_notebook
from grading.results.model import Problem, ProblemKind

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
"""Larger files are not read: a quiz notebook is a few dozen kilobytes."""


class SubmittedCell(NamedTuple):
    """One cell of a submission, reduced to what grading looks at.

    A named tuple rather than a frozen dataclass: a cohort makes hundreds of thousands.
    """

    index: int
    cell_type: str
    source: str
    quiz: dict[str, str]
    """The text entries of the cell's ``metadata.quiz`` (``quiz``, ``question``, ``role``):
    a learner's notebook may hold a list or a mapping there, which nothing compares."""


@dataclass(frozen=True)
class SubmittedNotebook:
    """A submission that could be read as a notebook (possibly with problems)."""

    cells: tuple[SubmittedCell, ...]
    quiz_id: str | None
    quiz_version: str | None
    lang: str | None = None
    """The edition the notebook says it is in (``metadata.quiz.lang``); None if it says none."""


@dataclass(frozen=True)
class ReadOutcome:
    """The notebook (None if unreadable), the file's hash and what went wrong."""

    notebook: SubmittedNotebook | None
    sha256: str | None
    problems: tuple[Problem, ...]


def read_submission(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadOutcome:
    """Read one submission file; never raises for bad content, never modifies the file."""
    read = read_regular_file(path, max_bytes=max_bytes)
    if isinstance(read, FileRefused):
        return _failed(read.kind, read.message)
    data = read
    digest = hashlib.sha256(data).hexdigest()
    problems: tuple[Problem, ...] = ()
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
        message = "the file starts with a UTF-8 byte-order mark; it was ignored"
        problems = (Problem(ProblemKind.forgiven, message),)
    if b"\x00" in data[:8192]:
        return _failed(ProblemKind.unreadable_file, "binary file, not a notebook", digest)
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        # orjson is strict (no NaN, no integers over 64 bits, no lone surrogates): the
        # standard library decides such files and words the error for everything else.
        outcome = _read_strictly(data, digest)
    else:
        outcome = _from_document(document, digest)
    return replace(outcome, problems=(*problems, *outcome.problems)) if problems else outcome


UTF8_BOM = b"\xef\xbb\xbf"
"""RFC 8259 lets a JSON parser ignore it; some Windows editors write it."""


def _read_strictly(data: bytes, digest: str) -> ReadOutcome:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _failed(ProblemKind.unreadable_file, "not UTF-8 text, so not a notebook", digest)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        stripped = text.strip()
        truncated = stripped.startswith("{") and not stripped.endswith("}")
        hint = " (the file ends too early: a truncated upload?)" if truncated else ""
        message = f"not valid JSON: {error.msg} (line {error.lineno}){hint}"
        return _failed(ProblemKind.not_json, message, digest)
    except RecursionError:
        return _failed(ProblemKind.not_json, "JSON nested too deeply to read", digest)
    except ValueError as error:  # an integer of more digits than Python converts from text
        return _failed(ProblemKind.not_json, f"not readable JSON: {error}", digest)
    if LONE_SURROGATE.search(text):
        try:
            json.dumps(document, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            message = (
                "the JSON holds a \\u escape that is not a Unicode character (a lone surrogate)"
            )
            return _failed(ProblemKind.not_json, message, digest)
    return _from_document(document, digest)


LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)
"""Where a file may hold text no output can store: ``\\ud800`` escapes, which only orjson
refuses; the standard library reads them into strings that cannot be written back."""


def _from_document(document: Any, digest: str) -> ReadOutcome:
    if not isinstance(document, dict) or "nbformat" not in document:
        return _failed(ProblemKind.not_a_notebook, "JSON, but not a Jupyter notebook", digest)
    problems: list[Problem] = []
    major = document.get("nbformat")
    if major in (1, 2, 3) and not isinstance(major, bool):
        try:
            document = converted_to_v4(document)
        except OldNotebookUnreadable as error:
            message = f"nbformat {major} notebook that could not be converted: {error}"
            return _failed(ProblemKind.not_a_notebook, message, digest)
        problems.append(
            Problem(ProblemKind.old_nbformat, f"nbformat {major} notebook, converted to nbformat 4")
        )
    elif major != 4 or isinstance(major, bool):
        message = f"nbformat {_shown(major)} is not supported (nbformat 4 is)"
        return _failed(ProblemKind.not_a_notebook, message, digest)
    try:
        validate_notebook(document)
    except NotebookInvalid as error:
        problems.append(Problem(ProblemKind.invalid_notebook, f"not a valid notebook: {error}"))
    cells = _cells(document.get("cells"))
    if cells is None:
        problems.append(Problem(ProblemKind.not_a_notebook, "the notebook has no readable cells"))
        return ReadOutcome(None, digest, tuple(problems))
    metadata = document.get("metadata")
    quiz_metadata = metadata.get("quiz") if isinstance(metadata, dict) else None
    quiz_id = version = lang = None
    if isinstance(quiz_metadata, dict):
        quiz_id = _text_or_none(quiz_metadata.get("id"))
        version = _text_or_none(quiz_metadata.get("version"))
        lang = _text_or_none(quiz_metadata.get("lang"))
    notebook = SubmittedNotebook(cells, quiz_id, version, lang)
    return ReadOutcome(notebook, digest, tuple(problems))


def _cells(raw_cells: Any) -> tuple[SubmittedCell, ...] | None:
    if not isinstance(raw_cells, list):
        return None
    cells = []
    for index, raw in enumerate(raw_cells):
        if not isinstance(raw, dict):
            continue
        metadata = raw.get("metadata")
        quiz = metadata.get("quiz") if isinstance(metadata, dict) else None
        cell_type = raw.get("cell_type")
        if cell_type != "code" and not isinstance(quiz, dict):
            continue  # text without quiz metadata: nothing grading reads
        source = _joined(raw.get("source", ""))
        if source is None:
            continue
        cell_type = cell_type if isinstance(cell_type, str) else ""
        cells.append(SubmittedCell(index, cell_type, source, _text_entries(quiz)))
    return tuple(cells)


def _text_entries(quiz: Any) -> dict[str, str]:
    if not isinstance(quiz, dict):
        return {}
    return {key: value for key, value in quiz.items() if isinstance(value, str)}


def _joined(source: Any) -> str | None:
    """A cell's source as one string (nbformat allows a string or a list of lines)."""
    if isinstance(source, str):
        return source
    if isinstance(source, list):
        try:
            return "".join(source)
        except TypeError:
            return None
    return None


def _shown(value: Any) -> str:
    """A value from the file in a message: short, whatever its size."""
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 40 else text[:39] + "…"


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _failed(kind: ProblemKind, message: str, digest: str | None = None) -> ReadOutcome:
    return ReadOutcome(None, digest, (Problem(kind, message),))
