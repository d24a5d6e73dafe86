"""Our LMS exporters and the GIFT importer, checked against the formats' own documentation.

The round-trip tests only prove that we read what we write. These tests take the syntax that
Moodle, Canvas and IMS document and check both directions against it. The GIFT questions below
follow the documented examples form for form (answer marks, spacing, line breaks, comments,
titles, feedback) with our own question texts, because the search tool's stored pages may not
be copied verbatim. Sources, as the search tool gave them:

- GIFT symbol table and quick examples (a copy of docs.moodle.org/35/en/GIFT_format):
  https://servantsuniversity.com/creating-quizzes-using-the-gift-format-in-moodle
- Moodle's own example file, question/format/gift/examples.txt (Moodle 2.8):
  https://docs.huihoo.com/phpdoc/moodle/2.8/xref/question/format/gift/examples.txt.source.txt
- Moodle grade import: https://docs.moodle.org/311/en/Grade_import
- Canvas grade import columns (a university guide restating Canvas's layout; the Canvas
  Community page itself was not in the search tool's store):
  https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades
"""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import pytest

from grading.lms.gift_export import quiz_to_gift
from grading.lms.gift_import import GiftError, gift_to_quiz
from grading.lms.grade_exports import write_canvas_csv, write_moodle_csv
from grading.quiz.model import Quiz
from grading.results.attempt_score import AttemptScore

# Each entry: GIFT text in a documented form, then the type and key the importer must give.
DOCUMENTED_FORMS = {
    # Multiple choice, "~wrong =right" on one line (examples.txt, "Multiple Choice").
    "choice-inline": (
        "Which role owns the AI strategy?{~CTO ~CFO =CAIO}",
        "single",
        "C",
    ),
    # Missing word: the answer block sits inside the sentence (examples.txt).
    "missing-word": (
        "The CAIO {~ignores =steers ~hides} the AI portfolio.",
        "single",
        "B",
    ),
    # Answers on their own indented lines, closing brace after the last one (examples.txt).
    "choice-multiline": (
        "Which area is one of the CAIO's? {\n    ~Payroll\n    =Governance\n    ~Catering}",
        "single",
        "B",
    ),
    # Per-answer feedback after "#" (quick examples, "::Q2::").
    "choice-feedback": (
        "::Q2:: Which is a C-level role?\n"
        "{ =CAIO # right; it is. ~Intern # wrong, it is the CAIO ~Trainee # wrong, too }",
        "single",
        "A",
    ),
    # Multiple right answers with percentage weights (documented "~%50%" form).
    "weights": (
        "Which two are CAIO tasks? { ~%-100%Cooking ~%50%Strategy ~%50%Governance ~%-100%Sales }",
        "multiple",
        ["B", "C"],
    ),
    # True/false, short and long forms (quick examples "{T}", examples.txt "{FALSE}", "{F}").
    "true-short": ("::Q1:: 1+1=2 {T}", "true_false", True),
    "false-long": ("A CAIO never talks to the board.{FALSE}", "true_false", False),
    "false-short": ("A CAIO never talks to the board.{F}", "true_false", False),
    # Short answer: only "=" answers, all accepted (examples.txt, "Short Answer").
    "short-answer": ("Three plus one equals {=four =4}.", "text", ["four", "4"]),
    # Matching with "=item -> match" (quick examples "::Q4::"), spaces and no spaces.
    "matching": (
        "::Q4:: Which role owns which area? { =CAIO -> AI =CFO -> money =CTO -> technology }",
        "match",
        {"1": "A", "2": "B", "3": "C"},
    ),
    "matching-tight": (
        "Match the roles.{=CAIO->AI =CFO->money =CTO->technology}",
        "match",
        {"1": "A", "2": "B", "3": "C"},
    ),
    # Numerical: exact, value:tolerance, and the range low..high (quick examples ::Q5::, ::Q6::).
    "numeric-exact": ("In which year did our pilot start? {#2021}", "numeric", (2021, 0)),
    "numeric-tolerance": ("::Q5:: Pick a number from 1 to 5. {#3:2}", "numeric", (3, 2)),
    "numeric-range": ("::Q6:: Pick a number from 1 to 5. {#1..5}", "numeric", (3, 2)),
    "numeric-decimal": ("Pi to three places? {#3.1415:0.0005}", "numeric", (3.1415, 0.0005)),
}


def imported(text: str):
    """The one question that ``text`` holds, imported."""
    (question,) = gift_to_quiz(text, quiz_id="doc", title="Documented").questions
    return question


def key(question) -> object:
    if question.type == "numeric":
        return (question.answer, question.tolerance)
    return question.answer


@pytest.mark.parametrize("name", sorted(DOCUMENTED_FORMS))
def test_documented_form_imports_with_its_key(name: str) -> None:
    text, kind, expected = DOCUMENTED_FORMS[name]
    question = imported(text)
    assert question.type == kind
    if kind == "numeric":
        assert key(question) == pytest.approx(expected)
    else:
        assert key(question) == expected


def test_feedback_is_not_part_of_the_choice_text() -> None:
    question = imported(DOCUMENTED_FORMS["choice-feedback"][0])
    assert question.id == "Q2"
    assert question.choices == {"A": "CAIO", "B": "Intern", "C": "Trainee"}


def test_comments_titles_general_feedback_and_blank_line_separation() -> None:
    # "// text" comments, "::title::", "####general feedback", blank lines between questions
    # (GIFT symbol table).
    text = (
        "// true/false\n"
        "::Board::The CAIO reports to the board.{TRUE####Often to the CEO as well.}\n"
        "\n"
        "// question: 2 name: roles\n"
        "::roles::Who steers AI?{=CAIO ~CFO}\n"
    )
    quiz = gift_to_quiz(text, quiz_id="doc", title="Documented")
    assert [q.id for q in quiz.questions] == ["Board", "roles"]
    assert quiz.questions[0].explanation == "Often to the CEO as well."
    assert quiz.questions[0].prompt == "The CAIO reports to the board."


def test_true_false_with_per_answer_feedback() -> None:
    # The true/false answer may carry "#feedback" like any other answer.
    question = imported("The CAIO owns AI risk.{T#No, it does.#Yes.}")
    assert (question.type, question.answer) == ("true_false", True)


def test_short_answer_feedback_is_dropped() -> None:
    question = imported("Three plus one equals {=four #right =4 #also right}.")
    assert question.answer == ["four", "4"]


def test_documented_escapes_are_restored() -> None:
    # "\character: backslash escapes the special meaning of ~, =, #, {, }, and :".
    question = imported(r"Is a \{set\} \~ \= \# \: here?{=yes \= sure ~no \# never}")
    assert question.prompt == "Is a {set} ~ = # : here?"
    assert question.choices == {"A": "yes = sure", "B": "no # never"}


@pytest.mark.parametrize(
    "text",
    [
        # Several numeric answers with partial credit ("=%n%answer:tolerance").
        "When did it start?{#=2021:0 =%50%2021:2}",
        # Short answers with partial credit.
        "Name the role.{=%100%CAIO =%50%CTO}",
    ],
)
def test_documented_partial_credit_forms_fail_clearly(text: str) -> None:
    with pytest.raises(GiftError, match=r"not supported|partial credit"):
        imported(text)


EXPORTED = Quiz.model_validate(
    {
        "id": "doc",
        "title": "Documented",
        "mode": "graded",
        "questions": [
            {
                "id": "choice",
                "type": "single",
                "prompt": "Who steers AI?",
                "choices": {"A": "CFO", "B": "CAIO"},
                "answer": "B",
                "explanation": "The CAIO.",
            },
            {
                "id": "weights",
                "type": "multiple",
                "prompt": "Which two are CAIO tasks?",
                "choices": {"A": "Strategy", "B": "Cooking", "C": "Governance", "D": "Sales"},
                "answer": ["A", "C"],
                "explanation": "Strategy and governance.",
            },
            {
                "id": "truth",
                "type": "true_false",
                "prompt": "The CAIO reports to the board.",
                "answer": True,
                "explanation": "Often.",
            },
            {
                "id": "number",
                "type": "numeric",
                "prompt": "Pick a number from 2.5 to 3.5.",
                "answer": 3,
                "tolerance": 0.5,
                "explanation": "Three.",
            },
            {
                "id": "words",
                "type": "text",
                "prompt": "Three plus one?",
                "answer": ["four", "4"],
                "explanation": "Four.",
            },
            {
                "id": "pairs",
                "type": "match",
                "prompt": "Match the roles.",
                "premises": {"1": "CAIO", "2": "CFO"},
                "responses": {"A": "AI", "B": "money"},
                "answer": {"1": "A", "2": "B"},
                "explanation": "By title.",
            },
        ],
    }
)


def exported_blocks() -> dict[str, str]:
    """Question id → its GIFT block, from the title ``::id::`` to the closing brace."""
    text = quiz_to_gift(EXPORTED).text
    blocks = [block for block in text.split("\n\n") if block.startswith("::")]
    return {block.split("::")[1]: block for block in blocks}


def test_export_uses_the_documented_syntax() -> None:
    blocks = exported_blocks()
    assert "{~CFO =CAIO\n####The CAIO.}" in blocks["choice"]
    assert "{~%50%Strategy ~%-50%Cooking ~%50%Governance ~%-50%Sales\n" in blocks["weights"]
    assert "{TRUE\n####" in blocks["truth"]
    assert "{#3:0.5\n####" in blocks["number"]
    assert "{=four =4\n####" in blocks["words"]
    assert "{=CAIO -> AI =CFO -> money\n####" in blocks["pairs"]
    # A "//" comment line, titles "::title::" and a "[markdown]" format (GIFT symbol table).
    assert quiz_to_gift(EXPORTED).text.startswith("// doc: Documented\n")
    assert blocks["number"].startswith("::number::[markdown]Pick a number from 2.5 to 3.5. {")


def test_exported_documented_forms_import_back() -> None:
    back = gift_to_quiz(quiz_to_gift(EXPORTED).text, quiz_id="doc", title="Documented")
    assert [(q.id, q.type, key(q)) for q in back.questions] == [
        ("choice", "single", "B"),
        ("weights", "multiple", ["A", "C"]),
        ("truth", "true_false", True),
        ("number", "numeric", (3, 0.5)),
        ("words", "text", ["four", "4"]),
        ("pairs", "match", {"1": "A", "2": "B"}),
    ]


def score(learner: str, quiz: str, points: Fraction, maximum: int) -> AttemptScore:
    return AttemptScore(1, learner, quiz, "2024-01-01T00:00:00", points, Fraction(maximum))


CHOSEN = {
    ("amara", "quiz-b"): score("amara", "quiz-b", Fraction(7, 2), 5),
    ("amara", "quiz-a"): score("amara", "quiz-a", Fraction(10), 10),
    ("bruno", "quiz-a"): score("bruno", "quiz-a", Fraction(2, 3), 10),
}


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_canvas_csv_follows_the_documented_columns(tmp_path: Path) -> None:
    # Canvas: Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment;
    # a "Points Possible" row under the header gives each assignment's maximum.
    path = tmp_path / "canvas.csv"
    write_canvas_csv(path, CHOSEN, {"quiz-a": "Quiz A", "quiz-b": "Quiz B"})
    table = rows(path)
    assert table[0] == [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "Quiz A",
        "Quiz B",
    ]
    assert table[1] == ["Points Possible", "", "", "", "", "10", "5"]
    # One identifying field is enough; ours is the SIS Login ID. Points use a decimal dot.
    assert table[2] == ["amara", "", "", "amara", "", "10", "3.5"]
    assert table[3] == ["bruno", "", "", "bruno", "", "0.67", ""]
    assert {len(row) for row in table} == {7}


def test_moodle_csv_has_a_header_an_identifying_column_and_item_columns(tmp_path: Path) -> None:
    # Moodle: the first row names the columns; on import one column is mapped from a user field
    # (here "username") and each other column to a grade item.
    path = tmp_path / "moodle.csv"
    write_moodle_csv(path, CHOSEN)
    assert rows(path) == [
        ["username", "quiz-a", "quiz-b"],
        ["amara", "10", "3.5"],
        ["bruno", "0.67", ""],
    ]
