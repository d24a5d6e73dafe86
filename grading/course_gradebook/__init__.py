"""The course gradebook: every graded attempt in one SQLite file, exports and regrades."""

from __future__ import annotations
