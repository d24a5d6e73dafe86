"""Rendering grading results: gradebook CSV, results JSON and per-learner feedback."""
