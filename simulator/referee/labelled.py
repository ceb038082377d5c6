"""Trainee questions from live calls, labelled with what answers them (data/answer_examples.jsonl).

Each row names a shipped persona's line (its text), or a hidden fact (its id), or neither (a
question none of the persona's lines answers). The client's answer reader keys lines by these
questions and the fact reader facts (bench/train_answers.py writes the file).
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

FILE = "answer_examples.jsonl"
Labelled = dict[tuple[str, str], dict[str | None, list[str]]]


@lru_cache(maxsize=2)
def _rows(kind: str) -> Labelled:
    """(lang, persona) -> line text or fact id (None: no line) -> questions."""
    path = Path(str(resources.files("simulator") / "data" / FILE))
    out: Labelled = defaultdict(lambda: defaultdict(list))
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if kind == "fact" and row.get("fact"):
            out[row["lang"], row["persona"]][row["fact"]].append(row["question"])
        elif kind == "line" and not row.get("fact"):
            out[row["lang"], row["persona"]][row.get("line")].append(row["question"])
    return out


def line_questions(lang: str, persona: str) -> dict[str | None, list[str]]:
    """A shipped persona's labelled questions by the line that answers them (None: none)."""
    return _rows("line").get((lang, persona), {})


def fact_questions(lang: str, persona: str) -> dict[str | None, list[str]]:
    """A shipped persona's labelled questions by the hidden fact they ask for."""
    return _rows("fact").get((lang, persona), {})
