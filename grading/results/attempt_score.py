"""The score of one attempt as the course gradebook holds it, for the exports that read it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class AttemptScore:
    """The current (possibly regraded) score of one recorded attempt."""

    attempt_id: int
    learner: str
    quiz: str
    recorded_at: str
    points: Fraction
    max_points: Fraction

    @property
    def share(self) -> Fraction:
        return self.points / self.max_points if self.max_points else Fraction(0)
