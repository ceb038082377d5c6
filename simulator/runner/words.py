"""A run's saved findings (English, as JSON, JUnit and the resume file keep them) read in
the language in force: why a run missed, and the brief's criteria met or missed."""

from __future__ import annotations

import re

from simulator.evaluation.words import outcome_word, skill_word
from simulator.i18n import N_, _, current_lang
from simulator.vocabulary import Outcome

_OUTCOME = re.compile(r"outcome (\S+), expected (.+)")
_RANGE = re.compile(r"(\w+) (\S+), expected (\S+)")
_PAIR = re.compile(r"pair: (\w+) (\S+) \(good rep\) not above (\S+) \((.+)\)")
_CRITERION = re.compile(r"(outcome|fact|verdict) (.+): (met|missed|uncovered|right)")
MARKS = {
    "met": N_("met"),
    "missed": N_("missed"),
    "uncovered": N_("uncovered"),
    "right": N_("right"),
}


def outcome_name(value: str) -> str:
    """A saved outcome value in words (English: as saved, next_step_agreed)."""
    known = {o.value for o in Outcome}
    if current_lang() == "en":
        return value
    return outcome_word(Outcome(value)) if value in known else value


def measure_word(name: str) -> str:
    """A skill or "overall" as a screen names it (English: the key, winwin)."""
    return _("overall") if name == "overall" else skill_word(name)


def failure_text(failure: str) -> str:
    """Why a run missed its expectations, as `check` and `check_pairs` saved it."""
    if current_lang() == "en":
        return failure
    if m := _OUTCOME.fullmatch(failure):
        allowed = _(" or ").join(outcome_name(v) for v in m.group(2).split(" or "))
        return _("outcome {got}, expected {allowed}").format(
            got=outcome_name(m.group(1)), allowed=allowed
        )
    if m := _PAIR.fullmatch(failure):
        return _("pair: {skill} {good} (good rep) not above {bad} ({scenario})").format(
            skill=measure_word(m.group(1)), good=m.group(2), bad=m.group(3), scenario=m.group(4)
        )
    if m := _RANGE.fullmatch(failure):
        return _("{skill} {got}, expected {range}").format(
            skill=measure_word(m.group(1)), got=m.group(2), range=m.group(3)
        )
    return failure


def criterion_text(criterion: str) -> str:
    """A brief's success criterion marked met or missed, as `success_report` saved it."""
    m = _CRITERION.fullmatch(criterion)
    if current_lang() == "en" or m is None:
        return criterion
    kind, what, mark = m.groups()
    if kind == "outcome":
        line = _("outcome {what}: {mark}")
        what = outcome_name(what)
    elif kind == "fact":
        line = _("fact {what}: {mark}")
    else:
        line = _("verdict {what}: {mark}")
    return line.format(what=what, mark=_(MARKS[mark]))


_UNUSABLE = re.compile(
    r"(\d+) of (\d+) model lines were unusable and replaced by authored lines \(first: (.+)\)"
)


def error_text(error: str) -> str:
    """Why a run errored, as `run_scenario` saved it (a backend's own words stay as they are)."""
    if current_lang() == "en":
        return error
    if error == "backend failed":
        return _("backend failed")
    if m := _UNUSABLE.fullmatch(error):
        return _(
            "{n} of {total} model lines were unusable and replaced by authored lines "
            "(first: {first})"
        ).format(n=m.group(1), total=m.group(2), first=m.group(3))
    return error
