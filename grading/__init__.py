"""The CAIO Course's quiz engine: quiz model, learner notebooks, grader, reports, book extension."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
