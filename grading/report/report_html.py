"""Rendering the analysis as one self-contained HTML page: inline CSS and SVG, no requests.

Every piece of text that came from a file (quiz titles, labels, learner ids, option texts) is
passed through :func:`html.escape`; only the SVG made here by matplotlib is inserted as is.
The page's words are the ``report.*`` messages of the catalog of the language asked for: a
plain message is escaped whole, one whose key ends in ``_html`` keeps its markup and has only
its values escaped.
"""

from __future__ import annotations

from html import escape

from grading.messages import SOURCE_LANGUAGE, message
from grading.report.charts import score_histogram_svg
from grading.report.item_analysis import Flag, OptionCount, QuizAnalysis

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem}
th{background:#f2f2f2;text-align:left}td.num{text-align:right}
.flag{color:#a40000}.note{color:#555;font-size:.9rem}
"""

ITEM_COLUMNS = (
    "question",
    "type",
    "max",
    "mean",
    "difficulty",
    "item_rest",
    "upper_lower",
    "flags",
)
"""The item table's columns, each the suffix of a ``report.column.*`` message."""


def report_html(
    analyses: list[QuizAnalysis],
    cohort_mastery: dict[str, float],
    not_graded: int,
    lang: str = SOURCE_LANGUAGE,
) -> str:
    """The whole report page, in ``lang``."""
    title = _text(lang, "report.title")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="note">{_html(lang, "report.note_html", not_graded=not_graded)}</p>',
    ]
    for analysis in analyses:
        parts.append(_quiz_section(analysis, lang))
    parts.append(_mastery_section(cohort_mastery, lang))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def number(value: float | None, lang: str, digits: int = 2) -> str:
    """A statistic to ``digits`` decimals, or the word for "undefined" in ``lang`` (plain
    text, not yet escaped)."""
    return message(lang, "report.undefined") if value is None else f"{value:.{digits}f}"


def _text(lang: str, key: str, **values: object) -> str:
    return escape(message(lang, key, **values))


def _html(lang: str, key: str, **values: object) -> str:
    return message(lang, key, **{name: escape(str(value)) for name, value in values.items()})


def _flag_text(flag: Flag, lang: str) -> str:
    return _text(lang, flag.key, **flag.values)


def _quiz_section(analysis: QuizAnalysis, lang: str) -> str:
    quiz = analysis.quiz
    maximum = float(quiz.max_points)
    percents = [100 * total / maximum for total in analysis.totals] if maximum else []
    reliability = analysis.reliability
    version = _text(lang, "report.quiz_version", quiz=quiz.id, version=quiz.version)
    parts = [
        f"<h2>{escape(quiz.title)} <small>({version})</small></h2>",
        "<p>"
        + _html(
            lang,
            "report.summary_html",
            learners=len(analysis.learners),
            method=message(lang, f"report.reliability.{reliability.method}"),
            value=number(reliability.value, lang),
        )
        + "</p>",
    ]
    if percents:
        parts.append(
            score_histogram_svg(
                percents,
                message(lang, "report.chart.title", quiz=quiz.id),
                x_label=message(lang, "report.chart.x_label"),
                y_label=message(lang, "report.chart.y_label"),
            )
        )
    headers = "".join(f"<th>{_text(lang, f'report.column.{name}')}</th>" for name in ITEM_COLUMNS)
    parts.append(f"<table><tr>{headers}</tr>")
    for item in analysis.items:
        flags = "<br>".join(_flag_text(flag, lang) for flag in item.flags)
        parts.append(
            f"<tr><td>{escape(item.question)}</td><td>{escape(item.type)}</td>"
            f'<td class="num">{item.max_points:g}</td><td class="num">{item.mean_points:.2f}</td>'
            f'<td class="num">{escape(number(item.difficulty, lang))}</td>'
            f'<td class="num">{escape(number(item.item_rest, lang))}</td>'
            f'<td class="num">{escape(number(item.upper_lower, lang))}</td>'
            f'<td class="flag">{flags}</td></tr>'
        )
    parts.append("</table>")
    if not analysis.key_available:
        parts.append(f'<p class="note">{_text(lang, "report.no_quiz_file")}</p>')
    for item in analysis.items:
        if item.options:
            parts.append(_options_table(item.question, item.options, lang))
    return "\n".join(parts)


def _options_table(question: str, options: tuple[OptionCount, ...], lang: str) -> str:
    rows = "".join(
        f"<tr><td>{escape(option.label)}{' ✓' if option.correct else ''}</td>"
        f"<td>{escape(option.text)}</td><td class='num'>{option.chosen}</td></tr>"
        for option in options
    )
    headers = "".join(
        f"<th>{_text(lang, f'report.options.{name}')}</th>"
        for name in ("option", "text", "chosen_by")
    )
    return (
        f"<h3>{_text(lang, 'report.options.heading', question=question)}</h3>"
        f"<table><tr>{headers}</tr>{rows}</table>"
    )


def _mastery_section(cohort_mastery: dict[str, float], lang: str) -> str:
    heading = f"<h2>{_text(lang, 'report.mastery.heading')}</h2>"
    if not cohort_mastery:
        return f"{heading}<p>{_text(lang, 'report.mastery.none')}</p>"
    rows = "".join(
        f"<tr><td>{escape(objective)}</td><td class='num'>{100 * share:.0f} %</td></tr>"
        for objective, share in cohort_mastery.items()
    )
    headers = "".join(
        f"<th>{_text(lang, f'report.mastery.{name}')}</th>" for name in ("objective", "cohort")
    )
    return (
        f"{heading}<p class='note'>{_text(lang, 'report.mastery.note')}</p>"
        f"<table><tr>{headers}</tr>{rows}</table>"
    )
