"""The fault helpers themselves: under CI a fault test fails rather than skip."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests import faults


@pytest.fixture
def no_immutable_attribute(monkeypatch: pytest.MonkeyPatch) -> None:
    """Root, with chattr installed, on a file system that has no immutable attribute."""
    monkeypatch.setattr(faults.os, "geteuid", lambda: 0)
    monkeypatch.setattr(faults.shutil, "which", lambda name: f"/usr/bin/{name}")

    def chattr(arguments, **options) -> subprocess.CompletedProcess[str]:
        message = f"chattr: Operation not supported while setting flags on {arguments[-1]}"
        return subprocess.CompletedProcess(arguments, 1, "", message)

    monkeypatch.setattr(faults.subprocess, "run", chattr)


def outcome_of_immutable(path: Path) -> tuple[str, str]:
    """What ``faults.immutable`` did: ``("failed" | "skipped" | "entered", message)``."""
    try:
        with faults.immutable(path):
            return "entered", ""
    except pytest.fail.Exception as failure:
        return "failed", str(failure)
    except pytest.skip.Exception as skip:
        return "skipped", str(skip)


@pytest.mark.usefixtures("no_immutable_attribute")
def test_no_immutable_attribute_fails_under_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    outcome, message = outcome_of_immutable(tmp_path)
    assert outcome == "failed"
    assert "no immutable attribute: chattr: Operation not supported" in message


@pytest.mark.usefixtures("no_immutable_attribute")
def test_no_immutable_attribute_skips_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    outcome, message = outcome_of_immutable(tmp_path)
    assert outcome == "skipped"
    assert "no immutable attribute: chattr: Operation not supported" in message
