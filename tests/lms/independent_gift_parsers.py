"""Two GIFT parsers no one here wrote, reduced to (question id, type, key) for comparison.

gift-pegjs (npm, run with node from ``.test-deps``, which ``make test`` fills) and pygiftparser
(PyPI). Without one of them the tests skip on a developer's machine and fail under CI=true.

What is compared, and how:

* ``text`` answers exactly as the parser read them: what Moodle compares the learner's typing
  with. Nothing is HTML-unescaped (an entity such as ``&gt;`` must be typed as written).
* Choice weights as numbers (percentages), not as right or wrong.
* Choice texts and match sides as Markdown shows them (:func:`shown`, HTML entities resolved),
  on both sides: the exporter writes ``->`` and a leading ``%`` there as entities on purpose.

gift-pegjs resolves GIFT's backslash escapes itself; pygiftparser 1.1 leaves them in the text,
so :func:`gift_unescaped` resolves them for it (and only for it).
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


def shown(text: str) -> str:
    """Choice or match text as Markdown shows it: HTML entities resolved. Never for ``text``
    answers, which the learner must type as written."""
    return html.unescape(text).strip()


def gift_unescaped(text: str) -> str:
    """GIFT's backslash escapes resolved (for pygiftparser, which keeps them)."""
    return re.sub(r"\\(.)", r"\1", text).strip()


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
            shown(choice["text"]["text"]): float(
                choice["weight"] if choice["weight"] is not None else choice["isCorrect"] * 100
            )
            for choice in question["choices"]
        }
        return "choices", weights
    if kind == "TF":
        return "true_false", question["isTrue"]
    if kind == "Numerical":
        choice = question["choices"]
        return "numeric", (choice["number"], choice.get("range", 0))
    if kind == "Short":
        return "text", sorted(choice["text"]["text"].strip() for choice in question["choices"])
    if kind == "Matching":
        pairs = sorted(
            (shown(pair["subquestion"]["text"]), shown(_pegjs_placeholders(pair["subanswer"])))
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
        return "choices", {
            shown(gift_unescaped(answer.answer)): float(answer.fraction)
            for answer in answers.answers
        }
    if kind == "TrueFalseSet":
        return "true_false", answers.answer
    if kind == "NumericAnswerSet":
        (answer,) = answers.answers
        return "numeric", (answer.value, answer.tolerance)
    if kind == "ShortSet":
        return "text", sorted(gift_unescaped(answer.answer) for answer in answers.answers)
    if kind == "MatchingSet":
        pairs = sorted(
            (shown(gift_unescaped(answer.question)), shown(gift_unescaped(answer.answer)))
            for answer in answers.answers
        )
        return "match", pairs
    return kind, None
