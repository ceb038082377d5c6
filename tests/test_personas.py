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


def test_no_two_shipped_clients_open_a_line_with_the_same_words() -> None:
    # "Cool, cool." from three clients made them sound like one (issue 20).
    from simulator.personas import get_persona, shared_openings

    assert shared_openings([get_persona(pid) for pid in persona_paths()]) == []


def test_validate_warns_when_a_client_borrows_another_clients_lines(tmp_path: Path) -> None:
    data = yaml.safe_load((BUILTIN_DIR / "poodle.yaml").read_text())
    data["id"] = "my-client"
    path = tmp_path / "my-client.yaml"
    path.write_text(yaml.safe_dump(data))
    proc = callsim("personas", "validate", str(path))
    assert proc.returncode == 0  # a smell, not an error: the file still loads
    warnings = proc.stderr.strip().splitlines()
    assert warnings and all(w.startswith("warning: my-client: lines.") for w in warnings)
    assert "is also said by poodle; give this client its own words" in warnings[0]
