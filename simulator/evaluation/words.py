"""The names people read for skills, client state and outcomes, in the language in force."""

from __future__ import annotations

from simulator.i18n import N_, _, current_lang
from simulator.vocabulary import Outcome

# One name per skill everywhere a call's screens show it (Indonesian: empati, batasan,
# tempo tenang, win-win).
SKILL_LABEL = {
    "empathy": N_("empathy"),
    "boundary": N_("boundary"),
    "pacing": N_("pacing"),
    "winwin": N_("win-win"),
}
STATE_LABEL = {"trust": N_("trust"), "patience": N_("patience"), "interest": N_("interest")}
DIFFICULTY_WORDS = {"easy": N_("easy"), "normal": N_("normal"), "hard": N_("hard")}
OUTCOME_WORDS = {
    Outcome.HUNG_UP: N_("hung up"),
    Outcome.NEXT_STEP: N_("next step agreed"),
    Outcome.TRAINEE_ENDED: N_("trainee ended"),
    Outcome.CONTINUING: N_("continuing"),
}


def skill_label(key: str) -> str:
    """A skill as the call names it: empathy, boundary, pacing, win-win."""
    return _(SKILL_LABEL[key]) if key in SKILL_LABEL else key


def skill_word(key: str) -> str:
    """A skill where English review pages show its key (winwin): translated elsewhere."""
    return key if current_lang() == "en" else skill_label(key)


def state_label(key: str) -> str:
    """trust, patience or interest."""
    return _(STATE_LABEL[key])


def difficulty_word(value: str) -> str:
    """easy, normal or hard (anything else as it is)."""
    return _(DIFFICULTY_WORDS[value]) if value in DIFFICULTY_WORDS else value


def outcome_word(outcome: Outcome) -> str:
    """How a call ended, in words (English: the value with spaces, 'next step agreed')."""
    return _(OUTCOME_WORDS[outcome])


def width(labels: list[str], least: int = 9) -> int:
    """A column wide enough for every label and a space (English: 9, as it always was)."""
    return max(least, *(len(label) + 1 for label in labels))
