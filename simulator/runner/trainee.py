"""The trainee side of a scenario: a fixed script, or an automatic trainee with a style."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from simulator.backends import Backend, ChatMessage
from simulator.engine.call import Call
from simulator.errors import BackendError
from simulator.prompts import render
from simulator.referee.lexicon import PROVOCATION_RE
from simulator.scenarios import Policy, Scenario


@dataclass(frozen=True)
class TraineeLine:
    """What the trainee says next, and how long they thought first (seconds)."""

    text: str
    think_s: float | None = None


def scripted(scenario: Scenario) -> Iterator[TraineeLine]:
    """The scenario's fixed turns."""
    for turn in scenario.script or []:
        yield TraineeLine(turn.text, turn.think_s)


GOOD_OPEN = [
    "Thanks for making the time. Before I say anything about me, what's prompting this right now?",
    "Good to meet you. What would make this call worth your time?",
]
GOOD_PRESSURED = [
    "I hear you, and that's fair to raise. Before I answer, can you tell me more about what's behind it?",
    "That sounds frustrating. Help me understand what matters most to you here?",
]
GOOD_BOUNDARY = [
    "I can't do that as asked, because it would cost the quality you're paying for, but what I can offer instead is a smaller first phase.",
    "That's outside what I can do, since I keep my rate and hours steady for every client; what if we trade scope for time instead, so it works for both of us?",
]
GOOD_TOPIC = (
    "What {topic} are you working with, so we can plan something that works for both of us?"
)
GOOD_CLOSE = "I appreciate you being open about this. Shall we book a follow-up call next week to go through a plan together?"
BAD_LINES = [
    "Let me tell you about our industry-leading services, we're the best in the business.",
    "Okay, fine, whatever you want, I'll do it for half price.",
    "That's not true, you don't understand how this works.",
    "Our package is state-of-the-art, sign up today and you won't regret it.",
    "Sure, no problem, I'll do it this weekend for free.",
    "Take it or leave it, that's my price.",
]
TOPICS = {
    "budget": "budget",
    "deadline": "timeline",
    "decision": "decision process",
    "pain": "problem",
}


def rule_policy(policy: Policy, call: Call, seed: int) -> Iterator[TraineeLine]:
    """An offline automatic trainee: deterministic for a seed, shaped by kind good or bad."""
    rng = random.Random(seed)
    topics = [TOPICS[f.kind] for f in call.persona.hidden_facts if f.kind in TOPICS]
    for turn in range(policy.max_turns):
        last = next((t.text for t in reversed(call.turns) if t.speaker == "persona"), "")
        if policy.kind == "bad":
            yield TraineeLine(BAD_LINES[(turn + rng.randrange(2)) % len(BAD_LINES)], 0.5)
            continue
        pressured = bool(PROVOCATION_RE.search(last))
        if turn == 0 and pressured:
            text = rng.choice(GOOD_PRESSURED)
        elif turn == 0:
            text = rng.choice(GOOD_OPEN)
        elif turn == policy.max_turns - 1:
            text = GOOD_CLOSE
        elif pressured and turn % 2:
            text = rng.choice(GOOD_BOUNDARY)
        elif pressured:
            text = rng.choice(GOOD_PRESSURED)
        else:
            text = GOOD_TOPIC.format(topic=topics[turn % len(topics)] if topics else "constraints")
        yield TraineeLine(text, 5.0)


def _clean(reply: str) -> str:
    line = reply.strip().splitlines()[0] if reply.strip() else ""
    line = re.sub(r"^(?:you|me|rep|trainee|freelancer)\s*:\s*", "", line, flags=re.IGNORECASE)
    return line.strip().strip('"')


def llm_policy(
    policy: Policy,
    call: Call,
    backend: Backend,
    scenario: Scenario,
    seed: int,
    errors: list[str] | None = None,
) -> Iterator[TraineeLine]:
    """A capable model plays the trainee in the described style; offline rules if it can't.

    Backend failures are appended to `errors`, so a batch can mark the run as an error.
    """
    system = render("trainee_policy_system", role_label="freelancer", style=policy.style)
    fallback = rule_policy(policy, call, seed)
    for _turn in range(policy.max_turns):
        messages = [ChatMessage("system", system + "\n" + scenario.brief_text())]
        for t in call.turns:
            messages.append(ChatMessage("user" if t.speaker == "persona" else "assistant", t.text))
        try:
            text = _clean(backend.complete(messages))
        except BackendError as exc:
            if errors is not None:
                errors.append(f"trainee side: {exc}")
            text = ""
        if not text:
            yield next(fallback)
            continue
        next(fallback, None)  # keep the fallback in step, so a later switch stays sensible
        yield TraineeLine(text, None)
