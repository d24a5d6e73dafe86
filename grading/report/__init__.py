"""Item analysis of a graded cohort and the self-contained HTML report (``caio report``)."""

from __future__ import annotations
