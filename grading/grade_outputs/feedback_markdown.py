"""``feedback/<learner>/<quiz>.md``: what each learner gets back.

Every question with the learner's answer, the points, why, and the explanation that names the
section to reread. Learner-written text is shown in code spans with its backticks neutralised,
and messages that quote it are escaped (:mod:`grading.results.safe_text`), so nothing a
learner wrote becomes Markdown or HTML in the feedback page.
"""

from __future__ import annotations

from functools import lru_cache

from grading.quiz.model import Quiz
from grading.results.model import Outcome, QuestionResult, SubmissionResult
from grading.results.numbers import format_points
from grading.results.safe_text import code_span, escaped_text

OUTCOME_WORDS = {
    Outcome.right: "right",
    Outcome.partly_right: "partly right",
    Outcome.wrong: "not right",
    Outcome.unanswered: "not answered",
    Outcome.unreadable: "could not be read",
}


def feedback_markdown(result: SubmissionResult, quiz: Quiz | None) -> str:
    """The feedback page of one submission."""
    title = quiz.title if quiz else "your submission"
    lines = [
        f"# Feedback: {title}",
        "",
        f"Learner: {code_span(result.learner)}  ",
        f"File: {code_span(result.path)}",
        "",
    ]
    if result.total is None:
        lines += ["**This submission could not be graded.** Your instructor has been told why:", ""]
        lines += [f"- {escaped_text(str(problem))}" for problem in result.problems]
        return "\n".join(lines) + "\n"
    score = f"{format_points(result.total)} of {format_points(result.max_points)}"
    lines += [f"**Score: {score} points ({format_points(result.percent)} %)**", ""]
    questions = {question.id: question for question in quiz.questions} if quiz else {}
    for answer in result.questions:
        question = questions.get(answer.question)
        if question is None:
            lines.append(_question_section(answer, None, None))
        else:
            lines.append(_question_section(answer, question.prompt, question.explanation))
    notes = [problem for problem in result.problems if problem.question is None]
    if notes:
        lines += ["## Notes on the file", ""]
        lines += [f"- {escaped_text(str(problem))}" for problem in notes] + [""]
    return "\n".join(lines)


@lru_cache(maxsize=4096)
def _question_section(answer: QuestionResult, prompt: str | None, explanation: str | None) -> str:
    """One question's part of the page; cached, as results are shared among equal answers."""
    shown = code_span(answer.answer) if answer.answer is not None else "*(none)*"
    lines = [
        f"## {answer.question}: {OUTCOME_WORDS[answer.outcome]}, "
        f"{format_points(answer.points)} of {format_points(answer.max_points)}",
        "",
    ]
    if prompt is not None:
        lines += [prompt.strip(), ""]
    lines += [f"Your answer: {shown}  ", f"Why: {escaped_text(answer.reason)}", ""]
    if explanation is not None:
        lines += [f"> {explanation.strip()}", ""]
    return "\n".join(lines)
