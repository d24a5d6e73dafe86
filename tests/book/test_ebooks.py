"""The book outside the browser: ``make epub`` (part of ``make all``) and ``make pdf``.

Each is run as a reader's machine would run it, in a copy of the book, and read back with a
parser nobody here wrote (EbookLib, pypdf): every chapter is there, practice quizzes are
readable text with their answers in the EPUB, and no graded quiz's key or explanation is.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from ebooklib import ITEM_DOCUMENT, epub
from pypdf import PdfReader

from grading.quiz.loading import find_quiz
from grading.quiz.model import QuizMode

pytestmark = pytest.mark.book

REPO = Path(__file__).resolve().parents[2]
BOOK_FILES = ("_config.yml", "_toc.yml", "book", "quizzes")
CHAPTERS = sorted((REPO / "book").glob("*.md"))
QUIZ_DIRECTIVE = re.compile(r"^[`:]{3,}\{quiz\}\s+(\S+)", re.MULTILINE)
CHROMIUM = Path(os.environ.get("CAIO_CHROMIUM", "/usr/bin/chromium"))


def flatten(text: str) -> str:
    """Text without Markdown marks, quotes or spaces: extracted text spaces words its own way
    (around emphasis, at line ends), so containment is checked on the letters alone."""
    return re.sub(r"[*`_\u201c\u201d\u2018\u2019\"'\s]", "", text)


def title_of(chapter: Path) -> str:
    return next(
        line[2:].strip()
        for line in chapter.read_text(encoding="utf-8").splitlines()
        if line.startswith("# ")
    )


def quizzes_by_mode(mode: QuizMode):
    ids = [qid for chapter in CHAPTERS for qid in QUIZ_DIRECTIVE.findall(chapter.read_text())]
    quizzes = [find_quiz(REPO / "quizzes", quiz_id) for quiz_id in ids]
    return [quiz for quiz in quizzes if quiz.mode is mode]


def make(target: str, folder: Path) -> Path:
    """``make <target>`` in a copy of the book, with this test run's Python environment."""
    for name in BOOK_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy2(source, folder / name)
    venv = Path(sys.executable).parent.parent
    completed = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(folder),
            "-f",
            str(REPO / "Makefile"),
            "-o",
            str(venv / ".installed"),
            target,
            f"VENV={venv}",
            f"CHROMIUM={CHROMIUM}",
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-4000:]
    return folder / "_build"


@pytest.fixture(scope="module")
def epub_documents(tmp_path_factory) -> dict[str, str]:
    """File name in the EPUB → its XHTML, for every document of the e-book."""
    built = make("epub", tmp_path_factory.mktemp("epub"))
    (path,) = (built / "epub").glob("*.epub")
    book = epub.read_epub(str(path))
    assert book.title == "The CAIO Course"
    return {
        item.get_name(): item.get_content().decode("utf-8")
        for item in book.get_items_of_type(ITEM_DOCUMENT)
    }


@pytest.fixture(scope="module")
def epub_texts(epub_documents) -> dict[str, str]:
    """File name in the EPUB → its text."""
    return {
        name: BeautifulSoup(document, "html.parser").get_text(" ")
        for name, document in epub_documents.items()
    }


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> str:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing; make pdf needs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    built = make("pdf", tmp_path_factory.mktemp("pdf"))
    reader = PdfReader(built / "pdf" / "the-caio-course.pdf")
    assert len(reader.pages) > 10
    return flatten(" ".join(page.extract_text() for page in reader.pages))


def test_epub_holds_every_chapter(epub_texts):
    for chapter in CHAPTERS:
        name = f"book/{chapter.stem}.xhtml"
        assert name in epub_texts, sorted(epub_texts)
        assert flatten(title_of(chapter)) in flatten(epub_texts[name])


def test_epub_quizzes_are_text_with_practice_answers_after_each_quiz(epub_texts, epub_documents):
    for quiz in quizzes_by_mode(QuizMode.practice):
        text = flatten(epub_texts[f"{quiz.chapter}.xhtml"])
        assert "Answers" in text
        for question in quiz.questions:
            explanation = flatten(question.explanation)
            assert explanation[:60] in text, (quiz.id, question.id)
    for name, document in epub_documents.items():
        controls = BeautifulSoup(document, "html.parser").select("form, input, select, button")
        assert controls == [], name  # nothing that an e-reader cannot run
        # The in-page way of handing in (the page's instructions) cannot work in an e-reader.
        assert "your browser keeps your answers as you go" not in epub_texts[name], name


def test_epub_holds_no_graded_key(epub_texts):
    everything = flatten(" ".join(epub_texts.values()))
    for quiz in quizzes_by_mode(QuizMode.graded):
        for question in quiz.questions:
            assert flatten(question.explanation) not in everything, (quiz.id, question.id)
        assert flatten(quiz.questions[0].prompt)[:40] in everything, quiz.id
    assert "caio-quiz-key" not in everything
    assert "caio-quiz-notebook" not in everything


def test_pdf_holds_every_chapter_and_no_graded_key(pdf_text):
    for chapter in CHAPTERS:
        assert flatten(title_of(chapter)) in pdf_text, chapter.name
    for quiz in quizzes_by_mode(QuizMode.graded):
        assert flatten(quiz.questions[0].prompt)[:40] in pdf_text, quiz.id
        for question in quiz.questions:
            assert flatten(question.explanation) not in pdf_text, (quiz.id, question.id)
