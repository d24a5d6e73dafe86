"""How long each install of caio-course takes, and how many packages it brings.

Makes a fresh virtual environment per variant (the core install, which grades, and the
``[book]`` extra, which builds the book), installs the project into it with pip, and prints
the wall time and the number of distributions installed besides pip itself. pip's cache is
used as it is on the machine: a first run downloads, later runs reuse wheels, so say which.

    python benchmarks/install_size.py [--variants core book]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VARIANTS = {"core": ".", "book": ".[book]"}


def measure(variant: str) -> tuple[float, int]:
    """(seconds for pip install, packages in the environment besides pip and setuptools).

    The project is installed from a copy of its tracked files, so the build leaves nothing
    in the work tree."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source"
        tracked = subprocess.run(
            ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.splitlines()
        for name in tracked:
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
        venv.create(folder, with_pip=True)
        python = str(Path(folder) / "bin" / "python")
        start = time.perf_counter()
        subprocess.run(
            [
                python,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                VARIANTS[variant],
            ],
            cwd=source,
            check=True,
        )
        seconds = time.perf_counter() - start
        listed = subprocess.run(
            [python, "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        packages = [line for line in listed if not line.startswith(("pip==", "setuptools=="))]
        return seconds, len(packages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="+", choices=sorted(VARIANTS), default=["core", "book"])
    arguments = parser.parse_args()
    print(f"{'install':<28} {'seconds':>8} {'packages':>9}")
    for variant in arguments.variants:
        seconds, count = measure(variant)
        print(f"pip install '{VARIANTS[variant]}'".ljust(28) + f" {seconds:8.1f} {count:9d}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
