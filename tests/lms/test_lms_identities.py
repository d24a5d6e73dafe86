"""Learners of Canvas and Moodle downloads keep their LMS identity: ids, late, anonymous.

The entry names are shaped as Canvas's ``ContentZipper`` and Moodle's ``mod_assign\\downloader``
write them (sortable name, ``LATE``, ``anon_<id>``, attachment id; full name, participant id,
``assignsubmission_file`` folders with and without the trailing ``_``, flat prefixes, blind
marking, online-text entries, macOS metadata).
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner, Result

from grading.cli import app
from grading.cli_instructor import register
from grading.lms.lms_learners import load_lms_learners
from grading.quiz.loading import find_quiz
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook

QUIZ = "caio-responsibilities"


@pytest.fixture(scope="module")
def right() -> str:
    return nbformat.writes(filled_notebook(find_quiz(QUIZ_DIR, QUIZ), RIGHT_ANSWERS))


@pytest.fixture(scope="module")
def wrong() -> str:
    answers = dict.fromkeys(RIGHT_ANSWERS, None)
    return nbformat.writes(filled_notebook(find_quiz(QUIZ_DIR, QUIZ), answers))


def grade_zip(tmp_path: Path, entries: dict[str, str], *options: str) -> Result:
    """Zip ``entries`` (name → text) as an LMS download and run caio grade-zip into OUT."""
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
    register(app)
    out = tmp_path / "out"
    return CliRunner().invoke(
        app, ["grade-zip", str(archive), "-o", str(out), "-q", str(QUIZ_DIR), *options]
    )


def gradebook_rows(out: Path) -> dict[str, dict]:
    with (out / "gradebook.csv").open(encoding="utf-8") as handle:
        return {row["learner"]: row for row in csv.DictReader(handle)}


def graded(tmp_path: Path, entries: dict[str, str], *options: str) -> dict[str, dict]:
    result = grade_zip(tmp_path, entries, *options)
    assert result.exit_code in (0, 1), result.output
    return gradebook_rows(tmp_path / "out")


def test_two_canvas_john_smiths_stay_two_learners(tmp_path: Path, right, wrong) -> None:
    rows = graded(
        tmp_path,
        {
            f"smithjohn_12345_111_{QUIZ}.ipynb": right,
            f"smithjohn_78901_112_{QUIZ}.ipynb": wrong,
        },
    )
    assert set(rows) == {"smithjohn_12345", "smithjohn_78901"}
    assert rows["smithjohn_12345"]["total"] == "14"
    assert rows["smithjohn_78901"]["total"] == "0"
    feedback = sorted(path.name for path in (tmp_path / "out" / "feedback" / QUIZ).iterdir())
    assert feedback == ["smithjohn_12345.md", "smithjohn_78901.md"]


def test_canvas_late_is_a_flag_not_part_of_the_id(tmp_path: Path, right) -> None:
    rows = graded(
        tmp_path,
        {
            f"doejane_LATE_34567_113_{QUIZ}.ipynb": right,  # Canvas today
            f"roerick-late_45678_114_{QUIZ}.ipynb": right,  # older Canvas
            f"smithjohnlate_12345_118_{QUIZ}.ipynb": right,  # older Canvas, no hyphen
            f"poeann_56789_115_{QUIZ}.ipynb": right,
        },
    )
    assert set(rows) == {"doejane_34567", "roerick_45678", "smithjohn_12345", "poeann_56789"}
    assert rows["doejane_34567"]["late"] == rows["roerick_45678"]["late"] == "late"
    assert rows["smithjohn_12345"]["late"] == "late"
    assert rows["poeann_56789"]["late"] == ""
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    late = {entry["learner"]: entry["late"] for entry in results["submissions"]}
    assert late == {
        "doejane_34567": True,
        "poeann_56789": False,
        "roerick_45678": True,
        "smithjohn_12345": True,
    }
    who = load_lms_learners(tmp_path / "out")["smithjohn_12345"]
    assert (who.user_id, who.late) == ("12345", True)
    assert who.upload_prefix == "smithjohnlate_12345_118_"


def test_canvas_anonymous_grading_ids(tmp_path: Path, right) -> None:
    rows = graded(
        tmp_path,
        {
            f"anon_x7Yz2_116_{QUIZ}.ipynb": right,
            f"LATE_anon_Qw3rT_117_{QUIZ}.ipynb": right,
        },
    )
    assert set(rows) == {"anon_x7Yz2", "anon_Qw3rT"}
    assert rows["anon_Qw3rT"]["late"] == "late"
    identities = load_lms_learners(tmp_path / "out")
    assert identities["anon_x7Yz2"].anonymous_id == "x7Yz2"
    assert identities["anon_x7Yz2"].user_id is None


def test_mac_metadata_is_not_a_submission(tmp_path: Path, right) -> None:
    rows = graded(
        tmp_path,
        {
            f"smithjohn_12345_111_{QUIZ}.ipynb": right,
            f"__MACOSX/._smithjohn_12345_111_{QUIZ}.ipynb": "\x00\x05\x16\x07",
            f"._smithjohn_12345_111_{QUIZ}.ipynb": "\x00\x05\x16\x07",
        },
    )
    assert set(rows) == {"smithjohn_12345"}


def test_canvas_online_text_entries_are_skipped_not_submissions(tmp_path: Path, right) -> None:
    # Canvas's bulk download writes an online-text submission as
    # <sortname>_<userid>_<submissionid>_text.html, beside the uploaded files of others.
    entries = {
        f"smithjohn_12345_111_{QUIZ}.ipynb": right,
        "smithjohn_12345_201_text.html": "<p>see my notebook</p>",  # beside a notebook
        "poeann_56789_202_text.html": "<p>I could not upload it</p>",  # text only
        "doejane_LATE_34567_203_text.html": "<p>late, text only</p>",
        f"roerick_45678_114_{QUIZ}.ipynb": right,
    }
    result = grade_zip(tmp_path, entries)
    assert result.exit_code == 0, result.output
    texts = [name for name in entries if name.endswith("_text.html")]
    assert f"skipped (not a notebook): {', '.join(texts)}" in result.stderr
    out = tmp_path / "out"
    rows = gradebook_rows(out)
    assert set(rows) == {"smithjohn_12345", "roerick_45678"}
    assert rows["smithjohn_12345"]["total"] == rows["roerick_45678"]["total"] == "14"
    assert rows["smithjohn_12345"]["file"] == f"smithjohn_12345/{QUIZ}.ipynb"
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert sorted(entry["learner"] for entry in results["submissions"]) == sorted(rows)
    assert set(load_lms_learners(out)) == set(rows)
    pages = sorted(path.stem for path in (out / "feedback" / QUIZ).iterdir())
    assert pages == sorted(rows)


def test_canvas_identity_file_keeps_user_and_attachment_ids(tmp_path: Path, right) -> None:
    graded(tmp_path, {f"smithjohn_LATE_12345_111_{QUIZ}.ipynb": right})
    who = load_lms_learners(tmp_path / "out")["smithjohn_12345"]
    assert (who.lms, who.user_id, who.late) == ("canvas", "12345", True)
    assert who.upload_prefix == "smithjohn_LATE_12345_111_"


def test_moodle_folders_old_and_new_flat_files_blind_marking(tmp_path: Path, right) -> None:
    rows = graded(
        tmp_path,
        {
            # Moodle 4.1 on: no trailing underscore on the folder
            f"Ada Lovelace_42_assignsubmission_file/{QUIZ}.ipynb": right,
            # Moodle 3.1 to 4.0
            f"Ada Lovelace_43_assignsubmission_file_/{QUIZ}.ipynb": right,
            # "download submissions in folders" off
            f"Alan Turing_7_assignsubmission_file_{QUIZ}.ipynb": right,
            "Alan Turing_7_assignsubmission_onlinetext/onlinetext.html": "<p>see file</p>",
            # blind marking
            f"Participant_9_assignsubmission_file/{QUIZ}.ipynb": right,
        },
    )
    assert set(rows) == {"Ada-Lovelace-42", "Ada-Lovelace-43", "Alan-Turing-7", "Participant-9"}
    identities = load_lms_learners(tmp_path / "out")
    assert identities["Ada-Lovelace-42"].participant_id == "42"
    assert identities["Ada-Lovelace-42"].full_name == "Ada Lovelace"
    assert identities["Ada-Lovelace-42"].upload_prefix == ("Ada Lovelace_42_assignsubmission_file/")
    assert identities["Alan-Turing-7"].upload_prefix == "Alan Turing_7_assignsubmission_file_"
    assert identities["Participant-9"].participant_id == "9"
