"""An answer's value from the source text results.json keeps, read the way the grader reads it.

The report counts chosen options and regrades rescore answers long after grading, from the
recorded text alone; both must read it exactly as grading did: a plain literal, never code.
"""

from __future__ import annotations

import ast

NOT_A_LITERAL = (ValueError, TypeError, SyntaxError, MemoryError, RecursionError)
"""What ``ast.literal_eval`` raises for text or a node that is not a plain literal."""


def answer_value(source: str | None) -> object:
    """The value of an answer's source text, or None when absent or not a plain literal."""
    if source is None:
        return None
    try:
        return ast.literal_eval(source)
    except NOT_A_LITERAL:
        return None
