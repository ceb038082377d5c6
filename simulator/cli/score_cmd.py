"""`callsim score-items` (benchmark items) and `callsim score` (a saved call)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.errors import DataError, ExitCode
from simulator.models import SKILLS
from simulator.referee import ContextTurn, default_referee

SPEAKERS = {"SELF": "self", "PARTNER": "partner"}


def read_items(path: Path) -> Iterator[dict[str, Any]]:
    """Items as in the benchmark's items.jsonl; a malformed line names its number."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror})") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if (
                    not isinstance(item, dict)
                    or "item_id" not in item
                    or not isinstance(item.get("text"), str)
                ):
                    raise ValueError("expected an object with item_id and text")
                for turn in item.get("context") or []:
                    if turn.get("speaker") not in SPEAKERS or not isinstance(turn.get("text"), str):
                        raise ValueError("context turns need speaker SELF|PARTNER and text")
            except (ValueError, AttributeError) as exc:
                raise DataError(f"{path}: line {number}: {exc}") from exc
            yield item


def score_items(args: argparse.Namespace) -> int:
    """Write one JSON line of skill scores (0-4 or null) per item."""
    referee = default_referee()
    out = sys.stdout
    for item in read_items(Path(args.infile)):
        context = [
            ContextTurn(SPEAKERS[t["speaker"]], t["text"]) for t in item.get("context") or []
        ]
        ev = referee.evaluate(item["text"], context)
        row = {"item_id": item["item_id"], **{k: ev.skills[k].score for k in SKILLS}}
        out.write(json.dumps(row) + "\n")
    return ExitCode.OK
