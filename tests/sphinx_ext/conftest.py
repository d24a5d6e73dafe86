"""Build the sample project (``sample_project/``) with Sphinx in a temporary copy."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
SAMPLE_PROJECT = Path(__file__).resolve().parent / "sample_project"


@dataclass(frozen=True)
class Built:
    """A finished build: its source copy, output folder and warnings."""

    srcdir: Path
    outdir: Path
    warnings: str

    def page(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


BuildProject = Callable[..., Built]


@pytest.fixture
def build_project(tmp_path: Path) -> BuildProject:
    """Copy the sample project, apply ``files`` (relative path → text), build, return it."""

    def build(
        buildername: str = "html",
        files: dict[str, str] | None = None,
        confoverrides: dict[str, Any] | None = None,
        name: str = "",
    ) -> Built:
        """``name`` tells apart two builds with the same builder in one test."""
        srcdir = tmp_path / f"src-{buildername}{'-' + name if name else ''}"
        shutil.copytree(SAMPLE_PROJECT, srcdir)
        for relative, text in (files or {}).items():
            (srcdir / relative).parent.mkdir(parents=True, exist_ok=True)
            (srcdir / relative).write_text(text, encoding="utf-8")
        warnings = StringIO()
        app = SphinxTestApp(
            buildername,
            srcdir=srcdir,
            freshenv=True,
            confoverrides=confoverrides,
            status=StringIO(),
            warning=warnings,
        )
        try:
            app.build()
        finally:
            app.cleanup()
        return Built(srcdir, Path(app.outdir), ANSI_ESCAPE.sub("", warnings.getvalue()))

    return build
