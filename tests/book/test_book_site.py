"""The real book: builds clean, shows every chapter's quizzes, leaks no graded key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from grading.messages import catalog
from grading.quiz.loading import find_quiz, load_quizzes
from grading.quiz.model import ChoiceQuestion, Quiz, QuizMode
from grading.quiz.translations import load_editions

pytestmark = pytest.mark.book

REPO = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((REPO / "book").glob("[0-9][0-9]-*.md"))
QUIZ_DIRECTIVE = re.compile(r"^[`:]{3,}\{quiz\}\s+(\S+)", re.MULTILINE)


def quiz_ids_in(chapter: Path) -> list[str]:
    return QUIZ_DIRECTIVE.findall(chapter.read_text(encoding="utf-8"))


def used_quizzes() -> list[Quiz]:
    ids = [quiz_id for chapter in CHAPTERS for quiz_id in quiz_ids_in(chapter)]
    return [find_quiz(REPO / "quizzes", quiz_id) for quiz_id in ids]


def graded_quizzes() -> list[Quiz]:
    return [quiz for quiz in used_quizzes() if quiz.mode is QuizMode.graded]


def flatten(text: str) -> str:
    """Text without Markdown emphasis/code marks and with single spaces, for leak searches."""
    return " ".join(re.sub(r"[*`_]", "", text).split())


def learner_files(html: Path) -> list[Path]:
    """Everything a learner can download from the site."""
    return [path for path in html.rglob("*") if path.is_file()]


def readable_text(path: Path) -> str:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix == ".html":
        return flatten(raw + " " + BeautifulSoup(raw, "html.parser").get_text(" "))
    if path.suffix == ".ipynb":
        notebook = json.loads(raw)
        return flatten(" ".join("".join(cell["source"]) for cell in notebook["cells"]) + raw)
    return flatten(raw)


def test_chapters_are_there():
    assert len(CHAPTERS) >= 8, [chapter.name for chapter in CHAPTERS]


def test_book_builds_without_warnings(book):
    warnings = [
        line for line in book.output.splitlines() if "WARNING" in line and "IPKernelApp" not in line
    ]
    assert book.returncode == 0, book.output[-4000:]
    assert warnings == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[chapter.stem for chapter in CHAPTERS])
def test_every_chapter_page_shows_its_quizzes(book, chapter):
    expected = quiz_ids_in(chapter)
    assert expected, f"{chapter.name} embeds no quiz"
    page = BeautifulSoup(
        (book.html / "book" / f"{chapter.stem}.html").read_text(encoding="utf-8"), "html.parser"
    )
    shown = [section["data-quiz-id"] for section in page.select("section.caio-quiz")]
    assert shown == expected
    for quiz_id in expected:
        quiz = find_quiz(REPO / "quizzes", quiz_id)
        section = page.select_one(f'section.caio-quiz[data-quiz-id="{quiz_id}"]')
        assert f"caio-quiz--{quiz.mode.value}" in section["class"]
        if quiz.mode is QuizMode.practice:
            assert len(section.select("form.caio-question")) == len(quiz.questions)
        else:
            assert len(section.select(".caio-graded-question")) == len(quiz.questions)


def test_every_reference_and_term_is_resolved(book):
    for page in book.html.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for xref in soup.select(".xref"):
            classes = xref.get("class", [])
            assert "missing" not in classes, (page, xref)
            assert xref.find_parent("a") is not None, f"unresolved {xref} in {page}"
        assert "pending_xref" not in str(soup), page


def test_no_graded_explanation_reaches_any_learner_file(book):
    """In any edition: the English explanations and the German and Vietnamese ones."""
    texts = {path: readable_text(path) for path in learner_files(book.site)}
    assert any(path.suffix == ".ipynb" for path in texts), "no learner notebooks in the site"
    editions = load_editions(REPO / "quizzes", load_quizzes(REPO / "quizzes"))
    translated = [quiz for quiz in editions.values() if quiz.mode is QuizMode.graded]
    assert translated, "no translated graded quizzes"
    for quiz in [*graded_quizzes(), *translated]:
        for question in quiz.questions:
            secret = flatten(question.explanation)
            for path, text in texts.items():
                assert secret not in text, f"{quiz.id}.{question.id} explanation in {path}"


def test_graded_pages_carry_no_answer_data(book):
    """A graded section's only data is its learner notebook, the same file as the download,
    and the words the page script says (the same for every quiz of an edition: its own, and
    the grader's reasons and decimal mark, which name counts and never an answer)."""
    graded_ids = {quiz.id for quiz in graded_quizzes()}
    english = catalog("en")
    page_words = {
        key.removeprefix("js."): text for key, text in english.items() if key[:3] == "js."
    }
    page_words |= {key: text for key, text in english.items() if key.startswith("reason.")}
    page_words["feedback.decimal_mark"] = english["feedback.decimal_mark"]
    for page in (book.html / "book").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for section in soup.select("section.caio-quiz--graded"):
            blob, words = section.select("script")
            assert blob["class"] == ["caio-quiz-notebook"], page
            assert words["class"] == ["caio-messages"], page
            assert json.loads(words.string) == page_words
            notebook = book.html / "_downloads" / "quizzes" / f"{section['data-quiz-id']}.ipynb"
            assert json.loads(blob.string) == json.loads(notebook.read_text(encoding="utf-8"))
            assert section.select(".caio-check, .caio-feedback, .caio-explanation") == []
        for blob in soup.select("script.caio-quiz-key"):
            assert json.loads(blob.string)["quiz"] not in graded_ids, page


def test_learner_notebooks_are_linked_valid_and_keyless(book):
    for quiz in graded_quizzes():
        notebook_path = book.html / "_downloads" / "quizzes" / f"{quiz.id}.ipynb"
        notebook = nbformat.read(notebook_path, as_version=4)
        nbformat.validate(notebook)
        assert notebook.metadata["quiz"]["id"] == quiz.id
        keys = set(re.findall(r'"(\w+)":', json.dumps(notebook)))
        assert not keys & {"answer", "explanation", "tolerance", "scoring"}, quiz.id
        chapter = book.html / f"{quiz.chapter}.html"
        link = BeautifulSoup(chapter.read_text(encoding="utf-8"), "html.parser").select_one(
            f'section[data-quiz-id="{quiz.id}"] a.caio-download'
        )
        assert (chapter.parent / link["href"]).resolve() == notebook_path.resolve()
        for question in quiz.questions:
            if isinstance(question, ChoiceQuestion):
                assert f'"answer": "{question.answer}"' not in json.dumps(notebook)


def test_quiz_assets_request_no_other_host(book):
    for name in ("scoring.js", "quiz.js", "submission.js", "quiz.css"):
        text = (book.html / "_static" / name).read_text(encoding="utf-8")
        assert "http:" not in text
        assert "https:" not in text
        assert "//" not in re.sub(r"/\*.*?\*/|^\s*//.*$", "", text, flags=re.DOTALL | re.MULTILINE)


def test_every_page_has_each_head_script_once_and_a_valid_default_mode(book):
    """A repeated ``const`` script stops the page; an empty default mode logs an error."""
    pages = [*sorted(book.html.glob("book/*.html")), book.html / "search.html"]
    assert len(pages) > len(CHAPTERS)
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        scripts = [str(script) for script in soup.head.find_all("script")]
        assert len(scripts) == len(set(scripts)), page
        assert soup.body.get("data-default-mode") in {"auto", "light", "dark"}, page
