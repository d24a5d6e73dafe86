"""Grading one submission, and a whole folder of them.

The instructor's quiz is the only source of questions, points and keys: a submission
contributes answers and nothing else, so edited points, prompts or choices change no score.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from grading.errors import GradingError
from grading.grader.answers import FoundAnswer, index_answer_cells
from grading.grader.identify import identify_quiz
from grading.grader.scoring import ZERO, exact_fraction, score_answer
from grading.grading_run.discovery import Learner, SubmissionFile, SubmissionsFolder
from grading.grading_run.gc_pause import cyclic_gc_paused
from grading.notebooks.prompts import prompt_texts
from grading.notebooks.read import DEFAULT_MAX_BYTES, SubmittedNotebook, read_submission
from grading.quiz.answer_format import format_problem, is_unanswered
from grading.quiz.model import Question, Quiz
from grading.quiz.public import answer_spec, quiz_version
from grading.results.model import (
    Outcome,
    Problem,
    ProblemKind,
    QuestionResult,
    SubmissionResult,
)


def grade_file(
    submission: SubmissionFile, quizzes: dict[str, Quiz], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> SubmissionResult:
    """Grade one file; every failure becomes a problem on the result, never an exception."""
    base = {"learner": submission.learner, "path": submission.relative}
    problems: list[Problem] = []
    if submission.learner_guessed:
        message = f"file name has no '<learner>__' prefix; took {submission.learner!r} as learner"
        problems.append(Problem(ProblemKind.quiz_from_file_name, message))
    if submission.outside:
        message = "a link to a place outside the submissions folder; not followed"
        problems.append(Problem(ProblemKind.outside_folder, message))
        return SubmissionResult(
            **base, sha256=None, quiz=None, quiz_version=None, problems=tuple(problems)
        )
    read = read_submission(submission.path, max_bytes=max_bytes)
    problems.extend(read.problems)
    notebook = read.notebook
    if notebook is None:
        return SubmissionResult(
            **base, sha256=read.sha256, quiz=None, quiz_version=None, problems=tuple(problems)
        )
    quiz, identity_problems = identify_quiz(notebook, submission.name_hints, quizzes)
    problems.extend(identity_problems)
    if quiz is None:
        return SubmissionResult(
            **base,
            sha256=read.sha256,
            quiz=notebook.quiz_id,
            quiz_version=notebook.quiz_version,
            problems=tuple(problems),
        )
    if notebook.quiz_version is not None and notebook.quiz_version != quiz_version(quiz):
        message = (
            f"made from quiz version {notebook.quiz_version}, the quiz is now "
            f"{quiz_version(quiz)}; graded with the current key"
        )
        problems.append(Problem(ProblemKind.version_mismatch, message))
    questions, answer_problems = _grade_answers(quiz, notebook)
    problems.extend(answer_problems)
    problems.extend(_edited_prompts(quiz, notebook))
    return SubmissionResult(
        **base,
        sha256=read.sha256,
        quiz=quiz.id,
        quiz_version=notebook.quiz_version,
        questions=questions,
        problems=tuple(problems),
    )


def grade_folder(
    root: Path,
    quizzes: dict[str, Quiz],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
) -> list[SubmissionResult]:
    """Grade every submission below ``root``; results keep discovery order (learner, path)."""
    folder = SubmissionsFolder.at(root)
    batches = grade_stream(folder, folder.learners(), quizzes, max_bytes=max_bytes, jobs=jobs)
    return [result for batch in batches for result in batch.items]


class GradedBatch(NamedTuple):
    """Consecutive learners, graded: what ``finish`` made of their results, in order."""

    learners: int
    items: list[Any]


def grade_stream(
    folder: SubmissionsFolder,
    learners: list[Learner],
    quizzes: dict[str, Quiz],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    finish: BatchFinish | None = None,
) -> Iterator[GradedBatch]:
    """Grade the learners' submissions batch by batch, in order (learner, path).

    A batch holds whole learners, so duplicate submissions are flagged within it, and
    whoever grades it also walks its learners' folders: no process ever lists the whole
    cohort's files, and memory stays flat. ``finish(results, quizzes)`` (picklable; e.g.
    writing feedback pages and rendering output lines) runs where the batch was graded, in
    the worker processes when ``jobs > 1``; what it returns is the batch's items.
    """
    batches = _batches(learners, size=_batch_size(len(learners), jobs))
    with cyclic_gc_paused():
        if jobs <= 1 or len(learners) < PARALLEL_FROM:
            for batch in batches:
                yield _grade_batch(folder, batch, quizzes, max_bytes, finish)
            return
        try:
            yield from _graded_in_workers(batches, jobs, (folder, quizzes, max_bytes, finish))
        except BrokenProcessPool as error:
            raise GradingError(
                "a grading worker process stopped abruptly (out of memory, or killed); "
                "nothing was written. Run again, with --jobs 1 to grade in one process."
            ) from error


def _graded_in_workers(
    batches: Iterator[list[Learner]], jobs: int, context: tuple[Any, ...]
) -> Iterator[GradedBatch]:
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=context) as pool:
        pending: deque[Future[GradedBatch]] = deque()
        for batch in batches:
            pending.append(pool.submit(_grade_batch_in_worker, batch))
            if len(pending) > jobs * 2:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


PARALLEL_FROM = 200
"""Fewer learners than this are graded in one process: starting workers costs more."""

BatchFinish = Callable[[list[SubmissionResult], dict[str, Quiz]], list[Any]]


def _batch_size(count: int, jobs: int) -> int:
    return max(1, min(250, count // max(1, jobs * 8)))


def _batches(learners: list[Learner], *, size: int) -> Iterator[list[Learner]]:
    for start in range(0, len(learners), size):
        yield learners[start : start + size]


_WORKER_SETTINGS: dict[str, Any] = {}


def _start_worker(
    folder: SubmissionsFolder,
    quizzes: dict[str, Quiz],
    max_bytes: int,
    finish: BatchFinish | None,
) -> None:
    _WORKER_SETTINGS["context"] = (folder, quizzes, max_bytes, finish)


def _grade_batch_in_worker(batch: list[Learner]) -> GradedBatch:
    folder, quizzes, max_bytes, finish = _WORKER_SETTINGS["context"]
    with cyclic_gc_paused():
        return _grade_batch(folder, batch, quizzes, max_bytes, finish)


def _grade_batch(
    folder: SubmissionsFolder,
    batch: list[Learner],
    quizzes: dict[str, Quiz],
    max_bytes: int,
    finish: BatchFinish | None,
) -> GradedBatch:
    files = [file for learner in batch for file in folder.files_of(learner)]
    graded = [grade_file(submission, quizzes, max_bytes=max_bytes) for submission in files]
    results = _flag_duplicate_submissions(graded)
    return GradedBatch(len(batch), results if finish is None else finish(results, quizzes))


def _grade_answers(
    quiz: Quiz, notebook: SubmittedNotebook
) -> tuple[tuple[QuestionResult, ...], list[Problem]]:
    cells = index_answer_cells(notebook, quiz.id)
    derived = _derived(quiz)
    specs = derived.answer_specs
    results = []
    problems: list[Problem] = []
    for question in quiz.questions:
        found = cells.find(question.id)
        problems.extend(found.problems)
        result, problem = derived.question_result(question, specs[question.id], found)
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
    question: Question, spec: dict[str, Any], found: FoundAnswer
) -> tuple[QuestionResult, Problem | None]:
    """Points for one found answer, and the problem to report with it, if any."""
    maximum = exact_fraction(question.points)
    if not found.readable:
        absent = found.source is None
        outcome = Outcome.unanswered if absent else Outcome.unreadable
        reason = "no answer found" if absent else "answer could not be read"
        return QuestionResult(question.id, found.source, ZERO, maximum, outcome, reason), None
    if is_unanswered(found.value):
        result = QuestionResult(
            question.id, found.source, ZERO, maximum, Outcome.unanswered, "not answered"
        )
        return result, Problem(ProblemKind.unanswered, "not answered", question.id)
    form = format_problem(spec, found.value)
    if form is not None:
        result = QuestionResult(question.id, found.source, ZERO, maximum, Outcome.unreadable, form)
        return result, Problem(ProblemKind.answer_malformed, form, question.id)
    score = score_answer(question, found.value)
    if score.points == maximum:
        outcome = Outcome.right
    elif score.points == 0:
        outcome = Outcome.wrong
    else:
        outcome = Outcome.partly_right
    return QuestionResult(
        question.id, found.source, score.points, maximum, outcome, score.reason
    ), None


def _edited_prompts(quiz: Quiz, notebook: SubmittedNotebook) -> list[Problem]:
    """Prompt cells whose text differs from what the learner was given (graded as usual)."""
    expected = _derived(quiz).prompts
    problems = []
    for cell in notebook.cells:
        question = cell.quiz.get("question")
        role = cell.quiz.get("role")
        if role == "prompt" and question in expected and cell.source != expected[question]:
            message = "the question text was edited in the notebook; graded against the quiz"
            problems.append(Problem(ProblemKind.prompt_edited, message, question))
    return problems


@dataclass(frozen=True)
class _QuizDerived:
    """What grading needs from a quiz besides the model, computed once per quiz version."""

    answer_specs: dict[str, dict[str, Any]]
    prompts: dict[str, str]
    """Question id → the prompt cell's text as the learner notebook has it."""
    results: dict[tuple[str, str | None, bool], tuple[QuestionResult, Problem | None]] = field(
        default_factory=dict
    )
    """Results by question and answer text: a cohort gives each question few distinct answers."""

    def question_result(
        self, question: Question, spec: dict[str, Any], found: FoundAnswer
    ) -> tuple[QuestionResult, Problem | None]:
        """:func:`_question_result`, remembered: the same answer text is the same value."""
        key = (question.id, found.source, found.readable)
        remembered = self.results.get(key)
        if remembered is None:
            if len(self.results) >= RESULT_CACHE_SIZE:
                self.results.clear()
            remembered = self.results[key] = _question_result(question, spec, found)
        return remembered


RESULT_CACHE_SIZE = 8192
"""Enough for every distinct answer of a quiz in most cohorts; free-text answers, which may
all differ, clear it now and then instead of growing it with the cohort."""


_DERIVED: dict[tuple[str, str], _QuizDerived] = {}


def _derived(quiz: Quiz) -> _QuizDerived:
    key = (quiz.id, quiz_version(quiz))
    if key not in _DERIVED:
        specs = {question.id: answer_spec(question) for question in quiz.questions}
        _DERIVED[key] = _QuizDerived(specs, prompt_texts(quiz))
    return _DERIVED[key]


def _flag_duplicate_submissions(results: list[SubmissionResult]) -> list[SubmissionResult]:
    counts = Counter((result.learner, result.quiz) for result in results if result.quiz)
    flagged = []
    for result in results:
        copies = counts.get((result.learner, result.quiz), 0)
        if copies > 1:
            message = f"{copies} notebooks of quiz {result.quiz} from this learner; each is graded"
            extra = Problem(ProblemKind.duplicate_submission, message)
            result = replace(result, problems=(*result.problems, extra))
        flagged.append(result)
    return flagged
