"""The shipped referee: the move reading as evidence, the learned skill model as judge.

The rubric rules (rules.py) read what the turn does and keep the hard faults (a cave,
hostility, talking to the evaluator) as guards; the skill model (skill_model.py), trained
on judged pairs, scores everything else from one reading of the turn. Without the encoder
or the model's weights, the rules' levels stand alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.models import Persona, SkillScore, Timing, TurnEvaluation
from simulator.referee import rules
from simulator.referee.features import Analysis, ContextTurn
from simulator.referee.reading import Reading, read
from simulator.referee.signals import extract
from simulator.referee.skill_model import SkillModel, design_row, load_model
from simulator.referee.wording import LEARNED_REASON, NOT_AT_STAKE

# A turn that addresses the evaluator is not talking to the client: it never gains by it.
INJECTION_PENALTY = 0.5
# Hard faults cap the learned level: however warm the words, a cave is no boundary.
CAVE_CAP = {"boundary": 0.5, "winwin": 1.0}
HOSTILE_CAP = 0.5
# At or above this learned level, a fault the rules read from phrases does not cap it.
FAULT_OVERRIDE = 3.0
PRESSED_CAVE_PACING = 1.0
# A giveaway the rules did not name as a cave still counts as one when the learned
# boundary level is this low and the turn reads as giving something.
GIVEAWAY_LEVEL = 1.25
GIVEAWAY_ACT = 0.3
# The middle of the 0-4 scale: reasons must agree with the side of it a score lands on.
MIDDLE = 2.0
# A rule level at or below this, decided firmly, is a fault: the skill is at stake.
FAULT_LEVEL = 1.0


class SkillReferee:
    """Deterministic referee: no LLM, no network, a few milliseconds a turn."""

    def __init__(self, use_learned: bool = True) -> None:
        self.model: SkillModel | None = load_model() if use_learned else None

    def read(self, text: str, context: Sequence[ContextTurn]) -> Reading:
        """The one reading of a turn that scores, hearing and selection share."""
        return read(text, context)

    def evaluate(
        self,
        text: str,
        context: Sequence[ContextTurn],
        *,
        persona: Persona | None = None,
        timing: Timing | None = None,
        reading: Reading | None = None,
    ) -> TurnEvaluation:
        """Score the four skills and extract signals for one trainee turn."""
        reading = reading if reading is not None and reading.text == text else read(text, context)
        a = reading.analysis
        skills = self.skills(reading, a, timing)
        if a.injection_spans:
            # Score both readings (sentences removed, phrases removed); keep the lower, minus a penalty.
            from simulator.referee.features import analyse

            other = self.skills(reading, analyse(text, list(reading.context), False), timing)
            for name, score in skills.items():
                low = _lower(score.score, other[name].score)
                score.score = None if low is None else max(0.0, round(low - INJECTION_PENALTY, 3))
        signals = extract(a, persona)
        signals.concession = gives_away(reading, skills)
        return TurnEvaluation(signals=signals, skills=skills, provoked=a.provoked)

    def skills(self, reading: Reading, a: Analysis, timing: Timing | None) -> dict[str, SkillScore]:
        """Rules first (evidence and guards), then the learned level where the model runs."""
        ruled = {
            "empathy": rules.empathy(a),
            "boundary": rules.boundary(a),
            "pacing": rules.pacing(a, timing),
            "winwin": rules.winwin(a),
        }
        if self.model is None or reading.vector is None:
            return ruled
        judged = self.model.judge(design_row(reading, ruled, self.model.names))
        gates = dict(
            zip(("empathy", "boundary", "pacing", "winwin"), self.model.threshold, strict=True)
        )
        return {k: decide(k, ruled[k], *judged[k], float(gates[k]), a, timing) for k in ruled}


def decide(
    skill: str,
    rule: SkillScore,
    level: float,
    stake: float,
    threshold: float,
    a: Analysis,
    timing: Timing | None = None,
) -> SkillScore:
    """The shown score for one skill: the learned level where the skill is at stake, the
    hard faults' caps, and a reason and evidence that agree with the score's direction."""
    # The rules bring a skill into play when they read a fault in it (a cave, an attack, a
    # push); whether a good or neutral turn had the skill at stake is the learned gate's call
    # (a discovery question after a demand has no boundary to score). Not at stake: null.
    ruled_in = rule.score is not None and rule.strength == "hard" and rule.score <= FAULT_LEVEL
    if not ruled_in and stake < threshold:
        return SkillScore(
            score=None, reason=NOT_AT_STAKE[skill], at_stake=False, rule_level=rule.score
        )
    m = a.moves
    # The rules' fault readings are phrase-level ("idiot" in "you weren't an idiot", a warm
    # "happy to!" before terms): they cap a level unless the learned judgement is sure the
    # turn is good, so the guard holds for real faults and not for their words.
    if level < FAULT_OVERRIDE:
        if caved(a) and skill in CAVE_CAP:
            level = min(level, CAVE_CAP[skill])
        if skill == "pacing" and caved(a) and (a.provoked or m.demand or m.wants_answer):
            level = min(level, PRESSED_CAVE_PACING)
        if hostile(a):
            level = min(level, HOSTILE_CAP)
    level = round(level, 3)
    agrees = rule.score is not None and (rule.score >= MIDDLE) == (level >= MIDDLE)
    return SkillScore(
        score=level,
        evidence=rule.evidence if agrees else [],
        reason=rule.reason if agrees else LEARNED_REASON[(skill, level >= MIDDLE)],
        anchored=rule.anchored and agrees,
        strength="hard" if rule.strength == "hard" and agrees else "soft",
        at_stake=True,
        rule_level=rule.score,
    )


def caved(a: Analysis) -> bool:
    """The rules read a cave: a yes with no limit and nothing asked in return."""
    return a.moves.caves


def hostile(a: Analysis) -> bool:
    """The rules read an attack or contempt."""
    return a.moves.has("hostile") or a.has("hostility")


def gives_away(reading: Reading, skills: dict[str, SkillScore]) -> bool:
    """A cave, or something given that nobody traded for (an unasked discount, free work)."""
    m = reading.analysis.moves
    boundary = skills["boundary"].score
    if m.caves and (boundary is None or boundary < MIDDLE):
        return True
    if m.holds or m.trades:
        return False
    if boundary is None or boundary > GIVEAWAY_LEVEL or reading.act_probabilities is None:
        return False
    from simulator.referee.acts import ACTS

    return float(reading.act_probabilities[ACTS.index("concession")]) >= GIVEAWAY_ACT


def _lower(a: float | None, b: float | None) -> float | None:
    """The lower of two scores, n/a counting as lowest."""
    if a is None or b is None:
        return None
    return min(a, b)
