"""Learner notebooks: one ``.ipynb`` per graded quiz, built from the learner-safe view only.

The notebook follows the answer contract in the README: each answer cell carries
``metadata.quiz = {"quiz": <quiz id>, "question": <question id>}`` and assigns a placeholder to
a variable named after the question; the notebook carries ``metadata.quiz = {"id", "version"}``.
Cell ids are derived from question ids so that building twice gives the same file.
"""

from __future__ import annotations

import ast
import inspect
import pprint
from pathlib import Path
from typing import Any

import nbformat
from nbformat.notebooknode import NotebookNode

from grading.atomic_write import write_atomically
from grading.messages import SOURCE_LANGUAGE, message
from grading.notebooks.prompts import answer_hint, prompt_markdown
from grading.quiz import answer_format
from grading.quiz.model import Quiz
from grading.quiz.public import answer_spec, public_quiz, quiz_version
from grading.quiz.translations import answer_format_words

NOTEBOOK_SUFFIX = ".ipynb"


def build_learner_notebook(quiz: Quiz, lang: str = SOURCE_LANGUAGE) -> NotebookNode:
    """Return the learner notebook of a quiz (header, prompt + answer per question, check).

    ``quiz`` is the quiz of the edition in ``lang`` (see
    :func:`grading.quiz.translations.quiz_in_language`); the notebook's own words come from
    that language's message catalog, and ``metadata.quiz.lang`` tells the grader the edition.
    """
    view = public_quiz(quiz)
    cells = [_header_cell(view, lang)]
    for question in view["questions"]:
        cells.append(_prompt_cell(quiz.id, question, lang))
        cells.append(_answer_cell(quiz.id, question, lang))
    cells.extend(_check_cells(quiz, lang))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update(
        {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "quiz": {"id": quiz.id, "version": quiz_version(quiz), "lang": lang},
        }
    )
    nbformat.validate(notebook)
    return notebook


def write_learner_notebook(quiz: Quiz, directory: Path, lang: str = SOURCE_LANGUAGE) -> Path:
    """Write ``<directory>/<quiz id>.ipynb`` atomically and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{quiz.id}{NOTEBOOK_SUFFIX}"
    # Not tempfile.mkstemp: its 0600 mode stayed on the notebook (and on the book's
    # _downloads copy), so a web server running as another user could not serve it.
    notebook = build_learner_notebook(quiz, lang)
    write_atomically(target, nbformat.writes(notebook).encode("utf-8"))
    return target


def _header_cell(view: dict[str, Any], lang: str) -> NotebookNode:
    lines = [f"# {view['title']}", ""]
    if view["intro"]:
        lines += [view["intro"], ""]
    lines.append(message(lang, "notebook.instructions"))
    return _markdown("\n".join(lines), "header", {})


def _prompt_cell(quiz_id: str, question: dict[str, Any], lang: str) -> NotebookNode:
    metadata = {"quiz": {"quiz": quiz_id, "question": question["id"], "role": "prompt"}}
    return _markdown(prompt_markdown(question, lang), f"{question['id']}-prompt", metadata)


def _answer_cell(quiz_id: str, question: dict[str, Any], lang: str) -> NotebookNode:
    kind = question["type"]
    hint = answer_hint(kind, lang).replace("q =", question["id"] + " =")
    source = f"# {question['id']}: {hint}\n{question['id']} = {answer_format.PLACEHOLDERS[kind]}"
    cell = nbformat.v4.new_code_cell(source=source)
    cell.id = f"{question['id']}-answer"
    cell.metadata = {"quiz": {"quiz": quiz_id, "question": question["id"]}}
    return cell


def _check_cells(quiz: Quiz, lang: str) -> list[NotebookNode]:
    intro = _markdown(message(lang, "notebook.check"), "check-intro", {})
    specs = {question.id: answer_spec(question) for question in quiz.questions}
    source = "\n".join(
        [
            _without_docstrings(inspect.getsource(answer_format)),
            "",
            "",
            f"_ANSWER_FORMATS = {pprint.pformat(specs, sort_dicts=False, width=96)}",
            *_check_words(lang),
            "check_answers(_ANSWER_FORMATS, globals())",
        ]
    )
    check = nbformat.v4.new_code_cell(source=source)
    check.id = "check-answers"
    check.metadata = {
        "quiz": {"quiz": quiz.id, "role": "check"},
        "jupyter": {"source_hidden": True},
    }
    return [intro, check]


def _check_words(lang: str) -> list[str]:
    """The check's words in ``lang``: none for English, which the module itself holds."""
    if lang == SOURCE_LANGUAGE:
        return []
    # As written in the catalog: the check cell fills the placeholders itself.
    words = answer_format_words(lang)
    return [f"WORDS.update({pprint.pformat(words, sort_dicts=False, width=96)})"]


def _without_docstrings(source: str) -> str:
    """The module's code without docstrings and comments: the check cell is in every
    submission, and at full length it was over 40 % of each notebook the grader reads."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            body[:] = [statement for statement in body if not _is_bare_string(statement)]
            if not body:
                body.append(ast.Pass())
    return ast.unparse(tree)


def _is_bare_string(statement: ast.AST) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _markdown(source: str, cell_id: str, metadata: dict[str, Any]) -> NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source=source)
    cell.id = cell_id
    cell.metadata = metadata
    return cell
