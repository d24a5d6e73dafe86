"""Fast nbformat 4 validation against nbformat's own JSON Schema.

``nbformat.validate`` checks every cell against a ``oneOf`` of the three cell schemas and
every source against a ``oneOf`` of string or list; each failed branch raises an exception
whose message formats the whole value, and that was most of the grader's time. Here the
schema is rewritten into an equivalent form, exactly as strict:

* cells and outputs are checked against the one definition their ``cell_type`` or
  ``output_type`` names (the ``oneOf`` branches are told apart by exactly that field);
* a ``oneOf`` of plain, disjoint types becomes one ``type`` list.
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
OUTPUT_DEFINITIONS = {
    "execute_result": "execute_result",
    "display_data": "display_data",
    "stream": "stream",
    "error": "error",
}
ANY_OBJECT = {"type": "object"}

Validator = Callable[[Any], Any]


class NotebookInvalid(ValueError):
    """The notebook does not follow the nbformat 4 schema; the message says where."""


def validate_notebook(notebook: dict[str, Any]) -> None:
    """Raise :class:`NotebookInvalid` unless ``notebook`` is a valid nbformat 4.x document."""
    minor = notebook.get("nbformat_minor")
    if not isinstance(minor, int):
        raise NotebookInvalid("nbformat_minor is missing or not a whole number")
    minor = min(max(minor, 0), 5)
    top, _, _ = _validators(minor)
    _check(top, notebook, "notebook")
    for index, cell in enumerate(notebook["cells"]):
        problem = _cell_problem(minor, cell)
        if problem is not None:
            raise NotebookInvalid(f"cell {index + 1}{problem}")


_CELL_PROBLEMS: dict[tuple[int, str], str | None] = {}
CELL_CACHE_SIZE = 8192


def _cell_problem(minor: int, cell: dict[str, Any]) -> str | None:
    """What is wrong with one cell and its outputs, or None; remembered by the cell's content.

    Most cells are the same in every learner's notebook (header, prompts, the check cell),
    so a cohort validates each of them once.
    """
    try:
        key = (minor, _content_key(cell))
        hash(key)
    except TypeError:  # a source list holding containers: invalid, and not worth caching
        return _validate_cell(minor, cell)
    if key not in _CELL_PROBLEMS:
        if len(_CELL_PROBLEMS) >= CELL_CACHE_SIZE:
            _CELL_PROBLEMS.clear()
        _CELL_PROBLEMS[key] = _validate_cell(minor, cell)
    return _CELL_PROBLEMS[key]


def _content_key(cell: dict[str, Any]) -> tuple[Any, ...]:
    """An exact, hashable stand-in for a cell: equal keys mean equal cells.

    Scalars carry their type (``1``, ``1.0`` and ``True`` compare equal in Python but not in
    the schema); the source list becomes a tuple (its lines must be strings, and a list with
    anything else is invalid however it compares); other containers become their ``repr``,
    which is exact for JSON data (they are small: metadata, outputs).
    """
    parts = []
    for name, value in cell.items():
        if name == "source" and type(value) is list:
            parts.append((name, list, tuple(value)))
        elif isinstance(value, (dict, list)):
            parts.append((name, type(value), repr(value)))
        else:
            parts.append((name, type(value), value))
    return tuple(parts)


def _validate_cell(minor: int, cell: dict[str, Any]) -> str | None:
    _, cells, outputs = _validators(minor)
    try:
        _check(_dispatch(cells, cell, "cell_type", ""), cell, "")
        for number, output in enumerate(cell.get("outputs", ())):
            where = f", output {number + 1}"
            _check(_dispatch(outputs, output, "output_type", where), output, where)
    except NotebookInvalid as error:
        return str(error)
    return None


def _dispatch(validators: dict[str, Validator], item: Any, field: str, where: str) -> Validator:
    kind = item.get(field) if isinstance(item, dict) else None
    if kind not in validators:
        raise NotebookInvalid(f"{where}: unknown {field} {kind!r}")
    return validators[kind]


def _check(validator: Validator, data: Any, where: str) -> None:
    try:
        validator(data)
    except fastjsonschema.JsonSchemaException as error:
        raise NotebookInvalid(_message(error.message, where)) from error


def _message(text: str, where: str) -> str:
    return f"{where}: {text.replace('data.', '').replace('data ', '', 1)}"


@cache
def _validators(minor: int) -> tuple[Validator, dict[str, Validator], dict[str, Validator]]:
    schema = _without_disjoint_one_of(_schema(minor))
    top = copy.deepcopy(schema)
    top["properties"]["cells"] = {"type": "array", "items": ANY_OBJECT}
    definitions = schema["definitions"]
    code_cell = definitions["code_cell"]["properties"]
    if "outputs" in code_cell:
        code_cell["outputs"] = {**code_cell["outputs"], "items": ANY_OBJECT}

    def compile_definition(name: str) -> Validator:
        return fastjsonschema.compile(
            {
                "$schema": schema.get("$schema"),
                "definitions": definitions,
                "$ref": f"#/definitions/{name}",
            }
        )

    cells = {kind: compile_definition(name) for kind, name in CELL_DEFINITIONS.items()}
    outputs = {kind: compile_definition(name) for kind, name in OUTPUT_DEFINITIONS.items()}
    return fastjsonschema.compile(top), cells, outputs


def _without_disjoint_one_of(node: Any) -> Any:
    """Replace ``oneOf: [{type: A}, {type: B, …}]`` (distinct plain types) by one ``type`` list."""
    if isinstance(node, list):
        return [_without_disjoint_one_of(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _without_disjoint_one_of(value) for key, value in node.items()}
    branches = node.get("oneOf")
    if (
        isinstance(branches, list)
        and all(isinstance(branch.get("type"), str) for branch in branches)
        and len({branch["type"] for branch in branches}) == len(branches)
        and all(set(branch) <= {"type", "items"} for branch in branches)
    ):
        merged: dict[str, Any] = {"type": [branch["type"] for branch in branches]}
        for branch in branches:
            if "items" in branch:
                merged["items"] = branch["items"]
        node.pop("oneOf")
        node.update(merged)
    return node


def _schema(minor: int) -> dict[str, Any]:
    folder = Path(nbformat.__file__).parent / "v4"
    name = f"nbformat.v4.{minor}.schema.json"
    if not (folder / name).is_file():
        name = "nbformat.v4.schema.json"
    return json.loads((folder / name).read_text(encoding="utf-8"))
