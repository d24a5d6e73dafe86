"""The quiz model published as JSON Schema, so editors can check and complete quiz YAML."""

from __future__ import annotations

import json
from pathlib import Path

from grading.atomic_write import write_atomically
from grading.quiz.model import Quiz

SCHEMA_FILE_NAME = "quiz.schema.json"


def quiz_json_schema() -> str:
    """The JSON Schema text (stable key order, so the committed file diffs cleanly)."""
    schema = Quiz.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "CAIO Course quiz"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_quiz_json_schema(folder: Path) -> Path:
    """Replace ``folder/quiz.schema.json`` as a whole (the folder is made if missing); a
    fault raises :class:`~grading.atomic_write.OutputWriteError` naming the path and cause."""
    path = folder / SCHEMA_FILE_NAME
    write_atomically(path, quiz_json_schema().encode("utf-8"))
    return path
