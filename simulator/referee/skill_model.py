"""The referee's learned skill model: a pairwise-trained linear scorer per skill.

Inputs are one reading of the turn: the move reading (rule levels, move and phrase
counts, the act reader's probabilities) and the e5 vectors of the turn and of the
client's last line (and their product, which carries "does this answer that"). Each skill
has a scorer trained on judged pairs (the better reply must score higher) and levelled
turns, a calibration from score to the 0-4 scale, and an at-stake gate. Training lives in
bench/train_skills.py; the weights ship in data/skill_model.json.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from simulator.errors import DataError
from simulator.models import SKILLS, SkillScore
from simulator.referee import acts, encoder
from simulator.referee.features import Analysis
from simulator.referee.language import reads_as
from simulator.referee.lexicon import COMMIT_Q
from simulator.referee.reading import Reading

# The product of the two unit vectors is tiny per dimension; scaled so it trains like the rest.
PRODUCT_SCALE = 20.0
PATTERNS = (
    "acknowledge",
    "feelings",
    "invite",
    "concession",
    "over_apology",
    "refusal",
    "reason",
    "alternative",
    "hedge",
    "hostility",
    "defensive",
    "pitch",
    "we",
    "winwin",
    "zero_sum",
    "price",
    "next_step",
    "clarify",
    "pause",
    "need",
)
# The features a turn in any language has: the act reading, length, figures, whether the
# client asked; with the e5 vectors, the neutral model scores turns the rules cannot read.
NEUTRAL = re.compile(r"^(?:act:|len$|digits$|ctx:partner_q$|ctx:first_turn$)")
TOKEN_RE = re.compile(r"[a-z']+|[?!]")
WH_YOU_Q = re.compile(r"\b(?:what|which|how|why)\b[^?]{0,160}\b(?:you|your)\b[^?]{0,160}\?", re.I)
OFFER = re.compile(
    r"\b(?:i(?:'ll| will| can| could)? (?:give|take|offer|let you have|throw in)|you (?:can|could) "
    r"(?:have|take|get)|how about|what if|would you (?:accept|be ok|take))\b",
    re.IGNORECASE,
)


def move_features(a: Analysis, rules: dict[str, SkillScore], act_p: Any | None) -> dict[str, float]:
    """The move reading as named numbers: rule levels, move and phrase counts, acts."""
    words = TOKEN_RE.findall(a.clean.lower())
    n = max(1, len(words))
    f: dict[str, float] = {"len": math.log1p(n)}
    for name in PATTERNS:
        f[f"p:{name}"] = min(3.0, float(len(a.matches.get(name, []))))
    f["q:open"] = float(len(a.open_questions))
    f["q:closed"] = float(len(a.closed_questions))
    f["q:commit"] = float(len(COMMIT_Q.findall(a.clean)))
    f["q:about_you"] = float(len(WH_YOU_Q.findall(a.clean)))
    f["offer"] = float(len(OFFER.findall(a.clean)))
    f["you_share"] = sum(w in ("you", "your", "you're", "yours") for w in words) / n
    f["i_share"] = sum(w in ("i", "me", "my", "i'm", "i'll", "i'd") for w in words) / n
    f["we_share"] = sum(w in ("we", "us", "our", "let's", "we're", "we'll") for w in words) / n
    f["digits"] = min(3.0, float(len(re.findall(r"\d", a.clean))))
    f["ctx:provoked"] = float(a.provoked)
    f["ctx:partner_feeling"] = float(a.partner_feeling)
    f["ctx:partner_q"] = float("?" in a.partner_text)
    f["ctx:first_turn"] = float(not a.partner_text)
    f["ctx:earlier_q"] = min(3.0, float(a.earlier_questions))
    f["reflect"] = min(4.0, float(len(a.reflected)))
    for name, spans in a.moves.found.items():
        f["m:" + name] = min(2.0, float(len(spans)))
    f["m:caves"] = float(a.moves.caves)
    f["m:trades"] = float(a.moves.trades)
    f["m:demand"] = float(a.moves.demand)
    f["m:concern"] = float(a.moves.concern)
    for skill, s in rules.items():
        f[f"rule:{skill}"] = 0.0 if s.score is None else s.score / 4.0
        f[f"rule_na:{skill}"] = float(s.score is None)
    if act_p is not None:
        for name, p in zip(acts.ACTS, act_p, strict=True):
            f[f"act:{name}"] = float(p)
    # Words, for what no move names; the trainer keeps only words common to both the sales
    # pairs and the human-labelled dialogues, so no one corpus's vocabulary carries a score.
    for w in set(words):
        f["w:" + w] = 1.0
    return f


def assemble(
    feats: dict[str, float], names: list[str], turn: Any | None, client: Any | None
) -> Any:
    """[move features in `names` order | turn vector | client vector | their product]."""
    moves = np.array([feats.get(n, 0.0) for n in names], dtype=np.float64)
    zero = np.zeros(encoder.DIM)
    t = zero if turn is None else np.asarray(turn, dtype=np.float64)
    c = zero if client is None else np.asarray(client, dtype=np.float64)
    return np.concatenate([moves, t, c, t * c * PRODUCT_SCALE])


def design_row(
    reading: Reading,
    rules: dict[str, SkillScore],
    names: list[str],
    model: SkillModel | None = None,
    lang: str = "en",
) -> Any:
    """The model's input for one reading of a turn in LANG (see `assemble`; MODEL's language
    shift applied)."""
    feats = move_features(reading.analysis, rules, reading.act_probabilities)
    if model is None or not model.shift:
        return assemble(feats, names, reading.vector, reading.client)
    client = reading.analysis.partner_text
    turn = model.moved(reading.vector, lang)
    said = model.moved(reading.client, reads_as(client)) if client else reading.client
    return assemble(feats, names, turn, said)


class SkillModel:
    """Per skill: a linear scorer, its 0-4 calibration and its at-stake gate."""

    def __init__(self, names: list[str], skills: dict[str, dict[str, Any]]) -> None:
        self.names = names
        # The language-neutral model, for turns not in English (parse sets it).
        self.neutral: SkillModel | None = None
        self.size = len(names) + 3 * encoder.DIM
        self.weights = np.stack([np.asarray(skills[k]["weights"], float) for k in SKILLS])
        self.bias = np.array([float(skills[k]["bias"]) for k in SKILLS])
        self.scale = np.array([skills[k]["scale"] for k in SKILLS], dtype=float)
        # A calibration of its own for Indonesian turns, when the model has one.
        self.scales = {"en": self.scale}
        if all("scale_id" in skills[k] for k in SKILLS):
            self.scales["id"] = np.array([skills[k]["scale_id"] for k in SKILLS], dtype=float)
        self.gate = np.stack([np.asarray(skills[k]["gate"], float) for k in SKILLS])
        self.gate_bias = np.array([float(skills[k]["gate_bias"]) for k in SKILLS])
        self.threshold = np.array([float(skills[k]["threshold"]) for k in SKILLS])
        # Per language, what moves its e5 vectors onto English's (mean English minus mean
        # Indonesian training vector): the weights learned where the English data is read
        # an Indonesian turn by what it does, not by the region its language sits in.
        self.shift: dict[str, Any] = {}

    def moved(self, vector: Any | None, lang: str) -> Any | None:
        """A vector of a text in LANG as this model reads it (shifted when it has a shift)."""
        if vector is None or lang not in self.shift:
            return vector
        return vector + self.shift[lang]

    def judge_rows(self, rows: Any, lang: str = "en") -> tuple[Any, Any]:
        """For design rows (n x size) of turns in LANG: the calibrated 0-4 levels and whether
        the gate finds each skill at stake, both n x 4 in SKILLS order."""
        raw = rows @ self.weights.T + self.bias
        scale = self.scales.get(lang, self.scale)
        level = 4.0 / (1.0 + np.exp(-np.clip(scale[:, 0] * raw + scale[:, 1], -30, 30)))
        stake = 1.0 / (1.0 + np.exp(-np.clip(rows @ self.gate.T + self.gate_bias, -30, 30)))
        return level, stake >= self.threshold

    def judge(self, row: Any, lang: str = "en") -> dict[str, tuple[float, bool]]:
        """Per skill, the calibrated 0-4 level and whether the gate finds it at stake."""
        level, gated = self.judge_rows(row[None, :], lang)
        return {k: (float(level[0, i]), bool(gated[0, i])) for i, k in enumerate(SKILLS)}


def parse(data: Any, where: str) -> SkillModel:
    """A skill model from its JSON (with its neutral model when there is one); anything
    malformed is one DataError naming the file."""
    model = _parse_one(data, where)
    if isinstance(data, dict) and "neutral" in data:
        model.neutral = _parse_one(data["neutral"], where + " (neutral)")
        try:
            shift = {
                str(k): np.asarray(v, float) for k, v in data["neutral"].get("shift", {}).items()
            }
            if any(v.shape != (encoder.DIM,) or not np.isfinite(v).all() for v in shift.values()):
                raise ValueError("a shift is not one finite number per dimension")
        except (TypeError, ValueError, AttributeError) as exc:
            raise DataError(
                f"{where}: not a skill model ({exc}); rerun bench/train_skills.py --write"
            ) from None
        model.neutral.shift = shift
    return model


def _parse_one(data: Any, where: str) -> SkillModel:
    """One model's weights, checked."""
    try:
        names = [str(n) for n in data["features"]]
        skills = data["skills"]
        model = SkillModel(names, skills)
        width = (len(SKILLS), model.size)
        if model.weights.shape != width or model.gate.shape != width:
            raise ValueError(f"weights must be {model.size} numbers per skill")
        if any(s.shape != (len(SKILLS), 2) for s in model.scales.values()):
            raise ValueError("scale must be two numbers per skill")
        parts = [model.weights, model.bias, model.scale, model.gate, model.gate_bias]
        if not all(np.isfinite(p).all() for p in parts):
            raise ValueError("a weight is not a finite number")
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise DataError(
            f"{where}: not a skill model ({exc}); rerun bench/train_skills.py --write"
        ) from None
    return model


@lru_cache(maxsize=1)
def load_model() -> SkillModel | None:
    """The shipped model, or None when it or the encoder is missing (rules alone then)."""
    path = Path(str(resources.files("simulator") / "data" / "skill_model.json"))
    if not path.exists() or not encoder.available():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read the skill model ({exc})") from None
    return parse(data, str(path))
