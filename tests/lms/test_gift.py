"""GIFT export and import: the course's own quizzes survive the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.lms.gift_export import quiz_to_gift
from grading.lms.gift_import import GiftError, gift_to_quiz
from grading.quiz.loading import load_quiz, load_quizzes
from grading.quiz.model import ChoiceQuestion, MatchQuestion, Quiz, TextQuestion
from tests.lms.test_gift_independent_parsers import SPECIALS

QUIZZES = Path(__file__).resolve().parents[2] / "quizzes"


def comparable(question) -> tuple:
    """What a round trip must keep: GIFT has no labels, so choices compare by text."""
    if isinstance(question, ChoiceQuestion):
        key = question.answer if isinstance(question.answer, list) else [question.answer]
        answer = [(text, label in key) for label, text in question.choices.items()]
    elif isinstance(question, MatchQuestion):
        answer = sorted(
            (question.premises[p], question.responses[r]) for p, r in question.answer.items()
        )
    else:
        answer = question.answer
    return (question.id, question.type, question.prompt.strip(), answer)


@pytest.mark.parametrize("quiz_id", sorted(load_quizzes(QUIZZES)))
def test_round_trip_keeps_every_question_gift_can_express(quiz_id: str) -> None:
    quiz = load_quiz(QUIZZES / f"{quiz_id}.yml")
    exported = quiz_to_gift(quiz)
    back = gift_to_quiz(exported.text, quiz_id=quiz.id, title=quiz.title)
    expressible = [q for q in quiz.questions if q.id not in exported.skipped]
    assert [comparable(q) for q in back.questions] == [comparable(q) for q in expressible]
    assert all(quiz.question(q).type == "order" for q in exported.skipped)


def test_special_characters_are_escaped_and_restored() -> None:
    prompt = "Is {x} = 1 ~ 2 # 3: a \\ backslash?\nSecond line."
    quiz = Quiz.model_validate(
        {
            "id": "x",
            "title": "X",
            "mode": "graded",
            "questions": [
                {
                    "id": "q1",
                    "type": "single",
                    "prompt": prompt,
                    "choices": {"A": "a = b", "B": "c ~ d"},
                    "answer": "B",
                    "explanation": "Because: {yes}.",
                }
            ],
        }
    )
    back = gift_to_quiz(quiz_to_gift(quiz).text, quiz_id="x", title="X").questions[0]
    assert back.prompt == prompt
    assert back.choices == {"A": "a = b", "B": "c ~ d"}
    assert back.answer == "B"
    assert back.explanation == "Because: {yes}."


def test_moodle_style_file_without_names_gets_numbered_ids() -> None:
    text = "// a comment\nThe sky is blue.{T}\n\nTwo plus two?{#4}\n\nCapital of France?{=Paris}"
    quiz = gift_to_quiz(text, quiz_id="imported", title="Imported")
    assert [(q.id, q.type, q.answer) for q in quiz.questions] == [
        ("q1", "true_false", True),
        ("q2", "numeric", 4.0),
        ("q3", "text", ["Paris"]),
    ]


def test_a_question_without_a_right_choice_is_refused() -> None:
    with pytest.raises(GiftError, match="no right choice"):
        gift_to_quiz("::q1::Pick?{~a ~b}", quiz_id="x", title="X")


def test_import_gift_command_writes_a_loadable_quiz(tmp_path: Path) -> None:
    register(app)
    gift = tmp_path / "week-one.gift"
    source = load_quiz(QUIZZES / "caio-responsibilities.yml")
    gift.write_text(quiz_to_gift(source).text, encoding="utf-8")
    folder = tmp_path / "quizzes"
    result = CliRunner().invoke(app, ["import-gift", str(gift), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    loaded = load_quiz(folder / "week-one.yml")
    assert len(loaded.questions) == len(source.questions) - 1  # q6 (order) has no GIFT form
    again = CliRunner().invoke(app, ["import-gift", str(gift), "-o", str(folder)])
    assert again.exit_code == 2
    assert "not overwritten" in again.output


def test_text_answer_with_an_arrow_is_left_out_and_named() -> None:
    # GIFT has no form for "->" in a short answer: written as "-&gt;" it would be the key that
    # Moodle (and our importer) compares the learner's typing with.
    quiz = Quiz.model_validate(
        {
            "id": "x",
            "title": "X",
            "mode": "graded",
            "questions": [
                {
                    "id": "arrow",
                    "type": "text",
                    "prompt": "Type the arrow.",
                    "answer": ["a->b", "a → b"],
                    "explanation": "x",
                },
                {
                    "id": "plain",
                    "type": "text",
                    "prompt": "Type it.",
                    "answer": ["ab"],
                    "explanation": "x",
                },
            ],
        }
    )
    exported = quiz_to_gift(quiz)
    assert exported.skipped == ("arrow",)
    assert "&gt;" not in exported.text
    assert any(warning.startswith("arrow: ") for warning in exported.warnings)
    back = gift_to_quiz(exported.text, quiz_id="x", title="X")
    assert [(q.id, q.answer) for q in back.questions] == [("plain", ["ab"])]


def texts(question) -> dict:
    """Every text of a question: what export → import must give back character for character
    (choices in order; match pairs and distractors by text, as GIFT writes pairs in key
    order)."""
    fields = {"prompt": question.prompt.strip(), "explanation": question.explanation.strip()}
    if isinstance(question, ChoiceQuestion):
        fields["choices"] = list(question.choices.values())
    elif isinstance(question, MatchQuestion):
        fields["pairs"] = sorted(
            (question.premises[p], question.responses[r]) for p, r in question.answer.items()
        )
        used = set(question.answer.values())
        fields["distractors"] = sorted(
            text for label, text in question.responses.items() if label not in used
        )
    elif isinstance(question, TextQuestion):
        fields["answer"] = list(question.answer)
    return fields


ENTITY_CASES = Quiz.model_validate(
    {
        "id": "entities",
        "title": "Entities",
        "mode": "graded",
        "questions": [
            {
                "id": "percent_first",
                "type": "single",
                "prompt": "%50% of -> what? {x}",
                "choices": {
                    "A": "%50% off",
                    "B": "50% off",
                    "C": "a -> b -> c",
                    "D": "R&D, 1 < 2 > 0",
                },
                "answer": "A",
                "explanation": "%50% -> half.",
            },
            {
                "id": "weighted",
                "type": "multiple",
                "prompt": "Which?",
                "choices": {"A": "%25%", "B": "%-> both", "C": "plain: ~ = # {}"},
                "answer": ["A", "B"],
                "explanation": "x",
            },
            {
                "id": "sides",
                "type": "match",
                "prompt": "Match.",
                "premises": {"1": "%1 -> one", "2": "x->y"},
                "responses": {"A": "%one%", "B": "-> y", "C": "%distractor ->"},
                "answer": {"1": "A", "2": "B"},
                "explanation": "x",
            },
        ],
    }
)


@pytest.mark.parametrize(
    "quiz",
    [load_quiz(QUIZZES / f"{quiz_id}.yml") for quiz_id in sorted(load_quizzes(QUIZZES))]
    + [SPECIALS, ENTITY_CASES],
    ids=lambda quiz: quiz.id,
)
def test_round_trip_gives_back_every_text(quiz: Quiz) -> None:
    # The exporter writes "->" as "-&gt;" and a leading "%" as "&#37;" in choices and match
    # sides; the importer decodes them, so the YAML text comes back unchanged.
    exported = quiz_to_gift(quiz)
    back = gift_to_quiz(exported.text, quiz_id=quiz.id, title=quiz.title)
    kept = [question for question in quiz.questions if question.id not in exported.skipped]
    assert [texts(question) for question in back.questions] == [texts(q) for q in kept]


def test_only_the_entities_the_exporter_writes_are_decoded() -> None:
    exported = quiz_to_gift(ENTITY_CASES).text
    assert "{=&\\#37;50% off ~50% off" in exported
    assert "=&\\#37;1 -&gt; one -> &\\#37;one%" in exported
    gift = "::q::[markdown]Pick &amp; go -&gt; on {=&\\#37;5 &lt;b&gt; ~&gt; x ~50&\\#37;}"
    (question,) = gift_to_quiz(gift, quiz_id="x", title="X").questions
    assert question.prompt == "Pick &amp; go -> on"
    assert question.choices == {"A": "%5 &lt;b&gt;", "B": "&gt; x", "C": "50&#37;"}
    typed = gift_to_quiz("::t::Type {=-&gt; =&\\#37;x}", quiz_id="x", title="X").questions[0]
    assert typed.answer == ["-&gt;", "&#37;x"]
