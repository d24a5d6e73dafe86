"""``feedback/<quiz>/<learner>.md``: what each learner gets back.

Every question with the learner's answer, the points, why, and the explanation that names the
section to reread. Learner-written text is shown in code spans with its backticks neutralised,
and messages that quote it are escaped (:mod:`grading.results.safe_text`), so nothing a
learner wrote becomes Markdown or HTML in the feedback page. The page's own words come from
the message catalog of the page's language (:mod:`grading.messages`); so does what it says of
a problem with the whole file: one plain sentence per kind, while the instructor's gradebook
keeps the detail (and the learner-written text some of those messages quote).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache

from grading.messages import message
from grading.quiz.model import Quiz
from grading.results.model import Problem, QuestionResult, SubmissionResult
from grading.results.numbers import format_points
from grading.results.safe_text import code_span, escaped_text


def feedback_markdown(result: SubmissionResult, quiz: Quiz | None, lang: str = "en") -> str:
    """The feedback page of one submission, in ``lang``."""
    title = quiz.title if quiz else message(lang, "feedback.untitled")
    lines = [
        f"# {message(lang, 'feedback.title', title=title)}",
        "",
        f"{message(lang, 'feedback.learner')}: {code_span(result.learner)}  ",
        f"{message(lang, 'feedback.file')}: {code_span(result.path)}",
        "",
    ]
    if result.total is None:
        lines += [message(lang, "feedback.not_graded"), ""]
        lines += _problem_sentences(result.problems, lang)
        return "\n".join(lines) + "\n"
    score = message(
        lang,
        "feedback.score",
        points=_number(result.total, lang),
        max_points=_number(result.max_points, lang),
        percent=_number(result.percent, lang),
    )
    lines += [f"**{score}**", ""]
    questions = {question.id: question for question in quiz.questions} if quiz else {}
    for answer in result.questions:
        question = questions.get(answer.question)
        if question is None:
            lines.append(_question_section(answer, None, None, lang))
        else:
            lines.append(_question_section(answer, question.prompt, question.explanation, lang))
    notes = [problem for problem in result.problems if problem.question is None]
    if notes:
        lines += [f"## {message(lang, 'feedback.notes')}", ""]
        lines += [*_problem_sentences(notes, lang), ""]
    return "\n".join(lines)


def _problem_sentences(problems: Iterable[Problem], lang: str) -> list[str]:
    """A list item per kind of problem, in the order met, each said once."""
    kinds = dict.fromkeys(problem.kind for problem in problems)
    return [f"- {message(lang, f'problem.{kind.value}')}" for kind in kinds]


def _number(value: Fraction, lang: str) -> str:
    """Points or a percentage as the edition writes numbers (6,5 in German and Vietnamese)."""
    return format_points(value).replace(".", message(lang, "feedback.decimal_mark"))


@lru_cache(maxsize=4096)
def _question_section(
    answer: QuestionResult, prompt: str | None, explanation: str | None, lang: str
) -> str:
    """One question's part of the page; cached, as results are shared among equal answers."""
    if answer.answer is None:
        shown = f"*{message(lang, 'feedback.no_answer')}*"
    else:
        shown = code_span(answer.answer)
    heading = message(
        lang,
        "feedback.question",
        question=answer.question,
        outcome=message(lang, f"outcome.{answer.outcome.value}"),
        points=_number(answer.points, lang),
        max_points=_number(answer.max_points, lang),
    )
    lines = [f"## {heading}", ""]
    if prompt is not None:
        lines += [prompt.strip(), ""]
    lines += [
        f"{message(lang, 'feedback.your_answer')}: {shown}  ",
        f"{message(lang, 'feedback.why')}: {escaped_text(answer.reason)}",
        "",
    ]
    if explanation is not None:
        lines += [f"> {explanation.strip()}", ""]
    return "\n".join(lines)
