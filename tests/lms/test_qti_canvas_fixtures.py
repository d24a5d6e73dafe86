"""The QTI package compared element by element with fixtures modelled on Canvas's exporter.

The settings file and manifest follow what Canvas's exporter writes; so does every item type
the exporter writes (``order`` has no QTI form and is left out by design), except where each
fixture's comment says how it differs: the short-answer and matching items where we chose the
stricter QTI reading (one ``respcondition`` per accepted short answer with ``case="No"``, as
issue 10 requires; ``rcardinality``/``continue`` on matching), and the choice items, whose
choice idents are our labels where Canvas writes numeric answer ids.

Also: identifiers are valid ``xs:ID`` values even for a quiz id that starts with a digit, a
graded quiz is an ``assignment`` and a practice quiz a ``practice_quiz``, with the points and
the description Canvas shows.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from grading.lms.qti_export import quiz_to_qti, write_qti_package
from grading.quiz.model import Quiz
from tests.lms.test_qti_export import EVERY_TYPE, NS, parse

FIXTURES = Path(__file__).with_name("fixtures") / "qti"
CANVAS = {"c": "http://canvas.instructure.com/xsd/cccv1p0"}
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")


def assert_same_tree(actual: ElementTree.Element, expected: ElementTree.Element, path="") -> None:
    """Tag, attributes, text and children equal, naming the first element that differs."""
    where = f"{path}/{expected.tag}"
    assert actual.tag == expected.tag, where
    assert actual.attrib == expected.attrib, where
    assert (actual.text or "").strip() == (expected.text or "").strip(), where
    assert [child.tag for child in actual] == [child.tag for child in expected], where
    for actual_child, expected_child in zip(actual, expected, strict=True):
        assert_same_tree(actual_child, expected_child, where)


def fixture(name: str) -> ElementTree.Element:
    return parse((FIXTURES / name).read_bytes())


def test_assessment_meta_and_manifest_match_canvas_shaped_fixtures() -> None:
    exported = quiz_to_qti(EVERY_TYPE)
    assert_same_tree(parse(exported.meta), fixture("every-type.assessment_meta.xml"))
    assert_same_tree(parse(exported.manifest), fixture("every-type.imsmanifest.xml"))


@pytest.mark.parametrize("title", ["single", "tf", "many", "num", "words", "pairs"])
def test_every_item_type_matches_its_canvas_shaped_fixture(title: str) -> None:
    root = parse(quiz_to_qti(EVERY_TYPE).assessment)
    (item,) = [item for item in root.iterfind(".//q:item", NS) if item.get("title") == title]
    assert_same_tree(item, fixture(f"every-type.item-{title}.xml"))


def test_every_exported_item_type_has_a_fixture() -> None:
    root = parse(quiz_to_qti(EVERY_TYPE).assessment)
    types = {item.get("title"): item for item in root.iterfind(".//q:item", NS)}
    fixtures = {
        path.name.removeprefix("every-type.item-").removesuffix(".xml")
        for path in FIXTURES.glob("every-type.item-*.xml")
    }
    assert set(types) == fixtures
    assert {question.type for question in EVERY_TYPE.questions if question.id in types} == {
        "single",
        "true_false",
        "multiple",
        "numeric",
        "text",
        "match",
    }


def test_package_holds_the_settings_file_the_manifest_depends_on(tmp_path: Path) -> None:
    path = tmp_path / "quiz.zip"
    write_qti_package(quiz_to_qti(EVERY_TYPE), path)
    with zipfile.ZipFile(path) as package:
        manifest = parse(package.read("imsmanifest.xml"))
        meta = parse(package.read("caio_every-type/assessment_meta.xml"))
    namespace = {"m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    resources = {r.get("identifier"): r for r in manifest.iterfind(".//m:resource", namespace)}
    dependency = resources["caio_every-type"].find("m:dependency", namespace)
    settings = resources[dependency.get("identifierref")]
    assert settings.find("m:file", namespace).get("href") == "caio_every-type/assessment_meta.xml"
    assert meta.findtext("c:quiz_type", None, CANVAS) == "assignment"


def quiz(mode: str, quiz_id: str = "2024-week-1") -> Quiz:
    return Quiz.model_validate(
        {
            "id": quiz_id,
            "title": "Week 1",
            "mode": mode,
            "intro": "Read *chapter 1* first.",
            "questions": [
                {
                    "id": "q1",
                    "type": "true_false",
                    "points": 2,
                    "prompt": "Yes?",
                    "answer": True,
                    "explanation": "Yes.",
                },
                {
                    "id": "q2",
                    "type": "text",
                    "points": 0.5,
                    "prompt": "Say it.",
                    "answer": ["it"],
                    "explanation": "It.",
                },
            ],
        }
    )


@pytest.mark.parametrize(
    ("mode", "quiz_type"), [("graded", "assignment"), ("practice", "practice_quiz")]
)
def test_quiz_type_points_title_and_description(mode: str, quiz_type: str) -> None:
    meta = parse(quiz_to_qti(quiz(mode)).meta)
    assert meta.findtext("c:quiz_type", None, CANVAS) == quiz_type
    assert meta.findtext("c:points_possible", None, CANVAS) == "2.5"
    assert meta.findtext("c:title", None, CANVAS) == "Week 1"
    assert meta.findtext("c:description", None, CANVAS) == "<p>Read <em>chapter 1</em> first.</p>"
    assert (meta.find("c:assignment", CANVAS) is not None) == (mode == "graded")


def test_every_identifier_is_a_valid_xs_id_even_for_a_quiz_id_starting_with_a_digit() -> None:
    exported = quiz_to_qti(quiz("graded"))
    identifiers = [
        element.get(attribute)
        for document in (exported.assessment, exported.manifest, exported.meta)
        for element in parse(document).iter()
        for attribute in ("ident", "identifier", "identifierref")
        if element.get(attribute) is not None
        and element.tag.rsplit("}", 1)[-1]
        in ("assessment", "item", "resource", "dependency", "quiz", "assignment", "manifest")
    ]
    assert identifiers
    assert all(NCNAME.match(identifier) for identifier in identifiers), identifiers
