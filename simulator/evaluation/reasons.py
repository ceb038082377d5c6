"""What a person reads next to a turn's score: a reason that agrees with it, and clauses."""

from __future__ import annotations

import re
from collections.abc import Collection

from simulator.evaluation.scale import LOW, turn_points
from simulator.i18n import N_, _, current_lang
from simulator.models import SkillScore, Span, Turn
from simulator.referee.wording import LEARNED, LEARNED_REASON

# The referee gives the rules' reason only when the learned score lands on the same side of
# the middle (else a learned reason in the score's direction). Calls scored by an older
# referee may disagree: their reason is qualified, so the words never praise what the
# number faults.
PARTLY = N_(", but it read as weak overall")
LIFTED = N_(", though the rest of the turn lifted it")
PRESSED = N_("; the client was pressing you")
ALONE = N_("not clearly at stake; scored on the wording alone")
# Clauses the referee and the review add to a reason (referee/rules.py), last one first
# when read from the end: each is translated apart, so every combination reads right.
ADDED = (
    PRESSED,
    PARTLY,
    LIFTED,
    N_(", then hedged"),
    N_(", but over-apologised"),
    N_(" and offered an alternative"),
    N_(" with the reason"),
    N_(" and invited more"),
    N_(" and asked more"),
    N_(" and named what each side gets"),
)
_CLAUSE_END = re.compile(r"[.!?;:,\n—]")


def praises(s: SkillScore) -> bool:
    """The rule decision behind this score was a good move (its level reached the middle)."""
    return s.rule_level is not None and s.rule_level >= 2.0


NEUTRAL = 2.0  # the rules' middle level: "neutral", "neutral, transactional"
STRONG = 75


def reason_text(reason: str) -> str:
    """A saved (English) reason in the language in force, clause by clause."""
    if current_lang() == "en" or not reason:
        return reason
    tail: list[str] = []
    while True:
        added = next((a for a in ADDED if reason.endswith(a) and reason != a), None)
        if added is None:
            break
        tail.insert(0, _(added))
        reason = reason[: -len(added)]
    return _(reason) + "".join(tail)


def shown_reason(s: SkillScore, skill: str = "") -> str:
    """The referee's reason, qualified when the shown score landed on the other side of 50,
    in the language in force."""
    return reason_text(_qualified(s, skill))


def _qualified(s: SkillScore, skill: str) -> str:
    points = turn_points(s.score)
    if points is None or not s.reason or s.reason in LEARNED:
        return s.reason  # a learned reason follows its score's direction already
    if s.rule_level is None:
        # The ranker alone scored a skill the rules saw nothing at stake in.
        return ALONE
    if praises(s) and points < LOW:
        return s.reason + PARTLY
    if s.rule_level == NEUTRAL and points >= STRONG:
        # "neutral" beside 90 reads as a contradiction: the learned reading lifted it.
        return LEARNED_REASON.get((skill, True), s.reason)
    if not praises(s) and points >= LOW:
        return s.reason + LIFTED
    return s.reason


def _ends_clause(text: str, i: int) -> bool:
    """Whether text[i] ends a clause: "16.5k" and "12,000" are one number, not two clauses
    (live round 19: an example quoted as "5k with the trade")."""
    if not _CLAUSE_END.match(text[i]):
        return False
    inside_number = (
        text[i] in ".,"
        and 0 < i < len(text) - 1
        and text[i - 1].isdigit()
        and text[i + 1].isdigit()
    )
    return not inside_number


def clause(text: str, span: Span) -> Span:
    """The clause around an evidence span: a lone word ("we", "Happy") says too little."""
    if not (0 <= span.start < span.end <= len(text)):
        return span
    start = span.start
    while start > 0 and not _ends_clause(text, start - 1):
        start -= 1
    end = span.end
    while end < len(text) and not _ends_clause(text, end):
        end += 1
    if end < len(text) and text[end] in "?!.":
        end += 1  # a question keeps its question mark
    while start < end and text[start].isspace():
        start += 1
    return Span(start=start, end=end, text=text[start:end])


def clauses(text: str, spans: list[Span]) -> list[Span]:
    """Evidence widened to whole clauses, merged, in text order."""
    out: list[Span] = []
    for s in sorted((clause(text, s) for s in spans), key=lambda s: s.start):
        if out and s.start < out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(start=out[-1].start, end=s.end, text=text[out[-1].start : s.end])
            continue
        out.append(s)
    return out


# An example shown beside a call score ("e.g. ...") must be a clear example of that skill.
EXAMPLE_POINTS = 75
EXAMPLE_WORDS = 3


def skill_example(turns: list[Turn], skill: str, taken: Collection[str] = ()) -> str:
    """A whole clause from the trainee's best clear example of a skill, or "" when none.

    Clear: the rules saw the skill at stake and praised the move, it scored 75 or more, and
    the turn did nothing the review faults (no giveaway, no attack, no other skill below
    50). "Fair?" alone, a budget question for boundary or a rushed quote never qualify.
    A clause already quoted for another skill (`taken`) is not quoted again: one line shown
    as the example of two skills read as a template.
    """
    best: tuple[float, str] = (-1.0, "")
    for t in turns:
        ev = t.evaluation
        if ev is None or ev.signals.concession or ev.signals.hostility:
            continue
        s = ev.skills.get(skill)
        if s is None or s.score is None or not s.at_stake or not praises(s):
            continue
        points = turn_points(s.score) or 0
        others = [turn_points(o.score) for o in ev.skills.values() if o.at_stake]
        if points < EXAMPLE_POINTS or any(p is not None and p < LOW for p in others):
            continue
        quoted = [
            c.text
            for c in clauses(t.text, s.evidence)
            if len(c.text.split()) >= 3 and c.text not in taken
        ]
        if quoted and s.score > best[0]:
            best = (s.score, max(quoted, key=len))
    return best[1]
