"""One IMS QTI 1.2 ``<item>`` per quiz question, in the shapes Canvas exports and imports.

Canvas reads its own metadata fields ``question_type`` and ``points_possible`` from
``itemmetadata``; a score of 100 means full points. The shapes follow Canvas's own exports
except where said (short answers, and ``rcardinality``/``continue`` on matching):

* ``single`` → ``multiple_choice_question``: ``response_lid`` (rcardinality Single) with
  ``render_choice``, one ``respcondition`` setting SCORE to 100 for the key;
* ``true_false`` → ``true_false_question``: the same with the two choices True and False;
* ``multiple`` → ``multiple_answers_question``: rcardinality Multiple, full score when every right
  label is chosen and no wrong one (``and`` of ``varequal`` and ``not``); our partial-credit
  policy does not travel, Canvas applies its own;
* ``numeric`` → ``numerical_question``: ``render_fib fibtype="Decimal"``, the key as ``varequal``
  or the tolerance as a range ``vargte``/``varlte``;
* ``text`` → ``short_answer_question``: one ``respcondition`` per accepted answer, each with one
  ``varequal case="No"`` (Canvas's exporter puts every ``varequal`` in one ``conditionvar``,
  which would mean "all of these" to a strict QTI reader, and writes no ``case``; Canvas
  compares without case; our accent and spacing normalisation does not travel);
* ``match`` → ``matching_question``: one ``response_lid`` per premise, each offering every
  response, a ``respcondition`` adding ``100 / premises`` per right pair. As in Canvas's export,
  premises and responses get numeric ids (premises 1…n, responses n+1…) and the premises' ids
  are listed in ``original_answer_ids``: without it Canvas derives ids from the digits in the
  idents, and labels such as ``A1``/``B1`` would collide.

``order`` has no QTI 1.2 type that Canvas imports: :func:`question_item` returns None for it.
Choice labels become the ``ident`` of choices, so the key can be read back from the XML.
Prompts, choices and explanations are Markdown, rendered to HTML with raw HTML disabled (so a
``<script>`` in a quiz stays text); ElementTree escapes the HTML into ``mattext``.
"""

from __future__ import annotations

from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement

from markdown_it import MarkdownIt

from grading.quiz.model import (
    MatchQuestion,
    MultipleQuestion,
    NumericQuestion,
    Question,
    SingleQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

QUESTION_TYPES = {
    "single": "multiple_choice_question",
    "true_false": "true_false_question",
    "multiple": "multiple_answers_question",
    "numeric": "numerical_question",
    "text": "short_answer_question",
    "match": "matching_question",
}
"""Our question type → Canvas's ``question_type``; a type missing here is not exported."""

RESPONSE = "response1"
TRUE_FALSE_LABELS = {"true": "True", "false": "False"}
FULL_SCORE = "100"

_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def question_item(question: Question, ident: str) -> Element | None:
    """The ``<item>`` for ``question``, or None when Canvas has no QTI 1.2 type for it."""
    question_type = QUESTION_TYPES.get(question.type)
    if question_type is None:
        return None
    item = Element("item", ident=ident, title=question.id)
    answer_ids = match_ids(question)[0] if isinstance(question, MatchQuestion) else {}
    _metadata(item, question_type, question.points, ",".join(answer_ids.values()))
    presentation = SubElement(item, "presentation")
    _material(presentation, _MARKDOWN.render(question.prompt).strip())
    processing = SubElement(item, "resprocessing")
    outcomes = SubElement(processing, "outcomes")
    SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    _general_feedback_condition(processing)
    if isinstance(question, SingleQuestion):
        _choice_response(presentation, question.choices, "Single")
        _full_score_when(processing, _varequal(question.answer))
    elif isinstance(question, TrueFalseQuestion):
        _choice_response(presentation, TRUE_FALSE_LABELS, "Single")
        _full_score_when(processing, _varequal("true" if question.answer else "false"))
    elif isinstance(question, MultipleQuestion):
        _choice_response(presentation, question.choices, "Multiple")
        _full_score_when(processing, _exact_selection(question))
    elif isinstance(question, NumericQuestion):
        _fill_in(presentation, fibtype="Decimal")
        _full_score_when(processing, _numeric_condition(question))
    elif isinstance(question, TextQuestion):
        _fill_in(presentation, fibtype=None)
        for text in question.answer:
            _full_score_when(processing, _varequal(text, case="No"))
    elif isinstance(question, MatchQuestion):
        _match_responses(presentation, processing, question)
    _feedback(item, _MARKDOWN.render(question.explanation).strip())
    return item


def match_ids(question: MatchQuestion) -> tuple[dict[str, str], dict[str, str]]:
    """Numeric ids, as Canvas uses: premise label → id (1…n), response label → id (n+1…)."""
    premises = {label: str(number) for number, label in enumerate(question.premises, start=1)}
    first = len(premises) + 1
    responses = {label: str(number) for number, label in enumerate(question.responses, start=first)}
    return premises, responses


def _metadata(item: Element, question_type: str, points: float, answer_ids: str) -> None:
    fields = SubElement(SubElement(item, "itemmetadata"), "qtimetadata")
    entries = {"question_type": question_type, "points_possible": repr(float(points))}
    if answer_ids:
        entries["original_answer_ids"] = answer_ids
    for label, entry in entries.items():
        field = SubElement(fields, "qtimetadatafield")
        SubElement(field, "fieldlabel").text = label
        SubElement(field, "fieldentry").text = entry


def _material(parent: Element, html: str, texttype: str = "text/html") -> None:
    SubElement(SubElement(parent, "material"), "mattext", texttype=texttype).text = html


def _choice_response(presentation: Element, choices: dict[str, str], cardinality: str) -> None:
    response = SubElement(presentation, "response_lid", ident=RESPONSE, rcardinality=cardinality)
    render = SubElement(response, "render_choice")
    for label, text in choices.items():
        choice = SubElement(render, "response_label", ident=label)
        _material(choice, _MARKDOWN.renderInline(text))


def _fill_in(presentation: Element, *, fibtype: str | None) -> None:
    """Canvas's ``short_answer_response_str`` (``rshuffle="No"``) or, with a ``fibtype``, its
    ``calculated_response_str`` for numerical questions (no ``rshuffle``)."""
    response = SubElement(presentation, "response_str", ident=RESPONSE, rcardinality="Single")
    if fibtype:
        render = SubElement(response, "render_fib", fibtype=fibtype)
        SubElement(render, "response_label", ident="answer1")
    else:
        render = SubElement(response, "render_fib")
        SubElement(render, "response_label", ident="answer1", rshuffle="No")


def _match_responses(presentation: Element, processing: Element, question: MatchQuestion) -> None:
    share = f"{100 / len(question.premises):.2f}"
    premise_ids, response_ids = match_ids(question)
    for premise, text in question.premises.items():
        ident = f"response_{premise_ids[premise]}"
        response = SubElement(presentation, "response_lid", ident=ident, rcardinality="Single")
        _material(response, _MARKDOWN.renderInline(text))
        render = SubElement(response, "render_choice")
        for label, response_text in question.responses.items():
            choice = SubElement(render, "response_label", ident=response_ids[label])
            _material(choice, _MARKDOWN.renderInline(response_text))
        # continue="Yes": every pair is checked (QTI's default "No" stops at the first match).
        condition = SubElement(processing, "respcondition", {"continue": "Yes"})
        SubElement(condition, "conditionvar").append(
            _varequal(response_ids[question.answer[premise]], respident=ident)
        )
        SubElement(condition, "setvar", action="Add", varname="SCORE").text = share


def _varequal(value: str, *, respident: str = RESPONSE, case: str | None = None) -> Element:
    element = Element("varequal", respident=respident, **({"case": case} if case else {}))
    element.text = value
    return element


def _exact_selection(question: MultipleQuestion) -> Element:
    both = Element("and")
    for label in question.choices:
        if label in question.answer:
            both.append(_varequal(label))
        else:
            SubElement(both, "not").append(_varequal(label))
    return both


def _numeric_condition(question: NumericQuestion) -> Element:
    """The key, or anything in [answer - tolerance, answer + tolerance], in exact decimals."""
    answer, tolerance = Decimal(repr(question.answer)), Decimal(repr(question.tolerance))
    either = Element("or")
    either.append(_varequal(str(answer)))
    within = SubElement(either, "and")
    SubElement(within, "vargte", respident=RESPONSE).text = str(answer - tolerance)
    SubElement(within, "varlte", respident=RESPONSE).text = str(answer + tolerance)
    return either


def _full_score_when(processing: Element, *conditions: Element) -> None:
    condition = SubElement(processing, "respcondition", {"continue": "No"})
    SubElement(condition, "conditionvar").extend(conditions)
    SubElement(condition, "setvar", action="Set", varname="SCORE").text = FULL_SCORE


def _general_feedback_condition(processing: Element) -> None:
    """Always show the explanation (Canvas's "general" feedback), then go on scoring."""
    condition = SubElement(processing, "respcondition", {"continue": "Yes"})
    SubElement(SubElement(condition, "conditionvar"), "other")
    SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")


def _feedback(item: Element, html: str) -> None:
    feedback = SubElement(item, "itemfeedback", ident="general_fb")
    _material(SubElement(feedback, "flow_mat"), html)
