"""Importing Moodle GIFT questions into a quiz model (and so into quiz YAML).

The supported subset is what :mod:`grading.lms.gift_export` writes and what Moodle's own GIFT
examples use: multiple choice (one ``=`` right, ``~`` wrong), several right answers (``~%w%``
with equal positive weights; as in Moodle, a block of ``~%w%`` answers only, with no ``=``, is
a multiple-answer question even with one right answer), true/false, numeric
``#value:tolerance``, ``#low..high`` (midpoint and half-width computed exactly from the decimals
written, so both ends are accepted) or one ``#=value:tolerance``, short answer (only ``=``) and
matching (``=left -> right``, and ``= -> right`` for a response that pairs with nothing).
Per-answer ``#feedback`` is dropped. Choices get labels A, B, C …; premises 1, 2, 3 ….

The two HTML entities :mod:`grading.lms.gift_export` writes for what GIFT cannot escape, and
that Moodle's ``[markdown]`` text shows as the characters, are decoded in prompts, choices and
match sides: ``-&gt;`` back to ``->`` and a leading ``&#37;`` (written ``&\\#37;``) back to
``%``, so export → import gives back the same text (a text that held the entity itself comes
back as the character, which Markdown shows alike). No other entity is decoded, and nothing in
a short answer, which the learner types as written.

Questions are separated by lines that are blank or hold only spaces. Text after the answer
block makes a missing-word question: the block's place in the prompt is kept as ``___``.

What a quiz here cannot grade as Moodle would (partial credit on one answer among full ones,
several numeric answers, weighted short answers) is refused, never imported as something that
grades differently: :class:`GiftError` names the file, the line where the question starts and
what is wrong; two questions with the same id (``::title::``) are refused naming both lines.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML

from grading.errors import GradingError
from grading.quiz.model import Quiz

NO_EXPLANATION = "No explanation came with the imported question."
TITLE = re.compile(r"^::(.*?)::", re.DOTALL)
WEIGHT = re.compile(r"^%(-?[\d.]+)%")
BLANK = "___"
ARROW_ENTITY, ARROW = "-&gt;", "->"
PERCENT_ENTITY, PERCENT = "&#37;", "%"
FULL = 100.0


class GiftError(GradingError):
    """The GIFT text has a question this importer cannot turn into a quiz question."""


@dataclass(frozen=True)
class GiftBlock:
    """One question's text and the line (1-based) where it starts."""

    text: str
    line: int


def gift_to_quiz(text: str, *, quiz_id: str, title: str, source: str = "GIFT text") -> Quiz:
    """Parse GIFT text into a graded quiz with id ``quiz_id``; ``source`` names it in errors."""
    blocks = gift_blocks(text)
    questions = []
    for number, block in enumerate(blocks, start=1):
        try:
            questions.append(_question(block.text, number))
        except GiftError as error:
            raise GiftError(f"{source}, line {block.line}: {error}") from None
    _refuse_repeated_ids(blocks, questions, source)
    data = {"id": quiz_id, "title": title, "mode": "graded", "questions": questions}
    try:
        return Quiz.model_validate(data)
    except ValidationError as error:
        raise GiftError(_validation_message(error, blocks, questions, source)) from None


def _refuse_repeated_ids(
    blocks: list[GiftBlock], questions: list[dict[str, Any]], source: str
) -> None:
    """A question id (its ``::title::``, or ``q<n>``) used by two questions, with both lines."""
    first_line: dict[str, int] = {}
    for block, question in zip(blocks, questions, strict=True):
        earlier = first_line.setdefault(question["id"], block.line)
        if earlier != block.line:
            raise GiftError(
                f"{source}, line {block.line}: question id {question['id']!r} is used twice "
                f"(first by the question at line {earlier}); give each question its own "
                "::title::"
            )


def write_quiz_yaml(quiz: Quiz, folder: Path) -> Path:
    """Write ``folder/<id>.yml`` (refusing to overwrite an existing quiz)."""
    path = folder / f"{quiz.id}.yml"
    if path.exists():
        raise GiftError(f"{path} exists already; not overwritten")
    folder.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.default_flow_style = False
    with path.open("x", encoding="utf-8") as handle:
        yaml.dump(quiz.model_dump(mode="json", exclude_none=True), handle)
    return path


def gift_blocks(text: str) -> list[GiftBlock]:
    """Questions, split at blank or whitespace-only lines; comments and categories dropped."""
    blocks: list[GiftBlock] = []
    lines: list[str] = []
    start = 0
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.lstrip().startswith("//") or line.startswith("$CATEGORY:"):
            continue
        if line.strip():
            start = start or number
            lines.append(line)
        elif lines:
            blocks.append(GiftBlock("\n".join(lines).strip(), start))
            lines, start = [], 0
    return blocks


def _question(block: str, number: int) -> dict[str, Any]:
    match = TITLE.match(block)
    name = match.group(1).strip() if match else ""
    rest = block[match.end() :] if match else block
    rest = re.sub(r"^\s*\[(markdown|plain|html|moodle)\]", "", rest)
    question_id = name if re.fullmatch(r"[A-Za-z_]\w{0,39}", name) else f"q{number}"
    opening = _unescaped_index(rest, "{")
    closing = _unescaped_index(rest, "}", start=opening + 1) if opening >= 0 else -1
    if opening < 0 or closing < 0:
        raise GiftError(f"question {question_id}: no answer block {{…}}")
    before = _shown(_unescape(rest[:opening]).strip())
    after = _unescape(rest[closing + 1 :]).replace(ARROW_ENTITY, ARROW)
    prompt = before
    if after.strip():
        blank_end = after.rstrip() if not after[:1].isspace() else " " + after.strip()
        prompt = f"{before} {BLANK}{blank_end}".strip()
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
    if all(mark == "=" and _unescaped_index(text, "->") >= 0 for mark, text in tokens):
        return _match(tokens, question_id)
    if all(mark == "=" for mark, _ in tokens):
        if any(WEIGHT.match(text) for _, text in tokens):
            raise GiftError(
                f"question {question_id}: short answers with partial credit (=%n%) cannot be "
                "imported: a text question here gives full points or none"
            )
        answers = [_unescape(_without_feedback(text)).strip() for _, text in tokens]
        return {"type": "text", "answer": answers}
    return _choices(tokens, question_id)


def _numeric(body: str, question_id: str) -> dict[str, Any]:
    """``value``, ``value:tolerance``, the range ``low..high`` or one ``=value:tolerance``.

    Several numeric answers (``{#=1822:0 =%50%1822:2}``) give partial credit, which a numeric
    question here cannot, so they are refused instead of being graded all-or-nothing.
    """
    tokens = _tokens(body)
    if tokens:
        if len(tokens) > 1 or tokens[0][0] != "=" or WEIGHT.match(tokens[0][1]):
            raise GiftError(
                f"question {question_id}: several numeric answers or partial credit "
                "(=%n%…) cannot be imported: a numeric question here has one answer"
            )
        body = tokens[0][1]
    value = _without_feedback(body).strip()
    if ".." in value:
        low, high = sorted(_decimal(end, value, question_id) for end in value.split("..", 1))
        answer, tolerance = _range(low, high)
        return {"type": "numeric", "answer": answer, "tolerance": tolerance}
    answer, _, tolerance = value.partition(":")
    return {
        "type": "numeric",
        "answer": float(_decimal(answer, value, question_id)),
        "tolerance": float(_decimal(tolerance or "0", value, question_id)),
    }


def _decimal(text: str, value: str, question_id: str) -> Decimal:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise GiftError(f"question {question_id}: {value!r} is not a number")
    return number


def _range(low: Decimal, high: Decimal) -> tuple[float, float]:
    """Midpoint and half-width of ``low..high`` from the decimals as written, so that the grader
    (which compares the decimals the YAML holds, exactly) accepts both ends: ``3.141..3.142``
    gives 3.1415 and 0.0005, not 3.1414999999999997 and 0.0004999999999999449. When the
    midpoint has no exact float, the tolerance is widened to the farther end."""
    answer = float((low + high) / 2)
    written = Decimal(repr(answer))
    reach = max(written - low, high - written)
    tolerance = float(reach)
    if Decimal(repr(tolerance)) < reach:
        tolerance = math.nextafter(tolerance, math.inf)
    return answer, tolerance


def _without_feedback(text: str) -> str:
    """The answer before its unescaped ``#feedback``."""
    feedback = _unescaped_index(text, "#")
    return text if feedback < 0 else text[:feedback]


def _choices(tokens: list[tuple[str, str]], question_id: str) -> dict[str, Any]:
    labels = string.ascii_uppercase
    if len(tokens) > len(labels):
        raise GiftError(f"question {question_id}: more than {len(labels)} choices")
    choices, weights = {}, {}
    for label, (mark, text) in zip(labels, tokens, strict=False):
        weight = WEIGHT.match(text)
        if weight:
            text = text[weight.end() :]
        choices[label] = _shown(_unescape(_without_feedback(text)).strip())
        weights[label] = float(weight.group(1)) if weight else (FULL if mark == "=" else 0.0)
    right = [label for label, weight in weights.items() if weight > 0]
    if not right:
        raise GiftError(f"question {question_id}: no right choice")
    shares = {weights[label] for label in right}
    # Moodle: no "=" in the block makes a multiple-answer question, whatever the weights.
    weighted_only = all(mark == "~" and WEIGHT.match(text) for mark, text in tokens)
    if len(right) == 1 and weights[right[0]] == FULL and not weighted_only:
        if any(weight < 0 for weight in weights.values()):
            raise _partial_credit(question_id)
        return {"type": "single", "choices": choices, "answer": right[0]}
    if max(shares) - min(shares) > 0.01 or abs(sum(weights[label] for label in right) - FULL) > 0.1:
        raise _partial_credit(question_id)
    return {"type": "multiple", "choices": choices, "answer": right, "scoring": "right_minus_wrong"}


def _partial_credit(question_id: str) -> GiftError:
    return GiftError(
        f"question {question_id}: partial credit on some answers (~%50%…) beside a full-credit "
        "answer cannot be imported faithfully: a single-answer question here gives full points "
        "or none, and a multiple-answer one needs equal weights on every right answer"
    )


def _match(tokens: list[tuple[str, str]], question_id: str) -> dict[str, Any]:
    """Pairs ``left -> right``; an empty left side (``= -> right``) is a distractor."""
    premises, responses, answer = {}, {}, {}
    for _, text in tokens:
        arrow = _unescaped_index(text, "->")
        left = _shown(_unescape(text[:arrow]).strip())
        right = _shown(_unescape(text[arrow + 2 :]).strip())
        if not right:
            raise GiftError(f"question {question_id}: a match pair {text!r} has no right side")
        if right not in responses.values():
            if len(responses) == len(string.ascii_uppercase):
                raise GiftError(f"question {question_id}: more than 26 responses")
            responses[string.ascii_uppercase[len(responses)]] = right
        if left:
            premise = str(len(premises) + 1)
            premises[premise] = left
            answer[premise] = next(label for label, t in responses.items() if t == right)
    if len(premises) < 2:
        raise GiftError(f"question {question_id}: a match question needs two pairs or more")
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


def _unescaped_index(text: str, needle: str, start: int = 0) -> int:
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(needle, index):
            return index
        index += 1
    return -1


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda found: "\n" if found.group(1) == "n" else found.group(1), text)


def _shown(text: str) -> str:
    """``text`` (stripped) with the two entities the exporter writes decoded (module doc)."""
    text = text.replace(ARROW_ENTITY, ARROW)
    return PERCENT + text.removeprefix(PERCENT_ENTITY) if text.startswith(PERCENT_ENTITY) else text


def _validation_message(
    error: ValidationError, blocks: list[GiftBlock], questions: list[dict[str, Any]], source: str
) -> str:
    """Each problem as ``source, line N: question q: field: what is wrong``."""
    lines = []
    for problem in error.errors():
        location = list(problem["loc"])
        if len(location) >= 2 and location[0] == "questions" and isinstance(location[1], int):
            index = location[1]
            field = ".".join(str(part) for part in location[3:] or location[2:])
            where = f"{source}, line {blocks[index].line}: question {questions[index]['id']}"
            lines.append(f"{where}: {field}: {_message(problem['msg'])}".replace(": :", ":"))
        else:
            field = ".".join(map(str, location))
            lines.append(f"{source}: {field}: {_message(problem['msg'])}".replace(": :", ":"))
    return "\n".join(lines)


def _message(text: str) -> str:
    """A validation message without pydantic's ``Value error, `` prefix."""
    return text.removeprefix("Value error, ")
