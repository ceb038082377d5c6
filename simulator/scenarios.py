"""Scenario files: a persona, a brief, success criteria, expectations and the trainee side."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from simulator.errors import DataError, NotFoundError
from simulator.i18n import _, lang_scope
from simulator.loading import load_model
from simulator.models import SKILLS, Slug, Strict
from simulator.vocabulary import LANGS, Difficulty, Lang, Outcome

SkillName = Literal["empathy", "boundary", "pacing", "winwin"]
Range = Annotated[list[Annotated[float, Field(ge=0, le=100)]], Field(min_length=2, max_length=2)]


class Brief(Strict):
    """What the trainee is told before the call."""

    situation: str
    goal: str


class Success(Strict):
    """What a successful call achieves, reported for the trainee."""

    outcome: Outcome | None = None
    facts: list[str] = Field(default_factory=list)
    verdict: Literal["fit", "no-fit", "unsure"] | None = None


class Expectations(Strict):
    """What this scenario's run must produce for the simulator to be telling the truth."""

    outcome: list[Outcome] = Field(default_factory=list)
    skills: dict[SkillName, Range] = Field(default_factory=dict)
    overall: Range | None = None

    @model_validator(mode="after")
    def _known_skills(self) -> Expectations:
        for skill, (low, high) in self.skills.items():
            if low > high:
                raise ValueError(
                    _("range for {skill} is [low, high]; got [{low}, {high}]").format(
                        skill=skill, low=low, high=high
                    )
                )
        return self


class ScriptedTurn(Strict):
    """One fixed trainee turn, with optional think time before it (used by pacing)."""

    text: str = Field(min_length=1)
    think_s: float | None = Field(default=None, ge=0, le=600)


class Policy(Strict):
    """An automatic trainee: a capable backend plays the style; offline, a rule policy does."""

    style: str
    kind: Literal["good", "bad"]
    max_turns: int = Field(8, ge=1, le=40)


class Scenario(Strict):
    """A training scenario, loaded from scenarios/NAME.yaml."""

    schema_version: Literal[1]
    id: Slug
    title: str
    persona: Slug
    difficulty: Difficulty = Difficulty.NORMAL
    brief: Brief
    targets: list[str] = Field(min_length=1, description="The skills this scenario trains")
    success: Success = Field(default_factory=Success)
    expect: Expectations
    script: list[ScriptedTurn] | None = None
    policy: Policy | None = None
    verdict: Literal["fit", "no-fit", "unsure"] | None = None
    pair: Slug | None = Field(default=None, description="The scenario this one is compared with")
    role: Literal["good-rep", "bad-rep", "practice"] = "practice"
    lang: Lang = Field(default="en", description="The language of the call: en or id")

    @model_validator(mode="after")
    def _one_trainee(self) -> Scenario:
        if (self.script is None) == (self.policy is None):
            raise ValueError(_("expected exactly one of 'script' or 'policy' for the trainee side"))
        bad = [t for t in self.targets if t not in SKILLS]
        if bad:
            raise ValueError(
                _("targets: unknown skill {skill!r}; expected some of {known}").format(
                    skill=bad[0], known=", ".join(SKILLS)
                )
            )
        return self

    def brief_text(self) -> str:
        """The brief as the trainee reads it, labelled in the scenario's language."""
        with lang_scope(self.lang):
            return _("Situation: {situation}\nYour goal: {goal}").format(
                situation=self.brief.situation, goal=self.brief.goal
            )


def load_scenario(path: Path | str, lang: str = "en") -> Scenario:
    """Load one scenario (a file or an id, looked up in LANG first) and check its persona."""
    from simulator.personas import persona_paths

    path = find_scenario(str(path), lang)
    scenario = load_model(path, Scenario)
    problems = []
    if path.stem != scenario.id:
        problems.append(
            _("{path}: id: expected the file name {stem!r}, got {id!r}").format(
                path=path, stem=path.stem, id=scenario.id
            )
        )
    if scenario.persona not in persona_paths(scenario.lang):
        problems.append(
            _("{path}: persona: expected a persona id in {lang!r}, got {persona!r}").format(
                path=path, lang=scenario.lang, persona=scenario.persona
            )
        )
    if problems:
        raise DataError(problems)
    return scenario


def scenario_dirs(lang: str = "en") -> list[Path]:
    """Where scenarios in LANG are looked up: the user's own folder first, then the shipped.

    As with personas, scenarios in another language sit in a subfolder named for it.
    """
    from simulator.shipped import shipped_dir, user_dir

    folders = [user_dir("scenarios"), shipped_dir("scenarios")]
    return folders if lang == "en" else [folder / lang for folder in folders]


def scenario_paths(lang: str = "en") -> dict[str, Path]:
    """Scenario id -> file in LANG, the user's folder shadowing the shipped one."""
    found: dict[str, Path] = {}
    for folder in reversed(scenario_dirs(lang)):
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found[path.stem] = path
    return dict(sorted(found.items()))


def find_scenario(name: str, lang: str = "en") -> Path:
    """A scenario file by path or by id (LANG's folders first, then the other languages')."""
    as_path = Path(name)
    if as_path.exists():
        return as_path
    key = as_path.stem if as_path.suffix in (".yaml", ".yml") else name
    for each in (lang, *(other for other in LANGS if other != lang)):
        known = scenario_paths(each)
        if key in known:
            return known[key]
    known = scenario_paths(lang)
    raise NotFoundError(
        _(
            "no scenario file or id {name!r}; see `callsim scenarios list` "
            "({n} known, from {folders})"
        ).format(name=name, n=len(known), folders=", ".join(str(d) for d in scenario_dirs(lang)))
    )


def scenario_files(paths: list[str], lang: str = "en") -> list[Path]:
    """Expand folders into their YAML files and ids into files, keeping order.

    With no paths, every known scenario in LANG: the user's own and the shipped set.
    """
    if not paths:
        return list(scenario_paths(lang).values())
    out: list[Path] = []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            out.extend(sorted(p.glob("*.yaml")))
        elif p.exists():
            out.append(p)
        elif name.rstrip("/") == "scenarios":
            # The README's `callsim run scenarios/` from an installed wheel, in any folder.
            out.extend(scenario_paths(lang).values())
        else:
            out.append(find_scenario(name, lang))
    return out
