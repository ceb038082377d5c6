"""`callsim review`: the annotated transcript in the terminal."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from simulator.display import cell, plain, printable
from simulator.evaluation.reasons import clauses, shown_reason
from simulator.evaluation.scale import (
    LOW,
    SCALE_WORDS,
    call_points,
    shown,
    trainee_numbers,
    turn_points,
)
from simulator.models import SKILLS, Turn
from simulator.review.view import CallView

SKILL_STYLE = {"empathy": "magenta", "boundary": "yellow", "pacing": "cyan", "winwin": "green"}


def _score(v: float | None) -> str:
    return shown(turn_points(v), "n/a")


def highlighted(t: Turn) -> Text:
    """The turn's text with each skill's evidence spans underlined in the skill's colour."""
    if t.evaluation is None or printable(t.text) != t.text:
        return plain(t.text)  # control codes inside: safety first, highlights would shift
    text = Text(t.text)
    for skill in SKILLS:
        for span in clauses(t.text, t.evaluation.skills[skill].evidence):
            if 0 <= span.start < span.end <= len(t.text):
                text.stylize(f"underline {SKILL_STYLE[skill]}", span.start, span.end)
    return text


def evidence_lines(t: Turn) -> list[Text]:
    """Each skill's evidence in words, marked + (shown) or - (missed): the underline alone
    says neither, and shows nothing in a pipe or with NO_COLOR."""
    out: list[Text] = []
    if t.evaluation is None:
        return out
    for skill in SKILLS:
        s = t.evaluation.skills[skill]
        points = turn_points(s.score)
        found = clauses(t.text, s.evidence)
        if points is None or not s.at_stake or not found:
            continue
        mark = "+" if points >= LOW else "-"
        quoted = "; ".join(f'"{c.text}"' for c in found)
        out.append(plain(f"  {mark} {skill}: {quoted}", SKILL_STYLE[skill]))
    return out


def render(view: CallView, console: Console) -> None:
    """Header, each turn annotated, then the call-level scores and coaching."""
    # The gap is added outside the filter, which trims a line's edges ("23:55id ...").
    header = plain(view.title, "bold", one_line=True)
    header.append("   id ")
    console.print(header + plain(view.id, one_line=True))
    for problem in view.transcript.problems:
        console.print(plain(problem, "yellow", one_line=True))
    legend = "  ".join(f"[underline {c}]{s}[/]" for s, c in SKILL_STYLE.items())
    console.print(f"evidence: {legend}   scores 0-100: {SCALE_WORDS}")
    numbers = trainee_numbers(view.turns)
    name = view.persona.identity.name.split()[0] if view.persona else "Client"
    for t in view.turns:
        if t.speaker == "persona":
            flag = Text(" (authored fallback)" if t.fallback else "", style="dim")
            cut = Text(" (cut off: the backend failed)" if t.cut_off else "", style="dim")
            console.print(plain(f"{name}: ", "bold cyan") + plain(t.text) + flag + cut)
            continue
        scores = Table.grid(padding=(0, 2))
        ev = t.evaluation
        if ev is not None:
            scores.add_row(
                *(
                    f"[{SKILL_STYLE[k]}]{k} {_score(ev.skills[k].score)}[/]"
                    if ev.skills[k].at_stake
                    else f"[dim]{k} ({_score(ev.skills[k].score)}, not at stake)[/dim]"
                    for k in SKILLS
                ),
                f"[dim]{'provoked' if ev.provoked else ''}[/dim]",
            )
        parts: list[RenderableType] = [highlighted(t), scores, *evidence_lines(t)]
        if ev is not None:
            reasons = "; ".join(
                f"{k}: {shown_reason(ev.skills[k], k)}" for k in SKILLS if ev.skills[k].reason
            )
            parts.append(plain(reasons, "dim"))
        if t.state_after is not None:
            s = t.state_after
            parts.append(
                Text(
                    f"client after: trust {s.trust:.0f}  patience {s.patience:.0f}  interest {s.interest:.0f}",
                    style="dim",
                )
            )
        if t.timing is not None and t.timing.submit_s is not None:
            parts.append(Text(f"replied after {t.timing.submit_s:.1f}s", style="dim"))
        for note in view.judge_notes_for(t.text):
            parts.append(
                plain(f'judge: try instead "{note["try_instead"]}" ({note["why"]})', "bold")
            )
        console.print(
            Panel(
                Group(*parts),
                title=f"Your turn {numbers[t.index]}",
                title_align="left",
                border_style="dim",
            )
        )
    render_scores(view, console)


def render_scores(view: CallView, console: Console) -> None:
    """Call-level scores (referee and judge), fit verdict and moments."""
    s = view.summary
    if s is None:
        console.print("[yellow]persona file missing: call scores unavailable[/yellow]")
        return
    table = Table("skill", "referee", "judge", title=f"Outcome: {s.outcome.value}")
    judge = (view.judge or {}).get("skills", {})
    for k in SKILLS:
        table.add_row(k, shown(call_points(s.skills[k])), cell(judge.get(k, "-")))
    table.add_row("[bold]overall[/bold]", shown(call_points(s.overall)), "")
    console.print(table)
    console.print(plain(f"fit verdict: {s.fit_check}"))
    if view.scenario_check is not None:
        from simulator.review.scenario_check import describe

        console.print(plain(describe(view.scenario_check), "bold"))
    console.print(
        f"facts uncovered {len(s.facts_uncovered)}/{s.facts_total}; questions {s.open_questions} open, {s.closed_questions} closed; talk share {s.talk_share:.0%}"
    )
    if not s.moments:
        return
    heading = "Moments to redo" if any(m.fault for m in s.moments) else "The moment to polish"
    console.print(Text(heading, style="bold"))
    for m in s.moments:
        console.print(
            Text(f"  your turn {m.turn_no}, {m.skill} {m.points}: ", style="bold")
            + plain(f'you said "{m.you_said}"')
        )
        console.print(plain(f"    why: {m.why}" + (f"; {m.cost}" if m.cost else ""), "dim"))
        console.print(plain(f"    try instead: {m.try_instead}"))
