"""Lines a client speaks word for word must be in their own voice: third person caught and turned."""

from __future__ import annotations

import re

from simulator.i18n import _

# A word that shows the speaker talking about themselves (or their side).
FIRST_PERSON = re.compile(
    r"\b(i|i'm|i've|i'd|i'll|me|my|mine|myself|we|we're|we've|we'd|we'll|us|our|ours)\b",
    re.IGNORECASE,
)
# Sentence starts that describe someone rather than speak as them.
THIRD_START = re.compile(
    r"^(she's|he's|she'd|he'd|she'll|he'll|she|he|her|his|they're|they've|they'd|they'll|"
    r"they|their|them)\b",
    re.IGNORECASE,
)
SENTENCES = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"[A-Za-z']+|[^A-Za-z']+")
# Words that may sit between a pronoun and its verb: "she always needs".
ADVERBS = frozenset(
    [
        "always",
        "also",
        "never",
        "only",
        "still",
        "just",
        "really",
        "usually",
        "often",
        "already",
        "actually",
    ]
)
# "she <verb>" -> "I <verb>": the irregular ones; regular verbs lose their -s.
IRREGULAR = {
    "is": "am",
    "isn't": "am not",
    "has": "have",
    "hasn't": "haven't",
    "does": "do",
    "doesn't": "don't",
    "was": "was",
    "wasn't": "wasn't",
    "goes": "go",
}
NOT_VERBS = frozenset(["this", "thus", "plus", "gas", "bus", "yes", "less", "news"])
# Pronouns (and contractions) of the client, in their own voice.
SINGULAR = {
    "she": "I",
    "he": "I",
    "she's": "I'm",
    "he's": "I'm",
    "she'd": "I'd",
    "he'd": "I'd",
    "she'll": "I'll",
    "he'll": "I'll",
    "her": "my",
    "his": "my",
    "him": "me",
    "herself": "myself",
    "himself": "myself",
}
PLURAL = {
    "they": "we",
    "they're": "we're",
    "they've": "we've",
    "they'd": "we'd",
    "they'll": "we'll",
    "their": "our",
    "theirs": "ours",
    "them": "us",
    "themselves": "ourselves",
}


def _names(name: str) -> set[str]:
    """The client's name as words a line could use: each part, lower-cased."""
    return {part.lower() for part in re.findall(r"[A-Za-z][A-Za-z'-]+", name)}


def third_person(text: str, name: str = "") -> str:
    """Why a spoken line reads as someone describing the client ("" if it is in their voice)."""
    words = {w.lower().removesuffix("'s") for w in re.findall(r"[A-Za-z][A-Za-z']*", text)}
    named = sorted(words & _names(name))
    if named:
        named_it = _("it names the client ({name}); they would say I, me or my")
        return named_it.format(name=named[0].title())
    if re.search(r"\bthe client\b", text, re.IGNORECASE):
        return _('it says "the client"; the client would say I, me or my')
    if FIRST_PERSON.search(text):
        return ""  # "I report to the CFO. She signs anything over 10,000." is their voice
    for sentence in SENTENCES.split(text.strip()):
        start = THIRD_START.match(sentence)
        if start:
            following = sentence[start.end() :].split()
            said = " ".join([start.group(0), *following[:1]]).strip()
            return _('it reads as someone describing the client ("{said}")').format(said=said)
    return ""


def _present(verb: str) -> str:
    """A third-person verb in the first person: needs -> need, tries -> try, has -> have."""
    low = verb.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low in NOT_VERBS or not low.endswith("s") or low.endswith("ss") or len(low) < 3:
        return verb
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    if re.search(r"(sh|ch|x|z|o)es$", low):
        return verb[:-2]
    return verb[:-1]


def first_person(text: str, name: str = "") -> str:
    """A best-effort rewrite in the client's voice, offered to the author to accept or redo."""
    names = _names(name)
    tokens = WORD.findall(text)
    out: list[str] = []
    conjugate = False  # the next verb follows a singular pronoun that became "I"
    named = False  # the last word was part of the client's name
    for token in tokens:
        low = token.lower()
        if not re.match(r"[A-Za-z]", token):
            out.append(token)
            continue
        replaced = token
        if named and low.removesuffix("'s") in names and out and not out[-1].strip():
            # "Alex Morgan has" is one person: "I have", not "I Me has".
            out.pop()
            if low.endswith("'s"):
                out[-1] = "My" if out[-1] == "I" else "my"
            continue
        named = low.removesuffix("'s") in names
        if named:
            at_start = not "".join(out).strip() or "".join(out).rstrip()[-1:] in ".!?"
            replaced = "my" if low.endswith("'s") else ("I" if at_start else "me")
            conjugate = replaced == "I"
        elif low in SINGULAR:
            replaced = SINGULAR[low]
            conjugate = low in ("she", "he")
        elif low in PLURAL:
            replaced = PLURAL[low]
            conjugate = False
        elif conjugate and low in ADVERBS:
            pass
        elif conjugate:
            replaced = _present(token)
            conjugate = False
        else:
            conjugate = False
        said = "".join(out).rstrip()
        at_start = not said or said[-1:] in ".!?"
        # A name is capitalised anywhere; its pronoun only where a sentence starts.
        if replaced.startswith(("my", "me", "we", "our", "us")) and at_start:
            replaced = replaced[:1].upper() + replaced[1:]
        out.append(replaced)
    rewritten = "".join(out)
    rewritten = re.sub(r"\bI am\b", "I'm", rewritten)
    rewritten = re.sub(r"\bI'm (been|got)\b", r"I've \1", rewritten)  # she's been: she has
    # "Our boss" stays capitalised at a sentence start, "my" mid-sentence stays lower.
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), rewritten)
