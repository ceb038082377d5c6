"""Turn an ActorRequest into a completion prompt (tiny local models) or chat messages."""

from __future__ import annotations

from simulator.backends import ActorRequest, ChatMessage
from simulator.prompts import render

TRAINEE_TAG = "Rep"
HISTORY_WINDOW = 8
EXAMPLE_BEATS = ("opening", "probing", "objection", "pressure")


def _first_name(request: ActorRequest) -> str:
    return request.persona.identity.name.split()[0]


def _examples(request: ActorRequest) -> list[str]:
    lines = request.persona.lines
    picked = [getattr(lines, beat)[0] for beat in EXAMPLE_BEATS]
    return [line for line in picked if line != request.example][:4]


PRIMER_WORDS = 2


def primer(request: ActorRequest) -> str:
    """The first words of the authored line: tiny models stay on the beat when started on it."""
    words = request.example.split()
    return " ".join(words[:PRIMER_WORDS]) if len(words) > PRIMER_WORDS + 2 else ""


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
            examples="\n".join(f"{name}: {line}" for line in _examples(request)),
            dialogue="\n".join(dialogue),
            direction=request.direction,
            example=request.example,
        ).rstrip()
        + " "
        + primer(request)
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
