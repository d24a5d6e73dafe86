"""Practice quizzes in a real browser, driven with the keyboard only.

Every question type is answered right, wrong and (where the type allows) partly right; the
points shown must equal what :func:`grading.grader.scoring.score_answer` gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from grading.grader.scoring import score_answer, score_value
from grading.messages import message
from grading.quiz.loading import find_quiz
from grading.quiz.model import Quiz
from grading.quiz.translations import quiz_in_language
from grading.results.numbers import format_points

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parents[1]
SAMPLE_QUIZ = find_quiz(TESTS / "sphinx_ext" / "sample_project" / "quizzes", "all-types-practice")
BOOK_QUIZZES = TESTS.parent / "quizzes"


def expected_feedback(quiz: Quiz, question_id: str, answer: object) -> tuple[str, str]:
    """The headline and score sentence the page must show for ``answer``."""
    score = score_answer(quiz.question(question_id), answer)
    if score.correct:
        headline = "Right!"
    elif score.points == 0:
        headline = "Not quite."
    else:
        headline = "Partly right."
    unit = "point" if score.max_points == 1 else "points"
    sentence = (
        f"You scored {format_points(score.points)} of {format_points(score.max_points)} {unit}"
    )
    if headline == "Partly right.":
        sentence += f": {score.reason.text()}."
    return headline, sentence


def tab_to(page: Page, css_class: str) -> None:
    """Press Tab until the focused element has ``css_class`` (like a keyboard user)."""
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.classList.contains('{css_class}')"):
            return
    raise AssertionError(f"Tab never reached .{css_class}")


def check_with_keyboard(page: Page) -> None:
    tab_to(page, "caio-check")
    page.keyboard.press("Enter")


def focus_first_control(page: Page, form) -> None:
    """The one programmatic step: put focus on the question's first control."""
    form.locator("input, select").first.focus()


def press_keys(page: Page, keys: list[str]) -> None:
    for key in keys:
        if key.startswith("type:"):
            page.keyboard.type(key.removeprefix("type:"))
        else:
            page.keyboard.press(key)


CASES = [
    # question id, keys after focusing the first control, answer as the grader sees it
    ("q_single", ["Space"], "A"),
    ("q_single", ["ArrowDown"], "B"),
    ("q_multiple", ["Space", "Tab", "Tab", "Space", "Tab", "Space"], ["A", "C", "D"]),
    ("q_multiple", ["Space", "Tab", "Tab", "Space"], ["A", "C"]),
    ("q_multiple", ["Space", "Tab", "Space"], ["A", "B"]),
    ("q_true_false", ["ArrowDown"], False),
    ("q_true_false", ["Space"], True),
    ("q_numeric", ["type:1"], 1.0),  # |1 - 1.1| is exactly the tolerance 0.1
    ("q_numeric", ["type:1.25"], 1.25),
    ("q_text", ["type:  ha   NOI "], "  ha   NOI "),
    ("q_text", ["type:Hue"], "Hue"),
    ("q_order", ["b", "Tab", "c", "Tab", "a"], ["B", "C", "A"]),
    ("q_order", ["b", "Tab", "a", "Tab", "c"], ["B", "A", "C"]),
    ("q_order", ["a", "Tab", "b", "Tab", "c"], ["A", "B", "C"]),
    ("q_match", ["a", "Tab", "b"], {"1": "A", "2": "B"}),
    ("q_match", ["a", "Tab", "c"], {"1": "A", "2": "C"}),
    ("q_match", ["c", "Tab", "a"], {"1": "C", "2": "A"}),
]


@pytest.mark.parametrize(("question_id", "keys", "answer"), CASES)
def test_every_question_type_scores_like_the_grader(
    sample_site, open_page, question_id, keys, answer
):
    page, traffic = open_page(sample_site + "index.html")
    form = page.locator(f"#caio-quiz-all-types-practice-{question_id}")
    focus_first_control(page, form)
    press_keys(page, keys)
    check_with_keyboard(page)
    headline, score = expected_feedback(SAMPLE_QUIZ, question_id, answer)
    feedback = form.locator(".caio-feedback")
    expect(feedback).to_contain_text(headline)
    expect(feedback).to_contain_text(score)
    explanation = form.locator(".caio-explanation")
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text(f"EXPLAIN-{question_id[2:].upper().replace('_', '-')}")
    assert all(request.startswith(sample_site) for request in traffic.requests)


def test_section_link_and_try_again(sample_site, open_page):
    page, _ = open_page(sample_site + "index.html")
    form = page.locator("#caio-quiz-all-types-practice-q_single")
    focus_first_control(page, form)
    page.keyboard.press("ArrowDown")
    check_with_keyboard(page)
    expect(form.locator(".caio-feedback")).to_contain_text("Not quite.")
    link = form.locator(".caio-section-link a")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", "#sample-basics")
    tab_to(page, "caio-retry")
    page.keyboard.press("Enter")
    expect(form.locator(".caio-explanation")).to_be_hidden()
    expect(form.locator(".caio-feedback")).to_have_text("")
    assert page.evaluate("document.activeElement.value") == "A"
    assert page.evaluate("document.activeElement.checked") is False
    page.keyboard.press("Space")
    check_with_keyboard(page)
    expect(form.locator(".caio-feedback")).to_contain_text("Right!")


def test_two_activations_of_check_within_30_ms_show_the_feedback_once(sample_site, open_page):
    page, _ = open_page(sample_site + "index.html")
    form = page.locator("#caio-quiz-all-types-practice-q_single")
    focus_first_control(page, form)
    page.keyboard.press("Space")
    tab_to(page, "caio-check")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    form.evaluate("(form) => { form.requestSubmit(); form.requestSubmit(); }")
    page.wait_for_timeout(150)
    expect(form.locator(".caio-feedback")).to_have_text("Right! You scored 1 of 1 point.")


def test_try_again_within_30_ms_of_check_leaves_no_feedback(sample_site, open_page):
    page, _ = open_page(sample_site + "index.html")
    form = page.locator("#caio-quiz-all-types-practice-q_single")
    focus_first_control(page, form)
    page.keyboard.press("Space")
    form.evaluate(
        """(form) => {
            form.requestSubmit();
            form.querySelector(".caio-retry").click();
        }"""
    )
    page.wait_for_timeout(150)
    expect(form.locator(".caio-feedback")).to_have_text("")
    expect(form.locator(".caio-explanation")).to_be_hidden()
    assert form.get_attribute("data-state") is None


def test_checking_without_an_answer_asks_for_one(sample_site, open_page):
    page, _ = open_page(sample_site + "index.html")
    form = page.locator("#caio-quiz-all-types-practice-q_order")
    focus_first_control(page, form)
    page.keyboard.press("b")
    check_with_keyboard(page)
    expect(form.locator(".caio-feedback")).to_contain_text("Choose an item for every position")
    expect(form.locator(".caio-explanation")).to_be_hidden()


@pytest.mark.book
def test_book_chapter_practice_quiz_right_then_wrong(book_site, open_page):
    quiz = find_quiz(BOOK_QUIZZES, "course-intro-practice")
    question = quiz.questions[0]
    labels = list(question.choices)
    right, wrong = question.answer, next(label for label in labels if label != question.answer)
    page, traffic = open_page(book_site + "book/01-how-this-course-works.html")
    form = page.locator(f"#caio-quiz-{quiz.id}-{question.id}")
    # The opening words, before any quote that smart quotes would curl.
    explanation_start = re.split(r"['\"`*]", " ".join(question.explanation.split()))[0][:30]

    focus_first_control(page, form)
    press_keys(page, ["ArrowDown"] * labels.index(right) or ["Space"])
    check_with_keyboard(page)
    expect(form.locator(".caio-feedback")).to_contain_text("Right!")
    expect(form.locator(".caio-explanation")).to_contain_text(explanation_start)

    tab_to(page, "caio-retry")
    page.keyboard.press("Enter")
    press_keys(page, ["ArrowDown"] * labels.index(wrong) or ["Space"])
    check_with_keyboard(page)
    expect(form.locator(".caio-feedback")).to_contain_text("Not quite.")
    expect(form.locator(".caio-explanation")).to_be_visible()
    assert traffic.requests, "no requests recorded"


@pytest.mark.book
@pytest.mark.parametrize("lang", ["de", "vi"])
def test_book_practice_quiz_speaks_the_editions_language(editions_site, open_page, lang):
    """The German and Vietnamese pages: the edition's question, buttons and feedback words."""
    english = find_quiz(BOOK_QUIZZES, "course-intro-practice")
    quiz = quiz_in_language(BOOK_QUIZZES, english, lang)
    question = quiz.questions[0]
    labels = list(question.choices)
    wrong = next(label for label in labels if label != question.answer)
    page, _ = open_page(f"{editions_site}{lang}/book/01-how-this-course-works.html")
    form = page.locator(f"#caio-quiz-{quiz.id}-{question.id}")
    expect(form.locator(".caio-check")).to_have_text(message(lang, "quiz.check"))
    meta_key = "quiz.question_one_point" if question.points == 1 else "quiz.question_points"
    meta = message(lang, meta_key, number=1, points=f"{question.points:g}")
    expect(form.locator(".caio-question-meta")).to_have_text(meta)
    focus_first_control(page, form)
    check_with_keyboard(page)
    expect(form.locator(".caio-feedback")).to_contain_text(message(lang, "js.no_answer"))
    focus_first_control(page, form)
    press_keys(page, ["ArrowDown"] * labels.index(wrong) or ["Space"])
    check_with_keyboard(page)
    expect(form.locator(".caio-feedback")).to_contain_text(message(lang, "js.wrong"))
    expect(form.locator(".caio-retry")).to_have_text(message(lang, "quiz.try_again"))


@pytest.mark.book
@pytest.mark.parametrize("lang", ["de", "vi"])
def test_a_partly_right_practice_answer_is_explained_in_the_editions_words(
    editions_site, open_page, lang
):
    """One of three right choices: the edition's headline, number format and reason, the same
    reason the learner's feedback page would give for a graded answer."""
    english = find_quiz(BOOK_QUIZZES, "caio-responsibilities-practice")
    quiz = quiz_in_language(BOOK_QUIZZES, english, lang)
    question = quiz.question("q2")
    assert question.answer[0] == next(iter(question.choices))  # the first box is a right one
    page, _ = open_page(f"{editions_site}{lang}/book/04-what-a-caio-does.html")
    form = page.locator(f"#caio-quiz-{quiz.id}-{question.id}")
    focus_first_control(page, form)
    press_keys(page, ["Space"])
    check_with_keyboard(page)
    reason = score_value(question, [question.answer[0]], lang=lang).reason
    scored = message(lang, "js.scored_many", scored="0,67", maximum="2")
    feedback = form.locator(".caio-feedback")
    expect(feedback).to_have_text(f"{message(lang, 'js.partial')} {scored}: {reason}.")
    assert "right" not in reason


@pytest.mark.book
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_book_quiz_follows_the_theme_and_fits_a_phone(book_site, open_page, scheme):
    page, _ = open_page(
        book_site + "book/01-how-this-course-works.html",
        color_scheme=scheme,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
    )
    page.evaluate(f"document.documentElement.dataset.theme = '{scheme}'")
    quiz = page.locator("section.caio-quiz--practice").first
    quiz.scroll_into_view_if_needed()
    colours = page.evaluate(
        """(quiz) => {
            const choice = quiz.querySelector('.caio-choice');
            const body = getComputedStyle(document.body).backgroundColor;
            return [getComputedStyle(choice).color, getComputedStyle(choice).backgroundColor, body];
        }""",
        quiz.element_handle(),
    )
    text, background, _ = (luminance(colour) for colour in colours)
    if scheme == "dark":
        assert background < 0.3, colours
        assert text > 0.5, colours
    else:
        assert background > 0.7, colours
        assert text < 0.5, colours
    overflow = quiz.evaluate("(quiz) => quiz.scrollWidth - quiz.clientWidth")
    assert overflow <= 1


def luminance(css_colour: str) -> float:
    """Rough brightness, 0 to 1, of ``rgb(...)``/``rgba(...)``."""
    red, green, blue = (int(part) for part in re.findall(r"\d+", css_colour)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
