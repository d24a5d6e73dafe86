"""Finding each answer in a submission by parsing, never by running, the learner's cells.

An answer is the literal assigned to the question's variable (``q1 = "B"``). Cells are parsed
with :mod:`ast` and only :func:`ast.literal_eval` turns a value node into Python data, so a cell
holding ``__import__("os").system(...)`` is text that is read and reported, never code that runs.
Cells are matched by metadata first and by variable name second, and the last assignment wins,
as it would if the learner ran the notebook from top to bottom.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache

from grading.grader.results import Problem, ProblemKind
from grading.notebooks.read import SubmittedCell, SubmittedNotebook

MAX_ANSWER_SOURCE = 20_000
"""Longer code cells are not parsed: an answer is one short line."""


@dataclass(frozen=True)
class Assignment:
    """One top-level ``name = value`` found in a code cell."""

    value: ast.expr
    cell_source: str

    @property
    def source(self) -> str:
        """The value's source text, as the learner wrote it (computed only when shown)."""
        return ast.get_source_segment(self.cell_source, self.value) or ast.unparse(self.value)


@dataclass(frozen=True)
class CellSyntax:
    """What parsing a cell's source gave; shared by every cell with the same source."""

    assignments: dict[str, Assignment]
    other_statements: bool
    error: str | None


@dataclass(frozen=True)
class ParsedCell:
    """A code cell and its parsed top-level assignments, or why it could not be parsed."""

    cell: SubmittedCell
    syntax: CellSyntax

    @property
    def assignments(self) -> dict[str, Assignment]:
        return self.syntax.assignments

    @property
    def other_statements(self) -> bool:
        return self.syntax.other_statements

    @property
    def error(self) -> str | None:
        return self.syntax.error


@dataclass(frozen=True)
class FoundAnswer:
    """What stands for one question's answer: a value, or nothing and a problem."""

    value: object
    source: str | None
    readable: bool
    problems: tuple[Problem, ...]
    found_by_name: bool = False
    """The cell carrying it had lost its quiz metadata (reported once per notebook)."""


def parse_code_cells(notebook: SubmittedNotebook) -> list[ParsedCell]:
    """Parse every code cell once; later lookups per question reuse the result."""
    return [
        ParsedCell(cell, parse_source(cell.source))
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


def find_answer(quiz_id: str, question_id: str, parsed: list[ParsedCell]) -> FoundAnswer:
    """Locate and read the answer to one question, saying what was done when it was unusual."""
    tagged = [entry for entry in parsed if _tagged_for(entry.cell, quiz_id, question_id)]
    assigning = [entry for entry in parsed if question_id in entry.assignments]
    problems: list[Problem] = []
    if not assigning:
        broken = next((entry for entry in tagged if entry.error), None)
        if broken is not None:
            message = (
                f"the answer cell is not valid Python ({broken.error}); write {question_id} = …"
            )
            problem = Problem(ProblemKind.answer_unreadable, message, question_id)
            return FoundAnswer(None, broken.cell.source.strip(), False, (problem,))
        message = f"no cell assigns {question_id}; was the answer cell deleted or renamed?"
        problem = Problem(ProblemKind.answer_missing, message, question_id)
        return FoundAnswer(None, None, False, (problem,))
    if len(assigning) > 1:
        cells = ", ".join(str(entry.cell.index + 1) for entry in assigning)
        message = f"assigned in {len(assigning)} cells ({cells}); the last one counts"
        problems.append(Problem(ProblemKind.answer_duplicated, message, question_id))
    chosen = assigning[-1]
    if chosen.other_statements:
        message = "the answer cell holds other code too; it was ignored (nothing is ever run)"
        problems.append(Problem(ProblemKind.extra_code_ignored, message, question_id))
    assignment = chosen.assignments[question_id]
    by_name = not _tagged_for(chosen.cell, quiz_id, question_id)
    try:
        value = ast.literal_eval(assignment.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        problems.append(_not_a_literal(question_id, assignment))
        return FoundAnswer(None, assignment.source, False, tuple(problems), by_name)
    return FoundAnswer(value, assignment.source, True, tuple(problems), by_name)


def _tagged_for(cell: SubmittedCell, quiz_id: str, question_id: str) -> bool:
    return cell.quiz.get("question") == question_id and cell.quiz.get("quiz", quiz_id) == quiz_id


@lru_cache(maxsize=4096)
def parse_source(source: str) -> CellSyntax:
    """Parse one cell's source; cached, since most cells are the same in every submission."""
    if len(source) > MAX_ANSWER_SOURCE:
        return CellSyntax({}, True, f"cell is {len(source):,} characters long")
    try:
        tree = ast.parse(_without_ipython_lines(source))
    except SyntaxError as error:
        return CellSyntax({}, True, f"line {error.lineno}: {error.msg}")
    except (ValueError, MemoryError, RecursionError) as error:
        return CellSyntax({}, True, type(error).__name__)
    assignments: dict[str, Assignment] = {}
    other = False
    for statement in tree.body:
        targets = _simple_targets(statement)
        if targets is None:
            other = True
            continue
        value = statement.value  # type: ignore[attr-defined]
        for name in targets:
            assignments[name] = Assignment(value, source)
    return CellSyntax(assignments, other, None)


def _simple_targets(statement: ast.stmt) -> list[str] | None:
    """Names assigned by ``a = …``, ``a = b = …`` or ``a: T = …``; None for anything else."""
    if isinstance(statement, ast.Assign) and all(
        isinstance(target, ast.Name) for target in statement.targets
    ):
        return [target.id for target in statement.targets]  # type: ignore[attr-defined]
    if (
        isinstance(statement, ast.AnnAssign)
        and isinstance(statement.target, ast.Name)
        and statement.value is not None
    ):
        return [statement.target.id]
    return None


def _without_ipython_lines(source: str) -> str:
    """Blank out IPython magics and shell escapes (``%time``, ``!ls``): not Python, never run."""
    lines = source.split("\n")
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)


def _not_a_literal(question_id: str, assignment: Assignment) -> Problem:
    node = assignment.value
    shown = assignment.source if len(assignment.source) <= 60 else assignment.source[:57] + "..."
    if isinstance(node, ast.Name):
        hint = f'put text in quotes, like {question_id} = "{node.id}"'
    elif isinstance(node, ast.Call):
        hint = "it calls code, and nothing is run when grading; write the value itself"
    else:
        hint = "write a plain value: a label in quotes, a list, a number, True or False"
    message = f"{question_id} = {shown} is not a plain value; {hint}"
    return Problem(ProblemKind.answer_unreadable, message, question_id)
