"""Persona files: every shipped one validates; broken ones give one line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulator.errors import DataError
from simulator.personas import BUILTIN_DIR, load_persona, persona_paths
from tests.conftest import BREEDS, DIFFICULT, callsim


def test_every_shipped_persona_validates() -> None:
    paths = persona_paths()
    assert BREEDS | DIFFICULT | {"good-fit-partner"} <= set(paths)
    for path in paths.values():
        persona = load_persona(path)
        authored = len(persona.lines.texts())
        assert authored >= 12, f"{path} has only {authored} authored lines"
        assert "salesdog" not in (persona.id + persona.title).lower().replace(" ", "")
        if persona.category == "breed":
            assert persona.credit and "Blair Singer" in persona.credit


def _broken(tmp_path: Path, mutate: object) -> Path:
    data = yaml.safe_load((BUILTIN_DIR / "pit-bull.yaml").read_text())
    mutate(data)  # type: ignore[operator]
    path = tmp_path / "pit-bull.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("opening_line"), "opening_line: is required but missing"),
        (lambda d: d["hidden_facts"][1].update(min_trust=140), "hidden_facts[1].min_trust:"),
        (lambda d: d.update(colour="red"), "colour: is not a known field"),
        (
            lambda d: d["triggers"][0].update(signal="shouting"),
            "triggers[0].signal: expected one of",
        ),
        (
            lambda d: d.update(category="wolf"),
            "category: expected 'breed', 'difficult' or 'good-fit'",
        ),
        (
            lambda d: d["lines"]["pressure"].append("Sixty grand, no more."),
            "gives away hidden fact 'budget'",
        ),
    ],
)
def test_broken_file_names_file_field_and_expectation(
    tmp_path: Path, mutate: object, expected: str
) -> None:
    path = _broken(tmp_path, mutate)
    with pytest.raises(DataError) as err:
        load_persona(path)
    assert any(p.startswith(f"{path}: ") and expected in p for p in err.value.problems), (
        err.value.problems
    )


def test_invalid_yaml_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: bad\nlines: [unclosed\n")
    with pytest.raises(DataError) as err:
        load_persona(path)
    assert str(err.value).startswith(f"{path}: line ")


def test_validate_command_one_line_per_problem_no_traceback(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: (d.pop("wants"), d.update(title=3)))
    proc = callsim("personas", "validate", str(path))
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith(str(path)) for line in lines)
    assert "Traceback" not in proc.stderr
