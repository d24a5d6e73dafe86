"""The built book, shared with the browser tests (see ``book_build.py``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

MODULE = "caio_tests_book_build"


def book_build_module():
    """Load ``book_build.py`` once under a fixed name, whichever conftest asks first."""
    if MODULE not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            MODULE, Path(__file__).with_name("book_build.py")
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[MODULE] = module
        spec.loader.exec_module(module)
    return sys.modules[MODULE]


@pytest.fixture(scope="session")
def book(tmp_path_factory):
    """The book, built once per session with ``jupyter-book build -n -W --keep-going``."""
    return book_build_module().build_book(tmp_path_factory.getbasetemp() / "book")
