"""What a trainee's question asks about (data/topics.yaml, data/topic_weights.json).

A trained reader (softmax over the question's words, word pairs, cue counts from
topics.yaml and its sentence vector; bench/train_topics.py) names the topic when it is
sure enough: a wrong topic makes the client answer a question nobody asked, which is worse
than no topic. Without the weights file, the cues decide, the vector breaking ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from simulator.errors import DataError
from simulator.referee import embedding, softmax
from simulator.vocabulary import Topic

STRONG, WEAK = 2.0, 1.0
# The vector's part: a cosine of 1.0 is worth this many cue points. Tuned on the dev
# questions (bench/topic_check.py); wordllama cosines between questions sit in 0.4-0.9.
VECTOR_WEIGHT = 4.0
# With no cue at all, the nearest example must be this alike and this much nearer than
# the next topic's nearest example.
VECTOR_FLOOR, VECTOR_MARGIN = 0.72, 0.04
# Cues alone decide when the leader is this many points ahead.
CUE_LEAD = 2.0
# The trained reader names a topic only when this sure of it (bench/train_topics.py).
MIN_PROBABILITY = 0.4
# The reader's two classes that are no topic: a check-in or pleasantry ("none"), and a real
# question on nothing a client has an answer ready for ("other": "Do you keep bees?").
NO_TOPIC = ("none", "other")


@dataclass(frozen=True)
class TopicCues:
    """One topic's cue patterns and example questions."""

    topic: Topic
    strong: tuple[re.Pattern[str], ...]
    weak: tuple[re.Pattern[str], ...]
    examples: tuple[str, ...]

    def cue_score(self, text: str) -> float:
        """Cue points: 2 per strong pattern found, 1 per weak one."""
        strong = sum(1 for p in self.strong if p.search(text))
        return STRONG * strong + WEAK * sum(1 for p in self.weak if p.search(text))


def _path() -> Path:
    return Path(str(resources.files("simulator") / "data" / "topics.yaml"))


def _compile(path: Path, topic: str, key: str, raw: Any) -> tuple[re.Pattern[str], ...]:
    raw = [] if raw is None else raw
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise DataError(f"{path}: {topic}.{key}: expected a list of regular expressions")
    out = []
    for i, pattern in enumerate(raw):
        try:
            out.append(re.compile(r"\b(?:" + pattern + r")", re.IGNORECASE))
        except re.error as exc:
            raise DataError(
                f"{path}: {topic}.{key}[{i}]: not a regular expression ({exc})"
            ) from None
    return tuple(out)


@lru_cache(maxsize=1)
def cues() -> tuple[TopicCues, ...]:
    """Every topic's cues, validated: each topic once, known keys, patterns that compile."""
    from simulator.loading import read_yaml

    path = _path()
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping of topic to cues")
    known = {t.value for t in Topic}
    if unknown := sorted(set(data) - known):
        raise DataError(f"{path}: unknown topic {unknown[0]!r}; expected one of {sorted(known)}")
    if missing := sorted(known - set(data)):
        raise DataError(f"{path}: topic {missing[0]!r} is missing")
    out = []
    for name, body in data.items():
        if not isinstance(body, dict):
            raise DataError(f"{path}: {name}: expected a mapping with strong, weak, examples")
        if extra := sorted(set(body) - {"strong", "weak", "examples"}):
            raise DataError(
                f"{path}: {name}.{extra[0]}: unknown key; expected strong, weak, examples"
            )
        examples = body.get("examples", [])
        if (
            not isinstance(examples, list)
            or not examples
            or not all(isinstance(x, str) for x in examples)
        ):
            raise DataError(f"{path}: {name}.examples: expected a list of example questions")
        strong = _compile(path, name, "strong", body.get("strong", []))
        weak = _compile(path, name, "weak", body.get("weak", []))
        out.append(TopicCues(Topic(name), strong, weak, tuple(examples)))
    return tuple(out)


@lru_cache(maxsize=1)
def _example_vectors() -> dict[Topic, Any]:
    """Per topic, its example questions' unit vectors as rows (empty without wordllama)."""
    out = {}
    for c in cues():
        rows = embedding.embed(list(c.examples))
        if rows:
            out[c.topic] = np.stack(rows)
    return out


def _likeness(text: str) -> dict[Topic, float]:
    """Per topic, the cosine of the question to its nearest example question."""
    vectors = _example_vectors()
    query = embedding.embed_one(text) if vectors else None
    if query is None:
        return {}
    return {topic: float((rows @ query).max()) for topic, rows in vectors.items()}


def sparse_features(text: str) -> dict[str, float]:
    """Words, word pairs and cue counts of one question: the learned reader's sparse input."""
    out = softmax.word_features(text)
    for c in cues():
        strong = sum(1 for p in c.strong if p.search(text))
        weak = sum(1 for p in c.weak if p.search(text))
        if strong:
            out[f"s:{c.topic}"] = float(strong)
        if weak:
            out[f"k:{c.topic}"] = float(weak)
    return out


@lru_cache(maxsize=1)
def reader() -> softmax.Reader | None:
    """The trained reader, or None when its weights are not shipped."""
    path = Path(str(resources.files("simulator") / "data" / "topic_weights.json"))
    known = [*(t.value for t in Topic), *NO_TOPIC]
    return softmax.load(path, sparse_features, known, "bench/train_topics.py")


@lru_cache(maxsize=256)
def best_class(text: str) -> tuple[str, float] | None:
    """The reader's likeliest class for a question, "none" and "other" included, and its
    probability (None without the weights); cached: the referee, the client and the bank
    read the same questions."""
    learned = reader()
    return None if learned is None else learned.best(text)


def reading(text: str) -> tuple[Topic | None, float]:
    """The topic one question asks about (None when nothing says so clearly enough) and how
    sure the reader is of it."""
    best = best_class(text)
    if best is None:
        topic = topic_by_cues(text)
        return topic, 1.0 if topic else 0.0
    name, sure = best
    return (Topic(name) if name not in NO_TOPIC and sure >= MIN_PROBABILITY else None), sure


def topic_of(text: str) -> Topic | None:
    """The topic one question asks about, or None when nothing says so clearly enough."""
    return reading(text)[0]


def topic_by_cues(text: str) -> Topic | None:
    """The topic by cue points alone, the vector breaking ties (no trained weights)."""
    by_cue = {c.topic: c.cue_score(text) for c in cues()}
    ranked = sorted(by_cue.items(), key=lambda kv: -kv[1])
    (top, top_cue), (_, next_cue) = ranked[0], ranked[1]
    if top_cue > 0 and top_cue - next_cue >= CUE_LEAD:
        return top
    like = _likeness(text)
    if top_cue > 0:
        # Tied or close cues: the vector chooses among the topics the cues point to.
        leaders = [t for t, s in ranked if s > 0 and s >= top_cue - WEAK]
        return max(leaders, key=lambda t: by_cue[t] + VECTOR_WEIGHT * like.get(t, 0.0))
    if not like:
        return None
    near = sorted(like.items(), key=lambda kv: -kv[1])
    (best, cos), (_, runner_up) = near[0], near[1]
    return best if cos >= VECTOR_FLOOR and cos - runner_up >= VECTOR_MARGIN else None


ASKING = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|right|well|oh|sorry|now|first|first off|to start|to kick off|just)\W+)*"
    r"(?:(?:what|how|who|why|when|where|which)(?:'?s)?\b|"
    r"(?:is|are|was|were|do|does|did|have|has|could|can|would|will|should)\s+(?:you|your|we|there|it|"
    r"this|that|they|he|she|the|anyone|anything)\b|any\s+(?!\w+ing\b)|"
    # "So tell me a little about your business": a question asked as a request.
    r"(?:tell me|walk me through|talk me through|take me through|give me a (?:sense|feel|picture|"
    r"flavour|flavor|rundown)|describe|explain|i'?d (?:love|like) to (?:hear|know|understand)|"
    r"i'?m curious)\b)",
    re.IGNORECASE,
)
# "Sorry, I'm jumping around, but what was the trigger for reaching out now": a question
# after a comma, with no question mark; the wh-word and a verb make it one ("but how you
# handle it matters" is no question).
CLAUSE_ASKING = re.compile(
    r"[,;:\u2013\u2014]\s*(?:(?:but|so|and|or|then)\s+)?(?=(?:what|how|who|why|when|where|which)"
    r"(?:'s)?\s+(?:is|was|are|were|do|does|did|has|have|had|made|makes|would|will|could|can|should|"
    r"kind|sort|part|bit|happens|happened|prompted|brought|got|changed)\b)",
    re.IGNORECASE,
)
