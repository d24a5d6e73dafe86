"""``caio report --lang``: the instructor's page in English, German or Vietnamese.

Learners' pages do not follow ``--lang``: each stays in the learner's own edition.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.report.report import write_report
from tests.report.conftest import ROWS, write_cohort

# In the conftest cohort nobody picks C in q1, and q2 discriminates negatively: both flagged.
TRANSLATED = {
    "de": (
        "<h1>Itemanalyse</h1>",
        "<tr><th>Frage</th><th>Typ</th><th>max.</th><th>Mittelwert</th>"
        "<th>Schwierigkeitsindex</th><th>Trennschärfe (korr.)</th>"
        "<th>Extremgruppen-Index</th><th>Auffälligkeiten</th></tr>",
        "Distraktor C wurde von niemandem gewählt",
        "negative Trennschärfe: Leistungsstärkere schnitten bei dieser Frage schlechter ab",
        "4 Lernende. Cronbachs Alpha: <strong>-1.88</strong>",
        "<h2>Lernstand je Lernziel</h2>",
    ),
    "vi": (
        "<h1>Phân tích câu hỏi</h1>",
        "<tr><th>câu hỏi</th><th>loại</th><th>tối đa</th><th>trung bình</th>"
        "<th>độ khó</th><th>độ phân biệt r</th><th>chỉ số nhóm trên \N{EN DASH} dưới</th>"
        "<th>cảnh báo</th></tr>",
        "không học viên nào chọn phương án nhiễu C",
        "độ phân biệt âm: học viên giỏi hơn lại làm câu này kém hơn",
        "4 học viên. Hệ số alpha của Cronbach: <strong>-1.88</strong>",
        "<h2>Mức độ nắm vững theo mục tiêu học tập</h2>",
    ),
}
ENGLISH = (
    '<html lang="en">',
    "<title>Item analysis</title>",
    "<h1>Item analysis</h1>",
    "<tr><th>question</th><th>type</th><th>max</th><th>mean</th><th>difficulty</th>"
    "<th>item-rest r</th><th>upper-lower</th><th>flags</th></tr>",
    "distractor C chosen by nobody",
    "negative discrimination: stronger learners did worse on it",
    "4 learners. Cronbach&#x27;s alpha: <strong>-1.88</strong>",
    "<h3>q1: options chosen</h3><table><tr><th>option</th><th>text</th><th>chosen by</th></tr>",
    "<h2>Mastery per objective</h2>",
)


def _report(out: Path, quizzes: Path, lang: str) -> str:
    write_report(out, quizzes_dir=quizzes, book_dir=out / "no-book", lang=lang)
    return (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", sorted(TRANSLATED))
def test_report_speaks_the_language_asked_for(cohort: tuple[Path, Path], lang: str) -> None:
    html = _report(*cohort, lang)
    assert f'<html lang="{lang}">' in html
    for text in TRANSLATED[lang]:
        assert text in html
    for english in ("Item analysis", "chosen by nobody", "learners.", "Mastery per objective"):
        assert english not in html


def test_english_report_says_what_it_always_said(cohort: tuple[Path, Path]) -> None:
    html = _report(*cohort, "en")
    for text in ENGLISH:
        assert text in html


def test_undefined_and_missing_quiz_file_are_said_in_the_language(
    make_cohort, tmp_path: Path
) -> None:
    out, _ = make_cohort({"solo": "ben"})
    html = _report(out, tmp_path / "no-quizzes", "de")
    assert "Cronbachs Alpha: <strong>nicht bestimmbar</strong>" in html
    assert "Quizdatei nicht gefunden: Die Häufigkeiten der Antwortoptionen fehlen." in html


def test_learner_pages_keep_their_own_edition(tmp_path: Path) -> None:
    out, quizzes = write_cohort(tmp_path, dict(ROWS), languages={"dan": "vi"})
    _report(out, quizzes, "de")
    cat = (out / "feedback" / "_objectives" / "cat.md").read_text(encoding="utf-8")
    assert cat.startswith("# Your mastery per learning objective\n")
    dan = (out / "feedback" / "_objectives" / "dan.md").read_text(encoding="utf-8")
    assert dan.startswith("# Mức độ nắm vững")


def test_report_command_lang_option(cohort: tuple[Path, Path], tmp_path: Path) -> None:
    register(app)
    out, quizzes = cohort
    arguments = ["report", str(out), "--quizzes", str(quizzes), "--book", str(tmp_path / "b")]
    german = CliRunner().invoke(app, [*arguments, "--lang", "de"])
    assert german.exit_code == 0, german.output
    assert "<h1>Itemanalyse</h1>" in (out / "report.html").read_text(encoding="utf-8")
    english = CliRunner().invoke(app, arguments)
    assert english.exit_code == 0, english.output
    assert "<h1>Item analysis</h1>" in (out / "report.html").read_text(encoding="utf-8")


def test_report_command_refuses_an_unknown_language(cohort: tuple[Path, Path]) -> None:
    register(app)
    out, _ = cohort
    before = (out / "results.json").read_bytes()
    result = CliRunner().invoke(app, ["report", str(out), "--lang", "xx"])
    assert result.exit_code == 2
    assert "Invalid value for '--lang'" in result.output
    assert "'xx' is not one of" in result.output
    assert not (out / "report.html").exists()
    assert (out / "results.json").read_bytes() == before
