"""Time creating N folders with a page each, and N pages in one folder, quiet and after a delete.

Grading used to write ``feedback/<learner>/<quiz>.md``, a folder and a page per learner; it now
writes ``feedback/<quiz>/<learner>.md``, the pages side by side. On some disks creating files
and folders is cheap one minute and expensive the next: on ext4 without a journal (this
project's VM) every new inode is slow for a while after many were deleted (see
``grade_benchmark.py``). This prints both layouts' cost in three situations, so grading
benchmarks on a machine can be read with that in mind.

    python benchmarks/folder_creation.py                 # 10,000 folders, 60 s settle time
    python benchmarks/folder_creation.py --count 20000 --settle 120 --where /tmp
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

PAGE = b"x" * 3000
"""About the size of one feedback page."""


def create_folders(parent: Path, count: int) -> float:
    """Seconds to create ``count`` folders side by side under ``parent``, each with one page,
    as grading wrote ``feedback/<learner>/<quiz>.md`` before."""
    parent.mkdir()
    start = time.perf_counter()
    for number in range(count):
        folder = parent / f"learner{number:05}"
        folder.mkdir()
        (folder / "quiz.md").write_bytes(PAGE)
    return time.perf_counter() - start


def create_pages(parent: Path, count: int) -> float:
    """Seconds to write ``count`` pages side by side in one new folder under ``parent``, as
    grading writes ``feedback/<quiz>/<learner>.md``."""
    parent.mkdir()
    start = time.perf_counter()
    for number in range(count):
        (parent / f"learner{number:05}__quiz.md").write_bytes(PAGE)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--settle", type=float, default=60, help="seconds to wait for quiet")
    parser.add_argument("--where", type=Path, default=None, help="folder on the disk to test")
    arguments = parser.parse_args()
    count = arguments.count
    with tempfile.TemporaryDirectory(dir=arguments.where) as scratch:
        root = Path(scratch)
        os.sync()
        time.sleep(arguments.settle)
        _report(count, "quiet disk", create_folders(root / "first", count))
        _report_pages(count, create_pages(root / "first-pages", count))
        shutil.rmtree(root / "first")
        _report(count, "right after deleting as many", create_folders(root / "second", count))
        _report_pages(count, create_pages(root / "second-pages", count))
        os.sync()
        time.sleep(arguments.settle)
        _report(count, f"{arguments.settle:g} s after that", create_folders(root / "third", count))
        _report_pages(count, create_pages(root / "third-pages", count))


def _report(count: int, situation: str, seconds: float) -> None:
    print(f"{count:>7,} folders, {situation:<30} {seconds:6.2f} s")


def _report_pages(count: int, seconds: float) -> None:
    print(f"{count:>7,} pages, no folders, {'just after':<23} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
