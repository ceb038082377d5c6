"""Turn an ActorRequest into a completion prompt (tiny local models) or chat messages."""

from __future__ import annotations

import re

from simulator.backends import ActorRequest, ChatMessage
from simulator.prompts import render
from simulator.vocabulary import Beat

TRAINEE_TAG = "Rep"
HISTORY_WINDOW = 8
EXAMPLE_BEATS = ("opening", "probing", "objection", "pressure")
PAIR_BEATS = ("opening", "probing", "objection", "pressure", "softening", "next_step")
# The completion prompt shows the call from a start that moves in steps, not every turn:
# llama.cpp then reuses the evaluated prefix and evaluates only the turn's new tokens.
# A 30-turn call (61 lines) is re-read once; the context holds 40 lines of a few dozen tokens.
COMPLETION_WINDOW = 40
WINDOW_STEP = 20
# About 1,000 tokens of dialogue: with the scene and examples it stays inside n_ctx 2048.
WINDOW_CHARS = 4000


def _first_name(request: ActorRequest) -> str:
    return request.persona.identity.name.split()[0]


def _examples(request: ActorRequest) -> str:
    """Few-shot exchanges (trainee line -> client line), the same on every turn of a call.

    A tiny model answers better from pairs; they come from the persona alone (not the
    turn), so they sit in the prompt's stable prefix and llama.cpp evaluates them once.
    """
    name = _first_name(request)
    lines = request.persona.lines
    pairs = []
    for beat in PAIR_BEATS:
        entry = next((e for e in lines.entries(Beat(beat)) if e.after), None)
        if entry is not None:
            pairs.append(f"{TRAINEE_TAG}: {entry.after}\n{name}: {entry.say}")
    if pairs:
        return "\n\n".join(pairs)
    picked = [lines.for_beat(Beat(beat))[0] for beat in EXAMPLE_BEATS]
    return "\n".join(f"{name}: {line}" for line in picked)


def window_start(history: list[tuple[str, str]]) -> int:
    """Where the prompt's view of the call starts: it moves in jumps, never every turn.

    A long paste moves it on too (by quarter steps), so the prompt fits the model's context.
    """
    length = len(history)
    start = 0
    if length > COMPLETION_WINDOW:
        start = ((length - COMPLETION_WINDOW) // WINDOW_STEP + 1) * WINDOW_STEP
    while start < length - 1 and sum(len(t) for _, t in history[start:]) > WINDOW_CHARS:
        start = min(length - 1, start + WINDOW_STEP // 4)
    return start


MIN_REST_WORDS = 5


def primer(example: str) -> str:
    """The start of the chosen line: the model says the rest in the client's voice.

    A line of several sentences is started with its first sentence; a single sentence has
    no start and is spoken as authored: a tiny model asked to finish half a sentence turned
    "someone to say yes and build it" into "someone to say no, build it" (blind rating).
    """
    words = example.split()
    if len(words) < 6:
        return ""
    first = re.match(r".+?[.!?](?=\s)", example)
    # A rest of a few words ("So did he.") is too short to judge a rewording of.
    if first and len(first.group().split()) <= len(words) - MIN_REST_WORDS:
        return first.group()
    return ""


def completion_prompt(request: ActorRequest) -> str:
    """Transcript continuation: scene, voice examples, dialogue, then the persona's tag.

    Stable first (scene, voice, examples), the call next, the turn's direction last: each
    turn's prompt extends the previous one's up to the direction.
    """
    name = _first_name(request)
    ident = request.persona.identity
    dialogue = [
        f"{name if speaker == 'persona' else TRAINEE_TAG}: {text}"
        for speaker, text in request.history[window_start(request.history) :]
    ]
    return (
        render(
            "actor_completion",
            name=name,
            role=ident.role,
            company=ident.company,
            about_company=ident.about_company,
            speaking_style=request.persona.speaking_style,
            examples=_examples(request),
            dialogue="\n".join(dialogue),
            direction=request.direction,
            example=request.example,
        ).rstrip()
        + " "
        + primer(request.example)
    )


def stop_sequences(request: ActorRequest) -> list[str]:
    """Stop at the next speaker tag or line break: one turn only."""
    name = _first_name(request)
    return ["\n", f"{TRAINEE_TAG}:", f"{name}:", "("]


def chat_messages(request: ActorRequest) -> list[ChatMessage]:
    """Chat format for capable models: persona system prompt, dialogue, private note."""
    ident = request.persona.identity
    messages = [
        ChatMessage(
            "system",
            render(
                "actor_system",
                name=ident.name,
                role=ident.role,
                company=ident.company,
                about_company=ident.about_company,
                wants=request.persona.wants,
                speaking_style=request.persona.speaking_style,
            )
            + (
                "\n" + render("actor_language_id", name=ident.name)
                if request.persona.lang == "id"
                else ""
            ),
        )
    ]
    for speaker, text in request.history[-HISTORY_WINDOW * 2 :]:
        messages.append(ChatMessage("assistant" if speaker == "persona" else "user", text))
    note = render(
        "actor_note", direction=request.direction, note=request.note, example=request.example
    )
    messages.append(ChatMessage("system", note))
    return messages
