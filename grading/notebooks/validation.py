"""nbformat 4 validation against nbformat's own JSON Schema, by jsonschema-rs.

``nbformat.validate`` (Python ``jsonschema``) took most of the grader's time; jsonschema-rs
checks a whole quiz notebook in tens of microseconds. Two rewrites make its messages name
the real fault without making the schema any less strict:

* a cell (an output) is checked against the one definition its ``cell_type``
  (``output_type``) names, where nbformat's ``oneOf`` of all of them could only report that
  the cell matched none;
* a ``oneOf`` of plain, disjoint types becomes one ``type`` list.
"""

from __future__ import annotations

import importlib.util
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

CELL_DEFINITIONS = {"code": "code_cell", "markdown": "markdown_cell", "raw": "raw_cell"}
OUTPUT_DEFINITIONS = {kind: kind for kind in ("execute_result", "display_data", "stream", "error")}
DRAFT_7 = "http://json-schema.org/draft-07/schema#"
"""``if``/``then`` came with draft 7; nbformat's draft 4 schema means the same there."""
LONGEST_MESSAGE = 300
"""Messages quote the faulty value; a long one is cut, since it is the learner's own text."""


class NotebookInvalid(ValueError):
    """The notebook does not follow the nbformat 4 schema; the message says where."""


def validate_notebook(notebook: dict[str, Any]) -> None:
    """Raise :class:`NotebookInvalid` unless ``notebook`` is a valid nbformat 4.x document."""
    minor = notebook.get("nbformat_minor")
    if not isinstance(minor, int) or isinstance(minor, bool):
        raise NotebookInvalid("nbformat_minor is missing or not a whole number")
    validator = _validator(min(max(minor, 0), 5))
    try:
        if validator.is_valid(notebook):
            return
        error = next(iter(validator.iter_errors(notebook)))
    except (ValueError, OverflowError) as error:  # a value JSON Schema cannot hold (NaN …)
        raise NotebookInvalid(f"notebook: {error}") from error
    path = list(error.instance_path)
    text = error.message
    value = _value_at(notebook, path)
    if isinstance(value, float) and not math.isfinite(value):  # jsonschema-rs shows it as null
        text = f"{value!r} (JSON has no such number) {text.removeprefix('null ')}"
    raise NotebookInvalid(_message(path, text))


def _value_at(document: Any, path: list[str | int]) -> Any:
    for part in path:
        try:
            document = document[part]
        except (KeyError, IndexError, TypeError):
            return None
    return document


def _message(path: list[str | int], text: str) -> str:
    """``cell 3, output 1: text: …``: where the first fault is, in words an instructor reads."""
    if len(text) > LONGEST_MESSAGE:
        text = text[: LONGEST_MESSAGE - 1] + "…"
    if len(path) >= 2 and path[0] == "cells" and isinstance(path[1], int):
        where = f"cell {path[1] + 1}"
        rest = path[2:]
        if len(rest) >= 2 and rest[0] == "outputs" and isinstance(rest[1], int):
            where += f", output {rest[1] + 1}"
            rest = rest[2:]
    else:
        where, rest = "notebook", path
    field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in rest)
    return f"{where}: {field.lstrip('.')}: {text}" if field else f"{where}: {text}"


@cache
def _validator(minor: int) -> Any:
    schema = _without_disjoint_one_of(_schema(minor))
    schema["$schema"] = DRAFT_7
    definitions = schema["definitions"]
    definitions["cell"] = _dispatch("cell_type", CELL_DEFINITIONS)
    definitions["output"] = _dispatch("output_type", OUTPUT_DEFINITIONS)
    return jsonschema_rs.Draft7Validator(schema, offline=True)


def _dispatch(field: str, definitions: dict[str, str]) -> dict[str, Any]:
    """An object whose ``field`` picks the one definition it must satisfy."""
    return {
        "type": "object",
        "required": [field],
        "properties": {field: {"enum": list(definitions)}},
        "allOf": [
            {
                "if": {"properties": {field: {"const": kind}}},
                "then": {"$ref": f"#/definitions/{name}"},
            }
            for kind, name in definitions.items()
        ],
    }


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
    """nbformat's own schema file, found without importing nbformat (which takes 0.1 s)."""
    spec = importlib.util.find_spec("nbformat")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("nbformat is not installed")
    folder = Path(spec.origin).parent / "v4"
    name = f"nbformat.v4.{minor}.schema.json"
    if not (folder / name).is_file():
        name = "nbformat.v4.schema.json"
    return json.loads((folder / name).read_text(encoding="utf-8"))
