"""One grading run (``caio grade``, ``caio grade-zip``): discovery, workers, outputs, staging.

The run calls down only: it finds the learners, hands batches to workers that grade each
file with :mod:`grading.grader` and render it with :mod:`grading.grade_outputs`, and swaps the
staged output folder in whole.
"""

from __future__ import annotations
