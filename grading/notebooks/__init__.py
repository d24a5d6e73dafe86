"""Learner notebooks: building them from a quiz and reading submitted ones safely."""
