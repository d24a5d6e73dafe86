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
from functools import cached_property, lru_cache
from typing import NamedTuple

from grading.grader.ipython_input import as_ipython_parses
from grading.notebooks.read import SubmittedCell, SubmittedNotebook
from grading.results.answer_value import NOT_A_LITERAL
from grading.results.model import Problem, ProblemKind

MAX_ANSWER_SOURCE = 20_000
"""Longer code cells are not parsed: an answer is one short line."""


@dataclass(frozen=True)
class Assignment:
    """One top-level ``name = value`` found in a code cell."""

    value: ast.expr
    cell_source: str

    @cached_property
    def source(self) -> str:
        """The value's source text, as the learner wrote it (computed once per source)."""
        return ast.get_source_segment(self.cell_source, self.value) or ast.unparse(self.value)

    @cached_property
    def literal(self) -> tuple[bool, object]:
        """``(True, value)`` for a plain literal, else ``(False, None)``; computed once."""
        try:
            return True, ast.literal_eval(self.value)
        except NOT_A_LITERAL:
            return False, None


@dataclass(frozen=True)
class CellSyntax:
    """What parsing a cell's source gave; shared by every cell with the same source."""

    assignments: dict[str, Assignment]
    other_statements: bool
    error: str | None


class ParsedCell(NamedTuple):
    """A code cell and its parsed top-level assignments, or why it could not be parsed."""

    cell: SubmittedCell
    syntax: CellSyntax


@dataclass(frozen=True)
class FoundAnswer:
    """What stands for one question's answer: a value, or nothing and a problem."""

    value: object
    source: str | None
    readable: bool
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class AnswerCells:
    """A notebook's code cells, indexed once by the question they are tagged for or assign."""

    quiz_id: str
    tagged: dict[str, list[ParsedCell]]
    assigning: dict[str, list[ParsedCell]]

    def tagged_positions(self, question_ids: list[str]) -> list[int]:
        """Cell positions of the tagged answer cells, taken in the order of ``question_ids``."""
        return [self.tagged[qid][0].cell.index for qid in question_ids if qid in self.tagged]

    def found_by_name(self, question_id: str) -> bool:
        """True when the counted answer sits in a cell that lost its quiz metadata."""
        assigning = self.assigning.get(question_id)
        return bool(assigning) and not _tagged_for(assigning[-1].cell, self.quiz_id, question_id)

    def find(self, question_id: str) -> FoundAnswer:
        """Locate and read one answer, saying what was done when it was unusual."""
        assigning = self.assigning.get(question_id, [])
        if not assigning:
            return self._absent(question_id)
        problems: list[Problem] = []
        if len(assigning) > 1:
            cells = ", ".join(str(entry.cell.index + 1) for entry in assigning)
            message = f"assigned in {len(assigning)} cells ({cells}); the last one counts"
            problems.append(Problem(ProblemKind.answer_duplicated, message, question_id))
        chosen = assigning[-1]
        if chosen.syntax.other_statements:
            message = "the answer cell holds other code too; it was ignored (nothing is ever run)"
            problems.append(Problem(ProblemKind.extra_code_ignored, message, question_id))
        assignment = chosen.syntax.assignments[question_id]
        readable, value = assignment.literal
        if not readable:
            problems.append(_not_a_literal(question_id, assignment))
        return FoundAnswer(value, assignment.source, readable, tuple(problems))

    def _absent(self, question_id: str) -> FoundAnswer:
        broken = next(
            (entry for entry in self.tagged.get(question_id, []) if entry.syntax.error), None
        )
        if broken is not None:
            message = f"the answer cell is not valid Python ({broken.syntax.error})"
            problem = Problem(ProblemKind.answer_unreadable, message, question_id)
            return FoundAnswer(None, broken.cell.source.strip(), False, (problem,))
        message = f"no cell assigns {question_id}; was the answer cell deleted or renamed?"
        problem = Problem(ProblemKind.answer_missing, message, question_id)
        return FoundAnswer(None, None, False, (problem,))


def index_answer_cells(notebook: SubmittedNotebook, quiz_id: str) -> AnswerCells:
    """Parse every code cell once (cached by source) and index it by question."""
    tagged: dict[str, list[ParsedCell]] = {}
    assigning: dict[str, list[ParsedCell]] = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        entry = ParsedCell(cell, parse_source(cell.source))
        question = cell.quiz.get("question")
        if isinstance(question, str) and _tagged_for(cell, quiz_id, question):
            tagged.setdefault(question, []).append(entry)
        for name in entry.syntax.assignments:
            assigning.setdefault(name, []).append(entry)
    return AnswerCells(quiz_id, tagged, assigning)


def _tagged_for(cell: SubmittedCell, quiz_id: str, question_id: str) -> bool:
    return cell.quiz.get("question") == question_id and cell.quiz.get("quiz", quiz_id) == quiz_id


@lru_cache(maxsize=4096)
def parse_source(source: str) -> CellSyntax:
    """Parse one cell's source; cached, since most cells are the same in every submission."""
    if len(source) > MAX_ANSWER_SOURCE:
        return CellSyntax({}, True, f"cell is {len(source):,} characters long")
    source = as_ipython_parses(source)
    try:
        tree = ast.parse(_without_ipython_lines(source))
    except SyntaxError as error:
        return CellSyntax({}, True, f"line {error.lineno}: {error.msg}")
    except (ValueError, MemoryError, RecursionError) as error:
        return CellSyntax({}, True, type(error).__name__)
    assignments: dict[str, Assignment] = {}
    other = False
    for statement in tree.body:
        assigned = _assigned_values(statement)
        if assigned is None:
            other = True
            continue
        for name, value in assigned:
            assignments[name] = Assignment(value, source)
    return CellSyntax(assignments, other, None)


def _assigned_values(statement: ast.stmt) -> list[tuple[str, ast.expr]] | None:
    """``(name, value)`` for ``a = …``, ``a = b = …``, ``a: T = …`` and the unpacking the
    kernel runs the same way, ``a, b = 1, 2``; None for anything else."""
    if isinstance(statement, ast.Assign):
        if all(isinstance(target, ast.Name) for target in statement.targets):
            return [(target.id, statement.value) for target in statement.targets]  # type: ignore[attr-defined]
        if len(statement.targets) == 1:
            return _unpacked(statement.targets[0], statement.value)
        return None
    if (
        isinstance(statement, ast.AnnAssign)
        and isinstance(statement.target, ast.Name)
        and statement.value is not None
    ):
        return [(statement.target.id, statement.value)]
    return None


def _unpacked(target: ast.expr, value: ast.expr) -> list[tuple[str, ast.expr]] | None:
    """``q1, q8 = "A", "B"``: each name with its own element, when both sides are plain
    tuples or lists of one length (no starred parts, no nesting)."""
    sequences = (ast.Tuple, ast.List)
    if not (isinstance(target, sequences) and isinstance(value, sequences)):
        return None
    names, values = target.elts, value.elts
    plain = all(isinstance(name, ast.Name) for name in names)
    if not plain or len(names) != len(values) or any(isinstance(v, ast.Starred) for v in values):
        return None
    return [(name.id, element) for name, element in zip(names, values, strict=True)]  # type: ignore[attr-defined]


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
