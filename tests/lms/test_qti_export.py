"""QTI 1.2 export: the package Canvas imports, item shapes per type, and the key in the XML.

The expected shapes follow Canvas's own QTI 1.2 exports, except for short answers (one
``respcondition`` per accepted answer, ``case="No"``) and ``rcardinality``/``continue`` on
matching, where we write the stricter QTI form. Examples read for them (public repositories,
through the search tool):

* OpenLearningNet/imscc-packager, src/imscc/contentPackager/qti/qtiQuestion.ts, which quotes
  Canvas-exported items in comments, e.g. a matching question::

      <response_lid ident="response_9485">
        <material><mattext texttype="text/plain">Cat</mattext></material>
        <render_choice><response_label ident="639">…</response_label>…</render_choice>
      </response_lid> …
      <respcondition><conditionvar>
        <varequal respident="response_9485">639</varequal>
      </conditionvar><setvar varname="SCORE" action="Add">33.33</setvar></respcondition>

  a numerical question::

      <render_fib fibtype="Decimal"><response_label ident="answer1"/></render_fib> …
      <or><varequal respident="response1">42.0</varequal>
        <and><vargte respident="response1">42.0</vargte>
             <varlte respident="response1">42.0</varlte></and></or>

  a multiple answers question::

      <response_lid ident="response1" rcardinality="Multiple"> …
      <and><varequal respident="response1">4411</varequal> …
        <not><varequal respident="response1">3983</varequal></not></and>
      <setvar action="Set" varname="SCORE">100</setvar>

  and a short answer question: one ``<varequal respident="response1">`` per accepted answer
  (issue 10: one ``respcondition`` each, which strict QTI readers also read as "any of");
* Canvas's own exporter, instructure/canvas-lms lib/cc/qti/qti_generator.rb and qti_items.rb:
  ``assessment_meta.xml`` in the ``cccv1p0`` namespace, the manifest's dependency on it, and
  ``original_answer_ids`` with numeric ``response_<id>`` idents for matching;
* gpoore/text2qti, text2qti/xml_assessment.py and xml_imsmanifest.py (Canvas-importable output):
  ``questestinterop`` in the ``ims_qtiasiv1p2`` namespace, ``qtimetadatafield`` entries
  ``question_type`` and ``points_possible``, multiple choice as ``response_lid
  rcardinality="Single"`` with ``render_choice``, and a manifest resource of type
  ``imsqti_xmlv1p2``.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.lms.qti_export import quiz_to_qti, write_qti_package
from grading.quiz.loading import load_quizzes
from grading.quiz.model import Quiz

QUIZZES = Path(__file__).resolve().parents[2] / "quizzes"
NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
MANIFEST_NS = {"m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}

EVERY_TYPE = Quiz.model_validate(
    {
        "id": "every-type",
        "title": "Every <type> & more",
        "mode": "graded",
        "questions": [
            {
                "id": "single",
                "type": "single",
                "points": 2,
                "prompt": "Pick <b>one</b> & only one: `x < y`?",
                "choices": {"A": "yes & <script>alert(1)</script>", "B": "no"},
                "answer": "B",
                "explanation": "Because **B**.",
            },
            {
                "id": "tf",
                "type": "true_false",
                "prompt": "Sky is blue.",
                "answer": False,
                "explanation": "Not at night.",
            },
            {
                "id": "many",
                "type": "multiple",
                "prompt": "Pick some.",
                "choices": {"A": "a", "B": "b", "C": "c"},
                "answer": ["A", "C"],
                "explanation": "A and C.",
            },
            {
                "id": "num",
                "type": "numeric",
                "points": 1.5,
                "prompt": "Tenth of three?",
                "answer": 0.3,
                "tolerance": 0.1,
                "explanation": "0.3.",
            },
            {
                "id": "words",
                "type": "text",
                "prompt": "Say it.",
                "answer": ["Responsible", "responsible <AI>"],
                "explanation": "Responsible.",
            },
            {
                "id": "order",
                "type": "order",
                "prompt": "Order.",
                "items": {"A": "first", "B": "second"},
                "answer": ["A", "B"],
                "explanation": "A then B.",
            },
            {
                "id": "pairs",
                "type": "match",
                "points": 3,
                "prompt": "Match.",
                "premises": {"1": "one", "2": "two", "3": "three"},
                "responses": {"A": "un", "B": "deux", "C": "trois", "D": "quatre"},
                "answer": {"1": "A", "2": "B", "3": "C"},
                "explanation": "French.",
            },
        ],
    }
)


def parse(document: bytes) -> ElementTree.Element:
    """Parse XML this package wrote itself (trusted, so the stdlib parser is fine)."""
    return ElementTree.fromstring(document)  # noqa: S314


@pytest.fixture(scope="module")
def items() -> dict[str, ElementTree.Element]:
    root = parse(quiz_to_qti(EVERY_TYPE).assessment)
    return {item.get("title"): item for item in root.iterfind(".//q:item", NS)}


def metadata(item: ElementTree.Element) -> dict[str, str]:
    fields = item.iterfind("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", NS)
    return {f.findtext("q:fieldlabel", "", NS): f.findtext("q:fieldentry", "", NS) for f in fields}


def scoring_conditions(item: ElementTree.Element) -> list[ElementTree.Element]:
    """The respconditions that set or add SCORE (not the one that shows the explanation)."""
    return [
        condition
        for condition in item.iterfind("q:resprocessing/q:respcondition", NS)
        if condition.find("q:setvar", NS) is not None
    ]


def test_every_type_has_canvas_question_type_and_points(items) -> None:
    assert {title: metadata(item) for title, item in items.items()} == {
        "single": {"question_type": "multiple_choice_question", "points_possible": "2.0"},
        "tf": {"question_type": "true_false_question", "points_possible": "1.0"},
        "many": {"question_type": "multiple_answers_question", "points_possible": "1.0"},
        "num": {"question_type": "numerical_question", "points_possible": "1.5"},
        "words": {"question_type": "short_answer_question", "points_possible": "1.0"},
        "pairs": {
            "question_type": "matching_question",
            "points_possible": "3.0",
            "original_answer_ids": "1,2,3",
        },
    }


def test_order_is_left_out_and_named() -> None:
    assert quiz_to_qti(EVERY_TYPE).skipped == ("order",)


def test_single_choice_shape(items) -> None:
    response = items["single"].find("q:presentation/q:response_lid", NS)
    assert response.get("rcardinality") == "Single"
    labels = response.findall("q:render_choice/q:response_label", NS)
    assert [label.get("ident") for label in labels] == ["A", "B"]
    (condition,) = scoring_conditions(items["single"])
    assert condition.findtext("q:conditionvar/q:varequal", None, NS) == "B"
    assert condition.find("q:setvar", NS).attrib == {"action": "Set", "varname": "SCORE"}
    assert condition.findtext("q:setvar", None, NS) == "100"


def test_markdown_becomes_escaped_html_and_raw_html_stays_text(items) -> None:
    prompt = items["single"].findtext("q:presentation/q:material/q:mattext", None, NS)
    assert prompt == "<p>Pick &lt;b&gt;one&lt;/b&gt; &amp; only one: <code>x &lt; y</code>?</p>"
    choice = items["single"].findtext(".//q:response_label[@ident='A']//q:mattext", None, NS)
    assert "<script>" not in choice
    assert "&lt;script&gt;" in choice
    feedback = items["single"].findtext("q:itemfeedback/q:flow_mat/q:material/q:mattext", None, NS)
    assert feedback == "<p>Because <strong>B</strong>.</p>"


def test_multiple_answers_shape(items) -> None:
    response = items["many"].find("q:presentation/q:response_lid", NS)
    assert response.get("rcardinality") == "Multiple"
    (condition,) = scoring_conditions(items["many"])
    both = condition.find("q:conditionvar/q:and", NS)
    assert [v.text for v in both.findall("q:varequal", NS)] == ["A", "C"]
    assert [v.text for v in both.findall("q:not/q:varequal", NS)] == ["B"]


def test_numeric_tolerance_is_a_range(items) -> None:
    assert items["num"].find(".//q:render_fib", NS).get("fibtype") == "Decimal"
    (condition,) = scoring_conditions(items["num"])
    either = condition.find("q:conditionvar/q:or", NS)
    assert either.findtext("q:varequal", None, NS) == "0.3"
    assert either.findtext("q:and/q:vargte", None, NS) == "0.2"
    assert either.findtext("q:and/q:varlte", None, NS) == "0.4"


def test_short_answer_has_one_condition_per_accepted_answer(items) -> None:
    assert items["words"].find("q:presentation/q:response_str/q:render_fib", NS) is not None
    conditions = scoring_conditions(items["words"])
    answers = [condition.findall("q:conditionvar/q:varequal", NS) for condition in conditions]
    assert [[(v.text, v.get("case")) for v in each] for each in answers] == [
        [("Responsible", "No")],
        [("responsible <AI>", "No")],
    ]
    assert all(condition.findtext("q:setvar", None, NS) == "100" for condition in conditions)


def test_matching_has_one_response_per_premise_each_offering_every_response(items) -> None:
    responses = items["pairs"].findall("q:presentation/q:response_lid", NS)
    assert [r.get("ident") for r in responses] == ["response_1", "response_2", "response_3"]
    assert metadata(items["pairs"])["original_answer_ids"] == "1,2,3"
    assert [r.findtext("q:material/q:mattext", None, NS) for r in responses] == [
        "one",
        "two",
        "three",
    ]
    for response in responses:
        offered = response.findall("q:render_choice/q:response_label", NS)
        assert [label.get("ident") for label in offered] == ["4", "5", "6", "7"]
    conditions = scoring_conditions(items["pairs"])
    assert [c.findtext("q:setvar", None, NS) for c in conditions] == ["33.33"] * 3
    assert {c.find("q:setvar", NS).get("action") for c in conditions} == {"Add"}


def key_from_xml(item: ElementTree.Element):
    """Read the right response(s) back from an item, in the form the quiz key has."""
    question_type = metadata(item)["question_type"]
    conditions = scoring_conditions(item)
    if question_type == "matching_question":
        texts = {
            element.get("ident"): element.findtext("q:material/q:mattext", None, NS)
            for element in item.iterfind(".//q:response_lid", NS)
        }
        texts |= {
            label.get("ident"): label.findtext("q:material/q:mattext", None, NS)
            for label in item.iterfind(".//q:response_label", NS)
        }
        return {
            texts[c.find("q:conditionvar/q:varequal", NS).get("respident")]: texts[
                c.findtext("q:conditionvar/q:varequal", None, NS)
            ]
            for c in conditions
        }
    if question_type == "short_answer_question":
        return [c.findtext("q:conditionvar/q:varequal", None, NS) for c in conditions]
    (condition,) = conditions
    variables = condition.find("q:conditionvar", NS)
    if question_type == "multiple_answers_question":
        return sorted(v.text for v in variables.findall("q:and/q:varequal", NS))
    if question_type == "numerical_question":
        low = Decimal(variables.findtext("q:or/q:and/q:vargte", None, NS))
        high = Decimal(variables.findtext("q:or/q:and/q:varlte", None, NS))
        return (float((low + high) / 2), float((high - low) / 2))
    if question_type == "true_false_question":
        return variables.findtext("q:varequal", None, NS) == "true"
    return variables.findtext("q:varequal", None, NS)


def key_from_quiz(question):
    if question.type == "multiple":
        return sorted(question.answer)
    if question.type == "numeric":
        return (question.answer, question.tolerance)
    if question.type == "match":
        return {question.premises[p]: question.responses[r] for p, r in question.answer.items()}
    return question.answer


@pytest.mark.parametrize("quiz_id", sorted(load_quizzes(QUIZZES)))
def test_every_exported_item_carries_the_quiz_key(quiz_id: str) -> None:
    quiz = load_quizzes(QUIZZES)[quiz_id]
    exported = quiz_to_qti(quiz)
    root = parse(exported.assessment)
    items = root.findall(".//q:item", NS)
    assert [item.get("title") for item in items] == [
        q.id for q in quiz.questions if q.id not in exported.skipped
    ]
    for item in items:
        question = quiz.question(item.get("title"))
        assert key_from_xml(item) == key_from_quiz(question), question.id
    assert all(quiz.question(q).type == "order" for q in exported.skipped)


def test_every_type_round_trips_its_key(items) -> None:
    for title, item in items.items():
        assert key_from_xml(item) == key_from_quiz(EVERY_TYPE.question(title)), title


def test_package_holds_a_manifest_naming_the_assessment(tmp_path: Path) -> None:
    path = tmp_path / "quiz.zip"
    exported = quiz_to_qti(EVERY_TYPE)
    write_qti_package(exported, path)
    with zipfile.ZipFile(path) as package:
        assert sorted(package.namelist()) == [
            "caio_every-type/assessment_meta.xml",
            "caio_every-type/caio_every-type.xml",
            "imsmanifest.xml",
        ]
        manifest = parse(package.read("imsmanifest.xml"))
        assessment = parse(package.read("caio_every-type/caio_every-type.xml"))
    resource = manifest.find("m:resources/m:resource", MANIFEST_NS)
    assert resource.get("type") == "imsqti_xmlv1p2"
    assert resource.find("m:file", MANIFEST_NS).get("href") == (
        "caio_every-type/caio_every-type.xml"
    )
    title = assessment.find("q:assessment", NS).get("title")
    assert title == "Every <type> & more"
    again = tmp_path / "again.zip"
    write_qti_package(quiz_to_qti(EVERY_TYPE), again)
    assert again.read_bytes() == path.read_bytes()


def test_export_qti_command_writes_the_package_and_names_left_out_questions(
    tmp_path: Path,
) -> None:
    register(app)
    output = tmp_path / "responsibilities.zip"
    result = CliRunner().invoke(
        app, ["export-qti", "caio-responsibilities", "-o", str(output), "-q", str(QUIZZES)]
    )
    assert result.exit_code == 0, result.output
    assert "left out (no QTI 1.2 form): q6" in result.stderr
    with zipfile.ZipFile(output) as package:
        assert "imsmanifest.xml" in package.namelist()
    missing = CliRunner().invoke(app, ["export-qti", "nope", "-o", str(output), "-q", str(QUIZZES)])
    assert missing.exit_code == 2
    assert "no quiz 'nope'" in missing.stderr
