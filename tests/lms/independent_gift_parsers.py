"""Two GIFT parsers no one here wrote, reduced to (question id, type, key) for comparison.

gift-pegjs (npm, run with node from ``.test-deps``, which ``make test`` fills) and pygiftparser
(PyPI). Without one of them the tests skip on a developer's machine and fail under CI=true.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
NODE_MODULES = REPOSITORY / ".test-deps" / "node_modules"
SCRIPT = Path(__file__).with_name("gift_pegjs_parse.js")


def missing(what: str) -> None:
    """Fail under CI (the parser must be installed there), skip elsewhere."""
    message = f"{what} is not installed; run make test"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def plain(text: str) -> str:
    """Text as a reader sees it: GIFT escapes and HTML entities resolved."""
    return html.unescape(re.sub(r"\\(.)", r"\1", text)).strip()


def pegjs_keys(gift: str) -> dict[str, tuple[str, Any]]:
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "gift-pegjs").is_dir():
        missing("gift-pegjs (npm) or node")
    done = subprocess.run(
        [node, str(SCRIPT)],
        input=gift.encode(),
        capture_output=True,
        check=True,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
    )
    parsed = json.loads(done.stdout)
    return {
        question["title"]: _pegjs_key(question)
        for question in parsed
        if question["type"] != "Category"
    }


def _pegjs_key(question: dict[str, Any]) -> tuple[str, Any]:
    kind = question["type"]
    if kind == "MC":
        weights = {
            plain(choice["text"]["text"]): (100 if choice["isCorrect"] else choice["weight"] or 0)
            for choice in question["choices"]
        }
        return "choices", weights
    if kind == "TF":
        return "true_false", question["isTrue"]
    if kind == "Numerical":
        choice = question["choices"]
        return "numeric", (choice["number"], choice.get("range", 0))
    if kind == "Short":
        return "text", sorted(plain(choice["text"]["text"]) for choice in question["choices"])
    if kind == "Matching":
        pairs = sorted(
            (plain(pair["subquestion"]["text"]), plain(_pegjs_placeholders(pair["subanswer"])))
            for pair in question["matchPairs"]
        )
        return "match", pairs
    return kind, None


def _pegjs_placeholders(text: str) -> str:
    """gift-pegjs 1.0.2 leaves its own placeholders for escaped characters (``&&061;`` for
    ``\\=``) in the right side of match pairs: they show it read the escape; decode them."""
    return re.sub(r"&&(\d{3});?", lambda found: chr(int(found.group(1))), text)


def pygiftparser_keys(gift: str) -> dict[str, tuple[str, Any]]:
    try:
        from pygiftparser import parser
    except ImportError:
        missing("pygiftparser (PyPI)")
    questions = parser.parseFile(io.StringIO(gift))
    return {question.title: _pygift_key(question) for question in questions}


def _pygift_key(question: Any) -> tuple[str, Any]:
    answers = question.answers
    kind = type(answers).__name__
    if kind in ("SelectSet", "MultipleChoicesSet"):
        return "choices", {plain(answer.answer): answer.fraction for answer in answers.answers}
    if kind == "TrueFalseSet":
        return "true_false", answers.answer
    if kind == "NumericAnswerSet":
        (answer,) = answers.answers
        return "numeric", (answer.value, answer.tolerance)
    if kind == "ShortSet":
        return "text", sorted(plain(answer.answer) for answer in answers.answers)
    if kind == "MatchingSet":
        pairs = sorted((plain(answer.question), plain(answer.answer)) for answer in answers.answers)
        return "match", pairs
    return kind, None
