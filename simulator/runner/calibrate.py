"""`callsim run --calibrate N`: observed ranges per skill, and expectations with a margin."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.errors import DataError
from simulator.evaluation.words import width
from simulator.i18n import _
from simulator.loading import validation_problems
from simulator.models import SKILLS
from simulator.runner.run import ScenarioResult, exact
from simulator.runner.words import measure_word, outcome_name
from simulator.safe_files import read_json
from simulator.scenarios import Scenario
from simulator.vocabulary import Outcome

# A calibration JSON is a few KB per scenario; past this it is not one.
MAX_MERGE_BYTES = 4 * 1024 * 1024
# strict: "12" is refused, not read as the characters 1 and 2; finite and 0-100 like a score.
Score = Annotated[float, Field(ge=0, le=100, strict=True, allow_inf_nan=False)]
Measure = Literal["empathy", "boundary", "pacing", "winwin", "overall"]


class Earlier(BaseModel):
    """What `--merge` uses from one scenario of an earlier `--calibrate --json`."""

    model_config = ConfigDict(extra="ignore")

    observed: dict[Measure, tuple[Score, Score]] = Field(default_factory=dict)
    outcomes: list[Outcome] = Field(default_factory=list)


class EarlierFile(BaseModel):
    """An earlier calibration: scenario id -> what it observed."""

    scenarios: dict[str, Earlier]


def load_earlier(path: Path) -> dict[str, Earlier]:
    """Read and check a `--merge` file before the batch runs; one line naming the field."""
    try:
        data = read_json(path, MAX_MERGE_BYTES)
        if not isinstance(data, dict):
            top = _("{path}: (top level): expected an object of scenario ids")
            raise DataError(top.format(path=path))
        return EarlierFile.model_validate({"scenarios": data}).scenarios
    except ValidationError as exc:
        first = validation_problems(path, exc)[0].replace(": scenarios.", ": ", 1)
        raise DataError(f"--merge {first}") from exc
    except DataError as exc:
        raise DataError(f"--merge {exc.problems[0]}") from exc


@dataclass
class Observed:
    """What N runs of one scenario produced."""

    scenario: str
    file: str
    runs: int = 0
    errors: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    values: dict[str, list[float]] = field(default_factory=dict)
    failures: int = 0


def observe(results: list[ScenarioResult]) -> list[Observed]:
    """Group runs by scenario; errored runs are counted but never measured."""
    by_id: dict[str, Observed] = {}
    for r in sorted(results, key=lambda r: (r.scenario, r.repeat)):
        o = by_id.setdefault(r.scenario, Observed(r.scenario, r.file))
        o.runs += 1
        if r.status == "error":
            o.errors += 1
            continue
        o.failures += r.status == "fail"
        o.outcomes[r.outcome] = o.outcomes.get(r.outcome, 0) + 1
        for name in (*SKILLS, "overall"):
            value = r.overall if name == "overall" else r.skills.get(name)
            if value is not None:
                o.values.setdefault(name, []).append(value)
    return list(by_id.values())


def suggest(values: list[float], margin: float) -> tuple[int, int]:
    """A range holding every observed value with `margin` points either side, within 0-100."""
    return max(0, math.floor(min(values) - margin)), min(100, math.ceil(max(values) + margin))


def merge(observed: list[Observed], earlier: dict[str, Earlier]) -> None:
    """Widen the observed ranges with an earlier calibration (another backend)."""
    for o in observed:
        prev = earlier.get(o.scenario)
        if prev is None:
            continue
        for name, pair in prev.observed.items():
            o.values.setdefault(name, []).extend(pair)
        for outcome in prev.outcomes:
            o.outcomes.setdefault(outcome.value, 0)


def expectations(o: Observed, margin: float, scenario: Scenario | None) -> dict[str, Any]:
    """The `expect:` block suggested for one scenario.

    Only the skills the scenario targets or already constrains get a range: pinning the
    others would turn incidental scores into requirements. Allowed outcomes are widened
    with what was seen, never narrowed: they are the author's choice, scores are measured.
    """
    wanted = set(scenario.targets) | set(scenario.expect.skills) if scenario else set(SKILLS)
    skills = {
        s: list(suggest(o.values[s], margin)) for s in SKILLS if s in o.values and s in wanted
    }
    allowed = {x.value for x in scenario.expect.outcome} if scenario else set()
    out: dict[str, Any] = {"outcome": sorted(allowed | set(o.outcomes)), "skills": skills}
    if "overall" in o.values and (scenario is None or scenario.expect.overall is not None):
        out["overall"] = list(suggest(o.values["overall"], margin))
    return out


def render(observed: list[Observed], margin: float, scenarios: dict[str, Scenario]) -> str:
    """Per scenario: observed min/mean/max per skill and a YAML `expect:` block to paste."""
    lines: list[str] = []
    head = _("# {scenario} ({file}): {runs} runs, {missed} missed current")
    errored = _("#   {n} run(s) errored (backend failed) and are not counted")
    spread = _("#   {name} min {min:>7}  mean {mean:>7}  max {max:>7}  spread {spread}")
    wide = width([measure_word(k) for k in (*SKILLS, "overall")], least=8) - 1
    for o in observed:
        lines.append(head.format(scenario=o.scenario, file=o.file, runs=o.runs, missed=o.failures))
        if o.errors:
            lines.append(errored.format(n=o.errors))
        for name, vals in o.values.items():
            low, high = min(vals), max(vals)
            lines.append(
                spread.format(
                    name=measure_word(name).ljust(wide),
                    min=exact(low),
                    mean=exact(sum(vals) / len(vals)),
                    max=exact(high),
                    spread=exact(high - low),
                )
            )
        if not o.values:
            lines.append(_("#   nothing measured"))
            continue
        exp = expectations(o, margin, scenarios.get(o.scenario))
        outcomes = ", ".join(f"{outcome_name(k)} x{v}" for k, v in sorted(o.outcomes.items()))
        lines.append(_("#   outcomes: {outcomes}").format(outcomes=outcomes))
        # TRANSLATORS: "expect:" is a YAML key to paste into a scenario file: keep it.
        suggested = _("expect:  # suggested for {scenario}, margin {margin}")
        lines.append(suggested.format(scenario=o.scenario, margin=f"{margin:g}"))
        lines.append(f"  outcome: [{', '.join(exp['outcome'])}]")
        pairs = ", ".join(f"{k}: [{lo}, {hi}]" for k, (lo, hi) in exp["skills"].items())
        lines.append(f"  skills: {{{pairs}}}")
        if "overall" in exp:
            lines.append(f"  overall: [{exp['overall'][0]}, {exp['overall'][1]}]")
        lines.append("")
    return "\n".join(lines)


def pair_gaps(results: list[ScenarioResult]) -> list[str]:
    """For each good/bad pair and target skill: the worst good rep minus the best bad rep."""
    ok = [r for r in results if r.status != "error"]
    by_id: dict[str, list[ScenarioResult]] = {}
    for r in ok:
        by_id.setdefault(r.scenario, []).append(r)
    out = []
    for sid, goods in sorted(by_id.items()):
        first = goods[0]
        if first.role != "good-rep" or not first.pair or first.pair not in by_id:
            continue
        for skill in first.targets:
            g = [v for r in goods if (v := r.skills.get(skill)) is not None]
            b = [v for r in by_id[first.pair] if (v := r.skills.get(skill)) is not None]
            if g and b:
                gap = min(g) - max(b)
                verdict = _("holds") if gap > 0 else _("OVERLAPS")
                pair = _("# pair {first} vs {second}: {skill} gap {gap} ({verdict})")
                out.append(
                    pair.format(
                        first=sid,
                        second=first.pair,
                        skill=measure_word(skill),
                        gap=exact(gap),
                        verdict=verdict,
                    )
                )
    return out
