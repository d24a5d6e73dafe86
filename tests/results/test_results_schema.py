"""results.json, its published schema and its reader agree with each other and with the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema_rs
import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.results.model import Outcome, ProblemKind, Severity, Status
from grading.results.read_json import SCHEMA_FILE, ResultsFileError, load_results
from tests.conftest import QUIZ_DIR

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def samples_results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """results.json of the bundled samples (broken and tampered ones included)."""
    out = tmp_path_factory.mktemp("graded") / "out"
    arguments = ["grade", str(REPO / "samples" / "submissions"), "-o", str(out)]
    CliRunner().invoke(app, [*arguments, "--quizzes", str(QUIZ_DIR), "--jobs", "1"])
    return json.loads((out / "results.json").read_text(encoding="utf-8"))


def _schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_what_caio_grade_writes_is_valid_under_the_published_schema(samples_results) -> None:
    errors = list(jsonschema_rs.validator_for(_schema()).iter_errors(samples_results))
    assert errors == []
    assert {entry["status"] for entry in samples_results["submissions"]} == {
        "graded",
        "graded_with_problems",
        "not_graded",
    }


def test_the_schema_names_every_value_the_model_can_write() -> None:
    submission = _schema()["$defs"]["submission"]["properties"]
    problem = submission["problems"]["items"]["properties"]
    question = submission["questions"]["items"]["properties"]
    assert problem["kind"]["enum"] == [kind.value for kind in ProblemKind]
    assert problem["severity"]["enum"] == [severity.value for severity in Severity]
    assert question["outcome"]["enum"] == [outcome.value for outcome in Outcome]
    assert submission["status"]["enum"] == [status.value for status in Status]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda doc: doc["submissions"][0].update(total="1.5"), "at submissions/0/total"),
        (lambda doc: doc["submissions"][0].pop("learner"), "at submissions/0"),
        (lambda doc: doc["quizzes"].update(x={"title": 3}), "at quizzes/x"),
        (
            lambda doc: doc.update(schema_version=2),
            "has schema_version 2; this caio reads version 1",
        ),
        (lambda doc: doc.pop("submissions"), "at the top level"),
    ],
)
def test_a_damaged_results_file_is_refused_naming_the_place(
    samples_results, tmp_path: Path, damage, expected: str
) -> None:
    document = json.loads(json.dumps(samples_results))
    damage(document)
    path = tmp_path / "results.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ResultsFileError, match=re.escape(expected)) as raised:
        load_results(path)
    assert str(path) in str(raised.value)


def test_the_reader_takes_back_what_the_writer_wrote(samples_results, tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text(json.dumps(samples_results), encoding="utf-8")
    results = load_results(path)
    graded = [e for e in samples_results["submissions"] if e["status"] != "not_graded"]
    assert len(results.attempts) == len(graded)
    assert results.not_graded == len(samples_results["submissions"]) - len(graded)
    first = results.attempts[0]
    entry = graded[0]
    assert (first.learner, first.quiz, first.file) == (
        entry["learner"],
        entry["quiz"],
        entry["file"],
    )
    assert str(first.total) == entry["total"]
