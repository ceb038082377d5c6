"""Load YAML data files into validated models, with one line per problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from simulator.errors import DataError

M = TypeVar("M", bound=BaseModel)


def _loc(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location as `a.b[2].c` (dict keys shown as `.key`)."""
    out = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _describe(err: dict[str, Any]) -> str:
    """Say what was expected, without pydantic's URL noise."""
    kind = err["type"]
    msg = str(err["msg"])
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind == "literal_error":
        return msg.replace("Input should be", "expected") + f", got {err.get('input')!r}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    got = err.get("input")
    shown = repr(got) if not isinstance(got, dict | list) else type(got).__name__
    return f"{msg.replace('Input should be', 'expected')}, got {shown}"


def validation_problems(path: Path | str, exc: ValidationError) -> list[str]:
    """One line per problem naming the file and the field."""
    return [f"{path}: {_loc(e['loc'])}: {_describe(dict(e))}" for e in exc.errors()]


def read_yaml(path: Path) -> Any:
    """Parse one YAML file or raise a one-line DataError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read ({exc})") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise DataError(f"{path}: {where}invalid YAML ({problem})") from exc


def load_model(path: Path, model: type[M]) -> M:
    """Read and validate a YAML file as `model`."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(
            f"{path}: (top level): expected a mapping of fields, got {type(data).__name__}"
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataError(validation_problems(path, exc)) from exc
