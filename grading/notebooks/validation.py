"""Fast nbformat 4 validation against nbformat's own JSON Schema.

``nbformat.validate`` checks every cell against a ``oneOf`` of the three cell schemas, which
raises and discards two exceptions per cell: most of the grader's time went there. Here each
cell is checked against the one definition its ``cell_type`` names; the schema is nbformat's,
unchanged, so what is valid is exactly what nbformat says is valid.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
import nbformat

CELL_DEFINITIONS = {"code": "code_cell", "markdown": "markdown_cell", "raw": "raw_cell"}

Validator = Callable[[Any], Any]


class NotebookInvalid(ValueError):
    """The notebook does not follow the nbformat 4 schema; the message says where."""


def validate_notebook(notebook: dict[str, Any]) -> None:
    """Raise :class:`NotebookInvalid` unless ``notebook`` is a valid nbformat 4.x document."""
    minor = notebook.get("nbformat_minor")
    if not isinstance(minor, int):
        raise NotebookInvalid("nbformat_minor is missing or not a whole number")
    top, cells = _validators(min(max(minor, 0), 5))
    try:
        top(notebook)
    except fastjsonschema.JsonSchemaException as error:
        raise NotebookInvalid(_message(error.message, "notebook")) from error
    for index, cell in enumerate(notebook["cells"]):
        validator = cells.get(cell.get("cell_type"))
        if validator is None:
            raise NotebookInvalid(f"cell {index + 1}: unknown cell_type {cell.get('cell_type')!r}")
        try:
            validator(cell)
        except fastjsonschema.JsonSchemaException as error:
            raise NotebookInvalid(_message(error.message, f"cell {index + 1}")) from error


def _message(text: str, where: str) -> str:
    return f"{where}: {text.replace('data.', '').replace('data ', '', 1)}"


@cache
def _validators(minor: int) -> tuple[Validator, dict[str, Validator]]:
    schema = _schema(minor)
    top = copy.deepcopy(schema)
    top["properties"]["cells"] = {"type": "array", "items": {"type": "object"}}
    cells = {}
    for cell_type, definition in CELL_DEFINITIONS.items():
        cell_schema = {
            "$schema": schema.get("$schema"),
            "definitions": schema["definitions"],
            "$ref": f"#/definitions/{definition}",
        }
        cells[cell_type] = fastjsonschema.compile(cell_schema)
    return fastjsonschema.compile(top), cells


def _schema(minor: int) -> dict[str, Any]:
    folder = Path(nbformat.__file__).parent / "v4"
    name = f"nbformat.v4.{minor}.schema.json"
    if not (folder / name).is_file():
        name = "nbformat.v4.schema.json"
    return json.loads((folder / name).read_text(encoding="utf-8"))
