"""Batch results as a terminal table, JSON and JUnit XML."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from simulator.display import cell, plain, printable
from simulator.evaluation.words import skill_word
from simulator.i18n import N_, _, current_lang
from simulator.models import SKILLS
from simulator.runner.run import ScenarioResult
from simulator.runner.words import error_text, failure_text, outcome_name

MARKS = {
    "pass": (N_("pass"), "green"),
    "fail": (N_("FAIL"), "red"),
    "error": (N_("ERROR"), "magenta"),
}


def fmt(v: float | None) -> str:
    """A 0-100 score or a dash."""
    return "-" if v is None else f"{v:.0f}"


def counts(results: list[ScenarioResult], broken: list[str]) -> dict[str, int]:
    """Passed, failed (expectations missed, or a broken file) and errored (backend failed)."""
    return {
        "passed": sum(r.status == "pass" for r in results),
        "failed": sum(r.status == "fail" for r in results) + len(broken),
        "errors": sum(r.status == "error" for r in results),
    }


def ordered(results: list[ScenarioResult]) -> list[ScenarioResult]:
    """Results by scenario, then repeat."""
    return sorted(results, key=lambda r: (r.scenario, r.repeat))


def table(results: list[ScenarioResult]) -> object:
    """A rich Table: scenario, outcome, four skills, overall, pass/fail/error and why."""
    from rich.table import Table
    from rich.text import Text

    t = Table(title=_("Scenario results"))
    t.add_column(_("scenario"), overflow="fold")
    t.add_column(_("outcome"), overflow="fold")
    for name in (*(skill_word(s) for s in SKILLS), _("overall")):
        t.add_column(name, overflow="fold", justify="right")
    t.add_column(_("result"), overflow="fold")
    t.add_column(_("why"), overflow="fold")
    for r in ordered(results):
        name = r.scenario + (f" #{r.repeat}" if r.repeat else "")
        failed = [_("backend failed: {why}").format(why=error_text(r.error))] if r.error else []
        why = "; ".join(failed + [failure_text(f) for f in r.failures])
        mark, style = MARKS.get(r.status, (r.status, ""))
        # Every cell is Text, never markup: a server's error text may hold "[/]".
        t.add_row(
            cell(name),
            cell(shown_outcome(r.outcome)),
            *(fmt(r.skills.get(s)) for s in SKILLS),
            fmt(r.overall),
            Text(_(mark) if r.status in MARKS else mark, style),
            plain(why),
        )
    return t


def shown_outcome(value: str) -> str:
    """A run's outcome for a screen: the saved value in English (trainee_ended), in words
    elsewhere; "error" (no call held) as it is in English."""
    if current_lang() == "en":
        return value
    return _("error") if value == "error" else outcome_name(value)


def write_json(results: list[ScenarioResult], broken: list[str], path: Path) -> None:
    """Every result and every broken file, for CI systems."""
    data = {
        **counts(results, broken),
        "broken_files": broken,
        "results": [r.to_json() for r in ordered(results)],
    }
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _xml(text: str) -> str:
    """Text for XML: control characters are not allowed in XML 1.0, so CI parsers reject them."""
    return printable(text, limit=None)


def write_junit(results: list[ScenarioResult], broken: list[str], path: Path) -> None:
    """JUnit XML: one testcase per run; <failure> for missed expectations, <error> for a
    backend that failed mid-run (those scores came from authored lines, not the model)."""
    n = counts(results, broken)
    suite = ET.Element(
        "testsuite",
        name="callsim scenarios",
        tests=str(len(results) + len(broken)),
        failures=str(n["failed"]),
        errors=str(n["errors"]),
        time=f"{sum(r.seconds for r in results):.2f}",
    )
    for r in ordered(results):
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_xml(r.file),
            name=f"{r.scenario}#{r.repeat}",
            time=str(r.seconds),
        )
        if r.status == "error":
            ET.SubElement(
                case, "error", message=_xml(f"backend failed: {r.error}")
            ).text = "the call went on with authored lines, so its scores are not the model's"
        elif r.status == "fail":
            ET.SubElement(case, "failure", message=_xml("; ".join(r.failures))).text = json.dumps(
                r.skills
            )
        ET.SubElement(case, "system-out").text = _xml(
            f"call {r.call_id}; outcome {r.outcome}; " + "; ".join(r.success)
        )
    for problem in broken:
        shown = _xml(problem)
        case = ET.SubElement(suite, "testcase", classname=shown.split(":")[0], name="load")
        ET.SubElement(case, "failure", message=shown)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)
