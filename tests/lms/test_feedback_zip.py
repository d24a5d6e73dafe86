"""``caio feedback-zip``: feedback pages named as Moodle's and Canvas's upload pages read them.

The checks restate the LMSs' own rules: Moodle's assignfeedback_file importer splits each path
part at ``_`` into at most five pieces and wants a numeric participant id second and the
plugin type and name third and fourth; Canvas's "Upload submissions" takes the first two
all-digit ``_`` pieces of the file name as user id and submitted-file id.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.quiz.loading import find_quiz
from grading.results.feedback_layout import OBJECTIVES_FOLDER, page_name
from grading.results.safe_text import safe_file_name
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook

QUIZ = "caio-responsibilities"


@pytest.fixture(scope="module")
def right() -> str:
    return nbformat.writes(filled_notebook(find_quiz(QUIZ_DIR, QUIZ), RIGHT_ANSWERS))


def run(*arguments: str):
    register(app)
    return CliRunner().invoke(app, list(arguments))


def feedback_zip(tmp_path: Path, entries: dict[str, str]):
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
    out = tmp_path / "out"
    assert run("grade-zip", str(archive), "-o", str(out), "-q", str(QUIZ_DIR)).exit_code == 0
    target = tmp_path / "feedback.zip"
    result = run("feedback-zip", str(out), "-o", str(target))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as bundle:
        return result, {name: bundle.read(name).decode() for name in bundle.namelist()}


def moodle_reads(name: str) -> tuple[str, str, str] | None:
    """(participant id, plugin, file name) as Moodle's feedback-zip importer reads a path."""
    parts = name.split("/")
    while parts:
        pieces = parts.pop(0).split("_", 4)
        if len(pieces) < 4 or not pieces[1].isdigit():
            continue
        rest = [pieces[4]] if len(pieces) == 5 else [""]
        return pieces[1], f"{pieces[2]}_{pieces[3]}", "/".join([*rest, *parts]).strip("/")
    return None


def canvas_reads(name: str) -> tuple[str, str] | None:
    """(user id, submitted file id) as Canvas's "Upload submissions" reads a file name."""
    numbers = [piece for piece in name.rsplit("/", 1)[-1].split("_") if piece.isdigit()]
    return (numbers[0], numbers[1]) if len(numbers) >= 2 else None


def test_moodle_feedback_files_go_back_to_each_participant(tmp_path: Path, right) -> None:
    _, pages = feedback_zip(
        tmp_path,
        {
            f"Ada Lovelace_42_assignsubmission_file/{QUIZ}.ipynb": right,
            f"Ada Lovelace_43_assignsubmission_file_/{QUIZ}.ipynb": right,
            f"Alan Turing_7_assignsubmission_file_{QUIZ}.ipynb": right,
        },
    )
    read = {moodle_reads(name) for name in pages}
    assert read == {
        ("42", "assignsubmission_file", f"{QUIZ}-feedback.md"),
        ("43", "assignsubmission_file", f"{QUIZ}-feedback.md"),
        ("7", "assignsubmission_file", f"{QUIZ}-feedback.md"),
    }
    source = tmp_path / "out" / "feedback" / QUIZ / f"{safe_file_name('Ada-Lovelace-42')}.md"
    assert pages[f"Ada Lovelace_42_assignsubmission_file/{QUIZ}-feedback.md"] == (
        source.read_text(encoding="utf-8")
    )


def test_canvas_feedback_files_name_user_and_submitted_file(tmp_path: Path, right) -> None:
    result, pages = feedback_zip(
        tmp_path,
        {
            f"smithjohn_12345_111_{QUIZ}.ipynb": right,
            f"smithjohn_78901_112_{QUIZ}.ipynb": right,
            f"doejane_LATE_34567_113_{QUIZ}.ipynb": right,
            f"anon_x7Yz2_114_{QUIZ}.ipynb": right,
        },
    )
    assert sorted(canvas_reads(name) for name in pages) == [
        ("12345", "111"),
        ("34567", "113"),
        ("78901", "112"),
    ]
    assert f"smithjohn_12345_111_{QUIZ}-feedback.md" in pages
    assert "anon_x7Yz2 (anonymous in Canvas: no user id)" in result.stderr


def test_folder_graded_output_is_refused(tmp_path: Path, right) -> None:
    submissions = tmp_path / "submissions" / "ada"
    submissions.mkdir(parents=True)
    (submissions / f"{QUIZ}.ipynb").write_text(right, encoding="utf-8")
    out = tmp_path / "out"
    assert run("grade", str(submissions.parent), "-o", str(out), "-q", str(QUIZ_DIR)).exit_code == 0
    result = run("feedback-zip", str(out), "-o", str(tmp_path / "f.zip"))
    assert result.exit_code == 2
    assert "not graded from an LMS zip" in result.stderr


def test_second_notebooks_mastery_pages_and_strangers(tmp_path: Path, right) -> None:
    """A second notebook of the quiz goes back as ``<quiz>-2``, the mastery page as
    ``objectives``; a page of someone the LMS zip did not name is listed as left out."""
    archive = tmp_path / "download.zip"
    folder = "Ada Lovelace_42_assignsubmission_file"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"{folder}/{QUIZ}.ipynb", right)
        bundle.writestr(f"{folder}/again/{QUIZ}.ipynb", right)
    out = tmp_path / "out"
    assert run("grade-zip", str(archive), "-o", str(out), "-q", str(QUIZ_DIR)).exit_code == 1
    mastery = out / "feedback" / OBJECTIVES_FOLDER / page_name("Ada-Lovelace-42")
    mastery.parent.mkdir()
    mastery.write_text("# mastery\n", encoding="utf-8")
    (out / "feedback" / QUIZ / page_name("grace")).write_text("# not ours\n", encoding="utf-8")
    result = run("feedback-zip", str(out), "-o", str(tmp_path / "feedback.zip"))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "feedback.zip") as bundle:
        names = bundle.namelist()
        assert bundle.read(f"{folder}/objectives-feedback.md") == b"# mastery\n"
    assert names == [
        f"{folder}/objectives-feedback.md",
        f"{folder}/{QUIZ}-feedback.md",
        f"{folder}/{QUIZ}-2-feedback.md",
    ]
    assert "grace (not from the LMS zip)" in result.stderr
