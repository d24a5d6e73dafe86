"""Rendering the analysis as one self-contained HTML page: inline CSS and SVG, no requests.

Every piece of text that came from a file (quiz titles, labels, learner ids, option texts) is
passed through :func:`html.escape`; only the SVG made here by matplotlib is inserted as is.
"""

from __future__ import annotations

from html import escape

from grading.report.charts import score_histogram_svg
from grading.report.item_analysis import QuizAnalysis

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem}
th{background:#f2f2f2;text-align:left}td.num{text-align:right}
.flag{color:#a40000}.note{color:#555;font-size:.9rem}
"""

UNDEFINED = "undefined"


def report_html(
    analyses: list[QuizAnalysis], cohort_mastery: dict[str, float], not_graded: int
) -> str:
    """The whole report page."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Item analysis</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Item analysis</h1>",
        f'<p class="note">Only graded submissions count ({not_graded} not graded were left '
        "out); one attempt per learner and quiz, the best. Discrimination is the corrected "
        "item-total correlation: each item against the total <em>minus that item</em>. "
        "The upper-lower index compares the top and bottom 27 % by total score.</p>",
    ]
    for analysis in analyses:
        parts.append(_quiz_section(analysis))
    parts.append(_mastery_section(cohort_mastery))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def number(value: float | None, digits: int = 2) -> str:
    """A statistic to ``digits`` decimals, or "undefined"."""
    return UNDEFINED if value is None else f"{value:.{digits}f}"


def _quiz_section(analysis: QuizAnalysis) -> str:
    quiz = analysis.quiz
    maximum = float(quiz.max_points)
    percents = [100 * total / maximum for total in analysis.totals] if maximum else []
    reliability = analysis.reliability
    parts = [
        f"<h2>{escape(quiz.title)} <small>({escape(quiz.id)}, version "
        f"{escape(quiz.version)})</small></h2>",
        f"<p>{len(analysis.learners)} learners. {escape(reliability.method)}: "
        f"<strong>{number(reliability.value)}</strong></p>",
    ]
    if percents:
        parts.append(score_histogram_svg(percents, f"Scores: {quiz.id}"))
    parts.append(
        "<table><tr><th>question</th><th>type</th><th>max</th><th>mean</th>"
        "<th>difficulty</th><th>item-rest r</th><th>upper-lower</th><th>flags</th></tr>"
    )
    for item in analysis.items:
        flags = "<br>".join(escape(flag) for flag in item.flags)
        parts.append(
            f"<tr><td>{escape(item.question)}</td><td>{escape(item.type)}</td>"
            f'<td class="num">{item.max_points:g}</td><td class="num">{item.mean_points:.2f}</td>'
            f'<td class="num">{number(item.difficulty)}</td>'
            f'<td class="num">{number(item.item_rest)}</td>'
            f'<td class="num">{number(item.upper_lower)}</td>'
            f'<td class="flag">{flags}</td></tr>'
        )
    parts.append("</table>")
    if not analysis.key_available:
        parts.append('<p class="note">Quiz file not found: option counts are left out.</p>')
    for item in analysis.items:
        if item.options:
            parts.append(_options_table(item.question, item.options))
    return "\n".join(parts)


def _options_table(question: str, options: tuple) -> str:
    rows = "".join(
        f"<tr><td>{escape(option.label)}{' ✓' if option.correct else ''}</td>"
        f"<td>{escape(option.text)}</td><td class='num'>{option.chosen}</td></tr>"
        for option in options
    )
    return (
        f"<h3>{escape(question)}: options chosen</h3>"
        f"<table><tr><th>option</th><th>text</th><th>chosen by</th></tr>{rows}</table>"
    )


def _mastery_section(cohort_mastery: dict[str, float]) -> str:
    if not cohort_mastery:
        return "<h2>Mastery per objective</h2><p>No question carries objectives.</p>"
    rows = "".join(
        f"<tr><td>{escape(objective)}</td><td class='num'>{100 * share:.0f} %</td></tr>"
        for objective, share in cohort_mastery.items()
    )
    return (
        "<h2>Mastery per objective</h2><p class='note'>Mean over learners of the share of "
        "points earned on the questions tagged with the objective.</p>"
        f"<table><tr><th>objective</th><th>cohort mastery</th></tr>{rows}</table>"
    )
