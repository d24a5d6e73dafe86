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
BOOK_FILES = ("_config.yml", "_toc.yml", "book", "quizzes", "locales")
EDITIONS = ("en", "de", "vi")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class BookBuild:
    """The copy that was built, its English edition, the whole site, and what the build said."""

    root: Path
    html: Path
    """The English edition, ``_build/html/en``."""
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        """``_build/html``: every edition, as published."""
        return self.html.parent

    def edition(self, lang: str) -> Path:
        return self.site / lang


@functools.cache
def build_book(destination: Path) -> BookBuild:
    """Copy the book into ``destination`` and build every edition as ``make book`` does:
    nitpicky, warnings as errors."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in BOOK_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    completed = subprocess.run(
        [sys.executable, "-m", "grading.sphinx_ext.editions", "--root", str(destination)],
        cwd=destination,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    output = ANSI_ESCAPE.sub("", completed.stdout + completed.stderr)
    html = destination / "_build" / "html" / "en"
    return BookBuild(destination, html, completed.returncode, output)
