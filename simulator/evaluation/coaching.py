"""Try-instead lines for this persona and this moment, in the call's own words."""

from __future__ import annotations

import re

from simulator.evaluation.address import addressed
from simulator.evaluation.hints import topic_of
from simulator.i18n import N_, _
from simulator.models import SKILLS, Persona
from simulator.vocabulary import Beat

# Only for a persona without a `coaching:` block (a user's own, say): no project, no names.
# Translated when used, so an Indonesian call gets Indonesian ones.
GENERIC: dict[str, list[str]] = {
    "empathy": [
        N_(
            'When you say "{client_words}", it sounds like something is at stake for you. '
            "What's behind it?"
        )
    ],
    "boundary": [
        N_(
            "I want to be straight with you: that's not something I can do as asked, because "
            "it would cost the quality you're paying for. What I can offer instead is a "
            "smaller first step."
        )
    ],
    "pacing": [
        N_('Before I answer "{client_words}", can I ask what a good outcome looks like for you?')
    ],
    "winwin": [
        N_(
            "If we agree first on what matters most to you, we can shape the rest so it works "
            "for both of us."
        )
    ],
}
# For a giveaway nobody asked for (an unasked discount, a free extra): the generic boundary
# line above answers a request, and there was none.
UNASKED: dict[str, list[str]] = {
    "boundary": [
        N_(
            "I'd keep that as a separate, paid option, so you only pay for what you need. "
            "Want me to quote it on its own?"
        )
    ],
}
# The phrases `fill` swaps for a plain reference when there are no words worth quoting.
WHEN_YOU_SAY = N_('When you say "{client_words}"')
WHEN_YOU_SAY_THAT = N_("When you say that")
THAT = N_("that")


# What to do, when every line for the moment was given already (the rubric's advice).
HOW: dict[str, str] = {
    "empathy": N_("Name what they are worried about in their words, then ask them to say more."),
    "boundary": N_("Say the limit plainly and kindly, give the reason, and offer an alternative."),
    "pacing": N_("Take the heat out and ask one clarifying question before you answer."),
    "winwin": N_("Name what each side needs and offer an option that trades value both ways."),
}


def how(skill: str) -> str:
    """The rubric's advice for SKILL, in the language in force."""
    return _(HOW[skill])


def generic(skill: str, persona: Persona | None = None) -> list[str]:
    """The generic try-instead lines for SKILL, in the language in force, addressed to the
    client the way the persona's own coaching lines address them."""
    return [addressed(_(line), persona) for line in GENERIC[skill]]


MAX_QUOTE_WORDS = 12
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def client_words(line: str) -> str:
    """The client's words worth quoting back: a whole sentence that presses or asks.

    Never a cut sentence ('When you say "They have 12"') and never filler ("Hey hey, all
    good here"): a sentence that names no topic and asks nothing is not quoted at all.
    """
    # Four words at least: 'When you say "Does it"' quotes nothing the client meant.
    sentences = [s.strip() for s in _SENTENCE.findall(line) if len(s.strip().split()) >= 4]
    pressing = [s for s in sentences if topic_of([s])] or [s for s in sentences if "?" in s]
    whole = [s for s in pressing if len(s.split()) <= MAX_QUOTE_WORDS]
    return whole[0].rstrip(".!?,;: ") if whole else ""


def fill(template: str, client_line: str) -> str:
    """The template with the client's own words in place, or a plain reference if none."""
    words = client_words(client_line)
    if not words:
        template = template.replace(_(WHEN_YOU_SAY), _(WHEN_YOU_SAY_THAT))
        template = template.replace('"{client_words}"', "{client_words}")
        # "that" opening a sentence starts with a capital ('Pertanyaan yang wajar. Begitu, ...').
        that = _(THAT)
        template = re.sub(
            r"(^|[.!?]\s+)\{client_words\}",
            lambda m: m.group(1) + that[:1].upper() + that[1:],
            template,
        )
        return template.replace("{client_words}", that)
    return template.replace("{client_words}", words)


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
# Words too common to show that a line assumes something the call never said.
_COMMON = frozenset(
    [
        "about",
        "after",
        "again",
        "also",
        "because",
        "before",
        "being",
        "could",
        "every",
        "first",
        "from",
        "have",
        "here",
        "just",
        "know",
        "like",
        "make",
        "more",
        "most",
        "much",
        "need",
        "only",
        "other",
        "really",
        "right",
        "should",
        "some",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "time",
        "today",
        "want",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
        "you're",
        "we're",
        "it's",
        "that's",
        "don't",
        "can't",
        "i'll",
        "we'll",
    ]
)


# The same for Indonesian coaching lines: words any reply uses say nothing about a fact.
_COMMON_ID = frozenset(
    [
        "saya",
        "kami",
        "kita",
        "anda",
        "kamu",
        "bapak",
        "mereka",
        "yang",
        "untuk",
        "dengan",
        "dari",
        "pada",
        "akan",
        "atau",
        "juga",
        "bisa",
        "tidak",
        "nggak",
        "enggak",
        "sudah",
        "udah",
        "belum",
        "kalau",
        "kalo",
        "jadi",
        "karena",
        "supaya",
        "agar",
        "harus",
        "lebih",
        "sama",
        "seperti",
        "dulu",
        "nanti",
        "sekarang",
        "lagi",
        "masih",
        "hanya",
        "cuma",
        "semua",
        "setiap",
        "bagian",
        "boleh",
        "mungkin",
        "tapi",
        "tetapi",
        "namun",
        "lalu",
        "terus",
        "biar",
        "buat",
        "bukan",
        "adalah",
        "ingin",
        "mau",
        "perlu",
        "dapat",
        "kasih",
        "minta",
        "sini",
        "situ",
        "sana",
        "begitu",
        "gitu",
        "gimana",
        "bagaimana",
        "berapa",
        "kapan",
        "siapa",
        "kenapa",
        "mengapa",
        "dimana",
        "waktu",
        "hari",
        "minggu",
        "bulan",
        "tahun",
        "pertama",
        "dulu",
        "sebelum",
        "sesudah",
        "setelah",
        "yang",
    ]
)
# How Indonesians address a client: a form of address, not a name nobody mentioned.
_ADDRESS = frozenset(
    [
        "Bapak",
        "Ibu",
        "Pak",
        "Bu",
        "Kak",
        "Kakak",
        "Mas",
        "Mbak",
        "Anda",
        "Teh",
        "Nak",
        "Bang",
        "Om",
        "Tante",
        "Mbak",
        "Dik",
    ]
)


_NAMED = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z'-]+")
_FIGURE = re.compile(
    r"\d[\d,.]*\d|\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|"
    r"thirty|forty|fifty|hundred)(?= (?:percent|per cent|grand|thousand|k)\b)",
    re.IGNORECASE,
)


def _content(text: str) -> set[str]:
    return {
        w.lower()
        for w in _WORD.findall(text)
        if len(w) >= 4 and w.lower() not in _COMMON and w.lower() not in _COMMON_ID
    }


def fits_the_moment(line: str, persona: Persona | None, known: str | None) -> bool:
    """The line assumes nothing the call had not said by then: no name, figure or hidden
    fact the trainee could not have known ("Frank" before Frank was named)."""
    if persona is None or known is None:
        return True
    public = " ".join(
        [persona.title, persona.summary, persona.wants, persona.opening_line]
        + [str(v) for v in persona.identity.model_dump().values()]
    )
    heard = _content(known + " " + public)
    said = known + " " + public
    told = {w.lower().rstrip(".,") for w in _WORD.findall(said)}
    told |= {f.lower() for f in _FIGURE.findall(said)}
    # A name mid-sentence ("ask Frank") or a figure must have come up already.
    for word in _NAMED.findall(line) + _FIGURE.findall(line):
        if (
            word not in _ADDRESS and word.lower() not in told
        ):  # "ten percent" when nobody named ten percent, too
            return False
    words = _content(line)
    for fact in persona.hidden_facts:
        if any(t.lower() in line.lower() and t.lower() not in known.lower() for t in fact.tells):
            return False
        secret = _content(fact.fact + " " + fact.reveal_line) - heard - _content(public)
        if len(words & secret) >= 2:
            return False
    return True


# A line that answers a request or a question ('Before I answer "..."', 'Before I say yes to
# "..."'): given for a statement, it quotes words nobody asked as if they were a request
# (live round 22: 'Before I say yes to "You're being straight with me about the date"').
ANSWERS_A_REQUEST = re.compile(
    r"\bbefore i (?:answer|say yes)\b|\bi won'?t do \"\{client_words\}\"|"
    r"\bsebelum (?:saya|aku|gue) (?:jawab|bilang (?:ya|iya|oke))\b",
    re.IGNORECASE,
)


def asks_something(client_line: str) -> bool:
    """Whether the client's line asks a question or makes a demand."""
    from simulator.referee.client_asks import DEMAND

    return "?" in client_line or bool(DEMAND.search(client_line.lower()))


def try_instead(
    persona: Persona | None,
    beat: Beat | None,
    skill: str,
    client_line: str,
    nth: int = 0,
    known: str | None = None,
    used: set[str] | None = None,
    unasked: bool = False,
) -> str:
    """One try-instead line for this persona, beat and skill; `nth` rotates through them.

    With `known` (the call so far) a line assuming what was never said is passed over; with
    `used` (lines already given in this review) a line is never given twice; `unasked` (the
    turn gave something away nobody asked for) puts the paid-option line first.
    """
    if unasked and skill in UNASKED:
        first = [addressed(_(line), persona) for line in UNASKED[skill]]
        fresh = [line for line in first if used is None or line not in used]
        if fresh:
            return fresh[0]
    authored = persona.coaching.lines(beat, skill) if persona and persona.coaching else []
    fitting = [t for t in authored if fits_the_moment(t, persona, known)]
    pool = (
        fitting + generic(skill, persona)
        if known is not None
        else (authored or generic(skill, persona))
    )
    start = nth % len(pool) if fitting or known is None else 0
    asked = asks_something(client_line)
    for template in pool[start:] + pool[:start]:
        if not asked and ANSWERS_A_REQUEST.search(template):
            continue
        line = fill(template, client_line)
        if used is None or line not in used:
            return line
    return ""


def hint_lines(
    persona: Persona | None,
    beat: Beat | None,
    client_line: str,
    nth: int = 0,
    known: str | None = None,
) -> list[tuple[str, str]]:
    """(skill, suggested reply) for each skill, for what the client just said; with `known`
    (the call so far), no hint assumes what was never said."""
    return [
        (skill, try_instead(persona, beat, skill, client_line, nth, known=known))
        for skill in SKILLS
    ]
