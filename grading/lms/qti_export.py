"""Exporting a quiz as an IMS QTI 1.2 content package: the zip Canvas imports as a quiz.

The package holds ``imsmanifest.xml``, naming one resource of type ``imsqti_xmlv1p2``, and the
assessment ``<ident>/<ident>.xml`` with one ``<item>`` per question (see
:mod:`grading.lms.qti_items`). Every XML document is built with ElementTree, which escapes all
text and attributes. ``order`` questions have no QTI 1.2 form Canvas imports; they are left out
and named in :attr:`QtiExport.skipped`, as the GIFT exporter does. Zip entries carry a fixed
date, so exporting the same quiz twice gives the same bytes.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from grading.lms.qti_items import question_item
from grading.quiz.model import Quiz

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
MANIFEST = "imsmanifest.xml"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class QtiExport:
    """The package's documents (UTF-8 XML) and the questions QTI 1.2 cannot carry."""

    ident: str
    """Identifier of the assessment; also its folder and file name in the package."""
    assessment: bytes
    manifest: bytes
    skipped: tuple[str, ...]

    @property
    def assessment_path(self) -> str:
        return _assessment_path(self.ident)


def quiz_to_qti(quiz: Quiz) -> QtiExport:
    """The QTI 1.2 assessment and manifest for ``quiz``."""
    ident = quiz.id
    root = Element("questestinterop", xmlns=QTI_NAMESPACE)
    assessment = SubElement(root, "assessment", ident=ident, title=" ".join(quiz.title.split()))
    section = SubElement(assessment, "section", ident="root_section")
    skipped = []
    for question in quiz.questions:
        item = question_item(question, f"{ident}-{question.id}")
        if item is None:
            skipped.append(question.id)
        else:
            section.append(item)
    return QtiExport(
        ident=ident,
        assessment=_xml(root),
        manifest=_manifest(ident, _assessment_path(ident)),
        skipped=tuple(skipped),
    )


def write_qti_package(export: QtiExport, path: Path) -> None:
    """Write the content package zip to ``path``."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        documents = {MANIFEST: export.manifest, export.assessment_path: export.assessment}
        for name, data in documents.items():
            entry = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            package.writestr(entry, data, zipfile.ZIP_DEFLATED)


def _assessment_path(ident: str) -> str:
    return f"{ident}/{ident}.xml"


def _manifest(ident: str, assessment_path: str) -> bytes:
    manifest = Element("manifest", identifier=f"{ident}-manifest", xmlns=MANIFEST_NAMESPACE)
    metadata = SubElement(manifest, "metadata")
    SubElement(metadata, "schema").text = "IMS Content"
    SubElement(metadata, "schemaversion").text = "1.1.3"
    SubElement(manifest, "organizations")
    resources = SubElement(manifest, "resources")
    resource = SubElement(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
    SubElement(resource, "file", href=assessment_path)
    return _xml(manifest)


def _xml(root: Element) -> bytes:
    indent(root)
    return tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
