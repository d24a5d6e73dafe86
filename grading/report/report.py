"""``caio report OUT``: item analysis of results.json into report.html, and mastery pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grading.atomic_write import write_all_atomically
from grading.messages import SOURCE_LANGUAGE
from grading.quiz.loading import find_quiz
from grading.quiz.model import Quiz
from grading.quiz.public import quiz_version
from grading.report.item_analysis import QuizAnalysis, analyse_quiz
from grading.report.mastery import cohort_mastery, learner_mastery, section_pages
from grading.report.objectives_feedback import learner_languages, objectives_pages
from grading.report.report_html import report_html
from grading.results.feedback_layout import FEEDBACK_FOLDER
from grading.results.read_json import load_results

REPORT_FILE = "report.html"


@dataclass(frozen=True)
class ReportOutcome:
    """What ``write_report`` produced."""

    report: Path
    analyses: tuple[QuizAnalysis, ...]
    objective_pages: tuple[Path, ...]


def write_report(
    out: Path,
    *,
    quizzes_dir: Path,
    book_dir: Path,
    book_url: str = "",
    lang: str = SOURCE_LANGUAGE,
) -> ReportOutcome:
    """Analyse ``out/results.json``; write ``report.html`` and ``feedback/_objectives/*.md``.

    The quiz files add option texts and the key for option counts; a quiz missing from
    ``quizzes_dir`` is still analysed, without option counts. ``report.html`` is for the
    instructor, so it is in ``lang``; each learner's page is in that learner's edition.
    """
    results = load_results(out / "results.json")
    analyses = tuple(
        analyse_quiz(results, quiz_id, _quiz_or_none(quizzes_dir, quiz_id))
        for quiz_id in sorted(results.quizzes)
    )
    per_learner = learner_mastery(results)
    report = out / REPORT_FILE
    html = report_html(list(analyses), cohort_mastery(per_learner), results.not_graded, lang)
    languages = learner_languages(results)
    pages = objectives_pages(
        out / FEEDBACK_FOLDER, per_learner, section_pages(book_dir), book_url, languages
    )
    write_all_atomically({report: html.encode("utf-8"), **pages})
    return ReportOutcome(report=report, analyses=analyses, objective_pages=tuple(pages))


def _quiz_or_none(quizzes_dir: Path, quiz_id: str) -> Quiz | None:
    path = quizzes_dir / f"{quiz_id}.yml"
    return find_quiz(quizzes_dir, quiz_id) if path.is_file() else None


def changed_quiz_versions(out: Path, quizzes: Path) -> list[str]:
    """Quizzes whose file now differs from the version graded: the report may not match them."""
    changed = []
    for quiz_id, graded in sorted(load_results(out / "results.json").quizzes.items()):
        if not (quizzes / f"{quiz_id}.yml").is_file():
            continue
        current = quiz_version(find_quiz(quizzes, quiz_id))
        if current != graded.version:
            changed.append(
                f"quiz {quiz_id} is now version {current}, results.json was graded with "
                f"{graded.version}; option counts use the current file"
            )
    return changed
