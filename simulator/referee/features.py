"""Deterministic text analysis of one trainee turn in its context."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from simulator.models import Persona, Span
from simulator.referee import fact_reader, topics
from simulator.referee.language import reads_as
from simulator.referee.lexicon import (
    CLOSED_RE,
    OPEN_RE,
    PATTERNS,
    PROVOCATION_RE,
    SENTENCE_RE,
)
from simulator.referee.moves import Moves, read_moves
from simulator.vocabulary import Topic

WORD_RE = re.compile(r"[a-z']+")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "so",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "i",
        "you",
        "we",
        "it",
        "that",
        "this",
        "my",
        "your",
        "our",
        "me",
        "us",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "not",
        "no",
        "yes",
        "just",
        "can",
        "could",
        "would",
        "will",
        "what",
        "how",
        "why",
        "when",
        "where",
        "who",
        "which",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "its",
        "as",
        "by",
        "from",
        "about",
        "than",
        "then",
        "too",
        "very",
        "really",
        "okay",
        "ok",
        "well",
        "also",
        "some",
        "any",
        "all",
        "get",
        "got",
    ]
)


# Indonesian open questions: a question word anywhere but a yes/no "apa(kah)" at the start;
# "ceritain/ceritakan/jelaskan" asks as a request does in English ("tell me").
OPEN_ID = re.compile(
    r"\b(?:bagaimana|gimana|gmn|kenapa|knp|mengapa|siapa|kapan|berapa|brp|(?:di|dari|ke) ?mana|"
    r"dmn|seperti apa|kayak apa|kaya apa|apa (?:yang|yg|saja|aja|sih|aj)|ceritakan|ceritain|"
    r"jelaskan|jelasin)\b(?!\s*(?:saja|aja|pun)\b)|\bapa\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ContextTurn:
    """An earlier line: `self` is the trainee's side, `partner` the client's."""

    speaker: str
    text: str


@dataclass
class Analysis:
    """What the referee found in a turn: matched spans by pattern, and context facts."""

    text: str
    clean: str
    matches: dict[str, list[Span]] = field(default_factory=dict)
    open_questions: list[Span] = field(default_factory=list)
    closed_questions: list[Span] = field(default_factory=list)
    injection_spans: list[Span] = field(default_factory=list)
    reflected: list[str] = field(default_factory=list)
    partner_text: str = ""
    provoked: bool = False
    partner_feeling: bool = False
    earlier_questions: int = 0
    words: int = 0
    moves: Moves = field(default_factory=Moves)

    def has(self, name: str) -> bool:
        """Whether the named pattern matched."""
        return bool(self.matches.get(name))

    def spans(self, *names: str) -> list[Span]:
        """All spans for the named patterns, in text order."""
        out = [s for n in names for s in self.matches.get(n, [])]
        return sorted(out, key=lambda s: s.start)

    @property
    def sentences(self) -> list[Span]:
        """The turn's sentences (offsets into the turn)."""
        return sentences(self.clean)

    @property
    def questions(self) -> list[Span]:
        """Every question in the turn."""
        return sorted(self.open_questions + self.closed_questions, key=lambda s: s.start)


def sentences(text: str) -> list[Span]:
    """Split into sentence spans (offsets into `text`)."""
    out = []
    for m in SENTENCE_RE.finditer(text):
        if m.group().strip():
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append(Span(start=start, end=m.end(), text=text[start : m.end()]))
    return out


def blank_injections(text: str, whole_sentences: bool = True) -> tuple[str, list[Span]]:
    """Blank out what talks to the evaluator (whole sentences, or just the phrases)."""
    pattern = PATTERNS["injection"]
    if whole_sentences:
        found = [s for s in sentences(text) if pattern.search(s.text)]
    else:
        found = [Span(start=m.start(), end=m.end(), text=m.group()) for m in pattern.finditer(text)]
    clean = text
    for s in found:
        clean = clean[: s.start] + " " * (s.end - s.start) + clean[s.end :]
    return clean, found


# Contractions written out in full are folded into one spelling, padded to the same length
# so that every offset still points into the trainee's original text.
EXPANSIONS = {
    "can not": "cannot",
    "will not": "won't",
    "do not": "don't",
    "does not": "doesn't",
    "is not": "isn't",
    "are not": "aren't",
    "would not": "wouldn't",
    "could not": "couldn't",
    "i will": "i'll",
    "i would": "i'd",
    "i am": "i'm",
    "we are": "we're",
    "you are": "you're",
    "that is": "that's",
    "it is": "it's",
    "let us": "let's",
    "we will": "we'll",
    # "I will not do it every day" folded to "i'll not" read as a promise, not a limit.
    "i will not": "i won't",
    "we will not": "we won't",
    "i would not": "i wouldn't",
    "we would not": "we wouldn't",
    "i am not": "i'm not",
    "we are not": "we aren't",
}
# Longest first: "i will not" must win over "i will" where both start.
EXPANSION_RE = re.compile(
    r"\b(" + "|".join(sorted(EXPANSIONS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def fold_contractions(text: str) -> str:
    """Same-length text with one spelling for each contraction and straight apostrophes."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")

    def repl(m: re.Match[str]) -> str:
        short = EXPANSIONS[m.group().lower()]
        # Padded in front: "i'll   not do" (padding after) broke every pattern that reads on
        # past the contraction with one space ("I am booked", "I will not do it").
        return " " * (len(m.group()) - len(short)) + short

    return EXPANSION_RE.sub(repl, text)


def content_words(text: str) -> set[str]:
    """Lower-cased words that carry meaning."""
    return {w for w in WORD_RE.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


def analyse(text: str, context: list[ContextTurn], whole_sentences: bool = True) -> Analysis:
    """Match every pattern and question form against the turn, injections removed."""
    clean, injections = blank_injections(text, whole_sentences)
    clean = fold_contractions(clean)
    result = Analysis(text=text, clean=clean, injection_spans=injections)
    result.words = len(WORD_RE.findall(clean.lower()))
    for name, pattern in PATTERNS.items():
        if name == "injection":
            continue
        spans = [
            Span(start=m.start(), end=m.end(), text=m.group()) for m in pattern.finditer(clean)
        ]
        if spans:
            result.matches[name] = spans
    for sent in sentences(clean):
        # An Indonesian question: its question word may come last ("budgetnya berapa, kak").
        open_id = bool(OPEN_ID.search(sent.text)) and reads_as(sent.text) == "id"
        if not sent.text.rstrip().endswith("?") and not OPEN_RE.search(sent.text) and not open_id:
            continue
        if (
            sent.text.rstrip().endswith("?")
            or open_id
            or re.match(r"^\W*(tell me|walk me)", sent.text, re.I)
        ):
            is_open = open_id or bool(OPEN_RE.search(sent.text))
            target = result.open_questions if is_open else result.closed_questions
            if CLOSED_RE.match(sent.text) and not is_open:
                target = result.closed_questions
            target.append(Span(start=sent.start, end=sent.end, text=text[sent.start : sent.end]))
    partner = [t.text for t in context if t.speaker == "partner"]
    result.partner_text = partner[-1] if partner else ""
    result.provoked = bool(result.partner_text and PROVOCATION_RE.search(result.partner_text))
    result.partner_feeling = bool(
        result.partner_text and PATTERNS["feelings"].search(result.partner_text)
    )
    mine = [t.text for t in context if t.speaker == "self"]
    result.earlier_questions = sum(t.count("?") for t in mine)
    if result.partner_text:
        shared = content_words(result.partner_text) & content_words(clean)
        result.reflected = sorted(shared)
    result.moves = read_moves(text, clean, result.partner_text, result.matches)
    return result


Asked = list[tuple[str, Topic | None, float]]


def questions_asked(analysis: Analysis) -> list[str]:
    """The turn's questions; without a question mark, sentences phrased as questions ("any
    deadline we should know about"), else question clauses after a comma ("sorry, but what
    was the trigger")."""
    return (
        [q.text for q in analysis.questions]
        or [s.text for s in analysis.sentences if topics.ASKING.search(s.text)]
        or [
            s.text[m.end() :]
            for s in analysis.sentences
            # "I hear you, and what made it tricky was the handover." ends as a statement.
            if not s.text.rstrip().endswith((".", "!"))
            and (m := topics.CLAUSE_ASKING.search(s.text))
        ]
    )


def asked_topics(analysis: Analysis) -> Asked:
    """Each question of the turn (questions_asked) with its topic and the reader's certainty."""
    asked = questions_asked(analysis)
    return [(q, *topics.reading(q)) for q in asked]


def main_topic(asked: Asked) -> Topic | None:
    """The topic of the turn: of its most clearly placed question ("Where does it break
    down? What eats your week?" asks about what goes wrong)."""
    placed = [(sure, topic) for _, topic, sure in asked if topic is not None]
    return max(placed, key=lambda x: x[0])[1] if placed else None


# A question word alone asks for no fact: "which store should I visit, and when is good
# for you?" revealed the deadline ("when" is among its words).
QUESTION_WORDS = frozenset({"when", "who", "how", "what", "why", "where", "which", "now", "today"})


# Below this certainty of the topic reader, a question that names a hidden fact's words asks
# for that fact.
FACT_WORDS_OVERRULE = 0.9


def fact_targets(persona: Persona | None, asked: Asked) -> list[str]:
    """Hidden facts the turn's questions ask for: the learned reader over the rule's reading
    (fact_reader.py)."""
    rule = fact_rule(persona, asked)
    if persona is None or not asked:
        return rule
    return fact_reader.targets(persona, [q for q, _, _ in asked], rule, QUESTION_WORDS)


def fact_rule(persona: Persona | None, asked: Asked) -> list[str]:
    """Hidden facts a question asks for: by its topic, or by the fact's words when the
    question has no clear topic ("when" in "what happens when it goes wrong" asks no date)."""
    if persona is None:
        return []
    targets = []
    # A question the reader placed as no topic ("how are things, all good?" after "the other
    # call ran over") asks for no fact, whatever its words: they count only when the reader
    # could not place the question at all.
    lowered = [
        (text.lower(), topic, topic is None and sure >= topics.MIN_PROBABILITY, sure)
        for text, topic, sure in asked
    ]
    for fact in persona.hidden_facts:
        wanted = fact.asked_topics()
        for text, topic, placed_nowhere, sure in lowered:
            # A fact with no topics of its own (a user's older persona, a dealbreaker) is
            # still asked for by its words, whatever the question's topic; so is any fact
            # whose words the question names while the reader is unsure of its topic ("sama
            # budget yg ibu siapin kisaran berapa?" read as about the business at 0.78).
            if topic in wanted or (
                (topic is None or not wanted or sure < FACT_WORDS_OVERRULE)
                and not placed_nowhere
                and fact_reader.named(fact, text, QUESTION_WORDS)
            ):
                targets.append(fact.id)
                break
    return targets
