"""Learner identity: one learner per name on disk, never two merged, never one lost."""

from __future__ import annotations

import csv
import os
import unicodedata
from pathlib import Path

import nbformat
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from grading.cli import app
from grading.grading_run.discovery import _readable
from grading.results.safe_text import safe_file_name
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook

NAME_BYTES = st.binary(min_size=1, max_size=255).filter(
    lambda name: b"/" not in name and b"\x00" not in name and name not in (b".", b"..")
)


def folder_key(name: str) -> str:
    """How a file system that ignores case and normalises Unicode sees a name."""
    return unicodedata.normalize("NFC", name).casefold()


@settings(max_examples=500, deadline=None)
@given(st.lists(NAME_BYTES, min_size=2, max_size=8, unique=True))
@example([b"\xff", b"\\xff"])
@example([b"a\xff", b"a\\xff"])
@example([b"..dots", b"dots"])
@example([b".hank", b"hank"])
@example([b"Alice", b"alice"])
@example(["Jos\u00e9".encode(), unicodedata.normalize("NFD", "Jos\u00e9").encode()])
@example([("\u6f22" * 84 + " x").encode(), ("\u6f22" * 84 + " y").encode()])
def test_names_on_disk_map_to_distinct_ids_and_folders(names: list[bytes]) -> None:
    ids = [_readable(os.fsdecode(name)) for name in names]
    assert len(set(ids)) == len(names)
    folders = [safe_file_name(learner) for learner in ids]
    assert len({folder_key(folder) for folder in folders}) == len(names)
    for folder in folders:
        assert 0 < len(folder.encode("utf-8")) <= 200
        assert not folder.startswith(".")
        assert "/" not in folder
        assert "\\" not in folder


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=120))
def test_texts_that_differ_only_in_case_form_or_dots_get_distinct_folders(text: str) -> None:
    variants = {
        text,
        text.upper(),
        text.lower(),
        unicodedata.normalize("NFD", text),
        unicodedata.normalize("NFC", text),
        "." + text,
        ".." + text,
    }
    folders = {folder_key(safe_file_name(variant)) for variant in variants}
    assert len(folders) == len(variants)


def make_submission(folder: Path, responsibilities) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    notebook = filled_notebook(responsibilities, RIGHT_ANSWERS)
    nbformat.write(notebook, folder / "caio-responsibilities.ipynb")


def test_every_learner_folder_gets_its_own_row_and_feedback(
    tmp_path: Path, responsibilities
) -> None:
    root = tmp_path / "submissions"
    root.mkdir()
    names = [
        b"\xff",
        b"a\xff",
        b"a\\xff",
        b"..dots",
        b"dots",
        b".hank",
        ("\u6f22" * 84 + " x").encode("utf-8"),  # 254 bytes, a legal name
        b"Alice",
        b"alice",
        "Jos\u00e9".encode(),
        unicodedata.normalize("NFD", "Jos\u00e9").encode(),
    ]
    for name in names:
        make_submission(Path(os.fsdecode(bytes(root)) + "/" + os.fsdecode(name)), responsibilities)
    (root / ".ipynb_checkpoints").mkdir()
    (root / "__MACOSX").mkdir()
    make_submission(root / "__MACOSX" / "junk", responsibilities)
    out = tmp_path / "out"
    arguments = ["grade", str(root), "-o", str(out), "--quizzes", str(QUIZ_DIR)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1, result.output  # the hidden learner is flagged
    with (out / "gradebook.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len({row["learner"] for row in rows}) == len(rows) == len(names)
    assert all(row["total"] == "14" for row in rows)
    hank = next(row for row in rows if row["learner"] == ".hank")
    assert "hidden" in hank["problems"]
    assert len(list((out / "feedback" / "caio-responsibilities").iterdir())) == len(names)
    assert "skipped .ipynb_checkpoints/" in result.stderr
    assert "skipped __MACOSX/" in result.stderr


def test_a_symbolic_link_loop_is_one_row(tmp_path: Path, write_submission) -> None:
    write_submission("good/caio-responsibilities.ipynb")
    root = tmp_path / "submissions"
    (root / "loop").mkdir()
    (root / "loop" / "self.ipynb").symlink_to("self.ipynb")
    (root / "top.ipynb").symlink_to("top.ipynb")
    out = tmp_path / "out"
    arguments = ["grade", str(root), "-o", str(out), "--quizzes", str(QUIZ_DIR)]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 1, result.output
    with (out / "gradebook.csv").open(encoding="utf-8") as stream:
        rows = {row["file"]: row for row in csv.DictReader(stream)}
    assert set(rows) == {"good/caio-responsibilities.ipynb", "loop/self.ipynb", "top.ipynb"}
    assert "symbolic links" in rows["loop/self.ipynb"]["problems"]
