"""The clean-up IPython applies to a cell before Python parses it, redone without IPython.

A learner who indents the whole cell (``    q1 = "C"``) or pastes from a console
(``>>> q1 = "C"``, ``In [3]: q1 = "C"``) sees the kernel run the cell, and the check cell
call the answer well formed. The grader must read the same assignment, so it applies the
same four steps as IPython's ``TransformerManager.cleanup_transforms`` (leading blank lines,
common indentation, classic prompts as doctest does, IPython prompts), with the same
patterns. It only rewrites text; nothing is run. Tests compare it with IPython itself.
"""

from __future__ import annotations

import re
from textwrap import dedent

CLASSIC_PROMPT_LINE = re.compile(r"^\s*>>>")
CLASSIC_FIRST_PROMPT = re.compile(r"^\s*>>>[ \t]?")
CLASSIC_CONTINUATION = re.compile(r"^\s*\.\.\.[ \t]?")
IPYTHON_PROMPT = re.compile(r"^(((\[nav\]|\[ins\])?\ )?In\ \[\d+\]:\ |\s*\.{3,}:\ ?)")


def as_ipython_parses(source: str) -> str:
    """``source`` as IPython hands it to Python's parser (magics are left in place)."""
    if not (source[:1].isspace() or ">>>" in source or "In [" in source or "...:" in source):
        return source  # the common case: nothing to clean up
    lines = source.splitlines(keepends=True)
    lines = _without_leading_blank_lines(lines)
    lines = dedent("".join(lines)).splitlines(keepends=True)
    lines = _without_classic_prompts(lines)
    lines = _without_ipython_prompts(lines)
    return "".join(lines)


def _without_leading_blank_lines(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if line and not line.isspace():
            return lines[index:]
    return lines


def _without_classic_prompts(lines: list[str]) -> list[str]:
    """``>>>`` and ``...`` prompts, stripped only when a ``>>>`` shows it is a paste."""
    if not any(CLASSIC_PROMPT_LINE.match(line) for line in lines):
        return lines
    stripped = []
    for line in lines:
        if CLASSIC_FIRST_PROMPT.match(line):
            line = CLASSIC_FIRST_PROMPT.sub("", line, count=1)
        elif CLASSIC_CONTINUATION.match(line):
            line = CLASSIC_CONTINUATION.sub("", line, count=1)
        stripped.append(line)
    return dedent("".join(stripped)).splitlines(keepends=True)


def _without_ipython_prompts(lines: list[str]) -> list[str]:
    """``In [3]:`` and ``...:`` prompts, when one of the first two lines has one."""
    if not lines:
        return lines
    if IPYTHON_PROMPT.match(lines[0]) or (len(lines) > 1 and IPYTHON_PROMPT.match(lines[1])):
        return [IPYTHON_PROMPT.sub("", line, count=1) for line in lines]
    return lines
