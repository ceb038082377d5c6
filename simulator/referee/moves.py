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
from simulator.referee import move_lexicon as lx
from simulator.referee.lexicon import PATTERNS, SENTENCE_RE

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
    "just really very know think want need like good great sure time work one make going "
    "thing things right well okay yeah get got said says can could would will should".split()
)


# Who the statements are about: the client's situation, or us and what we sell.
CLIENT_WORDS = frozenset("you your you're you've you'd yours yourself".split())
SELF_WORDS = frozenset("we our we're we've we'll us i'll my i've".split())


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
    first_clause_question: bool = False

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
        return self.has("condition") and (
            self.has("alternative") or self.has("their_gain") or self.has("accept")
        )

    @property
    def caves(self) -> bool:
        """The client's demand is accepted with no limit and nothing traded for it."""
        return (
            self.demand
            and self.has("accept")
            and not self.holds
            and not self.has("condition")
            and not self.has("defer")
            and not any(q.text.rstrip().endswith("?") for q in self.spans("explore_q"))
        ) or (self.has("gives") and not self.holds and not self.has("condition"))

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
        stock = self.spans("stock")
        pivots = self.spans("pivot", "rebut", "pitch", "push")
        return bool(stock) and any(p.start >= stock[0].end for p in pivots)

    @property
    def argues(self) -> bool:
        """Answers back: corrects, justifies or lectures the client."""
        return self.has("rebut") or self.has("hostile")


def read_moves(text: str, clean: str, partner: str) -> Moves:
    """Read the turn's moves against the client's last line (`clean` is the folded turn)."""
    partner_l = partner.lower()
    m = Moves(
        demand=bool(
            partner and lx.DEMAND.search(partner_l) and not lx.OFFER_TO_US.search(partner_l)
        ),
        concern=bool(partner and lx.CONCERN.search(partner_l)),
        wants_answer=bool(partner and lx.WANTS_ANSWER.search(partner_l)),
    )
    families = {
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
    }
    for name, pattern in families.items():
        found = _spans(pattern, text, clean)
        if found:
            m.found[name] = found
    asks_time = _spans(lx.TIME_ASK, text, clean)
    if asks_time and "condition" in m.found:
        kept = [c for c in m.found["condition"] if not any(0 <= c.start - t.end < 40 for t in asks_time)]
        if kept:
            m.found["condition"] = kept
        else:
            del m.found["condition"]
    gives = [s for s in _spans(PATTERNS["concession"], text, clean) if not _in_negated(s, clean)]
    if gives:
        m.found["gives"] = gives
    if partner:
        m.echoed = sorted(_content(partner) & _content(clean))
    statements = " ".join(s.group() for s in SENTENCE_RE.finditer(clean) if "?" not in s.group())
    words = WORD.findall(statements.lower())
    m.client_focus = sum(w in CLIENT_WORDS for w in words) - sum(w in SELF_WORDS for w in words)
    first = SENTENCE_RE.search(clean)
    m.first_clause_question = bool(first and first.group().rstrip().endswith("?"))
    return m


def _in_negated(span: Span, clean: str) -> bool:
    """Whether the span sits in a sentence that negates it ("I can't ... for free")."""
    start = max(clean.rfind(c, 0, span.start) for c in ".!?\n") + 1
    return bool(NEGATED.search(clean[start : span.start]))
