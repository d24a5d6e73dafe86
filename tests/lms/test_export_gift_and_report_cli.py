"""``caio export-gift`` from the command line, and ``caio report`` noticing a changed quiz."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.grading_run.run import grade_folder_to
from grading.lms.gift_import import gift_to_quiz
from grading.quiz.loading import load_quiz, load_quizzes

REPO = Path(__file__).resolve().parents[2]
QUIZ_FILE = REPO / "quizzes" / "caio-responsibilities.yml"


@pytest.fixture
def runner() -> CliRunner:
    register(app)
    return CliRunner()


def test_export_gift_command_writes_gift_and_names_order_questions(
    runner: CliRunner, tmp_path: Path
) -> None:
    output = tmp_path / "quiz.gift"
    arguments = ["export-gift", "caio-responsibilities", "-o", str(output)]
    result = runner.invoke(app, [*arguments, "-q", str(REPO / "quizzes")])
    assert result.exit_code == 0, result.output
    assert f"written {output}" in result.stdout
    assert "left out (no GIFT form): q6" in result.stderr
    back = gift_to_quiz(output.read_text(encoding="utf-8"), quiz_id="x", title="X")
    source = load_quiz(QUIZ_FILE)
    assert [q.id for q in back.questions] == [q.id for q in source.questions if q.id != "q6"]


UNWRITABLE = """\
id: unwritable
title: Unwritable
mode: graded
questions:
  - id: several
    type: multiple
    prompt: Which two?
    choices: {A: a, B: b, C: c}
    answer: [A, B]
    scoring: all_or_nothing
    explanation: A and B.
  - id: arrow
    type: text
    prompt: Type the arrow.
    answer: ["a->b"]
    explanation: An arrow.
  - id: fine
    type: true_false
    prompt: Fine?
    answer: true
    explanation: Yes.
"""


def test_export_gift_command_warns_on_stderr_about_what_gift_cannot_say(
    runner: CliRunner, tmp_path: Path
) -> None:
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / "unwritable.yml").write_text(UNWRITABLE, encoding="utf-8")
    output = tmp_path / "quiz.gift"
    result = runner.invoke(
        app, ["export-gift", "unwritable", "-o", str(output), "-q", str(quizzes)]
    )
    assert result.exit_code == 0, result.output
    assert "warning: several: all_or_nothing scoring cannot be written in GIFT" in result.stderr
    assert "left out (no GIFT form): arrow" in result.stderr
    assert "warning: arrow: " in result.stderr
    assert "warning" not in result.stdout
    back = gift_to_quiz(output.read_text(encoding="utf-8"), quiz_id="x", title="X")
    assert [q.id for q in back.questions] == ["several", "fine"]


def test_export_gift_command_unknown_quiz_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export-gift", "nope", "-o", str(tmp_path / "x.gift"), "-q", str(REPO / "quizzes")]
    )
    assert result.exit_code == 2
    assert "no quiz 'nope'" in result.stderr
    assert not (tmp_path / "x.gift").exists()


@pytest.fixture
def graded(tmp_path: Path) -> tuple[Path, Path]:
    """(OUT of caio grade on the sample submissions, the quiz folder they were graded with)."""
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    shutil.copy(QUIZ_FILE, quizzes)
    loaded = load_quizzes(quizzes)
    out = tmp_path / "out"
    grade_folder_to(REPO / "samples" / "submissions", out, loaded)
    return out, quizzes


def report(runner: CliRunner, out: Path, quizzes: Path, book: Path):
    return runner.invoke(app, ["report", str(out), "-q", str(quizzes), "--book", str(book)])


def test_report_is_quiet_when_the_quiz_is_unchanged(
    runner: CliRunner, graded: tuple[Path, Path], tmp_path: Path
) -> None:
    out, quizzes = graded
    result = report(runner, out, quizzes, tmp_path)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr


def test_report_warns_when_the_quiz_changed_since_grading(
    runner: CliRunner, graded: tuple[Path, Path], tmp_path: Path
) -> None:
    out, quizzes = graded
    path = quizzes / "caio-responsibilities.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("comes first in IBM's list", "comes first"), encoding="utf-8")
    result = report(runner, out, quizzes, tmp_path)
    assert result.exit_code == 0, result.output
    assert "warning: quiz caio-responsibilities is now version" in result.stderr
    assert (out / "report.html").is_file()
