"""A corpus of notebooks no one here wrote by hand, graded in one run.

Notebooks shipped inside installed packages (Jupyter Book's template, and any other), a
learner notebook run by a real kernel (nbclient) and saved with its outputs, the same
answers written by nbformat's own older writers (nbformat 2, 3 and 4.0, as old Jupyter and
IPython versions saved them), and the learner notebook as other tools save it (in
``notebook_shapes/``, written in the shapes VS Code, Colab, a jupytext round trip and
``nbconvert --execute`` produce). Every file gets its row; ours are graded in full; none trips
the grader's internal-error barrier. The German and Vietnamese learner notebooks come run by a
real kernel and through a real jupytext round trip (which drops the notebook's metadata, its
language included): each is graded in its own edition, with its feedback in its language.
"""

from __future__ import annotations

import copy
import csv
import json
import sys
from pathlib import Path

import jupytext
import nbclient
import nbformat
import nbformat.v2
import nbformat.v3
import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.messages import message
from grading.quiz.translations import load_editions
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook

EDITIONS = ("de", "vi")

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

    editions = load_editions(QUIZ_DIR, {responsibilities.id: responsibilities})
    for lang in EDITIONS:
        local = filled_notebook(editions[(lang, responsibilities.id)], RIGHT_ANSWERS, lang)
        run = nbformat.reads(nbformat.writes(local), as_version=4)
        nbclient.NotebookClient(run, timeout=120, kernel_name="python3").execute()
        nbformat.write(run, folder / f"executed-{lang}__caio-responsibilities.ipynb")
        round_trip = jupytext.reads(jupytext.writes(local, fmt="py:percent"), fmt="py:percent")
        assert "quiz" not in round_trip.metadata  # what makes this case hard
        nbformat.write(round_trip, folder / f"jupytext-{lang}__caio-responsibilities.ipynb")

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


def test_translated_notebooks_from_real_tools_are_graded_in_their_edition(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    arguments = ["grade", str(corpus), "-o", str(out), "--quizzes", str(QUIZ_DIR)]
    CliRunner().invoke(app, arguments)
    with (out / "gradebook.csv").open(encoding="utf-8") as stream:
        rows = {row["file"]: row for row in csv.DictReader(stream)}
    kinds = kinds_of(out)
    for lang in EDITIONS:
        for tool in ("executed", "jupytext"):
            name = f"{tool}-{lang}__caio-responsibilities.ipynb"
            assert rows[name]["total"] == "14", (name, rows[name]["problems"])
            assert rows[name]["lang"] == lang, name
            assert "prompt_edited" not in kinds[name], (name, rows[name]["problems"])
            page = out / "feedback" / "caio-responsibilities" / f"{tool}-{lang}.md"
            title = message(lang, "feedback.title", title="")
            assert page.read_text(encoding="utf-8").startswith(f"# {title}"), name
        assert kinds[f"executed-{lang}__caio-responsibilities.ipynb"] == []
        assert kinds[f"jupytext-{lang}__caio-responsibilities.ipynb"] == ["quiz_from_cells"]


def kinds_of(out: Path) -> dict[str, list[str]]:
    """Each file's problem kinds, from results.json (the gradebook holds only messages)."""
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return {
        entry["file"]: [problem["kind"] for problem in entry["problems"]]
        for entry in results["submissions"]
    }
