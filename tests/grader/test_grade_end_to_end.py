"""The answer contract end to end: build notebooks, fill them in, grade, read the outputs."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from tests.conftest import QUIZ_DIR, RIGHT_ANSWERS, filled_notebook


def grade(submissions: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["grade", str(submissions), "-o", str(out), "--quizzes", str(QUIZ_DIR), "--jobs", "1"]
    )
    return result.exit_code, result.output


def rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8") as stream:
        return {row["file"]: row for row in csv.DictReader(stream)}


def test_right_and_partial_answers_score_exactly(tmp_path: Path, write_submission) -> None:
    write_submission("amara/caio-responsibilities.ipynb")
    partial = dict(
        RIGHT_ANSWERS,
        q2='["A", "D"]',  # right-minus-wrong: (1 - 1) / 3 of 2 points = 0
        q6='["B", "D", "C", "E", "A"]',  # per position: 3 of 5 in place = 1.2 of 2
        q7='{"1": "B", "2": "A", "3": "D"}',  # 2 of 3 pairs = 2 of 3 points
    )
    write_submission("bruno__caio-responsibilities.ipynb", partial)
    code, _ = grade(tmp_path / "submissions", tmp_path / "out")
    assert code == 0
    table = rows(tmp_path / "out")
    amara = table["amara/caio-responsibilities.ipynb"]
    assert (amara["learner"], amara["total"], amara["max_points"], amara["percent"]) == (
        "amara",
        "14",
        "14",
        "100",
    )
    bruno = table["bruno__caio-responsibilities.ipynb"]
    assert bruno["learner"] == "bruno"
    assert bruno["caio-responsibilities/q2"] == "0"
    assert bruno["caio-responsibilities/q6"] == "1.2"
    assert bruno["caio-responsibilities/q7"] == "2"
    assert bruno["total"] == "10.2"
    document = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    entry = next(item for item in document["submissions"] if item["learner"] == "bruno")
    assert entry["total"] == "51/5"
    assert document["quizzes"]["caio-responsibilities"]["max_points"] == "14"


def test_feedback_page_shows_answer_points_and_explanation(
    tmp_path: Path, write_submission, responsibilities
) -> None:
    write_submission("amara/caio-responsibilities.ipynb", dict(RIGHT_ANSWERS, q1='"C"'))
    grade(tmp_path / "submissions", tmp_path / "out")
    page = (tmp_path / "out" / "feedback" / "caio-responsibilities" / "amara.md").read_text(
        encoding="utf-8"
    )
    assert "**Score: 13 of 14 points (92.86 %)**" in page
    assert "## q1: not right, 0 of 1" in page
    assert 'Your answer: `` "C" ``' in page
    assert responsibilities.questions[0].explanation.strip() in page


def test_grading_twice_gives_identical_outputs(tmp_path: Path, write_submission) -> None:
    write_submission("amara/caio-responsibilities.ipynb")
    write_submission("bruno__caio-responsibilities.ipynb", dict(RIGHT_ANSWERS, q1='"B"'))
    grade(tmp_path / "submissions", tmp_path / "one")
    grade(tmp_path / "submissions", tmp_path / "two")
    for name in ("gradebook.csv", "results.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_edited_points_prompts_and_choices_change_nothing(
    tmp_path: Path, write_submission, responsibilities
) -> None:
    notebook = filled_notebook(responsibilities, dict(RIGHT_ANSWERS, q1='"D"'))
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("quiz", {}).get("question") == "q1":
            cell.source = "### q1 (100 points)\n\nAnything is right.\n\n- **D**: the right one"
    write_submission("dana/caio-responsibilities.ipynb", notebook=notebook)
    code, _output = grade(tmp_path / "submissions", tmp_path / "out")
    row = rows(tmp_path / "out")["dana/caio-responsibilities.ipynb"]
    assert (row["caio-responsibilities/q1"], row["total"], row["max_points"]) == ("0", "13", "14")
    assert "q1: the question text was edited in the notebook" in row["problems"]
    assert code == 1


def test_other_quiz_version_is_graded_and_flagged(
    tmp_path: Path, write_submission, responsibilities
) -> None:
    notebook = filled_notebook(responsibilities, RIGHT_ANSWERS)
    notebook.metadata.quiz["version"] = "000000000000"
    write_submission("eve/caio-responsibilities.ipynb", notebook=notebook)
    grade(tmp_path / "submissions", tmp_path / "out")
    row = rows(tmp_path / "out")["eve/caio-responsibilities.ipynb"]
    assert row["total"] == "14"
    assert row["status"] == "graded_with_problems"
    assert "made from quiz version 000000000000" in row["problems"]


def test_lost_metadata_moved_and_duplicated_cells_still_found(
    tmp_path: Path, write_submission, responsibilities
) -> None:
    notebook = filled_notebook(responsibilities, RIGHT_ANSWERS)
    del notebook.metadata["quiz"]
    for cell in notebook.cells:
        cell.metadata.pop("quiz", None)
    notebook.cells.reverse()
    first_answer = next(cell for cell in notebook.cells if cell.source.startswith("q10 ="))
    duplicate = first_answer.copy()
    duplicate.id = "dup"
    duplicate.source = 'q1 = "B"\nq1 = "A"'
    notebook.cells.append(duplicate)
    write_submission("nbgrader/caio-responsibilities/quiz.ipynb", notebook=notebook)
    grade(tmp_path / "submissions", tmp_path / "out")
    row = rows(tmp_path / "out")["nbgrader/caio-responsibilities/quiz.ipynb"]
    assert row["quiz"] == "caio-responsibilities"
    assert row["total"] == "14"
    assert "took quiz 'caio-responsibilities' from the file or folder name" in row["problems"]
    assert "q1: assigned in 2 cells" in row["problems"]
    assert "found q1, q2, q3" in row["problems"]


@pytest.mark.parametrize(
    ("answers", "code"), [(RIGHT_ANSWERS, 0), (dict(RIGHT_ANSWERS, q1="B"), 1)]
)
def test_exit_code_says_whether_all_were_clean(
    tmp_path: Path, write_submission, answers, code
) -> None:
    write_submission("amara/caio-responsibilities.ipynb", answers)
    assert grade(tmp_path / "submissions", tmp_path / "out")[0] == code


def test_usage_errors_exit_2(tmp_path: Path, write_submission) -> None:
    assert grade(tmp_path / "missing", tmp_path / "out")[0] == 2
    write_submission("amara/caio-responsibilities.ipynb")
    assert grade(tmp_path / "submissions", tmp_path / "submissions" / "out")[0] == 2
    foreign = tmp_path / "precious"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("do not delete", encoding="utf-8")
    code, output = grade(tmp_path / "submissions", foreign)
    assert code == 2
    assert "not written by caio grade" in output
    assert (foreign / "thesis.txt").read_text(encoding="utf-8") == "do not delete"


def test_inputs_are_never_modified(tmp_path: Path, write_submission) -> None:
    write_submission("amara/caio-responsibilities.ipynb")
    write_submission("bob__caio-responsibilities.ipynb", dict(RIGHT_ANSWERS, q3="None"))
    before = {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (tmp_path / "submissions").rglob("*")
        if path.is_file()
    }
    grade(tmp_path / "submissions", tmp_path / "out")
    after = {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (tmp_path / "submissions").rglob("*")
        if path.is_file()
    }
    assert before == after


def test_parallel_and_serial_grading_agree(tmp_path: Path, write_submission, monkeypatch) -> None:
    for number in range(30):
        answers = dict(RIGHT_ANSWERS, q1=f'"{"ABCD"[number % 4]}"')
        write_submission(f"learner{number:02}/caio-responsibilities.ipynb", answers)
    write_submission("learner03/again/caio-responsibilities.ipynb", dict(RIGHT_ANSWERS, q2="[]"))
    grade(tmp_path / "submissions", tmp_path / "serial")
    monkeypatch.setattr("grading.grading_run.workers.PARALLEL_FROM", 2)
    arguments = ["grade", str(tmp_path / "submissions"), "-o", str(tmp_path / "parallel")]
    CliRunner().invoke(app, [*arguments, "--quizzes", str(QUIZ_DIR), "--jobs", "2"])

    def outputs(folder: Path) -> dict[Path, bytes]:
        return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*.*")}

    serial, parallel = outputs(tmp_path / "serial"), outputs(tmp_path / "parallel")
    assert len(serial) == 33
    assert Path("feedback/caio-responsibilities/learner03 (2).md") in serial
    assert b"2 notebooks of quiz caio-responsibilities" in serial[Path("gradebook.csv")]
    assert serial == parallel


def test_grade_can_record_attempts_in_the_course_gradebook(
    tmp_path: Path, write_submission
) -> None:
    write_submission("amara/caio-responsibilities.ipynb")
    database = tmp_path / "course.sqlite"
    arguments = ["grade", str(tmp_path / "submissions"), "-o", str(tmp_path / "out")]
    arguments += ["--quizzes", str(QUIZ_DIR), "--jobs", "1", "--record", str(database)]
    first = CliRunner().invoke(app, arguments)
    again = CliRunner().invoke(app, arguments)
    assert "1 attempts recorded, 0 already in" in first.output
    assert "0 attempts recorded, 1 already in" in again.output
    exported = CliRunner().invoke(
        app, ["gradebook", "--db", str(database), "-o", str(tmp_path / "course.csv")]
    )
    assert exported.exit_code == 0
    assert (tmp_path / "course.csv").read_text(encoding="utf-8").splitlines()[1] == "amara,14,14"
