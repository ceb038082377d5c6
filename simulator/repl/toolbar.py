"""The call's status line: who, turn, time, backend and labelled meters that fit the width."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.display import printable
from simulator.evaluation.scale import shown, turn_points
from simulator.models import SKILLS

if TYPE_CHECKING:
    from simulator.engine.call import Call

SKILL_LABEL = {
    "empathy": "empathy",
    "boundary": "boundary",
    "pacing": "pacing",
    "winwin": "win-win",
}
SHORT = {"empathy": "emp", "boundary": "bnd", "pacing": "pac", "winwin": "w-w"}
STATE_SHORT = {"trust": "tru", "patience": "pat", "interest": "int"}
LEGEND = (
    "toolbar: tru/pat/int = the client's trust, patience, interest (0-100); "
    "emp/bnd/pac/w-w = your last turn's empathy, boundary, pacing, win-win (0-100, - = not at stake)"
)


def meters(call: Call, short: bool) -> list[str]:
    """The client's state and the last turn's four scores, spelled out or abbreviated."""
    s = call.state
    state = {"trust": s.trust, "patience": s.patience, "interest": s.interest}
    out = [
        ("client " if not short else "")
        + " ".join(f"{STATE_SHORT[k] if short else k} {v:.0f}" for k, v in state.items())
    ]
    trainee = [t for t in call.turns if t.speaker == "trainee"]
    last = trainee[-1] if trainee and trainee[-1].evaluation else None
    if last is not None and last.evaluation is not None:
        ev = last.evaluation.skills
        label = SHORT if short else SKILL_LABEL
        scores = " ".join(f"{label[k]} {shown(turn_points(ev[k].score))}" for k in SKILLS)
        out.append(f"{'t' if short else 'your turn '}{len(trainee)}: {scores}")
    return out


def status(call: Call, mode: str, elapsed: int, width: int) -> tuple[str, str]:
    """(title, the rest) for a line of `width` columns: drops detail, never the meters."""
    title = printable(call.persona.title, one_line=True, limit=40)
    backend = printable(call.backend.name, one_line=True, limit=24)
    model = printable(call.backend.model, one_line=True, limit=200).removesuffix(".gguf")
    turn = sum(1 for t in call.turns if t.speaker == "trainee") + 1
    head = [f"({call.difficulty.value})", f"your turn {turn}"]
    clock = f"{elapsed // 60}:{elapsed % 60:02d}"
    where = f"{backend}/{model[:24]}"
    tries: list[list[str]] = []
    for short in (False, True):
        gauges = meters(call, short) if mode == "coached" else []
        tries += [[*head, clock, where, *gauges], [*head, clock, *gauges], [*head, *gauges]]
    tries.append([f"turn {turn}", *(meters(call, True) if mode == "coached" else [])])
    for parts in tries:
        rest = " " + "  |  ".join(parts)
        if len(title) + len(rest) <= width:
            return title, rest
    # Narrower still: the meters stay whole and the title gives way.
    rest = " " + " | ".join(tries[-1])
    return title[: max(0, width - len(rest))], rest
