"""Build the real book once per test session, in a temporary copy of the repository's book.

Shared by ``tests/book`` and ``tests/browser`` (each conftest loads this file under one module
name, so the cached build is shared too).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BOOK_FILES = ("_config.yml", "_toc.yml", "book", "quizzes")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class BookBuild:
    """The copy that was built, its HTML folder, and what ``jupyter-book`` said."""

    root: Path
    html: Path
    returncode: int
    output: str


@functools.cache
def build_book(destination: Path) -> BookBuild:
    """Copy the book into ``destination`` and build it nitpicky, warnings as errors."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in BOOK_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    completed = subprocess.run(
        [str(jupyter_book), "build", str(destination), "-n", "-W", "--keep-going"],
        cwd=destination,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    output = ANSI_ESCAPE.sub("", completed.stdout + completed.stderr)
    return BookBuild(destination, destination / "_build" / "html", completed.returncode, output)
