"""Reasons the referee gives when the learned judgement, not a rule, decided a score."""

from __future__ import annotations

from simulator.i18n import N_

# Said when the learned level and the rules' reading land on different sides of the middle:
# the reason follows the score's direction, never the rule that was overruled.
LEARNED_REASON = {
    ("empathy", True): N_("picked up the client's concern"),
    ("empathy", False): N_("moved past the client's concern"),
    ("boundary", True): N_("kept the terms clear"),
    ("boundary", False): N_("gave ground or left the limit unclear"),
    ("pacing", True): N_("took time to understand before acting"),
    ("pacing", False): N_("answered before understanding"),
    ("winwin", True): N_("framed it so both sides gain"),
    ("winwin", False): N_("did not frame it so both sides gain"),
}
# A plain turn lifted to the middle (scorer.PLAIN_FOR): its learned reason would praise or
# fault what it never tried ("picked up the client's concern" for a goodbye).
PLAIN_REASON = N_("a plain turn (a goodbye, an ok, call admin or a next step): nothing to fault")
NOT_AT_STAKE = {
    "empathy": N_("no feeling or concern from the client to respond to"),
    "boundary": N_("no demand or limit in play in this turn"),
    "pacing": N_("no pressure or question to answer in this turn"),
    "winwin": N_("nothing to negotiate in this turn"),
}
LEARNED = frozenset([*LEARNED_REASON.values(), PLAIN_REASON])
