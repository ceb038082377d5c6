"""Choosing the authored line that answers the trainee's turn, in a stated order of preference.

1. a deflection for the hidden fact the trainee asked about before earning it;
1b. a goodbye back (the persona's lines tagged `farewell`, else a plain "Okay. Speak
   then."), when the trainee says thanks and goodbye; "Never mind. Go on." when the
   trainee asks the client to repeat themselves;
2. the line that answers the question, by meaning (meaning.py): the persona's lines written
   to answer a question (topic lines, beat lines with an example question), each keyed by
   the questions it answers, the likeliest by the learned answer reader when it is likely
   enough (several lines equally near is a question the client does not answer); a turn
   asking two questions on different subjects gets both answers, the earlier first
   ("How many couriers? And who decides?"), and the earlier one's when only it has one;
2b. for a real question no line answers ("Do you keep bees?", or one the bank has no
   answer for), the persona's unplaced lines ("Depends what you mean. Why do you ask?");
3. a line of the beat tagged with the trainee's main move, or one of the persona's
   reactions to it (back-channel lines answer a plain statement), fitting the mood and
   difficulty; the best match on the move, the words and the sentence vector of the
   line's example trainee turn wins; up to level 7 a reaction written after one trainee
   line needs a turn like it, and a line taking something for granted needs the turn
   to have said it (presuppose.py);
4. a line of a neighbouring beat (probing, objection, softening, pressure) tagged with the
   main move, fitting the mood: answering the turn matters more than the beat;
5. a line of the beat tagged with another of the turn's moves, fitting the mood;
6. an untagged line of the beat fitting the mood;
7. a back-channel line, when the turn was a statement, small talk, empathy, "we", a pitch
   or a yes/no question;
8. any line of the beat, whatever its tags and mood;
9. any line of a neighbouring beat;
10. a neutral listening word ("Mm.", "I see.") not yet said: a long call outlasts the bank.
Levels 1, 1b, 2, 2b, 4, 7, 9 and 10 are never used for the opening, a reveal, a next step or a
hang-up; persona reactions (level 3) only in open beats.
A line spoken earlier in the call, or said in other words, is never chosen at any level,
and a line written to answer one particular question is only chosen, at any level, for a
turn that asks what it answers (by meaning, as in 2).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.engine.listening import Heard
from simulator.engine.meaning import AnswerIndex
from simulator.engine.plain_lines import FAREWELLS, NEUTRAL, SAY_AGAIN
from simulator.engine.presuppose import fits_turn
from simulator.models import BankLine, Persona, PersonaState
from simulator.referee import acts, embedding, encoder, fact_reader, topics
from simulator.referee.features import content_words
from simulator.vocabulary import Beat, Difficulty, Move

PREFERENCE = (
    "deflects the hidden fact asked about",
    "says goodbye back",
    "brushes off a request to repeat",
    "answers the question",
    "answers both questions",
    "cannot place the question",
    "answers the move, fits the mood",
    "a neighbouring beat's line that answers the move",
    "answers another move of the turn",
    "fits the mood",
    "back-channel",
    "any line of the beat",
    "a neighbouring beat's line",
    "a neutral listening word",
)
NEIGHBOURS = (Beat.PROBING, Beat.OBJECTION, Beat.SOFTENING, Beat.PRESSURE)
TERMINAL = frozenset({Beat.OPENING, Beat.REVEAL, Beat.NEXT_STEP, Beat.HANG_UP})
BACK_CHANNEL_MOVES = frozenset({Move.STATEMENT, Move.SMALL_TALK})
QUESTIONS = frozenset({Move.QUESTION, Move.CLOSED_QUESTION})
# Moves that call for a reaction before any answer: a cave, an attack, a hurry, a lecture,
# a held limit or a trade ("I can't drop the rate. What budget...?" is heard as the limit).
REACT_FIRST = frozenset(
    {Move.HOSTILE, Move.CONCESSION, Move.PUSH, Move.NEXT_STEP, Move.ARGUE, Move.LIMIT, Move.TRADE}
)
LISTENING_MOVES = BACK_CHANNEL_MOVES | {
    Move.EMPATHY,
    Move.WINWIN,
    Move.PITCH,
    Move.CLOSED_QUESTION,
    Move.LOGISTICS,
    Move.CHECK,
}
# Weights: the move decides first; the words and sentence vector choose among lines for it.
PRIMARY_WEIGHT, OTHER_WEIGHT, VECTOR_WEIGHT, WORD_WEIGHT = 3.0, 1.0, 2.0, 0.4
FEW_SHOT = 3
# A reaction written after one trainee line fits another that shares a content word or is
# this alike (blind ratings: below it, such reactions scored 0.94 of 2 for coherence,
# above it 1.7-2.0).
ECHO_FLOOR = 0.3


@dataclass(frozen=True)
class Candidate:
    """A chosen line, why it was chosen, and trainee->client example pairs for the model."""

    text: str
    why: str
    pairs: tuple[tuple[str, str], ...] = ()
    parts: tuple[str, ...] = ()  # the authored lines a two-answer line joins


class Bank:
    """One persona's response bank with its sentence vectors, computed once."""

    def __init__(self, persona: Persona) -> None:
        self.persona = persona
        # The readers load now, so damaged weights stop the call before its first turn.
        acts.reader()
        topics.reader()
        fact_reader.load()
        lines = persona.lines
        self.beats = {beat: lines.entries(beat) for beat in Beat}
        # "Go on." answers a statement; a greeting gets a greeting back where there is one.
        self.back_channel = [BankLine(say=t, answers=[Move.STATEMENT]) for t in lines.back_channel]
        self.deflect = lines.deflect
        self.topics = lines.topics
        self.unplaced = lines.unplaced
        # A reaction answers its move in any open beat; the key says which move.
        self.reactions = {
            move: [e.model_copy(update={"answers": [move]}) for e in entries]
            for move, entries in lines.reactions.items()
        }
        # What each topic line is about: a line in the mood may stand in for its neighbour.
        self.subject = {e.say: t for t, entries in self.topics.items() for e in entries}
        # The lines written to answer a question, keyed by the questions they answer.
        self.meaning = AnswerIndex(
            [
                *(e for entries in self.topics.values() for e in entries),
                *(
                    e
                    for entries in self.beats.values()
                    for e in entries
                    if e.after and QUESTIONS & set(e.answers)
                ),
            ],
            self.subject,
            persona.lang,
            persona.id,
        )
        keys = [e.after or e.say for entries in self.beats.values() for e in entries]
        # A reaction is scored by the trainee line it was written after, when it has one.
        keys += [e.after or e.say for entries in self.reactions.values() for e in entries]
        keys += [e.say for e in self.back_channel]
        vectors = embedding.embed(keys)
        self.vectors = dict(zip(keys, vectors, strict=False)) if vectors else {}
        self.all_texts = set(lines.texts().values())
        self.first = lines.for_beat(Beat.PROBING)[0]

    def _likeness(self, query: Any | None, key: str) -> float | None:
        """Cosine of the turn's vector with a bank text's (unit vectors), None if either is missing."""
        vector = self.vectors.get(key)
        return None if query is None or vector is None else float(query @ vector)

    def _score(self, entry: BankLine, heard: Heard, query: Any | None) -> float:
        score = 0.0
        if entry.answers:
            if heard.primary in entry.answers:
                score += PRIMARY_WEIGHT
            elif any(m in entry.answers for m in heard.moves):
                score += OTHER_WEIGHT
        score += VECTOR_WEIGHT * (self._likeness(query, entry.after or entry.say) or 0.0)
        shared = content_words(heard.text) & content_words(f"{entry.after or ''} {entry.say}")
        return score + WORD_WEIGHT * min(len(shared), 3)

    def _on_topic(self, entry: BankLine, question: Any | None, asked: str) -> bool:
        """Whether a line that answers one particular question answers this turn's question."""
        if entry.after is None or not QUESTIONS & set(entry.answers):
            return True
        if question is None:
            return False  # nothing asked, or no way to tell: no answer to a question
        return self.meaning.answers(question, entry, asked)

    def _echoes(self, entry: BankLine, heard: Heard, query: Any | None) -> bool:
        """Whether a reaction written after one trainee line reacts to this turn: "A rush rate
        for real emergencies? Okay." needs the turn to be about something like it."""
        if entry.after is None or not entry.answers or QUESTIONS & set(entry.answers):
            return True  # no example line, a topic answer, or an answer to a question
        if content_words(heard.text) & content_words(entry.after):
            return True
        return (self._likeness(query, entry.after) or 0.0) >= ECHO_FLOOR

    def _best(
        self,
        entries: list[BankLine],
        heard: Heard,
        query: Any | None,
        rng: random.Random,
    ) -> BankLine | None:
        if not entries:
            return None
        # A sliver of seeded noise: equal lines vary between calls, never within a seed.
        return max(entries, key=lambda e: self._score(e, heard, query) + 0.01 * rng.random())

    def _pairs(self, beat: Beat, chosen: str, heard: Heard) -> tuple[tuple[str, str], ...]:
        """Example exchanges for the model: this beat's lines that say what they answer."""
        pool = (
            [e for e in self.topics.get(heard.topic, []) if e.say != chosen] if heard.topic else []
        )
        pool += [e for e in self.beats.get(beat, []) if e.after and e.say != chosen]
        pool += [e for b in NEIGHBOURS for e in self.beats[b] if e.after and e.say != chosen]
        pool.sort(key=lambda e: heard.primary not in e.answers)
        seen: list[tuple[str, str]] = []
        for e in pool:
            pair = (e.after or "", e.say)
            if pair not in seen:
                seen.append(pair)
        return tuple(seen[:FEW_SHOT])

    def _first_answer(
        self,
        asked: str,
        last: list[BankLine],
        fits: Callable[[BankLine], bool],
        fresh: Callable[[str], bool],
    ) -> BankLine | None:
        """The line that answers the turn's earlier question, when it is not the line (or on
        the subject) that answers the last one: two ways of asking one thing get one answer."""
        vector = encoder.query(asked) if self.meaning.ready else None
        if vector is None:
            return None
        lines, _ = self.meaning.answering(vector, fits, fresh, asked)
        taken = {(e.say, self.subject.get(e.say)) for e in last}
        for e in lines:
            subject = self.subject.get(e.say)
            if all(e.say != say and (subject is None or subject != s) for say, s in taken):
                return e
        return None

    def _reactions(self, moves: list[Move]) -> list[BankLine]:
        """The persona's reactions to these moves."""
        return [e for m in moves for e in self.reactions.get(m, [])]

    def choose(
        self,
        beat: Beat,
        heard: Heard,
        state: PersonaState | None,
        difficulty: Difficulty,
        fresh: Callable[[str], bool],
        rng: random.Random,
    ) -> Candidate | None:
        """The best fresh line by the order of preference, or None when all are spoken."""
        query = embedding.embed_one(heard.text) if heard.text and self.vectors else None
        # The question as e5 reads it: its last question sentence costs one more encode (the
        # reading encoded the whole turn, which serves when the turn is only that question).
        asked = heard.question or heard.text
        # A check-in asks nothing a line answers: e5 finds some key near "Is that ok for you?".
        question = (
            encoder.query(asked) if asked and self.meaning.ready and not heard.check_in else None
        )

        def fits(e: BankLine) -> bool:
            return state is None or e.fits(state, difficulty)

        own = [e for e in self.beats[beat] if fresh(e.say)]
        open_beat = beat not in TERMINAL
        # "Go on." answers a statement or a warm word, never an attack, a cave or a question.
        listens = open_beat and heard.primary in LISTENING_MOVES
        back = [e for e in self.back_channel if fresh(e.say)] if listens else []
        asks = open_beat and bool(QUESTIONS & set(heard.moves)) and heard.primary not in REACT_FIRST
        answering, answerable = self.meaning.answering(
            question if asks else None, fits, fresh, asked
        )
        # "How many couriers? And who decides?": the earlier question's answer goes first.
        first = (
            self._first_answer(heard.first_question, answering[:1], fits, fresh)
            if asks and heard.first_question
            else None
        )
        if first is not None and not answering:
            answering, answerable, first = [first], True, None
        if asks and question is None and not heard.check_in and heard.topic is not None:
            # No encoder here (a damaged install): the topic reader alone picks the answers.
            answering = [e for e in self.topics.get(heard.topic, []) if fits(e) and fresh(e.say)]
        # A real question no line of the bank answers: no answer ready, never another answer.
        # A turn that ends on a question ("Ok, so only phone and form. And where is the
        # calendar kept?") is owed an answer to it before a reaction to its playback.
        cannot_place = heard.unplaced or (
            asks
            and (heard.primary in QUESTIONS or bool(heard.question))
            and question is not None
            and not answerable
        )
        # A deflection takes things for granted too ("Anggaran saya? ... Harga Anda dulu" after
        # a price was given): one that does not fit gives way to "no answer ready", never to
        # an answer that would give the fact away.
        deflections = [
            BankLine(say=t) for t in self.deflect.get(heard.unearned_fact or "", []) if fresh(t)
        ]
        if deflections:
            deflections = (
                [
                    e
                    for e in deflections
                    if fits_turn(e.say, heard.text, heard.client_asked, heard.earlier)
                ]
                or [e for e in self.unplaced if fits(e) and fresh(e.say)]
                or deflections
            )
        levels: list[list[BankLine]] = [
            deflections if open_beat and heard.primary not in REACT_FIRST - {Move.PUSH} else [],
            [
                *[e for e in own if Move.FAREWELL in e.answers],
                *[e for e in self._reactions([Move.FAREWELL]) if fresh(e.say)],
                *[BankLine(say=t) for t in FAREWELLS[self.persona.lang] if fresh(t)],
            ]
            if open_beat and heard.primary == Move.FAREWELL
            else [],
            [BankLine(say=t) for t in SAY_AGAIN[self.persona.lang] if fresh(t)]
            if open_beat and heard.primary == Move.REPEAT
            else [],
            answering,
            [],  # two answers: chosen with the first
            [e for e in self.unplaced if fits(e) and fresh(e.say)]
            if open_beat and cannot_place
            else [],
            [
                e
                for e in [*own, *back, *(self._reactions(heard.moves[:1]) if open_beat else [])]
                if heard.primary in e.answers and fits(e) and fresh(e.say)
            ],
            [
                e
                for b in NEIGHBOURS
                if open_beat and b != beat
                for e in self.beats[b]
                if heard.primary in e.answers and fits(e) and fresh(e.say)
            ],
            [
                e
                for e in [*own, *(self._reactions(heard.moves[1:]) if open_beat else [])]
                if any(m in e.answers for m in heard.moves[1:]) and fits(e) and fresh(e.say)
            ],
            [e for e in own if not e.answers and fits(e)],
            back,
            own,
            [
                e
                for b in NEIGHBOURS
                if open_beat and b != beat
                for e in self.beats[b]
                if fresh(e.say)
            ],
            [BankLine(say=t) for t in NEUTRAL[self.persona.lang] if open_beat and fresh(t)],
        ]
        # Deflections, goodbyes and topic answers raise their own subject; the reactions
        # below them must react to what was said. The last resorts ("any line of the beat"
        # and after) let a beat line's example turn go unmatched: a long call outlasts the
        # lines that fit, and a repeat is worse than a loose reaction.
        by_meaning = PREFERENCE.index("answers the question")
        first_reaction = PREFERENCE.index("answers the move, fits the mood")
        last_resort = PREFERENCE.index("any line of the beat")
        for level, (why, entries) in enumerate(zip(PREFERENCE, levels, strict=True)):
            # An answer written for another question would answer what nobody asked, and
            # "A contract already?" answers a push to sign, not a request for a call.
            if level == by_meaning:
                if entries and first is not None:
                    text = f"{first.say} {entries[0].say}"
                    both = PREFERENCE[level + 1]
                    return Candidate(text, both, (), (first.say, entries[0].say))
                if entries:  # already the likeliest first
                    return Candidate(entries[0].say, why, self._pairs(beat, entries[0].say, heard))
                continue
            if level == by_meaning + 1:
                continue  # two answers are chosen with the first
            reacts = open_beat and level >= first_reaction
            entries = [
                e
                for e in entries
                if self._on_topic(e, question, asked)
                and (
                    not reacts
                    or (
                        fits_turn(e.say, heard.text, heard.client_asked, heard.earlier)
                        and (level >= last_resort or self._echoes(e, heard, query))
                    )
                )
            ]
            best = self._best(entries, heard, query, rng)
            if best is not None:
                return Candidate(best.say, why, self._pairs(beat, best.say, heard))
        return None
