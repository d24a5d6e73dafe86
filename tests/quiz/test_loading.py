"""Quiz files: every problem is reported with file, question and line; good files load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.errors import QuizDefinitionError
from grading.quiz.loading import _plain, _read_yaml, load_quiz, quiz_files
from grading.quiz.model import QUESTION_TYPES, Quiz
from grading.quiz.schema import SCHEMA_FILE_NAME, quiz_json_schema
from tests.conftest import QUIZ_DIR

BAD_QUIZ = """\
id: bad
title: Bad
mode: graded
questions:
  - id: q1
    type: single
    points: 0
    prompt: Pick one
    choices: {A: a, B: b}
    answer: C
    explanation: e
  - id: q1
    type: essay
    prompt: y
  - id: q3
    type: numeric
    prompt: z
    answer: 3
    tolerance: -1
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_is_listed_with_line_and_question(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yml", BAD_QUIZ)
    with pytest.raises(QuizDefinitionError) as caught:
        load_quiz(path)
    listed = {
        (problem.line, problem.question, problem.message) for problem in caught.value.problems
    }
    assert (7, "q1", "points: Input should be greater than 0") in listed
    assert (10, "q1", "answer: C is not among the choices (A, B)") in listed
    assert any(line == 12 and "used twice" in message for line, _, message in listed)
    assert any(line == 12 and "unknown question type" in message for line, _, message in listed)
    assert (15, "q3", "explanation: Field required") in listed
    assert any(
        line == 19 and "greater than or equal to 0" in message for line, _, message in listed
    )
    assert str(caught.value).startswith(f"{path}:")


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yml", "id: broken\ntitle: [unclosed\nmode: graded\n")
    with pytest.raises(QuizDefinitionError) as caught:
        load_quiz(path)
    assert caught.value.problems[0].line is not None
    assert "YAML" in caught.value.problems[0].message


def test_quiz_id_must_match_file_name(tmp_path: Path) -> None:
    text = (QUIZ_DIR / "caio-responsibilities.yml").read_text(encoding="utf-8")
    path = write(tmp_path, "renamed.yml", text)
    with pytest.raises(QuizDefinitionError, match="must match the file name"):
        load_quiz(path)


def test_check_command_lists_all_problems_and_fails(tmp_path: Path) -> None:
    write(tmp_path, "bad.yml", BAD_QUIZ)
    write(tmp_path, "other.yml", "id: other\ntitle: T\nmode: practice\nquestions: []\n")
    result = CliRunner().invoke(app, ["check", "--quizzes", str(tmp_path)])
    assert result.exit_code == 2
    assert "bad.yml:10 [question q1]" in result.output
    assert "other.yml:4" in result.output


def test_check_flags_order_items_listed_in_answer_order(tmp_path: Path) -> None:
    text = (QUIZ_DIR / "caio-responsibilities.yml").read_text(encoding="utf-8")
    text = text.replace("answer: [B, D, E, C, A]", "answer: [A, B, C, D, E]")
    write(tmp_path, "caio-responsibilities.yml", text)
    result = CliRunner().invoke(app, ["check", "--quizzes", str(tmp_path)])
    assert result.exit_code == 1
    assert "[question q6]: items are listed in the answer order" in result.output


def test_repository_quizzes_pass_check_and_use_every_type(quizzes) -> None:
    result = CliRunner().invoke(app, ["check", "--quizzes", str(QUIZ_DIR)])
    assert result.exit_code == 0, result.output
    used = {question.type for quiz in quizzes.values() for question in quiz.questions}
    assert used == set(QUESTION_TYPES)


def test_published_json_schema_is_current() -> None:
    committed = (QUIZ_DIR / SCHEMA_FILE_NAME).read_text(encoding="utf-8")
    assert committed == quiz_json_schema(), "run: caio schema -o quizzes"
    assert set(json.loads(committed)["$defs"]) >= {"SingleQuestion", "MatchQuestion"}


def test_schema_makes_a_missing_folder_and_reports_a_bad_one_in_one_line(tmp_path: Path) -> None:
    made = CliRunner().invoke(app, ["schema", "-o", str(tmp_path / "new" / "quizzes")])
    assert made.exit_code == 0, made.output
    written = tmp_path / "new" / "quizzes" / SCHEMA_FILE_NAME
    assert written.read_text(encoding="utf-8") == quiz_json_schema()
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    failed = CliRunner().invoke(app, ["schema", "-o", str(tmp_path / "a-file" / "quizzes")])
    assert failed.exit_code == 2, failed.output
    assert failed.exception is None or isinstance(failed.exception, SystemExit)
    assert failed.stderr.splitlines() == [
        f"error: cannot write {tmp_path / 'a-file' / 'quizzes' / SCHEMA_FILE_NAME}: "
        "Not a directory; nothing was changed there"
    ]
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder"


def test_schema_replaces_the_file_whole_or_not_at_all(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / SCHEMA_FILE_NAME
    path.write_text("old schema", encoding="utf-8")

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", disk_full)
    result = CliRunner().invoke(app, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr
    assert path.read_text(encoding="utf-8") == "old schema"
    assert [item.name for item in tmp_path.iterdir()] == [SCHEMA_FILE_NAME]


def test_check_flags_match_answers_that_follow_the_listing(tmp_path: Path) -> None:
    text = (QUIZ_DIR / "caio-responsibilities.yml").read_text(encoding="utf-8")
    text = text.replace('answer: {"1": B, "2": C, "3": D}', 'answer: {"1": A, "2": B, "3": C}')
    write(tmp_path, "caio-responsibilities.yml", text)
    result = CliRunner().invoke(app, ["check", "--quizzes", str(tmp_path)])
    assert result.exit_code == 1
    assert "[question q7]: each premise pairs with the response listed at the same" in result.output


def test_quick_reading_gives_the_same_quizzes_as_reading_with_line_numbers() -> None:
    """Every bundled quiz is read without line numbers first; the result must be the quiz
    the reading with line numbers gives."""
    paths = quiz_files(Path(__file__).resolve().parents[2] / "quizzes")
    assert len(paths) > 10
    for path in paths:
        text = path.read_text(encoding="utf-8")
        with_lines = Quiz.model_validate(_plain(_read_yaml(path, text)))
        assert load_quiz(path) == with_lines, path.name
