"""Judged data for the referee's skill model: pairs, levelled turns and the dev tasks.

Shared by bench/train_skills.py (training and cross-validation) and bench/score_pairs.py
(first looks). Every item is read the way the product reads a live turn
(simulator.referee.reading.read), so the trainer sees exactly the product's features.
e5 vectors are kept on disk between runs (CALLSIM_VECTOR_CACHE, default
~/.cache/callsim/e5_vectors.npz): encoding thousands of texts takes minutes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from simulator.models import SKILLS, SkillScore
from simulator.referee import encoder, rules
from simulator.referee.features import Analysis, ContextTurn
from simulator.referee.language import reads_as
from simulator.referee.reading import read
from simulator.referee.skill_model import assemble, move_features

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmark"
TRAIN = ROOT / "bench" / "data" / "referee_train"
SPEAKERS = {"SELF": "self", "PARTNER": "partner"}
CACHE = Path(os.environ.get("CALLSIM_VECTOR_CACHE", Path.home() / ".cache/callsim/e5_vectors.npz"))


@dataclass
class Item:
    """One scored text in its context, read as the product reads it."""

    id: str
    source: str  # which file (writer) it came from: CV holds out whole sources
    group: str
    analysis: Analysis
    ruled: dict[str, SkillScore]
    feats: dict[str, float]
    vector: Any
    client: Any
    acts: Any


@dataclass
class Pair:
    """Two replies to one context; `better` shows `skill` more."""

    id: str
    source: str
    skill: str
    better: str
    worse: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Levelled:
    """One turn judged 0-4 (or null: not at stake) on every skill."""

    item: str
    source: str
    levels: dict[str, float | None]


class VectorCache:
    """e5 query vectors on disk, keyed by a hash of the text."""

    def __init__(self, path: Path = CACHE) -> None:
        self.path = path
        self.vectors: dict[str, Any] = {}
        if path.exists():
            with np.load(path) as data:
                self.vectors = {k: data[k] for k in data.files}
        self.dirty = False

    def install(self) -> None:
        """Serve encoder queries from this cache, encoding and keeping what is new."""
        original = encoder._query

        def cached(text: str) -> Any:
            key = hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()
            if key not in self.vectors:
                self.vectors[key] = original(text)
                self.dirty = True
            return self.vectors[key]

        encoder._query = cached  # type: ignore[assignment]

    def save(self) -> None:
        """Write the cache back if anything was added."""
        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(self.path, **self.vectors)


def context_of(raw: list[dict[str, str]]) -> list[ContextTurn]:
    """Benchmark context turns as the referee's context."""
    return [ContextTurn(SPEAKERS[t["speaker"]], t["text"]) for t in raw]


def make_item(item_id: str, source: str, group: str, text: str, raw: list[dict[str, str]]) -> Item:
    """Read one text in its context and keep everything the model needs."""
    reading = read(text, context_of(raw))
    a = reading.analysis
    ruled = rules.levels(a)
    feats = move_features(a, ruled, reading.act_probabilities)
    zero = np.zeros(encoder.DIM, dtype=np.float32)
    return Item(
        item_id,
        source,
        group,
        a,
        ruled,
        feats,
        reading.vector if reading.vector is not None else zero,
        reading.client if reading.client is not None else zero,
        reading.act_probabilities,
    )


def jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def load_pairs(path: Path, source: str, items: dict[str, Item]) -> list[Pair]:
    """Pairs from a pairs.jsonl, each reply read into `items`."""
    out = []
    for p in jsonl(path):
        if p.get("skill") not in SKILLS:
            continue
        ids = []
        for side in ("better", "worse"):
            key = f"{source}/{p['pair_id']}:{side}"
            if key not in items:
                items[key] = make_item(key, source, p["pair_id"], p[side], p.get("context") or [])
            ids.append(key)
        out.append(Pair(p["pair_id"], source, p["skill"], ids[0], ids[1], p))
    return out


def load_levelled(path: Path, source: str, items: dict[str, Item]) -> list[Levelled]:
    """Levelled turns from a levelled.jsonl, each read into `items`."""
    out = []
    for t in jsonl(path):
        key = f"{source}/{t['turn_id']}"
        items[key] = make_item(key, source, t["turn_id"], t["text"], t.get("context") or [])
        levels = {
            k: (None if t["levels"].get(k) is None else float(t["levels"][k])) for k in SKILLS
        }
        out.append(Levelled(key, source, levels))
    return out


def load_dev(items: dict[str, Item]) -> list[dict[str, Any]]:
    """The dev benchmark's tasks, every item read into `items` (source 'dev')."""
    for it in jsonl(SHARED / "dev" / "items.jsonl"):
        key = f"dev/{it['item_id']}"
        items[key] = make_item(key, "dev", it["group_id"], it["text"], it.get("context") or [])
    tasks: list[dict[str, Any]] = json.loads((SHARED / "dev" / "tasks.json").read_text())
    return tasks


def matrix(items: list[Item], names: list[str], shift: dict[str, Any] | None = None) -> Any:
    """Design rows, one per item, laid out as the product lays them (skill_model.assemble,
    each vector moved by the language shift of the text it encodes)."""

    def moved(vector: Any, text: str) -> Any:
        lang = reads_as(text)
        return vector + shift[lang] if shift and lang in shift else vector

    return np.stack(
        [
            assemble(
                it.feats,
                names,
                moved(it.vector, it.analysis.clean),
                moved(it.client, it.analysis.partner_text)
                if it.analysis.partner_text
                else it.client,
            )
            for it in items
        ]
    )


def feature_names(items: list[Item], min_count: int = 3) -> list[str]:
    """Move features seen (non-zero) in at least `min_count` items, in a fixed order; a word
    only if it is that common in the sales data and in the dev dialogues alike."""
    counts: dict[str, int] = {}
    by_kind: dict[tuple[str, bool], int] = {}
    for it in items:
        dev = it.source == "dev"
        for k, v in it.feats.items():
            if v:
                counts[k] = counts.get(k, 0) + 1
                if k.startswith("w:"):
                    by_kind[(k, dev)] = by_kind.get((k, dev), 0) + 1
    kinds = {dev for it in items for dev in [it.source == "dev"]}
    return sorted(
        k
        for k, c in counts.items()
        if c >= min_count
        and (
            not k.startswith(("w:", "b:"))
            or all(by_kind.get((k, d), 0) >= min_count for d in kinds)
        )
    )
