"""Bad submissions: each gets a row with a clear reason, and the batch goes on."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner, Result

from grading.cli import app
from grading.grading_run import staging as output_folder
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook


def run_grade(tmp_path: Path, *extra: str) -> Result:
    arguments = ["grade", str(tmp_path / "submissions"), "-o", str(tmp_path / "out")]
    return CliRunner().invoke(app, [*arguments, "--quizzes", str(QUIZ_DIR), *extra])


def grade(tmp_path: Path, *extra: str) -> dict[str, dict[str, str]]:
    run_grade(tmp_path, *extra)
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8") as stream:
        return {row["file"]: row for row in csv.DictReader(stream)}


def test_unreadable_files_get_a_reason_and_never_a_zero(
    tmp_path: Path, write_submission, responsibilities
) -> None:
    write_submission("good/caio-responsibilities.ipynb")
    folder = tmp_path / "submissions"
    (folder / "text__caio-responsibilities.ipynb").write_text("this is not json", encoding="utf-8")
    whole = nbformat.writes(filled_notebook(responsibilities, RIGHT_ANSWERS))
    (folder / "cut__caio-responsibilities.ipynb").write_text(
        whole[: len(whole) // 3], encoding="utf-8"
    )
    (folder / "png__caio-responsibilities.ipynb").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256))
    )
    (folder / "list__caio-responsibilities.ipynb").write_text("[1, 2, 3]", encoding="utf-8")
    (folder / "huge__caio-responsibilities.ipynb").write_text(" " * 50_000 + "{}", encoding="utf-8")
    table = grade(tmp_path, "--max-size", "40000")
    expected = {
        "text__caio-responsibilities.ipynb": "not valid JSON",
        "cut__caio-responsibilities.ipynb": "truncated upload?",
        "png__caio-responsibilities.ipynb": "binary file, not a notebook",
        "list__caio-responsibilities.ipynb": "JSON, but not a Jupyter notebook",
        "huge__caio-responsibilities.ipynb": "50,002 bytes, over the limit of 40,000 bytes",
    }
    for name, reason in expected.items():
        row = table[name]
        assert row["status"] == "not_graded"
        assert row["total"] == ""
        assert row["percent"] == ""
        assert reason in row["problems"], (name, row["problems"])
    assert table["good/caio-responsibilities.ipynb"]["total"] == "14"


def test_old_nbformat_is_converted_and_graded(tmp_path: Path, write_submission) -> None:
    write_submission("good/caio-responsibilities.ipynb")
    v3 = {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {"name": ""},
        "worksheets": [
            {
                "metadata": {},
                "cells": [
                    {
                        "cell_type": "code",
                        "input": 'q1 = "A"\nq4 = 5',
                        "language": "python",
                        "outputs": [],
                        "metadata": {},
                    }
                ],
            }
        ],
    }
    path = tmp_path / "submissions" / "old" / "caio-responsibilities.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(v3), encoding="utf-8")
    row = grade(tmp_path)["old/caio-responsibilities.ipynb"]
    assert row["total"] == "2"
    assert "nbformat 3 notebook, converted to nbformat 4" in row["problems"]
    assert "q2: no cell assigns q2" in row["problems"]


def test_invalid_nbformat_is_flagged_and_answers_still_read(
    tmp_path: Path, write_submission
) -> None:
    path = write_submission("bad/caio-responsibilities.ipynb")
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["cells"][2]["outputs"]
    path.write_text(json.dumps(document), encoding="utf-8")
    row = grade(tmp_path)["bad/caio-responsibilities.ipynb"]
    assert row["total"] == "14"
    assert "not a valid notebook: cell 3" in row["problems"]


def test_notebook_of_another_quiz(tmp_path: Path, write_submission, responsibilities) -> None:
    notebook = filled_notebook(responsibilities, RIGHT_ANSWERS)
    notebook.metadata.quiz["id"] = "marketing-101"
    write_submission("ivan/marketing.ipynb", notebook=notebook)
    other = filled_notebook(responsibilities, RIGHT_ANSWERS)
    write_submission("jo/c-suite-graded/caio-responsibilities.ipynb", notebook=other)
    table = grade(tmp_path)
    assert table["ivan/marketing.ipynb"]["status"] == "not_graded"
    assert (
        "quiz 'marketing-101', which is not among the quizzes"
        in table["ivan/marketing.ipynb"]["problems"]
    )
    jo = table["jo/c-suite-graded/caio-responsibilities.ipynb"]
    assert jo["quiz"] == "caio-responsibilities"
    assert (
        "handed in as 'c-suite-graded' but the notebook is quiz 'caio-responsibilities'"
        in jo["problems"]
    )


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("q1 = B", 'q1 = B is not a plain value; put text in quotes, like q1 = "B"'),
        ("q1 = f()", "q1 = f() is not a plain value; it calls code"),
        ('q1 = "A', "the answer cell is not valid Python (line 1"),
        ("q1 = ''", "q1: not answered"),
        ("q1 = 7", "q1: write one label in quotes"),
        ("%time\nq1 = 'A'", None),
    ],
)
def test_unreadable_or_empty_answers(
    tmp_path: Path, write_submission, source: str, problem: str | None
) -> None:
    write_submission("amara/caio-responsibilities.ipynb", dict(RIGHT_ANSWERS, q1="PLACEHOLDER"))
    path = tmp_path / "submissions" / "amara" / "caio-responsibilities.ipynb"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"q1 = PLACEHOLDER"', json.dumps(source)),
        encoding="utf-8",
    )
    row = grade(tmp_path)["amara/caio-responsibilities.ipynb"]
    if problem is None:
        assert row["total"] == "14"
        return
    assert row["caio-responsibilities/q1"] == "0"
    assert row["total"] == "13"
    assert problem in row["problems"]


def test_hostile_answer_cells_leave_no_trace(tmp_path: Path, write_submission) -> None:
    marker = tmp_path / "pwned"
    hostile = dict(
        RIGHT_ANSWERS,
        q1=f'__import__("os").system("touch {marker}")',
        q2=f'open("{marker}", "w").write("x")',
        q3=f'[__import__("pathlib").Path("{marker}").touch()]',
    )
    write_submission("mallory/caio-responsibilities.ipynb", hostile)
    row = grade(tmp_path)["mallory/caio-responsibilities.ipynb"]
    assert not marker.exists()
    assert row["total"] == "10"
    assert "q1 = __import__" in row["problems"]


def test_symlink_out_of_the_folder_is_not_followed(tmp_path: Path, write_submission) -> None:
    write_submission("good/caio-responsibilities.ipynb")
    secret = tmp_path / "secret.ipynb"
    secret.write_text(json.dumps({"nbformat": 4}), encoding="utf-8")
    (tmp_path / "submissions" / "sneaky__caio-responsibilities.ipynb").symlink_to(secret)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (tmp_path / "submissions" / "linked").symlink_to(outside)
    table = grade(tmp_path)
    assert (
        "outside the submissions folder" in table["sneaky__caio-responsibilities.ipynb"]["problems"]
    )
    assert "outside the submissions folder" in table["linked"]["problems"]
    assert table["good/caio-responsibilities.ipynb"]["total"] == "14"


def test_interrupted_run_leaves_previous_results_whole(
    tmp_path: Path, write_submission, monkeypatch
) -> None:
    write_submission("amara/caio-responsibilities.ipynb")
    grade(tmp_path)
    previous = (tmp_path / "out" / "results.json").read_bytes()
    write_submission("bruno/caio-responsibilities.ipynb")

    def crash(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("grading.grading_run.outputs.write_gradebook_csv", crash)
    result = run_grade(tmp_path, "--jobs", "1")
    assert result.exit_code != 0
    assert (tmp_path / "out" / "results.json").read_bytes() == previous
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out", "submissions"]


def test_run_killed_between_renames_is_recovered(tmp_path: Path) -> None:
    out = tmp_path / "out"
    backup = tmp_path / f".out.previous-{os.getpid()}"
    backup.mkdir()
    (backup / output_folder.MARKER).write_text("{}", encoding="utf-8")
    with output_folder.replaced_atomically(out) as staging:
        assert (out / output_folder.MARKER).is_file()
        (staging / output_folder.MARKER).write_text('{"new": 1}', encoding="utf-8")
    assert (out / output_folder.MARKER).read_text(encoding="utf-8") == '{"new": 1}'
    assert not backup.exists()


def test_file_names_and_text_that_are_not_unicode(tmp_path: Path, write_submission) -> None:
    write_submission(os.fsdecode(b"l\xff/caio-responsibilities.ipynb"))
    path = write_submission("surrogate/caio-responsibilities.ipynb")
    text = path.read_text(encoding="utf-8").replace('"q1 = ', '"q1 = \\udcff ', 1)
    path.write_text(text, encoding="utf-8")
    result = run_grade(tmp_path)
    assert result.exit_code == 1, result.output
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8") as stream:
        table = {row["file"]: row for row in csv.DictReader(stream)}
    assert table["l\\xff/caio-responsibilities.ipynb"]["total"] == "14"
    assert "lone surrogate" in table["surrogate/caio-responsibilities.ipynb"]["problems"]
    assert table["surrogate/caio-responsibilities.ipynb"]["total"] == ""


def test_learners_whose_names_differ_only_in_unsafe_characters_keep_their_own_pages(
    tmp_path: Path, write_submission
) -> None:
    write_submission("a b/caio-responsibilities.ipynb")
    write_submission("a_b/caio-responsibilities.ipynb", dict(RIGHT_ANSWERS, q1='"D"'))
    grade(tmp_path)
    pages = sorted((tmp_path / "out" / "feedback").glob("caio-responsibilities/*.md"))
    assert len(pages) == 2
    scores = sorted(page.read_text(encoding="utf-8").split("**Score: ")[1][:2] for page in pages)
    assert scores == ["13", "14"]


def test_a_notebook_claiming_an_unknown_quiz_cannot_place_its_page_among_other_pages(
    tmp_path: Path, write_submission, responsibilities
) -> None:
    """The claimed quiz id is the learner's text: ``_objectives`` would put the page where
    ``caio report`` writes mastery pages, ``../x`` outside the folder. Every notebook of no
    known quiz gets its page in ``feedback/_unidentified``, one per notebook."""
    for number, claimed in enumerate(["_objectives", "../escape", "no-such-quiz"]):
        notebook = filled_notebook(responsibilities, RIGHT_ANSWERS)
        notebook.metadata["quiz"]["id"] = claimed
        write_submission(f"mallory/{number}.ipynb", notebook=notebook)
    table = grade(tmp_path)
    assert {row["status"] for row in table.values()} == {"not_graded"}
    feedback = tmp_path / "out" / "feedback"
    assert sorted(path.relative_to(feedback).as_posix() for path in feedback.rglob("*")) == [
        "_unidentified",
        "_unidentified/mallory (2).md",
        "_unidentified/mallory (3).md",
        "_unidentified/mallory.md",
    ]
