"""A practised scenario's pass/fail: judged at the end of the call, saved, shown in review."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from simulator.evaluation.summary import CallSummary
from simulator.i18n import _
from simulator.runner.words import criterion_text

if TYPE_CHECKING:
    from simulator.scenarios import Scenario

MAX_SHOWN_FAILURES = 10
MISSED = (": missed",)  # success_report marks each criterion met, uncovered, right or missed


def judge(scenario: Scenario, summary: CallSummary) -> dict[str, Any]:
    """The transcript record for a person's call against the brief's success criteria.

    A person is judged on what the brief asked of them (the outcome, the facts to uncover,
    the verdict), not on the `expect` ranges: those describe the automatic trainee of a
    batch run, and their upper bounds would fail a person for doing better than expected.
    """
    from simulator.runner.run import success_report

    criteria = success_report(scenario, summary)
    failures = [c for c in criteria if c.endswith(MISSED)]
    return {
        "type": "review",
        "source": "scenario",
        "scenario": scenario.id,
        "passed": not failures,
        "criteria": criteria,
        "failures": failures,
        "at": time.time(),
    }


def describe(record: dict[str, Any]) -> str:
    """One line: 'scenario X: passed (...)' or 'scenario X: not passed: why; why'."""
    name = str(record.get("scenario") or "?")
    raw = record.get("criteria")
    criteria = [c for c in raw if isinstance(c, str)] if isinstance(raw, list) else []
    if record.get("passed") is True:
        shown = [criterion_text(c) for c in criteria[:MAX_SHOWN_FAILURES]]
        met = "; ".join(shown) or _("every success criterion met")
        return _("scenario {name}: passed ({met})").format(name=name, met=met)
    raw = record.get("failures")
    failures = [f for f in raw if isinstance(f, str)] if isinstance(raw, list) else []
    shown = [criterion_text(f) for f in failures[:MAX_SHOWN_FAILURES]]
    why = "; ".join(shown) or _("success criteria missed")
    return _("scenario {name}: not passed: {why}").format(name=name, why=why)
