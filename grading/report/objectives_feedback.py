"""``feedback/<learner>/_objectives.md``: each learner's own mastery per learning objective.

The file sits beside the per-quiz feedback pages ``caio grade`` writes. Its name starts with an
underscore, which no quiz id can (ids start with a letter or digit), so it never overwrites a
quiz's feedback page. Each objective links to the book sections of the questions missed.
"""

from __future__ import annotations

from pathlib import Path

from grading.report.mastery import ObjectiveMastery, section_url
from grading.results.safe_text import code_span, safe_file_name

OBJECTIVES_FILE = "_objectives.md"


def objectives_markdown(
    learner: str, masteries: list[ObjectiveMastery], pages: dict[str, str], book_url: str
) -> str:
    """The page of one learner: a table of objectives and what to reread."""
    lines = [
        "# Your mastery per learning objective",
        "",
        f"Learner: {code_span(learner)}",
        "",
        "| objective | points earned | reread |",
        "| --- | --- | --- |",
    ]
    for mastery in masteries:
        links = [_link(label, pages, book_url) for label in mastery.sections]
        reread = ", ".join(links) if links else "nothing: full points"
        lines.append(f"| {mastery.objective} | {100 * mastery.proportion:.0f} % | {reread} |")
    return "\n".join(lines) + "\n"


def objectives_pages(
    feedback_dir: Path,
    per_learner: dict[str, list[ObjectiveMastery]],
    pages: dict[str, str],
    book_url: str,
) -> dict[Path, bytes]:
    """One page per learner, by the path it is to be written to (the report writes them all
    together with report.html, as one whole)."""
    return {
        feedback_dir / safe_file_name(learner) / OBJECTIVES_FILE: objectives_markdown(
            learner, masteries, pages, book_url
        ).encode("utf-8")
        for learner, masteries in per_learner.items()
    }


def _link(label: str, pages: dict[str, str], book_url: str) -> str:
    url = section_url(label, pages, book_url)
    return f"[{label}]({url})" if url else f"section `{label}`"
