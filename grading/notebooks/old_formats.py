"""Converting an nbformat 1, 2 or 3 notebook to nbformat 4, with nbformat's own converters.

Other tools wrote such files in their own way: a v3 notebook without top-level ``metadata`` is
common, and nbformat's converter stops at it. The missing mapping is supplied (it holds
nothing grading reads); anything else the converter cannot handle, however deep or odd the
JSON, becomes :class:`OldNotebookUnreadable` with the converter's reason.
"""

from __future__ import annotations

from typing import Any


class OldNotebookUnreadable(ValueError):
    """An old notebook that nbformat's converters could not turn into nbformat 4."""


def converted_to_v4(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` (nbformat 1 to 3, already parsed) as an nbformat 4 notebook."""
    import nbformat  # here, not at the top: only old notebooks need it (0.1 s to import)

    major = document["nbformat"]
    if major == 3 and "metadata" not in document:
        document = {**document, "metadata": {}}
    try:
        notebook = nbformat.versions[major].to_notebook_json(document)
        return dict(nbformat.convert(notebook, 4))
    except (
        nbformat.ValidationError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        NameError,  # nbformat 2's upgrade reads a variable it never set, given odd cells
        RecursionError,
    ) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise OldNotebookUnreadable(_first_line(reason)) from error


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "no reason given"
    return line if len(line) <= 200 else line[:199] + "…"
