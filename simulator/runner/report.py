"""Batch results as a terminal table, JSON and JUnit XML."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from simulator.models import SKILLS
from simulator.runner.run import ScenarioResult


def fmt(v: float | None) -> str:
    """A 0-100 score or a dash."""
    return "-" if v is None else f"{v:.0f}"


def table(results: list[ScenarioResult]) -> object:
    """A rich Table: scenario, outcome, four skills, overall, pass/fail and why."""
    from rich.table import Table

    t = Table(title="Scenario results")
    for name in ("scenario", "outcome", *SKILLS, "overall", "result", "why"):
        t.add_column(
            name, overflow="fold", justify="right" if name in (*SKILLS, "overall") else "left"
        )
    for r in sorted(results, key=lambda r: (r.scenario, r.repeat)):
        name = r.scenario + (f" #{r.repeat}" if r.repeat else "")
        mark = "[green]pass[/green]" if r.passed else "[red]FAIL[/red]"
        t.add_row(
            name,
            r.outcome,
            *(fmt(r.skills.get(s)) for s in SKILLS),
            fmt(r.overall),
            mark,
            "; ".join(r.failures),
        )
    return t


def write_json(results: list[ScenarioResult], broken: list[str], path: Path) -> None:
    """Every result and every broken file, for CI systems."""
    data = {
        "passed": sum(r.passed for r in results),
        "failed": sum(not r.passed for r in results) + len(broken),
        "broken_files": broken,
        "results": [r.to_json() for r in sorted(results, key=lambda r: (r.scenario, r.repeat))],
    }
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def write_junit(results: list[ScenarioResult], broken: list[str], path: Path) -> None:
    """JUnit XML: one testcase per run, a failure element with the reasons."""
    failures = sum(not r.passed for r in results) + len(broken)
    suite = ET.Element(
        "testsuite",
        name="callsim scenarios",
        tests=str(len(results) + len(broken)),
        failures=str(failures),
        time=f"{sum(r.seconds for r in results):.2f}",
    )
    for r in sorted(results, key=lambda r: (r.scenario, r.repeat)):
        case = ET.SubElement(
            suite,
            "testcase",
            classname=r.file,
            name=f"{r.scenario}#{r.repeat}",
            time=str(r.seconds),
        )
        if not r.passed:
            ET.SubElement(case, "failure", message="; ".join(r.failures)).text = json.dumps(
                r.skills
            )
        ET.SubElement(case, "system-out").text = (
            f"call {r.call_id}; outcome {r.outcome}; " + "; ".join(r.success)
        )
    for problem in broken:
        case = ET.SubElement(suite, "testcase", classname=problem.split(":")[0], name="load")
        ET.SubElement(case, "failure", message=problem)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)
