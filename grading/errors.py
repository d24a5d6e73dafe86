"""The package's exceptions: one root, a child for each kind of input that can be wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class GradingError(Exception):
    """Root of every error this package raises on purpose; the CLI turns it into exit code 2."""


@dataclass(frozen=True)
class QuizProblem:
    """One thing wrong in a quiz file, located as precisely as the file allows."""

    path: Path
    message: str
    line: int | None = None
    question: str | None = None

    def __str__(self) -> str:
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        about = f" [question {self.question}]" if self.question else ""
        return f"{where}{about}: {self.message}"


class QuizDefinitionError(GradingError):
    """A quiz file (or a set of them) is invalid; carries every problem found, not only one."""

    def __init__(self, problems: list[QuizProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class QuizNotFoundError(GradingError):
    """A quiz id was asked for that no file in the quiz folder defines."""
