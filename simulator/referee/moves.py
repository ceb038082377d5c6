"""What a trainee turn does in the conversation, read against the client's last line.

The rubric is about moves, not words: did the trainee accept the client's demand (a
cave), hold a limit (with a reason, with an alternative), offer a trade, ask first,
answer at once, reflect the client's concern or argue with it. Each move keeps the
spans that showed it, so evidence and reasons come from the same reading as the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from simulator.models import Span
from simulator.referee import client_asks as asks
from simulator.referee import move_lexicon as lx
from simulator.referee.gifts import gift_spans
from simulator.referee.lexicon import SENTENCE_RE

NEGATED = re.compile(
    r"\b(?:not|never|no|can'?t|cannot|won'?t|don'?t|isn'?t|aren'?t|doesn'?t|wouldn'?t|nobody)\b",
    re.IGNORECASE,
)
NUMBER_WORDS = {
    "ten": "10",
    "twelve": "12",
    "fifteen": "15",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "ninety": "90",
    "hundred": "100",
    "thousand": "1000",
    "grand": "1000",
}
WORD = re.compile(r"[a-z0-9']+")
# Words too common in replies to show that the trainee took in what the client said.
GENERIC = frozenset(
    [
        "just",
        "really",
        "very",
        "know",
        "think",
        "want",
        "need",
        "like",
        "good",
        "great",
        "sure",
        "time",
        "work",
        "one",
        "make",
        "going",
        "thing",
        "things",
        "right",
        "well",
        "okay",
        "yeah",
        "get",
        "got",
        "said",
        "says",
        "can",
        "could",
        "would",
        "will",
        "should",
    ]
)


# Who the statements are about: the client's situation, or us and what we sell.
CLIENT_WORDS = frozenset(["you", "your", "you're", "you've", "you'd", "yours", "yourself"])
SELF_WORDS = frozenset(["we", "our", "we're", "we've", "we'll", "us", "i'll", "my", "i've"])


def _spans(pattern: re.Pattern[str], text: str, clean: str) -> list[Span]:
    return [
        Span(start=m.start(), end=m.end(), text=text[m.start() : m.end()])
        for m in pattern.finditer(clean)
        if m.end() > m.start()
    ]


def _stem(word: str) -> str:
    word = NUMBER_WORDS.get(word, word)
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _content(text: str) -> set[str]:
    from simulator.referee.features import STOPWORDS

    return {
        _stem(w)
        for w in WORD.findall(text.lower())
        if w not in STOPWORDS and w not in GENERIC and (len(w) > 3 or w in NUMBER_WORDS)
    }


@dataclass
class Moves:
    """The trainee's moves in one turn, and what the client's last line asked for."""

    demand: bool = False
    concern: bool = False
    wants_answer: bool = False
    found: dict[str, list[Span]] = field(default_factory=dict)
    echoed: list[str] = field(default_factory=list)
    client_focus: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def has(self, name: str) -> bool:
        """Whether the named move was found."""
        return bool(self.found.get(name))

    def spans(self, *names: str) -> list[Span]:
        """Spans of the named moves, in text order."""
        out = [s for n in names for s in self.found.get(n, [])]
        return sorted(out, key=lambda s: s.start)

    @property
    def holds(self) -> bool:
        """A limit is stated."""
        return self.has("limit")

    @property
    def trades(self) -> bool:
        """Something is asked of the client in return for what is offered."""
        offers = ("alternative", "their_gain", "accept", "instant", "gives")
        return self.has("condition") and any(self.has(n) for n in offers)

    @property
    def caves(self) -> bool:
        """A yes given with no limit and nothing asked in return in the same breath."""
        if self.has("gift"):
            return True  # value given away in words, nothing asked in return (gifts.py)
        asked = any(q.text.rstrip().endswith("?") for q in self.spans("explore_q"))
        if self.holds or self.has("defer") or asked:
            return False
        yeses = self.spans("gives") + (self.spans("accept") if self.demand else [])
        return any(self._unconditional(s) for s in yeses)

    def _unconditional(self, span: Span) -> bool:
        """Whether the sentence holding `span` gives it without a condition or a question."""
        for start, end in self.sentences:
            if start <= span.start < end:
                # A condition's end marks its clause: "...; Lock X and | I'll do Y".
                return not any(start < c.end <= end for c in self.spans("condition"))
        return True

    @property
    def reflects(self) -> bool:
        """The client's concern or words are given back in the trainee's own terms."""
        return self.has("reflect") or len(self.echoed) >= 2 or self.about_client

    @property
    def about_client(self) -> bool:
        """The statements are about the client's situation, not about us or the offer."""
        return self.concern and self.client_focus >= 2 and not self.argues

    @property
    def stock_then_pivot(self) -> bool:
        """Stock empathy used as a preface: "I understand, but..."."""
        stock = self.spans("stock", "ack")
        pivots = self.spans("pivot", "rebut", "pitch", "push")
        return bool(stock) and any(p.start >= stock[0].end for p in pivots)

    @property
    def argues(self) -> bool:
        """Answers back: corrects, justifies or lectures the client."""
        return self.has("rebut") or self.has("hostile")


# The trainee-side move families, each matched over the whole turn.
FAMILIES: dict[str, re.Pattern[str]] = {
    "accept": lx.ACCEPT,
    "limit": lx.LIMIT,
    "reason": lx.REASON,
    "alternative": lx.ALTERNATIVE,
    "condition": lx.CONDITION,
    "their_gain": lx.THEIR_GAIN,
    "both": lx.BOTH,
    "zero_sum": lx.ZERO_SUM,
    "rebut": lx.REBUT,
    "pitch": lx.PITCH,
    "stock": lx.STOCK,
    "pivot": lx.PIVOT,
    "reflect": lx.REFLECT,
    "explore_q": lx.EXPLORE_Q,
    "push": lx.PUSH,
    "instant": lx.INSTANT,
    "defer": lx.DEFER,
    "hedge": lx.HEDGE,
    "over_apology": lx.OVER_APOLOGY,
    "hostile": lx.HOSTILE,
    "solve": lx.SOLVE,
    "split": lx.SPLIT,
    "fair": lx.FAIR,
}


def read_moves(text: str, clean: str, partner: str, matches: dict[str, list[Span]]) -> Moves:
    """Read the turn's moves against the client's last line (`clean` is the folded turn).

    `matches` are the phrase spans the analysis already found (acknowledgements, giving).
    """
    partner_l = partner.lower()
    # "Can you build it or not?" asks what the trainee can do, not for ground: a yes to it
    # gives nothing away ("Yes. Built two last year." was heard as a cave).
    asked_for = asks.ATTENTION.sub(" ", asks.CAPABILITY.sub(" ", partner_l))
    m = Moves(
        demand=bool(
            partner and asks.DEMAND.search(asked_for) and not asks.OFFER_TO_US.search(partner_l)
        ),
        concern=bool(partner and asks.CONCERN.search(partner_l)),
        wants_answer=bool(partner and asks.WANTS_ANSWER.search(partner_l)),
    )
    for name, pattern in FAMILIES.items():
        found = _spans(pattern, text, clean)
        if found:
            m.found[name] = found
    if m.demand:
        # A promise that answers the demand (its words, or "tonight") is a yes to it.
        wanted = _content(partner)
        quiet = [
            c
            for c in _spans(lx.COMMITS, text, clean)
            if _content(c.text) & wanted or lx.SOON.search(c.text)
        ]
        if quiet:
            m.found["accept"] = sorted(m.found.get("accept", []) + quiet, key=lambda x: x.start)
    asks_time = _spans(lx.TIME_ASK, text, clean)
    if asks_time and "condition" in m.found:
        kept = [
            c
            for c in m.found["condition"]
            if not any(c.start <= t.end + 40 and c.end >= t.start for t in asks_time)
        ]
        if kept:
            m.found["condition"] = kept
        else:
            del m.found["condition"]
    if matches.get("acknowledge"):
        m.found["ack"] = matches["acknowledge"]
    gifts = gift_spans(clean)
    if gifts:
        m.found["gift"] = gifts
    gives = [s for s in matches.get("concession", []) if not _in_negated(s, clean)]
    if gives:
        m.found["gives"] = gives
    if partner:
        # Reflection echoes the words of the client's concern, not the items on the table.
        worried = [
            c.group() for c in SENTENCE_RE.finditer(partner) if asks.CONCERN.search(c.group())
        ]
        m.echoed = sorted(_content(" ".join(worried) or partner) & _content(clean))
    statements = " ".join(s.group() for s in SENTENCE_RE.finditer(clean) if "?" not in s.group())
    words = WORD.findall(statements.lower())
    m.client_focus = sum(w in CLIENT_WORDS for w in words) - sum(w in SELF_WORDS for w in words)
    m.sentences = _clauses(clean)
    return m


def _clauses(clean: str) -> list[tuple[int, int]]:
    """Sentence bounds, a bare "Sure." or "Of course." joined to the sentence after it."""
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for s in SENTENCE_RE.finditer(clean):
        if not s.group().strip():
            continue
        start = s.start() if pending is None else pending
        if len(WORD.findall(s.group().lower())) <= 3:
            pending = start
            continue
        out.append((start, s.end()))
        pending = None
    if pending is not None:
        out.append((pending, len(clean)))
    return out


def _in_negated(span: Span, clean: str) -> bool:
    """Whether the span sits in a sentence that negates it ("I can't ... for free")."""
    start = max(clean.rfind(c, 0, span.start) for c in ".!?\n") + 1
    return bool(NEGATED.search(clean[start : span.start]))
