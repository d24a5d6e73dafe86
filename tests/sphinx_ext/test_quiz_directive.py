"""The quiz directive in HTML: practice forms, graded pages without a key, warnings."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from unittest.mock import MagicMock

import pytest
from bs4 import BeautifulSoup

from grading.sphinx_ext import setup
from grading.sphinx_ext.diagnostics import CaioWarning

SAMPLE_QUIZZES = Path(__file__).resolve().parent / "sample_project" / "quizzes"
GRADED_SECRETS = tuple(
    f"SECRET-GRADED-EXPLANATION-{number}"
    for number in ("ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX")
)


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_practice_quiz_renders_a_labelled_form_per_question(build_project):
    built = build_project()
    assert built.warnings == ""
    page = soup_of(built.page("index.html"))
    quiz = page.select_one("section.caio-quiz--practice")
    assert quiz is not None
    assert quiz["aria-labelledby"] == quiz.select_one("h3.caio-quiz-title")["id"]
    forms = quiz.select("form.caio-question")
    assert [form["data-type"] for form in forms] == [
        "single",
        "multiple",
        "true_false",
        "numeric",
        "text",
        "order",
        "match",
    ]
    for form in forms:
        assert form.select_one("fieldset > legend")
        assert form.select_one(".caio-feedback")["aria-live"] == "polite"
        assert form.select_one(".caio-explanation").has_attr("hidden")
        for control in form.select("input, select"):
            assert form.select_one(f'label[for="{control["id"]}"]'), control
    assert [i["type"] for i in forms[1].select("input")] == ["checkbox"] * 4
    assert [i["value"] for i in forms[2].select("input")] == ["true", "false"]
    assert len(forms[5].select("select")) == 3
    assert [s["data-premise"] for s in forms[6].select("select")] == ["1", "2"]


def test_practice_key_is_json_matching_the_yaml(build_project):
    page = soup_of(build_project().page("index.html"))
    blob = page.select_one('script.caio-quiz-key[type="application/json"]')
    key = json.loads(blob.string)
    assert key["quiz"] == "all-types-practice"
    assert key["questions"]["q_multiple"] == {
        "type": "multiple",
        "points": 3,
        "answer": ["A", "C", "D"],
        "scoring": "right_minus_wrong",
    }
    assert key["questions"]["q_numeric"]["answer"] == "1.1"
    assert key["questions"]["q_text"]["ignore_accents"] is True
    assert key["questions"]["q_match"]["answer"] == {"1": "A", "2": "B"}


def test_markdown_is_rendered_and_raw_html_is_escaped(build_project):
    quiz = (SAMPLE_QUIZZES / "all-types-practice.yml").read_text(encoding="utf-8")
    quiz = quiz.replace("The letter `b`", "The letter <b>b</script><script>alert(1)</script>")
    built = build_project(files={"quizzes/all-types-practice.yml": quiz})
    html = built.page("index.html")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    legend = soup_of(html).select_one("form legend")
    assert legend.select_one("strong").text == "first"
    assert soup_of(html).select_one("form .caio-choice label code").text == "a"


def test_section_label_becomes_a_link(build_project):
    page = soup_of(build_project().page("index.html"))
    link = page.select_one("#caio-quiz-all-types-practice-q_single .caio-section-link a")
    assert link["href"] == "#sample-basics"
    assert link.text == "Basics"


def test_script_and_style_ship_with_the_build_and_are_linked(build_project):
    built = build_project()
    for name in ("scoring.js", "quiz.js", "submission.js", "quiz.css"):
        assert (built.outdir / "_static" / name).is_file()
    index = built.page("index.html")
    scripts = re.findall(r'<script defer="defer" src="_static/(\w+\.js)', index)
    assert scripts == ["scoring.js", "quiz.js"]  # scoring first: quiz.js uses it
    assert 'href="_static/quiz.css' in index
    graded = built.page("sub/page.html")
    assert re.findall(r'<script defer="defer" src="../_static/(\w+\.js)', graded) == [
        "submission.js"
    ]
    assert "quiz.js" not in built.page("genindex.html")


def test_graded_quiz_shows_questions_and_a_notebook_link(build_project):
    # 022, not the umask of whoever runs the tests: under 077 a notebook made 0600 by mistake
    # would match the umask and pass unnoticed.
    previous = os.umask(0o022)
    try:
        built = build_project()
    finally:
        os.umask(previous)
    page = soup_of(built.page("sub/page.html"))
    quiz = page.select_one("section.caio-quiz--graded")
    forms = quiz.select("form.caio-question.caio-graded-question")
    assert [form["data-type"] for form in forms] == [
        "single",
        "numeric",
        "text",
        "numeric",
        "order",
        "match",
    ]
    assert "Which letter is a vowel?" in forms[0].select_one("legend").text
    assert "Question 2 · 2 points" in forms[1].select_one("legend").text
    for form in forms:
        for control in form.select("input, select"):
            assert form.select_one(f'label[for="{control["id"]}"]'), control
    assert quiz.select(".caio-check, .caio-feedback, .caio-explanation") == []
    panel = quiz.select_one(".caio-submission")
    assert panel.has_attr("hidden")  # only the page script can make it work
    assert panel.select_one(f'label[for="{panel.select_one("input.caio-learner")["id"]}"]')
    assert panel.select_one("button.caio-download-submission").text == "Download my submission"
    link = quiz.select_one("a.caio-download")
    assert link["href"] == "../_downloads/quizzes/sample-graded.ipynb"
    notebook = built.outdir / "_downloads" / "quizzes" / "sample-graded.ipynb"
    assert json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["quiz"]["id"] == (
        "sample-graded"
    )
    assert notebook.stat().st_mode & 0o777 == 0o644  # a web server can serve it


def test_graded_quiz_leaks_no_explanation_or_key_anywhere_in_the_output(build_project):
    built = build_project()
    for path in built.outdir.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            for secret in GRADED_SECRETS:
                assert secret not in text, path
    graded_page = built.page("sub/page.html")
    assert "caio-quiz-key" not in graded_page
    assert "tolerance" not in graded_page
    assert "scoring.js" not in graded_page


def test_graded_page_carries_the_learner_notebook_exactly(build_project):
    built = build_project()
    quiz = soup_of(built.page("sub/page.html")).select_one("section.caio-quiz--graded")
    (blob,) = quiz.select('script.caio-quiz-notebook[type="application/json"]')
    written = built.outdir / "_downloads" / "quizzes" / "sample-graded.ipynb"
    assert json.loads(blob.string) == json.loads(written.read_text(encoding="utf-8"))
    assert [script.get("class") for script in quiz.select("script")] == [
        ["caio-quiz-notebook"],
        ["caio-messages"],
    ]


def test_unknown_quiz_warns_with_file_and_line(build_project):
    page = "# Graded page\n\nText.\n\n```{quiz} no-such-quiz\n```\n"
    built = build_project(files={"sub/page.md": page}, confoverrides={"show_warning_types": True})
    assert re.search(r"sub/page\.md:5: WARNING: unknown quiz 'no-such-quiz'", built.warnings)
    assert f"[caio.{CaioWarning.quiz.value}]" in built.warnings


def test_invalid_quiz_warns_with_the_yaml_line_and_does_not_crash(build_project):
    broken = (SAMPLE_QUIZZES / "sample-graded.yml").read_text(encoding="utf-8")
    broken = broken.replace("answer: B", "answer: Z")
    built = build_project(files={"quizzes/sample-graded.yml": broken})
    assert "sub/page.md:3: WARNING: invalid quiz 'sample-graded'" in built.warnings
    assert re.search(r"sample-graded\.yml:\d+ \[question q1\]", built.warnings)
    assert not (built.outdir / "_downloads" / "quizzes" / "sample-graded.ipynb").exists()


def test_wrong_practice_section_label_is_a_build_warning(build_project):
    quiz = (SAMPLE_QUIZZES / "all-types-practice.yml").read_text(encoding="utf-8")
    quiz = quiz.replace("section: sample-details", "section: no-such-label", 1)
    built = build_project(files={"quizzes/all-types-practice.yml": quiz})
    assert "undefined label: 'no-such-label'" in built.warnings


def test_wrong_graded_section_label_is_a_build_warning(build_project):
    quiz = (SAMPLE_QUIZZES / "sample-graded.yml").read_text(encoding="utf-8")
    quiz = quiz.replace("section: sample-details", "section: no-such-label")
    built = build_project(files={"quizzes/sample-graded.yml": quiz})
    assert re.search(
        r"sub/page\.md:3: WARNING: quiz 'sample-graded' question q2: section label "
        r"'no-such-label' is not defined",
        built.warnings,
    )
    assert "no-such-label" not in built.page("sub/page.html")


def test_quiz_used_outside_its_chapter_warns(build_project):
    built = build_project(files={"extra.md": "# Extra\n\n```{quiz} sample-graded\n```\n"})
    assert "extra.md:3: WARNING: quiz 'sample-graded' declares chapter 'sub/page'" in (
        built.warnings
    )


def test_caio_warnings_can_be_silenced(build_project):
    page = "# Graded page\n\n```{quiz} no-such-quiz\n```\n"
    built = build_project(
        files={"sub/page.md": page}, confoverrides={"suppress_warnings": ["caio.quiz"]}
    )
    assert "no-such-quiz" not in built.warnings


@pytest.mark.parametrize(
    ("name", "value"),
    [("caio_quiz_dir", ""), ("caio_notebook_dir", "../outside"), ("caio_notebook_dir", 3)],
)
def test_bad_config_warns_and_falls_back_to_the_default(build_project, name, value):
    built = build_project(confoverrides={name: value})
    assert f"WARNING: {name} must be" in built.warnings
    assert (built.outdir / "_downloads" / "quizzes" / "sample-graded.ipynb").is_file()


def test_notebook_dir_is_configurable(build_project):
    built = build_project(confoverrides={"caio_notebook_dir": "notebooks"})
    assert (built.outdir / "notebooks" / "sample-graded.ipynb").is_file()
    assert 'href="../notebooks/sample-graded.ipynb"' in built.page("sub/page.html")


def test_setup_declares_parallel_safety():
    metadata = setup(MagicMock())
    assert metadata["parallel_read_safe"] is True
    assert metadata["parallel_write_safe"] is True
    assert metadata["version"]


QUIZ_ASSETS = {"scoring.js", "quiz.js", "submission.js", "quiz.css", "editions.css"}
ASSET_BUDGET = 25_000
"""Bytes, uncompressed, of every script and style of the extension together (the quizzes' and
the language switcher's): 25 KB counted as 25,000."""


def test_script_and_style_stay_small(build_project):
    """Every page with a quiz loads them: together at most 25 KB, as the learner gets them."""
    static = Path(__file__).resolve().parents[2] / "grading" / "sphinx_ext" / "static"
    sizes = {path.name: path.stat().st_size for path in static.iterdir()}
    assert set(sizes) == QUIZ_ASSETS
    assert sum(sizes.values()) <= ASSET_BUDGET, sizes
    built = build_project()
    shipped = {name: (built.outdir / "_static" / name).stat().st_size for name in QUIZ_ASSETS}
    assert sum(shipped.values()) <= ASSET_BUDGET, shipped
