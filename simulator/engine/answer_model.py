"""How likely each authored line is to answer the trainee's question: a learned reader.

e5's cosine with a line's keys alone crowds: "Kurirnya ada berapa?" sits as near the budget
line as the couriers line. The reader weighs, per line, its nearest key, how far it leads the
other lines and the other subjects, how well the line itself answers the question (e5 reads
the question as a "query:" and the line as a "passage:", what it was trained for), and the
topic reader's belief in the line's subject. Logistic weights (data/answer_weights.json) are
fitted on trainee questions from live calls labelled with the lines that answer them
(bench/train_answers.py); without the file the nearest key alone decides.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from simulator.referee import logistic
from simulator.referee.logistic import Weights

WEIGHTS = "answer_weights.json"
BASE = (
    "key",  # the nearest key's cosine
    "key_lead",  # ... minus the best line's (0 for the best line)
    "subject_lead",  # ... minus the best line on another subject's
    "key_mean",  # the mean of the line's key cosines
    "passage",  # the question (query) against the line itself (passage)
    "passage_lead",  # ... minus the best line's
    "topic",  # the topic reader's probability of the line's subject
    "topic_first",  # 1 when that subject is the reader's likeliest class
    "on_subject",  # 1 for a line on a subject (not one written for one question)
    "no_topic",  # the topic reader's belief the question is on no topic (a question-wide bias)
    "key_words",  # words that carry meaning shared with the line's nearest-worded key (to 3)
    "line_words",  # ... shared with the line itself (to 3)
    "unanswered",  # the question's cosine with the nearest labelled question no line answers
)
# Indonesian keys and questions sit differently in e5's space: each base feature has an
# Indonesian copy, so one file serves both languages.
NAMES = (*BASE, *(f"id_{n}" for n in BASE))


def features(
    keys: list[Any],
    passages: Any,
    subjects: list[str | None],
    topic_p: dict[str, float],
    lang: str,
    words: tuple[Any, Any],
    unanswered: float = 0.0,
) -> Any:
    """One row of NAMES per line: `keys` are each line's key cosines with the question,
    `passages` the question's cosine with each line, `topic_p` the topic reader's classes,
    `words` the words each line's keys and each line share with the question."""
    k1 = np.array([float(k.max()) for k in keys])
    km = np.array([float(k.mean()) for k in keys])
    pas = np.asarray(passages, dtype=float)
    best = k1.max()
    lead = np.empty(len(keys))
    for i, s in enumerate(subjects):
        others = [k1[j] for j, t in enumerate(subjects) if j != i and (s is None or t != s)]
        lead[i] = k1[i] - (max(others) if others else 0.0)
    top = max(topic_p, key=topic_p.__getitem__) if topic_p else None
    topic = np.array([topic_p.get(s, 0.0) if s else 0.0 for s in subjects])
    first = np.array([1.0 if s and s == top else 0.0 for s in subjects])
    has = np.array([1.0 if s else 0.0 for s in subjects])
    none = np.full(len(keys), topic_p.get("none", 0.0) + topic_p.get("other", 0.0))
    key_words, line_words = (np.minimum(np.asarray(w, dtype=float), 3.0) / 3.0 for w in words)
    base = np.stack(
        [
            k1,
            k1 - best,
            lead,
            km,
            pas,
            pas - pas.max(),
            topic,
            first,
            has,
            none,
            key_words,
            line_words,
            np.full(len(keys), unanswered),
        ],
        axis=1,
    )
    zero = np.zeros_like(base)
    return np.concatenate([base, zero] if lang != "id" else [zero, base], axis=1)


def load(labelled: bool = True) -> Weights | None:
    """The shipped fit for a persona with (or without) labelled questions, or None."""
    return logistic.load(WEIGHTS, NAMES, labelled)
