"""Run one scenario to the end and check it against its expectations."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from simulator.backends import create_backend
from simulator.config import Settings
from simulator.engine.call import Call
from simulator.evaluation.summary import CallSummary, summarise
from simulator.models import CallHeader, Timing, Verdict
from simulator.personas import get_persona
from simulator.referee import default_referee
from simulator.runner.trainee import TraineeLine, llm_policy, rule_policy, scripted
from simulator.scenarios import Scenario
from simulator.transcript import TranscriptWriter, transcripts_dir
from simulator.vocabulary import Outcome

# More than this share of a call's model lines falling back means the backend did not work.
MAX_FALLBACK_SHARE = 0.5


@dataclass
class ScenarioResult:
    """One run of one scenario."""

    key: str
    scenario: str
    file: str
    repeat: int
    call_id: str
    outcome: str
    skills: dict[str, float | None]
    overall: float | None
    passed: bool
    failures: list[str] = field(default_factory=list)
    # "error" means the backend failed mid-run: the scores came from authored lines.
    status: str = "pass"
    error: str | None = None
    success: list[str] = field(default_factory=list)
    seconds: float = 0.0
    role: str = "practice"
    pair: str | None = None
    targets: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Resume files written before statuses existed only say passed or not.
        if self.status == "pass" and not self.passed:
            self.status = "fail"

    def to_json(self) -> dict[str, Any]:
        """Plain JSON for reports and the resume file."""
        return asdict(self)


def unusable_lines(call: Call) -> str | None:
    """Why the model's own lines cannot be judged: most of them fell back to authored ones.

    A server answering empty, oversized or choice-less lines keeps the call going on the
    persona's authored words; scoring that as the model's behaviour would pass a batch in
    which nothing worked. The scripted backend speaks authored lines by design.
    """
    if call.backend.name == "scripted" or not call.persona_lines:
        return None
    if call.fallbacks / call.persona_lines <= MAX_FALLBACK_SHARE:
        return None
    first = next((t.fallback_reason for t in call.turns if t.fallback_reason), "unusable")
    return (
        f"{call.fallbacks} of {call.persona_lines} model lines were unusable and replaced by "
        f"authored lines (first: {first})"
    )


def run_key(scenario: Scenario, repeat: int, seed: int, backend: str) -> str:
    """Identifies one run so --resume can skip it."""
    return f"{scenario.id}#{repeat}@{seed}/{backend}"


def exact(value: float | None) -> str:
    """A score unrounded (to 4 decimals), so 35.0004 is not shown as a passing 35."""
    return "n/a" if value is None else f"{round(value, 4):g}"


def check(scenario: Scenario, summary: CallSummary) -> list[str]:
    """Why the call missed its expectations (empty when it met them)."""
    exp = scenario.expect
    why = []
    if exp.outcome and summary.outcome not in exp.outcome:
        allowed = " or ".join(o.value for o in exp.outcome)
        why.append(f"outcome {summary.outcome.value}, expected {allowed}")
    for skill, (low, high) in exp.skills.items():
        got = summary.skills.get(skill)
        if got is None or not low <= got <= high:
            why.append(f"{skill} {exact(got)}, expected {low:g}-{high:g}")
    if exp.overall is not None:
        low, high = exp.overall
        if summary.overall is None or not low <= summary.overall <= high:
            why.append(f"overall {exact(summary.overall)}, expected {low:g}-{high:g}")
    return why


def success_report(scenario: Scenario, summary: CallSummary) -> list[str]:
    """The brief's success criteria, each marked met or not."""
    s = scenario.success
    out = []
    if s.outcome is not None:
        out.append(
            f"outcome {s.outcome.value}: {'met' if summary.outcome == s.outcome else 'missed'}"
        )
    for fact in s.facts:
        out.append(f"fact {fact}: {'uncovered' if fact in summary.facts_uncovered else 'missed'}")
    if s.verdict is not None:
        out.append(f"verdict {s.verdict}: {'right' if summary.fit_correct else 'missed'}")
    return out


def trainee_lines(
    scenario: Scenario, call: Call, settings: Settings, seed: int, errors: list[str]
) -> Iterator[TraineeLine]:
    """The trainee side for this scenario on this backend."""
    if scenario.policy is None:
        return scripted(scenario)
    if settings.backend in ("scripted", "local", "fake"):
        return rule_policy(scenario.policy, call, seed)
    return llm_policy(scenario.policy, call, call.backend, scenario, seed, errors)


def error_result(
    scenario: Scenario, file: str, settings: Settings, seed: int, repeat: int, why: str
) -> ScenarioResult:
    """A run that could not be held at all (e.g. the backend could not be built)."""
    return ScenarioResult(
        key=run_key(scenario, repeat, seed, settings.backend),
        scenario=scenario.id,
        file=file,
        repeat=repeat,
        call_id="",
        outcome="error",
        skills={},
        overall=None,
        passed=False,
        status="error",
        error=why,
        role=scenario.role,
        pair=scenario.pair,
        targets=list(scenario.targets),
    )


def run_scenario(
    scenario: Scenario, file: str, settings: Settings, seed: int, repeat: int
) -> ScenarioResult:
    """Hold the scenario's call, save its transcript, and check it."""
    started = time.monotonic()
    persona = get_persona(scenario.persona, scenario.lang)
    backend = create_backend(settings)
    # Short enough to stay whole in an 80-column history (seed and repeat are in the header);
    # the random suffix keeps two batches started at the same moment apart.
    call_id = f"run-{scenario.id}-{repeat}-{secrets.token_hex(3)}"
    header = CallHeader(
        id=call_id,
        persona=persona.id,
        difficulty=scenario.difficulty,
        backend=backend.name,
        model=backend.model,
        seed=seed + repeat,
        scenario=scenario.id,
        brief=scenario.brief_text(),
        started_at=time.time(),
        kind="run",
        lang=persona.lang,
    )
    writer = TranscriptWriter(transcripts_dir() / f"{call_id}.jsonl")
    errors: list[str] = []
    # The engine keeps a call going on authored lines when the backend fails; a batch
    # must not score that as the model's behaviour, so every such notice is kept.
    call = Call(persona, header, backend, default_referee(), writer, notify=errors.append)
    list(call.opening())
    for line in trainee_lines(scenario, call, settings, seed + repeat, errors):
        if call.outcome != Outcome.CONTINUING:
            break
        timing = Timing(submit_s=line.think_s) if line.think_s is not None else None
        call.say(line.text, timing)
        list(call.reply())
    if scenario.verdict is not None:
        call.set_verdict(Verdict(verdict=scenario.verdict, reason="scenario verdict"))
    outcome = call.end()
    summary = summarise(call.turns, persona, outcome, call.verdict)
    failures = check(scenario, summary)
    if call.backend_down and not errors:
        errors.append("backend failed")
    if not errors and (unusable := unusable_lines(call)):
        errors.append(unusable)
    if errors:
        call.record({"type": "note", "run_error": errors[0]})
    error = errors[0] if errors else None
    return ScenarioResult(
        key=run_key(scenario, repeat, seed, settings.backend),
        scenario=scenario.id,
        file=file,
        repeat=repeat,
        call_id=call_id,
        outcome=outcome.value,
        skills=summary.skills,
        overall=summary.overall,
        passed=not failures and error is None,
        failures=failures,
        status="error" if error else "fail" if failures else "pass",
        error=error,
        success=success_report(scenario, summary),
        seconds=round(time.monotonic() - started, 2),
        role=scenario.role,
        pair=scenario.pair,
        targets=list(scenario.targets),
    )
