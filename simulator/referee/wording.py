"""Reasons the referee gives when the learned judgement, not a rule, decided a score."""

from __future__ import annotations

# Said when the learned level and the rules' reading land on different sides of the middle:
# the reason follows the score's direction, never the rule that was overruled.
LEARNED_REASON = {
    ("empathy", True): "picked up the client's concern",
    ("empathy", False): "moved past the client's concern",
    ("boundary", True): "kept the terms clear",
    ("boundary", False): "gave ground or left the limit unclear",
    ("pacing", True): "took time to understand before acting",
    ("pacing", False): "answered before understanding",
    ("winwin", True): "framed it so both sides gain",
    ("winwin", False): "did not frame it so both sides gain",
}
NOT_AT_STAKE = {
    "empathy": "no feeling or concern from the client to respond to",
    "boundary": "no demand or limit in play in this turn",
    "pacing": "no pressure or question to answer in this turn",
    "winwin": "nothing to negotiate in this turn",
}
LEARNED = frozenset(LEARNED_REASON.values())
