"""The extension's configuration: one dataclass, each field with a default, help and a validator.

Each field ``name`` is the Sphinx config value ``caio_<name>``. An invalid value is reported as
a ``caio.config`` warning and replaced by the default, so a typo never stops a build halfway.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.config import Config

from grading.sphinx_ext.diagnostics import CaioWarning, warn

PREFIX = "caio_"


def _folder(value: object) -> str | None:
    """A non-empty path string; a problem message otherwise."""
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty path string"
    return None


def _output_subfolder(value: object) -> str | None:
    """A relative POSIX path that stays inside the output folder (it becomes part of URLs)."""
    problem = _folder(value)
    if problem:
        return problem
    path = PurePosixPath(str(value))
    if path.is_absolute() or ".." in path.parts or "\\" in str(value):
        return "must be a relative path with '/' separators, inside the output folder"
    return None


@dataclass(frozen=True)
class QuizSettings:
    """Where quizzes come from and where their learner notebooks go."""

    quiz_dir: str = field(
        default="quizzes",
        metadata={
            "help": "Folder of quiz YAML files, relative to the Sphinx configuration folder.",
            "validator": _folder,
        },
    )
    notebook_dir: str = field(
        default="_downloads/quizzes",
        metadata={
            "help": "Folder of the HTML output that receives graded quizzes' notebooks.",
            "validator": _output_subfolder,
        },
    )

    @classmethod
    def from_config(cls, config: Config) -> QuizSettings:
        """The settings as the (already validated) Sphinx config holds them."""
        return cls(**{item.name: getattr(config, PREFIX + item.name) for item in _fields()})

    def quiz_folder(self, confdir: str | Path) -> Path:
        """The quiz folder as an absolute path (relative values start at ``confdir``)."""
        return Path(confdir) / self.quiz_dir


def _fields() -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(QuizSettings)


def validate_config(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: warn about every invalid ``caio_*`` value and use its default."""
    for item in _fields():
        name = PREFIX + item.name
        validator: Callable[[object], str | None] = item.metadata["validator"]
        problem = validator(getattr(config, name))
        if problem:
            warn(CaioWarning.config, f"{name} {problem}; using the default {item.default!r}")
            setattr(config, name, item.default)


def setup_config(app: Sphinx) -> None:
    """Register every field as a config value that invalidates the environment when changed."""
    for item in _fields():
        app.add_config_value(PREFIX + item.name, item.default, "env", types=[str])
    app.connect("config-inited", validate_config)
