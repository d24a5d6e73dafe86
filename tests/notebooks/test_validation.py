"""Notebook validation: as strict as nbformat's schema, also for cells seen before."""

from __future__ import annotations

import copy

import nbformat
import pytest

from grading.notebooks.build import build_learner_notebook
from grading.notebooks.validation import NotebookInvalid, validate_notebook


def notebook_with_code_cell(**fields: object) -> dict:
    cell = {
        "cell_type": "code",
        "id": "a1",
        "metadata": {},
        "source": ["x = 1"],
        "outputs": [],
        "execution_count": 1,
    }
    cell.update(fields)
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}


@pytest.mark.parametrize(
    "fields",
    [
        {"execution_count": True},
        {"execution_count": "1"},
        {"source": ["x = 1", 2]},
        {"outputs": [{"output_type": "stream", "name": "stdout"}]},
        {"outputs": [{"output_type": "mystery"}]},
        {"id": "not valid!"},
        {"cell_type": "essay"},
        {"execution_count": float("nan")},
    ],
)
def test_invalid_cells_are_caught_even_after_a_valid_twin(fields: dict) -> None:
    validate_notebook(notebook_with_code_cell())
    broken = notebook_with_code_cell(**fields)
    with pytest.raises(NotebookInvalid, match=r"^cell 1"):
        validate_notebook(broken)
    with pytest.raises(nbformat.ValidationError):
        nbformat.validate(copy.deepcopy(broken))


def test_agrees_with_nbformat_on_a_learner_notebook(responsibilities) -> None:
    notebook = build_learner_notebook(responsibilities)
    plain = nbformat.from_dict(notebook)
    nbformat.validate(plain)
    validate_notebook(dict(notebook))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"source": ["x = 1", 2]}, 'cell 1: source[1]: 2 is not of type "string"'),
        ({"outputs": [{"output_type": "stream", "name": "stdout"}]}, "cell 1, output 1: "),
        ({"cell_type": "essay"}, 'cell 1: cell_type: "essay" is not one of'),
        ({"execution_count": float("nan")}, "cell 1: execution_count: nan (JSON has no such"),
    ],
)
def test_messages_name_the_cell_and_the_field(fields: dict, message: str) -> None:
    with pytest.raises(NotebookInvalid) as raised:
        validate_notebook(notebook_with_code_cell(**fields))
    assert str(raised.value).startswith(message)
