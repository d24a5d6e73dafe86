"""Files no one here wrote, each of which once aborted a whole grading run: now one row each."""

from __future__ import annotations

import csv
import json
import os
import threading
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.notebooks.read import read_submission
from grading.results.model import ProblemKind
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook

V3_CELL = {"cell_type": "code", "input": 'q1 = "A"', "language": "python", "outputs": []}


def v3_without_metadata() -> dict:
    """As some converters write nbformat 3: no top-level ``metadata``, no cell metadata."""
    return {"nbformat": 3, "nbformat_minor": 0, "worksheets": [{"cells": [V3_CELL]}]}


def nested(depth: int, where: str = "worksheets") -> str:
    """A v3 notebook whose ``worksheets`` (or metadata) nests ``depth`` lists deep (JSON text)."""
    deep = "[" * depth + "]" * depth
    if where == "metadata":
        return (
            f'{{"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {{"x": {deep}}}}}'
        )
    return f'{{"nbformat": 3, "nbformat_minor": 0, "metadata": {{}}, "worksheets": {deep}}}'


def write_json(path: Path, document: object) -> Path:
    text = document if isinstance(document, str) else json.dumps(document)
    path.write_text(text, encoding="utf-8")
    return path


def kinds(path: Path) -> list[ProblemKind]:
    return [problem.kind for problem in read_submission(path).problems]


def test_v3_notebook_without_top_level_metadata_is_converted_and_read(tmp_path: Path) -> None:
    outcome = read_submission(write_json(tmp_path / "a.ipynb", v3_without_metadata()))
    assert outcome.notebook is not None
    assert [cell.source for cell in outcome.notebook.cells] == ['q1 = "A"']
    assert outcome.problems[0].kind is ProblemKind.old_nbformat


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"nbformat": 3, "nbformat_minor": 0, "worksheets": "abc"}, "could not be converted"),
        ({"nbformat": True, "nbformat_minor": 0}, "nbformat True is not supported"),
        ({"nbformat": "4", "nbformat_minor": 0}, "nbformat '4' is not supported"),
        ({"nbformat": [4], "nbformat_minor": 0}, "nbformat list is not supported"),
        ({"nbformat": 0, "nbformat_minor": 0}, "nbformat 0 is not supported"),
        ({"nbformat": 5, "nbformat_minor": 0}, "nbformat 5 is not supported"),
    ],
    ids=["worksheets-text", "true", "text", "list", "zero", "five"],
)
def test_odd_nbformat_documents_are_a_problem_not_a_crash(
    tmp_path: Path, document: dict, expected: str
) -> None:
    outcome = read_submission(write_json(tmp_path / "a.ipynb", document))
    assert outcome.notebook is None
    assert expected in str(outcome.problems[0])


@pytest.mark.parametrize("where", ["worksheets", "metadata"])
@pytest.mark.parametrize("depth", [900, 990, 3000])
def test_deeply_nested_old_notebook_is_refused(tmp_path: Path, depth: int, where: str) -> None:
    outcome = read_submission(write_json(tmp_path / "a.ipynb", nested(depth, where)))
    assert outcome.notebook is None
    assert outcome.problems[0].kind in (ProblemKind.not_a_notebook, ProblemKind.not_json)
    assert "nested too deeply" in outcome.problems[0].message


def test_an_integer_of_thousands_of_digits_is_not_json_we_read(tmp_path: Path) -> None:
    path = tmp_path / "a.ipynb"
    path.write_text('{"nbformat": 4, "nbformat_minor": 5, "x": 1' + "0" * 5000 + "}", "utf-8")
    outcome = read_submission(path)
    assert outcome.notebook is None
    assert outcome.problems[0].kind is ProblemKind.not_json
    assert "digits" in outcome.problems[0].message


def test_byte_order_mark_is_forgiven_with_a_note(tmp_path: Path, responsibilities) -> None:
    path = tmp_path / "a.ipynb"
    text = nbformat.writes(filled_notebook(responsibilities, RIGHT_ANSWERS))
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    outcome = read_submission(path)
    assert outcome.notebook is not None
    assert kinds(path) == [ProblemKind.forgiven]
    assert "byte-order mark" in outcome.problems[0].message


def test_list_or_mapping_in_cell_quiz_metadata_is_ignored(tmp_path: Path) -> None:
    document = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "markdown",
                "id": "p",
                "metadata": {"quiz": {"role": "prompt", "question": []}},
                "source": "x",
            }
        ],
    }
    outcome = read_submission(write_json(tmp_path / "a.ipynb", document))
    assert outcome.notebook is not None
    assert outcome.notebook.cells[0].quiz == {"role": "prompt"}


def test_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "x.ipynb"
    os.mkfifo(fifo)
    result: list = []
    reader = threading.Thread(target=lambda: result.append(read_submission(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert result, "reading a FIFO blocked"
    assert "not a regular file (a FIFO" in result[0].problems[0].message


def test_character_device_is_refused_not_read_until_memory_runs_out(tmp_path: Path) -> None:
    link = tmp_path / "zero.ipynb"
    link.symlink_to("/dev/zero")
    outcome = read_submission(link, max_bytes=1000)
    assert outcome.problems[0].kind is ProblemKind.unreadable_file
    assert "not a regular file (a device)" in outcome.problems[0].message


def test_size_limit_counts_the_bytes_read(tmp_path: Path) -> None:
    """A file whose size says 0 but that holds more (as ``/proc`` files and devices do) is
    refused by the bytes read; a size check alone would read it whole."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    assert len(status.read_bytes()) > 100
    problems = read_submission(status, max_bytes=100).problems
    assert [problem.kind for problem in problems] == [ProblemKind.too_large]
    assert "file is more than 100 bytes, over the limit of 100 bytes" in problems[0].message
    path = tmp_path / "a.ipynb"
    path.write_text(" " * 2000 + "{}", encoding="utf-8")
    assert kinds(path) == [ProblemKind.not_a_notebook]
    problem = read_submission(path, max_bytes=1000).problems[0]
    assert (problem.kind, problem.message) == (
        ProblemKind.too_large,
        "file is 2,002 bytes, over the limit of 1,000 bytes",
    )


def test_every_hostile_file_gets_a_row_and_the_batch_goes_on(
    tmp_path: Path, write_submission
) -> None:
    write_submission("good/caio-responsibilities.ipynb")
    folder = tmp_path / "submissions"
    write_json(folder / "v3__caio-responsibilities.ipynb", v3_without_metadata())
    write_json(folder / "deep__caio-responsibilities.ipynb", nested(900))
    write_json(folder / "true__caio-responsibilities.ipynb", {"nbformat": True})
    (folder / "digits__caio-responsibilities.ipynb").write_text('{"a": 1' + "0" * 5000 + "}")
    os.mkfifo(folder / "fifo__caio-responsibilities.ipynb")
    (folder / "dev__caio-responsibilities.ipynb").symlink_to("/dev/zero")
    arguments = ["grade", str(folder), "-o", str(tmp_path / "out"), "--quizzes", str(QUIZ_DIR)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1, result.output
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8") as stream:
        rows = {row["file"]: row for row in csv.DictReader(stream)}
    assert len(rows) == 7
    assert rows["good/caio-responsibilities.ipynb"]["total"] == "14"
    assert rows["v3__caio-responsibilities.ipynb"]["status"] == "graded_with_problems"
