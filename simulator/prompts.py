"""Prompt templates (data in data/prompts.yaml), validated on load and rendered here."""

from __future__ import annotations

import string
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from simulator.errors import DataError

REQUIRED = {
    "actor_completion": {
        "name",
        "role",
        "company",
        "about_company",
        "speaking_style",
        "examples",
        "dialogue",
        "direction",
        "example",
    },
    "actor_system": {"name", "role", "company", "about_company", "wants", "speaking_style"},
    "actor_note": {"direction", "note", "example"},
    "actor_language_id": {"name"},
    "judge_system": {"rubric"},
    "judge_user": {"persona_title", "persona_summary", "referee_summary", "transcript"},
    "trainee_policy_system": {"role_label", "style"},
    "persona_draft_system": {"description"},
}


@lru_cache(maxsize=1)
def templates() -> dict[str, str]:
    """Load and check every template once."""
    source = resources.files("simulator") / "data" / "prompts.yaml"
    data: Any = yaml.safe_load(source.read_text(encoding="utf-8"))
    problems = []
    for key, needed in REQUIRED.items():
        text = data.get(key) if isinstance(data, dict) else None
        if not isinstance(text, str):
            problems.append(f"{source}: {key}: is required but missing")
            continue
        found = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        if found != needed:
            problems.append(
                f"{source}: {key}: expected placeholders {sorted(needed)}, got {sorted(found)}"
            )
    if problems:
        raise DataError(problems)
    return {k: str(data[k]) for k in REQUIRED}


def render(template: str, **values: Any) -> str:
    """Fill one template."""
    return templates()[template].format(**values)
