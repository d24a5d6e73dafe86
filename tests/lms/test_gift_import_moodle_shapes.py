"""GIFT import of questions shaped like Moodle's documented GIFT examples (written here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.grader.scoring import score_answer
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


def test_numeric_range_accepts_both_ends_as_moodle_does() -> None:
    # Moodle's documented example: "{#3.141..3.142}" accepts 3.141 and 3.142 and all between.
    (question,) = imported("Pi to three places? {#3.141..3.142}.\n").questions
    assert (question.answer, question.tolerance) == (3.1415, 0.0005)
    for answer, right in [(3.141, True), (3.142, True), (3.1415, True), (3.1409, False)]:
        assert score_answer(question, answer).correct is right, answer
    assert not score_answer(question, 3.1421).correct


def test_numeric_range_of_long_decimals_still_accepts_both_ends() -> None:
    (question,) = imported("Which? {#0.1..0.30000000000000004}\n").questions
    for answer in (0.1, 0.30000000000000004, 0.2):
        assert score_answer(question, answer).correct, answer


def test_weighted_choices_without_an_equals_sign_are_a_multiple_answer_question() -> None:
    # What export-gift writes for a "multiple" question with one right answer; Moodle makes
    # every "~%n%"-only question a multiple-answer one, whatever the weights.
    (question,) = imported("::pick::Which? {~%100%right ~%-50%wrong ~%-50%also wrong}\n").questions
    assert (question.type, question.answer) == ("multiple", ["A"])
    assert question.choices == {"A": "right", "B": "wrong", "C": "also wrong"}


def test_one_full_answer_with_penalties_and_an_equals_sign_is_still_refused() -> None:
    with pytest.raises(GiftError, match="line 1: question q1: partial credit"):
        imported("Which? {=right ~%-50%wrong ~%-50%also wrong}\n")


def test_two_questions_with_one_title_are_refused_naming_both_lines(tmp_path: Path) -> None:
    text = "::a::One {=x}\n\n// second\n::b::Two {=y}\n\n::a::Three {=z}\n"
    with pytest.raises(GiftError) as raised:
        imported(text)
    message = str(raised.value)
    assert message.startswith("moodle.gift, line 6: question id 'a' is used twice")
    assert "line 1" in message
    assert "Value error" not in message
    source = tmp_path / "bank.gift"
    source.write_text(text, encoding="utf-8")
    register(app)
    result = CliRunner().invoke(app, ["import-gift", str(source), "-o", str(tmp_path / "q")])
    assert result.exit_code == 2
    assert f"{source}, line 6: question id 'a' is used twice" in result.output
    assert "Value error" not in result.output
