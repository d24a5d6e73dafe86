"""Which quiz is a submission? Metadata first, then the answer cells, then file and folder names.

Editors (and some LMS round trips) strip notebook metadata; learners rename files. Each
fallback is reported, so the instructor sees how the quiz was recognised.
"""

from __future__ import annotations

from collections import Counter

from grading.notebooks.read import SubmittedNotebook
from grading.quiz.model import Quiz
from grading.results.model import Problem, ProblemKind


def identify_quiz(
    notebook: SubmittedNotebook, name_hints: tuple[str, ...], quizzes: dict[str, Quiz]
) -> tuple[Quiz | None, list[Problem]]:
    """The quiz this notebook answers, or None with a problem that says why not."""
    named = [hint for hint in name_hints if hint in quizzes]
    claimed = notebook.quiz_id or _quiz_from_cells(notebook)
    if claimed is not None:
        if claimed not in quizzes:
            message = f"the notebook is for quiz {claimed!r}, which is not among the quizzes"
            return None, [Problem(ProblemKind.unknown_quiz, message)]
        problems = []
        other = next((hint for hint in named if hint != claimed), None)
        if other is not None:
            message = (
                f"handed in as {other!r} but the notebook is quiz {claimed!r}; "
                f"graded as {claimed!r}"
            )
            problems.append(Problem(ProblemKind.quiz_mismatch, message))
        if notebook.quiz_id is None:
            message = "notebook metadata was lost; the quiz was read from the answer cells"
            problems.append(Problem(ProblemKind.quiz_from_cells, message))
        return quizzes[claimed], problems
    if named:
        quiz_id = named[-1]
        message = f"notebook metadata was lost; took quiz {quiz_id!r} from the file or folder name"
        return quizzes[quiz_id], [Problem(ProblemKind.quiz_from_file_name, message)]
    message = (
        "cannot tell which quiz this is: no quiz metadata and no file or folder named after "
        f"a quiz ({', '.join(sorted(quizzes))})"
    )
    return None, [Problem(ProblemKind.quiz_not_identified, message)]


def _quiz_from_cells(notebook: SubmittedNotebook) -> str | None:
    votes = Counter(
        cell.quiz["quiz"] for cell in notebook.cells if isinstance(cell.quiz.get("quiz"), str)
    )
    if not votes:
        return None
    return votes.most_common(1)[0][0]
