"""Anchored 0-4 skill levels from the analysis, following the rubric's anchors."""

from __future__ import annotations

from simulator.models import SkillScore, Timing
from simulator.referee.features import Analysis
from simulator.referee.lexicon import COMMIT_Q

# A measured pause before answering a provocation is itself non-reactive pacing.
THINK_PAUSE_S = 4.0


# Verdicts where a rubric anchor fires outright: the learned ranker may not overrule them.
HARD_ANCHORS = frozenset(
    {
        "dismissed or argued with the client",
        "jumped to a pitch or price over the client's concern",
        "gave in without a limit",
        "refused with hostility",
        "over-apologised instead of holding a limit",
        "matched the heat or defended",
        "conceded at once under pressure",
        "zero-sum framing",
        "gave value away without trading",
    }
)


def _score(level: float | None, a: Analysis, reason: str, *names: str) -> SkillScore:
    evidence = a.spans(*names) if names else []
    if not evidence and level is not None and a.questions and "ask" in reason:
        evidence = a.questions[:1]
    anchored = reason in HARD_ANCHORS or (level is not None and level >= 4.0)
    return SkillScore(
        score=level,
        evidence=evidence,
        reason=reason,
        anchored=anchored,
        at_stake=level is not None,
        rule_level=level,
    )


def empathy(a: Analysis) -> SkillScore:
    """0 dismisses or pitches over a concern; 2 generic acknowledgement; 4 specific + invites."""
    if a.has("hostility") or a.has("defensive"):
        return _score(0, a, "dismissed or argued with the client", "hostility", "defensive")
    ack = a.has("acknowledge")
    named = a.has("feelings")
    reflects = len(a.reflected) >= 2
    invites = a.has("invite") or bool(a.open_questions)
    if not ack and not named and not (a.partner_feeling or a.provoked):
        return _score(None, a, "no feeling or concern from the client to respond to")
    if ack or named:
        level = 2.0 + (1.0 if named or reflects else 0.0) + (1.0 if invites else 0.0)
        parts = [
            ("acknowledged", ack),
            ("named the concern", named),
            ("reflected their words", reflects),
            ("invited more", invites),
        ]
        why = ", ".join(text for text, shown in parts if shown)
        return _score(min(level, 4.0), a, why, "acknowledge", "feelings", "invite")
    if (a.partner_feeling or a.provoked) and (a.has("pitch") or a.has("price")):
        return _score(
            0, a, "jumped to a pitch or price over the client's concern", "pitch", "price"
        )
    if invites:
        return _score(1.5, a, "asked a question but did not acknowledge", "invite")
    return _score(1.0, a, "no acknowledgement of what the client said")


def boundary(a: Analysis) -> SkillScore:
    """0 caves or refuses with hostility; 2 vague hedge; 4 clear, kind, reasoned, with an option."""
    if a.has("concession"):
        return _score(0, a, "gave in without a limit", "concession")
    if a.has("refusal") and a.has("hostility"):
        return _score(0, a, "refused with hostility", "refusal", "hostility")
    if len(a.spans("over_apology")) >= 1 and not a.has("refusal"):
        return _score(0.5, a, "over-apologised instead of holding a limit", "over_apology")
    if a.has("refusal") or a.has("need"):
        level = 3.0 if a.has("refusal") else 2.5
        level += 0.5 if a.has("reason") else 0.0
        level += 0.5 if a.has("alternative") else 0.0
        why = "stated a limit" + (" with the reason" if a.has("reason") else "")
        why += " and offered an alternative" if a.has("alternative") else ""
        return _score(min(level, 4.0), a, why, "refusal", "need", "reason", "alternative")
    if a.has("hedge"):
        return _score(2, a, "hedged instead of stating the limit", "hedge")
    if a.provoked and not a.questions:
        return _score(1.5, a, "let the demand pass without a clear limit")
    return _score(None, a, "no boundary to hold in this turn")


def pacing(a: Analysis, timing: Timing | None) -> SkillScore:
    """0 reacts at once (defends, attacks, concedes, rushes); 4 cools things, asks first."""
    paused = bool(timing and timing.submit_s is not None and timing.submit_s >= THINK_PAUSE_S)
    bonus = 0.5 if (paused and a.provoked) else 0.0
    if a.has("hostility") or a.has("defensive"):
        return _score(0, a, "matched the heat or defended", "hostility", "defensive")
    if a.provoked and a.has("concession"):
        return _score(0 + bonus, a, "conceded at once under pressure", "concession")
    rushed = (a.has("price") or a.has("pitch")) and a.earlier_questions == 0 and not a.questions
    if rushed:
        return _score(0.5 + bonus, a, "pitched or priced before understanding", "pitch", "price")
    pushing = [q for q in a.questions if COMMIT_Q.search(q.text)]
    early = a.earlier_questions < 2
    if early and pushing and len(pushing) == len(a.questions) and not a.has("clarify"):
        return _score(1.0 + bonus, a, "pushed for commitment instead of asking", "next_step")
    asks = bool(a.open_questions) or a.has("clarify")
    calm = a.has("acknowledge") or a.has("pause")
    # Asking for a next step after real discovery is good practice; before it, it is pushing.
    pushy = (
        a.has("next_step")
        and bool(a.closed_questions)
        and not a.open_questions
        and a.earlier_questions < 2
    )
    if asks and (calm or not a.provoked):
        # A question built on the client's own words is the clarifying question of anchor 4.
        builds_on = bool(a.reflected) and bool(a.open_questions)
        level = 3.5 + (0.5 if calm or a.has("clarify") or builds_on else 0.0)
        return _score(min(level + bonus, 4.0), a, "asked before acting", "clarify", "pause")
    if asks:
        return _score(3 + bonus, a, "asked a question before acting", "clarify")
    if pushy:
        return _score(1.5 + bonus, a, "pushed for commitment instead of asking", "next_step")
    if calm:
        level = 2.5 if a.provoked else 2.0
        return _score(level + bonus, a, "took the heat out", "acknowledge", "pause")
    if a.closed_questions:
        return _score(2.5 + bonus, a, "asked a closed question")
    level = 1.5 if a.provoked else 2.0
    return _score(level + bonus, a, "answered without asking first" if a.provoked else "neutral")


def winwin(a: Analysis) -> SkillScore:
    """0 zero-sum or capitulation; 2 neutral; 4 both sides' interests, 'we', options."""
    if a.has("zero_sum") or a.has("hostility"):
        return _score(0, a, "zero-sum framing", "zero_sum", "hostility")
    traded = a.has("winwin") and a.has("concession")
    if a.has("concession") and not traded:
        return _score(0.5, a, "gave value away without trading", "concession")
    level = 2.0
    level += 1.0 if a.has("winwin") else 0.0
    level += 0.5 if a.has("we") else 0.0
    level += 0.5 if a.has("alternative") else 0.0
    if level == 2.0:
        at_stake = a.has("price") or a.has("refusal") or a.has("need") or a.provoked
        if not at_stake or a.words <= 4:
            return _score(None, a, "nothing to negotiate in this turn")
        return _score(2, a, "neutral, transactional")
    return _score(min(level, 4.0), a, "framed for both sides", "winwin", "we", "alternative")
