"""Is an answer well formed? The one rule set shared by the grader and the learner's notebook.

This module uses the standard library only and no package imports, because its source is
copied verbatim into the last cell of every learner notebook (see ``grading.notebooks``): the
learner's check and the grader's check can never disagree. It knows each question's type and
labels, never its answer.
"""

from __future__ import annotations

import math

PLACEHOLDERS = {
    "single": '""',
    "multiple": "[]",
    "true_false": "None",
    "numeric": "None",
    "text": '""',
    "order": "[]",
    "match": "{}",
}
"""The value each answer variable starts with in a fresh notebook: it means "not answered"."""

WORDS = {
    "one_label": "write one label in quotes, such as {example}",
    "not_a_label": "{value} is not one of the labels {labels}",
    "list_of_labels": "write a list of labels in square brackets, such as [{example}]",
    "label_twice": "a label appears more than once",
    "all_in_order": "put all {count} labels in order ({labels})",
    "true_false": "write True or False, without quotes",
    "number": "write a number, without quotes, such as 3 or 2.5",
    "finite": "write a finite number",
    "text": 'write your answer as text in quotes, such as "my answer"',
    "pairs": "write pairs in curly brackets, such as {{{example}}}",
    "not_left": "{value} is not one of the left-hand labels {labels}",
    "not_right": "{value} is not one of the right-hand labels {labels}",
    "unknown_type": "unknown question type {kind}",
    "text_read_as": "{value} is text; read as {meant} (write it without quotes)",
    "read_without_case": "{value} read as {read}: labels are read without case",
    "too_long": "a number too long to show",
    "missing": "{question}: missing - run its answer cell, or restore it",
    "not_answered": "{question}: not answered yet",
    "well_formed": "{question}: well formed",
    "well_formed_note": "{question}: well formed ({note})",
    "summary": "{ready} of {total} answers are well formed.",
    "disclaimer": "This check says nothing about whether an answer is right.",
}
"""What the check says, in English; a learner notebook of another edition replaces these
with its language's words (``grading/messages/<lang>/check.yml``) before the check runs."""


def is_unanswered(value: object) -> bool:
    """True for the placeholders (and blank text): the learner has not answered yet."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, (list, dict, tuple, set)):
        return len(value) == 0
    return False


def format_problem(spec: dict, value: object, words: dict = WORDS) -> str | None:
    """Say what is wrong with the *form* of an answer, or ``None`` if it is well formed.

    ``spec`` holds ``type`` and, where the type has them, ``labels`` (and ``responses`` for
    match). Correctness is never looked at. ``words`` says it in another edition's language
    (the grader's feedback to a learner of that edition).
    """
    kind = spec["type"]
    labels = spec.get("labels", [])
    label_list = ", ".join(repr(label) for label in labels)
    if kind == "single":
        if not isinstance(value, str):
            return words["one_label"].format(example=repr(labels[0]))
        if value.strip() not in labels:
            return words["not_a_label"].format(value=_shown(value, words), labels=label_list)
    elif kind in ("multiple", "order"):
        allowed = (list, tuple, set) if kind == "multiple" else (list, tuple)
        if not isinstance(value, allowed):
            return words["list_of_labels"].format(example=repr(labels[0]))
        unknown = [item for item in value if not isinstance(item, str) or item not in labels]
        if unknown:
            return words["not_a_label"].format(value=_shown(unknown[0], words), labels=label_list)
        if len(set(value)) != len(list(value)):
            return words["label_twice"]
        if kind == "order" and len(value) != len(labels):
            return words["all_in_order"].format(count=len(labels), labels=label_list)
    elif kind == "true_false":
        if not isinstance(value, bool):
            return words["true_false"]
    elif kind == "numeric":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return words["number"]
        if isinstance(value, float) and not math.isfinite(value):
            return words["finite"]
    elif kind == "text":
        if not isinstance(value, str):
            return words["text"]
    elif kind == "match":
        responses = spec.get("responses", [])
        if not isinstance(value, dict):
            example = f"{labels[0]!r}: {responses[0]!r}"
            return words["pairs"].format(example=example)
        for premise, response in value.items():
            if not isinstance(premise, str) or premise not in labels:
                return words["not_left"].format(value=_shown(premise, words), labels=label_list)
            if not isinstance(response, str) or response not in responses:
                choices = ", ".join(repr(label) for label in responses)
                return words["not_right"].format(value=_shown(response, words), labels=choices)
    else:
        return words["unknown_type"].format(kind=repr(kind))
    return None


def forgiven(spec: dict, value: object, words: dict = WORDS) -> tuple[object, str | None]:
    """The answer as a human marker reads it, and a note when that is not what was written.

    A label in the wrong case (``"c"`` for ``"C"``) counts when the labels differ in more
    than case; ``"True"`` or ``"false"`` written as text counts for a true/false question.
    """
    kind = spec["type"]
    if kind == "true_false":
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            meant = value.strip().lower() == "true"
            return meant, words["text_read_as"].format(value=_shown(value, words), meant=meant)
        return value, None
    labels = _by_case(spec.get("labels", []))
    responses = _by_case(spec.get("responses", []))
    read = value
    if kind == "single" and isinstance(value, str) and value.strip() not in labels.values():
        read = labels.get(value.strip().casefold(), value)
    elif kind in ("multiple", "order") and isinstance(value, (list, tuple)):
        read = type(value)(_relabelled(item, labels) for item in value)
    elif kind == "match" and isinstance(value, dict):
        pairs = {
            _relabelled(key, labels): _relabelled(item, responses) for key, item in value.items()
        }
        read = pairs if len(pairs) == len(value) else value
    if read == value:
        return value, None
    return read, words["read_without_case"].format(
        value=_shown(value, words), read=_shown(read, words)
    )


def _by_case(labels: list) -> dict:
    folded = {label.casefold(): label for label in labels}
    return folded if len(folded) == len(labels) else {}


def _relabelled(item: object, labels: dict) -> object:
    if not isinstance(item, str) or item in labels.values():
        return item
    return labels.get(item.strip().casefold(), item)


def _shown(value: object, words: dict = WORDS) -> str:
    try:
        text = repr(value)
    except ValueError:
        return words["too_long"]
    return text if len(text) <= 60 else text[:57] + "..."


def check_answers(specs: dict, namespace: dict) -> None:
    """Print, for each question, whether its answer variable is well formed (notebook cell)."""
    ready = 0
    for question_id, spec in specs.items():
        if question_id not in namespace:
            print(WORDS["missing"].format(question=question_id))
            continue
        value = namespace[question_id]
        if is_unanswered(value):
            print(WORDS["not_answered"].format(question=question_id))
            continue
        value, note = forgiven(spec, value)
        problem = format_problem(spec, value)
        if problem is None:
            ready += 1
            key = "well_formed_note" if note else "well_formed"
            print(WORDS[key].format(question=question_id, note=note))
        else:
            print(f"{question_id}: {problem}")
    print(WORDS["summary"].format(ready=ready, total=len(specs)))
    print(WORDS["disclaimer"])
