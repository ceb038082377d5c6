"""Anchored 0-4 skill levels from what the turn does against the client's last line.

Each function makes one decision and returns the level, the reason and the spans that
decided it together, so a reason can never praise what the level faults. Reasons are
saved in English; N_ marks them (and their added clauses) for the catalogue, and a screen
shows them in its language (evaluation.reasons.reason_text).
"""

from __future__ import annotations

from typing import Literal

from simulator.i18n import N_
from simulator.models import SkillScore, Span, Timing
from simulator.referee.features import Analysis

# Reasons for saying yes to what the client asked; a closing line after an agreed next step
# says yes to the step, not to a demand (scorer.closing).
ACCEPTED_DEMAND = N_("accepted the demand without a limit")
CONCEDED_PRESSED = N_("conceded at once under pressure")

# Hard: a fault or a clear sales move the ranker may barely move. Soft: a good move whose
# degree the ranker may adjust. Open: nothing decisive; the ranker ranks it.
Strength = Literal["hard", "soft", "open"]

# A measured pause before answering a provocation is itself non-reactive pacing.
THINK_PAUSE_S = 4.0
# More questions than this in one turn is an interrogation, not a clarifying question.
RAPID_FIRE = 4


def _score(
    level: float | None,
    a: Analysis,
    reason: str,
    *names: str,
    strength: Strength = "hard",
) -> SkillScore:
    """A skill score whose evidence is the spans of the moves that decided it."""
    evidence: list[Span] = a.moves.spans(*names) + a.spans(*names) if names else []
    evidence = _dedupe(evidence)
    if not evidence and level is not None and a.questions and "ask" in reason:
        evidence = a.questions[:1]
    return SkillScore(
        score=level,
        evidence=evidence,
        reason=reason,
        anchored=strength == "hard" and level is not None,
        strength=strength if level is not None else "open",
        at_stake=level is not None,
        rule_level=level,
    )


def _dedupe(spans: list[Span]) -> list[Span]:
    """Spans in text order, dropping any contained in one already kept."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not out or s.start >= out[-1].end:
            out.append(s)
    return out


def _asks(a: Analysis) -> bool:
    """A question that seeks understanding, not commitment (judged per sentence)."""
    pushes = a.moves.spans("push")
    asking = a.moves.spans("explore_q") + a.open_questions + a.spans("clarify")
    for sent in a.sentences:
        if any(sent.start <= p.start < sent.end for p in pushes):
            continue
        if any(sent.start <= q.start < sent.end for q in asking):
            return True
    return False


def empathy(a: Analysis) -> SkillScore:
    """0 argues or pitches over a concern; 2 generic acknowledgement; 4 reflects and invites."""
    m = a.moves
    concern = m.concern or a.partner_feeling or a.provoked
    acknowledges = a.has("acknowledge") or m.has("stock")
    if m.has("hostile") or a.has("hostility"):
        return _score(0, a, N_("belittled or attacked the client"), "hostile", "hostility")
    if not concern and not m.reflects and not acknowledges:
        return _score(None, a, N_("no feeling or concern from the client to respond to"))
    # Echoed words only count as reflection when the client voiced a concern to reflect.
    real_reflection = (
        m.has("reflect") or (m.concern and len(m.echoed) >= 2 and not m.argues) or m.about_client
    )
    if m.argues or a.has("defensive"):
        if real_reflection and not m.stock_then_pivot:
            return _score(1.5, a, N_("reflected, then argued with the concern"), "reflect", "rebut")
        return _score(0.5, a, N_("argued with or brushed off the concern"), "rebut", "defensive")
    if m.stock_then_pivot:
        return _score(
            1, a, N_("stock words of understanding, then moved past the concern"), "stock"
        )
    quotes = a.has("price") and m.has("instant") and not m.holds  # a limit is not a pitch
    if concern and (m.has("pitch") or a.has("pitch") or quotes) and not real_reflection:
        return _score(0.5, a, N_("jumped to a pitch over the client's concern"), "pitch")
    if concern and m.has("push") and not real_reflection:
        return _score(1, a, N_("pushed for a commitment over the client's concern"), "push")
    if m.concern and m.has("solve") and not real_reflection and not acknowledges:
        return _score(1, a, N_("jumped to a fix before the client felt heard"), "solve")
    invites = _asks(a) or a.has("invite")
    if real_reflection:
        level = 3.0 + (0.5 if a.has("feelings") else 0.0) + (1.0 if invites else 0.0)
        why = N_("reflected the client's concern") + (N_(" and invited more") if invites else "")
        return _score(min(level, 4.0), a, why, "reflect", "feelings", "invite", strength="soft")
    if acknowledges:
        level = 2.5 if invites else 2.0
        why = N_("acknowledged in general terms") + (N_(" and asked more") if invites else "")
        return _score(level, a, why, "acknowledge", "stock", "invite", strength="soft")
    if invites:
        return _score(
            1.5, a, N_("asked a question but did not acknowledge"), "explore_q", strength="soft"
        )
    return _score(1, a, N_("moved on without acknowledging the client"), strength="open")


def boundary(a: Analysis) -> SkillScore:
    """0 caves or refuses with hostility; 2 vague hedge; 4 clear limit, reason, alternative."""
    m = a.moves
    at_stake = m.demand or a.provoked or m.holds or m.caves or a.has("refusal")
    # A greeting or a one-word reply neither holds nor gives anything.
    if not at_stake or (not m.found and not a.matches and a.words <= 5):
        return _score(None, a, N_("no demand or limit in play in this turn"))
    if m.caves:
        return _score(0, a, ACCEPTED_DEMAND, "accept", "gives")
    rude = m.has("hostile") or m.has("zero_sum") or a.has("hostility")
    if rude:
        return _score(0.5, a, N_("refused with hostility"), "limit", "hostile", "zero_sum")
    if m.holds:
        reason, option = m.has("reason"), m.has("alternative") or m.has("condition")
        level = 2.5 + (0.75 if reason else 0.0) + (0.75 if option else 0.0)
        why = N_("stated the limit") + (N_(" with the reason") if reason else "")
        why += N_(" and offered an alternative") if option else ""
        if m.has("over_apology"):
            level, why = level - 1.5, why + N_(", but over-apologised")
        if m.has("hedge"):
            level, why = level - 0.5, why + N_(", then hedged")
        return _score(
            min(level, 4.0), a, why, "limit", "reason", "alternative", "condition", "over_apology"
        )
    if m.has("over_apology"):
        return _score(0.5, a, N_("over-apologised instead of holding a limit"), "over_apology")
    if m.has("hedge"):
        return _score(1.5, a, N_("hedged instead of stating the limit"), "hedge", strength="soft")
    if m.trades:
        return _score(
            3, a, N_("set terms for what was asked"), "condition", "alternative", strength="soft"
        )
    if _asks(a) or m.has("defer"):
        return _score(2, a, N_("asked before committing to the demand"), "explore_q", "defer")
    return _score(1.5, a, N_("let the demand pass without a clear limit"), strength="open")


def pacing(a: Analysis, timing: Timing | None) -> SkillScore:
    """0 reacts at once (argues, concedes, rushes a number); 4 slows down and asks first."""
    m = a.moves
    paused = bool(timing and timing.submit_s is not None and timing.submit_s >= THINK_PAUSE_S)
    pressed = a.provoked or m.demand or m.wants_answer
    bonus = 0.5 if (paused and pressed) else 0.0
    if m.has("hostile") or a.has("hostility") or m.has("rebut") or a.has("defensive"):
        return _score(0 + bonus, a, N_("answered back instead of asking"), "rebut", "hostile")
    if pressed and m.caves:
        return _score(0 + bonus, a, CONCEDED_PRESSED, "accept", "gives")
    asks, defers = _asks(a), m.has("defer")
    if asks or defers:
        if len(a.questions) >= RAPID_FIRE:
            return _score(
                1.5 + bonus, a, N_("fired questions instead of one at a time"), "explore_q"
            )
        first_q = min((s.start for s in m.spans("explore_q", "defer")), default=0)
        led_with = [s for s in m.spans("pitch", "instant") if s.start < first_q]
        if m.has("pitch") and led_with:
            return _score(2 + bonus, a, N_("led with a pitch, then asked"), "pitch")
        calm = defers or m.reflects or a.has("acknowledge") or a.has("pause")
        level = (4.0 if asks and calm else 3.5) if asks else 3.0
        why = (
            N_("slowed down and asked before acting") if asks else N_("took time before answering")
        )
        return _score(
            min(level + bonus, 4.0), a, why, "defer", "explore_q", "pause", strength="soft"
        )
    if m.has("push"):
        if a.earlier_questions >= 2 and not pressed:
            # Asking for the next step once discovery is done is good practice, not pushing.
            return _score(
                3, a, N_("asked for a next step after discovery"), "push", strength="soft"
            )
        return _score(1 + bonus, a, N_("pushed for commitment instead of asking"), "push")
    if m.holds and not m.has("zero_sum"):
        # A calm limit answers the demand, but it does not ask first: the rubric's middle.
        return _score(2 + bonus, a, N_("held a limit calmly, without asking first"), "limit")
    # Only an asked-for answer can be rushed: a figure offered unprompted is not reactive.
    asked_for = m.demand or m.wants_answer
    if asked_for and (m.has("instant") or m.has("pitch") or m.has("accept") or a.has("price")):
        return _score(
            0.5 + bonus, a, N_("answered with a number, a plan or a yes before understanding"),
            "instant", "pitch", "accept",
        )  # fmt: skip
    if (pressed or m.concern) and (m.has("pitch") or a.has("pitch")):
        return _score(0.5 + bonus, a, N_("pitched before understanding"), "pitch")
    if a.has("acknowledge") or a.has("pause") or m.reflects:
        level = 2.5 if a.provoked else 2.0
        return _score(
            level + bonus,
            a,
            N_("took the heat out"),
            "acknowledge",
            "pause",
            "reflect",
            strength="soft",
        )
    if a.closed_questions:
        return _score(2.5 + bonus, a, N_("asked a closed question"), strength="open")
    if a.provoked:
        return _score(1.5 + bonus, a, N_("answered without asking first"), strength="open")
    return _score(2.0, a, N_("neutral"), strength="open")


def winwin(a: Analysis) -> SkillScore:
    """0 zero-sum or capitulation; 2 neutral; 4 a trade that names both sides' gains."""
    m = a.moves
    if m.has("zero_sum") or m.has("hostile") or a.has("zero_sum") or a.has("hostility"):
        return _score(0, a, N_("zero-sum: one side's terms or nothing"), "zero_sum", "hostile")
    if m.caves:
        return _score(0.5, a, N_("gave value away without trading"), "accept", "gives")
    # "our" alone is talk about us ("our product"), not a shared frame.
    we = [s for s in a.spans("we") if s.text.lower() != "our"]
    shared = m.has("both") or a.has("winwin")
    if m.has("split") and not m.has("their_gain"):
        return _score(2, a, N_("split the difference without naming interests"), "split")
    if m.trades:
        level = 3.0 + (0.5 if m.has("their_gain") else 0.0) + (0.5 if shared else 0.0)
        why = N_("offered a trade") + (N_(" and named what each side gets") if level >= 3.5 else "")
        return _score(min(level, 4.0), a, why, "condition", "their_gain", "both", "winwin")
    if shared and m.has("their_gain"):
        return _score(
            3, a, N_("named what each side gets"), "their_gain", "both", "winwin", strength="soft"
        )
    if m.has("alternative") or m.has("their_gain"):
        return _score(
            2.5, a, N_("offered another way forward"), "alternative", "their_gain", strength="soft"
        )
    if m.has("fair") and (shared or we):
        return _score(
            3, a, N_("appealed to fairness for both sides"), "fair", "both", strength="soft"
        )
    if shared or we or m.has("fair"):
        return _score(
            2.5, a, N_("framed it as shared"), "both", "winwin", "we", "fair", strength="soft"
        )
    at_stake = m.demand or a.provoked or a.has("price") or m.holds
    if not at_stake or a.words <= 4:
        return _score(None, a, N_("nothing to negotiate in this turn"))
    return _score(2, a, N_("neutral, transactional"), strength="open")


def levels(a: Analysis, timing: Timing | None = None) -> dict[str, SkillScore]:
    """All four skills' rubric decisions for one analysed turn."""
    return {
        "empathy": empathy(a),
        "boundary": boundary(a),
        "pacing": pacing(a, timing),
        "winwin": winwin(a),
    }
