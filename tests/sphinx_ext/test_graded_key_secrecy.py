"""A graded quiz's answer key reaches nothing a learner receives, in any form.

The sample graded quiz has keys that are unique strings (a text answer, a number, an order
and a matching that no other text in the book spells), so every output file, and every file
inside an archive, can be searched for them. A second check needs no such strings: with the
key changed, what the learner receives stays byte for byte the same.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

SAMPLE_PROJECT = Path(__file__).resolve().parent / "sample_project"
GRADED_YAML = "quizzes/sample-graded.yml"
NOTEBOOK = Path("_downloads") / "quizzes" / "sample-graded.ipynb"

KEY_STRINGS = (
    "zebracorn",  # q3's accepted answers, in any case
    "quokkafrost",
    "4321",  # q4's answer 98765.4321 (its first digits are a pattern below)
    "13579",  # q4's tolerance 0.013579
    "secret-graded-explanation",  # every graded explanation
)
SEPARATOR = r"[\s\"',;:\[\]{}()=>→-]{1,8}"
"""What may stand between labels when a key is written out: JSON, Python, YAML, arrows."""
KEY_PATTERNS = {
    "q4 98765, digits grouped or not": re.compile(r"98[\s,.'\u202f]?765"),
    "q5 order D, B, A, C": re.compile(SEPARATOR.join("DBAC")),
    "q6 match 1→C, 2→A, 3→B": re.compile(SEPARATOR.join("1C2A3B")),
}

CHANGED_KEY = {
    "q1": {"answer": "A"},
    "q2": {"answer": 7, "tolerance": 0},
    "q3": {"answer": ["another-word"], "ignore_accents": False},
    "q4": {"answer": -2.5, "tolerance": 1},
    "q5": {"answer": ["A", "B", "C", "D"], "scoring": "all_or_nothing"},
    "q6": {"answer": {"1": "A", "2": "B", "3": "C"}},
}
"""A second, equally valid key for every graded question, with other private fields too
(the explanations change as well)."""


def leaks_in(text: str) -> list[str]:
    """Which of the graded key's strings and patterns ``text`` holds, HTML-escaped or not."""
    text = f"{text}\n{html.unescape(text)}"
    folded = text.casefold()
    found = [secret for secret in KEY_STRINGS if secret in folded]
    found += [name for name, pattern in KEY_PATTERNS.items() if pattern.search(text)]
    return found


def learner_files(outdir: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of a build, and every member of every archive in it (the EPUB is one)."""
    for path in sorted(outdir.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(outdir).as_posix()
        yield name, path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{name}!{member}", archive.read(member)


def graded_section(page: str) -> str:
    (section,) = BeautifulSoup(page, "html.parser").select("section.caio-quiz--graded")
    return str(section)


def test_the_searched_strings_are_the_graded_key():
    """Else the search below would look for strings that were never secret."""
    quiz = (SAMPLE_PROJECT / GRADED_YAML).read_text(encoding="utf-8")
    assert sorted(leaks_in(quiz)) == sorted([*KEY_STRINGS, *KEY_PATTERNS])
    practice = (SAMPLE_PROJECT / "quizzes" / "all-types-practice.yml").read_text(encoding="utf-8")
    assert leaks_in(practice) == []


@pytest.mark.parametrize("buildername", ["html", "epub"])
def test_no_output_file_holds_the_graded_key(build_project, buildername):
    built = build_project(buildername)
    assert built.warnings == ""
    files = dict(learner_files(built.outdir))
    if buildername == "html":
        page = files["sub/page.html"].decode("utf-8")
        expected = ["searchindex.js", "_sources/sub/page.md.txt", NOTEBOOK.as_posix()]
    else:
        page = files["sub/page.xhtml"].decode("utf-8")
        expected = ["Quizsample.epub!sub/page.xhtml", "Quizsample.epub!toc.ncx"]
    for name in expected:
        assert name in files, sorted(files)
    for text in ("Type the secret word.", "Put the items in the secret order.", "delta", "blue"):
        assert text in page  # the questions are there, only their key is not
    leaks = {}
    for name, content in files.items():
        found = leaks_in(content.decode("utf-8", errors="replace"))
        if found:
            leaks[name] = found
    assert leaks == {}


def _build_with_changed_key(build_project, buildername):
    """The sample project built with its graded key, and again with another key."""
    quiz = yaml.safe_load((SAMPLE_PROJECT / GRADED_YAML).read_text(encoding="utf-8"))
    for question in quiz["questions"]:
        question.update(CHANGED_KEY[question["id"]])
        question["explanation"] = f"A different explanation of {question['id']}."
    changed = yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False)
    original = build_project(buildername, name="original")
    other = build_project(buildername, files={GRADED_YAML: changed}, name="changed")
    assert original.warnings == other.warnings == ""
    return original, other


def test_the_graded_key_changes_no_byte_of_the_html_build(build_project):
    original, other = _build_with_changed_key(build_project, "html")
    page, other_page = original.page("sub/page.html"), other.page("sub/page.html")
    assert graded_section(page).encode("utf-8") == graded_section(other_page).encode("utf-8")
    assert (original.outdir / NOTEBOOK).read_bytes() == (other.outdir / NOTEBOOK).read_bytes()
    files, other_files = dict(learner_files(original.outdir)), dict(learner_files(other.outdir))
    assert sorted(files) == sorted(other_files)
    assert [name for name in files if files[name] != other_files[name]] == []


def test_the_graded_key_changes_no_byte_of_the_epub_but_its_date(build_project):
    original, other = _build_with_changed_key(build_project, "epub")
    page = original.page("sub/page.xhtml")
    assert len(BeautifulSoup(page, "html.parser").select(".caio-graded-question")) == 6
    assert page.encode("utf-8") == other.page("sub/page.xhtml").encode("utf-8")
    files, other_files = dict(learner_files(original.outdir)), dict(learner_files(other.outdir))
    assert sorted(files) == sorted(other_files)
    dated = {"content.opf", "Quizsample.epub", "Quizsample.epub!content.opf"}  # the build time
    assert dated <= set(files)
    assert [n for n in files if n not in dated and files[n] != other_files[n]] == []
