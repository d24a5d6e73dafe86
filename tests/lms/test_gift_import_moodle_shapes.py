"""GIFT import of questions shaped like Moodle's documented GIFT examples (written here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.lms.gift_import import GiftError, gift_to_quiz


def imported(text: str):
    return gift_to_quiz(text, quiz_id="moodle", title="Moodle", source="moodle.gift")


def test_a_line_of_spaces_separates_two_questions() -> None:
    quiz = imported("::a::Capital of France? {=Paris}\n   \n::b::Capital of Spain? {=Madrid}\n")
    assert [(q.id, q.answer) for q in quiz.questions] == [("a", ["Paris"]), ("b", ["Madrid"])]


def test_an_escaped_closing_brace_after_the_block_is_prompt_text() -> None:
    quiz = imported("A set {=is written} as \\{1, 2\\} in maths.\n")
    (question,) = quiz.questions
    assert question.answer == ["is written"]
    assert question.prompt == "A set ___ as {1, 2} in maths."


def test_missing_word_keeps_its_blank() -> None:
    quiz = imported("Moodle costs {~lots of money =nothing ~a small amount} to download.\n")
    (question,) = quiz.questions
    assert question.prompt == "Moodle costs ___ to download."
    assert question.choices[question.answer] == "nothing"


def test_partial_credit_beside_a_full_answer_is_refused_with_its_line() -> None:
    text = "::ok::Fine? {TRUE}\n\n// weights\n::hard::Hard one.{~wrong ~%50%half =full}\n"
    with pytest.raises(GiftError) as raised:
        imported(text)
    message = str(raised.value)
    assert message.startswith("moodle.gift, line 4: question hard: partial credit")


def test_match_distractor_becomes_a_response_without_premise() -> None:
    quiz = imported(
        "Which animal is which? {\n =cat -> mammal\n =frog -> amphibian\n = -> reptile\n}\n"
    )
    (question,) = quiz.questions
    assert question.type == "match"
    pairs = {question.premises[p]: question.responses[r] for p, r in question.answer.items()}
    assert pairs == {"cat": "mammal", "frog": "amphibian"}
    assert "reptile" in question.responses.values()


def test_one_numeric_answer_written_with_equals_is_imported() -> None:
    (question,) = imported("Born in? {#=1822:0}\n").questions
    assert (question.type, question.answer, question.tolerance) == ("numeric", 1822, 0)


def test_several_numeric_answers_are_refused_with_the_line() -> None:
    with pytest.raises(GiftError, match=r"line 1: question q1: several numeric answers"):
        imported("Born in? {#\n=1822:0\n=%50%1822:2}\n")


def test_invalid_question_reports_file_line_and_field_not_pydantic_text() -> None:
    with pytest.raises(GiftError) as raised:
        imported("::ok::Fine? {TRUE}\n\n::bad::Pick one {~ =b}\n")
    message = str(raised.value)
    assert message.startswith("moodle.gift, line 3: question bad: choices.A:")
    assert "pydantic" not in message
    assert "validation error" not in message


def test_import_gift_command_names_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "bank.gift"
    source.write_text("::a::One {=x}\n\n::b::Two {#1..}\n", encoding="utf-8")
    register(app)
    result = CliRunner().invoke(app, ["import-gift", str(source), "-o", str(tmp_path / "q")])
    assert result.exit_code == 2
    assert f"{source}, line 3: question b:" in result.output
    assert "Traceback" not in result.output
