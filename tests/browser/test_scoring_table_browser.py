"""One scoring truth: the page's scoring.js against the grader, case by case.

The table of cases is generated here from the grader's own code
(:func:`grading.grader.scoring.score_answer`, :func:`normalise_text` and the points format of
the feedback), and the page receives each key exactly as a practice page does
(:func:`grading.sphinx_ext.practice.scoring_key`). One browser run evaluates every case; the
test lists each difference, and there must be none.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from grading.grader.scoring import normalise_text, score_answer
from grading.quiz.model import Question
from grading.results.numbers import exact_text, format_points
from grading.sphinx_ext.practice import scoring_key

pytestmark = pytest.mark.browser

SCORING_JS = (
    Path(__file__).resolve().parents[2] / "grading" / "sphinx_ext" / "static" / "scoring.js"
)
QUESTION = TypeAdapter(Question)

TEXTS = [
    # Vietnamese: precomposed, combining accents, capitals, spacing, no accents
    "Giám đốc",
    "Gia\u0301m đô\u0302\u0301c",
    "GIÁM   ĐỐC",
    "Giam doc",
    "Giám\u3000đốc\u00a0",
    "trí tuệ nhân tạo",
    "TRI TUE NHAN TAO",
    # German
    "Geschäftsführer",
    "Gescha\u0308ftsfu\u0308hrer",
    "GESCHÄFTSFÜHRER",
    "Geschaftsfuhrer",
    "Straße",
    "STRASSE",
    "Ärger",
    # combining marks that Python keeps (class 0) and strips (class > 0)
    "कुछ",
    "कछ",
    "किताब",
    "कताब",
    "ที่ปรึกษา",
    "ทปรกษา",
    "مُدِير",
    "مدير",
    "שָׁלוֹם",
    "שלום",
    "e\u0301",
    "e\u0334\u0301",
    # other scripts, compatibility forms, case
    "ΣΟΦΙΑ",
    "σοφιας",
    "ΣΟΦΙΑΣ",
    "Директор по ИИ",
    "директор по ии",
    "\uff23\uff21\uff29\uff2f",  # full-width CAIO
    "caio",
    "ﬁnance",
    "İstanbul",
    "ǅemal",
    "최고 AI 책임자",
    "最高AI責任者",
    "\tChief \n AI\u2003Officer ",
    "chief ai officer",
    "😀 emoji",
]


def question(**fields: object) -> Question:
    base = {"id": "q", "prompt": "p", "explanation": "e"}
    return QUESTION.validate_python({**base, **fields})


def text_cases() -> list[tuple[Question, object]]:
    cases = []
    for key, given, ignore in itertools.product(
        [*TEXTS[::3], "कुछ", "Giám đốc", "Straße", "مُدِير"], TEXTS, (False, True)
    ):
        cases.append((question(type="text", answer=[key], ignore_accents=ignore), given))
    return cases


CHOICES = {"A": "a", "B": "b", "C": "c", "D": "d"}
LABEL_SETS = [[], ["A"], ["B"], ["A", "C"], ["A", "B"], ["A", "C", "D"], ["B", "D"], ["A", "A"]]


def other_cases() -> list[tuple[Question, object]]:
    cases: list[tuple[Question, object]] = []
    for points, answer in itertools.product((1, 2.5, 0.125, 2.675), ("A", " A ", "B", "a")):
        cases.append((question(type="single", points=points, choices=CHOICES, answer="A"), answer))
    for key, given in itertools.product((True, False), (True, False)):
        cases.append((question(type="true_false", answer=key), given))
    for key, tolerance, given in [
        (5, 0, 5),
        (5, 0, 5.0),
        (5, 0.5, 5.5),
        (5, 0.5, 5.51),
        (5, 0.5, 4.5),
        (1.1, 0.1, 1),
        (0.3, 0, 0.1 + 0.2),
        (-2, 0.25, -2.25),
        (1e-5, 0, 0.00001),
        (1000000, 0, 1e6),
        (2.5, 0, 3),
    ]:
        cases.append((question(type="numeric", answer=key, tolerance=tolerance), given))
    for scoring, points, answer, given in itertools.product(
        ("all_or_nothing", "right_minus_wrong"),
        (1, 2, 0.5, 3),
        (["A", "C", "D"], ["B"], ["A", "B", "C", "D"]),
        LABEL_SETS,
    ):
        cases.append(
            (
                question(
                    type="multiple", points=points, choices=CHOICES, answer=answer, scoring=scoring
                ),
                given,
            )
        )
    items = {"A": "a", "B": "b", "C": "c"}
    for scoring, points, given in itertools.product(
        ("all_or_nothing", "per_position"),
        (1, 0.5, 7),
        (["C", "A", "B"], ["A", "C", "B"], ["C", "B", "A"], ["A", "B", "C"], ["C", "A"]),
    ):
        cases.append(
            (
                question(
                    type="order",
                    points=points,
                    items=items,
                    answer=["C", "A", "B"],
                    scoring=scoring,
                ),
                given,
            )
        )
    premises = {"1": "one", "2": "two", "3": "three"}
    for points, given in itertools.product(
        (1, 2, 0.1),
        (
            {"1": "B", "2": "C", "3": "A"},
            {"1": "B", "2": "A", "3": "A"},
            {"1": "B"},
            {},
            {"1": "C", "2": "A", "3": "B"},
        ),
    ):
        cases.append(
            (
                question(
                    type="match",
                    points=points,
                    premises=premises,
                    responses={"A": "a", "B": "b", "C": "c"},
                    answer={"1": "B", "2": "C", "3": "A"},
                ),
                given,
            )
        )
    return cases


def page_answer(given: object) -> object:
    """What the page passes to scoring.js: numbers as the text a learner typed."""
    if isinstance(given, (int, float)) and not isinstance(given, bool):
        return str(given)
    return given


def table() -> list[dict[str, object]]:
    rows = []
    for case_question, given in text_cases() + other_cases():
        score = score_answer(case_question, given)
        rows.append(
            {
                "key": scoring_key(case_question),
                "answer": page_answer(given),
                "expected": {
                    "points": exact_text(score.points),
                    "maximum": exact_text(score.max_points),
                    "shown": f"{format_points(score.points)} of {format_points(score.max_points)}",
                    "reason": [score.reason.key, dict(score.reason.counts)],
                },
            }
        )
    return rows


NORMALISE = """(cases) => cases.map(([text, ignore]) => caioScoring.normaliseText(text, ignore))"""
SCORE = """(rows) => rows.map(({key, answer}) => {
    const score = caioScoring.scoreAnswer(key, answer);
    const exact = (value) => value[1] === 1n ? String(value[0]) : value[0] + "/" + value[1];
    return {
        points: exact(score.points),
        maximum: exact(score.maximum),
        shown: caioScoring.formatPoints(score.points) + " of " + caioScoring.formatPoints(score.maximum),
        reason: score.reason,
    };
})"""


@pytest.fixture
def scoring_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto("about:blank")
    page.add_script_tag(path=str(SCORING_JS))
    yield page
    context.close()


def test_scoring_js_agrees_with_the_grader_on_every_case(scoring_page):
    rows = table()
    assert len(rows) > 400
    got = scoring_page.evaluate(SCORE, rows)
    differences = [
        {"key": row["key"], "answer": row["answer"], "python": row["expected"], "page": page}
        for row, page in zip(rows, got, strict=True)
        if page != row["expected"]
    ]
    assert differences == [], json.dumps(differences[:10], ensure_ascii=False, indent=1)

    normalise_cases = [[text, ignore] for text in TEXTS for ignore in (False, True)]
    normalised = scoring_page.evaluate(NORMALISE, normalise_cases)
    text_differences = [
        (text, ignore, normalise_text(text, ignore_accents=ignore), page)
        for (text, ignore), page in zip(normalise_cases, normalised, strict=True)
        if page != normalise_text(text, ignore_accents=ignore)
    ]
    assert text_differences == []


def test_the_table_covers_what_the_issue_names():
    """Guard against a table that silently lost its hard cases."""
    rows = table()
    kinds = {(row["key"]["type"], row["key"].get("scoring")) for row in rows}
    assert kinds >= {
        ("single", None),
        ("true_false", None),
        ("numeric", None),
        ("text", None),
        ("multiple", "all_or_nothing"),
        ("multiple", "right_minus_wrong"),
        ("order", "all_or_nothing"),
        ("order", "per_position"),
        ("match", None),
    }
    partial = [
        row for row in rows if row["expected"]["points"] not in ("0", row["expected"]["maximum"])
    ]
    assert any("/" in row["expected"]["points"] for row in partial)
    hindi = [row for row in rows if row["key"].get("answer") == ["कुछ"] and row["answer"] == "कछ"]
    assert hindi
    assert {row["expected"]["points"] for row in hindi} == {"0"}
