"""Builders other than HTML get readable quizzes without form controls or answer key."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("buildername", ["text", "latex", "man", "texinfo", "xml"])
def test_non_html_builders_do_not_crash(build_project, buildername):
    built = build_project(buildername)
    assert "Exception" not in built.warnings
    assert built.warnings == ""
    assert any(built.outdir.iterdir())


def test_text_output_is_plain_and_keyless(build_project):
    built = build_project("text")
    index = built.page("index.txt")
    assert "Which letter comes first in the alphabet?" in index.replace("**", "")
    assert "Position 1 (first): ________" in index
    assert "EXPLAIN-SINGLE" not in index
    assert "answer" not in index.lower().replace("your answer", "")
    graded = built.page("sub/page.txt")
    assert "sample-graded.ipynb" in graded
    assert "SECRET" not in graded


@pytest.mark.parametrize("buildername", ["dirhtml", "singlehtml"])
def test_other_html_builders_render_the_quiz(build_project, buildername):
    built = build_project(buildername)
    assert built.warnings == ""
    pages = [path.read_text(encoding="utf-8") for path in built.outdir.rglob("*.html")]
    assert any("caio-quiz--practice" in page for page in pages)
    assert any('class="reference download caio-download"' in page for page in pages)


def test_epub_shows_practice_answers_after_the_quiz_and_no_graded_key(build_project):
    built = build_project("epub")
    assert built.warnings == ""
    index = built.page("index.xhtml")
    assert "<form" not in index
    assert "<script" not in index.split("</head>", 1)[1]
    answers = index.split("Answers", 1)[1]
    for expected in ("Question 1:", "EXPLAIN-SINGLE", "A, C, D", "False", "1.1 (give or take 0.1)"):
        assert expected in answers, expected
    assert "1 → A, 2 → B" in answers
    graded = built.page("sub/page.xhtml")
    assert "SECRET" not in graded
    assert "Answers" not in graded
    assert "sample-graded.ipynb" in graded
    assert not list(built.outdir.rglob("*.ipynb"))  # e-readers get no notebook files
