"""The German and Vietnamese editions: every page in every language, a switcher that keeps the
reader on the same page, translated navigation, quizzes and notebooks in the edition's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from grading.messages import message
from grading.quiz.loading import load_quizzes
from grading.quiz.translations import load_editions

pytestmark = pytest.mark.book

REPO = Path(__file__).resolve().parents[2]
EDITIONS = ("en", "de", "vi")
TRANSLATED = ("de", "vi")


def pages(edition: Path) -> set[str]:
    return {
        str(page.relative_to(edition))
        for page in edition.rglob("*.html")
        if "_static" not in page.parts
    }


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_exists_in_every_edition(book):
    english = pages(book.edition("en"))
    assert len(english) > 10
    for lang in TRANSLATED:
        assert pages(book.edition(lang)) == english, lang


def test_the_site_opens_on_the_english_edition(book):
    index = (book.site / "index.html").read_text(encoding="utf-8")
    assert 'url=en/index.html"' in index
    assert (book.site / "en" / "index.html").is_file()


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_switcher_links_each_page_to_the_same_page_in_every_edition(book, lang):
    edition = book.edition(lang)
    for name in sorted(pages(edition) - {"index.html"}):  # index.html: a redirect to the intro
        page = edition / name
        switcher = soup_of(page).select_one("nav.caio-editions")
        assert switcher is not None, page
        links = {a["hreflang"]: a for a in switcher.select("a")}
        assert set(links) == set(EDITIONS), page
        for target_lang, link in links.items():
            target = (page.parent / link["href"]).resolve()
            assert target == (book.edition(target_lang) / name).resolve(), (page, link)
            assert target.is_file(), target
        assert links[lang].get("aria-current") == "page"
        assert switcher["aria-label"] == message(lang, "book.language")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_an_edition_speaks_its_language(book, lang):
    intro = soup_of(book.edition(lang) / "book" / "intro.html")
    assert intro.html["lang"] == lang
    assert message(lang, "book.title") in intro.title.get_text()
    english_captions = [
        c.get_text() for c in soup_of(book.html / "book" / "intro.html").select(".caption-text")
    ]
    captions = [caption.get_text() for caption in intro.select(".caption-text")]
    assert len(captions) == len(english_captions) == 5
    assert not set(captions) & set(english_captions), captions


@pytest.mark.parametrize("lang", TRANSLATED)
def test_quizzes_and_notebooks_are_in_the_editions_language(book, lang):
    quizzes = load_quizzes(REPO / "quizzes")
    editions = load_editions(REPO / "quizzes", quizzes)
    edition = book.edition(lang)
    for (quiz_lang, quiz_id), quiz in editions.items():
        if quiz_lang != lang or quiz.chapter is None:
            continue
        page = soup_of(edition / f"{quiz.chapter}.html")
        section = page.select_one(f'section.caio-quiz[data-quiz-id="{quiz_id}"]')
        assert section is not None, (lang, quiz_id)
        assert quiz.title in section.get_text(" "), (lang, quiz_id)
        assert (
            section.select_one(".caio-question-meta")
            .get_text()
            .startswith(
                message(lang, "quiz.question_one_point", number=1, points="1").split(" ")[0]
            )
        )
        words = json.loads(section.select_one("script.caio-messages").string)
        assert words["no_answer"] == message(lang, "js.no_answer")
        if quiz.mode.value == "graded":
            assert message(lang, "quiz.how_to_take") in section.get_text(" ")
            assert section.select_one(".caio-download-submission").get_text() == message(
                lang, "quiz.download"
            )
            path = edition / "_downloads" / "quizzes" / f"{quiz_id}.ipynb"
            notebook = json.loads(path.read_text(encoding="utf-8"))
            assert notebook["metadata"]["quiz"]["lang"] == lang
            assert notebook["cells"][0]["source"][0] == f"# {quiz.title}\n"
            english = json.loads(
                (book.html / "_downloads" / "quizzes" / f"{quiz_id}.ipynb").read_text("utf-8")
            )
            assert english["metadata"]["quiz"]["lang"] == "en"
            assert notebook["metadata"]["quiz"]["version"] != english["metadata"]["quiz"]["version"]


def test_vietnamese_search_index_folds_diacritics(book):
    index = (book.edition("vi") / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    assert "linh" in terms
    assert "vuc" in terms
    assert "lĩnh" not in terms


def test_the_vietnamese_edition_has_the_themes_words_in_vietnamese(book):
    """pydata-sphinx-theme ships no Vietnamese; locales/vi/LC_MESSAGES/sphinx.po supplies it."""
    page = soup_of(book.edition("vi") / "book" / "04-what-a-caio-does.html")
    text = page.get_text(" ")
    assert "Chuyển đến nội dung chính" in text
    assert "Skip to main content" not in text
    assert "Back to top" not in text


BIBLIOGRAPHY_WORDS = {"en": "In German.", "de": "Auf Deutsch.", "vi": "Bằng tiếng Đức."}
"""How each edition's bibliography says the German article's language."""


def test_every_edition_cites_the_same_sources_by_the_same_keys_and_titles():
    """Read by pybtex itself: the editions' BibTeX files differ only in the describing fields,
    so a citation resolves to the same source, under its own-language title, everywhere."""
    from pybtex.database import parse_file

    from grading.sphinx_ext.editions import bibliography

    entries = {lang: parse_file(REPO / bibliography(lang)).entries for lang in EDITIONS}
    english = entries["en"]
    assert set(english) == {"fischer-caio", "caio-vs-cto-vi"}
    for lang in TRANSLATED:
        assert set(entries[lang]) == set(english), lang
        for key, entry in english.items():
            translated = entries[lang][key]
            assert translated.fields["title"] == entry.fields["title"], (lang, key)
            assert translated.persons == entry.persons, (lang, key)
            assert translated.fields["note"] != entry.fields["note"], (lang, key)


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_bibliography_describes_the_sources_in_the_editions_language(book, lang):
    text = soup_of(book.edition(lang) / "book" / "bibliography.html").get_text(" ")
    assert "Was ist ein CAIO, also ein Chief AI Officer?" in text
    assert "Giám đốc AI và CTO" in text
    for other, words in BIBLIOGRAPHY_WORDS.items():
        assert (words in text) == (other == lang), (lang, words)
