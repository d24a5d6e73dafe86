"""Grading one submitted notebook: reading its answers without running code, and scoring them."""

from __future__ import annotations
