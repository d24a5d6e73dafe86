"""A tiny book for the quiz extension's tests: one practice quiz of every type, one graded."""

project = "Quiz sample"
copyright = "2026, The CAIO Course contributors"  # EPUB 3 requires one
extensions = ["myst_parser", "grading.sphinx_ext"]
exclude_patterns = ["_build", "quizzes"]
suppress_warnings = ["epub.unknown_project_files"]
