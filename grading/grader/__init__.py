"""Grading submitted notebooks: finding them, reading answers without running code, scoring."""
