"""Chromium (Debian's, never a downloaded one), a local web server, and pages that record
every request and console error.

Without chromium or Playwright the tests skip locally, and fail when ``CI`` is set.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sphinx.testing.util import SphinxTestApp

CHROMIUM = Path(os.environ.get("CAIO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SAMPLE_PROJECT = Path(__file__).resolve().parents[1] / "sphinx_ext" / "sample_project"
BOOK_BUILD = Path(__file__).resolve().parents[1] / "book" / "book_build.py"
BOOK_BUILD_MODULE = "caio_tests_book_build"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium, headless, with background networking switched off."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Keep test output clean."""


@functools.cache
def _serve(directory: Path) -> str:
    """Serve ``directory`` on localhost in a daemon thread; return its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> str:
    """The Sphinx sample project (one practice quiz of every type), built and served."""
    srcdir = tmp_path_factory.mktemp("browser-sample") / "src"
    shutil.copytree(SAMPLE_PROJECT, srcdir)
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == ""
    return _serve(Path(app.outdir))


@pytest.fixture(scope="session")
def book_html(tmp_path_factory) -> Path:
    """The real book's HTML folder, built once (shared with ``tests/book``)."""
    if BOOK_BUILD_MODULE not in sys.modules:
        spec = importlib.util.spec_from_file_location(BOOK_BUILD_MODULE, BOOK_BUILD)
        module = importlib.util.module_from_spec(spec)
        sys.modules[BOOK_BUILD_MODULE] = module
        spec.loader.exec_module(module)
    book = sys.modules[BOOK_BUILD_MODULE].build_book(tmp_path_factory.getbasetemp() / "book")
    assert book.returncode == 0, book.output[-4000:]
    return book.html


@pytest.fixture(scope="session")
def book_site(book_html: Path) -> str:
    """The real book's English edition, served on localhost."""
    return _serve(book_html)


@pytest.fixture(scope="session")
def editions_folder(book_html: Path) -> Path:
    """The whole site as published: one folder per edition (``en/``, ``de/``, ``vi/``)."""
    return book_html.parent


@pytest.fixture(scope="session")
def editions_site(editions_folder: Path) -> str:
    """The whole site, served on localhost: ``<url>de/book/intro.html``."""
    return _serve(editions_folder)


@dataclass
class Traffic:
    """What a page did on the network and in its console."""

    origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser, request):
    """Open ``url`` in a fresh context; requests to any other host are recorded and aborted."""
    contexts = []
    traffic_records: list[Traffic] = []

    def open_url(url: str, **context_options: object):
        context = browser.new_context(**context_options)
        contexts.append(context)
        traffic = Traffic(origin=urlsplit(url).netloc)
        traffic_records.append(traffic)

        def route(route_request) -> None:
            target = route_request.request.url
            if urlsplit(target).path == "/favicon.ico":
                # Chromium asks every site for one on its own; the book has none.
                route_request.fulfill(status=204)
                return
            traffic.requests.append(target)
            if urlsplit(target).netloc == traffic.origin:
                route_request.continue_()
            else:
                traffic.foreign.append(target)
                route_request.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on(
            "console",
            lambda message: message.type == "error" and traffic.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: traffic.console_errors.append(str(error)))
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and traffic.console_errors.append(f"{response.status} {response.url}")
            ),
        )
        page.goto(url)
        page.wait_for_load_state("load")
        return page, traffic

    yield open_url
    for traffic in traffic_records:
        assert traffic.foreign == [], f"requests to other hosts: {traffic.foreign}"
        assert traffic.console_errors == [], traffic.console_errors
    for context in contexts:
        context.close()
