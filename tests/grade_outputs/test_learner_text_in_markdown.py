"""Learner text in feedback pages renders as the literal text written: no element, link or image.

Pages are rendered with markdown-it-py, as CommonMark and as GFM with bare-URL linkify (what
LMS viewers do), and every token that is markup rather than text is compared with a page
whose learner text is harmless.
"""

from __future__ import annotations

import os
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from grading.grade_outputs.feedback_markdown import feedback_markdown
from grading.report.objectives_feedback import objectives_markdown
from grading.results.model import Outcome, Problem, ProblemKind, QuestionResult, SubmissionResult

try:
    import linkify_it  # noqa: F401  (markdown-it-py's linkify needs it)
except ImportError:
    if os.environ.get("CI") == "true":  # CI installs the test extras: never skip there
        raise
    pytest.skip("GFM's bare-URL links need linkify-it-py", allow_module_level=True)
RENDERERS = [MarkdownIt("commonmark"), MarkdownIt("gfm-like")]
MARKUP = {
    "html_inline",
    "html_block",
    "image",
    "link_open",
    "heading_open",
    "blockquote_open",
    "bullet_list_open",
    "ordered_list_open",
    "table_open",
    "fence",
    "code_block",
    "hr",
    "em_open",
    "strong_open",
    "s_open",
}

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![](http://tracker.example/p.png)",
    "http://tracker.example/x",
    "www.tracker.example",
    "a@tracker.example",
    "x\n\n# heading\n\n> quote\n\n- item",
    "`` ` ```",
    "&amp; &#60;b&#62;",
    "*em* **strong** ~~gone~~ | a | b |",
    "\\<b\\>",
]
LEARNER_TEXT = st.sampled_from(PAYLOADS) | st.text(min_size=1, max_size=80)


def page_with(text: str) -> str:
    """A not-graded page and a graded one, with ``text`` wherever a learner controls text."""
    answer = QuestionResult("q1", text, Fraction(0), Fraction(1), Outcome.unreadable, text)
    problems = (
        Problem(ProblemKind.answer_unreadable, text, "q1"),
        Problem(ProblemKind.hidden_file, text),
    )
    graded = SubmissionResult(
        learner=text,
        path=text,
        sha256=None,
        quiz=None,
        quiz_version=None,
        questions=(answer,),
        problems=problems,
    )
    failed = SubmissionResult(
        learner=text, path=text, sha256=None, quiz=None, quiz_version=None, problems=problems
    )
    objectives = objectives_markdown(text, [], {}, "https://book.example/")
    return "\n".join([feedback_markdown(graded, None), feedback_markdown(failed, None), objectives])


def markup(tokens: list[Token]) -> list[str]:
    found = []
    for token in tokens:
        if token.type in MARKUP:
            found.append(token.type)
        found.extend(markup(token.children or []))
    return found


def rendered_text(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "softbreak":
            parts.append(" ")
        parts.append(rendered_text(token.children or []))
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(LEARNER_TEXT)
def test_learner_text_never_becomes_markup(text: str) -> None:
    for renderer in RENDERERS:
        harmless = markup(renderer.parse(page_with("x")))
        assert markup(renderer.parse(page_with(text))) == harmless


@pytest.mark.parametrize("text", PAYLOADS)
def test_learner_text_is_shown_as_written(text: str) -> None:
    shown = " ".join(text.split())
    for renderer in RENDERERS:
        tokens = renderer.parse(page_with(text))
        assert shown in rendered_text(tokens) or shown.replace("`", "'") in rendered_text(tokens)
