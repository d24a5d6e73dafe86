"""``feedback/_objectives/<learner>.md``: each learner's own mastery per learning objective.

The folder sits beside the per-quiz folders of feedback pages ``caio grade`` writes
(:mod:`grading.results.feedback_layout`). Each objective links to the book sections of the
questions missed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from grading.messages import SOURCE_LANGUAGE, message
from grading.report.mastery import ObjectiveMastery, section_url
from grading.results.feedback_layout import OBJECTIVES_FOLDER, page_name
from grading.results.read_json import GradedResults
from grading.results.safe_text import code_span


def objectives_markdown(
    learner: str,
    masteries: list[ObjectiveMastery],
    pages: dict[str, str],
    book_url: str,
    lang: str = SOURCE_LANGUAGE,
) -> str:
    """The page of one learner, in their edition's language: a table of objectives and what
    to reread, linked to that edition of the book."""
    lines = [
        f"# {message(lang, 'objectives.title')}",
        "",
        f"{message(lang, 'objectives.learner')}: {code_span(learner)}",
        "",
        message(lang, "objectives.columns"),
        "| --- | --- | --- |",
    ]
    for mastery in masteries:
        links = [_link(label, pages, book_url, lang) for label in mastery.sections]
        reread = ", ".join(links) if links else message(lang, "objectives.full_points")
        lines.append(f"| {mastery.objective} | {100 * mastery.proportion:.0f} % | {reread} |")
    return "\n".join(lines) + "\n"


def objectives_pages(
    feedback_dir: Path,
    per_learner: dict[str, list[ObjectiveMastery]],
    pages: dict[str, str],
    book_url: str,
    languages: dict[str, str],
) -> dict[Path, bytes]:
    """One page per learner, by the path it is to be written to (the report writes them all
    together with report.html, as one whole); ``languages`` gives each learner's edition."""
    return {
        feedback_dir / OBJECTIVES_FOLDER / page_name(learner): objectives_markdown(
            learner, masteries, pages, book_url, languages.get(learner, SOURCE_LANGUAGE)
        ).encode("utf-8")
        for learner, masteries in per_learner.items()
    }


def learner_languages(results: GradedResults) -> dict[str, str]:
    """Each learner's edition: the one most of their graded submissions are in (English when
    two editions are even), since one page speaks to the learner about all their quizzes."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for attempt in results.attempts:
        counts[attempt.learner][attempt.lang] += 1
    return {
        learner: max(sorted(langs), key=lambda lang: (langs[lang], lang == SOURCE_LANGUAGE))
        for learner, langs in counts.items()
    }


def _link(label: str, pages: dict[str, str], book_url: str, lang: str) -> str:
    url = section_url(label, pages, book_url, lang)
    return f"[{label}]({url})" if url else message(lang, "objectives.section", label=f"`{label}`")
