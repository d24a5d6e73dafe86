"""Grading one submitted file: the file and the instructor's quizzes in, a result out.

The instructor's quiz is the only source of questions, points and keys: a submission
contributes answers and nothing else, so edited points, prompts or choices change no score.
Nothing here knows about folders, batches or processes; reading the one file is its only I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grading.grader.answers import FoundAnswer, index_answer_cells
from grading.grader.identify import identify_quiz
from grading.grader.scoring import ZERO, Reason, score_value
from grading.grader.submission import SubmissionFile
from grading.messages import LANGUAGES, SOURCE_LANGUAGE
from grading.notebooks.prompts import prompt_texts
from grading.notebooks.read import DEFAULT_MAX_BYTES, SubmittedNotebook, read_submission
from grading.quiz.model import Question, Quiz, exact_fraction
from grading.quiz.public import answer_spec, quiz_version
from grading.results.model import (
    Outcome,
    Problem,
    ProblemKind,
    QuestionResult,
    SubmissionResult,
)


@dataclass
class Grader:
    """Grades files against the instructor's quizzes.

    One grader serves a whole run (one per worker process): it remembers, per quiz, what
    grading derives from the quiz and the result of each distinct answer text, because a
    cohort gives each question few distinct answers.
    """

    quizzes: dict[str, Quiz]
    max_bytes: int = DEFAULT_MAX_BYTES
    editions: dict[tuple[str, str], Quiz] = field(default_factory=dict)
    """(language, quiz id) → the quiz as that edition shows it (same ids, points and keys;
    its text answers also accept the edition's wording); English is ``quizzes``."""
    _derived: dict[tuple[str, str], _QuizDerived] = field(
        default_factory=dict, init=False, repr=False
    )

    def edition(self, quiz_id: str | None, lang: str) -> Quiz | None:
        """The quiz in the learner's edition: what their notebook and feedback say."""
        english = self.quizzes.get(quiz_id or "")
        if english is None or lang == SOURCE_LANGUAGE:
            return english
        return self.editions.get((lang, english.id), english)

    def grade(self, submission: SubmissionFile) -> SubmissionResult:
        """Grade one file; every failure becomes a problem on the result, never an exception."""
        base = {"learner": submission.learner, "path": submission.relative}
        problems: list[Problem] = []
        if submission.learner_guessed:
            message = (
                f"file name has no '<learner>__' prefix; took {submission.learner!r} as learner"
            )
            problems.append(Problem(ProblemKind.quiz_from_file_name, message))
        if submission.hidden:
            message = "the file or its folder is hidden (its name starts with a dot); graded"
            problems.append(Problem(ProblemKind.hidden_file, message))
        if submission.outside:
            message = "a link to a place outside the submissions folder; not followed"
            problems.append(Problem(ProblemKind.outside_folder, message))
            return SubmissionResult(
                **base, sha256=None, quiz=None, quiz_version=None, problems=tuple(problems)
            )
        if submission.unlisted_because is not None:
            message = f"cannot read folder: {submission.unlisted_because}"
            problems.append(Problem(ProblemKind.unreadable_file, message))
            return SubmissionResult(
                **base, sha256=None, quiz=None, quiz_version=None, problems=tuple(problems)
            )
        read = read_submission(submission.path, max_bytes=self.max_bytes)
        problems.extend(read.problems)
        notebook = read.notebook
        if notebook is None:
            return SubmissionResult(
                **base, sha256=read.sha256, quiz=None, quiz_version=None, problems=tuple(problems)
            )
        english, identity_problems = identify_quiz(notebook, submission.name_hints, self.quizzes)
        problems.extend(identity_problems)
        lang, language_problems = self._language_of(notebook, english)
        problems.extend(language_problems)
        base["lang"] = lang
        if english is None:
            return SubmissionResult(
                **base,
                sha256=read.sha256,
                quiz=notebook.quiz_id,
                quiz_version=notebook.quiz_version,
                problems=tuple(problems),
            )
        quiz = self.edition(english.id, lang) or english
        derived = self._derived_of(quiz, lang)
        if notebook.quiz_version is not None and notebook.quiz_version != derived.version:
            message = (
                f"made from quiz version {notebook.quiz_version}, the quiz is now "
                f"{derived.version}; graded with the current key"
            )
            problems.append(Problem(ProblemKind.version_mismatch, message))
        questions, answer_problems = _grade_answers(quiz, derived, notebook)
        problems.extend(answer_problems)
        problems.extend(_edited_prompts(derived, notebook))
        return SubmissionResult(
            **base,
            sha256=read.sha256,
            quiz=quiz.id,
            quiz_version=notebook.quiz_version,
            questions=questions,
            problems=tuple(problems),
        )

    def _language_of(
        self, notebook: SubmittedNotebook, quiz: Quiz | None
    ) -> tuple[str, list[Problem]]:
        """The notebook's edition; English, with a problem, for one this course lacks."""
        if notebook.lang is None and quiz is not None:
            return self._language_from_prompts(notebook, quiz), []
        lang = notebook.lang or SOURCE_LANGUAGE
        if lang == SOURCE_LANGUAGE:
            return lang, []
        if lang in LANGUAGES and (quiz is None or (lang, quiz.id) in self.editions):
            return lang, []
        message = f"the notebook is in language {lang!r}, which this quiz has no edition of; "
        message += "graded and explained in English"
        return SOURCE_LANGUAGE, [Problem(ProblemKind.unknown_language, message)]

    def _language_from_prompts(self, notebook: SubmittedNotebook, quiz: Quiz) -> str:
        """The edition whose question texts the notebook shows, for a notebook that does not
        say its language: a jupytext round trip drops the notebook's metadata (reported as
        ``quiz_from_cells``), and grading a German notebook as English would flag every
        question as edited and explain the answers in a language the learner did not use.
        English when no edition's texts match more cells than the English ones."""
        sources = {cell.source for cell in notebook.cells}
        best, best_matches = SOURCE_LANGUAGE, -1
        for lang in LANGUAGES:
            edition = self.edition(quiz.id, lang)
            if edition is None or (lang != SOURCE_LANGUAGE and edition is quiz):
                continue
            prompts = self._derived_of(edition, lang).prompts.values()
            matches = sum(1 for prompt in prompts if prompt in sources)
            if matches > best_matches:
                best, best_matches = lang, matches
        return best

    def _derived_of(self, quiz: Quiz, lang: str) -> _QuizDerived:
        derived = self._derived.get((lang, quiz.id))
        if derived is None:
            specs = {question.id: answer_spec(question) for question in quiz.questions}
            derived = _QuizDerived(quiz_version(quiz), specs, prompt_texts(quiz, lang), lang)
            self._derived[(lang, quiz.id)] = derived
        return derived


RESULT_CACHE_SIZE = 8192
"""Enough for every distinct answer of a quiz in most cohorts; free-text answers, which may
all differ, clear it now and then instead of growing it with the cohort."""


@dataclass(frozen=True)
class _QuizDerived:
    """What grading needs from a quiz besides the model, computed once per quiz."""

    version: str
    answer_specs: dict[str, dict[str, Any]]
    prompts: dict[str, str]
    """Question id → the prompt cell's text as the learner notebook has it."""
    lang: str
    """The edition: each result's reason is worded in it, for the learner's feedback."""
    results: dict[tuple[str, str | None, bool], tuple[QuestionResult, Problem | None]] = field(
        default_factory=dict
    )
    """Results by question and answer text: the same answer text is the same value."""

    def question_result(
        self, question: Question, found: FoundAnswer
    ) -> tuple[QuestionResult, Problem | None]:
        key = (question.id, found.source, found.readable)
        remembered = self.results.get(key)
        if remembered is None:
            if len(self.results) >= RESULT_CACHE_SIZE:
                self.results.clear()
            spec = self.answer_specs[question.id]
            remembered = self.results[key] = _question_result(question, spec, found, self.lang)
        return remembered


def _grade_answers(
    quiz: Quiz, derived: _QuizDerived, notebook: SubmittedNotebook
) -> tuple[tuple[QuestionResult, ...], list[Problem]]:
    cells = index_answer_cells(notebook, quiz.id)
    results = []
    problems: list[Problem] = []
    for question in quiz.questions:
        found = cells.find(question.id)
        problems.extend(found.problems)
        result, problem = derived.question_result(question, found)
        results.append(result)
        if problem is not None:
            problems.append(problem)
    found_by_name = [question.id for question in quiz.questions if cells.found_by_name(question.id)]
    if found_by_name:
        message = (
            f"answer cells had lost their metadata; found {', '.join(found_by_name)} "
            "by variable name"
        )
        problems.append(Problem(ProblemKind.answer_found_by_name, message))
    order = cells.tagged_positions([question.id for question in quiz.questions])
    if order != sorted(order):
        message = "answer cells are not in question order; each was matched by its question id"
        problems.append(Problem(ProblemKind.cells_reordered, message))
    return tuple(results), problems


def _question_result(
    question: Question, spec: dict[str, Any], found: FoundAnswer, lang: str
) -> tuple[QuestionResult, Problem | None]:
    """Points for one found answer, and the problem to report with it, if any.

    The reason is in the learner's edition (their feedback says it); the problem is the
    instructor's, in English like every other problem in the gradebook."""
    if not found.readable:
        absent = found.source is None
        outcome = Outcome.unanswered if absent else Outcome.unreadable
        reason = Reason("no_answer_found" if absent else "unreadable").text(lang)
        maximum = exact_fraction(question.points)
        return QuestionResult(question.id, found.source, ZERO, maximum, outcome, reason), None
    scored = score_value(question, found.value, spec, lang)
    result = QuestionResult(
        question.id, found.source, scored.points, scored.max_points, scored.outcome, scored.reason
    )
    if scored.problem is None:
        return result, None
    if lang != SOURCE_LANGUAGE:
        scored = score_value(question, found.value, spec)
    return result, Problem(scored.problem, scored.reason, question.id)


def _edited_prompts(derived: _QuizDerived, notebook: SubmittedNotebook) -> list[Problem]:
    """Prompt cells whose text differs from what the learner was given (graded as usual)."""
    expected = derived.prompts
    problems = []
    for cell in notebook.cells:
        question = cell.quiz.get("question")
        role = cell.quiz.get("role")
        if role == "prompt" and question in expected and cell.source != expected[question]:
            message = "the question text was edited in the notebook; graded against the quiz"
            problems.append(Problem(ProblemKind.prompt_edited, message, question))
    return problems
