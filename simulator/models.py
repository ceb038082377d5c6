"""Domain types: personas, state, turns, transcripts. Pydantic v2, strict about extra keys."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.vocabulary import KIND_TOPICS, Beat, Difficulty, Lang, Move, Outcome, Topic

SCHEMA_VERSION = 1
SKILLS: tuple[str, ...] = ("empathy", "boundary", "pacing", "winwin")
Level = Annotated[int, Field(ge=0, le=100)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
# Unix seconds from 1970 to 2286: anything else in a header is damage, not a date.
LATEST_TIME = 1e10
# An id is a file name stem, never a path: no separators, no "..", no glob characters.
_CALL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$")


def is_call_id(text: str) -> bool:
    """The one rule for call ids, shared by `review` (lookups) and `import` (new files)."""
    return bool(_CALL_ID.match(text)) and ".." not in text


class Strict(BaseModel):
    """Base for data files: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class Identity(Strict):
    """Who the client is."""

    name: str = Field(pattern=r"^\s*\S", description="The first word is the speaker tag")
    role: str
    company: str
    industry: str
    about_company: str


class HiddenFact(Strict):
    """A fact the client only reveals to a good question once trust is high enough."""

    id: Slug
    kind: Literal["budget", "deadline", "decision", "pain", "incumbent", "dealbreaker", "other"]
    fact: str
    reveal_line: str = Field(description="How the persona says it, in its own voice")
    asked_by: list[str] = Field(min_length=1, description="Words a question that earns it uses")
    tells: list[str] = Field(default_factory=list, description="Strings that leak the fact")
    min_trust: Level = 40
    topics: list[Topic] = Field(
        default_factory=list,
        description="Question topics that ask for it; empty: the topics its kind implies",
    )

    def asked_topics(self) -> list[Topic]:
        """The question topics that ask for this fact."""
        return self.topics or list(KIND_TOPICS.get(self.kind, ()))

    def told_in(self, text: str) -> bool:
        """Whether TEXT gives the fact away: one of its tells is in it."""
        lowered = text.lower()
        return any(tell.lower() in lowered for tell in self.tells)


class Trigger(Strict):
    """A signal or phrase that moves the persona's state."""

    signal: str | None = Field(default=None, description="A referee signal name")
    phrase: list[str] = Field(default_factory=list, description="Words in the trainee's turn")
    trust: int = 0
    patience: int = 0
    interest: int = 0
    why: str


class Objection(Strict):
    """A concern the persona raises."""

    text: str
    good_response: str


class FitProfile(Strict):
    """Whether this client is worth taking, and why (hidden from the trainee)."""

    fit: Literal["fit", "no-fit", "unsure"]
    why: str
    green_flags: list[str] = Field(default_factory=list)
    red_flags: list[str] = Field(default_factory=list)


class StateValues(Strict):
    """Starting trust, patience and interest."""

    trust: Level
    patience: Level
    interest: Level


class DifficultySetting(Strict):
    """Per-difficulty start values and how strongly signals move the persona."""

    start: StateValues
    positive_scale: float = Field(1.0, gt=0, le=3)
    negative_scale: float = Field(1.0, gt=0, le=3)
    next_step_interest: Level = 65
    next_step_trust: Level = 50


Range = tuple[Level, Level]
FULL_RANGE: Range = (0, 100)


class BankLine(Strict):
    """An authored line, tagged with the trainee moves it answers and when it fits."""

    say: str = Field(min_length=2)
    answers: list[Move] = Field(
        default_factory=list, description="Trainee moves this line answers; empty: any move"
    )
    after: str | None = Field(
        default=None,
        description="A trainee line this answers: matched against what was said, and used as "
        "a few-shot pair for the model",
    )
    asks: list[Annotated[str, Field(min_length=2, max_length=300)]] = Field(
        default_factory=list,
        max_length=12,
        description="Other ways a trainee asks what this line answers: the client answers "
        "by meaning, so several phrasings find it",
    )
    trust: Range = FULL_RANGE
    patience: Range = FULL_RANGE
    interest: Range = FULL_RANGE
    difficulty: list[Difficulty] = Field(
        default_factory=list, description="Difficulties it fits; empty: all"
    )

    def fits(self, state: PersonaState, difficulty: Difficulty) -> bool:
        """Whether the persona's mood and the difficulty allow this line."""
        for name in ("trust", "patience", "interest"):
            low, high = getattr(self, name)
            if not low <= getattr(state, name) <= high:
                return False
        return not self.difficulty or difficulty in self.difficulty


LineEntry = str | BankLine
BEATS: tuple[str, ...] = tuple(b.value for b in Beat)


class AuthoredLines(Strict):
    """The persona's response bank: lines by beat, deflections, back-channel lines."""

    opening: list[LineEntry] = Field(min_length=1)
    probing: list[LineEntry] = Field(min_length=1)
    objection: list[LineEntry] = Field(min_length=1)
    pressure: list[LineEntry] = Field(min_length=1)
    reveal: list[LineEntry] = Field(min_length=1)
    softening: list[LineEntry] = Field(min_length=1)
    next_step: list[LineEntry] = Field(min_length=1)
    hang_up: list[LineEntry] = Field(min_length=1)
    deflect: dict[str, list[str]] = Field(
        default_factory=dict, description="Per hidden fact id: lines for an unearned question"
    )
    back_channel: list[str] = Field(
        default_factory=list, description='Short listening lines: "Go on.", "Meaning what?"'
    )
    topics: dict[Topic, list[BankLine]] = Field(
        default_factory=dict,
        description="Per question topic: answers in the persona's voice, in public form",
    )
    reactions: dict[Move, list[BankLine]] = Field(
        default_factory=dict,
        description="Per trainee move: reactions that fit any turn making it, in any open beat",
    )
    unplaced: list[BankLine] = Field(
        default_factory=list,
        description='Replies to a question the persona cannot place: "Depends what you mean."',
    )

    def entries(self, beat: Beat) -> list[BankLine]:
        """A beat's lines as tagged entries (a plain string fits any move and mood)."""
        raw: list[LineEntry] = getattr(self, beat.value)
        return [BankLine(say=x) if isinstance(x, str) else x for x in raw]

    def for_beat(self, beat: Beat) -> list[str]:
        """The authored texts for one beat."""
        return [e.say for e in self.entries(beat)]

    def texts(self) -> dict[str, str]:
        """Every authored text by where it sits (for the hidden-fact and figure checks)."""
        out = {f"lines.{b}[{j}]": t for b in BEATS for j, t in enumerate(self.for_beat(Beat(b)))}
        for fact_id, lines in self.deflect.items():
            out.update({f"lines.deflect.{fact_id}[{j}]": t for j, t in enumerate(lines)})
        out.update({f"lines.back_channel[{j}]": t for j, t in enumerate(self.back_channel)})
        for topic, entries in self.topics.items():
            out.update({f"lines.topics.{topic}[{j}]": e.say for j, e in enumerate(entries)})
        for move, entries in self.reactions.items():
            out.update({f"lines.reactions.{move}[{j}]": e.say for j, e in enumerate(entries)})
        out.update({f"lines.unplaced[{j}]": e.say for j, e in enumerate(self.unplaced)})
        return out


class CoachingLines(Strict):
    """Try-instead lines for one beat, by skill; `{client_words}` quotes the client's line."""

    empathy: list[str] = Field(default_factory=list)
    boundary: list[str] = Field(default_factory=list)
    pacing: list[str] = Field(default_factory=list)
    winwin: list[str] = Field(default_factory=list)

    def for_skill(self, skill: str) -> list[str]:
        """The lines for one skill."""
        lines: list[str] = getattr(self, skill)
        return lines


class Coaching(Strict):
    """This persona's coaching examples: `any` covers every skill, beats override it."""

    any: CoachingLines
    opening: CoachingLines | None = None
    probing: CoachingLines | None = None
    objection: CoachingLines | None = None
    pressure: CoachingLines | None = None
    reveal: CoachingLines | None = None
    softening: CoachingLines | None = None
    next_step: CoachingLines | None = None
    hang_up: CoachingLines | None = None

    def lines(self, beat: Beat | None, skill: str) -> list[str]:
        """The lines for this beat and skill, else this persona's lines for any beat."""
        by_beat: CoachingLines | None = getattr(self, beat.value) if beat else None
        return (by_beat.for_skill(skill) if by_beat else []) or self.any.for_skill(skill)

    def all_lines(self) -> list[str]:
        """Every coaching line, of every beat and skill."""
        beats = [getattr(self, name) for name in type(self).model_fields]
        return [line for b in beats if b is not None for s in SKILLS for line in b.for_skill(s)]


class Persona(Strict):
    """A client persona, loaded from personas/NAME.yaml."""

    schema_version: Literal[1]
    id: Slug
    title: str
    category: Literal["breed", "difficult", "good-fit"]
    summary: str
    identity: Identity
    wants: str
    speaking_style: str
    opening_line: str
    hidden_facts: list[HiddenFact] = Field(min_length=3)
    triggers: list[Trigger] = Field(min_length=2)
    objections: list[Objection] = Field(min_length=1)
    fit_profile: FitProfile
    difficulty: dict[Difficulty, DifficultySetting]
    lines: AuthoredLines
    credit: str | None = None
    lang: Lang = Field(default="en", description="The language the client speaks: en or id")
    coaching: Coaching | None = Field(
        default=None, description="Try-instead examples for this client, by beat and skill"
    )

    def setting(self, difficulty: Difficulty) -> DifficultySetting:
        """The difficulty setting, falling back to normal."""
        return self.difficulty.get(difficulty) or self.difficulty[Difficulty.NORMAL]

    def fact(self, fact_id: str) -> HiddenFact:
        """One hidden fact by id."""
        return next(f for f in self.hidden_facts if f.id == fact_id)


class PersonaState(BaseModel):
    """The persona's hidden state, owned by plain code, never by the LLM."""

    trust: float = Field(ge=0, le=100)
    patience: float = Field(ge=0, le=100)
    interest: float = Field(ge=0, le=100)
    earned_facts: list[str] = Field(default_factory=list)
    outcome: Outcome = Outcome.CONTINUING
    declined_next_step: int = 0


class Span(BaseModel):
    """An exact stretch of a turn's text that earned a score."""

    start: int
    end: int
    text: str


class SkillScore(BaseModel):
    """One skill's score for one turn: 0-4 or None (not applicable), with evidence."""

    score: float | None = None
    evidence: list[Span] = Field(default_factory=list)
    reason: str = ""
    anchored: bool = Field(default=False, description="A rubric anchor fired outright")
    strength: Literal["hard", "soft", "open"] = Field(
        default="open",
        description="How firmly the rubric decided the level: the learned ranker may move a "
        "hard level a little, a soft one more, and ranks open ones itself",
    )
    at_stake: bool = Field(default=True, description="The rubric found this skill at stake here")
    rule_level: float | None = Field(
        default=None, description="The rubric rules' level, before ranking"
    )


class Signals(BaseModel):
    """What the referee saw in a trainee turn; the persona engine consumes these."""

    open_question: bool = False
    closed_question: bool = False
    acknowledgement: bool = False
    concession: bool = False
    refusal: bool = False
    hostility: bool = False
    defensive: bool = False  # a retort in one's own defence: no attack, no limit either
    pitch: bool = False
    we_language: bool = False
    price_talk: bool = False
    asks_next_step: bool = False
    clarifying: bool = False
    injection: bool = False
    fact_targets: list[str] = Field(default_factory=list)
    topic: Topic | None = None  # what the turn's question asks about


class TurnEvaluation(BaseModel):
    """The referee's verdict on one trainee turn."""

    signals: Signals
    skills: dict[str, SkillScore]
    provoked: bool = False


class Timing(BaseModel):
    """Seconds from the end of the persona's line to the first keystroke and to submit."""

    first_key_s: float | None = None
    submit_s: float | None = None


class Turn(BaseModel):
    """One line of the call."""

    type: Literal["turn"] = "turn"
    index: int
    speaker: Literal["trainee", "persona"]
    text: str
    started_at: float
    ended_at: float
    timing: Timing | None = None
    evaluation: TurnEvaluation | None = None
    state_after: PersonaState | None = None
    beat: Beat | None = None
    fallback: bool = False
    fallback_reason: str | None = None
    trimmed: bool = False
    interrupted: bool = False
    cut_off: bool = Field(default=False, description="The backend failed mid-line")


class CallHeader(BaseModel):
    """First line of a transcript file."""

    type: Literal["header"] = "header"
    schema_version: int = SCHEMA_VERSION
    id: str
    persona: str
    difficulty: Difficulty
    backend: str
    model: str
    seed: int
    mode: Literal["coached", "exam"] = "coached"
    scenario: str | None = None
    brief: str | None = None
    # Checked here so every reader (review, history, import, --resume) refuses the same
    # damage: NaN or 1e300 would otherwise sort first or last and break date formatting.
    started_at: float = Field(ge=0, lt=LATEST_TIME, allow_inf_nan=False)
    kind: Literal["practice", "run"] = Field(
        default="practice", description="A trainee's practice call or a scenario batch run"
    )
    trainee: str | None = Field(default=None, description="Who held the call, for cohorts")
    lang: Lang = Field(default="en", description="The language the call was held in")


class Verdict(BaseModel):
    """The trainee's fit verdict on the client."""

    verdict: Literal["fit", "no-fit", "unsure"]
    reason: str = ""
