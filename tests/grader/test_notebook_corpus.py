"""A corpus of notebooks no one here wrote by hand, graded in one run.

Notebooks shipped inside installed packages (Jupyter Book's template, and any other), a
learner notebook run by a real kernel (nbclient) and saved with its outputs, the same
answers written by nbformat's own older writers (nbformat 2, 3 and 4.0, as old Jupyter and
IPython versions saved them), and the learner notebook as other tools save it (in
``notebook_shapes/``, written in the shapes VS Code, Colab, a jupytext round trip and
``nbconvert --execute`` produce). Every file gets its row; ours are graded in full; none trips
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

SHAPES = Path(__file__).parent / "notebook_shapes"
"""The filled-in learner notebook of caio-responsibilities as other tools save it: VS Code
(``metadata.vscode``, ``language_info`` with a version, execution counts), Colab (nbformat
4.0, ``metadata.colab``, ``accelerator``, cell ids in ``metadata.id``, ``outputId``,
``executionInfo``), a jupytext round trip (nbformat 4.4, no cell ids, the notebook's quiz
metadata dropped) and ``jupyter nbconvert --execute --allow-errors`` (timings on every cell,
outputs of every kind, ANSI escapes in a traceback)."""


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

    for path in sorted(SHAPES.glob("*.ipynb")):
        (folder / path.name).write_bytes(path.read_bytes())

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
    shapes = sorted(path.name for path in SHAPES.glob("*.ipynb"))
    assert len(shapes) == 4
    for name in shapes:
        assert rows[name]["total"] == "14", (name, rows[name]["problems"])
    assert "quiz_from_cells" in kinds_of(out)["jupytext__caio-responsibilities.ipynb"]
    assert (
        "nbformat 3 notebook, converted"
        in rows["ipython2__caio-responsibilities.ipynb"]["problems"]
    )
    for name, kinds in kinds_of(out).items():
        assert "internal_error" not in kinds, (name, rows[name]["problems"])
    for name, row in rows.items():
        if name.startswith("shipped"):
            assert row["status"] == "not_graded"
            assert "cannot tell which quiz this is" in row["problems"]


def kinds_of(out: Path) -> dict[str, list[str]]:
    """Each file's problem kinds, from results.json (the gradebook holds only messages)."""
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return {
        entry["file"]: [problem["kind"] for problem in entry["problems"]]
        for entry in results["submissions"]
    }
