"""``python -m grading`` is the ``caio`` command."""

from grading.cli import main

main()
