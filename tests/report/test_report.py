"""``caio report``: the HTML page, the mastery numbers and each learner's objectives page."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.report.mastery import cohort_mastery, learner_mastery
from grading.report.report import write_report
from grading.results.read_json import ResultsFileError, load_results
from tests.report.conftest import ROWS, write_cohort


def test_mastery_per_learner_and_cohort(cohort: tuple[Path, Path]) -> None:
    per_learner = learner_mastery(load_results(cohort[0]))
    shares = {
        learner: {m.objective: m.proportion for m in masteries}
        for learner, masteries in per_learner.items()
    }
    # o1 = q1 + q2 (2 points), o2 = q2 + q3 (3 points)
    assert shares["ann"] == pytest.approx({"o1": 1 / 2, "o2": 2 / 3})  # (1+0)/2, (0+2)/3
    assert shares["cat"] == pytest.approx({"o1": 1.0, "o2": 1 / 3})  # (1+1)/2, (1+0)/3
    cohort_shares = cohort_mastery(per_learner)
    assert cohort_shares["o1"] == pytest.approx(0.625)  # (.5+.5+1+.5)/4
    assert cohort_shares["o2"] == pytest.approx(5 / 12)  # (2/3+1/3+1/3+1/3)/4


def test_report_is_one_self_contained_escaped_page(cohort: tuple[Path, Path], tmp_path) -> None:
    out, quizzes = cohort
    outcome = write_report(out, quizzes_dir=quizzes, book_dir=tmp_path / "no-book")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert outcome.report == out / "report.html"
    assert "<svg" in html  # the histogram is inline
    assert "A &lt;toy&gt; quiz" in html
    assert "<toy>" not in html
    assert "src=" not in html
    assert "<link" not in html
    assert "Cronbach&#x27;s alpha: <strong>-1.88</strong>" in html
    assert "distractor C chosen by nobody" in html
    assert "minus that item" in html


def test_objectives_page_links_missed_sections_to_the_book(cohort, tmp_path: Path) -> None:
    out, quizzes = cohort
    book = tmp_path / "book"
    book.mkdir()
    (book / "02-two.md").write_text("# Two\n\n(sec-two)=\n## Section two\n", encoding="utf-8")
    write_report(out, quizzes_dir=quizzes, book_dir=book, book_url="https://course.example/")
    page = (out / "feedback" / "_objectives" / "ann.md").read_text(encoding="utf-8")
    assert "| o1 | 50 % | [sec-two](https://course.example/en/book/02-two.html#sec-two) |" in page
    assert "| o2 | 67 % |" in page
    cat = (out / "feedback" / "_objectives" / "cat.md").read_text(encoding="utf-8")
    assert "| o1 | 100 % | nothing: full points |" in cat
    assert "section `sec-three`" in cat  # no book page defines it: named, not linked


def test_objectives_page_speaks_the_learners_edition(tmp_path: Path) -> None:
    """A learner who answered the German edition gets the page in German, linked to it."""
    out, quizzes = write_cohort(tmp_path, dict(ROWS), languages={"ann": "de", "dan": "vi"})
    book = tmp_path / "book"
    book.mkdir()
    (book / "02-two.md").write_text("# Two\n\n(sec-two)=\n## Section two\n", encoding="utf-8")
    write_report(out, quizzes_dir=quizzes, book_dir=book, book_url="https://course.example/")
    ann = (out / "feedback" / "_objectives" / "ann.md").read_text(encoding="utf-8")
    assert ann.startswith("# Ihr Stand je Lernziel\n")
    assert "[sec-two](https://course.example/de/book/02-two.html#sec-two)" in ann
    dan = (out / "feedback" / "_objectives" / "dan.md").read_text(encoding="utf-8")
    assert dan.startswith("# Mức độ nắm vững")
    cat = (out / "feedback" / "_objectives" / "cat.md").read_text(encoding="utf-8")
    assert cat.startswith("# Your mastery per learning objective\n")


def test_one_learner_report_says_undefined(make_cohort, tmp_path: Path) -> None:
    out, quizzes = make_cohort({"solo": "ben"})
    write_report(out, quizzes_dir=quizzes, book_dir=tmp_path / "none")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "KR-20" not in html or "undefined" in html
    assert "undefined" in html


def test_report_without_quiz_files_leaves_out_option_counts(cohort, tmp_path: Path) -> None:
    out, _ = cohort
    write_report(out, quizzes_dir=tmp_path / "empty", book_dir=tmp_path / "none")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "option counts are left out" in html
    assert "options chosen" not in html


def test_missing_results_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ResultsFileError, match="run caio grade first"):
        load_results(tmp_path)


def test_report_command(cohort: tuple[Path, Path], tmp_path: Path) -> None:
    register(app)
    out, quizzes = cohort
    result = CliRunner().invoke(
        app, ["report", str(out), "--quizzes", str(quizzes), "--book", str(tmp_path / "b")]
    )
    assert result.exit_code == 0, result.output
    assert "1 quizzes analysed, 3 questions flagged" in result.output
    assert (out / "report.html").is_file()
    missing = CliRunner().invoke(app, ["report", str(tmp_path / "nothing")])
    assert missing.exit_code == 2
    assert "run caio grade first" in missing.output
