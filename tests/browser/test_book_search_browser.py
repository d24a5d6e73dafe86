"""The book's site search, used with the keyboard, and the theme's light/dark mode.

Search must find chapter text, and must not find what only a graded quiz's explanation says:
graded pages carry no answer key, so a leak would show up as a search hit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from grading.messages import message
from grading.quiz.loading import find_quiz

pytestmark = [pytest.mark.browser, pytest.mark.book]

REPO = Path(__file__).resolve().parents[2]
CHAPTER_WORD = "spokesperson"
CHAPTER_PAGE = "book/04-what-a-caio-does.html"
GRADED_QUIZ, GRADED_QUESTION = "caio-responsibilities", "q8"
GRADED_ONLY_WORD = "recruit"
"""In that graded question's explanation and nowhere in the chapters (nor any stemmed form)."""


def search_with_keyboard(page: Page, word: str) -> None:
    """Ctrl+K opens and focuses the theme's search box; Enter goes to the results page."""
    page.keyboard.press("Control+k")
    expect(page.locator("form.bd-search input[name='q']:focus")).to_have_count(1)
    page.keyboard.type(word)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q="))
    expect(page.locator("#search-results .search-summary")).not_to_have_text(
        re.compile("Preparing search|Searching")
    )


def result_links(page: Page) -> list[str]:
    return page.locator("#search-results ul.search li a").evaluate_all(
        "(links) => links.map((link) => link.getAttribute('href'))"
    )


def test_search_finds_the_chapter_with_the_word(book_site, open_page):
    page, traffic = open_page(book_site + "book/intro.html")
    search_with_keyboard(page, CHAPTER_WORD)
    expect(page.locator("#search-results .search-summary")).to_contain_text("Search finished")
    assert any(link.split("?")[0].endswith(CHAPTER_PAGE) for link in result_links(page))
    assert any("searchindex.js" in url for url in traffic.requests)


def test_search_does_not_find_graded_explanations(book_site, open_page):
    explanation = find_quiz(REPO / "quizzes", GRADED_QUIZ).question(GRADED_QUESTION).explanation
    assert GRADED_ONLY_WORD in explanation.lower()
    chapters = " ".join(path.read_text().lower() for path in (REPO / "book").glob("*.md"))
    assert GRADED_ONLY_WORD not in chapters, "pick a word the chapters do not use"

    page, _ = open_page(book_site + CHAPTER_PAGE)
    search_with_keyboard(page, GRADED_ONLY_WORD)
    expect(page.locator("#search-results .search-summary")).to_contain_text("did not match")
    assert result_links(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_visit_follows_the_system_scheme_and_the_switch_works(book_site, open_page, scheme):
    """No stored mode yet: the page starts in "auto" (not "") and the switch changes it."""
    page, _ = open_page(book_site + CHAPTER_PAGE, color_scheme=scheme)
    html = page.locator("html")
    expect(html).to_have_attribute("data-mode", "auto")
    expect(html).to_have_attribute("data-theme", scheme)
    page.locator("button.theme-switch-button:visible").first.click()
    expect(html).not_to_have_attribute("data-mode", "auto")
    expect(html).not_to_have_attribute("data-theme", scheme)


def search_edition(page: Page, word: str, lang: str) -> list[str]:
    """Search from the page's own search box; the page must say, in ``lang``, that it is done."""
    page.keyboard.press("Control+k")
    expect(page.locator("form.bd-search input[name='q']:focus")).to_have_count(1)
    page.keyboard.type(word)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q="))
    done = message(lang, "search.finished").split("$")[0]
    expect(page.locator("#search-results .search-summary")).to_contain_text(done)
    return sorted({link.split("?")[0].split("#")[0] for link in result_links(page)})


def test_german_search_finds_inflected_forms(editions_site, open_page):
    """Sphinx's German stemmer: the genitive finds the page that says 'Sprecher'."""
    page, _ = open_page(editions_site + "de/book/intro.html")
    found = search_edition(page, "Sprechers", "de")
    assert any(link.endswith(CHAPTER_PAGE) for link in found), found


def test_vietnamese_search_finds_the_same_pages_with_or_without_diacritics(
    editions_site, open_page
):
    page, _ = open_page(editions_site + "vi/book/intro.html")
    with_marks = search_edition(page, "lĩnh vực", "vi")
    page.goto(editions_site + "vi/book/intro.html")
    without_marks = search_edition(page, "linh vuc", "vi")
    assert len(with_marks) >= 5, with_marks
    assert without_marks == with_marks


@pytest.mark.parametrize(("start", "target"), [("en", "de"), ("de", "vi"), ("vi", "en")])
def test_the_language_switcher_keeps_the_reader_on_the_same_page(
    editions_site, open_page, start, target
):
    page, _ = open_page(f"{editions_site}{start}/{CHAPTER_PAGE}")
    link = page.locator(f"nav.caio-editions a[hreflang='{target}']")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{editions_site}{target}/{CHAPTER_PAGE}")
    expect(page.locator("html")).to_have_attribute("lang", target)
    current = page.locator("nav.caio-editions a[aria-current='page']")
    expect(current).to_have_attribute("hreflang", target)
