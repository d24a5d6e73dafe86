"""Importing Moodle GIFT questions into a quiz model (and so into quiz YAML).

The supported subset is what :mod:`grading.lms.gift_export` writes and what Moodle's own GIFT
files mostly use: multiple choice (one ``=`` right, ``~`` wrong, or ``~%w%`` weights for several
right), true/false, numeric ``#value:tolerance`` or ``#low..high``, short answer (only ``=``)
and matching (``=left -> right``); per-answer ``#feedback`` is dropped. Choices get labels A, B,
C …; premises 1, 2, 3 …. Anything else raises :class:`GiftError` naming the question, rather
than importing a question that grades wrongly.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML

from grading.errors import GradingError
from grading.quiz.model import Quiz

NO_EXPLANATION = "No explanation came with the imported question."
TITLE = re.compile(r"^::(.*?)::", re.DOTALL)


class GiftError(GradingError):
    """The GIFT text has a question this importer cannot turn into a quiz question."""


def gift_to_quiz(text: str, *, quiz_id: str, title: str) -> Quiz:
    """Parse GIFT text into a graded quiz with id ``quiz_id``."""
    questions = [_question(block, number) for number, block in enumerate(_blocks(text), start=1)]
    data = {"id": quiz_id, "title": title, "mode": "graded", "questions": questions}
    try:
        return Quiz.model_validate(data)
    except ValidationError as error:
        raise GiftError(f"the imported questions are not a valid quiz: {error}") from error


def write_quiz_yaml(quiz: Quiz, folder: Path) -> Path:
    """Write ``folder/<id>.yml`` (refusing to overwrite an existing quiz)."""
    path = folder / f"{quiz.id}.yml"
    if path.exists():
        raise GiftError(f"{path} exists already; not overwritten")
    folder.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.default_flow_style = False
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(quiz.model_dump(mode="json", exclude_none=True), handle)
    return path


def _blocks(text: str) -> list[str]:
    lines = [
        line
        for line in text.splitlines()
        if not line.lstrip().startswith("//") and not line.startswith("$CATEGORY:")
    ]
    return [block.strip() for block in "\n".join(lines).split("\n\n") if block.strip()]


def _question(block: str, number: int) -> dict[str, Any]:
    match = TITLE.match(block)
    name = match.group(1).strip() if match else ""
    rest = block[match.end() :] if match else block
    rest = re.sub(r"^\s*\[(markdown|plain|html|moodle)\]", "", rest)
    question_id = name if re.fullmatch(r"[A-Za-z_]\w{0,39}", name) else f"q{number}"
    opening = _unescaped_index(rest, "{")
    closing = rest.rfind("}")
    if opening < 0 or closing < opening:
        raise GiftError(f"question {question_id}: no answer block {{…}}")
    prompt = _unescape(rest[:opening] + " " + rest[closing + 1 :]).strip()
    body, _, feedback = rest[opening + 1 : closing].partition("####")
    base = {
        "id": question_id,
        "prompt": prompt or question_id,
        "explanation": _unescape(feedback).strip() or NO_EXPLANATION,
    }
    return {**base, **_answers(body.strip(), question_id)}


def _answers(body: str, question_id: str) -> dict[str, Any]:
    verdict = _without_feedback(body).strip().upper()
    if verdict in ("TRUE", "T", "FALSE", "F"):
        return {"type": "true_false", "answer": verdict.startswith("T")}
    if body.startswith("#"):
        return _numeric(body[1:].strip(), question_id)
    tokens = _tokens(body)
    if not tokens:
        raise GiftError(f"question {question_id}: empty answer block")
    if all(mark == "=" and "->" in text for mark, text in tokens):
        return _match(tokens)
    if all(mark == "=" for mark, _ in tokens):
        if any(text.startswith("%") for _, text in tokens):
            raise GiftError(f"question {question_id}: short answers with partial credit (=%n%)")
        answers = [_unescape(_without_feedback(text)).strip() for _, text in tokens]
        return {"type": "text", "answer": answers}
    return _choices(tokens, question_id)


def _numeric(body: str, question_id: str) -> dict[str, Any]:
    """``value``, ``value:tolerance`` or the range ``low..high`` (the same as mid:half-width).

    Several numeric answers (``{#=1822:0 =%50%1822:2}``) give partial credit, which a numeric
    question here cannot, so they are refused instead of being graded all-or-nothing.
    """
    if _tokens(body):
        raise GiftError(f"question {question_id}: several numeric answers (=…) are not supported")
    value = _without_feedback(body).strip()
    try:
        if ".." in value:
            low, high = sorted(float(end) for end in value.split("..", 1))
            return {"type": "numeric", "answer": (low + high) / 2, "tolerance": (high - low) / 2}
        answer, _, tolerance = value.partition(":")
        return {"type": "numeric", "answer": float(answer), "tolerance": float(tolerance or 0)}
    except ValueError as error:
        raise GiftError(f"question {question_id}: numeric answer {body!r}") from error


def _without_feedback(text: str) -> str:
    """The answer before its unescaped ``#feedback``."""
    feedback = _unescaped_index(text, "#")
    return text if feedback < 0 else text[:feedback]


def _choices(tokens: list[tuple[str, str]], question_id: str) -> dict[str, Any]:
    labels = string.ascii_uppercase
    if len(tokens) > len(labels):
        raise GiftError(f"question {question_id}: more than {len(labels)} choices")
    choices, right = {}, []
    for label, (mark, text) in zip(labels, tokens, strict=False):
        weight = re.match(r"^%(-?[\d.]+)%", text)
        if weight:
            text = text[weight.end() :]
        choices[label] = _unescape(_without_feedback(text)).strip()
        if mark == "=" or (weight and float(weight.group(1)) > 0):
            right.append(label)
    if not right:
        raise GiftError(f"question {question_id}: no right choice")
    if len(right) == 1 and not any(re.match(r"^%", text) for _, text in tokens):
        return {"type": "single", "choices": choices, "answer": right[0]}
    return {"type": "multiple", "choices": choices, "answer": right, "scoring": "right_minus_wrong"}


def _match(tokens: list[tuple[str, str]]) -> dict[str, Any]:
    premises, responses, answer = {}, {}, {}
    for number, (_, text) in enumerate(tokens, start=1):
        left, _, right = text.partition("->")
        response = _unescape(right).strip()
        if response not in responses.values():
            responses[string.ascii_uppercase[len(responses)]] = response
        premises[str(number)] = _unescape(left).strip()
        answer[str(number)] = next(label for label, t in responses.items() if t == response)
    return {"type": "match", "premises": premises, "responses": responses, "answer": answer}


def _tokens(body: str) -> list[tuple[str, str]]:
    """Split an answer block at unescaped ``=`` and ``~``: (mark, raw text) pairs."""
    tokens: list[tuple[str, str]] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            if tokens:
                mark, text = tokens[-1]
                tokens[-1] = (mark, text + body[index : index + 2])
            index += 2
            continue
        if char in "=~":
            tokens.append((char, ""))
        elif tokens:
            tokens[-1] = (tokens[-1][0], tokens[-1][1] + char)
        index += 1
    return [(mark, text.strip()) for mark, text in tokens]


def _unescaped_index(text: str, char: str) -> int:
    index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == char:
            return index
        index += 1
    return -1


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda found: "\n" if found.group(1) == "n" else found.group(1), text)
