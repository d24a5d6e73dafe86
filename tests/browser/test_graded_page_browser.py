"""The graded quiz page's own behaviour: saved answers, a changed quiz, clearing, learner names.

Uses the sample project's graded quiz (a single and a numeric question); the whole book's
graded quizzes are taken end to end in ``test_graded_quiz_browser.py``.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from grading.notebooks.build import write_learner_notebook
from grading.quiz.loading import find_quiz

pytestmark = pytest.mark.browser

SAMPLE_QUIZZES = Path(__file__).resolve().parents[1] / "sphinx_ext" / "sample_project" / "quizzes"
QUIZ = "section[data-quiz-id='sample-graded']"
STORAGE_KEY = "caio-quiz:sample-graded"


def open_graded(open_page, sample_site):
    page, _ = open_page(sample_site + "sub/page.html")
    return page, page.locator(QUIZ)


def choose_vowel_and_three(page, quiz) -> None:
    quiz.locator("form[data-question-id='q1'] input").first.focus()
    page.keyboard.press("ArrowDown")  # B
    quiz.locator("form[data-question-id='q2'] input").focus()
    page.keyboard.type("3")


def test_answers_survive_a_reload_and_a_new_tab(sample_site, open_page):
    page, quiz = open_graded(open_page, sample_site)
    choose_vowel_and_three(page, quiz)
    page.reload()
    expect(quiz.locator("#caio-quiz-sample-graded-q1-B")).to_be_checked()
    expect(quiz.locator("form[data-question-id='q2'] input")).to_have_value("3")
    again = page.context.new_page()
    again.goto(sample_site + "sub/page.html")
    expect(again.locator("#caio-quiz-sample-graded-q1-B")).to_be_checked()
    expect(again.locator(".caio-status")).to_have_text("")


def test_a_changed_quiz_discards_saved_answers_and_says_so(sample_site, open_page):
    page, quiz = open_graded(open_page, sample_site)
    choose_vowel_and_three(page, quiz)
    page.evaluate(
        """(key) => {
            const saved = JSON.parse(localStorage.getItem(key));
            localStorage.setItem(key, JSON.stringify({...saved, version: "an-older-one"}));
        }""",
        STORAGE_KEY,
    )
    page.reload()
    expect(quiz.locator(".caio-status")).to_contain_text("This quiz has changed")
    expect(quiz.locator("#caio-quiz-sample-graded-q1-B")).not_to_be_checked()
    expect(quiz.locator("form[data-question-id='q2'] input")).to_have_value("")
    assert page.evaluate("(key) => localStorage.getItem(key)", STORAGE_KEY) is None


def test_clear_my_answers_empties_the_page_and_the_browser_store(sample_site, open_page):
    page, quiz = open_graded(open_page, sample_site)
    choose_vowel_and_three(page, quiz)
    quiz.locator(".caio-clear").focus()
    page.keyboard.press("Enter")
    expect(quiz.locator(".caio-status")).to_have_text("Your answers to this quiz were cleared.")
    expect(quiz.locator("#caio-quiz-sample-graded-q1-B")).not_to_be_checked()
    page.reload()
    expect(quiz.locator("form[data-question-id='q2'] input")).to_have_value("")


def test_download_without_a_name_asks_for_one(sample_site, open_page):
    page, quiz = open_graded(open_page, sample_site)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    quiz.locator(".caio-download-submission").focus()
    page.keyboard.press("Enter")
    expect(quiz.locator(".caio-status")).to_contain_text("Type your name or learner id first")
    assert page.evaluate("document.activeElement.classList.contains('caio-learner')")
    page.keyboard.type("😀 / \"'")
    quiz.locator(".caio-download-submission").focus()
    page.keyboard.press("Enter")
    expect(quiz.locator(".caio-status")).to_contain_text("at least one letter or digit")
    assert downloads == []


def test_the_page_holds_no_check_and_no_score(sample_site, open_page):
    page, quiz = open_graded(open_page, sample_site)
    choose_vowel_and_three(page, quiz)
    page.keyboard.press("Enter")  # Enter in a field submits nothing and scores nothing
    assert quiz.locator(".caio-check, .caio-feedback, .caio-explanation").count() == 0
    expect(quiz).not_to_contain_text("Right")
    expect(quiz).not_to_contain_text("point of")


HOSTILE = [
    'O\'Brien "Bob"',
    "../../etc/passwd",
    "a/b\\c:d*e?f<g>h|i",
    "..",
    ".hidden",
    "__init__",
    "a__b",
    "Nguyễn Thị Minh Khai",
    "Ngu\u1ec5n",
    "Nguye\u0302\u0303n",
    "Müller-Lüdenscheidt",
    "张伟",
    "مُحَمَّد",
    "Σωκράτης",
    "Д'Артаньян",
    "देवनागरी",
    "👩‍💻 Ada",
    "🇻🇳",
    "\u202egnp.exe",
    "NUL",
    "con",
    " spaced  out ",
    "tab\there",
    "x" * 300,
    "é" * 300,
]
POOL = (
    "abcXYZ019 _-.@+'\"/\\:*?<>|%$#!&()[]{}~`^=,;"
    "ÄÖÜßéèàçñøåæœđĐơưăâêôễ"
    "张伟李娜日本語한국어ไทยعربيעבריתрусскийΕλληνικάदेवनागरी"
    "\u0301\u0308\u0323\u064e\u093f\u0e34\u05b8"
    "😀👍🏽👩‍💻🇻🇳"
    "\u200b\u200d\u202e\u00a0\u3000\x00\x1f\x7f"
)


def generated_names(count: int) -> list[str]:
    """Hostile names drawn from a pool of awkward characters, the same every run."""
    chooser = random.Random(12)  # noqa: S311 - test data, not security
    return ["".join(chooser.choices(POOL, k=chooser.randint(1, 24))) for _ in range(count)]


def test_any_name_gives_a_safe_file_that_the_grader_maps_back(sample_site, open_page, tmp_path):
    page, _ = open_graded(open_page, sample_site)
    names = HOSTILE + generated_names(300)
    ids = page.evaluate("(names) => names.map(caioSubmission.learnerId)", names)
    blank = write_learner_notebook(find_quiz(SAMPLE_QUIZZES, "sample-graded"), tmp_path / "nb")
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    expected = set()
    for name, learner_id in zip(names, ids, strict=True):
        if not learner_id:
            assert not any(char.isalnum() for char in name), name
            continue
        file_name = f"{learner_id}__sample-graded.ipynb"
        assert len(file_name.encode("utf-8")) <= 255, name
        assert "__" not in learner_id, name
        assert not learner_id.startswith((".", "-")), name
        assert not set(learner_id) & set("/\\:*?\"<>|'`$ \t"), name
        assert all(char.isprintable() for char in learner_id), name
        (submissions / file_name).write_bytes(blank.read_bytes())
        expected.add(learner_id)
    assert len(expected) > 250
    assert {"张伟", "Müller-Lüdenscheidt", "Nguyễn-Thị-Minh-Khai", "O-Brien-Bob"} <= expected
    out = tmp_path / "out"
    caio = Path(sys.executable).parent / "caio"
    graded = subprocess.run(
        [str(caio), "grade", str(submissions), "-o", str(out), "--quizzes", str(SAMPLE_QUIZZES)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert graded.returncode == 0, graded.stderr[-2000:]
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert {submission["learner"] for submission in results["submissions"]} == expected
