"""Regrades: corrections as data, applied to recorded attempts, deterministic and checked."""

from __future__ import annotations

from contextlib import closing
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grading.cli import app
from grading.cli_instructor import register
from grading.course_gradebook.course_export import Policy, counted_attempts
from grading.course_gradebook.database import open_gradebook
from grading.course_gradebook.record import record_results
from grading.course_gradebook.regrade import apply_regrades
from grading.course_gradebook.regrade_file import RegradeFileError, load_regrades
from grading.quiz.loading import load_quizzes
from grading.quiz.public import quiz_version
from grading.results.read_json import load_results

CORRECTIONS = """\
quiz: caio-responsibilities
corrections:
  - question: q5
    action: drop
    reason: Ambiguous.
  - question: q8
    action: full_points
    reason: The key was wrong.
  - question: q4
    action: accept
    answers: [4]
    reason: Four is defensible.
"""


def regrade(db_path: Path, quizzes: Path) -> list:
    loaded = load_quizzes(quizzes)
    with closing(open_gradebook(db_path)) as db:
        return apply_regrades(db, loaded, load_regrades(quizzes, loaded))


@pytest.fixture
def recorded(graded: Path, tmp_path: Path) -> Path:
    db_path = tmp_path / "g.sqlite"
    with closing(open_gradebook(db_path)) as db:
        record_results(db, load_results(graded))
    return db_path


def totals(db_path: Path) -> dict[str, tuple[Fraction, Fraction]]:
    with closing(open_gradebook(db_path)) as db:
        chosen = counted_attempts(db, Policy.latest)
    return {learner: (s.points, s.max_points) for (learner, _), s in chosen.items()}


def test_corrections_change_exactly_the_affected_scores(recorded, quizzes: Path) -> None:
    (quizzes / "caio-responsibilities.regrade.yml").write_text(CORRECTIONS, encoding="utf-8")
    changes = {change.learner: change for change in regrade(recorded, quizzes)}
    after = totals(recorded)
    # amara: full marks before; q5 dropped (-1 point, -1 max), q8 already right -> 13 of 13
    assert after["amara-okafor"] == (13, 13)
    # bruno: 36/5 of 14; q5 right (dropped: -1), q4 = 4 now accepted (+1) -> 36/5 of 13
    assert after["bruno-silva"] == (Fraction(36, 5), 13)
    assert "bruno-silva" in changes  # the maximum changed
    # dana: 11 of 14; q5 right (-1), q8 = f() unreadable but full points for all (+1); q4 = 6
    assert after["dana-kowalski"] == (11, 13)
    # linh: 8 of 14; q5 right (-1), q8 unanswered gets full points (+1) -> 8 of 13
    assert after["linh-nguyen"] == (8, 13)
    assert changes["gita-rao"].before == 5
    assert changes["gita-rao"].after == 5  # q5 -1, q8 +1


def test_a_correction_for_old_quiz_versions_leaves_attempts_at_the_new_version_alone(
    recorded, quizzes: Path
) -> None:
    """Bruno's q4 = 4 is accepted only where the correction names his attempt's version."""
    current = quiz_version(load_quizzes(quizzes)["caio-responsibilities"])
    regrade_file = quizzes / "caio-responsibilities.regrade.yml"
    accept_four = "  - question: q4\n    action: accept\n    answers: [4]\n    reason: Old key.\n"
    header = "quiz: caio-responsibilities\ncorrections:\n"
    regrade_file.write_text(
        f"{header}{accept_four}    quiz_versions: [0123456789ab]\n", encoding="utf-8"
    )
    assert "bruno-silva" not in {change.learner for change in regrade(recorded, quizzes)}
    regrade_file.write_text(f"{header}{accept_four}    quiz_versions: [{current}]\n", "utf-8")
    changes = {change.learner: change for change in regrade(recorded, quizzes)}
    assert changes["bruno-silva"].difference == 1


def test_several_corrections_of_one_question_combine(recorded, quizzes: Path) -> None:
    text = (
        "quiz: caio-responsibilities\ncorrections:\n"
        "  - question: q4\n    action: accept\n    answers: [4]\n    reason: Four.\n"
        "  - question: q4\n    action: accept\n    answers: [6]\n    reason: Six.\n"
    )
    (quizzes / "caio-responsibilities.regrade.yml").write_text(text, encoding="utf-8")
    changes = {change.learner: change for change in regrade(recorded, quizzes)}
    assert changes["bruno-silva"].difference == 1  # q4 = 4
    assert changes["dana-kowalski"].difference == 1  # q4 = 6


def test_running_a_regrade_twice_changes_nothing_more(recorded, quizzes: Path) -> None:
    (quizzes / "caio-responsibilities.regrade.yml").write_text(CORRECTIONS, encoding="utf-8")
    assert regrade(recorded, quizzes)
    once = totals(recorded)
    assert regrade(recorded, quizzes) == []
    assert totals(recorded) == once


def test_removing_the_regrade_file_restores_recorded_scores(recorded, quizzes: Path) -> None:
    before = totals(recorded)
    regrade_file = quizzes / "caio-responsibilities.regrade.yml"
    regrade_file.write_text(CORRECTIONS, encoding="utf-8")
    regrade(recorded, quizzes)
    regrade_file.unlink()
    assert len(regrade(recorded, quizzes)) == 6
    assert totals(recorded) == before


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        ("- question: q1\n    action: accept\n    answers: [Z]\n    reason: x", "not a valid"),
        ("- question: q99\n    action: drop\n    reason: x", "no question 'q99'"),
        ("- question: q1\n    action: accept\n    reason: x", "answers with action accept"),
    ],
)
def test_invalid_corrections_are_refused(quizzes: Path, correction: str, message: str) -> None:
    text = f"quiz: caio-responsibilities\ncorrections:\n  {correction}\n"
    (quizzes / "caio-responsibilities.regrade.yml").write_text(text, encoding="utf-8")
    with pytest.raises(RegradeFileError, match=message):
        load_regrades(quizzes, load_quizzes(quizzes))


def test_the_repository_regrade_files_are_valid() -> None:
    repo = Path(__file__).resolve().parents[2] / "quizzes"
    assert [regrade.quiz for regrade in load_regrades(repo, load_quizzes(repo))] == [
        "c-suite-graded",
        "caio-responsibilities",
        "caio-vs-cto-graded",
        "final-exam",
        "qualifications-graded",
    ]


def test_regrade_command_prints_changes(recorded: Path, quizzes: Path) -> None:
    register(app)
    (quizzes / "caio-responsibilities.regrade.yml").write_text(CORRECTIONS, encoding="utf-8")
    result = CliRunner().invoke(app, ["regrade", "--db", str(recorded), "-q", str(quizzes)])
    assert result.exit_code == 0, result.output
    assert "amara-okafor caio-responsibilities" in result.output
    assert "14/14 -> 13/13 (-1)" in result.output
    assert "1 regrade files applied" in result.output
