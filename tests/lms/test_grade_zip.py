"""``caio grade-zip``: Canvas and Moodle bulk downloads graded safely, hostile zips refused."""

from __future__ import annotations

import csv
import stat
import tempfile
import zipfile
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.lms.submission_zip import Lms, SubmissionZipError, unpacked_submissions
from grading.quiz.loading import find_quiz
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook


@pytest.fixture(scope="module")
def right() -> str:
    notebook = filled_notebook(find_quiz(QUIZ_DIR, "caio-responsibilities"), RIGHT_ANSWERS)
    return nbformat.writes(notebook)


def make_zip(path: Path, entries: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
    return path


def set_encrypted_flag(archive: Path) -> None:
    """Set flag bit 0x1 in the local and central headers (ZipFile.writestr clears flag_bits)."""
    data = bytearray(archive.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.index(signature)
        data[start + flag_offset] |= 0x1
    archive.write_bytes(bytes(data))


def grade_zip(archive: Path, out: Path, *options: str):
    register(app)
    arguments = ["grade-zip", str(archive), "-o", str(out), "-q", str(QUIZ_DIR), *options]
    return CliRunner().invoke(app, arguments)


def gradebook(out: Path) -> dict[str, dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8") as handle:
        return {row["learner"]: row for row in csv.DictReader(handle)}


def test_canvas_download_is_graded_per_canvas_user(tmp_path: Path, right: str) -> None:
    archive = make_zip(
        tmp_path / "submissions.zip",
        {
            "doejane_1234_5678_caio-responsibilities.ipynb": right,
            "roerick_LATE_99_100_caio-responsibilities.ipynb": right,
            "smithann_12_34_caio-responsibilities.ipynb": "{not json",
            "smithann_12_35_notes.pdf": b"%PDF-1.4",
        },
    )
    result = grade_zip(archive, tmp_path / "out")
    rows = gradebook(tmp_path / "out")
    assert set(rows) == {"doejane_1234", "roerick_99", "smithann_12"}
    assert rows["doejane_1234"]["total"] == rows["roerick_99"]["total"] == "14"
    assert rows["doejane_1234"]["file"] == "doejane_1234/caio-responsibilities.ipynb"
    assert rows["smithann_12"]["status"] == "not_graded"
    assert result.exit_code == 1  # the broken notebook is a problem, not an error
    assert "skipped (not a notebook): smithann_12_35_notes.pdf" in result.stderr


def test_moodle_download_folders_and_prefixes(tmp_path: Path, right: str) -> None:
    archive = make_zip(
        tmp_path / "moodle.zip",
        {
            "Ada Lovelace_42_assignsubmission_file_/quiz.ipynb": right,
            "Alan Turing_7_assignsubmission_file_caio-responsibilities.ipynb": right,
            "Alan Turing_7_assignsubmission_onlinetext_onlinetext.html": "<p>hi</p>",
        },
    )
    result = grade_zip(archive, tmp_path / "out", "--lms", "moodle")
    assert result.exit_code == 0, result.output
    rows = gradebook(tmp_path / "out")
    assert set(rows) == {"Ada-Lovelace-42", "Alan-Turing-7"}
    assert rows["Ada-Lovelace-42"]["file"] == "Ada-Lovelace-42/quiz.ipynb"
    assert all(row["total"] == "14" for row in rows.values())


def test_auto_detects_moodle_and_keeps_unrecognised_names_as_flagged_rows(
    tmp_path: Path, right: str
) -> None:
    archive = make_zip(
        tmp_path / "mixed.zip",
        {
            "Ada Lovelace_42_assignsubmission_file_/quiz.ipynb": right,
            "stray.ipynb": right,
        },
    )
    with unpacked_submissions(archive) as unpacked:
        assert unpacked.lms is Lms.moodle
        assert unpacked.unrecognised == ("stray.ipynb",)
    result = grade_zip(archive, tmp_path / "out")
    assert result.exit_code == 1
    rows = gradebook(tmp_path / "out")
    assert "took 'stray' as learner" in rows["stray"]["problems"]
    assert "not in moodle naming" in result.stderr


def test_unsafe_paths_and_links_are_refused_and_nothing_lands_outside(
    tmp_path: Path, right: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    archive = work / "evil.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("doejane_1_2_caio-responsibilities.ipynb", right)
        bundle.writestr("../evil.ipynb", right)
        bundle.writestr("sub/../../evil2.ipynb", right)
        bundle.writestr("/tmp/absolute_1_2_evil.ipynb", right)
        link = zipfile.ZipInfo("linky_1_2_link.ipynb")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, "/etc/passwd")
    before = sorted(path.name for path in tmp_path.rglob("*"))
    result = grade_zip(archive, work / "out")
    assert result.exit_code == 1
    assert set(gradebook(work / "out")) == {"doejane_1"}
    refused = result.stderr.split("refused (unsafe path or link, not unpacked): ")[1]
    for name in ("../evil.ipynb", "sub/../../evil2.ipynb", "linky_1_2_link.ipynb"):
        assert name in refused
    assert "absolute_1_2_evil.ipynb" in refused
    after = sorted(path.name for path in tmp_path.rglob("*") if "out" not in path.parts)
    assert after == before
    assert not Path("/tmp/absolute_1_2_evil.ipynb").exists()
    system_temp = Path(tempfile.gettempdir())
    assert not (system_temp / "evil.ipynb").exists()
    assert not (system_temp / "evil2.ipynb").exists()


def test_encrypted_entry_is_an_error(tmp_path: Path, right: str) -> None:
    archive = make_zip(tmp_path / "locked.zip", {"doejane_1_2_quiz.ipynb": right})
    set_encrypted_flag(archive)
    with zipfile.ZipFile(archive) as bundle:
        assert bundle.infolist()[0].flag_bits & 0x1
    result = grade_zip(archive, tmp_path / "out")
    assert result.exit_code == 2
    assert "doejane_1_2_quiz.ipynb is encrypted" in result.stderr
    assert not (tmp_path / "out").exists()


def test_zip_bomb_is_refused_before_extracting(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "bomb.zip", {"doejane_1_2_quiz.ipynb": b"\0" * (20 << 20)})
    assert archive.stat().st_size < 200_000
    result = grade_zip(archive, tmp_path / "out")
    assert result.exit_code == 2
    assert "zip bomb" in result.stderr
    assert not (tmp_path / "out").exists()


def test_total_size_limit(tmp_path: Path, right: str) -> None:
    archive = make_zip(
        tmp_path / "big.zip",
        {f"learner{n}_1_{n}_quiz.ipynb": right for n in range(3)},
    )
    result = grade_zip(archive, tmp_path / "out", "--max-total-bytes", str(2 * len(right)))
    assert result.exit_code == 2
    assert "the limit is" in result.stderr


def test_too_many_files(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "many.zip", {f"a{n}_1_{n}_x.txt": "x" for n in range(11)})
    result = grade_zip(archive, tmp_path / "out", "--max-files", "10")
    assert result.exit_code == 2
    assert "11 files in the zip; the limit is 10" in result.stderr


@pytest.mark.parametrize("damage", ["not a zip", "truncated"])
def test_bad_zip_exits_2_with_a_message(tmp_path: Path, right: str, damage: str) -> None:
    archive = tmp_path / "bad.zip"
    if damage == "not a zip":
        archive.write_text("hello", encoding="utf-8")
    else:
        make_zip(archive, {"doejane_1_2_quiz.ipynb": right})
        archive.write_bytes(archive.read_bytes()[:-30])
    result = grade_zip(archive, tmp_path / "out")
    assert result.exit_code == 2
    assert "is not a zip file or is damaged" in result.stderr


def test_missing_zip_is_a_clear_error(tmp_path: Path) -> None:
    result = grade_zip(tmp_path / "nope.zip", tmp_path / "out")
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_two_files_landing_on_one_name_are_both_kept(tmp_path: Path, right: str) -> None:
    archive = make_zip(
        tmp_path / "twice.zip",
        {
            "doejane_1_2_quiz.ipynb": right,
            "doejane_1_3_quiz.ipynb": right,
        },
    )
    with unpacked_submissions(archive, lms=Lms.canvas) as unpacked:
        names = sorted(path.name for path in (unpacked.folder / "doejane_1").iterdir())
    assert names == ["quiz-2.ipynb", "quiz.ipynb"]
    assert not unpacked.folder.exists()


def test_unpacking_error_type(tmp_path: Path) -> None:
    archive = tmp_path / "bad.zip"
    archive.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(SubmissionZipError), unpacked_submissions(archive):
        pass
