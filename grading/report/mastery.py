"""Mastery per learning objective: the share of the points on tagged questions a learner earned.

A learner's mastery of an objective pools every question tagged with it, across all quizzes
(one attempt per learner and quiz, as in the item analysis). The cohort's mastery is the mean
of the learners' proportions, so each learner weighs the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from grading.report.item_analysis import cohort_attempts
from grading.results.read_json import GradedResults

TARGET = re.compile(r"^\(([A-Za-z0-9_.:-]+)\)=\s*$", re.MULTILINE)
"""A MyST target line, ``(label)=``, which names the section that follows it."""


@dataclass(frozen=True)
class ObjectiveMastery:
    """One objective for one learner (or the cohort mean)."""

    objective: str
    proportion: float
    """Points earned / points possible on the tagged questions, 0 to 1."""
    sections: tuple[str, ...]
    """Book section labels of the tagged questions where this learner lost points."""


def learner_mastery(results: GradedResults) -> dict[str, list[ObjectiveMastery]]:
    """Learner id → mastery of every objective their graded quizzes tag, by objective name."""
    earned: dict[str, dict[str, Fraction]] = {}
    possible: dict[str, dict[str, Fraction]] = {}
    missed: dict[str, dict[str, list[str]]] = {}
    for quiz_id, quiz in results.quizzes.items():
        for attempt in cohort_attempts(results, quiz_id):
            for question in quiz.questions:
                got = attempt.points.get(question.id, Fraction(0))
                for objective in question.objectives:
                    mine = earned.setdefault(attempt.learner, {})
                    mine[objective] = mine.get(objective, Fraction(0)) + got
                    top = possible.setdefault(attempt.learner, {})
                    top[objective] = top.get(objective, Fraction(0)) + question.points
                    sections = missed.setdefault(attempt.learner, {}).setdefault(objective, [])
                    if got < question.points and question.section not in (None, *sections):
                        sections.append(question.section)
    return {
        learner: [
            ObjectiveMastery(
                objective,
                float(earned[learner][objective] / possible[learner][objective]),
                tuple(missed[learner][objective]),
            )
            for objective in sorted(possible[learner])
        ]
        for learner in sorted(possible)
    }


def cohort_mastery(per_learner: dict[str, list[ObjectiveMastery]]) -> dict[str, float]:
    """Objective → mean of the learners' proportions (learners without the objective skipped)."""
    pooled: dict[str, list[float]] = {}
    for masteries in per_learner.values():
        for mastery in masteries:
            pooled.setdefault(mastery.objective, []).append(mastery.proportion)
    return {objective: sum(values) / len(values) for objective, values in sorted(pooled.items())}


def section_pages(book_dir: Path) -> dict[str, str]:
    """Section label → book page path (``book/04-what-a-caio-does``), read from MyST targets.

    The page path is relative to the book's root (the folder holding ``book/``), as Jupyter
    Book names its HTML pages. A label defined twice keeps its first page.
    """
    pages: dict[str, str] = {}
    if not book_dir.is_dir():
        return pages
    for path in sorted(book_dir.rglob("*.md")):
        document = path.relative_to(book_dir.parent).with_suffix("").as_posix()
        for label in TARGET.findall(path.read_text(encoding="utf-8")):
            pages.setdefault(label, document)
    return pages


def section_url(label: str, pages: dict[str, str], book_url: str, lang: str) -> str | None:
    """``<book_url><lang>/<page>.html#<label>`` (the site holds one folder per edition), or
    None when no book page defines the label."""
    page = pages.get(label)
    if page is None:
        return None
    return f"{book_url}{lang}/{page}.html#{label}"
