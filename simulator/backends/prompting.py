"""Turn an ActorRequest into a completion prompt (tiny local models) or chat messages."""

from __future__ import annotations

import re

from simulator.backends import ActorRequest, ChatMessage
from simulator.models import Beat
from simulator.prompts import render

TRAINEE_TAG = "Rep"
HISTORY_WINDOW = 8
EXAMPLE_BEATS = ("opening", "probing", "objection", "pressure")


def _first_name(request: ActorRequest) -> str:
    return request.persona.identity.name.split()[0]


def _examples(request: ActorRequest) -> str:
    """Few-shot exchanges (trainee line -> client line): a tiny model answers better from pairs."""
    name = _first_name(request)
    if request.pairs:
        return "\n\n".join(f"{TRAINEE_TAG}: {rep}\n{name}: {line}" for rep, line in request.pairs)
    lines = request.persona.lines
    picked = [lines.for_beat(Beat(beat))[0] for beat in EXAMPLE_BEATS]
    return "\n".join(f"{name}: {line}" for line in picked if line != request.example)


def primer(example: str) -> str:
    """The start of the chosen line: the model continues it in the client's voice.

    A line of several sentences is started with its first sentence; a single sentence with
    about half its words, so the model finishes the thought the director chose.
    """
    words = example.split()
    if len(words) < 6:
        return ""
    first = re.match(r".+?[.!?](?=\s)", example)
    if first and len(first.group().split()) < len(words) - 2:
        return first.group()
    return " ".join(words[: max(3, len(words) // 2)])


def completion_prompt(request: ActorRequest) -> str:
    """Transcript continuation: scene, voice examples, dialogue, then the persona's tag."""
    name = _first_name(request)
    ident = request.persona.identity
    dialogue = [
        f"{name if speaker == 'persona' else TRAINEE_TAG}: {text}"
        for speaker, text in request.history[-HISTORY_WINDOW:]
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
