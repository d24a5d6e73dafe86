"""The core install grades: every caio command runs with the book toolchain unimportable.

``pip install caio-course`` brings no Jupyter Book, Sphinx, myst-nb or ipykernel (they are the
``[book]`` extra). This runs each command in a fresh interpreter where importing any of them
fails, as it would in a core-only environment.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

BOOK_ONLY = ("sphinx", "docutils", "myst_parser", "myst_nb", "jupyter_book", "ipykernel")

WITHOUT_BOOK_TOOLCHAIN = f"""
import importlib.abc, sys
class BookToolchainMissing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {BOOK_ONLY!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (core install)")
        return None
sys.meta_path.insert(0, BookToolchainMissing())
from grading.cli import main
sys.argv = ["caio", *sys.argv[1:]]
main()
"""


def caio(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", WITHOUT_BOOK_TOOLCHAIN, *map(str, arguments)]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("core") / "out"
    result = caio("grade", REPO / "samples" / "submissions", "-o", out, "--jobs", "1")
    assert result.returncode == 1, result.stderr  # the samples hold problems on purpose
    return out


def test_check_and_notebooks_run_without_the_book_toolchain(tmp_path: Path) -> None:
    assert caio("check").returncode == 0
    result = caio("notebooks", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "caio-responsibilities.ipynb").is_file()


def test_grading_and_what_follows_run_without_the_book_toolchain(
    graded: Path, tmp_path: Path
) -> None:
    assert (graded / "gradebook.csv").is_file()
    database = tmp_path / "course.sqlite"
    steps = [
        ("report", graded),
        ("record", graded, "--db", database),
        ("gradebook", "--db", database, "-o", tmp_path / "course.csv"),
        ("regrade", "--db", database),
        ("export-grades", "--lms", "moodle", "--db", database, "-o", tmp_path / "m.csv"),
        ("export-gift", "caio-responsibilities", "-o", tmp_path / "q.gift"),
        ("export-qti", "caio-responsibilities", "-o", tmp_path / "q.zip"),
    ]
    for step in steps:
        result = caio(*step)
        assert result.returncode == 0, (step, result.stderr)
    assert (graded / "report.html").is_file()
    assert (tmp_path / "course.csv").read_text(encoding="utf-8").startswith("learner,")
