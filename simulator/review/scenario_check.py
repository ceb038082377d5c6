"""A practised scenario's pass/fail: judged at the end of the call, saved, shown in review."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from simulator.evaluation.summary import CallSummary

if TYPE_CHECKING:
    from simulator.scenarios import Scenario

MAX_SHOWN_FAILURES = 10


def judge(scenario: Scenario, summary: CallSummary) -> dict[str, Any]:
    """The transcript record for a call against its scenario's `expect` block."""
    from simulator.runner.run import check

    failures = check(scenario, summary)
    return {
        "type": "review",
        "source": "scenario",
        "scenario": scenario.id,
        "passed": not failures,
        "failures": failures,
        "at": time.time(),
    }


def describe(record: dict[str, Any]) -> str:
    """One line: 'scenario X: passed (...)' or 'scenario X: not passed: why; why'."""
    name = str(record.get("scenario") or "?")
    if record.get("passed") is True:
        return f"scenario {name}: passed (met every expectation)"
    raw = record.get("failures")
    failures = [f for f in raw if isinstance(f, str)] if isinstance(raw, list) else []
    why = "; ".join(failures[:MAX_SHOWN_FAILURES]) or "expectations missed"
    return f"scenario {name}: not passed: {why}"
