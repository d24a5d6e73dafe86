"""Round trips with learning-management systems: GIFT quizzes, grade CSVs, Gradescope JSON."""

from __future__ import annotations
