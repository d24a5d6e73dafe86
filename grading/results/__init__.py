"""The results contract of ``caio grade``: the data, results.json written and read back, its schema.

Every tool downstream of grading (the report, the course gradebook, LMS exports) reads
results through this package, so the layout of results.json is defined in one place.
"""

from __future__ import annotations
