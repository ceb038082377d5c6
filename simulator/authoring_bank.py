"""The starter response bank of a written persona: answers to the usual discovery questions."""

from __future__ import annotations

from typing import Any

from simulator.display import mid_sentence

# Per topic: the questions the author's own answer is keyed by, then those of a guarded
# line for a client who does not trust the trainee yet. Each key set is an example
# question (`after`) and three other phrasings (`asks`: plain, indirect, casual or
# non-native), so a question is answered by meaning, as in shipped personas.
KEYS: dict[str, tuple[tuple[str, list[str]], tuple[str, list[str]]]] = {
    "business": (
        (
            "Tell me a bit about your company.",
            [
                "What does your company do?",
                "Could you describe your organisation and where you fit in it?",
                "what your business do?",
            ],
        ),
        (
            "What's your role there?",
            [
                "Tell me about yourself.",
                "How did this project end up on your desk?",
                "what you do in your job?",
            ],
        ),
    ),
    "today": (
        (
            "How do you handle this today?",
            [
                "What are you using at the moment?",
                "What's your current solution?",
                "how you do it now?",
            ],
        ),
        (
            "Walk me through how it works right now.",
            [
                "What does the current setup look like?",
                "Which tools or systems do you rely on today?",
                "what system you have now?",
            ],
        ),
    ),
    "past": (
        (
            "What went wrong last time?",
            [
                "Have you tried to fix this before?",
                "What happened with the previous vendor or project?",
                "you try this before?",
            ],
        ),
        (
            "What have you tried so far?",
            [
                "Did you work with anyone on this before?",
                "How did earlier attempts go?",
                "what happen with last supplier?",
            ],
        ),
    ),
    "success": (
        (
            "What would success look like for you?",
            [
                "What does a good outcome look like?",
                "How would you know, six months in, that it worked?",
                "what is success for you?",
            ],
        ),
        (
            "How will you judge whether this worked?",
            [
                "What result are you hoping for?",
                "What would make this worthwhile for you?",
                "what result you want?",
            ],
        ),
    ),
    "team": (
        (
            "Who on your side would work on this with us?",
            [
                "Who's on your team for this?",
                "Who would be our day-to-day contact?",
                "who work with us from your company?",
            ],
        ),
        (
            "Do you have people in-house for this?",
            [
                "How big is your team?",
                "Who would we work with day to day?",
                "you have team for this?",
            ],
        ),
    ),
    "worry": (
        (
            "What worries you most about this?",
            [
                "What are the biggest risks for you?",
                "Is there anything that makes you nervous about this project?",
                "what you afraid of?",
            ],
        ),
        (
            "Any concerns so far?",
            [
                "What's holding you back?",
                "Do you have doubts about the project?",
                "you have some doubts?",
            ],
        ),
    ),
}
# What a client who does not trust the trainee yet says instead (trust 0-40).
GUARDED = {
    "business": "{company}, {industry}. I'll tell you more once I know how you work.",
    "today": "We manage, more or less. I'd rather hear how you would do it.",
    "past": "We've tried before, and it didn't go to plan. I'd rather not go into it yet.",
    "success": "Something that works and doesn't eat my week. We can get specific later.",
    "team": "A few people, all busy already. Let's see if this goes anywhere first.",
    "worry": "A few doubts. I'll share them once I know you better.",
}
# An unearned question about a hidden fact: warm clients defer, the rest push back.
DEFLECT = {
    "warm": {
        "budget": [
            "We do have money set aside; I'd like to hear your approach before we talk figures.",
            "Numbers will come. First tell me how you'd tackle it.",
        ],
        "deadline": [
            "There's a date, yes. How long would something like this take you?",
            "We have a timeline in mind; I'll share it when we know the scope.",
        ],
        "decision": [
            "A couple of people will weigh in. Let's first see if we're a match.",
            "I'll bring the right people in once there's something to show them.",
        ],
        "pain": [
            "It's a few things, really. What have you seen go wrong in places like ours?",
            "I'll get to the heart of it. First, how do you usually start?",
        ],
    },
    "cool": {
        "budget": [
            "What would you charge? You first.",
            "Money comes later, once I know you're worth it.",
        ],
        "deadline": [
            "Soon. How fast can you actually deliver?",
            "The date is my business until I know you can deliver.",
        ],
        "decision": [
            "Let me worry about who signs. Convince me first.",
            "Who decides isn't your concern yet.",
        ],
        "pain": [
            "You tell me. You're the expert.",
            "If I told you everything up front, what would I need you for?",
        ],
    },
}
UNPLACED = [
    "Hm, I'd have to think about that one. Why do you ask?",
    "Not something I have an answer to right now. Does it matter for the work?",
    "I'd need to check. What's behind the question?",
]
BACK_CHANNEL = [
    "Carry on, I'm listening.",
    "Mm. And then?",
    "Right, keep going.",
    "Okay. Say more.",
]


def business_line(role: str, company: str, about: str) -> str:
    """Who they are, as they would say it: "I'm the CFO at X, a family-run dental group."."""
    about = about.strip().rstrip(".")
    if about.split(" ", 1)[0] in ("A", "An", "The"):
        about = mid_sentence(about)
    return f"I'm the {role} at {company}, {about}."


def topics(answers: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Per topic: the author's answer, keyed by its questions, and a guarded line."""
    out: dict[str, list[dict[str, Any]]] = {}
    for topic, ((after, asks), (guarded_after, guarded_asks)) in KEYS.items():
        main = answers[topic]
        guarded = GUARDED[topic].format(**answers)
        out[topic] = [
            {"say": main, "after": after, "asks": asks},
            {
                "say": guarded,
                "trust": [0, 40],
                "after": guarded_after,
                "asks": guarded_asks,
            },
        ]
    return out


def deflect(category: str) -> dict[str, list[str]]:
    """Per hidden fact: what the client says when asked before trusting the trainee."""
    return DEFLECT["warm" if category == "good-fit" else "cool"]
