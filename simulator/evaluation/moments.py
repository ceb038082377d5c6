"""Moments to redo: the at-stake turns that scored lowest, with what to say instead."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.evaluation.coaching import how, try_instead
from simulator.evaluation.reasons import PRESSED, shown_reason
from simulator.evaluation.rubric import Rubric
from simulator.evaluation.scale import LOW, trainee_numbers, turn_points
from simulator.evaluation.words import state_label
from simulator.i18n import _
from simulator.models import Persona, PersonaState, StateValues, Turn
from simulator.vocabulary import Beat, Difficulty

LIMIT = 3
# Below this a turn missed the skill outright (anchor 0 of 4): a moment whatever the client did.
CLEAR_MISS = 15
STATE_KEYS = ("trust", "patience", "interest")
PRESSING = frozenset({Beat.PRESSURE, Beat.OBJECTION, Beat.HANG_UP})


@dataclass
class Moment:
    """A trainee turn worth redoing: what was said on both sides, the cost, and a better line."""

    turn_index: int  # position in the transcript
    turn_no: int  # "your turn N": trainee turns only, as every view counts them
    skill: str
    score: float
    points: int
    you_said: str
    client_said: str
    try_instead: str
    how: str
    why: str
    cost: str

    @property
    def fault(self) -> bool:
        """Below the middle of the scale: a moment to redo, not just to polish."""
        return self.points < LOW


def state_cost(before: PersonaState | StateValues | None, after: PersonaState | None) -> str:
    """What this turn cost with the client, with the sign of the recorded change.

    Only a fall is a cost; when nothing fell, the review says the client let it pass
    rather than listing gains as costs ("trust +5, patience -5, interest +3").
    """
    if before is None or after is None:
        return ""
    moved = {key: round(getattr(after, key) - getattr(before, key)) for key in STATE_KEYS}
    fell = [f"{state_label(key)} {delta:+d}" for key, delta in moved.items() if delta < 0]
    rose = [f"{state_label(key)} {delta:+d}" for key, delta in moved.items() if delta > 0]
    if fell:
        return _("it cost you the client's {fell}").format(fell=", ".join(fell)) + (
            f" ({', '.join(rose)})" if rose else ""
        )
    if rose:
        return _("the client let it pass this time ({rose})").format(rose=", ".join(rose))
    return _("the client did not move")


def hung_up_on(turns: list[Turn]) -> int | None:
    """The index of the trainee turn the client hung up after, if the call ended so."""
    for i, t in enumerate(turns):
        if t.speaker == "persona" and t.beat == Beat.HANG_UP:
            before = [u for u in turns[:i] if u.speaker == "trainee"]
            return before[-1].index if before else None
    return None


@dataclass
class _Candidate:
    turn: Turn
    skill: str
    score: float
    client: str
    beat: Beat | None
    before: PersonaState | StateValues | None
    at_stake: bool


def _candidates(
    turns: list[Turn], start: StateValues | None, low_skills: frozenset[str]
) -> list[_Candidate]:
    """Every (turn, skill) scored where the skill was at stake (or the call's skill is low)."""
    out: list[_Candidate] = []
    client, beat = "", None
    before: PersonaState | StateValues | None = start
    for t in turns:
        if t.speaker == "persona":
            client, beat = t.text, t.beat
            continue
        if t.evaluation is not None:
            for skill, s in t.evaluation.skills.items():
                if s.score is not None and (s.at_stake or skill in low_skills):
                    out.append(_Candidate(t, skill, s.score, client, beat, before, s.at_stake))
        before = t.state_after or before
    return out


def pick_moments(
    turns: list[Turn],
    persona: Persona | None,
    rubric: Rubric,
    difficulty: Difficulty | None = None,
    limit: int = LIMIT,
    low_skills: frozenset[str] = frozenset(),
) -> list[Moment]:
    """Up to `limit` turns, lowest at-stake score first; the lowest is always among them.

    Turns below the middle of the scale are moments to redo; when none is, the single
    weakest turn is still shown, as the one to polish. For a skill whose call score is below
    the middle, turns where it was not at stake count too: a mean below 50 has a turn below 50.
    """
    start = persona.setting(difficulty or Difficulty.NORMAL).start if persona else None
    found = _candidates(turns, start, low_skills)
    # Lowest first; on a tie a provoked turn (pressure) teaches more, then the earlier one.
    found.sort(
        key=lambda c: (
            turn_points(c.score),
            not (c.turn.evaluation and c.turn.evaluation.provoked),
            c.turn.index,
        )
    )
    # The lowest at-stake turn goes first whatever else is low: it is the one to redo; the
    # turn the client hung up on goes before it, when it was at fault (an outburst, a cave).
    first = next((c for c in found if c.at_stake), None)
    last = hung_up_on(turns)
    ended = [c for c in found if c.turn.index == last and (turn_points(c.score) or 0) < LOW]
    for c in [first, *ended[:1]]:
        if c is not None:
            found.remove(c)
            found.insert(0, c)
    numbers = trainee_numbers(turns)
    picked: list[Moment] = []
    seen: set[int] = set()
    given: set[str] = set()  # a review never gives the same try-instead twice
    for c in found:
        points = turn_points(c.score) or 0
        if c.turn.index in seen or (picked and (points >= LOW or not _felt(c, points))):
            continue
        seen.add(c.turn.index)
        # Advice may assume nothing said after this turn; built for picked moments only.
        known = " ".join(t.text for t in turns if t.index < c.turn.index)
        moment = _moment(c, persona, rubric, numbers, len(picked), given, known)
        given.add(moment.try_instead)
        picked.append(moment)
        if len(picked) == limit:
            break
    return sorted(picked, key=lambda m: m.turn_index)


def _felt(c: _Candidate, points: int) -> bool:
    """Whether a low turn is evidence enough for a second or third moment: the client felt it
    (trust or patience fell) or the turn missed the skill outright.

    The referee alone is wrong often enough on a turn that planted calls showed good turns in
    a quarter of the moments; the client's reaction is a second witness (on 823 planted turns
    it cut those to a fifth and lost 2 of 231 mistakes).
    """
    if points < CLEAR_MISS:
        return True
    after = c.turn.state_after
    if c.before is None or after is None:
        return True
    return after.trust < c.before.trust or after.patience < c.before.patience


def _moment(
    c: _Candidate,
    persona: Persona | None,
    rubric: Rubric,
    numbers: dict[int, int],
    nth: int,
    given: set[str],
    known: str,
) -> Moment:
    assert c.turn.evaluation is not None
    s = c.turn.evaluation.skills[c.skill]
    # "Pressing" only when the client's line was pressure, not a calm line a cue matched.
    pressed = c.turn.evaluation.provoked and c.beat in PRESSING
    why = shown_reason(s, c.skill) + (_(PRESSED) if pressed else "")
    evaluation = c.turn.evaluation
    unasked = evaluation.signals.concession and not evaluation.provoked
    line = try_instead(
        persona, c.beat, c.skill, c.client, nth, known=known, used=given, unasked=unasked
    )
    return Moment(
        turn_index=c.turn.index,
        turn_no=numbers.get(c.turn.index, 0),
        skill=c.skill,
        score=c.score,
        points=turn_points(c.score) or 0,
        you_said=c.turn.text,
        client_said=c.client,
        try_instead=line or how(c.skill),
        how=how(c.skill),
        why=why,
        cost=state_cost(c.before, c.turn.state_after),
    )
