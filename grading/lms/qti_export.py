"""Exporting a quiz as an IMS QTI 1.2 content package: the zip Canvas imports as a quiz.

The package is laid out as Canvas's own QTI export (``CC::QTI::QTIGenerator``) lays it out:

* ``<ident>/<ident>.xml``: the assessment, one ``<item>`` per question
  (:mod:`grading.lms.qti_items`);
* ``<ident>/assessment_meta.xml``: Canvas's quiz settings in its ``cccv1p0`` namespace: title,
  description (the quiz intro as HTML), ``quiz_type`` (``assignment`` for a graded quiz, so it
  gets a gradebook column; ``practice_quiz`` for a practice one), ``points_possible`` and, for a
  graded quiz, the ``<assignment>`` it belongs to;
* ``imsmanifest.xml``: one ``imsqti_xmlv1p2`` resource for the assessment with a
  ``dependency`` on a second resource that holds the settings file.

Identifiers must be valid ``xs:ID`` values (a name that starts with a letter or ``_``), and a
quiz id may start with a digit, so every identifier is prefixed with ``caio_``. Every XML
document is built with ElementTree, which escapes all text and attributes. ``order`` questions
have no QTI 1.2 form Canvas imports; they are left out and named in :attr:`QtiExport.skipped`.
Zip entries carry a fixed date, so exporting the same quiz twice gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from markdown_it import MarkdownIt

from grading.atomic_write import write_atomically
from grading.lms.qti_items import question_item
from grading.quiz.model import Quiz, QuizMode

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NAMESPACE = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_SCHEMA = "https://canvas.instructure.com/xsd/cccv1p0.xsd"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
LEARNING_APPLICATION_RESOURCE = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
MANIFEST = "imsmanifest.xml"
ASSESSMENT_META = "assessment_meta.xml"
IDENT_PREFIX = "caio_"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
QUIZ_TYPES = {QuizMode.graded: "assignment", QuizMode.practice: "practice_quiz"}

_MARKDOWN = MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class QtiExport:
    """The package's documents (UTF-8 XML) and the questions QTI 1.2 cannot carry."""

    ident: str
    """Identifier of the assessment; also its folder and file name in the package."""
    assessment: bytes
    meta: bytes
    manifest: bytes
    skipped: tuple[str, ...]

    @property
    def assessment_path(self) -> str:
        return f"{self.ident}/{self.ident}.xml"

    @property
    def meta_path(self) -> str:
        return f"{self.ident}/{ASSESSMENT_META}"


def quiz_to_qti(quiz: Quiz) -> QtiExport:
    """The QTI 1.2 assessment, Canvas's settings file and the manifest for ``quiz``."""
    ident = IDENT_PREFIX + quiz.id
    title = " ".join(quiz.title.split())
    root = Element("questestinterop", xmlns=QTI_NAMESPACE)
    assessment = SubElement(root, "assessment", ident=ident, title=title)
    section = SubElement(assessment, "section", ident="root_section")
    skipped = []
    points = Fraction(0)
    for question in quiz.questions:
        item = question_item(question, f"{ident}_{question.id}")
        if item is None:
            skipped.append(question.id)
        else:
            section.append(item)
            points += Fraction(str(question.points))
    return QtiExport(
        ident=ident,
        assessment=_xml(root),
        meta=_assessment_meta(quiz, ident, title, float(points)),
        manifest=_manifest(ident),
        skipped=tuple(skipped),
    )


def write_qti_package(export: QtiExport, path: Path) -> None:
    """Write the content package zip to ``path`` (whole or not at all)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        documents = {
            MANIFEST: export.manifest,
            export.assessment_path: export.assessment,
            export.meta_path: export.meta,
        }
        for name, data in documents.items():
            entry = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            package.writestr(entry, data, zipfile.ZIP_DEFLATED)
    write_atomically(path, buffer.getvalue())


def _assessment_meta(quiz: Quiz, ident: str, title: str, points: float) -> bytes:
    """Canvas's ``assessment_meta.xml``, with the fields its own export writes that apply."""
    root = Element(
        "quiz",
        {
            "identifier": ident,
            "xmlns": CANVAS_NAMESPACE,
            "xmlns:xsi": XSI_NAMESPACE,
            "xsi:schemaLocation": f"{CANVAS_NAMESPACE} {CANVAS_SCHEMA}",
        },
    )
    quiz_type = QUIZ_TYPES[quiz.mode]
    fields = {
        "title": title,
        "description": _MARKDOWN.render(quiz.intro or "").strip(),
        "shuffle_answers": "false",
        "scoring_policy": "keep_highest",
        "hide_results": "",
        "quiz_type": quiz_type,
        "points_possible": repr(points),
        "show_correct_answers": "true",
        "allowed_attempts": "1" if quiz.mode is QuizMode.graded else "-1",
        "one_question_at_a_time": "false",
        "cant_go_back": "false",
        "available": "false",
    }
    for name, text in fields.items():
        SubElement(root, name).text = text
    if quiz_type == "assignment":
        assignment = SubElement(root, "assignment", identifier=f"{ident}_assignment")
        for name, text in {
            "title": title,
            "workflow_state": "unpublished",
            "points_possible": repr(points),
            "grading_type": "points",
            "submission_types": "online_quiz",
            "quiz_identifierref": ident,
        }.items():
            SubElement(assignment, name).text = text
    return _xml(root)


def _manifest(ident: str) -> bytes:
    meta_ident = f"{ident}_meta"
    manifest = Element("manifest", identifier=f"{ident}_manifest", xmlns=MANIFEST_NAMESPACE)
    metadata = SubElement(manifest, "metadata")
    SubElement(metadata, "schema").text = "IMS Content"
    SubElement(metadata, "schemaversion").text = "1.1.3"
    SubElement(manifest, "organizations")
    resources = SubElement(manifest, "resources")
    resource = SubElement(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
    SubElement(resource, "file", href=f"{ident}/{ident}.xml")
    SubElement(resource, "dependency", identifierref=meta_ident)
    meta_path = f"{ident}/{ASSESSMENT_META}"
    meta = SubElement(
        resources,
        "resource",
        identifier=meta_ident,
        type=LEARNING_APPLICATION_RESOURCE,
        href=meta_path,
    )
    SubElement(meta, "file", href=meta_path)
    return _xml(manifest)


def _xml(root: Element) -> bytes:
    indent(root)
    return tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
