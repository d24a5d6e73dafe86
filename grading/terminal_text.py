"""Text from submissions, made safe to print on a terminal or write to a log.

A file named with an escape sequence (``ESC]0;…`` sets the window title, ``ESC[2J`` clears
the screen) would act on the instructor's terminal if printed raw. Control characters, and
the invisible marks that reorder text (bidirectional overrides), are shown as ``\\x1b``-style
escapes instead; every other character prints as itself.
"""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\u202e``)."""
    return CONTROL_CHARACTERS.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
