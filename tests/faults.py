"""Real faults for tests: a full disk (a 2 MB tmpfs) and immutable folders (``chattr +i``).

Both need root, which CI has. Elsewhere the tests that use them are skipped with the reason
shown (pytest's ``-ra``); under CI (``CI=true``) a missing privilege fails instead, so a fault
test can never be skipped where it must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def require_root(what: str) -> None:
    if os.geteuid() == 0:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} needs root, and CI runs as root")
    pytest.skip(f"{what} needs root (mount, chattr); run as root to include it")


@contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """``folder`` as a tmpfs of ``size``, unmounted afterwards."""
    require_root("a full-disk test")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system of ``folder`` until at most ``leave`` bytes are free."""
    free = shutil.disk_usage(folder).free - leave
    with (folder / ".filler").open("wb") as stream:
        block = b"\0" * 65536
        try:
            while free > 0:
                free -= stream.write(block[: max(1, min(len(block), free))])
                stream.flush()
        except OSError:
            pass


@contextmanager
def immutable(path: Path) -> Iterator[Path]:
    """``path`` with the immutable attribute set: not even root may change it."""
    require_root("an immutable-folder test")
    if shutil.which("chattr") is None:
        pytest.fail("chattr (e2fsprogs) is needed for the immutable-folder tests")
    result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        reason = f"this file system has no immutable attribute: {result.stderr.strip()}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI must run the immutable-folder tests)")
        pytest.skip(reason)
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (hidden ones too) with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".filler"
    }
