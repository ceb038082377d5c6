"""The rubric, loaded from data and validated."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from simulator.loading import load_model
from simulator.models import SKILLS, Strict


class SkillRubric(Strict):
    """One skill: anchors for 0, 2 and 4, and a coaching tip."""

    title: str
    anchors: dict[Literal["0", "2", "4"], str]
    try_instead: str
    example: str


class Aggregation(Strict):
    """How turn scores become call scores."""

    provoked_turn_weight: float = Field(ge=1.0, le=5.0)
    not_at_stake_weight: float = Field(ge=0.0, le=1.0)
    weights: dict[str, float]


class Rubric(Strict):
    """Skills, anchors and weights."""

    schema_version: Literal[1]
    aggregation: Aggregation
    skills: dict[str, SkillRubric]

    @model_validator(mode="after")
    def _covers_skills(self) -> Rubric:
        for name in (self.skills, self.aggregation.weights):
            if set(name) != set(SKILLS):
                raise ValueError(f"expected exactly the skills {', '.join(SKILLS)}")
        return self

    def as_text(self) -> str:
        """The rubric as the judge reads it."""
        lines = []
        for key, skill in self.skills.items():
            lines.append(f"- {key} ({skill.title}):")
            lines.extend(f"    {score}: {text}" for score, text in skill.anchors.items())
        return "\n".join(lines)


@lru_cache(maxsize=1)
def load_rubric() -> Rubric:
    """The shipped rubric."""
    path = Path(str(resources.files("simulator") / "data" / "rubric.yaml"))
    return load_model(path, Rubric)
