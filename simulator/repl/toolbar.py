"""The call's status line: who, turn, time, backend and labelled meters that fit the width."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.display import printable
from simulator.evaluation.scale import shown, turn_points
from simulator.evaluation.words import difficulty_word, skill_label, state_label
from simulator.i18n import N_, _
from simulator.models import SKILLS

if TYPE_CHECKING:
    from simulator.engine.call import Call

# TRANSLATORS: three-letter abbreviations of the skills in the toolbar (see the legend).
SHORT = {"empathy": N_("emp"), "boundary": N_("bnd"), "pacing": N_("pac"), "winwin": N_("w-w")}
TITLE_MIN = 12
# TRANSLATORS: three-letter abbreviations of trust, patience, interest in the toolbar.
STATE_SHORT = {"trust": N_("tru"), "patience": N_("pat"), "interest": N_("int")}
LEGEND = N_(
    "toolbar: tru/pat/int = the client's trust, patience, interest (0-100); "
    "emp/bnd/pac/w-w = your last turn's empathy, boundary, pacing, win-win (0-100, - = not at stake)"
)


def legend() -> str:
    """What the toolbar's abbreviations stand for, in the language in force."""
    return _(LEGEND)


def meters(call: Call, short: bool, widest: bool = False) -> list[str]:
    """The client's state and the last turn's four scores, spelled out or abbreviated;
    `widest`: the longest these can ever be, to choose a layout that will not change."""
    s = call.state
    state = {"trust": s.trust, "patience": s.patience, "interest": s.interest}
    if widest:
        state = dict.fromkeys(state, 100.0)
    out = [
        (_("client ") if not short else "")
        + " ".join(
            f"{_(STATE_SHORT[k]) if short else state_label(k)} {v:.0f}" for k, v in state.items()
        )
    ]
    trainee = [t for t in call.turns if t.speaker == "trainee"]
    last = trainee[-1] if trainee and trainee[-1].evaluation else None
    label = {k: _(SHORT[k]) if short else skill_label(k) for k in SKILLS}
    # TRANSLATORS: "t3: emp 50 ..." in the narrowest toolbar; "your turn 3: ..." when wide.
    which = _("t") if short else _("your turn ")
    if widest:
        out.append(f"{which}999: " + " ".join(f"{label[k]} 100" for k in SKILLS))
    elif last is not None and last.evaluation is not None:
        ev = last.evaluation.skills
        scores = " ".join(f"{label[k]} {shown(turn_points(ev[k].score))}" for k in SKILLS)
        out.append(f"{which}{len(trainee)}: {scores}")
    return out


def status(call: Call, mode: str, elapsed: int, width: int) -> tuple[str, str]:
    """(title, the rest) for a line of `width` columns: drops detail, never the meters.

    The layout is chosen for the widest the line can get, so it holds for the whole call
    at a given width: it no longer switches between long and short words, or loses and
    regains the clock, as scores come and go.
    """
    title = printable(call.persona.title, one_line=True, limit=40)
    backend = printable(call.backend.name, one_line=True, limit=24)
    model = printable(call.backend.model, one_line=True, limit=200).removesuffix(".gguf")
    turn = sum(1 for t in call.turns if t.speaker == "trainee") + 1
    where = f"{backend}/{model[:24]}"

    def layouts(widest: bool) -> list[tuple[str, list[str]]]:
        n = 99 if widest else turn  # a real call's widest
        head = [f"({difficulty_word(call.difficulty.value)})", _("your turn {n}").format(n=n)]
        clock = "99:59" if widest else f"{elapsed // 60}:{elapsed % 60:02d}"
        long, short = (meters(call, k, widest) if mode == "coached" else [] for k in (False, True))
        return [
            ("  |  ", [*head, clock, where, *long]),
            ("  |  ", [*head, clock, *long]),
            ("  |  ", [*head, clock, *short]),
            (" | ", [_("turn {n}").format(n=n), clock, *short]),
            (" | ", [clock, *short]),  # the meters say the turn ("t3:")
        ]

    # The title may give way to TITLE_MIN characters; the clock and meters never do. The room
    # is the same for every client, so "The Boss" and "Good-Fit Partner" get the same layout
    # at the same width (live round 19: long labels for one client, short for the next).
    room = width - TITLE_MIN - 1
    fitting = [len(sep.join(p)) <= room for sep, p in layouts(widest=True)]
    level = fitting.index(True) if True in fitting else len(fitting) - 1
    sep, parts = layouts(widest=False)[level]
    rest = " " + sep.join(parts)
    return title[: max(0, width - len(rest))], rest
