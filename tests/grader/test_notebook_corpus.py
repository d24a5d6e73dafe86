"""A corpus of notebooks no one here wrote by hand, graded in one run.

Notebooks shipped inside installed packages (Jupyter Book's template, and any other), a
learner notebook run by a real kernel (nbclient) and saved with its outputs, and the same
answers written by nbformat's own older writers (nbformat 2, 3 and 4.0, as old Jupyter and
IPython versions saved them). Every file gets its row; ours are graded in full; none trips
the grader's internal-error barrier.
"""

from __future__ import annotations

import copy
import csv
import json
import sys
from pathlib import Path

import nbclient
import nbformat
import nbformat.v2
import nbformat.v3
import pytest
from typer.testing import CliRunner

from grading.cli import app
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook


def shipped_notebooks() -> list[Path]:
    """Every ``.ipynb`` inside the installed packages of this environment."""
    return sorted(Path(sys.prefix).glob("lib/python*/site-packages/**/*.ipynb"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, responsibilities) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    learner = filled_notebook(responsibilities, RIGHT_ANSWERS)

    executed = nbformat.reads(nbformat.writes(learner), as_version=4)
    nbclient.NotebookClient(executed, timeout=120, kernel_name="python3").execute()
    nbformat.write(executed, folder / "executed__caio-responsibilities.ipynb")

    v3 = nbformat.v3.nbjson.writes(nbformat.convert(copy.deepcopy(learner), 3))  # in place
    (folder / "ipython2__caio-responsibilities.ipynb").write_text(v3, encoding="utf-8")
    cells = [
        nbformat.v2.new_code_cell(input=f"{question} = {answer}", language="python")
        for question, answer in RIGHT_ANSWERS.items()
    ]
    v2 = nbformat.v2.new_notebook(worksheets=[nbformat.v2.new_worksheet(cells=cells)])
    (folder / "ipython1__caio-responsibilities.ipynb").write_text(
        nbformat.v2.nbjson.writes(v2), encoding="utf-8"
    )

    v40 = json.loads(nbformat.writes(learner))
    v40["nbformat_minor"] = 0
    for cell in v40["cells"]:
        cell.pop("id", None)
    (folder / "jupyter4__caio-responsibilities.ipynb").write_text(json.dumps(v40), "utf-8")

    for number, path in enumerate(shipped_notebooks()):
        (folder / f"shipped{number}__{path.stem}.ipynb").write_bytes(path.read_bytes())
    return folder


def test_the_corpus_is_graded_file_by_file(corpus: Path, tmp_path: Path) -> None:
    assert shipped_notebooks(), "no notebook is shipped in the installed packages"
    out = tmp_path / "out"
    arguments = ["grade", str(corpus), "-o", str(out), "--quizzes", str(QUIZ_DIR)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1, result.output  # shipped notebooks answer no quiz
    with (out / "gradebook.csv").open(encoding="utf-8") as stream:
        rows = {row["file"]: row for row in csv.DictReader(stream)}
    assert set(rows) == {path.name for path in corpus.iterdir()}
    for name in ("executed", "ipython2", "ipython1", "jupyter4"):
        assert rows[f"{name}__caio-responsibilities.ipynb"]["total"] == "14", name
    assert (
        "nbformat 3 notebook, converted"
        in rows["ipython2__caio-responsibilities.ipynb"]["problems"]
    )
    for name, row in rows.items():
        assert "internal_error" not in row["problems"], name
        if name.startswith("shipped"):
            assert row["status"] == "not_graded"
            assert "cannot tell which quiz this is" in row["problems"]
